from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from projects.models import Story

DEMO_STORY = Path(settings.BASE_DIR) / "demo" / "stories" / "lighthouse.md"


class Command(BaseCommand):
    help = "Build, plan and render the demo story (lighthouse) on the embedded default, and say where it went."

    def add_arguments(self, parser):
        parser.add_argument("--again", action="store_true", help="Build it again even if the demo story exists.")

    def handle(self, *args, again, **options):
        call_command("bootstrap", stdout=self.stdout)
        existing = Story.objects.filter(project__name="Demo project", title="The Lighthouse Keeper's Daughter").first()
        if existing and existing.generation_status == Story.GenerationStatus.COMPLETED and not again:
            self.stdout.write(f"The demo story is already built ({existing.pk}); --again builds another.")
            return
        call_command(
            "build_story", file=str(DEMO_STORY), project="Demo project", stdout=self.stdout, stderr=self.stderr
        )
        self.stdout.write(f"Files are under {settings.MEDIA_ROOT}/renders/; open /admin/ to edit the story.")
