"""Building blocks shared by every app's models."""

from django.db import models, router, transaction

from audit import capture
from audit.querysets import AuditedManager


class TimeStampedModel(models.Model):
    """The base of every domain model: timestamps, and the hooks of the audit trail (`audit.capture`).

    `objects` (also the base manager, which Django's deletion collector uses for SET_NULL updates)
    audits bulk writes; `from_db` and `refresh_from_db` keep the loaded values an update is diffed
    against; `save()` is atomic so a change and its audit row commit together.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AuditedManager()

    class Meta:
        abstract = True
        base_manager_name = "objects"

    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            super().save(*args, **kwargs)

    save.alters_data = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        capture.remember_loaded(instance, field_names, values)
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        capture.remember_current(self, None if fields is None else [self._meta.get_field(f).attname for f in fields])


def choices_check(*, table: str, field: str, choices: type[models.Choices], nullable: bool = False):
    """A check constraint that keeps `field` within `choices` even for writes that bypass Django."""
    condition = models.Q(**{f"{field}__in": choices.values})
    if nullable:
        condition |= models.Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name=f"{table}_{field}_valid")
