"""The class summary a teacher sees after importing: completion, topics, most missed questions,
and the knowledge check before and after. Pure computation over :class:`ClassResults`."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.model import Text
from .items import ItemStat, analyse_items, check_questions, normalised_gain
from .merge import ClassResults, Pupil

MIN_ATTEMPTS = 3  # a question needs this many answers to be ranked among the most missed
EPS = 1e-9


def is_missed(score: float) -> bool:
    """A wrong or partly right answer."""
    return score < 1.0 - EPS


@dataclass(frozen=True)
class PupilRow:
    pupil: Pupil
    completed: int  # playlist levels completed
    total: int  # playlist length
    stars: int
    max_stars: int
    attempts: int
    average: float | None  # mean score of this pupil's answers in the playlist levels
    pre: float | None
    post: float | None
    topics_completed: tuple[str, ...]  # topic ids whose playlist levels are all completed

    @property
    def improvement(self) -> float | None:
        return None if self.pre is None or self.post is None else self.post - self.pre

    @property
    def gain(self) -> float | None:
        """Normalised gain (post - pre) / (100 - pre): the share of what there was to learn."""
        return normalised_gain(self.pre, self.post)

    @property
    def completion(self) -> float:
        return self.completed / self.total if self.total else 0.0


@dataclass(frozen=True)
class TopicRow:
    topic: str
    title: Text | None
    levels: tuple[str, ...]
    attempts: int
    average: float | None  # mean score of every answer in this topic's playlist levels
    pupils_completed: int  # pupils who completed every playlist level of the topic
    pupils_played: int


@dataclass(frozen=True)
class MissedQuestion:
    level: str
    question: str
    topic: str
    kind: str  # "quiz" or "scenario" (a decision in a story)
    attempts: int
    missed: int
    average: float
    prompt: Text | None = None  # the question (or the story moment) via the catalog
    level_title: Text | None = None
    explain: Text | None = None
    discussion: Text | None = None  # a "talk about it" prompt of the level

    @property
    def share(self) -> float:
        return self.missed / self.attempts if self.attempts else 0.0


@dataclass
class ClassSummary:
    results: ClassResults
    pupils: list[PupilRow] = field(default_factory=list)
    topics: list[TopicRow] = field(default_factory=list)
    most_missed: list[MissedQuestion] = field(default_factory=list)
    attempts: int = 0
    pre_average: float | None = None
    post_average: float | None = None
    pre_count: int = 0
    post_count: int = 0
    paired_count: int = 0
    improvement_average: float | None = None  # mean of (post - pre) over pupils with both
    gain_class: float | None = None  # normalised gain of the class averages (pupils with both checks)
    gain_average: float | None = None  # mean of the pupils' normalised gains
    items: list[ItemStat] = field(default_factory=list)  # item analysis, "pre" items then "post" items

    @property
    def session(self):
        return self.results.session

    @property
    def completion_average(self) -> float | None:
        return sum(p.completion for p in self.pupils) / len(self.pupils) if self.pupils else None


def _mean(values) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def rank_missed(stats: dict[tuple[str, str], list[float]],
                min_attempts: int = MIN_ATTEMPTS) -> list[tuple[tuple[str, str], int, int, float]]:
    """(key, attempts, missed, mean score) for questions with enough answers, most missed first:
    by share of wrong or partial answers, then more answers, then lower mean score, then id."""
    rows = []
    for key, scores in stats.items():
        n = len(scores)
        if n < min_attempts:
            continue
        missed = sum(1 for s in scores if is_missed(s))
        rows.append((key, n, missed, sum(scores) / n))
    rows.sort(key=lambda r: (-r[2] / r[1], -r[1], r[3], r[0]))
    return rows


def summarise(results: ClassResults, catalog, min_attempts: int = MIN_ATTEMPTS) -> ClassSummary:
    session = results.session
    playlist = [lid for lid in session.playlist]
    in_playlist = set(playlist)
    levels = {lid: catalog.levels.get(lid) for lid in playlist}
    topic_of = {lid: (lv.topic if lv is not None else "") for lid, lv in levels.items()}
    topic_order: list[str] = []
    for lid in playlist:
        t = topic_of[lid]
        if t and t not in topic_order:
            topic_order.append(t)
    topic_levels = {t: tuple(lid for lid in playlist if topic_of[lid] == t) for t in topic_order}
    summary = ClassSummary(results)
    per_question: dict[tuple[str, str], list[float]] = {}
    per_topic_scores: dict[str, list[float]] = {t: [] for t in topic_order}
    topic_done = {t: 0 for t in topic_order}
    topic_played = {t: 0 for t in topic_order}
    for pupil in results.pupils:
        scores = []
        played_topics = set()
        for a in pupil.attempts:
            if a.level not in in_playlist:
                continue
            scores.append(a.score)
            per_question.setdefault((a.level, a.question), []).append(a.score)
            t = topic_of.get(a.level)
            if t:
                per_topic_scores[t].append(a.score)
                played_topics.add(t)
        summary.attempts += len(scores)
        # Only levels answered in this session count (older results files also listed levels
        # finished at home before the lab day).
        in_session = {a.level for a in pupil.attempts}
        done = [lid for lid in playlist if (s := pupil.levels.get(lid)) is not None and s.completed and lid in in_session]
        stars = sum(min(3, pupil.levels[lid].best_stars) for lid in playlist if lid in pupil.levels and lid in in_session)
        finished_topics = tuple(t for t in topic_order if all(lid in done for lid in topic_levels[t]))
        for t in topic_order:
            if t in finished_topics:
                topic_done[t] += 1
            if t in played_topics:
                topic_played[t] += 1
        summary.pupils.append(PupilRow(pupil, len(done), len(playlist), stars, 3 * len(playlist), len(scores),
                                       _mean(scores), pupil.pre.score if pupil.pre else None,
                                       pupil.post.score if pupil.post else None, finished_topics))
    for t in topic_order:
        topic = catalog.topics.get(t)
        summary.topics.append(TopicRow(t, topic.title if topic is not None else None, topic_levels[t],
                                       len(per_topic_scores[t]), _mean(per_topic_scores[t]), topic_done[t], topic_played[t]))
    for (lid, qid), n, missed, avg in rank_missed(per_question, min_attempts):
        lv = levels.get(lid)
        prompt = explain = discussion = title = None
        kind = "quiz"
        if lv is not None:
            title = lv.title
            discussion = lv.discussion[0] if lv.discussion else None
            kind = lv.kind
            if lv.kind == "quiz":
                q = lv.question(qid)
                if q is not None:
                    prompt, explain = q.prompt, q.explain
            elif lv.kind == "practice":
                from ..practice.script import describe_item

                prompt = describe_item(lv, qid)
            else:
                node = next((n_ for n_ in lv.nodes if n_.id == qid), None)
                if node is not None:
                    prompt = node.text
                    lesson = next((e.lesson for e in lv.endings if e.ending == "good" and e.lesson), None)
                    explain = lesson
        summary.most_missed.append(MissedQuestion(lid, qid, topic_of.get(lid, ""), kind, n, missed, avg, prompt, title,
                                                  explain, discussion))
    pres = [p.pre for p in summary.pupils if p.pre is not None]
    posts = [p.post for p in summary.pupils if p.post is not None]
    pairs = [p.improvement for p in summary.pupils if p.improvement is not None]
    summary.pre_average, summary.post_average = _mean(pres), _mean(posts)
    summary.pre_count, summary.post_count, summary.paired_count = len(pres), len(posts), len(pairs)
    summary.improvement_average = _mean(pairs)
    both = [p for p in summary.pupils if p.pre is not None and p.post is not None]
    if both:
        summary.gain_class = normalised_gain(_mean(p.pre for p in both), _mean(p.post for p in both))
    summary.gain_average = _mean(g for p in both if (g := p.gain) is not None)
    questions = check_questions(session, catalog)
    for phase in ("pre", "post"):
        checks = [(f"{p.machine_id}/{p.profile_id}", c.items) for p in results.pupils
                  if (c := getattr(p, phase)) is not None]
        summary.items += analyse_items(checks, phase, questions)
    return summary
