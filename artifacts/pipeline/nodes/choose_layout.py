from artifacts.models import ArtifactType
from artifacts.pipeline import layouts
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import produce, ref
from projects.models import Scene


@pipeline_node("choose_layout", message="Choosing the page layout")
def choose_layout(state, ctx):
    plan = state["artifacts"][ArtifactType.PANEL_PLAN_NORMALIZED]
    intent = state["artifacts"][ArtifactType.SCENE_INTENT]["payload"]
    weights = [panel["weight"] for panel in plan["payload"]["panels"]]
    exclude = tuple(state.get("exclude_templates") or ())
    importance = state["brief"]["importance"]

    def make():
        ranked = layouts.rank(weights=weights, pace=intent["pace"], importance=importance, exclude=exclude)
        if not ranked:  # every geometry for this count was excluded: fall back to the best one
            ranked = layouts.rank(weights=weights, pace=intent["pace"], importance=importance)
        template, reason = ranked[0]
        if exclude:
            reason += f"; episode guardrail: not {', '.join(exclude)} (three scenes in a row)"
        return layouts.payload(template, reason)

    artifact = produce(
        ctx,
        node="choose_layout",
        scene=Scene.objects.get(pk=state["scene_id"]),
        type=ArtifactType.LAYOUT_TEMPLATE,
        inputs={"plan": plan["artifact_id"], "pace": intent["pace"], "importance": importance, "exclude": exclude},
        make=make,
    )
    return {"artifacts": {**state["artifacts"], ArtifactType.LAYOUT_TEMPLATE: ref(artifact)}}
