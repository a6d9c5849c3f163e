from artifacts.pipeline.fanout import run_stage
from artifacts.pipeline.runtime import pipeline_node


@pipeline_node("plan_scenes", message="Planning every scene")
def plan_scenes(state, ctx):
    """Every scene through ScenePlanningGraph, its blind test and its critic rounds, in parallel on
    workers when the run can hand them out. After a story-level critic round (a scene the episode
    guardrails re-planned failed its blind test) only the scenes it rewrote: the others' plans stand."""
    attempt = state.get("attempt", 0)
    wanted = set(state["failing"]) if attempt else None
    scenes = [
        (scene_id, index) for index, scene_id in enumerate(state["scene_ids"]) if wanted is None or scene_id in wanted
    ]
    return run_stage(ctx, node="plan_scenes", state=state, stage="plan", scenes=scenes)


def plan_and_test_scene(ctx, scene_id: str, scene_index: int) -> None:
    """One scene planned and read back blind; while a reader cannot follow it, the critic rewrites its
    visual plan and it is planned again (at most `max_retries` rounds). Nothing here waits for another
    scene, so a scene's critic rounds run on its own worker; the build's blind test, after the episode
    guardrails, then finds the reports made unless the guardrails re-planned the scene."""
    from artifacts.pipeline.graphs.scene_planning import plan_scene
    from artifacts.pipeline.nodes.blind_test import blind_test_scene
    from artifacts.pipeline.nodes.critic import revise_scene, rounds_left
    from projects.models import Scene

    scene = Scene.objects.select_related("story", "environment").get(pk=scene_id)
    while True:
        planned = plan_scene(ctx, scene_id=scene_id, scene_index=scene_index, panel_count=ctx.parameters["panel_count"])
        report = blind_test_scene(ctx, scene, brief=planned["brief"]).payload
        if report["passed"] or scene.planning_locked or rounds_left(ctx, scene_id) <= 0:
            return
        revise_scene(ctx, scene, report["gaps"])
