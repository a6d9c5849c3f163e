"""Building blocks shared by every app's models."""

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def choices_check(*, table: str, field: str, choices: type[models.Choices], nullable: bool = False):
    """A check constraint that keeps `field` within `choices` even for writes that bypass Django."""
    condition = models.Q(**{f"{field}__in": choices.values})
    if nullable:
        condition |= models.Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name=f"{table}_{field}_valid")
