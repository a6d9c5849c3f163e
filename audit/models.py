import uuid

from django.db import models
from django.utils import timezone

from audit.exceptions import AuditTrailImmutable
from webtoon.models import TimeStampedModel, choices_check


class AuditAction(models.TextChoices):
    CREATE = "create", "Create"
    UPDATE = "update", "Update"
    DELETE = "delete", "Delete"


class AuditLogQuerySet(models.QuerySet):
    """Appends only: bulk updates and deletes of audit rows are refused."""

    def update(self, **kwargs):
        raise AuditTrailImmutable("Audit rows cannot be changed.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditTrailImmutable("Audit rows cannot be changed.")

    def delete(self):
        raise AuditTrailImmutable("Audit rows cannot be deleted.")

    update.alters_data = bulk_update.alters_data = delete.alters_data = True


class AuditLog(TimeStampedModel):
    """One change to one domain row. Written by the application, never edited or deleted by it."""

    Action = AuditAction

    audit_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entity_type = models.CharField(max_length=64)
    entity_id = models.UUIDField()
    action = models.CharField(max_length=8, choices=Action.choices)
    actor = models.CharField(max_length=150, blank=True, default="")
    # Indexed by `audit_logs_request_idx` (request_id, timestamp); a second index would only slow inserts.
    request_id = models.CharField(max_length=64, blank=True, default="")
    old_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    timestamp = models.DateTimeField(default=timezone.now, db_index=True)
    # Always equal to `timestamp` here: the inherited index would be paid on every insert for nothing.
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        db_table = "audit_logs"
        ordering = ["-timestamp"]
        constraints = [choices_check(table="audit_logs", field="action", choices=AuditAction)]
        indexes = [
            models.Index(fields=["entity_type", "entity_id", "timestamp"], name="audit_logs_entity_idx"),
            models.Index(fields=["request_id", "timestamp"], name="audit_logs_request_idx"),
        ]

    def __str__(self):
        return f"{self.action} {self.entity_type} {self.entity_id}"

    def save(self, *args, **kwargs):
        """Inserts; refuses to overwrite a row already written (PostgreSQL refuses it too: a trigger)."""
        if not self._state.adding:
            raise AuditTrailImmutable("Audit rows cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailImmutable("Audit rows cannot be deleted.")
