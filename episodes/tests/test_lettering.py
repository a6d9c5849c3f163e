"""Lettering: each bubble type draws its shape, text wraps inside it, and Hangul is never boxes."""

from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from episodes.exceptions import FontNotFound
from episodes.factories import rendered_episode
from episodes.lettering import (
    CAPTION_PAPER,
    PAPER,
    SFX_INK,
    _font,
    covers_latin_and_hangul,
    draw_bubbles,
    layout_bubbles,
    letter_image,
    lettering_fonts,
    resolve_font,
)
from episodes.models import ExportJob

PANELS = [{"panel_index": 0, "x": 0, "y": 0, "width": 800, "height": 600}]
SKY = (120, 160, 200)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def lettered(bubble: dict) -> tuple[Image.Image, list]:
    picture = Image.new("RGB", (800, 600), SKY)
    placements = letter_image(picture, [{"panel_index": 0, "x": 0.5, "y": 0.4, **bubble}], PANELS)
    return picture, placements


def colours_in(picture: Image.Image, box) -> set:
    return {colour for _, colour in picture.crop(box).getcolors(maxcolors=1_000_000)}


def test_the_lettering_font_covers_latin_and_hangul():
    fonts = lettering_fonts()

    assert covers_latin_and_hangul(str(fonts.regular))
    assert covers_latin_and_hangul(str(fonts.bold))


def test_two_hangul_syllables_render_as_different_glyphs_not_the_notdef_box():
    font = _font(str(lettering_fonts().regular), 40)

    def glyph(char):
        canvas = Image.new("L", (60, 60), 0)
        ImageDraw.Draw(canvas).text((5, 5), char, font=font, fill=255)
        return canvas

    ga, na = glyph("가"), glyph("나")
    assert ga.getbbox() is not None
    assert ImageChops.difference(ga, na).getbbox() is not None


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu is not installed")
def test_a_font_without_hangul_is_refused_loudly():
    assert not covers_latin_and_hangul(str(DEJAVU))
    with pytest.raises(FontNotFound, match="fonts-nanum"):
        resolve_font([str(DEJAVU), "/nowhere/NanumGothic.ttf", None])


def test_speech_is_a_white_ellipse_with_a_tail_towards_the_speaker():
    picture, [placement] = lettered({"type": "speech", "text": "Is anyone there?", "tail_x": 0.1, "tail_y": 0.95})

    x0, y0, x1, y1 = placement.body
    assert picture.getpixel(((x0 + x1) // 2, y0 + 4)) == PAPER
    assert picture.getpixel((x0 + 2, y0 + 2)) == SKY
    base_left, tip, base_right = placement.tail
    assert tip[0] < x0 + (x1 - x0) / 2 and tip[1] > y1
    assert placement.bounds[3] >= tip[1]
    inside_tail = ((base_left[0] + base_right[0] + tip[0] * 2) / 4, (base_left[1] + base_right[1] + tip[1] * 2) / 4)
    assert picture.getpixel(tuple(map(round, inside_tail))) == PAPER


def test_thought_is_a_cloud_with_small_circles_trailing_away():
    picture, [placement] = lettered({"type": "thought", "text": "누군가 있을 거야", "tail_x": 0.8, "tail_y": 0.9})

    assert len(placement.tail) == 3
    for x, y in placement.tail:
        assert picture.getpixel((round(x), round(y))) == PAPER
    x0, y0, x1, y1 = placement.body
    assert placement.bounds[3] > y1


def test_narration_is_a_rectangular_caption_box():
    picture, [placement] = lettered({"type": "narration", "text": "Meanwhile, at the harbor."})

    x0, y0, x1, y1 = placement.body
    assert placement.tail == ()
    assert picture.getpixel((x0 + 6, y0 + 6)) == CAPTION_PAPER
    assert picture.getpixel((x1 - 6, y1 - 6)) == CAPTION_PAPER


def test_sfx_is_bold_outlined_text_with_no_balloon():
    picture, [placement] = lettered({"type": "sfx", "text": "쾅!"})

    colours = colours_in(picture, placement.body)
    assert SFX_INK in colours
    assert PAPER in colours
    assert placement.tail == ()
    assert picture.getpixel(placement.body[:2]) == SKY


def test_long_text_wraps_inside_the_bubble():
    text = "I have been climbing these stairs for hours and nobody answers when I call"
    picture, [placement] = lettered({"type": "speech", "text": text})

    assert len(placement.lines) > 1
    assert " ".join(placement.lines) == text
    font = _font(str(lettering_fonts().regular), placement.font_size)
    x0, y0, x1, y1 = placement.body
    assert all(font.getlength(line) < x1 - x0 for line in placement.lines)
    assert len(placement.lines) * placement.line_height < y1 - y0


def test_text_too_long_for_its_panel_shrinks_the_font():
    short, [roomy] = lettered({"type": "speech", "text": "Hi"})
    words = " ".join(["말이"] * 120)
    _, [cramped] = lettered({"type": "speech", "text": words})

    assert cramped.font_size < roomy.font_size


def test_bubbles_stay_inside_the_image_even_at_the_edge():
    _, placements = lettered({"type": "speech", "text": "At the very edge of the panel", "x": 1.0, "y": 0.0})

    x0, y0, x1, y1 = placements[0].body
    assert x0 >= 0 and y0 >= 0 and x1 <= 800 and y1 <= 600


def test_layout_scales_panel_boxes_and_skips_empty_bubbles():
    bubbles = [{"panel_index": 0, "text": "Hello", "x": 0.5, "y": 0.5}, {"panel_index": 0, "text": "  "}]

    placements = layout_bubbles(bubbles, PANELS, size=(400, 300), scale=0.5)

    assert len(placements) == 1
    x0, y0, x1, y1 = placements[0].body
    assert abs((x0 + x1) / 2 - 200) <= 1 and abs((y0 + y1) / 2 - 150) <= 1


def test_drawing_only_touches_the_bubble_bounds():
    picture = Image.new("RGB", (800, 600), SKY)
    placements = layout_bubbles(
        [{"panel_index": 0, "type": "speech", "text": "Hello", "x": 0.5, "y": 0.5}], PANELS, size=(800, 600)
    )

    draw_bubbles(picture, placements)

    changed = ImageChops.difference(picture, Image.new("RGB", (800, 600), SKY)).getbbox()
    bounds = placements[0].bounds
    assert bounds[0] <= changed[0] and bounds[1] <= changed[1] and changed[2] <= bounds[2] and changed[3] <= bounds[3]


@pytest.fixture
def fresh_fonts():
    lettering_fonts.cache_clear()
    yield
    lettering_fonts.cache_clear()


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu is not installed")
def test_a_configured_font_without_hangul_is_passed_over(settings, fresh_fonts):
    settings.LETTERING_FONT = str(DEJAVU)

    assert lettering_fonts().regular != DEJAVU
    assert covers_latin_and_hangul(str(lettering_fonts().regular))


@pytest.mark.django_db
@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu is not installed")
def test_an_export_on_a_machine_without_a_hangul_font_fails_at_once_with_the_reason(
    settings, fresh_fonts, monkeypatch, run_export, media_root
):
    settings.LETTERING_FONT = settings.LETTERING_FONT_BOLD = str(DEJAVU)
    monkeypatch.setattr("episodes.lettering.REGULAR_FONT_PATHS", ())
    monkeypatch.setattr("episodes.lettering.BOLD_FONT_PATHS", ())
    monkeypatch.setattr("episodes.lettering.shutil.which", lambda name: None)

    job = run_export(episode=rendered_episode(scenes=1), format="webtoon")

    assert job.status == ExportJob.Status.FAILED
    assert "install fonts-nanum" in job.error
    assert not (media_root / "exports").exists() or not any((media_root / "exports").rglob("*.*"))


def _overlap(a, b) -> float:
    return max(0, min(a[2], b[2]) - max(a[0], b[0])) * max(0, min(a[3], b[3]) - max(a[1], b[1]))


def test_a_balloon_put_over_an_earlier_one_and_a_kept_clear_label_moves_off_both_below_the_first():
    label = (0.35, 0.4, 0.65, 0.47)
    panels = [{**PANELS[0], "keep_clear": [list(label)]}]
    line = "Where were you when the lamp went out last night?"
    bubbles = [
        {"panel_index": 0, "type": "speech", "text": line, "x": 0.4, "y": 0.25},
        {"panel_index": 0, "type": "speech", "text": line, "x": 0.55, "y": 0.35},
        {"panel_index": 0, "type": "speech", "text": line, "x": 0.5, "y": 0.44},
    ]

    placements = layout_bubbles(bubbles, panels, size=(800, 600))

    bodies = [placement.body for placement in placements]
    label_px = (label[0] * 800, label[1] * 600, label[2] * 800, label[3] * 600)
    assert all(_overlap(body, label_px) == 0 for body in bodies)
    assert all(_overlap(a, b) == 0 for index, a in enumerate(bodies) for b in bodies[index + 1 :])
    assert [body[1] for body in bodies] == sorted(body[1] for body in bodies)
    assert all(x0 >= 0 and y0 >= 0 and x1 <= 800 and y1 <= 600 for x0, y0, x1, y1 in bodies)


def test_a_balloon_on_free_ground_stays_where_it_was_put_and_inside_its_panel():
    panels = [
        {"panel_index": 0, "x": 0, "y": 0, "width": 400, "height": 600, "keep_clear": [[0.0, 0.8, 0.2, 0.9]]},
        {"panel_index": 1, "x": 400, "y": 0, "width": 400, "height": 600},
    ]
    bubbles = [
        {"panel_index": 0, "type": "speech", "text": "Hello", "x": 0.5, "y": 0.3},
        {"panel_index": 1, "type": "speech", "text": "Over here, by the door!", "x": 0.0, "y": 0.3},
    ]

    free, edge = (placement.body for placement in layout_bubbles(bubbles, panels, size=(800, 600)))

    assert abs((free[0] + free[2]) / 2 - 200) <= 1 and abs((free[1] + free[3]) / 2 - 180) <= 1
    assert edge[0] >= 400


def test_a_tail_stops_short_of_a_kept_clear_label_between_the_balloon_and_its_speaker():
    label = (0.4, 0.37, 0.6, 0.42)
    panels = [{**PANELS[0], "keep_clear": [list(label)]}]
    bubble = {
        "panel_index": 0,
        "type": "speech",
        "text": "Over here!",
        "x": 0.5,
        "y": 0.3,
        "tail_x": 0.5,
        "tail_y": 0.9,
    }

    (placement,) = layout_bubbles([bubble], panels, size=(800, 600))

    _, (tip_x, tip_y), _ = placement.tail
    assert tip_y < label[1] * 600
    assert tip_y > placement.body[3]
