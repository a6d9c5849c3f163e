"""Lettering: DialogueLayer bubbles drawn onto a rendered scene image.

Used at export time (render_result images are never lettered) and by the pipeline for previews.
Geometry and drawing are separate: `layout_bubbles` needs only sizes, so the webtoon renderer can
learn where the bubbles are (and where a slice must not be cut) before it decodes any pixels.

    placements = layout_bubbles(bubbles, panels, size=image.size, scale=image.width / source_width)
    draw_bubbles(image, placements)
"""

import functools
import math
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

from episodes.exceptions import FontNotFound

BUBBLE_TYPES = ("speech", "thought", "narration", "sfx")

REGULAR_FONT_PATHS = (
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/nanum/NanumGothic.ttf",
    "/usr/local/share/fonts/NanumGothic.ttf",
    "/Library/Fonts/NanumGothic.ttf",
)
BOLD_FONT_PATHS = (
    "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf",
    "/usr/share/fonts/nanum/NanumGothicBold.ttf",
    "/usr/local/share/fonts/NanumGothicBold.ttf",
    "/Library/Fonts/NanumGothicBold.ttf",
)

INK = (17, 17, 17)
PAPER = (255, 255, 255)
CAPTION_PAPER = (255, 248, 220)
SFX_INK = (193, 18, 31)
# An ellipse holds its inscribed text rectangle when each axis is sqrt(2) times the text's.
ELLIPSE_FACTOR = math.sqrt(2)
MIN_FONT_SIZE = 10


@dataclass(frozen=True)
class LetteringFonts:
    regular: Path
    bold: Path


@dataclass(frozen=True)
class Bubble:
    bubble_id: str
    panel_index: int
    type: str
    speaker: str | None
    text: str
    x: float
    y: float
    tail_x: float | None = None
    tail_y: float | None = None

    @classmethod
    def from_dict(cls, data: dict) -> "Bubble":
        kind = data.get("type") or "speech"
        if kind not in BUBBLE_TYPES:
            raise ValueError(f"unknown bubble type {kind!r}")
        return cls(
            bubble_id=str(data.get("bubble_id") or ""),
            panel_index=int(data.get("panel_index") or 0),
            type=kind,
            speaker=data.get("speaker"),
            text=str(data.get("text") or "").strip(),
            x=_fraction(data.get("x"), 0.5),
            y=_fraction(data.get("y"), 0.2),
            tail_x=None if data.get("tail_x") is None else _fraction(data["tail_x"], 0.5),
            tail_y=None if data.get("tail_y") is None else _fraction(data["tail_y"], 0.5),
        )

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Placement:
    """Where one bubble goes on the image, in pixels of that image."""

    bubble: Bubble
    body: tuple[int, int, int, int]
    tail: tuple[tuple[float, float], ...]
    bounds: tuple[int, int, int, int]
    lines: tuple[str, ...]
    font_size: int
    line_height: int


def _fraction(value, default: float) -> float:
    try:
        return min(1.0, max(0.0, float(value)))
    except (TypeError, ValueError):
        return default


# --- fonts ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


@functools.lru_cache(maxsize=16)
def covers_latin_and_hangul(path: str) -> bool:
    """True when the font draws distinct glyphs for Latin and Hangul letters.

    A font without a glyph draws its .notdef box for every missing character, so two different
    syllables rendering to the same bitmap means the font cannot letter Korean.
    """
    try:
        font = ImageFont.truetype(path, 32)
    except OSError:
        return False
    bitmaps = [bytes(font.getmask(char)) for char in ("A", "g", "가", "나", "한")]
    return all(bitmaps) and len(set(bitmaps)) == len(bitmaps)


def _fc_match(pattern: str) -> str | None:
    if not shutil.which("fc-match"):
        return None
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return found.stdout.strip() or None


def resolve_font(candidates) -> Path:
    """The first candidate path that exists and covers Latin and Hangul; FontNotFound otherwise."""
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and covers_latin_and_hangul(str(candidate)):
            return Path(candidate)
    raise FontNotFound(
        "No font covering Latin and Hangul was found, so bubbles would letter as empty boxes. "
        "Install fonts-nanum (apt-get install fonts-nanum) or set LETTERING_FONT to a TrueType file."
    )


@functools.cache
def lettering_fonts() -> LetteringFonts:
    """The regular and bold lettering fonts; raises FontNotFound (call it before rendering)."""
    configured = settings.LETTERING_FONT
    configured_bold = settings.LETTERING_FONT_BOLD
    regular = resolve_font([configured, *REGULAR_FONT_PATHS, _fc_match("NanumGothic:lang=ko")])
    try:
        bold = resolve_font([configured_bold, *BOLD_FONT_PATHS, _fc_match("NanumGothic:bold:lang=ko")])
    except FontNotFound:
        bold = regular
    return LetteringFonts(regular=regular, bold=bold)


# --- layout --------------------------------------------------------------------------------


def wrap_text(text: str, font: ImageFont.FreeTypeFont, max_width: float) -> list[str]:
    """Greedy word wrap; a word wider than the line (long Hangul runs, URLs) breaks by character."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if font.getlength(candidate) <= max_width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for char in word:
                if line and font.getlength(line + char) > max_width:
                    lines.append(line)
                    line = ""
                line += char
        lines.append(line)
    return [line for line in lines if line] or [""]


def _fit_text(text: str, *, path: str, size: int, max_width: float, max_height: float):
    """Wrap at `size`, shrinking the font until the block fits `max_height` (or the minimum size)."""
    while True:
        font = _font(path, size)
        ascent, descent = font.getmetrics()
        line_height = ascent + descent + max(2, size // 6)
        lines = wrap_text(text, font, max_width)
        if len(lines) * line_height <= max_height or size <= MIN_FONT_SIZE:
            width = max(font.getlength(line) for line in lines)
            return lines, size, line_height, width, len(lines) * line_height
        size = max(MIN_FONT_SIZE, int(size * 0.85))


def _panel_box(panels: list[dict], panel_index: int, size: tuple[int, int], scale: float):
    for panel in panels:
        if int(panel.get("panel_index", -1)) == panel_index:
            return (
                panel["x"] * scale,
                panel["y"] * scale,
                max(1.0, panel["width"] * scale),
                max(1.0, panel["height"] * scale),
            )
    return (0.0, 0.0, float(size[0]), float(size[1]))


def _clamp(value: float, low: float, high: float) -> float:
    return low if high < low else min(high, max(low, value))


def _ellipse_radius(ux: float, uy: float, a: float, b: float) -> float:
    return 1.0 / math.sqrt((ux / a) ** 2 + (uy / b) ** 2)


def _tail(bubble: Bubble, body, panel, size, stroke: int, clear=()) -> tuple[tuple[float, float], ...]:
    """Speech: a triangle from the ellipse towards the speaker. Thought: trailing circle centres.
    The tip stops short of a `clear` box (a figure's label) it would otherwise reach into."""
    if bubble.type not in ("speech", "thought"):
        return ()
    x0, y0, x1, y1 = body
    cx, cy, a, b = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
    px, py, pw, ph = panel
    if bubble.tail_x is not None and bubble.tail_y is not None:
        tx, ty = px + bubble.tail_x * pw, py + bubble.tail_y * ph
    else:
        tx, ty = cx + a * 0.3, cy + b * 2.5
    dx, dy = tx - cx, ty - cy
    distance = math.hypot(dx, dy)
    edge = _ellipse_radius(dx / distance, dy / distance, a, b) if distance else 0.0
    if distance <= edge * 1.05:
        dx, dy, distance = a * 0.3, b * 2.5, math.hypot(a * 0.3, b * 2.5)
        edge = _ellipse_radius(dx / distance, dy / distance, a, b)
    ux, uy = dx / distance, dy / distance
    reach = min(distance, edge + max(b * 1.2, 4.0 * stroke + 12))
    shortest = edge + 2.0 * stroke + 4
    while reach > shortest and any(
        x0 - stroke <= cx + ux * reach <= x1 + stroke and y0 - stroke <= cy + uy * reach <= y1 + stroke
        for x0, y0, x1, y1 in clear
    ):
        reach = max(shortest, reach - 2.0)
    tip = (_clamp(cx + ux * reach, 1, size[0] - 2), _clamp(cy + uy * reach, 1, size[1] - 2))
    if bubble.type == "thought":
        return tuple(
            (cx + ux * (edge + (reach - edge) * step), cy + uy * (edge + (reach - edge) * step))
            for step in (0.25, 0.6, 0.9)
        )
    spread = math.radians(14)
    base = []
    for sign in (-1, 1):
        angle = math.atan2(uy, ux) + sign * spread
        radius = _ellipse_radius(math.cos(angle), math.sin(angle), a, b) * 0.8
        base.append((cx + math.cos(angle) * radius, cy + math.sin(angle) * radius))
    return (base[0], tip, base[1])


def _keep_clear(panels: list[dict], scale: float) -> list[tuple[float, float, float, float]]:
    """The render_result's `keep_clear` areas (fractions of their panel) in pixels of the image."""
    areas = []
    for panel in panels:
        px, py, pw, ph = (panel["x"] * scale, panel["y"] * scale, panel["width"] * scale, panel["height"] * scale)
        for x0, y0, x1, y1 in panel.get("keep_clear") or ():
            areas.append((px + x0 * pw, py + y0 * ph, px + x1 * pw, py + y1 * ph))
    return areas


def _region(panel, body: tuple[float, float], size: tuple[int, int], margin: int) -> tuple[float, ...]:
    """Where a body's centre may go: inside its panel when it fits there, else anywhere on the image."""
    (px, py, pw, ph), (body_w, body_h), (width, height) = panel, body, size
    low_x, high_x = margin + body_w / 2, width - margin - body_w / 2
    low_y, high_y = margin + body_h / 2, height - margin - body_h / 2
    if body_w + 2 * margin <= pw:
        low_x, high_x = max(low_x, px + margin + body_w / 2), min(high_x, px + pw - margin - body_w / 2)
    if body_h + 2 * margin <= ph:
        low_y, high_y = max(low_y, py + margin + body_h / 2), min(high_y, py + ph - margin - body_h / 2)
    return low_x, max(low_x, high_x), low_y, max(low_y, high_y)


def _overlap(a, b) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


# Candidate centres tried on each side of the wanted one, along each axis.
SPOT_STEPS = 12


def _free_spot(wanted, body, *, region, taken, gap: float, below: float | None) -> tuple[float, float]:
    """The centre nearest `wanted` where a body of size `body` covers none of the `taken` boxes (kept
    `gap` apart), staying in `region` (low_x, high_x, low_y, high_y) and, when `below` is set, with its
    top not above it. Where nothing is free, the spot covering the least."""
    (cx, cy), (body_w, body_h), (low_x, high_x, low_y, high_y) = wanted, body, region
    if below is not None:
        low_y = min(high_y, max(low_y, below + body_h / 2))
    cx, cy = _clamp(cx, low_x, high_x), _clamp(cy, low_y, high_y)
    reach = (low_x - body_w / 2, low_y - body_h / 2, high_x + body_w / 2, high_y + body_h / 2)
    grown = [box for x0, y0, x1, y1 in taken if _overlap(box := (x0 - gap, y0 - gap, x1 + gap, y1 + gap), reach) > 0]
    if not any(_overlap((cx - body_w / 2, cy - body_h / 2, cx + body_w / 2, cy + body_h / 2), box) for box in grown):
        return cx, cy
    step_x = max((high_x - low_x) / SPOT_STEPS, 1.0)
    step_y = max((high_y - low_y) / SPOT_STEPS, 1.0)
    candidates = {
        (_clamp(cx + i * step_x, low_x, high_x), _clamp(cy + j * step_y, low_y, high_y))
        for i in range(-SPOT_STEPS, SPOT_STEPS + 1)
        for j in range(-SPOT_STEPS, SPOT_STEPS + 1)
    }
    candidates |= {(x, y) for x in (low_x, cx, high_x) for y in (low_y, cy, high_y)}

    def cost(spot):
        x, y = spot
        box = (x - body_w / 2, y - body_h / 2, x + body_w / 2, y + body_h / 2)
        return sum(_overlap(box, other) for other in grown), math.hypot(x - cx, y - cy)

    return min(candidates, key=cost)


def layout_bubbles(
    bubbles: list[dict], panels: list[dict], *, size: tuple[int, int], scale: float = 1.0
) -> list[Placement]:
    """Place every bubble with text on an image of `size`.

    `panels` are the render_result pixel boxes of the source image; `scale` maps source pixels to
    this image's pixels. Bubbles are kept inside the image (and inside their panel when they fit);
    text wraps and shrinks to fit. A bubble covers neither an earlier bubble nor a panel's
    `keep_clear` area (a figure's label) when a free spot is left: it goes to the free spot nearest
    where it was put, never above an earlier bubble of its panel.
    """
    fonts = lettering_fonts()
    width, height = size
    base_size = int(_clamp(round(width * 0.026), 12, 64))
    margin = max(4, width // 100)
    placements: list[Placement] = []
    keep_clear = _keep_clear(panels, scale)
    for raw in bubbles:
        bubble = Bubble.from_dict(raw)
        if not bubble.text:
            continue
        panel = _panel_box(panels, bubble.panel_index, size, scale)
        _, _, pw, ph = panel
        if bubble.type == "sfx":
            font_path, size_wanted, box_width, box_height = fonts.bold, int(base_size * 1.8), pw * 0.8, ph * 0.5
        elif bubble.type == "narration":
            font_path, size_wanted, box_width, box_height = fonts.regular, int(base_size * 0.95), pw * 0.85, ph * 0.5
        else:
            font_path, size_wanted = fonts.regular, base_size
            box_width, box_height = max(pw * 0.5, width * 0.3) / ELLIPSE_FACTOR, ph * 0.6 / ELLIPSE_FACTOR
        box_width = min(box_width, width - 2 * margin)
        lines, font_size, line_height, text_w, text_h = _fit_text(
            bubble.text, path=str(font_path), size=size_wanted, max_width=box_width, max_height=box_height
        )
        stroke = max(2, font_size // 10)
        padding = font_size * 0.6
        if bubble.type in ("speech", "thought"):
            body_w, body_h = text_w * ELLIPSE_FACTOR + padding * 2, text_h * ELLIPSE_FACTOR + padding
        elif bubble.type == "narration":
            body_w, body_h = text_w + padding * 2, text_h + padding * 1.5
        else:
            body_w, body_h = text_w + stroke * 4, text_h + stroke * 4
        body_w, body_h = min(body_w, width - 2 * margin), min(body_h, height - 2 * margin)
        px, py, pw, ph = panel
        cx = _clamp(px + bubble.x * pw, margin + body_w / 2, width - margin - body_w / 2)
        cy = _clamp(py + bubble.y * ph, margin + body_h / 2, height - margin - body_h / 2)
        earlier = [placed.body for placed in placements if placed.bubble.panel_index == bubble.panel_index]
        cx, cy = _free_spot(
            (cx, cy),
            (body_w, body_h),
            region=_region(panel, (body_w, body_h), size, margin),
            taken=[*(placed.body for placed in placements), *keep_clear],
            gap=margin,
            # Balloons of a panel are read top to bottom: a later one never moves above an earlier one.
            below=max((body[1] for body in earlier), default=None),
        )
        body = (round(cx - body_w / 2), round(cy - body_h / 2), round(cx + body_w / 2), round(cy + body_h / 2))
        tail = _tail(bubble, body, panel, size, stroke, clear=keep_clear)
        reach = max(stroke * 2, font_size // 3) + 2
        xs = [body[0], body[2], *(point[0] for point in tail)]
        ys = [body[1], body[3], *(point[1] for point in tail)]
        bounds = (
            max(0, math.floor(min(xs)) - reach),
            max(0, math.floor(min(ys)) - reach),
            min(width, math.ceil(max(xs)) + reach),
            min(height, math.ceil(max(ys)) + reach),
        )
        placements.append(
            Placement(
                bubble=bubble,
                body=body,
                tail=tail,
                bounds=bounds,
                lines=tuple(lines),
                font_size=font_size,
                line_height=line_height,
            )
        )
    return placements


# --- drawing -------------------------------------------------------------------------------


def _draw_speech(draw: ImageDraw.ImageDraw, placement: Placement, stroke: int) -> None:
    draw.polygon(placement.tail, fill=PAPER, outline=INK, width=stroke)
    draw.ellipse(placement.body, fill=PAPER, outline=INK, width=stroke)
    # The ellipse outline crosses the tail's mouth; paint it over with a triangle narrower than
    # the tail (so the tail's own sides stay) so the tail reads as part of the bubble.
    (bx0, by0), (tx, ty), (bx1, by1) = placement.tail
    mx, my = (bx0 + bx1) / 2, (by0 + by1) / 2
    k = min(0.45, 1.5 * stroke / max(1.0, math.hypot(bx1 - bx0, by1 - by0)))
    draw.polygon(
        [
            (bx0 + (mx - bx0) * k, by0 + (my - by0) * k),
            (mx + (tx - mx) * 0.5, my + (ty - my) * 0.5),
            (bx1 + (mx - bx1) * k, by1 + (my - by1) * k),
        ],
        fill=PAPER,
    )


def _draw_thought(draw: ImageDraw.ImageDraw, placement: Placement, stroke: int) -> None:
    x0, y0, x1, y1 = placement.body
    cx, cy, a, b = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
    puff = max(6.0, min(a, b) * 0.45)
    count = max(8, int(math.pi * (a + b) / (puff * 1.6)))
    for index in range(count):
        angle = 2 * math.pi * index / count
        px, py = cx + (a - puff * 0.6) * math.cos(angle), cy + (b - puff * 0.6) * math.sin(angle)
        draw.ellipse((px - puff, py - puff, px + puff, py + puff), fill=PAPER, outline=INK, width=stroke)
    draw.ellipse((x0 + puff * 0.7, y0 + puff * 0.7, x1 - puff * 0.7, y1 - puff * 0.7), fill=PAPER)
    for step, (px, py) in enumerate(placement.tail):
        radius = max(3.0, puff * (0.6 - step * 0.18))
        draw.ellipse((px - radius, py - radius, px + radius, py + radius), fill=PAPER, outline=INK, width=stroke)


def draw_bubbles(image: Image.Image, placements: list[Placement]) -> None:
    """Draw the placed bubbles onto `image` (RGB) in place, in the order given."""
    fonts = lettering_fonts()
    draw = ImageDraw.Draw(image)
    for placement in placements:
        kind = placement.bubble.type
        stroke = max(2, placement.font_size // 10)
        if kind == "speech":
            _draw_speech(draw, placement, stroke)
        elif kind == "thought":
            _draw_thought(draw, placement, stroke)
        elif kind == "narration":
            draw.rectangle(placement.body, fill=CAPTION_PAPER, outline=INK, width=stroke)
        font = _font(str(fonts.bold if kind == "sfx" else fonts.regular), placement.font_size)
        x0, y0, x1, y1 = placement.body
        top = (y0 + y1) / 2 - len(placement.lines) * placement.line_height / 2
        for index, line in enumerate(placement.lines):
            left = (x0 + x1) / 2 - font.getlength(line) / 2
            position = (left, top + index * placement.line_height)
            if kind == "sfx":
                draw.text(position, line, font=font, fill=SFX_INK, stroke_width=stroke, stroke_fill=PAPER)
            else:
                draw.text(position, line, font=font, fill=INK)


def letter_image(image: Image.Image, bubbles: list[dict], panels: list[dict], *, scale: float = 1.0) -> list[Placement]:
    """Lay out and draw `bubbles` onto `image` in place; returns the placements."""
    placements = layout_bubbles(bubbles, panels, size=image.size, scale=scale)
    draw_bubbles(image, placements)
    return placements
