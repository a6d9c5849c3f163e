"""What the generation commands share: run a GraphRun in the foreground with a progress bar, or queue it."""

from __future__ import annotations

from django.core.management.base import CommandError

from artifacts.models import GraphRun


def run_in_foreground(command, run: GraphRun, *, label: str) -> GraphRun:
    from tqdm import tqdm

    from artifacts.pipeline.executor import execute_run

    # The bar opens at the run's first report, so it never shows a made-up total (0/1, or a bare "0step").
    bars: list = []

    def on_progress(progress: dict) -> None:
        total = max(progress["total_steps"], progress["step"])
        if not bars:
            bars.append(tqdm(total=total, desc=label, unit="step", file=command.stderr._out, leave=True))
        bar = bars[0]
        bar.total = total
        bar.n = progress["step"]
        bar.set_postfix_str(progress["current_node"], refresh=False)
        bar.refresh()

    try:
        finished = execute_run(run.pk, on_progress=on_progress)
        if bars and finished.status == GraphRun.Status.COMPLETED:
            bars[0].n = bars[0].total
            bars[0].refresh()
    finally:
        for bar in bars:
            bar.close()
    return finished


def finish(command, run: GraphRun, *, queued: bool) -> None:
    if queued:
        command.stdout.write(f"Queued run {run.pk} (task {run.celery_task_id}).")
        return
    if run.status != GraphRun.Status.COMPLETED:
        raise CommandError(f"Run {run.pk} {run.status} in {run.failed_node or 'an unknown node'}: {run.error}")
    seconds = sum(timing["ms"] for timing in run.node_timings.values() if isinstance(timing, dict)) / 1000
    command.stdout.write(command.style.SUCCESS(f"Run {run.pk} completed ({seconds:.1f} s of node time)."))
