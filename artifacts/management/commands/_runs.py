"""What the generation commands share: run a GraphRun in the foreground with a progress bar, or queue it."""

from __future__ import annotations

from django.core.management.base import CommandError

from artifacts.models import GraphRun


def run_in_foreground(command, run: GraphRun, *, label: str) -> GraphRun:
    from tqdm import tqdm

    from artifacts.pipeline.executor import execute_run

    # No total until the run reports its estimate: a bar of "0/1" would jump to the real count at once.
    with tqdm(total=None, desc=label, unit="step", file=command.stderr._out, leave=True) as bar:

        def on_progress(progress: dict) -> None:
            bar.total = max(progress["total_steps"], progress["step"])
            bar.n = progress["step"]
            bar.set_postfix_str(progress["current_node"], refresh=False)
            bar.refresh()

        finished = execute_run(run.pk, on_progress=on_progress)
        if finished.status == GraphRun.Status.COMPLETED:
            bar.n = bar.total
            bar.refresh()
    return finished


def finish(command, run: GraphRun, *, queued: bool) -> None:
    if queued:
        command.stdout.write(f"Queued run {run.pk} (task {run.celery_task_id}).")
        return
    if run.status != GraphRun.Status.COMPLETED:
        raise CommandError(f"Run {run.pk} {run.status} in {run.failed_node or 'an unknown node'}: {run.error}")
    seconds = sum(timing["ms"] for timing in run.node_timings.values() if isinstance(timing, dict)) / 1000
    command.stdout.write(command.style.SUCCESS(f"Run {run.pk} completed ({seconds:.1f} s of node time)."))
