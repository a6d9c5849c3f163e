from artifacts.pipeline.runtime import pipeline_node


@pipeline_node("plan_scenes", message="Planning every scene")
def plan_scenes(state, ctx):
    """Every scene through ScenePlanningGraph: on other workers when this run can hand them out (the
    build then stops here and a finishing task resumes it), else one after another in this process."""
    from artifacts.pipeline.graphs.scene_planning import plan_scene

    scene_ids = state["scene_ids"]
    attempt = state.get("attempt", 0)
    if ctx.checkpoint.get(planned_key(attempt)):
        return {"waiting": False}  # the workers' chord planned every scene of this round
    if ctx.dispatch_planning is not None and ctx.dispatch_planning(scene_ids, attempt):
        return {"waiting": True}
    for index, scene_id in enumerate(scene_ids):
        plan_scene(ctx, scene_id=scene_id, scene_index=index, panel_count=ctx.parameters["panel_count"])
    return {"waiting": False}


def planned_key(attempt: int) -> str:
    return f"planned:{attempt}"
