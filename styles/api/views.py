from styles.api import serializers as s
from styles.models import StylePreset
from webtoon.api.viewsets import ScopedViewSet


class StylePresetViewSet(ScopedViewSet):
    """Style presets of your projects and the system presets (readable by all, written by staff)."""

    queryset = StylePreset.objects.all()
    serializer_class = s.StylePresetSerializer
    include_global = True
    filterset_fields = ("project", "style_type", "is_system", "is_active", "parent")
    ordering_fields = ("name", "label", "created_at")
