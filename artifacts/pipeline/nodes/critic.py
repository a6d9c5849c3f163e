from artifacts.models import ArtifactType
from artifacts.pipeline.rules.review import critic as revise
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import latest, produce
from projects.models import Scene


@pipeline_node("critic", message="Rewriting the scenes a reader could not follow", checkpointed=True)
def critic(state, ctx):
    """The blind test's gaps go back into the failing scenes' visual plans (beats reweighed so the planner
    shows what was missed); planning runs again."""
    for scene in Scene.objects.filter(pk__in=state["failing"]):
        revise_scene(ctx, scene, state["blind"][str(scene.pk)]["gaps"])
    return {"attempt": state.get("attempt", 0) + 1}


def revise_scene(ctx, scene, gaps: list[str]) -> None:
    """One critic round of one scene: its visual plan rewritten from the blind test's gaps. Counted on
    the run per scene, so no scene is rewritten more than `max_retries` times in a run, whether its
    rounds ran right after its planning (on its own worker) or after the episode guardrails."""
    plan = latest(scene, ArtifactType.VISUAL_PLAN)
    produce(
        ctx,
        node="critic",
        scene=scene,
        type=ArtifactType.VISUAL_PLAN,
        any_version=True,
        inputs={"critic_of": str(plan.pk), "gaps": gaps},
        make=lambda: reweigh(ctx, {"beats": plan.payload["beats"]}, gaps),
    )
    key = rounds_key(str(scene.pk))
    ctx.checkpoint[key] = ctx.checkpoint.get(key, 0) + 1
    ctx.flush(checkpoint=(key, ctx.checkpoint[key]))


def reweigh(ctx, visual_plan: dict, gaps: list[str]) -> dict:
    inputs = {"visual_plan": visual_plan, "gaps": gaps}
    return ctx.llm.run_checked("critic", inputs, rules=revise(**inputs))


def rounds_left(ctx, scene_id: str) -> int:
    return ctx.parameters["max_retries"] - ctx.checkpoint.get(rounds_key(scene_id), 0)


def rounds_key(scene_id: str) -> str:
    return f"critic_rounds:{scene_id}"
