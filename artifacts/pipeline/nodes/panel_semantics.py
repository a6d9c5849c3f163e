from artifacts.models import ArtifactType
from artifacts.pipeline.rules.planning import panel_semantics as describe
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import produce, ref, without_meta
from projects.models import Scene


@pipeline_node("panel_semantics", message="Describing every panel")
def panel_semantics(state, ctx):
    plan = state["artifacts"][ArtifactType.PANEL_PLAN_NORMALIZED]
    intent = state["artifacts"][ArtifactType.SCENE_INTENT]
    brief = state["brief"]
    artifact = produce(
        ctx,
        node="panel_semantics",
        scene=Scene.objects.get(pk=state["scene_id"]),
        type=ArtifactType.PANEL_SEMANTICS,
        inputs={
            "plan": plan["artifact_id"],
            "intent": intent["artifact_id"],
            "cast": brief["cast"],
            "environment": brief["environment"],
        },
        make=lambda: describe_panels(ctx, brief, without_meta(intent["payload"]), without_meta(plan["payload"])),
    )
    return {"artifacts": {**state["artifacts"], ArtifactType.PANEL_SEMANTICS: ref(artifact)}}


def describe_panels(ctx, brief: dict, intent: dict, plan: dict) -> dict:
    """The rules describe every panel of the plan; an LLM may describe them better, within the plan."""
    inputs = {"brief": brief, "intent": intent, "plan": plan}
    return ctx.llm.run_checked("panel_semantics", inputs, rules=describe(**inputs))
