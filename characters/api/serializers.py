from rest_framework import serializers

from characters.models import Character, CharacterReferenceImage, CharacterVariant, CharacterVariantSuggestion
from projects.api.serializers import TIMESTAMPS
from projects.models import Story
from webtoon.api.viewsets import VisibleRelatedField

CHARACTER_FIELDS = (
    "character_id",
    "project",
    "canonical_code",
    "name",
    "display_name",
    "aliases",
    "description",
    "role",
    "gender",
    "age_range",
    "appearance",
    "hair_description",
    "base_outfit",
    "identity_line",
    "is_library_saved",
    "approved",
    "source_actor",
    *TIMESTAMPS,
)


class CharacterSerializer(serializers.ModelSerializer):
    aliases = serializers.ListField(child=serializers.CharField(max_length=200), required=False)
    appearance = serializers.DictField(required=False)

    class Meta:
        model = Character
        fields = CHARACTER_FIELDS
        read_only_fields = ("project", "canonical_code", "identity_line", "is_library_saved", "source_actor")


class ActorSerializer(CharacterSerializer):
    class Meta(CharacterSerializer.Meta):
        read_only_fields = ("project", "canonical_code", "identity_line", "is_library_saved", "source_actor")


class CastActorSerializer(serializers.Serializer):
    project = serializers.UUIDField(help_text="The project to cast the actor into (you edit it).")
    story = serializers.UUIDField(required=False, allow_null=True, help_text="A story of that project.")


class ActivateVariantSerializer(serializers.Serializer):
    story = VisibleRelatedField(queryset=Story.objects.all(), project_paths=("project",))


class ReferenceImageSerializer(serializers.ModelSerializer):
    metadata = serializers.DictField(required=False)

    class Meta:
        model = CharacterReferenceImage
        fields = (
            "reference_image_id",
            "character",
            "image_url",
            "image_file",
            "ref_type",
            "approved",
            "is_primary",
            "metadata",
            *TIMESTAMPS,
        )
        read_only_fields = ("character",)
        extra_kwargs = {"image_file": {"required": False, "allow_null": True}}


class VariantSerializer(serializers.ModelSerializer):
    story = VisibleRelatedField(
        queryset=Story.objects.all(), project_paths=("project",), allow_null=True, required=False
    )
    reference_image = VisibleRelatedField(
        queryset=CharacterReferenceImage.objects.all(),
        project_paths=("character__project",),
        include_global=True,
        allow_null=True,
        required=False,
    )
    traits = serializers.DictField(required=False)
    override_attributes = serializers.DictField(required=False)
    generated_image_ids = serializers.ListField(child=serializers.UUIDField(), required=False)

    class Meta:
        model = CharacterVariant
        fields = (
            "variant_id",
            "character",
            "story",
            "variant_type",
            "variant_name",
            "traits",
            "override_attributes",
            "reference_image",
            "generated_image_ids",
            "is_default",
            "is_active_for_story",
            *TIMESTAMPS,
        )
        read_only_fields = ("character", "is_active_for_story")

    def validate(self, attrs):
        character = self.instance.character if self.instance else self.context["view"].get_parent()
        reference = attrs.get("reference_image")
        if reference is not None and reference.character_id != character.pk:
            raise serializers.ValidationError({"reference_image": ["Pick a reference image of this character."]})
        return attrs


class VariantSuggestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CharacterVariantSuggestion
        fields = (
            "suggestion_id",
            "story",
            "character",
            "variant_type",
            "override_attributes",
            "reason",
            "status",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields
