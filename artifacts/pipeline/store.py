"""How nodes read and write artifacts: once per distinct input, and never on a locked scene.

Every artifact a node writes records `_meta.input_key`, a digest of what it was made from (the ids
of the upstream artifacts and the parameters that matter). A node whose latest artifact already
carries the same key returns it instead of redoing the work: that is what makes a rerun after a dead
worker resume where it stopped, with no duplicate versions. A new upstream version changes the key
of everything downstream, so edits propagate.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from artifacts.models import Artifact, ArtifactType
from artifacts.pipeline.exceptions import PlanningLocked
from artifacts.services import artifact_version_create

PLANNING_TYPES = {
    ArtifactType.VISUAL_PLAN,
    ArtifactType.DIALOGUE_SUGGESTIONS,
    ArtifactType.SCENE_INTENT,
    ArtifactType.PANEL_PLAN,
    ArtifactType.PANEL_PLAN_NORMALIZED,
    ArtifactType.LAYOUT_TEMPLATE,
    ArtifactType.PANEL_SEMANTICS,
}


def input_key(inputs) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()[:24]


def latest(scene, type: str) -> Artifact | None:
    return Artifact.objects.filter(scene=scene, type=type).order_by("-version").first()


def produce(
    ctx, *, node: str, scene, type: str, inputs, make: Callable[[], dict], any_version: bool = False
) -> Artifact:
    """The artifact of `type` made from `inputs`: the existing one when nothing changed, else a new version.

    `any_version`: reuse when any version was made from these inputs (the latest may be a later
    revision of it, by the critic or an editor, which must not be undone by a rerun).
    """
    current = latest(scene, type)
    if scene.planning_locked and type in PLANNING_TYPES:
        if current is None:
            raise PlanningLocked(
                f"Scene {scene.scene_index + 1} is locked for planning but has no {type} artifact; "
                "unlock it or add one by hand.",
                fields={"scene_id": str(scene.pk), "type": type},
            )
        return current
    key = input_key(inputs)
    if current is not None and (
        _key_of(current) == key
        or _edited_from(current, key)
        or (any_version and Artifact.objects.filter(scene=scene, type=type, payload___meta__input_key=key).exists())
    ):
        return current
    with ctx.in_lane(str(scene.pk)):
        payload = make()
    payload["_meta"] = {**payload.get("_meta", {}), "input_key": key}
    return artifact_version_create(scene=scene, type=type, payload=payload, actor=ctx.actor_for(node))


def _key_of(artifact: Artifact) -> str | None:
    return (artifact.payload.get("_meta") or {}).get("input_key")


def _edited_from(artifact: Artifact, key: str) -> bool:
    """A person's edit of the version the pipeline would make again stands: the rerun keeps it."""
    return (
        not artifact.created_by.startswith("pipeline")
        and artifact.parent_id is not None
        and _key_of(artifact.parent) == key
    )


def without_meta(payload: dict) -> dict:
    """A payload as a strategy reads it: how it was made (`_meta`) is no input to what comes next."""
    return {key: value for key, value in payload.items() if key != "_meta"}


def ref(artifact: Artifact) -> dict:
    """What the graph state keeps of an artifact: enough to key and read it."""
    return {"artifact_id": str(artifact.pk), "version": artifact.version, "payload": artifact.payload}


def produce_per_scene(ctx, *, node: str, type: str, scenes, state: dict, codes: dict, build) -> None:
    """For each scene of a story build, the artifact `build(beats, codes)` makes from its share of the
    script. `any_version`: a later revision (the critic's, an editor's) of it survives a rerun."""
    for scene, split in zip(scenes, state["scenes"], strict=False):
        beats = [state["beats"][index] for index in split["beat_indexes"]]
        produce(
            ctx,
            node=node,
            scene=scene,
            type=type,
            any_version=True,
            inputs={"beats": beats, "codes": codes},
            make=lambda beats=beats: build(beats, codes),
        )
