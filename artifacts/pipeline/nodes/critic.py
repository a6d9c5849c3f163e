from artifacts.models import ArtifactType
from artifacts.pipeline.rules.review import critic as revise
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import latest, produce
from projects.models import Scene


@pipeline_node("critic", message="Rewriting the scenes a reader could not follow")
def critic(state, ctx):
    """The blind test's gaps go back into the failing scenes' visual plans (beats reweighed so the planner
    shows what was missed); planning runs again."""
    for scene in Scene.objects.filter(pk__in=state["failing"]):
        plan = latest(scene, ArtifactType.VISUAL_PLAN)
        gaps = state["blind"][str(scene.pk)]["gaps"]
        produce(
            ctx,
            node="critic",
            scene=scene,
            type=ArtifactType.VISUAL_PLAN,
            any_version=True,
            inputs={"critic_of": str(plan.pk), "gaps": gaps},
            make=lambda plan=plan, gaps=gaps: reweigh(ctx, {"beats": plan.payload["beats"]}, gaps),
        )
    return {"attempt": state.get("attempt", 0) + 1}


def reweigh(ctx, visual_plan: dict, gaps: list[str]) -> dict:
    inputs = {"visual_plan": visual_plan, "gaps": gaps}
    return ctx.llm.run_checked("critic", inputs, rules=revise(**inputs))
