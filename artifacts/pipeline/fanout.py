"""The scene stages of a story build (planning, rendering): one unit of work per scene, independent of
the other scenes, so a worker hands them out one task per scene (a chord whose callback resumes the
build) and a foreground build does them one after another."""

from __future__ import annotations

from collections.abc import Callable

from artifacts.pipeline.runtime import PipelineContext


def done_key(stage: str, attempt: int) -> str:
    """The run's checkpoint once every scene of the stage (in this critic round) is done."""
    return f"{stage}:done:{attempt}"


# Checkpoint key: where a build handed a stage out, and its state then; the chord's callback starts
# the graph there instead of replaying the nodes before it.
RESUME_KEY = "_resume"


def run_stage(ctx: PipelineContext, *, node: str, state: dict, stage: str, scenes: list[tuple[str, int]]) -> dict:
    """Each (scene id, scene index) through the stage: on other workers when this run can hand them out
    (the build then stops, waiting, and the chord's callback resumes it at `node`), else here."""
    attempt = state.get("attempt", 0)
    if ctx.checkpoint.get(done_key(stage, attempt)):
        return {"waiting": False}
    if ctx.dispatch_scenes is not None:
        # Written before the scene tasks start: they read the story's LLM chain from the run.
        ctx.flush(checkpoint=(RESUME_KEY, {"node": node, "step": ctx.step, "state": state}))
        if ctx.dispatch_scenes(stage, scenes, attempt):
            return {"waiting": True}
    work = scene_work(stage)
    for scene_id, scene_index in scenes:
        work(ctx, scene_id, scene_index)
    return {"waiting": False}


def scene_work(stage: str) -> Callable[[PipelineContext, str, int], None]:
    if stage == "plan":
        from artifacts.pipeline.nodes.plan_scenes import plan_and_test_scene

        return plan_and_test_scene
    if stage == "render":
        from artifacts.pipeline.nodes.render_scenes import render_one_scene

        return render_one_scene
    raise ValueError(f"Unknown scene stage {stage!r}: expected plan or render.")
