from rest_framework import serializers

from artifacts.models import Artifact, ArtifactType, GraphRun, Image
from projects.api.serializers import TIMESTAMPS
from webtoon.api.viewsets import VisibleRelatedField


class ArtifactSerializer(serializers.ModelSerializer):
    payload = serializers.DictField()

    class Meta:
        model = Artifact
        fields = (
            "artifact_id",
            "scene",
            "type",
            "version",
            "parent",
            "payload",
            "created_by",
            "updated_by",
            *TIMESTAMPS,
        )
        read_only_fields = fields


class ImageSerializer(serializers.ModelSerializer):
    metadata = serializers.DictField(read_only=True)

    class Meta:
        model = Image
        fields = ("image_id", "artifact", "image_url", "file", "metadata", *TIMESTAMPS)
        read_only_fields = fields


class GraphRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = GraphRun
        fields = (
            "run_id",
            "graph",
            "story",
            "scene",
            "parameters",
            "status",
            "current_node",
            "node_timings",
            "provider",
            "token_counts",
            "error",
            "failed_node",
            "request_id",
            "started_at",
            "finished_at",
            "heartbeat_at",
            *TIMESTAMPS,
        )
        read_only_fields = fields


class ArtifactCreateSerializer(serializers.Serializer):
    """A new version of one of the scene's artifacts, e.g. an editor's manual change of a plan."""

    type = serializers.ChoiceField(choices=ArtifactType.choices)
    payload = serializers.DictField(help_text="Validated against the type's schema; errors name the field.")
    parent = VisibleRelatedField(
        queryset=Artifact.objects.all(),
        project_paths=("scene__story__project",),
        required=False,
        allow_null=True,
        help_text="The version this one derives from (default: the current latest of the type).",
    )
