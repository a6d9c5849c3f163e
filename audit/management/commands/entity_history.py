import uuid

from django.core.management.base import CommandError

from audit.management.commands._trail import TrailCommand, field_changes
from audit.selectors import audit_entity_type_resolve, audit_history_for_entity


class Command(TrailCommand):
    help = (
        "Print one entity's changes, newest first, old -> new per field. TYPE is the table "
        "(stories), the model name (story) or the model label (projects.Story)."
    )

    def add_arguments(self, parser):
        parser.add_argument("entity_type", metavar="TYPE")
        parser.add_argument("entity_id", metavar="ID")
        super().add_arguments(parser)

    def handle(self, *args, entity_type, entity_id, full, **options):
        resolved = audit_entity_type_resolve(entity_type)
        if resolved is None:
            raise CommandError(f"Unknown entity type {entity_type!r}: give a table such as 'stories'.")
        try:
            entity_uuid = uuid.UUID(entity_id)
        except ValueError:
            raise CommandError(f"{entity_id!r} is not a UUID.") from None
        entries = list(audit_history_for_entity(entity_type=resolved, entity_id=entity_uuid))
        if not entries:
            raise CommandError(f"No audit entries for {resolved} {entity_uuid}.")
        self.stdout.write(f"{resolved} {entity_uuid}: {len(entries)} change(s), newest first")
        for entry in entries:
            self.stdout.write(
                f"{self.timestamp(entry)}  {entry.action:<6}  by {entry.actor or '-'}  "
                f"request {entry.request_id or '-'}"
            )
            for line in field_changes(entry, full=full):
                self.stdout.write(f"    {line}")
