import uuid

from django.db import models
from django.utils import timezone

from webtoon.models import TimeStampedModel, choices_check


class AuditAction(models.TextChoices):
    CREATE = "create", "Create"
    UPDATE = "update", "Update"
    DELETE = "delete", "Delete"


class AuditLog(TimeStampedModel):
    """One change to one domain row. Written by the application, never edited or deleted by it."""

    Action = AuditAction

    audit_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entity_type = models.CharField(max_length=64)
    entity_id = models.UUIDField()
    action = models.CharField(max_length=8, choices=Action.choices)
    actor = models.CharField(max_length=150, blank=True, default="")
    request_id = models.CharField(max_length=64, blank=True, default="", db_index=True)
    old_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    timestamp = models.DateTimeField(default=timezone.now)

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
