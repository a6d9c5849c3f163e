from django.conf import settings
from django.core.management.base import BaseCommand

from artifacts.pipeline.recovery import recover_stuck_runs


class Command(BaseCommand):
    help = "Resume or fail graph runs with no heartbeat for --stale-after seconds (their worker is gone)."

    def add_arguments(self, parser):
        parser.add_argument("--stale-after", type=int, default=settings.GRAPH_RUN_STALE_SECONDS)

    def handle(self, *args, stale_after, **options):
        outcomes = recover_stuck_runs(stale_after_seconds=stale_after)
        for run, outcome in outcomes:
            self.stdout.write(f"{run.graph} run {run.pk}: {outcome}")
        self.stdout.write(f"{len(outcomes)} stuck run(s) handled.")
