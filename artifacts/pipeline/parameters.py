"""What a generation run may be asked to do, checked before anything is written."""

from __future__ import annotations

from django.conf import settings

from artifacts.pipeline.exceptions import InvalidGenerationInput

MODES = ("full", "characters_only")
DEFAULTS = {
    "mode": "full",
    "max_scenes": 8,
    "max_characters": 10,
    "panel_count": None,
    "max_retries": 2,
    "hero_scene": False,
    "enforce_qc": False,
    "render": True,
}
BOUNDS = {"max_scenes": (1, 30), "max_characters": (1, 20), "panel_count": (1, 12), "max_retries": (0, 5)}


def validate_story_text(text: str | None) -> str:
    """The text with its line ends made LF (browsers post CRLF: scene breaks must not depend on it)."""
    if text is not None:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text is None or not text.strip():
        raise InvalidGenerationInput("The story text is empty.", fields={"text": "must not be empty"})
    limit = settings.STORY_TEXT_MAX_CHARS
    if len(text) > limit:
        raise InvalidGenerationInput(
            f"The story text has {len(text)} characters; the limit is {limit}.",
            fields={"text": f"at most {limit} characters"},
        )
    return text


def validate_parameters(parameters: dict | None = None, **overrides) -> dict:
    """The run's parameters with defaults filled in; unknown names and out-of-range values are refused."""
    given = {**(parameters or {}), **{key: value for key, value in overrides.items() if value is not None}}
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise InvalidGenerationInput(
            f"Unknown generation parameters: {', '.join(unknown)}.", fields=dict.fromkeys(unknown, "unknown")
        )
    values = {**DEFAULTS, **given}
    if values["mode"] not in MODES:
        raise InvalidGenerationInput(
            f"mode must be one of {', '.join(MODES)}, not {values['mode']!r}.", fields={"mode": "invalid"}
        )
    for name, (low, high) in BOUNDS.items():
        value = values[name]
        if value is None and name == "panel_count":
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidGenerationInput(
                f"{name} must be a whole number from {low} to {high}, not {value!r}.",
                fields={name: f"{low}-{high}"},
            )
    for name in ("hero_scene", "enforce_qc", "render"):
        values[name] = bool(values[name])
    return values
