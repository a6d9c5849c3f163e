from __future__ import annotations

from django.db.models import QuerySet

from audit import capture
from audit.models import AuditLog


def audit_trail_for_request(*, request_id: str) -> QuerySet[AuditLog]:
    """Every change made under one request id (its tasks included), oldest first."""
    return AuditLog.objects.filter(request_id=request_id).order_by("timestamp", "created_at")


def audit_history_for_entity(*, entity_type: str, entity_id) -> QuerySet[AuditLog]:
    """One entity's changes, newest first."""
    return AuditLog.objects.filter(entity_type=entity_type, entity_id=entity_id).order_by("-timestamp", "-created_at")


def audit_entity_type_resolve(name: str) -> str | None:
    """The entity type (database table) named by a table (`stories`), a model name (`story`) or a
    model label (`projects.Story`); None when no audited model answers to it."""
    wanted = name.strip().lower()
    for model in capture.audited_models():
        opts = model._meta
        if wanted in {opts.db_table.lower(), opts.model_name, opts.label_lower}:
            return opts.db_table
    return None
