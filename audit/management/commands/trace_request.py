from django.core.management.base import CommandError

from audit.management.commands._trail import TrailCommand, field_changes
from audit.selectors import audit_trail_for_request


class Command(TrailCommand):
    help = "Print every change made under one request id (its Celery tasks included), oldest first."

    def add_arguments(self, parser):
        parser.add_argument("request_id")
        super().add_arguments(parser)

    def handle(self, *args, request_id, full, **options):
        entries = list(audit_trail_for_request(request_id=request_id))
        if not entries:
            raise CommandError(f"No audit entries for request id {request_id!r}.")
        actors = sorted({entry.actor for entry in entries})
        self.stdout.write(f"Request {request_id}: {len(entries)} change(s) by {', '.join(actors)}")
        self.stdout.write(f"{'time (UTC)':<26}  {'action':<6}  {'actor':<20}  entity")
        for entry in entries:
            self.stdout.write(
                f"{self.timestamp(entry):<26}  {entry.action:<6}  {entry.actor:<20}  "
                f"{entry.entity_type} {entry.entity_id}"
            )
            for line in field_changes(entry, full=full):
                self.stdout.write(f"{'':<28}{line}")
