from rest_framework.exceptions import ValidationError

from styles import services
from styles.api import serializers as s
from styles.models import StylePreset
from webtoon.api.viewsets import ScopedViewSet

# Moving a preset to another project or type would cut it from its tree; defaults are set by staff.
FIXED_AFTER_CREATE = ("project", "style_type", "is_default")


class StylePresetViewSet(ScopedViewSet):
    """Style presets of your projects and the system presets (readable by all, written by staff).

    A preset inherits its parent's config: `effective_config` is the merge down the chain.
    """

    queryset = StylePreset.objects.all()
    serializer_class = s.StylePresetSerializer
    include_global = True
    filterset_fields = ("project", "style_type", "is_system", "is_active", "parent")
    ordering_fields = ("name", "label", "created_at")

    def perform_create(self, serializer):
        data = {"project": None, **serializer.validated_data}
        self.check_body_project(data)
        if data.get("is_default"):
            # One default per style type for the whole installation: a system decision.
            self.require_write(None)
        # A preset with no project is a system preset: the database holds that rule too.
        serializer.instance = services.style_preset_create(is_system=data["project"] is None, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        preset = serializer.instance
        fixed = {field for field in FIXED_AFTER_CREATE if field in data and data.pop(field) != getattr(preset, field)}
        if fixed:
            raise ValidationError({field: ["Set when the preset is created; it cannot change."] for field in fixed})
        serializer.instance = services.style_preset_update(preset=preset, data=data)

    def perform_destroy(self, instance):
        services.style_preset_delete(preset=instance)
