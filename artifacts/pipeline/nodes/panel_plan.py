from artifacts.models import ArtifactType
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import produce, ref
from projects.models import Scene


@pipeline_node("panel_plan", message="Breaking the scene into panels")
def panel_plan(state, ctx):
    intent = state["artifacts"][ArtifactType.SCENE_INTENT]
    count = state.get("panel_count")
    artifact = produce(
        ctx,
        node="panel_plan",
        scene=Scene.objects.get(pk=state["scene_id"]),
        type=ArtifactType.PANEL_PLAN,
        inputs={"intent": intent["artifact_id"], "panel_count": count, "sources": state["brief"]["sources"]},
        make=lambda: ctx.llm.run(
            "panel_plan", {"brief": state["brief"], "intent": intent["payload"], "panel_count": count}
        ),
    )
    return {"artifacts": {**state["artifacts"], ArtifactType.PANEL_PLAN: ref(artifact)}}
