"""Bulk writes that keep the audit trail: the queryset of every domain model's managers.

`QuerySet.update()`, `bulk_create()` and `bulk_update()` send no per-row signals, so this queryset
writes the audit rows itself, one per changed row, with the same shapes as `audit.capture`.
`QuerySet.delete()` needs nothing here: the deletion collector sends `post_delete` for each row.

Costs: `update()` and `bulk_update()` read the affected rows' old values before (`update()` locks
them on PostgreSQL, so the rows changed are exactly the rows audited) and their new values after
(an F() expression is only known then): two SELECTs and one executemany INSERT of audit rows per
call (per 500 rows for the SELECTs). An `update()` that touches only untracked columns (django-mptt's tree fields) is
passed straight through.
"""

from __future__ import annotations

from django.db import models, transaction
from mptt.managers import TreeManager
from mptt.querysets import TreeQuerySet

from audit import capture

# Keeps `pk IN (...)` lists under SQLite's bound-parameter limit.
_CHUNK = 500


def _chunks(items: list, size: int = _CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class AuditedQuerySetMixin:
    def _audit_spec(self):
        if not capture.is_enabled():
            return None
        return capture.spec_for(self.model)

    def _plain(self) -> models.QuerySet:
        """The same model and database without auditing, for the writes this class audits itself."""
        return models.QuerySet(model=self.model, using=self.db)

    def _values_by_pk(self, pks: list, attnames: list[str]) -> dict:
        spec = capture.spec_for(self.model)
        values = {}
        for chunk in _chunks(pks):
            for row in self._plain().filter(pk__in=chunk).values(spec.pk_attname, *attnames):
                pk = row.pop(spec.pk_attname)
                values[pk] = {name: capture.comparable(value) for name, value in row.items()}
        return values

    def _write_update_rows(self, spec, before: dict, after: dict) -> None:
        rows = []
        for pk, old in before.items():
            changed_old, changed_new = capture.diff(old, after.get(pk, {}))
            if changed_new:
                rows.append(capture.build_row(spec, entity_id=pk, action="update", old=changed_old, new=changed_new))
        capture.write_rows(rows, using=self.db)

    def update(self, **kwargs):
        spec = self._audit_spec()
        attnames = [] if spec is None else [spec.attname_of.get(name, name) for name in kwargs]
        if spec is None or not any(name in spec.tracked for name in attnames):
            return super().update(**kwargs)
        attnames = [name for name in attnames if name in spec.tracked]
        with transaction.atomic(using=self.db, savepoint=False):
            # Lock the matching rows and update exactly those: a row that starts matching the filter
            # meanwhile is not changed unaudited.
            locked = self.select_for_update(of=("self",)).values(spec.pk_attname, *attnames)
            before = {
                row.pop(spec.pk_attname): {name: capture.comparable(value) for name, value in row.items()}
                for row in locked
            }
            pks = list(before)
            count = sum(self._plain().filter(pk__in=chunk).update(**kwargs) for chunk in _chunks(pks))
            self._write_update_rows(spec, before, self._values_by_pk(pks, attnames))
        return count

    update.alters_data = True

    def bulk_update(self, objs, fields, batch_size=None):
        spec = self._audit_spec()
        objs = list(objs)
        if spec is None or not objs:
            return super().bulk_update(objs, fields, batch_size=batch_size)
        attnames = [spec.attname_of[name] for name in fields if spec.attname_of.get(name) in spec.tracked]
        pks = [obj.pk for obj in objs]
        with transaction.atomic(using=self.db, savepoint=False):
            before = self._values_by_pk(pks, attnames)
            count = super().bulk_update(objs, fields, batch_size=batch_size)
            self._write_update_rows(spec, before, self._values_by_pk(pks, attnames))
        for obj in objs:
            capture.remember_current(obj, attnames)
        return count

    bulk_update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        """Audits every inserted row. With `ignore_conflicts` the rows already there are not
        reported; with `update_conflicts` the rows updated instead of inserted are not audited."""
        spec = self._audit_spec()
        objs = list(objs)
        if spec is None or not objs:
            return super().bulk_create(objs, *args, **kwargs)
        may_skip = kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts")
        with transaction.atomic(using=self.db, savepoint=False):
            if may_skip:
                existed = set(self._values_by_pk([obj.pk for obj in objs], []))
            created = super().bulk_create(objs, *args, **kwargs)
            if may_skip:
                inserted = set(self._values_by_pk([obj.pk for obj in objs], [])) - existed
                created_objs = [obj for obj in objs if obj.pk in inserted]
            else:
                created_objs = objs
            rows = []
            for obj in created_objs:
                capture.remember_current(obj)
                snapshot = capture.current_values(obj, spec.fields)
                rows.append(capture.build_row(spec, entity_id=obj.pk, action="create", old=None, new=snapshot))
            capture.write_rows(rows, using=self.db)
        return created

    bulk_create.alters_data = True


class AuditedQuerySet(AuditedQuerySetMixin, models.QuerySet):
    pass


class AuditedManager(models.Manager.from_queryset(AuditedQuerySet)):
    pass


class AuditedTreeQuerySet(AuditedQuerySetMixin, TreeQuerySet):
    pass


class AuditedTreeManager(TreeManager.from_queryset(AuditedTreeQuerySet)):
    """django-mptt's TreeManager (tree methods, ordering, `_tree_manager`) with audited bulk writes."""
