"""plan_scene and render_scene: one scene run, in the foreground unless --queue."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from artifacts.management.commands._runs import finish, run_in_foreground
from projects.models import Scene
from projects.services import scene_run_start
from webtoon.exceptions import ApplicationError


class SceneRunCommand(BaseCommand):
    graph = ""

    def add_arguments(self, parser):
        parser.add_argument("scene_id")
        parser.add_argument("--queue", action="store_true", help="Hand the run to the Celery workers.")

    def parameters(self, options) -> dict:
        return {}

    def handle(self, *args, scene_id, queue, **options):
        try:
            scene = Scene.objects.select_related("story").get(pk=scene_id)
        except (Scene.DoesNotExist, ValueError) as error:
            raise CommandError(f"No scene {scene_id}.") from error
        try:
            run = scene_run_start(scene=scene, graph=self.graph, parameters=self.parameters(options), queue=queue)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        if not queue:
            run = run_in_foreground(self, run, label=f"{self.graph} {scene.scene_index + 1}")
        finish(self, run, queued=queue)
