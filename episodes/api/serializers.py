from rest_framework import serializers

from episodes.models import Episode, EpisodeAsset, EpisodeScene, ExportJob
from projects.api.serializers import TIMESTAMPS, preset_field
from projects.models import Scene
from webtoon.api.viewsets import VisibleRelatedField


class EpisodeSerializer(serializers.ModelSerializer):
    default_image_style = preset_field(allow_null=True, required=False)

    class Meta:
        model = Episode
        fields = ("episode_id", "story", "title", "default_image_style", "status", "published_at", *TIMESTAMPS)
        read_only_fields = ("story", "status", "published_at")


def scene_field(**kwargs):
    return VisibleRelatedField(queryset=Scene.objects.all(), project_paths=("story__project",), **kwargs)


class EpisodeSceneSerializer(serializers.ModelSerializer):
    scene = scene_field()
    order_index = serializers.IntegerField(
        min_value=0, required=False, help_text="Position in the episode from 0; the end when left out."
    )

    class Meta:
        model = EpisodeScene
        fields = ("episode_scene_id", "episode", "scene", "order_index", *TIMESTAMPS)
        read_only_fields = ("episode",)


class EpisodeSceneMoveSerializer(EpisodeSceneSerializer):
    scene = serializers.PrimaryKeyRelatedField(read_only=True)
    order_index = serializers.IntegerField(min_value=0)


class ReorderSerializer(serializers.Serializer):
    scenes = serializers.ListField(child=scene_field(), help_text="Every scene of the episode, in the new order.")


class ExportStartSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=ExportJob.Format.choices, default=ExportJob.Format.WEBTOON)
    options = serializers.DictField(required=False)


class EpisodeAssetSerializer(serializers.ModelSerializer):
    asset_id = serializers.UUIDField(help_text="An image of this project (covers, thumbnails, ...).")

    class Meta:
        model = EpisodeAsset
        fields = ("episode_asset_id", "episode", "asset_type", "asset_id", *TIMESTAMPS)
        read_only_fields = ("episode",)


class ExportJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExportJob
        fields = (
            "export_id",
            "episode",
            "scene",
            "format",
            "options",
            "status",
            "output_url",
            "error",
            "metadata",
            "started_at",
            "finished_at",
            *TIMESTAMPS,
        )
        read_only_fields = fields
