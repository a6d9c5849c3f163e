from artifacts.pipeline.fanout import run_stage
from artifacts.pipeline.runtime import pipeline_node


@pipeline_node("plan_scenes", message="Planning every scene")
def plan_scenes(state, ctx):
    """Every scene through ScenePlanningGraph and its blind test, in parallel on workers when the run
    can hand them out. After a critic round only the scenes it rewrote: the others' plans stand."""
    attempt = state.get("attempt", 0)
    wanted = set(state["failing"]) if attempt else None
    scenes = [
        (scene_id, index) for index, scene_id in enumerate(state["scene_ids"]) if wanted is None or scene_id in wanted
    ]
    return run_stage(ctx, stage="plan", scenes=scenes, attempt=attempt)


def plan_and_test_scene(ctx, scene_id: str, scene_index: int) -> None:
    """One scene planned, then read back blind (the build's blind test then finds the report made,
    unless the episode guardrails re-plan the scene)."""
    from artifacts.pipeline.graphs.scene_planning import plan_scene
    from artifacts.pipeline.nodes.blind_test import blind_test_scene
    from projects.models import Scene

    plan_scene(ctx, scene_id=scene_id, scene_index=scene_index, panel_count=ctx.parameters["panel_count"])
    blind_test_scene(ctx, Scene.objects.select_related("story", "environment").get(pk=scene_id))
