"""Reader for scenario levels: characters, nodes, choices and the story graph checks."""

from __future__ import annotations

import difflib

from .fields import ORDERS, FieldReader, Path_
from .graph import dead_end_nodes, unreachable_nodes
from .model import QUALITIES, Character, Node, ScenarioChoice
from .scenes import read_scene


class ScenarioReader(FieldReader):
    def read_scenario(self, top: dict):
        characters = []
        char_ids: set[str] = set()
        if "characters" in top:
            for i, raw in enumerate(self.seq(top, "characters", (), 1, 8, "characters")):
                cp: tuple[str | int, ...] = ("characters", i)
                c = self.mapping(raw, cp, "a character")
                if c is None:
                    continue
                self.keys(c, cp, ["id", "name"], [])
                cid = self.ident(c, "id", cp, char_ids)
                if cid in ("narrator", "sango"):
                    self.error(cp + ("id",), f"'{cid}' is reserved", "give the character another id")
                name = self.text(c, "name", cp, f"character.{cid}", "name")
                if name:
                    characters.append(Character(cid, name))
        speakers = {"narrator", "sango"} | char_ids
        default_scene = read_scene(self, top, ())
        nodes = []
        node_ids: set[str] = set()
        node_paths: dict[str, Path_] = {}
        raw_nodes = self.seq(top, "nodes", (), 2, 40, "nodes")
        for i, raw in enumerate(raw_nodes):
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                node_paths.setdefault(raw["id"], ("nodes", i))
        all_ids = set(node_paths)
        for i, raw in enumerate(raw_nodes):
            np_: tuple[str | int, ...] = ("nodes", i)
            n = self.mapping(raw, np_, "a node")
            if n is None:
                continue
            nid = self.ident(n, "id", np_, node_ids)
            is_end = "ending" in n
            if is_end:
                self.keys(n, np_, ["id", "ending", "text", "lesson"], ["speaker", "mood", "image", "scene"])
                if "choices" in n:
                    self.error(np_ + ("choices",), f"node '{nid}' is an ending and also has choices",
                               "remove 'choices' or remove 'ending'")
            else:
                self.keys(n, np_, ["id", "text", "choices"], ["speaker", "mood", "image", "order", "scene"])
            speaker = n.get("speaker", "narrator")
            if not isinstance(speaker, str) or speaker not in speakers:
                close = difflib.get_close_matches(str(speaker), sorted(speakers), n=1)
                self.error(np_ + ("speaker",), f"unknown speaker '{speaker}'",
                           f"did you mean '{close[0]}'?" if close else "use narrator, sango or a character id from 'characters'")
            text = self.text(n, "text", np_, f"{nid}.text", "node")
            mood = self.mood(n, np_)
            image = self.image(n, np_)
            choices = []
            ending = lesson = None
            if is_end:
                ending = self.choice_of(n, "ending", np_, QUALITIES)
                lesson = self.text(n, "lesson", np_, f"{nid}.lesson", "lesson")
            else:
                seen: set[str] = set()
                for j, rc in enumerate(self.seq(n, "choices", np_, 2, 4, "choices")):
                    cp = np_ + ("choices", j)
                    c = self.mapping(rc, cp, "a choice")
                    if c is None:
                        continue
                    self.keys(c, cp, ["id", "text", "quality", "consequence", "next"], [])
                    cid = self.ident(c, "id", cp, seen)
                    ctext = self.text(c, "text", cp, f"{nid}.{cid}.text", "choice")
                    quality = self.choice_of(c, "quality", cp, QUALITIES)
                    consequence = self.text(c, "consequence", cp, f"{nid}.{cid}.consequence", "consequence")
                    nxt = c.get("next")
                    if nxt is not None and not isinstance(nxt, str):
                        self.error(cp + ("next",), f"'next' must be a node id, not {nxt!r}",
                                   "write the id of the node that follows")
                        nxt = None
                    elif nxt is not None and nxt not in all_ids:
                        close = difflib.get_close_matches(str(nxt), sorted(all_ids), n=1)
                        self.error(cp + ("next",), f"choice '{cid}' leads to node '{nxt}', which does not exist",
                                   f"did you mean '{close[0]}'?" if close else "use the id of a node in this level")
                    if ctext and quality and consequence and nxt in all_ids:
                        choices.append(ScenarioChoice(cid, ctext, quality, consequence, nxt))
                if n.get("choices") and isinstance(n["choices"], list) and not any(
                        isinstance(c, dict) and c.get("quality") == "good" for c in n["choices"]):
                    self.error(np_ + ("choices",), f"node '{nid}' has no good choice",
                               "give the player at least one 'quality: good' choice")
            if text:
                fixed = not is_end and self.choice_of(n, "order", np_, ORDERS, required=False) == "fixed"
                nodes.append(Node(nid, text, str(speaker), mood, image, tuple(choices), ending, lesson, fixed_order=fixed,
                                  scene=read_scene(self, n, np_, default_scene)))
        start = top.get("start")
        if start is not None and not isinstance(start, str):
            self.error(("start",), f"start must be a node id, not {start!r}", "set start: to the id of the first node")
            start = None
        elif start is not None and start not in all_ids:
            self.error(("start",), f"start node '{start}' does not exist", "set start: to the id of the first node")
        if nodes and not any(n.ending == "good" for n in nodes):
            self.error(("nodes",), "the scenario has no good ending", "add a node with 'ending: good'")
        if nodes and start in all_ids and not any(i.severity == "error" for i in self.issues):
            for nid in unreachable_nodes(start, nodes):
                self.error(node_paths.get(nid, ("nodes",)), f"node '{nid}' can never be reached from start '{start}'",
                           "add a choice whose 'next' leads here, or remove the node")
            for nid in dead_end_nodes(nodes):
                self.error(node_paths.get(nid, ("nodes",)),
                           f"from node '{nid}' no ending can be reached (dead end or endless loop)",
                           "give it a choice that leads towards an ending")
        return tuple(characters), start, tuple(nodes)
