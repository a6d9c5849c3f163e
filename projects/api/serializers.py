from django.conf import settings
from django.contrib.auth import get_user_model
from rest_framework import serializers

from artifacts.exceptions import InvalidPayload
from artifacts.schemas import validate_bubbles
from projects.models import DialogueLayer, EnvironmentAnchor, Layer, Project, ProjectMembership, Scene, Story
from styles.models import StylePreset
from webtoon.api.viewsets import VisibleRelatedField

TIMESTAMPS = ("created_at", "updated_at")


def preset_field(**kwargs):
    return VisibleRelatedField(
        queryset=StylePreset.objects.all(), project_paths=("project",), include_global=True, **kwargs
    )


class ProjectSerializer(serializers.ModelSerializer):
    role = serializers.CharField(read_only=True, allow_null=True, help_text="Your role in the project.")

    class Meta:
        model = Project
        fields = ("project_id", "name", "description", "role", *TIMESTAMPS)


class MembershipSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", queryset=get_user_model().objects.all())

    class Meta:
        model = ProjectMembership
        fields = ("membership_id", "project", "user", "role", *TIMESTAMPS)
        read_only_fields = ("project",)


class MembershipUpdateSerializer(MembershipSerializer):
    user = serializers.SlugRelatedField(slug_field="username", read_only=True)


class StorySerializer(serializers.ModelSerializer):
    source_text = serializers.CharField(
        allow_blank=True, required=False, max_length=settings.STORY_TEXT_MAX_CHARS, trim_whitespace=False
    )
    default_image_style = preset_field(allow_null=True, required=False)

    class Meta:
        model = Story
        fields = (
            "story_id",
            "project",
            "title",
            "source_text",
            "language",
            "default_image_style",
            "generation_status",
            "generation_error",
            "progress",
            "progress_updated_at",
            *TIMESTAMPS,
        )
        read_only_fields = (
            "project",
            "generation_status",
            "generation_error",
            "progress",
            "progress_updated_at",
        )


class EnvironmentSerializer(serializers.ModelSerializer):
    project = VisibleRelatedField(
        queryset=Project.objects.all(), project_paths=("project_id",), allow_null=True, required=False
    )
    reference_images = serializers.ListField(child=serializers.CharField(max_length=2048), required=False)
    locked_elements = serializers.ListField(child=serializers.CharField(max_length=300), required=False)

    class Meta:
        model = EnvironmentAnchor
        fields = (
            "environment_id",
            "project",
            "name",
            "description",
            "usage_count",
            "anchor_type",
            "reference_images",
            "locked_elements",
            "pinned",
            *TIMESTAMPS,
        )
        read_only_fields = ("usage_count",)


class SceneSerializer(serializers.ModelSerializer):
    image_style_override = preset_field(allow_null=True, required=False)
    environment = VisibleRelatedField(
        queryset=EnvironmentAnchor.objects.all(),
        project_paths=("project",),
        include_global=True,
        allow_null=True,
        required=False,
    )

    class Meta:
        model = Scene
        fields = (
            "scene_id",
            "story",
            "scene_index",
            "title",
            "source_text",
            "scene_importance",
            "planning_locked",
            "image_style_override",
            "environment",
            *TIMESTAMPS,
        )
        read_only_fields = ("story", "planning_locked")


class DialogueLayerSerializer(serializers.ModelSerializer):
    bubbles = serializers.ListField(
        child=serializers.DictField(), required=False, help_text="Bubbles as in docs/contracts.md, validated."
    )

    def validate_bubbles(self, bubbles):
        try:
            return validate_bubbles(bubbles)
        except InvalidPayload as error:
            raise serializers.ValidationError(error.fields) from error

    class Meta:
        model = DialogueLayer
        fields = ("dialogue_id", "scene", "bubbles", *TIMESTAMPS)
        read_only_fields = ("scene",)


class LayerSerializer(serializers.ModelSerializer):
    objects = serializers.ListField(child=serializers.DictField(), source="layer_objects", required=False)

    class Meta:
        model = Layer
        fields = ("layer_id", "scene", "layer_type", "z_index", "objects", *TIMESTAMPS)
        read_only_fields = ("scene",)


class GenerationStartSerializer(serializers.Serializer):
    parameters = serializers.DictField(
        required=False,
        help_text="mode (full / characters_only), max_scenes, max_characters, panel_count, max_retries, "
        "hero_scene, enforce_qc, render; unknown names are refused.",
    )


class GenerationProgressSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Story.GenerationStatus.choices)
    error = serializers.CharField()
    progress = serializers.DictField()
    progress_updated_at = serializers.DateTimeField(allow_null=True)
    run_id = serializers.UUIDField(allow_null=True)
    run_status = serializers.CharField(allow_null=True)
    failed_node = serializers.CharField(allow_blank=True)
