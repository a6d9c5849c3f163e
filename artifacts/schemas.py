"""Payload schemas of the artifact types and of DialogueLayer.bubbles (docs/contracts.md).

Every write of an artifact goes through `validate_payload`: unknown keys are refused (a typo is an
error, not silently kept), values are normalised to JSON (enums as their values, UUIDs as strings)
and the first failing field is named by its path, e.g. `panels.0.shot`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from artifacts.exceptions import InvalidPayload
from artifacts.models import ArtifactType

PanelIndex = Annotated[int, Field(ge=0)]
Fraction = Annotated[float, Field(ge=0, le=1)]
Pixels = Annotated[int, Field(gt=0)]
# The database enforces this format on Character.canonical_code; a name where a code belongs is a bug.
CharacterCode = Annotated[str, Field(pattern=r"^CHAR_[A-Z]+$")]
NonEmptyStr = Annotated[str, Field(min_length=1)]
MAX_PANELS = 12


class Shot(StrEnum):
    ESTABLISHING = "establishing"
    DIALOGUE_MEDIUM = "dialogue_medium"
    EMOTION_CLOSEUP = "emotion_closeup"
    ACTION = "action"
    REACTION = "reaction"
    OBJECT_FOCUS = "object_focus"
    REVEAL = "reveal"
    IMPACT_SILENCE = "impact_silence"


class Framing(StrEnum):
    EXTREME_WIDE = "extreme_wide"
    WIDE = "wide"
    MEDIUM = "medium"
    MEDIUM_CLOSE = "medium_close"
    CLOSE_UP = "close_up"
    EXTREME_CLOSE_UP = "extreme_close_up"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Tokens(BaseModel):
    model_config = ConfigDict(extra="allow")

    prompt: Annotated[int, Field(ge=0)] | None = None
    completion: Annotated[int, Field(ge=0)] | None = None


class GenerationMeta(BaseModel):
    """`_meta`: how the payload was produced. The only free-form block: known keys are typed, others kept."""

    model_config = ConfigDict(extra="allow")

    strategy: Literal["rules", "llm"] | None = None
    model: str | None = None
    prompt_version: str | None = None
    latency_ms: Annotated[int, Field(ge=0)] | None = None
    tokens: Tokens | None = None


class Payload(Strict):
    meta: GenerationMeta | None = Field(default=None, alias="_meta")


def _unique_indexes(items: list, attribute: str) -> list:
    seen = set()
    for position, item in enumerate(items):
        value = getattr(item, attribute)
        if value in seen:
            raise ValueError(f"item {position}: {attribute} {value} appears twice")
        seen.add(value)
    return items


class PanelItems(Payload):
    """A payload whose `panels` are keyed by a unique `panel_index`."""

    @field_validator("panels", check_fields=False)
    @classmethod
    def _panel_indexes_are_unique(cls, panels):
        return _unique_indexes(panels, "panel_index")


class DialogueLine(Strict):
    speaker: CharacterCode | None = None
    text: NonEmptyStr


class SceneIntent(Payload):
    summary: NonEmptyStr
    location: str
    time_of_day: str
    mood: str
    characters: list[CharacterCode] = []
    pace: Literal["slow", "normal", "fast"]
    emotional_peak: str = ""


class PlannedPanel(Strict):
    panel_index: PanelIndex
    shot: Shot
    framing: Framing
    focus: str
    characters: list[CharacterCode] = []
    action: str
    weight: Fraction
    dialogue: list[DialogueLine] = []
    narration: str = ""


class PanelPlan(PanelItems):
    panels: Annotated[list[PlannedPanel], Field(min_length=1, max_length=MAX_PANELS)]


class PanelPlanNormalized(PanelPlan):
    corrections: list[str] = []


class LayoutPanel(Strict):
    panel_index: PanelIndex
    x: Fraction
    y: Fraction
    w: Annotated[float, Field(gt=0, le=1)]
    h: Annotated[float, Field(gt=0, le=1)]

    @field_validator("w", "h")
    @classmethod
    def _box_stays_on_the_canvas(cls, size: float, info: ValidationInfo) -> float:
        origin = info.data.get("x" if info.field_name == "w" else "y")
        # A small tolerance: fractions computed by division rarely sum to exactly 1.
        if origin is not None and origin + size > 1 + 1e-6:
            raise ValueError(f"the box leaves the canvas ({origin} + {size} > 1)")
        return size


class LayoutTemplate(PanelItems):
    template_id: NonEmptyStr
    panels: Annotated[list[LayoutPanel], Field(min_length=1, max_length=MAX_PANELS)]
    # Declared after `panels` so that its check can see them.
    panel_count: Annotated[int, Field(ge=1, le=MAX_PANELS)]
    aspect_ratio: Annotated[float, Field(gt=0)]
    reason: str = ""

    @field_validator("panel_count")
    @classmethod
    def _panel_count_matches_the_boxes(cls, count: int, info: ValidationInfo) -> int:
        panels = info.data.get("panels")
        if panels is not None and len(panels) != count:
            raise ValueError(f"panel_count is {count} but {len(panels)} panels are laid out")
        return count


class PanelCharacter(Strict):
    code: CharacterCode
    name: str
    variant_id: UUID | None = None
    pose: str = ""
    expression: str = ""


class SemanticPanel(Strict):
    panel_index: PanelIndex
    shot: Shot
    framing: Framing
    camera: str
    characters: list[PanelCharacter] = []
    environment: str
    action: str
    mood: str
    mood_color: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
    dialogue: list[DialogueLine] = []
    narration: str = ""


class PanelSemantics(PanelItems):
    panels: Annotated[list[SemanticPanel], Field(min_length=1, max_length=MAX_PANELS)]


class RenderStyle(Strict):
    preset_id: UUID | None = None
    name: str
    decided_by: Literal["scene", "episode", "story", "system"]


class RenderPanel(Strict):
    panel_index: PanelIndex
    prompt: NonEmptyStr
    negative_prompt: str = ""
    width: Pixels
    height: Pixels
    reference_image_urls: list[str] = []
    seed: int


class RenderSpec(PanelItems):
    style: RenderStyle
    panels: Annotated[list[RenderPanel], Field(min_length=1, max_length=MAX_PANELS)]


class SceneImage(Strict):
    image_id: UUID
    url: NonEmptyStr
    width: Pixels
    height: Pixels


class RenderedPanel(Strict):
    panel_index: PanelIndex
    image_id: UUID
    url: NonEmptyStr
    x: Annotated[int, Field(ge=0)]
    y: Annotated[int, Field(ge=0)]
    width: Pixels
    height: Pixels
    # Areas of the picture (x0, y0, x1, y1 as fractions of the panel) bubbles must leave visible.
    keep_clear: list[Annotated[list[Fraction], Field(min_length=4, max_length=4)]] = []


class RenderResult(PanelItems):
    provider: NonEmptyStr
    scene_image: SceneImage
    panels: Annotated[list[RenderedPanel], Field(max_length=MAX_PANELS)]
    lettered: bool = False


class QcIssue(Strict):
    rule: NonEmptyStr
    severity: Literal["info", "warning", "error"]
    message: str
    panel_index: PanelIndex | None = None


class QcReport(Payload):
    passed: bool
    enforced: bool
    # Strict numbers: a boolean or a numeric string in a metric is a bug upstream, not a value.
    metrics: dict[str, Annotated[float, Field(strict=True)]] = {}
    issues: list[QcIssue] = []


class BlindTestReport(Payload):
    reconstructed_summary: str
    score: Fraction
    gaps: list[str] = []
    passed: bool


class SuggestedLine(Strict):
    speaker: CharacterCode | None = None
    text: NonEmptyStr
    kind: Literal["speech", "thought", "narration", "sfx"]
    panel_index: PanelIndex | None = None


class DialogueSuggestions(Payload):
    lines: list[SuggestedLine]


class Beat(Strict):
    beat_index: Annotated[int, Field(ge=0)]
    description: NonEmptyStr
    importance: Literal["critical", "high", "medium", "low"]
    weight: Fraction
    characters: list[CharacterCode] = []


class VisualPlan(Payload):
    beats: Annotated[list[Beat], Field(min_length=1)]

    @field_validator("beats")
    @classmethod
    def _beat_indexes_are_unique(cls, beats):
        return _unique_indexes(beats, "beat_index")


class Bubble(Strict):
    bubble_id: NonEmptyStr
    panel_index: PanelIndex
    type: Literal["speech", "thought", "narration", "sfx"]
    speaker: CharacterCode | None = None
    text: NonEmptyStr
    x: Fraction
    y: Fraction
    tail_x: Fraction | None = None
    tail_y: Fraction | None = None


class DialogueBubbles(RootModel[list[Bubble]]):
    """DialogueLayer.bubbles: validate with `validate_bubbles`."""

    @field_validator("root")
    @classmethod
    def _bubble_ids_are_unique(cls, bubbles):
        return _unique_indexes(bubbles, "bubble_id")


PAYLOAD_SCHEMAS: dict[str, type[Payload]] = {
    ArtifactType.SCENE_INTENT: SceneIntent,
    ArtifactType.PANEL_PLAN: PanelPlan,
    ArtifactType.PANEL_PLAN_NORMALIZED: PanelPlanNormalized,
    ArtifactType.LAYOUT_TEMPLATE: LayoutTemplate,
    ArtifactType.PANEL_SEMANTICS: PanelSemantics,
    ArtifactType.RENDER_SPEC: RenderSpec,
    ArtifactType.RENDER_RESULT: RenderResult,
    ArtifactType.QC_REPORT: QcReport,
    ArtifactType.BLIND_TEST_REPORT: BlindTestReport,
    ArtifactType.DIALOGUE_SUGGESTIONS: DialogueSuggestions,
    ArtifactType.VISUAL_PLAN: VisualPlan,
}


def _field_errors(error: ValidationError) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for item in error.errors(include_url=False):
        path = ".".join(str(part) for part in item["loc"]) or "payload"
        # Our own checks raise ValueError; their text reads better without pydantic's "Value error, ".
        message = str(item["ctx"]["error"]) if item["type"] == "value_error" else item["msg"]
        fields.setdefault(path, []).append(message)
    return fields


def _refuse(label: str, error: ValidationError):
    fields = _field_errors(error)
    summary = "; ".join(f"{path}: {' / '.join(messages)}" for path, messages in fields.items())
    raise InvalidPayload(f"Invalid {label}: {summary}", fields=fields) from error


def validate_payload(type: str, payload: Any) -> dict:
    """The payload of an artifact of `type`, normalised to JSON; raises InvalidPayload naming each failing field."""
    schema = PAYLOAD_SCHEMAS.get(type)
    if schema is None:
        raise InvalidPayload(f"Unknown artifact type {type!r}", fields={"type": [f"unknown artifact type {type!r}"]})
    try:
        validated = schema.model_validate(payload)
    except ValidationError as error:
        _refuse(f"{type} payload", error)
    data = validated.model_dump(mode="json", by_alias=True, exclude={"meta"})
    if validated.meta is not None:
        data["_meta"] = validated.meta.model_dump(mode="json", exclude_unset=True)
    return data


def validate_bubbles(bubbles: Any) -> list[dict]:
    """DialogueLayer.bubbles normalised to JSON; raises InvalidPayload naming each failing field (`0.text`)."""
    try:
        validated = DialogueBubbles.model_validate(bubbles)
    except ValidationError as error:
        _refuse("dialogue bubbles", error)
    return validated.model_dump(mode="json")
