"""The offline image provider: clear, labelled drawings made with Pillow, no model and no network."""

import hashlib
import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from artifacts.providers.images.base import ImageProvider
from episodes.lettering import FontNotFound, lettering_fonts, wrap_text

# DejaVu draws Hangul as boxes: it stands in only where no Hangul font is installed, so a
# storyboard is still drawn (exports, which letter text, refuse to run without one).
_FALLBACK_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

PAPER = (250, 248, 243)
INK = (34, 34, 40)
MUTED = (120, 120, 130)
GUIDE = (215, 212, 205)

POSES = ("front", "three-quarter", "side", "back")
EXPRESSIONS = ("neutral", "happy", "sad", "angry", "surprised")


@lru_cache(maxsize=1)
def font_path() -> str | None:
    """The lettering font (one lookup for the whole project), else DejaVu, else None."""
    try:
        return str(lettering_fonts().regular)
    except FontNotFound:
        return _FALLBACK_FONT if Path(_FALLBACK_FONT).exists() else None


@lru_cache(maxsize=32)
def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = font_path()
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)


def tint(seed: str) -> tuple[int, int, int]:
    """A stable, mid-tone colour per character, so two sheets of one character match."""
    digest = hashlib.sha256(seed.encode()).digest()
    return tuple(90 + byte % 110 for byte in digest[:3])


def _figure(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], pose: str, colour) -> None:
    """A simple standing silhouette in `box`, turned according to `pose`."""
    left, top, right, bottom = box
    centre = (left + right) / 2
    height = bottom - top
    head = height * 0.075
    # How wide the body reads from this angle: full from the front, narrow in profile.
    turn = {"front": 1.0, "three-quarter": 0.75, "side": 0.45, "back": 1.0}[pose]
    shoulder = height * 0.13 * turn
    hip = height * 0.10 * turn
    neck_y = top + head * 2.2
    hip_y = top + height * 0.55
    draw.ellipse(
        [centre - head * (0.8 + 0.2 * turn), top, centre + head * (0.8 + 0.2 * turn), top + head * 2], fill=colour
    )
    draw.polygon(
        [(centre - shoulder, neck_y), (centre + shoulder, neck_y), (centre + hip, hip_y), (centre - hip, hip_y)],
        fill=colour,
    )
    limb = max(3, int(height * 0.035))
    for side in (-1, 1):
        if pose == "side" and side == 1:
            continue
        draw.line(
            [(centre + side * shoulder, neck_y + limb), (centre + side * (shoulder + head * 0.6), hip_y)],
            fill=colour,
            width=limb,
        )
        draw.line(
            [(centre + side * hip * 0.6, hip_y), (centre + side * hip * 0.7, bottom)], fill=colour, width=limb + 2
        )
    if pose == "side":
        draw.polygon(
            [
                (centre + head, top + head * 0.9),
                (centre + head * 1.35, top + head * 1.15),
                (centre + head, top + head * 1.3),
            ],
            fill=colour,
        )
    elif pose != "back":
        eye_y = top + head * 0.9
        offset = 0.35 * head * turn
        shift = 0.0 if pose == "front" else head * 0.25
        for side in (-1, 1):
            x = centre + shift + side * offset
            draw.ellipse([x - 3, eye_y - 3, x + 3, eye_y + 3], fill=PAPER)


def _face(draw: ImageDraw.ImageDraw, centre: tuple[float, float], radius: float, expression: str, colour) -> None:
    x, y = centre
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline=colour, width=max(2, int(radius / 12)))
    eye = radius * 0.12
    for side in (-1, 1):
        ex, ey = x + side * radius * 0.38, y - radius * 0.2
        if expression == "surprised":
            draw.ellipse([ex - eye * 1.5, ey - eye * 1.5, ex + eye * 1.5, ey + eye * 1.5], outline=INK, width=2)
        else:
            draw.ellipse([ex - eye, ey - eye, ex + eye, ey + eye], fill=INK)
        if expression == "sad":
            draw.line(
                [(ex - eye * 2.5, ey - eye * 3 - side * eye), (ex + eye * 2.5, ey - eye * 3 + side * eye)],
                fill=INK,
                width=3,
            )
        if expression == "angry":
            draw.line(
                [(ex - eye * 2.5, ey - eye * 3 + side * eye), (ex + eye * 2.5, ey - eye * 3 - side * eye)],
                fill=INK,
                width=3,
            )
    mouth = [x - radius * 0.35, y + radius * 0.15, x + radius * 0.35, y + radius * 0.6]
    if expression == "happy":
        draw.arc(mouth, 20, 160, fill=INK, width=3)
    elif expression in ("sad", "angry"):
        draw.arc([mouth[0], mouth[1] + radius * 0.25, mouth[2], mouth[3] + radius * 0.25], 200, 340, fill=INK, width=3)
    elif expression == "surprised":
        draw.ellipse([x - radius * 0.12, y + radius * 0.3, x + radius * 0.12, y + radius * 0.55], outline=INK, width=3)
    else:
        draw.line([(mouth[0], y + radius * 0.4), (mouth[2], y + radius * 0.4)], fill=INK, width=3)


def _label(draw, centre_x: float, y: float, text: str, typeface) -> None:
    draw.text((centre_x, y), text, font=typeface, fill=MUTED, anchor="mt")


class StoryboardImageProvider(ImageProvider):
    name = "storyboard"

    def render_panel(
        self, *, semantics: dict, width: int, height: int, style: dict, prompt: str = "", seed: int = 0
    ) -> bytes:
        from artifacts.providers.images.panels import draw_panel, to_png

        return to_png(draw_panel(semantics, width, height))

    def keep_clear(self, *, semantics: dict, width: int, height: int) -> list[tuple[float, float, float, float]]:
        from artifacts.providers.images.panels import figure_label_boxes

        return figure_label_boxes(semantics, width, height)

    def render_profile_sheet(self, *, code: str, name: str, identity_line: str, width: int, height: int) -> bytes:
        image = Image.new("RGB", (width, height), PAPER)
        draw = ImageDraw.Draw(image)
        colour = tint(code or name)
        margin = max(12, width // 40)
        title, body, small = font(max(14, height // 22)), font(max(11, height // 45)), font(max(10, height // 55))

        draw.text((margin, margin), f"{name}  ·  {code}" if code else name, font=title, fill=INK)
        y = margin + title.size + margin // 2
        for line in wrap_text(identity_line, body, width - 2 * margin)[:4]:
            draw.text((margin, y), line, font=body, fill=INK)
            y += int(body.size * 1.3)
        y += margin // 2
        draw.line([(margin, y), (width - margin, y)], fill=GUIDE, width=2)

        poses_bottom = y + (height - y) * 0.68
        cell = (width - 2 * margin) / len(POSES)
        for index, pose in enumerate(POSES):
            left = margin + index * cell
            box = (int(left + cell * 0.2), int(y + margin), int(left + cell * 0.8), int(poses_bottom - small.size * 2))
            _figure(draw, box, pose, colour)
            _label(draw, left + cell / 2, poses_bottom - small.size * 1.6, pose.upper(), small)
            if index:
                draw.line([(left, y + margin), (left, poses_bottom)], fill=GUIDE, width=1)

        draw.line(
            [(margin, poses_bottom + margin / 2), (width - margin, poses_bottom + margin / 2)], fill=GUIDE, width=2
        )
        row_top = poses_bottom + margin
        cell = (width - 2 * margin) / len(EXPRESSIONS)
        radius = min(cell * 0.3, (height - row_top - margin - small.size * 2) / 2)
        for index, expression in enumerate(EXPRESSIONS):
            centre = (margin + cell * (index + 0.5), row_top + radius)
            _face(draw, centre, radius, expression, colour)
            _label(draw, centre[0], row_top + 2 * radius + small.size * 0.4, expression, small)

        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()
