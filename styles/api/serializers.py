from rest_framework import serializers

from projects.api.serializers import TIMESTAMPS
from projects.models import Project
from styles.models import StylePreset
from webtoon.api.viewsets import VisibleRelatedField


def _deep_merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def effective_configs(presets: list[StylePreset]) -> dict:
    """Each preset's config merged down its chain of ancestors, for many presets in one query."""
    if not presets:
        return {}
    chain = StylePreset.objects.get_queryset_ancestors(
        StylePreset.objects.filter(pk__in=[preset.pk for preset in presets]), include_self=True
    ).only("preset_id", "tree_id", "lft", "rght", "level", "style_config")
    by_tree: dict[int, list[StylePreset]] = {}
    for node in chain.order_by("tree_id", "lft"):
        by_tree.setdefault(node.tree_id, []).append(node)
    configs = {}
    for preset in presets:
        config: dict = {}
        for node in by_tree.get(preset.tree_id, []):
            if node.lft <= preset.lft and node.rght >= preset.rght:
                config = _deep_merge(config, node.style_config or {})
        configs[preset.pk] = config
    return configs


class StylePresetListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        presets = list(data.all() if hasattr(data, "all") else data)
        self.child.context["effective_configs"] = effective_configs(presets)
        return super().to_representation(presets)


class StylePresetSerializer(serializers.ModelSerializer):
    project = VisibleRelatedField(
        queryset=Project.objects.all(), project_paths=("project_id",), allow_null=True, required=False
    )
    parent = VisibleRelatedField(
        queryset=StylePreset.objects.all(),
        project_paths=("project",),
        include_global=True,
        allow_null=True,
        required=False,
    )
    style_config = serializers.DictField(required=False)
    effective_config = serializers.SerializerMethodField(help_text="The config merged down from the root preset.")

    class Meta:
        model = StylePreset
        list_serializer_class = StylePresetListSerializer
        fields = (
            "preset_id",
            "project",
            "parent",
            "style_type",
            "name",
            "label",
            "description",
            "style_config",
            "effective_config",
            "is_system",
            "is_active",
            "is_default",
            *TIMESTAMPS,
        )
        read_only_fields = ("is_system",)

    def validate(self, attrs):
        parent = attrs.get("parent", self.instance.parent if self.instance else None)
        if parent is None:
            return attrs
        style_type = attrs.get("style_type", self.instance.style_type if self.instance else None)
        project = attrs.get("project", self.instance.project if self.instance else None)
        if parent.style_type != style_type:
            raise serializers.ValidationError({"parent": ["The parent must have the same style_type."]})
        if parent.project_id is not None and parent.project_id != getattr(project, "pk", None):
            raise serializers.ValidationError({"parent": ["Inherit from a system preset or one of the same project."]})
        if self.instance is not None and parent.is_descendant_of(self.instance, include_self=True):
            raise serializers.ValidationError({"parent": ["A preset cannot inherit from itself or its descendants."]})
        return attrs

    def get_effective_config(self, preset) -> dict:
        configs = self.context.get("effective_configs") or effective_configs([preset])
        return configs.get(preset.pk) or effective_configs([preset])[preset.pk]
