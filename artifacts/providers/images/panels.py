"""Storyboard panels drawn with Pillow from their semantics, and scenes composed by their layout.

A storyboard frame, not an illustration: the framing follows the shot type (how much of a figure
the frame shows), characters stand as labelled figures (canonical code and name), the environment
is named and sketched, and the mood sets the colour. Bubbles are never drawn here: they are
lettered on top from the DialogueLayer.
"""

from __future__ import annotations

import hashlib
import io

from PIL import Image, ImageDraw

from artifacts.providers.images.storyboard import font
from episodes.lettering import wrap_text

# How tall a standing figure is, relative to the panel height, for each framing.
FIGURE_SCALE = {
    "extreme_wide": 0.22,
    "wide": 0.45,
    "medium": 0.9,
    "medium_close": 1.4,
    "close_up": 2.4,
    "extreme_close_up": 4.0,
}


def _colour(code: str) -> tuple[int, int, int]:
    digest = hashlib.sha256(code.encode()).digest()
    return 60 + digest[0] % 150, 60 + digest[1] % 150, 60 + digest[2] % 150


def _tint(hex_colour: str, amount: float) -> tuple[int, int, int]:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return tuple(int(255 - (255 - channel) * amount) for channel in (red, green, blue))


def draw_panel(semantics: dict, width: int, height: int) -> Image.Image:
    image = Image.new("RGB", (width, height), _tint(semantics["mood_color"], 0.25))
    draw = ImageDraw.Draw(image)
    _environment(draw, semantics, width, height)
    figures = semantics["characters"]
    for index, figure in enumerate(figures):
        _figure(draw, figure, semantics["framing"], width, height, (index + 1) / (len(figures) + 1))
    labels = _labels(semantics, width, height)
    # The subject card is drawn over the figures (a close figure's head would hide it) and below
    # their labels, so that neither hides the other.
    if semantics["shot"] == "object_focus" or (not figures and semantics["shot"] != "establishing"):
        _object(draw, semantics, width, height, below=max((box[3] for *_, box in labels), default=None))
    for label, text, anchor, box in labels:
        draw.rectangle(box, fill=(255, 255, 255), outline=(20, 20, 20))
        draw.text(anchor, label, fill=(0, 0, 0), font=text, anchor="ma")
    label = f"{semantics['shot'].replace('_', ' ').upper()} · {semantics['framing'].replace('_', ' ')}"
    small = font(max(10, min(width, height) // 28))
    draw.text((8, height - 8), label, fill=(40, 40, 40), font=small, anchor="ls")
    draw.rectangle([0, 0, width - 1, height - 1], outline=(0, 0, 0), width=3)
    return image


def _environment(draw, semantics, width, height):
    horizon = int(height * (0.35 if semantics["framing"] in ("extreme_wide", "wide") else 0.6))
    draw.rectangle([0, horizon, width, height], fill=_tint(semantics["mood_color"], 0.45))
    draw.line([0, horizon, width, horizon], fill=(90, 90, 90), width=2)
    if semantics["shot"] == "establishing":
        # A skyline of blocks, the same for the same place: a sketch of the environment.
        seed = hashlib.sha256(semantics["environment"].encode()).digest()
        for index in range(6):
            block_w = width // 10 + seed[index] % (width // 8 + 1)
            x = (seed[index + 6] * width) // 256
            block_h = height // 8 + seed[index + 12] % (height // 3 + 1)
            draw.rectangle([x, horizon - block_h, x + block_w, horizon], outline=(70, 70, 70), width=2)
    text = font(max(11, min(width, height) // 22))
    draw.text((8, 8), semantics["environment"][:60], fill=(30, 30, 30), font=text)


def _figure(draw, figure, framing, width, height, position):
    tall = height * FIGURE_SCALE[framing]
    top, head = _figure_top(framing, height)
    centre_x = int(width * position)
    colour = _colour(figure["code"])
    draw.ellipse(
        [centre_x - head / 2, top, centre_x + head / 2, top + head],
        outline=(20, 20, 20),
        fill=tuple(int(255 - (255 - channel) * 0.35) for channel in colour),
        width=3,
    )
    shoulders = top + head * 1.15
    waist = shoulders + tall * 0.45
    draw.polygon(
        [
            (centre_x - head * 0.9, shoulders),
            (centre_x + head * 0.9, shoulders),
            (centre_x + head * 0.6, waist),
            (centre_x - head * 0.6, waist),
        ],
        fill=colour,
        outline=(20, 20, 20),
    )
    leg = max(3, int(head * 0.25))
    for side in (-1, 1):
        draw.line(
            [(centre_x + side * head * 0.3, waist), (centre_x + side * head * 0.35, top + tall)], fill=colour, width=leg
        )


def _figure_top(framing: str, height: int) -> tuple[float, float]:
    """The top of a figure's head and the head's height, in pixels of the panel."""
    tall = height * FIGURE_SCALE[framing]
    head = tall * 0.16
    # Close framings crop the figure: its head stays near the top third, the rest leaves the frame.
    top = height * 0.92 - tall if tall <= height * 0.8 else height * 0.3 - head / 2
    return top, head


def _label(figure: dict, framing: str, width: int, height: int, position: float):
    """A figure's label under its head: the text, its typeface, where it is anchored and its framed box."""
    top, head = _figure_top(framing, height)
    label = f"{figure['code']} {figure['name']}"
    text = font(max(11, min(width, height) // 24))
    anchor = (int(width * position), min(max(top + head + 4, 28), height - 30))
    x0, y0, x1, y1 = text.getbbox(label, anchor="ma")
    box = (anchor[0] + x0 - 3, anchor[1] + y0 - 2, anchor[0] + x1 + 3, anchor[1] + y1 + 2)
    return label, text, anchor, box


def _labels(semantics: dict, width: int, height: int) -> list[tuple]:
    """Every figure's label, left to right; a label that would cover an earlier one (figures close
    together in a narrow panel) steps down below it."""
    figures = semantics["characters"]
    placed: list[tuple] = []
    for index, figure in enumerate(figures):
        label, text, (x, y), box = _label(figure, semantics["framing"], width, height, (index + 1) / (len(figures) + 1))
        for *_, other in placed:
            if box[0] < other[2] + 2 and other[0] < box[2] + 2 and box[1] < other[3] + 2 and other[1] < box[3] + 2:
                shift = other[3] + 2 - box[1]
                y, box = y + shift, (box[0], box[1] + shift, box[2], box[3] + shift)
        placed.append((label, text, (x, y), box))
    return placed


def figure_label_boxes(semantics: dict, width: int, height: int) -> list[tuple[float, float, float, float]]:
    """The framed label of every figure `draw_panel` draws, in pixels of the panel: lettering keeps
    bubbles off them so that a reader still sees who is who."""
    return [box for *_, box in _labels(semantics, width, height)]


OBJECT_LABEL_LINES = 3


def _object(draw, semantics, width, height, below: float | None = None):
    """The subject of a panel without figures (or an insert beside them): a card naming it, its label
    wrapped inside the card; below the figures' labels (`below`, their lowest edge) when it fits there."""
    size = min(width, height) * (0.45 if semantics["framing"] in ("close_up", "extreme_close_up") else 0.2)
    text = font(max(11, min(width, height) // 20))
    lines = _label_lines(semantics["action"], text, width * 0.8)
    line_height = text.size * 1.25
    padding = text.size * 0.6
    card_w = max(size, max(draw.textlength(line, font=text) for line in lines) + 2 * padding)
    card_h = max(size * 2 / 3, len(lines) * line_height + 2 * padding)
    centre_x, centre_y = width / 2, height * 0.55
    if below is not None and centre_y - card_h / 2 < below + padding:
        # Under the labels the card may lose its empty margin, never its text.
        card_h = max(len(lines) * line_height + 2 * padding, min(card_h, height * 0.94 - below - padding))
        centre_y = min(below + padding + card_h / 2, max(centre_y, height * 0.94 - card_h / 2))
    draw.rounded_rectangle(
        [centre_x - card_w / 2, centre_y - card_h / 2, centre_x + card_w / 2, centre_y + card_h / 2],
        radius=int(size / 8),
        outline=(20, 20, 20),
        width=3,
        fill=(250, 245, 230),
    )
    top = centre_y - len(lines) * line_height / 2 + line_height / 2
    for index, line in enumerate(lines):
        draw.text((centre_x, top + index * line_height), line, fill=(20, 20, 20), font=text, anchor="mm")


def _label_lines(label: str, typeface, max_width: float) -> list[str]:
    """The label wrapped to `max_width`; past the last line it ends at a whole word with an ellipsis."""
    lines = wrap_text(label, typeface, max_width) if label.strip() else [""]
    if len(lines) <= OBJECT_LABEL_LINES:
        return lines
    kept = lines[:OBJECT_LABEL_LINES]
    last = kept[-1]
    while last and typeface.getlength(last + " …") > max_width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    kept[-1] = f"{last} …".strip()
    return kept


def to_png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    # Flat storyboard colours compress well even at the fastest level; encoding dominated render time.
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def compose(panels: list[tuple[tuple[int, int, int, int], bytes]], width: int, height: int) -> bytes:
    """The scene image: a white page, each panel pasted into its pixel box (the gutters stay white)."""
    page = Image.new("RGB", (width, height), (255, 255, 255))
    for (x, y, box_w, box_h), content in panels:
        with Image.open(io.BytesIO(content)) as panel:
            page.paste(panel.convert("RGB").resize((box_w, box_h)), (x, y))
    return to_png(page)
