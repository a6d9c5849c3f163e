from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from artifacts.management.commands._runs import finish, run_in_foreground
from projects.models import Project
from projects.services import story_create, story_generation_start
from webtoon.exceptions import ApplicationError


class Command(BaseCommand):
    help = "Build a story from a text file: characters, scenes and (in full mode) planned and rendered panels."

    def add_arguments(self, parser):
        parser.add_argument("--file", required=True, type=Path)
        parser.add_argument("--project", default="Demo project", help="Project name (created if missing).")
        parser.add_argument("--title", default=None, help="Story title (default: the file's first heading).")
        parser.add_argument("--mode", choices=["full", "characters_only"], default="full")
        parser.add_argument("--max-scenes", type=int, default=None)
        parser.add_argument("--max-characters", type=int, default=None)
        parser.add_argument("--panel-count", type=int, default=None)
        parser.add_argument("--hero-scene", action="store_true")
        parser.add_argument("--enforce-qc", action="store_true")
        parser.add_argument("--no-render", action="store_true", help="Plan but do not render (full mode).")
        parser.add_argument("--queue", action="store_true", help="Hand the build to the Celery workers.")

    def handle(self, *args, file: Path, project: str, title, mode, queue, **options):
        try:
            text = Path(file).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        title = title or _title_of(text) or Path(file).stem
        parameters = {
            "mode": mode,
            "max_scenes": options["max_scenes"],
            "max_characters": options["max_characters"],
            "panel_count": options["panel_count"],
            "hero_scene": options["hero_scene"] or None,
            "enforce_qc": options["enforce_qc"] or None,
            "render": False if options["no_render"] else None,
        }
        parameters = {key: value for key, value in parameters.items() if value is not None}
        try:
            # One transaction: a refused start leaves no story behind.
            with transaction.atomic():
                owner, _ = Project.objects.get_or_create(name=project)
                story = story_create(project=owner, title=title, source_text=text)
                run = story_generation_start(story=story, parameters=parameters, queue=queue)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Story “{story.title}” ({story.pk}) in project “{owner.name}”.")
        if not queue:
            run = run_in_foreground(self, run, label=story.title[:30])
        finish(self, run, queued=queue)
        if not queue:
            self.stdout.write(_summary(story))


def _title_of(text: str) -> str:
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    return first.lstrip("#").strip() if first.startswith("#") else ""


def _summary(story) -> str:
    from artifacts.models import Artifact, Image

    lines = []
    characters = story.characters.order_by("canonical_code")
    lines.append("Characters: " + ", ".join(f"{c.canonical_code} {c.name}" for c in characters))
    for scene in story.scenes.order_by("scene_index"):
        artifacts = Artifact.objects.filter(scene=scene).count()
        scene_image = (
            Image.objects.filter(artifact__scene=scene, metadata__kind="scene").order_by("-created_at").first()
        )
        where = scene_image.file.path if scene_image and scene_image.file else "not rendered"
        lines.append(f"  scene {scene.scene_index + 1}: {scene.title} — {artifacts} artifacts — {where}")
    return "\n".join(lines)
