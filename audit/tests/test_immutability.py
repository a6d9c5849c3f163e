"""No code path of ours changes or deletes an audit row."""

import pytest
from django.db import IntegrityError, connection, transaction

from audit.exceptions import AuditTrailImmutable
from audit.factories import AuditLogFactory
from audit.models import AuditLog

pytestmark = pytest.mark.django_db


def assert_unchanged(row):
    stored = AuditLog.objects.get(pk=row.pk)
    assert (stored.action, stored.actor, stored.new_value) == (row.action, row.actor, row.new_value)


def test_it_refuses_to_save_an_existing_row():
    row = AuditLogFactory(actor="alice")
    loaded = AuditLog.objects.get(pk=row.pk)
    loaded.actor = "mallory"

    with pytest.raises(AuditTrailImmutable):
        loaded.save()

    assert_unchanged(row)


def test_it_refuses_to_delete_a_row():
    row = AuditLogFactory()

    with pytest.raises(AuditTrailImmutable):
        row.delete()

    assert_unchanged(row)


@pytest.mark.parametrize(
    "write",
    [
        lambda rows: rows.update(actor="mallory"),
        lambda rows: rows.delete(),
        lambda rows: AuditLog.objects.bulk_update(list(rows), ["actor"]),
    ],
    ids=["update", "delete", "bulk_update"],
)
def test_it_refuses_bulk_changes(write):
    row = AuditLogFactory()

    with pytest.raises(AuditTrailImmutable):
        write(AuditLog.objects.filter(pk=row.pk))

    assert_unchanged(row)


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql", ["UPDATE audit_logs SET actor = 'mallory' WHERE audit_id = %s", "DELETE FROM audit_logs WHERE audit_id = %s"]
)
def test_postgresql_refuses_raw_changes_too(sql):
    row = AuditLogFactory()

    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [row.pk])

    assert_unchanged(row)
