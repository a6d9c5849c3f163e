import pytest

from audit.models import AuditLog


@pytest.fixture
def trail():
    """The audit rows written so far for one entity, oldest first."""

    def rows(instance, action=None):
        queryset = AuditLog.objects.filter(entity_id=instance.pk).order_by("timestamp", "created_at")
        return list(queryset if action is None else queryset.filter(action=action))

    return rows
