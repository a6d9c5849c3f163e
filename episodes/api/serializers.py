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
        read_only_fields = ("story",)


class EpisodeSceneSerializer(serializers.ModelSerializer):
    scene = VisibleRelatedField(queryset=Scene.objects.all(), project_paths=("story__project",))

    class Meta:
        model = EpisodeScene
        fields = ("episode_scene_id", "episode", "scene", "order_index", *TIMESTAMPS)
        read_only_fields = ("episode",)

    def validate_scene(self, scene):
        episode = self.instance.episode if self.instance else self.context["view"].get_parent()
        if scene.story_id != episode.story_id:
            raise serializers.ValidationError("Pick a scene of the episode's story.")
        return scene


class EpisodeAssetSerializer(serializers.ModelSerializer):
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
