from artifacts.models import ArtifactType
from artifacts.pipeline.rules.planning import normalize
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import produce, ref
from projects.models import Scene


@pipeline_node("normalize_panels", message="Applying the panel rules")
def normalize_panels(state, ctx):
    """Panel count 1-12, establishing first where the place changes, no three equal framings in a row,
    close-ups at most half: whatever strategy wrote the plan, these rules hold after this node."""
    plan = state["artifacts"][ArtifactType.PANEL_PLAN]
    brief = state["brief"]
    changes_place = bool(brief["location"]) and brief["location"] != brief["previous_location"]
    artifact = produce(
        ctx,
        node="normalize_panels",
        scene=Scene.objects.get(pk=state["scene_id"]),
        type=ArtifactType.PANEL_PLAN_NORMALIZED,
        inputs={"plan": plan["artifact_id"], "changes_place": changes_place},
        make=lambda: normalize({"panels": plan["payload"]["panels"]}, changes_place=changes_place),
    )
    return {"artifacts": {**state["artifacts"], ArtifactType.PANEL_PLAN_NORMALIZED: ref(artifact)}}
