"""GraphRun rows: a run is a row first and a task second, and every node reports to it."""

from __future__ import annotations

import uuid
from contextlib import nullcontext
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from artifacts.models import GraphRun
from artifacts.pipeline.exceptions import RunCancelled
from audit import capture
from webtoon import metrics
from webtoon.request_id import current_actor, current_request_id, request_context

FINISHED = (GraphRun.Status.COMPLETED, GraphRun.Status.FAILED, GraphRun.Status.CANCELLED)
# Checkpoint key: lane (the story, or a scene id) -> the longest chain of dependent LLM calls ending there.
LLM_CHAIN_KEY = "_llm_chain"


def run_create(*, graph: str, parameters: dict, story=None, scene=None, actor=None, request_id: str = "") -> GraphRun:
    """`request_id` defaults to the current request's (an API call, an admin page, a command run, or the
    request a task was published from), so `trace_request` finds the run beside the changes it caused."""
    return GraphRun.objects.create(
        graph=graph,
        story=story,
        scene=scene,
        parameters=parameters,
        created_by=actor if getattr(actor, "pk", None) else None,
        request_id=request_id or current_request_id(),
    )


def run_enqueue(*, run: GraphRun) -> None:
    """Queue the run's task once the run row is committed (a worker must find the row it is given).

    The task is published under the run's request id, so the work of a run queued again later (a retry
    of the same run, a recovery by beat) is traced with the request that started it."""
    from artifacts.tasks import execute_graph_run

    task_id = str(uuid.uuid4())
    GraphRun.objects.filter(pk=run.pk).update(celery_task_id=task_id)
    run.celery_task_id = task_id

    def publish():
        traced = request_context(request_id=run.request_id, actor=current_actor()) if run.request_id else nullcontext()
        with traced:
            execute_graph_run.apply_async(args=[str(run.pk)], task_id=task_id)

    transaction.on_commit(publish)


def run_start(*, run_id, task_id: str = "", provider: str = "") -> GraphRun | None:
    """Mark the run running; None when it is already finished (a redelivered task does nothing)."""
    with transaction.atomic():
        run = GraphRun.objects.select_for_update().get(pk=run_id)
        if run.status in FINISHED:
            return None
        now = timezone.now()
        run.status = GraphRun.Status.RUNNING
        run.celery_task_id = task_id or run.celery_task_id
        run.provider = provider
        run.started_at = run.started_at or now
        run.heartbeat_at = now
        run.error = run.failed_node = ""
        run.save(
            update_fields=[
                "status",
                "celery_task_id",
                "provider",
                "started_at",
                "heartbeat_at",
                "error",
                "failed_node",
                "updated_at",
            ]
        )
        return run


def run_heartbeat(*, run_id, node: str, story_id=None, progress: dict | None = None) -> None:
    """A node starts: the run's heartbeat and current node, and the story's progress. Two plain UPDATEs
    (every node of every parallel planner lands here, so it must stay cheap), written without audit
    rows: a heartbeat is not a change of the run or the story. A cancelled run stops here, before its
    next node does any work."""
    with capture.disabled():
        now = timezone.now()
        moved = (
            GraphRun.objects.filter(pk=run_id)
            .exclude(status=GraphRun.Status.CANCELLED)
            .update(current_node=node, heartbeat_at=now, updated_at=now)
        )
        if not moved:
            raise RunCancelled("The run was cancelled.")
        if story_id and progress:
            from projects.services import story_progress_update

            story_progress_update(story_id=story_id, progress=progress)


def run_report(
    *,
    run_id,
    node: str | None = None,
    timings: dict | None = None,
    tokens: dict | None = None,
    checkpoint: tuple[str, dict] | None = None,
    llm_chain: dict | None = None,
    story_id=None,
    progress: dict | None = None,
) -> None:
    """Finished nodes' timings and tokens, a checkpoint, the longest LLM chain per lane, and a heartbeat:
    one transaction. Parallel planners report to the same row, so it is merged under the row's lock.
    A cancelled run stops here."""
    with transaction.atomic(), capture.disabled():
        run = GraphRun.objects.select_for_update().get(pk=run_id)
        if run.status == GraphRun.Status.CANCELLED:
            raise RunCancelled("The run was cancelled.")
        for name, timing in (timings or {}).items():
            total = run.node_timings.get(name, {"calls": 0, "ms": 0})
            run.node_timings[name] = {"calls": total["calls"] + timing["calls"], "ms": total["ms"] + timing["ms"]}
            metrics.NODE_SECONDS.labels(graph=run.graph, node=name).observe(timing["ms"] / 1000)
        for key, value in (tokens or {}).items():
            run.token_counts[key] = run.token_counts.get(key, 0) + value
        if checkpoint:
            run.checkpoint[checkpoint[0]] = checkpoint[1]
        if llm_chain:
            chains = run.checkpoint.setdefault(LLM_CHAIN_KEY, {})
            for lane, depth in llm_chain.items():
                chains[lane] = max(chains.get(lane, 0), depth)
        run.current_node = node or run.current_node
        run.heartbeat_at = timezone.now()
        run.save(
            update_fields=["node_timings", "token_counts", "checkpoint", "current_node", "heartbeat_at", "updated_at"]
        )
        if story_id and progress:
            from projects.services import story_progress_update

            story_progress_update(story_id=story_id, progress=progress)


def run_finish(*, run_id, status: str, error: str = "", failed_node: str = "") -> GraphRun:
    with transaction.atomic():
        run = GraphRun.objects.select_for_update().get(pk=run_id)
        if run.status == GraphRun.Status.CANCELLED:
            return run
        run.status = status
        run.error = error
        run.failed_node = failed_node
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "failed_node", "finished_at", "updated_at"])
        metrics.GRAPH_RUNS_FINISHED.labels(graph=run.graph, status=status).inc()
        return run


def run_cancel(*, run: GraphRun) -> GraphRun:
    """Cancel a queued or running run; its worker stops before its next node."""
    with transaction.atomic():
        run = GraphRun.objects.select_for_update().get(pk=run.pk)
        if run.status not in FINISHED:
            run.status = GraphRun.Status.CANCELLED
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "finished_at", "updated_at"])
        return run


def runs_stuck(*, stale_after_seconds: int):
    """Running runs with no heartbeat for the given time, and queued runs never picked up for as long."""
    limit = timezone.now() - timedelta(seconds=stale_after_seconds)
    return GraphRun.objects.filter(
        Q(status=GraphRun.Status.RUNNING, heartbeat_at__lt=limit)
        | Q(status=GraphRun.Status.RUNNING, heartbeat_at__isnull=True, updated_at__lt=limit)
        | Q(status=GraphRun.Status.QUEUED, created_at__lt=limit)
    ).select_related("story", "scene")
