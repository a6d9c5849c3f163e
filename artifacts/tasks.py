"""Celery tasks of the pipeline: thin, idempotent, `acks_late`; each takes a GraphRun id.

A task redelivered after its worker died finds its run still `running` and reruns the graph: every
node first looks for what it already persisted (artifacts by input key, checkpoints on the run), so
the rerun resumes after the last finished node and writes no duplicate.
"""

from __future__ import annotations

from celery import chord, shared_task
from django.conf import settings

TASK_OPTIONS = {"acks_late": True, "reject_on_worker_lost": True}


@shared_task(bind=True, **TASK_OPTIONS)
def execute_graph_run(self, run_id: str) -> str:
    from artifacts.pipeline.executor import execute_run

    dispatch = None if self.request.is_eager else _dispatcher(run_id)
    return execute_run(run_id, task_id=self.request.id or "", dispatch_planning=dispatch).status


def _dispatcher(run_id: str):
    """Scenes of a story are planned in parallel across workers: a chord of one task per scene whose
    callback resumes the story build (which then finds every scene planned)."""

    def dispatch(scene_ids: list[str], attempt: int) -> bool:
        chord(plan_story_scene.si(run_id, scene_id, index) for index, scene_id in enumerate(scene_ids))(
            resume_story_build.si(run_id, attempt)
        )
        return True

    return dispatch


@shared_task(**TASK_OPTIONS)
def plan_story_scene(run_id: str, scene_id: str, scene_index: int) -> str:
    from artifacts.models import GraphRun
    from artifacts.pipeline.executor import fail_run, make_context
    from artifacts.pipeline.graphs.scene_planning import plan_scene
    from artifacts.pipeline.nodes.blind_test import blind_test_scene
    from projects.models import Scene

    run = GraphRun.objects.select_related("story").get(pk=run_id)
    if run.status != GraphRun.Status.RUNNING:
        return run.status
    ctx = make_context(run)
    try:
        plan_scene(ctx, scene_id=scene_id, scene_index=scene_index, panel_count=ctx.parameters["panel_count"])
        blind_test_scene(ctx, Scene.objects.select_related("story", "environment").get(pk=scene_id))
        ctx.flush()
    except Exception as error:
        fail_run(run, error)
        raise
    return "planned"


@shared_task(bind=True, **TASK_OPTIONS)
def resume_story_build(self, run_id: str, attempt: int) -> str:
    """The chord's callback: every scene of the round is planned; the build goes on from there (its
    earlier nodes return their checkpoints, and planning is marked done for this round)."""
    from artifacts.pipeline import runs
    from artifacts.pipeline.executor import execute_run
    from artifacts.pipeline.nodes.plan_scenes import planned_key

    runs.run_report(run_id=run_id, checkpoint=(planned_key(attempt), True))
    return execute_run(run_id, task_id=self.request.id or "").status


@shared_task(**TASK_OPTIONS)
def recover_stuck_runs() -> list[str]:
    from artifacts.pipeline.recovery import recover_stuck_runs as recover

    return [f"{run.pk}: {outcome}" for run, outcome in recover(stale_after_seconds=settings.GRAPH_RUN_STALE_SECONDS)]


def purge_queues() -> None:
    """Drop every message waiting on the queues the pipeline uses (tests and benches start clean)."""
    from webtoon.celery import app

    with app.connection_for_write() as connection:
        for queue in ("celery", "generation"):
            connection.default_channel.queue_purge(queue)
