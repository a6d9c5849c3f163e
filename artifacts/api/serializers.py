from rest_framework import serializers

from artifacts.models import Artifact, GraphRun, Image
from projects.api.serializers import TIMESTAMPS


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
