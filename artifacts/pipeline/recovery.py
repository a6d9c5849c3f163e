"""Stuck runs: a worker died (or a queue lost the message) and the run stopped moving."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from artifacts.models import GraphRun
from artifacts.pipeline import runs


def recover_stuck_runs(*, stale_after_seconds: int) -> list[tuple[GraphRun, str]]:
    """Resume each stuck run (its nodes skip what is already persisted), or fail it with the reason once
    it has been resumed GRAPH_RUN_MAX_RECOVERIES times."""
    outcomes = []
    for stuck in runs.runs_stuck(stale_after_seconds=stale_after_seconds):
        with transaction.atomic():
            run = GraphRun.objects.select_for_update().get(pk=stuck.pk)
            # Re-checked under the lock: the worker may have reported between the query and now.
            if not runs.runs_stuck(stale_after_seconds=stale_after_seconds).filter(pk=run.pk).exists():
                continue
            recoveries = run.checkpoint.get("_recoveries", 0)
            if recoveries < settings.GRAPH_RUN_MAX_RECOVERIES:
                run.checkpoint["_recoveries"] = recoveries + 1
                run.status = GraphRun.Status.QUEUED
                run.save(update_fields=["checkpoint", "status", "updated_at"])
                runs.run_enqueue(run=run)
                outcomes.append((run, f"resumed (recovery {recoveries + 1})"))
                continue
        reason = (
            f"no progress for {stale_after_seconds} s in {run.current_node or 'the queue'} "
            f"(worker gone?), after {recoveries} recoveries"
        )
        from artifacts.pipeline.executor import fail_run

        fail_run(run, RuntimeError(reason))
        outcomes.append((run, f"failed: {reason}"))
    return outcomes
