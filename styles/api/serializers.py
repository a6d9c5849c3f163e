from rest_framework import serializers

from projects.api.serializers import TIMESTAMPS
from projects.models import Project
from styles.models import StylePreset
from styles.selectors import effective_config
from webtoon.api.viewsets import VisibleRelatedField
from webtoon.merge import deep_merge


def effective_configs(presets: list[StylePreset]) -> dict:
    """`styles.selectors.effective_config` for a whole page of presets, in one query instead of one each."""
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
                config = deep_merge(config, node.style_config or {})
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
        # DRF would make `project` required for the (partial) unique constraints on names; the
        # service's full_clean checks them, with or without a project.
        validators = []
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

    def get_effective_config(self, preset) -> dict:
        configs = self.context.get("effective_configs") or {}
        return configs[preset.pk] if preset.pk in configs else effective_config(preset)
