"""Running one GraphRun to its end: the single entry point of Celery tasks and foreground commands."""

from __future__ import annotations

import contextlib
import logging

from artifacts.models import GraphRun
from artifacts.pipeline import runs
from artifacts.pipeline.exceptions import RunCancelled
from artifacts.pipeline.parameters import validate_parameters
from artifacts.pipeline.runtime import PipelineContext

logger = logging.getLogger(__name__)


def make_context(run: GraphRun, *, on_progress=None, dispatch_scenes=None, llm=None, images=None) -> PipelineContext:
    """The context of a run; providers come from settings unless given (a bench or a test may pass its own)."""
    from artifacts.providers.images import get_image_provider
    from artifacts.providers.llm import get_llm_provider

    parameters = validate_parameters(run.parameters)
    ctx = PipelineContext(
        llm=llm or get_llm_provider(),
        images=images or get_image_provider(),
        parameters=parameters,
        run_id=str(run.pk),
        story_id=str(run.story_id) if run.graph == GraphRun.Graph.STORY_BUILD else None,
        checkpoint=dict(run.checkpoint),
        dispatch_scenes=dispatch_scenes,
        on_progress=on_progress,
    )
    if run.graph == GraphRun.Graph.STORY_BUILD:
        from artifacts.pipeline.graphs.story_build import estimate_steps

        ctx.total_steps = estimate_steps(parameters, run.story.scenes.count() or parameters["max_scenes"] // 2 or 1)
    return ctx


def execute_run(
    run_id, *, task_id: str = "", on_progress=None, dispatch_scenes=None, llm=None, images=None
) -> GraphRun:
    """Run (or resume) the graph of `run_id`. A finished run is left alone, so a redelivered task is a no-op.

    Errors do not escape: the run and its story are marked failed with the failing node, and the
    finished run is returned for the caller to report.
    """
    from artifacts.providers.llm import get_llm_provider

    llm = llm or get_llm_provider()
    run = runs.run_start(run_id=run_id, task_id=task_id, provider=llm.name)
    if run is None:
        return GraphRun.objects.get(pk=run_id)
    ctx = make_context(run, on_progress=on_progress, dispatch_scenes=dispatch_scenes, llm=llm, images=images)
    try:
        result = _invoke(run, ctx)
        ctx.flush()
    except RunCancelled:
        return GraphRun.objects.get(pk=run_id)
    except Exception as error:
        # The timings of the nodes that did finish still tell where the time went.
        with contextlib.suppress(RunCancelled):
            ctx.flush()
        return fail_run(run, error)
    if result.get("waiting"):
        # A scene stage went to other workers; the chord's callback resumes this run.
        return GraphRun.objects.get(pk=run_id)
    finished = runs.run_finish(run_id=run_id, status=GraphRun.Status.COMPLETED)
    if run.graph == GraphRun.Graph.STORY_BUILD and finished.status == GraphRun.Status.COMPLETED:
        from projects.services import story_generation_finish

        story_generation_finish(story_id=run.story_id, succeeded=True)
    return finished


def execute_scene_stage(run_id, *, stage: str, scene_id: str, scene_index: int) -> str:
    """One scene's share of a story build's stage, on a worker of its own. Idempotent like every node:
    a redelivered task finds the scene's artifacts made and writes nothing twice."""
    from artifacts.pipeline.fanout import scene_work

    run = GraphRun.objects.select_related("story").get(pk=run_id)
    if run.status != GraphRun.Status.RUNNING:
        return run.status
    ctx = make_context(run)
    try:
        scene_work(stage)(ctx, scene_id, scene_index)
        ctx.flush()
    except RunCancelled:
        return GraphRun.Status.CANCELLED
    except Exception as error:
        fail_run(run, error)
        raise
    return "done"


def resume_after_stage(run_id, *, stage: str, attempt: int, task_id: str = "", dispatch_scenes=None) -> GraphRun:
    """Every scene of the stage is done (a chord's callback): the stage is marked done for this critic
    round and the build goes on (the nodes before it return their checkpoints)."""
    from artifacts.pipeline.fanout import done_key

    try:
        runs.run_report(run_id=run_id, checkpoint=(done_key(stage, attempt), True))
    except RunCancelled:
        return GraphRun.objects.get(pk=run_id)
    return execute_run(run_id, task_id=task_id, dispatch_scenes=dispatch_scenes)


def fail_run(run: GraphRun, error: Exception) -> GraphRun:
    """Record the failure on the run (message, failing node) and on its story."""
    run.refresh_from_db(fields=["current_node"])
    node = getattr(error, "pipeline_node", "") or run.current_node
    message = getattr(error, "message", None) or f"{type(error).__name__}: {error}"
    logger.exception("graph run %s failed in %s", run.pk, node)
    finished = runs.run_finish(run_id=run.pk, status=GraphRun.Status.FAILED, error=message, failed_node=node)
    if run.graph == GraphRun.Graph.STORY_BUILD and finished.status == GraphRun.Status.FAILED:
        from projects.services import story_generation_finish

        story_generation_finish(story_id=run.story_id, succeeded=False, error=f"{node}: {message}")
    return finished


def _invoke(run: GraphRun, ctx: PipelineContext) -> dict:
    if run.graph == GraphRun.Graph.STORY_BUILD:
        from artifacts.pipeline.graphs.story_build import build_story

        return build_story(ctx, story_id=str(run.story_id))
    if run.graph == GraphRun.Graph.SCENE_PLANNING:
        from artifacts.pipeline.graphs.scene_planning import plan_scene

        return plan_scene(
            ctx,
            scene_id=str(run.scene_id),
            scene_index=run.scene.scene_index,
            panel_count=ctx.parameters["panel_count"],
        )
    from artifacts.pipeline.graphs.scene_render import render_scene

    return render_scene(ctx, scene_id=str(run.scene_id), scene_index=run.scene.scene_index)
