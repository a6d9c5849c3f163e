"""The layout template catalogue (1 to 12 panels) and the rules that pick one for a scene.

Geometries are fractions (x, y, w, h) of the scene canvas; the canvas is `aspect_ratio` times as tall
as it is wide. Webtoons read top to bottom, so every template keeps reading order top-down, left-right.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    template_id: str
    boxes: tuple[tuple[float, float, float, float], ...]
    aspect_ratio: float
    # What the geometry suits: a pace, and whether it stages one dominant panel.
    pace: str = "normal"
    hero: bool = False

    @property
    def panel_count(self) -> int:
        return len(self.boxes)

    def areas(self) -> list[float]:
        return [w * h * self.aspect_ratio for _, _, w, h in self.boxes]


def _rows(
    template_id: str, rows: list[list[float]], heights: list[float], *, aspect: float, pace="normal", hero=False
) -> Template:
    """Rows of panels: `rows` holds each row's column widths (fractions), `heights` each row's height."""
    boxes, y = [], 0.0
    total = sum(heights)
    for widths, height in zip(rows, heights, strict=True):
        x = 0.0
        for width in widths:
            boxes.append((round(x, 4), round(y / total, 4), round(width, 4), round(height / total, 4)))
            x += width
        y += height
    return Template(template_id, tuple(boxes), aspect, pace, hero)


CATALOGUE: list[Template] = [
    _rows("single_full", [[1]], [1], aspect=1.4, hero=True),
    _rows("single_tall_splash", [[1]], [1], aspect=2.0, pace="slow", hero=True),
    _rows("single_wide", [[1]], [1], aspect=0.8, pace="fast", hero=True),
    _rows("two_stack", [[1], [1]], [1, 1], aspect=1.6),
    _rows("two_side", [[0.5, 0.5]], [1], aspect=0.9, pace="fast"),
    _rows("two_big_top", [[1], [1]], [2, 1], aspect=1.8, pace="slow", hero=True),
    _rows("three_stack", [[1], [1], [1]], [1, 1, 1], aspect=2.2, pace="slow"),
    _rows("three_top_pair", [[0.5, 0.5], [1]], [1, 1.4], aspect=1.5, hero=True),
    _rows("three_pair_bottom", [[1], [0.5, 0.5]], [1.4, 1], aspect=1.5),
    _rows("three_columns", [[0.34, 0.33, 0.33]], [1], aspect=0.8, pace="fast"),
    _rows("four_grid", [[0.5, 0.5], [0.5, 0.5]], [1, 1], aspect=1.2, pace="fast"),
    _rows("four_stack", [[1], [1], [1], [1]], [1, 1, 1, 1], aspect=2.8, pace="slow"),
    _rows("four_hero_middle", [[0.5, 0.5], [1], [1]], [1, 1.6, 0.8], aspect=2.2, hero=True),
    _rows("four_strip", [[1], [0.4, 0.6], [1]], [1, 1, 1.2], aspect=2.0),
    _rows("five_mixed", [[1], [0.5, 0.5], [1], [1]], [1.2, 1, 1, 1], aspect=2.6),
    _rows("five_grid_splash", [[0.5, 0.5], [1], [0.5, 0.5]], [1, 1.8, 1], aspect=2.2, hero=True),
    _rows("five_fast", [[0.34, 0.33, 0.33], [0.5, 0.5]], [1, 1.2], aspect=1.2, pace="fast"),
    _rows("six_grid", [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]], [1, 1, 1], aspect=1.8, pace="fast"),
    _rows("six_stack_pairs", [[1], [0.5, 0.5], [1], [0.5, 0.5]], [1.2, 1, 1.2, 1], aspect=2.6),
    _rows("six_hero_top", [[1], [0.5, 0.5], [0.34, 0.33, 0.33]], [1.8, 1, 1], aspect=2.0, hero=True),
]


def _vertical(count: int) -> Template:
    """Seven panels and more: a vertical scroll of full-width panels, the webtoon's natural form."""
    return _rows(f"scroll_{count}", [[1]] * count, [1] * count, aspect=0.55 * count, pace="slow")


def candidates(panel_count: int) -> list[Template]:
    found = [template for template in CATALOGUE if template.panel_count == panel_count]
    return found or [_vertical(panel_count)]


def by_id(template_id: str) -> Template | None:
    if template_id.startswith("scroll_"):
        return _vertical(int(template_id.split("_")[1]))
    return next((template for template in CATALOGUE if template.template_id == template_id), None)


def rank(
    *, weights: list[float], pace: str, importance: str, exclude: tuple[str, ...] = ()
) -> list[tuple[Template, str]]:
    """Templates for len(weights) panels, best first, each with the reason it scored as it did.

    Score: how well the boxes' areas follow the panels' weights (the pairing of weights and areas
    against the best possible pairing, by the rearrangement inequality: 1 when the heaviest panel has
    the largest box, the next the next...), plus whether the pace matches, plus whether a critical or
    high scene gets a template with a dominant panel.
    """
    scored = []
    for template in candidates(len(weights)):
        if template.template_id in exclude:
            continue
        areas = template.areas()
        best = sum(w * a for w, a in zip(sorted(weights), sorted(areas), strict=True)) or 1
        agreement = sum(w * a for w, a in zip(weights, areas, strict=True)) / best
        pace_fit = 1.0 if template.pace == pace else 0.0
        wants_hero = importance in ("critical", "high")
        hero_fit = 1.0 if template.hero == wants_hero else 0.0
        score = round(agreement + 0.6 * pace_fit + 0.5 * hero_fit, 3)
        reason = (
            f"{len(weights)} panels; weight/area agreement {agreement:.2f}; pace {pace} "
            f"({'matches' if pace_fit else 'differs'}); importance {importance}"
            f"{' wants a dominant panel' if wants_hero else ''}"
        )
        scored.append((score, template, reason))
    scored.sort(key=lambda item: (-item[0], item[1].template_id))
    return [(template, reason) for _, template, reason in scored]


def payload(template: Template, reason: str) -> dict:
    return {
        "template_id": template.template_id,
        "panel_count": template.panel_count,
        "panels": [
            {"panel_index": index, "x": x, "y": y, "w": w, "h": h} for index, (x, y, w, h) in enumerate(template.boxes)
        ],
        "aspect_ratio": template.aspect_ratio,
        "reason": reason,
    }


def repeated_runs(template_ids: list[str]) -> list[int]:
    """Indexes of scenes that make a third consecutive use of one template."""
    return [i for i in range(2, len(template_ids)) if template_ids[i] == template_ids[i - 1] == template_ids[i - 2]]
