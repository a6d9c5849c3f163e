"""The state each graph carries between its nodes: plain JSON-able data (ids, payloads), never rows."""

from __future__ import annotations

from typing import TypedDict


class ArtifactRef(TypedDict):
    artifact_id: str
    version: int
    payload: dict


class StoryBuildState(TypedDict, total=False):
    story_id: str
    text: str
    lang: str
    attempt: int  # critic round, from 0
    characters: list[dict]  # name, aliases, gender, role, appearance, identity line
    quotes: list[dict]  # start, end, text, speaker (a name), kind
    meta: dict[str, dict]  # node -> `_meta` of its output that is not an artifact (which strategy made what)
    beats: list[dict]  # the webtoon script
    scenes: list[dict]  # the split: beat indexes, title, importance, location per scene
    scene_ids: list[str]
    waiting: bool  # a scene stage was handed to other workers; the chord's callback resumes the build
    resume_at: str  # the node a resumed build starts at (the stage it handed out)
    blind: dict[str, dict]  # scene id -> blind_test_report payload
    failing: list[str]  # scene ids whose blind test failed


class ScenePlanningState(TypedDict, total=False):
    scene_id: str
    scene_index: int
    panel_count: int | None
    exclude_templates: list[str]  # set by the episode guardrails
    locked: bool
    brief: dict
    artifacts: dict[str, ArtifactRef]  # artifact type -> the version this run produced or reused


class SceneRenderState(TypedDict, total=False):
    scene_id: str
    scene_index: int
    style: dict  # preset_id, name, decided_by, config
    artifacts: dict[str, ArtifactRef]
