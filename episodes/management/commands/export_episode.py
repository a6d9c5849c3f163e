"""Export an episode in the foreground: `manage.py export_episode ID --format webtoon`.

The task's work runs in this process (no broker), with a progress bar on stderr; the output
file's absolute path is the last line on stdout. A failure prints the reason and exits non-zero.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from episodes.models import Episode, ExportJob
from episodes.services import export_execute, export_start
from webtoon.exceptions import ApplicationError


class Command(BaseCommand):
    help = "Export an episode (webtoon, pdf, cbz or video) in the foreground and print the file's path."

    def add_arguments(self, parser):
        parser.add_argument("episode_id")
        parser.add_argument("--format", default="webtoon", help="webtoon, pdf, cbz or video")
        parser.add_argument("--width", type=int, help="strip (or video) width in pixels")
        parser.add_argument("--gutter", type=int, help="blank pixels between scenes")
        parser.add_argument("--background", help="background colour, #rrggbb")
        parser.add_argument("--pages", choices=["slice", "scene"], help="pdf/cbz: one page per slice or per scene")
        parser.add_argument("--fps", type=int, help="video frames per second")

    def handle(self, *args, episode_id, format, **options):
        try:
            episode = Episode.objects.get(pk=episode_id)
        except (Episode.DoesNotExist, ValidationError):
            raise CommandError(f"No episode {episode_id}.") from None
        chosen = {
            name: options[name]
            for name in ("width", "gutter", "background", "pages", "fps")
            if options.get(name) is not None
        }
        try:
            job = export_start(episode=episode, format=format, options=chosen, enqueue=False)
        except ApplicationError as error:
            raise CommandError(error.message) from None
        self.stderr.write(f"export {job.pk}: {job.get_format_display()} of {episode.title!r}")
        # The bar writes to the raw stream: Django's OutputWrapper would end each redraw with a newline.
        # Its total is unknown until the renderer has cut the pages; it never changes after that.
        with tqdm(total=None, unit="step", file=self.stderr._out, disable=False) as bar:

            def advance(step, total, message):
                bar.total = total
                bar.n = step
                bar.set_postfix_str(message, refresh=False)
                bar.refresh()

            job = export_execute(export_id=job.pk, on_progress=advance)
        if job.status != ExportJob.Status.COMPLETED:
            raise CommandError(f"export {job.pk} failed: {job.error}")
        for warning in job.metadata.get("warnings", []):
            self.stderr.write(f"warning: {warning}")
        try:
            location = job.output_file.path
        except NotImplementedError:
            location = job.output_url
        self.stdout.write(str(location))
