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
    return execute_run(run_id, task_id=self.request.id or "", dispatch_scenes=dispatch).status


def _dispatcher(run_id: str):
    """The scenes of a stage (planning, rendering) go out in parallel across workers: a chord of one
    task per scene whose callback resumes the story build (which then finds the stage done)."""

    def dispatch(stage: str, scenes: list[tuple[str, int]], attempt: int) -> bool:
        chord(run_scene_stage.si(run_id, stage, scene_id, index) for scene_id, index in scenes)(
            resume_story_build.si(run_id, stage, attempt)
        )
        return True

    return dispatch


@shared_task(**TASK_OPTIONS)
def run_scene_stage(run_id: str, stage: str, scene_id: str, scene_index: int) -> str:
    from artifacts.pipeline.executor import execute_scene_stage

    return execute_scene_stage(run_id, stage=stage, scene_id=scene_id, scene_index=scene_index)


@shared_task(bind=True, **TASK_OPTIONS)
def resume_story_build(self, run_id: str, stage: str, attempt: int) -> str:
    """The chord's callback: every scene of the stage is done; the build goes on from there."""
    from artifacts.pipeline.executor import resume_after_stage

    return resume_after_stage(
        run_id, stage=stage, attempt=attempt, task_id=self.request.id or "", dispatch_scenes=_dispatcher(run_id)
    ).status


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
