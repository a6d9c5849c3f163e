import uuid

from django.db import models
from mptt.models import MPTTModel, TreeForeignKey

from audit.querysets import AuditedTreeManager
from webtoon.models import TimeStampedModel, choices_check


class StyleType(models.TextChoices):
    STORY = "story", "Story"
    IMAGE = "image", "Image"


class StylePreset(MPTTModel, TimeStampedModel):
    """A style configuration that inherits its parent's `style_config` (a django-mptt tree)."""

    StyleType = StyleType

    preset_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # NULL project: a system preset shared by every project.
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="style_presets"
    )
    parent = TreeForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    style_type = models.CharField(max_length=8, choices=StyleType.choices)
    name = models.SlugField(max_length=100)
    label = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    style_config = models.JSONField(default=dict, blank=True)
    is_system = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    is_default = models.BooleanField(default=False)

    objects = AuditedTreeManager()

    class MPTTMeta:
        order_insertion_by = ["name"]

    class Meta:
        db_table = "style_presets"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                condition=models.Q(project__isnull=False),
                name="style_presets_project_name_unique",
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(project__isnull=True),
                name="style_presets_global_name_unique",
            ),
            models.UniqueConstraint(
                fields=["style_type"],
                condition=models.Q(is_default=True),
                name="style_presets_one_default_per_type",
            ),
            models.CheckConstraint(
                condition=models.Q(is_system=False) | models.Q(project__isnull=True),
                name="style_presets_system_is_global",
            ),
            choices_check(table="style_presets", field="style_type", choices=StyleType),
        ]

    def __str__(self):
        return self.label or self.name
