"""Report artifact versions and lineage that break the rules the versioning service keeps."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from artifacts.selectors import (
    REQUIRED_TYPES,
    artifact_broken_lineage,
    artifact_scenes_missing_types,
    artifact_version_duplicates,
    artifact_version_gaps,
)
from projects.models import Scene

SECTIONS = [
    ("Version gaps", artifact_version_gaps),
    ("Duplicate versions", artifact_version_duplicates),
    ("Broken lineage", artifact_broken_lineage),
]


class Command(BaseCommand):
    help = (
        "Check artifacts for version gaps, duplicate versions, broken lineage and scenes missing required "
        "types. Exits 1 when it finds a problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scene", metavar="ID", help="check one scene (its scene_id)")
        parser.add_argument(
            "--require",
            choices=sorted(REQUIRED_TYPES),
            help="hold every scene in scope, even one without artifacts, to this stage's required types "
            "(default: only scenes with artifacts; rendered once they have a render-stage artifact, else planned)",
        )

    def handle(self, *args, scene=None, require=None, **options):
        scene = self._scene(scene) if scene else None
        sections = [(title, check(scene=scene)) for title, check in SECTIONS]
        sections.append(("Missing required types", artifact_scenes_missing_types(scene=scene, require=require)))
        scope = f"scene {scene.pk}" if scene else "all scenes"
        self.stdout.write(f"Checked artifacts of {scope}.")
        for title, problems in sections:
            self.stdout.write(f"{title}: {len(problems) or 'none'}")
            for problem in problems:
                self.stdout.write(f"  {problem}")
        found = sum(len(problems) for _, problems in sections)
        if found:
            raise CommandError(f"Found {found} problem{'s' if found > 1 else ''}.")
        self.stdout.write(self.style.SUCCESS("No problems found."))

    def _scene(self, scene_id: str) -> Scene:
        try:
            return Scene.objects.get(pk=scene_id)
        except (Scene.DoesNotExist, ValidationError, ValueError) as error:
            raise CommandError(f"No scene with id {scene_id!r}.", returncode=2) from error
