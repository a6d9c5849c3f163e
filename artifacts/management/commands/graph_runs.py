from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from artifacts.models import GraphRun
from artifacts.selectors import graph_run_list
from projects.services import graph_run_cancel, graph_run_retry
from webtoon.exceptions import ApplicationError
from webtoon.request_id import current_request_id


class Command(BaseCommand):
    help = (
        "List graph runs (newest first), or cancel or retry one: "
        "graph_runs [--status S] [--story ID] [--limit N] | --cancel RUN_ID | --retry RUN_ID"
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--cancel", metavar="RUN_ID", help="stop a queued or running run")
        action.add_argument("--retry", metavar="RUN_ID", help="start the run again as a new run; it resumes")
        parser.add_argument("--status", choices=GraphRun.Status.values)
        parser.add_argument("--story", metavar="STORY_ID", help="runs of this story and of its scenes")
        parser.add_argument("--limit", type=int, default=50)

    def handle(self, *args, cancel, retry, status, story, limit, **options):
        if cancel or retry:
            run = self._run(cancel or retry)
            try:
                run = graph_run_cancel(run=run) if cancel else graph_run_retry(run=run, request_id=current_request_id())
            except ApplicationError as error:
                raise CommandError(error.message) from error
            self.stdout.write(self._line(run))
            return
        try:
            runs = list(graph_run_list(status=status, story_id=story)[:limit])
        except ValidationError as error:
            raise CommandError(f"Not a story id: {story}") from error
        for run in runs:
            self.stdout.write(self._line(run))
        self.stdout.write(f"{len(runs)} run(s).")

    def _run(self, run_id: str) -> GraphRun:
        try:
            return GraphRun.objects.select_related("story", "scene").get(pk=run_id)
        except (GraphRun.DoesNotExist, ValidationError) as error:
            raise CommandError(f"No graph run with id {run_id}.") from error

    @staticmethod
    def _line(run: GraphRun) -> str:
        target = f"scene {run.scene_id}" if run.scene_id else f"story {run.story_id}"
        where = f" at {run.current_node}" if run.current_node else ""
        error = f" — {run.failed_node}: {run.error}" if run.error else ""
        return f"{run.pk} {run.graph} {run.status}{where} ({target}, {run.created_at:%Y-%m-%d %H:%M}){error}"
