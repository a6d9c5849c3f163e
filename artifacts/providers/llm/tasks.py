"""The LLM tasks of the pipeline: what each takes, the artifact schema its answer must meet, and the
rule-based strategy that does it offline.

Checked tasks (see `checks.py`) take a loose answer: only its outline is demanded here, and each entry
is validated on its own against the text and the rules' answer, so one bad entry does not cost the rest."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from artifacts.pipeline.rules import looks, planning, review, script, understanding


class Line(BaseModel):
    speaker: str | None = None
    text: str
    kind: str = "speech"


class Beat(BaseModel):
    model_config = ConfigDict(extra="allow")
    beat_index: int = Field(ge=0)
    text: str
    summary: str = ""
    weight: float = Field(ge=0, le=1)
    importance: str
    characters: list[str] = []
    dialogue: list[Line] = []
    narration: str = ""
    sfx: list[str] = []
    scene_break: bool = False
    heading: str = ""
    location: str = ""
    time_of_day: str = ""


class Script(BaseModel):
    beats: list[Beat] = Field(min_length=1)


class Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Understanding(Loose):
    characters: list = []
    speakers: list = []


class Looks(Loose):
    characters: list = []


class PanelDescriptions(Loose):
    panels: list = []


class Reweighing(Loose):
    beats: list = []


# task -> (prompt template name, artifact type or schema its output must meet, offline strategy)
TASKS = {
    "script": ("script", Script, script.write_script),
    "scene_intent": ("scene_intent", "scene_intent", planning.scene_intent),
    "panel_plan": ("panel_plan", "panel_plan", planning.panel_plan),
    "blind_test": ("blind_test", "blind_test_report", review.blind_test),
    "characters": ("characters", Understanding, understanding.understand),
    "character_looks": ("character_looks", Looks, looks.character_looks),
    "panel_semantics": ("panel_semantics", PanelDescriptions, planning.panel_semantics),
    "critic": ("critic", Reweighing, review.critic),
}
