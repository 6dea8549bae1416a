"""The world map's state, without pygame: where each topic's place stands, where Sango is, and
which place is next in the reading path or in an arrow's direction.

Positions are fractions of a 2:1 map laid out left to right. A right-to-left screen draws the map
mirrored, and the input layer already turns the Left arrow into FORWARD there, so the state never
needs to know the direction: "forward" is +x in map coordinates on every screen.

Walking is the scene's animation only: ``move_to`` changes the place at once and returns the road
points the scene may animate along (or jump over, with reduced motion).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

MAP_ASPECT = 2.0  # width / height of the map art (viewBox 1600 x 800)

#: The building drawn for each topic (assets/world/places/<place>.svg), the same in both bands.
PLACES: dict[str, str] = {
    "rights": "townhall", "personal-info": "house", "passwords": "locksmith", "scams": "bank",
    "true-or-fake": "library", "kindness": "cafe", "strangers": "park", "upsetting-content": "cinema",
    "ads-purchases": "shop", "screen-time": "clocktower", "getting-help": "lighthouse",
    "digital-footprint": "beach", "privacy-location": "radiotower", "image-sharing": "studio",
    "grooming": "youthclub", "bystanders": "stadium", "misinformation": "newsroom",
    "account-security": "fortress", "copyright": "recordshop", "self-image": "gallery",
    "persuasive-design": "arcade", "gaming-livestreams": "arena", "helplines": "phonebooth",
    "ai-chatbots": "robotlab", "deepfakes": "mirrormaze", "mean-groups": "plaza", "online-hate": "plaza",
    "known-people": "treehouse", "smart-devices": "repairshop", "helping-friend": "garden",
}
DEFAULT_PLACE = "house"

# Stops along the road of each band's map (map fractions, in road order). The road in
# assets/world/map-<band>.svg passes through these points; keep the two in step
# (tests/test_worldmap.py reads the road back out of the SVG). Both roads snake: left to right
# along the first row, back along the next, and so on, so the reading path (Tab, Left/Right,
# mirrored in Arabic) never jumps across the map.


def _snake(rows: tuple[int, ...], x0: float, step: float, ys: tuple[float, ...]) -> tuple[tuple[float, float], ...]:
    """Rows of stops on one column grid, so Up and Down lead straight to the place above or below."""
    out: list[tuple[float, float]] = []
    for r, (count, y) in enumerate(zip(rows, ys, strict=True)):
        xs = [round(x0 + step * i, 4) for i in range(count)]
        if r % 2:  # the way back starts at the right-hand end
            xs = [round(x0 + step * (rows[0] - 1 - i), 4) for i in range(count)]
        out += [(x, y) for x in xs]
    return tuple(out)


_ISLAND = _snake((6, 6, 5), 0.12, 0.152, (0.26, 0.53, 0.80))  # 17 stops
_CITY = _snake((8, 8, 8, 5), 0.08, 0.12, (0.20, 0.42, 0.64, 0.86))  # 29 stops
#: Building size as a fraction of the map width (the city is denser).
PLACE_SIZE: dict[str, float] = {"9-12": 0.1, "13-18": 0.075}
STOPS: dict[str, tuple[tuple[float, float], ...]] = {"9-12": _ISLAND, "13-18": _CITY}


@dataclass(frozen=True)
class LevelPip:
    """One level of a location: what the place shows about it."""

    level_id: str
    kind: str
    stars: int
    completed: bool
    unlocked: bool


@dataclass(frozen=True)
class Location:
    topic: str
    place: str
    x: float
    y: float
    levels: tuple[LevelPip, ...] = ()
    badge: bool = False

    @property
    def stars(self) -> int:
        return sum(p.stars for p in self.levels)

    @property
    def max_stars(self) -> int:
        return 3 * len(self.levels)

    @property
    def locked(self) -> bool:
        """Nothing in the place can be played yet."""
        return bool(self.levels) and not any(p.unlocked for p in self.levels)

    @property
    def done(self) -> bool:
        return bool(self.levels) and all(p.completed for p in self.levels)


def stop_positions(band: str, n: int) -> list[tuple[float, float]]:
    """Where n places stand. The drawn road has a stop for each topic of the band; a content pack
    with more topics gets a plain snake of rows instead (still in reading order)."""
    designed = STOPS.get(band, ())
    if n <= len(designed):
        return list(designed[:n])
    cols = 6
    rows = (n + cols - 1) // cols
    out = []
    for i in range(n):
        r, c = divmod(i, cols)
        if r % 2:
            c = cols - 1 - c
        out.append((0.09 + 0.1625 * c, 0.2 + 0.66 * r / max(1, rows - 1)))
    return out


def build_locations(band: str, topics: list[str], levels: dict[str, list[LevelPip]], badges: set[str]) -> list[Location]:
    """Locations in road order for ``topics`` (the band's topics in the catalog's order).

    Every topic keeps its own stop even when a lab session hides some topics, so a place never
    moves between sessions; hidden topics are simply left out."""
    spots = stop_positions(band, len(topics))
    out = []
    for topic, (x, y) in zip(topics, spots, strict=False):
        if topic not in levels:
            continue
        out.append(Location(topic, PLACES.get(topic, DEFAULT_PLACE), x, y, tuple(levels[topic]),
                            f"topic:{band}:{topic}" in badges))
    return out


DIRECTIONS = {"forward": (1, 0), "backward": (-1, 0), "up": (0, -1), "down": (0, 1)}


@dataclass
class WorldMap:
    band: str
    locations: list[Location]
    current: int = 0
    visited: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.current = self.clamp(self.current)

    def clamp(self, i: int) -> int:
        return max(0, min(len(self.locations) - 1, i)) if self.locations else 0

    @property
    def here(self) -> Location | None:
        return self.locations[self.current] if self.locations else None

    def index_of(self, topic: str) -> int | None:
        return next((i for i, loc in enumerate(self.locations) if loc.topic == topic), None)

    def step_along(self, step: int) -> int:
        """The place ``step`` stops further along the road (Tab / Shift+Tab), wrapping around."""
        if not self.locations:
            return 0
        return (self.current + step) % len(self.locations)

    def neighbour(self, direction: str) -> int | None:
        """The nearest place in an arrow's direction, favouring places straight ahead; None at an edge."""
        if not self.locations or direction not in DIRECTIONS:
            return None
        dx, dy = DIRECTIONS[direction]
        here = self.locations[self.current]
        best, best_d = None, None
        for i, loc in enumerate(self.locations):
            ox, oy = (loc.x - here.x) * MAP_ASPECT, loc.y - here.y
            along = ox * dx + oy * dy
            if i == self.current or along <= 1e-6:
                continue
            across = abs(ox * dy) + abs(oy * dx)
            d = along + 2 * across
            if best_d is None or d < best_d:
                best, best_d = i, d
        return best

    def route(self, start: int, end: int) -> list[tuple[float, float]]:
        """Road points from one place to another, through the stops in between."""
        if not self.locations:
            return []
        step = 1 if end >= start else -1
        return [(self.locations[i].x, self.locations[i].y) for i in range(start, end + step, step)]

    def move_to(self, i: int) -> list[tuple[float, float]]:
        """Sango is now at place ``i``; returns the road to animate (empty if Sango stays)."""
        i = self.clamp(i)
        if i == self.current or not self.locations:
            return []
        road = self.route(self.current, i)
        self.current = i
        self.visited.add(i)
        return road


def point_on_road(road: list[tuple[float, float]], t: float) -> tuple[float, float]:
    """The point a fraction ``t`` (0..1) of the way along ``road``, by length."""
    if not road:
        return (0.0, 0.0)
    if len(road) == 1 or t <= 0:
        return road[0]
    if t >= 1:
        return road[-1]
    lengths = [((bx - ax) ** 2 * MAP_ASPECT ** 2 + (by - ay) ** 2) ** 0.5 for (ax, ay), (bx, by) in pairwise(road)]
    total = sum(lengths) or 1.0
    goal = t * total
    for ((ax, ay), (bx, by)), seg in zip(pairwise(road), lengths, strict=True):
        if goal <= seg and seg > 0:
            f = goal / seg
            return (ax + (bx - ax) * f, ay + (by - ay) * f)
        goal -= seg
    return road[-1]


def walk_seconds(road: list[tuple[float, float]]) -> float:
    """How long a walk takes: quick for a neighbour, never longer than a second."""
    if len(road) < 2:
        return 0.0
    return min(1.0, 0.3 + 0.1 * (len(road) - 2))
