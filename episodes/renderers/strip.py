"""The episode as one vertical strip: layout, lettering, where it may be cut, and its pixels.

The strip is never held whole in memory (a 60-panel episode is tens of thousands of pixels
tall): the layout is computed from image headers and bubble geometry, and `region()` composes only
the rows asked for, from at most a few decoded, lettered scenes kept in a small cache.
"""

from collections import OrderedDict
from dataclasses import dataclass

from PIL import Image, ImageColor

from episodes.lettering import Placement, draw_bubbles, layout_bubbles
from episodes.renderers.base import SceneSource

# Rows kept clear around a bubble so a cut never shaves its outline.
BUBBLE_CLEARANCE = 6
# A whitespace cut is not taken if it would leave a slice shorter than this share of the maximum.
MIN_SLICE_SHARE = 0.25
LETTERED_SCENES_CACHED = 3


@dataclass(frozen=True)
class PlacedScene:
    order: int
    source: SceneSource
    top: int
    height: int
    scale: float
    placements: list[Placement]

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass(frozen=True)
class PanelSpan:
    """A panel's rows in the strip and how many words are read in it (for the video's holds)."""

    scene_order: int
    panel_index: int
    top: int
    bottom: int
    words: int


class Strip:
    def __init__(self, sources: list[SceneSource], *, width: int, gutter: int, background: str):
        self.width = width
        self.gutter = gutter
        self.background = ImageColor.getrgb(background)
        self.scenes: list[PlacedScene] = []
        top = 0
        for order, source in enumerate(sources):
            scale = width / source.width
            height = max(1, round(source.height * scale))
            placements = layout_bubbles(source.bubbles, source.panels, size=(width, height), scale=scale)
            self.scenes.append(PlacedScene(order, source, top, height, scale, placements))
            top += height + gutter
        self.height = top - gutter if self.scenes else 0
        self._cache: OrderedDict[int, Image.Image] = OrderedDict()

    # --- geometry ---------------------------------------------------------------------------

    def bubble_ranges(self) -> list[tuple[int, int]]:
        """Strip rows covered by a bubble (body and tail), widened by a clearance."""
        return sorted(
            (scene.top + p.bounds[1] - BUBBLE_CLEARANCE, scene.top + p.bounds[3] + BUBBLE_CLEARANCE)
            for scene in self.scenes
            for p in scene.placements
        )

    def gutter_ranges(self) -> list[tuple[int, int]]:
        """The blank rows between scenes."""
        return [(above.bottom, below.top) for above, below in zip(self.scenes, self.scenes[1:], strict=False)]

    def panel_gap_ranges(self) -> list[tuple[int, int]]:
        """The rows of a scene between its panels (no panel box covers them)."""
        ranges = []
        for scene in self.scenes:
            covered = sorted(
                (round(p["y"] * scene.scale), round((p["y"] + p["height"]) * scene.scale)) for p in scene.source.panels
            )
            cursor = 0
            for start, end in covered:
                if start - cursor >= 8:
                    ranges.append((scene.top + cursor, scene.top + start))
                cursor = max(cursor, end)
        return ranges

    def panel_spans(self) -> list[PanelSpan]:
        spans = []
        for scene in self.scenes:
            words: dict[int, int] = {}
            for placement in scene.placements:
                index = placement.bubble.panel_index
                words[index] = words.get(index, 0) + placement.bubble.words
            panels = scene.source.panels or [{"panel_index": 0, "y": 0, "height": scene.source.height}]
            for panel in sorted(panels, key=lambda p: (p["y"], p.get("x", 0))):
                top = scene.top + round(panel["y"] * scene.scale)
                bottom = scene.top + round((panel["y"] + panel["height"]) * scene.scale)
                spans.append(
                    PanelSpan(scene.order, int(panel["panel_index"]), top, bottom, words.get(panel["panel_index"], 0))
                )
        return spans

    def cuts(self, max_height: int) -> list[tuple[int, int]]:
        """Row ranges of slices no taller than `max_height`. A cut goes, by preference, in a gutter
        between scenes, else in a gap between panels, else on any row; never inside a bubble
        (unless a single bubble is taller than a slice)."""
        forbidden = self.bubble_ranges()
        preferences = [self.gutter_ranges(), self.panel_gap_ranges()]
        slices, start = [], 0
        while self.height - start > max_height:
            end = self._cut(start, max_height, forbidden, preferences)
            slices.append((start, end))
            start = end
        if self.height > start:
            slices.append((start, self.height))
        return slices

    @staticmethod
    def _cut(start, max_height, forbidden, preferences) -> int:
        limit = start + max_height
        lowest = start + int(max_height * MIN_SLICE_SHARE)

        def allowed(y):
            return not any(low < y < high for low, high in forbidden)

        for ranges in preferences:
            middles = [
                (max(low, lowest) + min(high, limit)) // 2 for low, high in ranges if low <= limit and high >= lowest
            ]
            middles = [y for y in middles if lowest <= y <= limit and allowed(y)]
            if middles:
                return max(middles)
        y = limit
        while y > start:
            blocking = [low for low, high in forbidden if low < y < high]
            if not blocking:
                return y
            y = min(blocking)
        # One bubble is taller than a whole slice: there is no clean cut, so cut at the limit.
        return limit

    # --- pixels -----------------------------------------------------------------------------

    def _lettered(self, scene: PlacedScene) -> Image.Image:
        if scene.order in self._cache:
            self._cache.move_to_end(scene.order)
            return self._cache[scene.order]
        picture = scene.source.open()
        if picture.size != (self.width, scene.height):
            picture = picture.resize((self.width, scene.height), Image.Resampling.LANCZOS)
        draw_bubbles(picture, scene.placements)
        self._cache[scene.order] = picture
        while len(self._cache) > LETTERED_SCENES_CACHED:
            self._cache.popitem(last=False)
        return picture

    def region(self, top: int, bottom: int) -> Image.Image:
        """The strip's rows [top, bottom) as an RGB image; rows outside the strip are background."""
        canvas = Image.new("RGB", (self.width, bottom - top), self.background)
        for scene in self.scenes:
            if scene.bottom <= top or scene.top >= bottom:
                continue
            picture = self._lettered(scene)
            crop_top, crop_bottom = max(top, scene.top) - scene.top, min(bottom, scene.bottom) - scene.top
            canvas.paste(picture.crop((0, crop_top, self.width, crop_bottom)), (0, scene.top + crop_top - top))
        return canvas

    def scenes_in(self, top: int, bottom: int) -> list[dict]:
        """The scenes a row range shows, with their rows relative to the range."""
        return [
            {
                "scene_id": scene.source.scene_id,
                "y_start": max(top, scene.top) - top,
                "y_end": min(bottom, scene.bottom) - top,
            }
            for scene in self.scenes
            if scene.bottom > top and scene.top < bottom
        ]


@dataclass(frozen=True)
class Page:
    number: int
    total: int
    top: int
    bottom: int
    image: Image.Image
    scenes: list[dict]


class Pages:
    """The pages of a strip: counted as soon as they are cut (`len`), composed one at a time as they
    are iterated, so a renderer reports its whole progress total before it draws anything."""

    def __init__(self, strip: Strip, ranges: list[tuple[int, int]]):
        self.strip = strip
        self.ranges = ranges

    def __len__(self) -> int:
        return len(self.ranges)

    def __iter__(self):
        strip, total = self.strip, len(self.ranges)
        for number, (top, bottom) in enumerate(self.ranges, start=1):
            yield Page(number, total, top, bottom, strip.region(top, bottom), strip.scenes_in(top, bottom))


def iter_pages(strip: Strip, *, per: str, max_height: int = 1280) -> Pages:
    """Pages of the strip, one per slice (`per="slice"`) or one per scene (`per="scene"`)."""
    ranges = [(scene.top, scene.bottom) for scene in strip.scenes] if per == "scene" else strip.cuts(max_height)
    return Pages(strip, ranges)
