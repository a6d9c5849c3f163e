from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from characters import services
from characters.api import serializers as s
from characters.models import Character, CharacterReferenceImage, CharacterVariant, CharacterVariantSuggestion
from characters.url_safety import reference_url_validate
from projects.api.views import PROJECT_PARENT, STORY_PARENT
from projects.selectors import project_get_for_user
from webtoon.api.parsers import JSONParser
from webtoon.api.viewsets import Parent, ReadOnlyScopedViewSet, ScopedViewSet

CHARACTER_FILTERS = {"role": ["exact"], "gender": ["exact"], "approved": ["exact"], "name": ["exact", "icontains"]}

# Variants and reference images hang from project characters and from global actors alike.
CHARACTER_PARENT = Parent(
    url_kwarg="character_id",
    field="character",
    queryset=Character.objects.all(),
    project_paths=("project",),
    include_global=True,
)


class CharacterViewSet(ScopedViewSet):
    """A project's characters; codes (CHAR_A, CHAR_B, ...) are given on creation and never change."""

    queryset = Character.objects.filter(project__isnull=False)
    serializer_class = s.CharacterSerializer
    parent = PROJECT_PARENT
    filterset_fields = {**CHARACTER_FILTERS, "canonical_code": ["exact"], "is_library_saved": ["exact"]}
    ordering_fields = ("canonical_code", "name", "created_at")

    def perform_create(self, serializer):
        serializer.instance = services.character_create(project=self.get_parent(), **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.character_update(character=serializer.instance, data=serializer.validated_data)

    @extend_schema(request=None, responses={201: s.ActorSerializer})
    @action(detail=True, methods=["post"], url_path="save-to-library")
    def save_to_library(self, request, pk=None):
        """Save this character's look as a global actor (again: update that actor)."""
        actor = services.character_save_to_library(character=self.get_object())
        return Response(s.ActorSerializer(actor, context=self.get_serializer_context()).data, status=201)


class ActorViewSet(ScopedViewSet):
    """The global library of actors: readable by everyone signed in, written by staff."""

    queryset = Character.objects.filter(project__isnull=True)
    serializer_class = s.ActorSerializer
    include_global = True
    filterset_fields = CHARACTER_FILTERS
    ordering_fields = ("name", "created_at")

    def perform_create(self, serializer):
        self.require_write(None)
        with transaction.atomic():
            serializer.save(project=None, canonical_code="", is_library_saved=True)

    def perform_update(self, serializer):
        serializer.instance = services.character_update(character=serializer.instance, data=serializer.validated_data)

    # Anyone may cast a library actor; the role that counts is the one in the target project.
    @extend_schema(request=s.CastActorSerializer, responses={201: s.CharacterSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def cast(self, request, pk=None):
        """Cast this actor into a project (and a story): a project character with the actor's look."""
        actor = self.get_object()
        data = self.validated(s.CastActorSerializer)
        project = project_get_for_user(user=request.user, project_id=data["project"])
        self.require_write(project.pk)
        story = None
        if data.get("story"):
            story = project.stories.filter(pk=data["story"]).first()
            if story is None:
                raise ValidationError({"story": ["No story of this project has this id."]})
        character = services.character_cast_actor(actor=actor, project=project, story=story)
        return Response(s.CharacterSerializer(character, context=self.get_serializer_context()).data, status=201)


class VariantViewSet(ScopedViewSet):
    queryset = CharacterVariant.objects.select_related("character")
    serializer_class = s.VariantSerializer
    parent = CHARACTER_PARENT
    project_paths = ("character__project",)
    include_global = True
    filterset_fields = ("story", "variant_type", "is_default", "is_active_for_story")
    ordering_fields = ("variant_name", "created_at")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        make_default = data.pop("is_default", False)
        data.pop("generated_image_ids", None)
        serializer.instance = services.character_variant_create(
            character=self.get_parent(), make_default=make_default, **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        make_default = data.pop("is_default", False)
        data.pop("story", None)
        data.pop("generated_image_ids", None)
        variant = serializer.instance
        with transaction.atomic():
            if data:
                variant = services.character_variant_update(variant=variant, data=data)
            if make_default:
                variant = services.character_variant_set_default(variant=variant)
        serializer.instance = variant

    def perform_destroy(self, instance):
        services.character_variant_delete(variant=instance)

    @extend_schema(request=s.ActivateVariantSerializer, responses=s.VariantSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request, pk=None):
        """Make this variant the one the story shows; the story's previous active variant stops showing."""
        variant = self.get_object()
        data = self.validated(s.ActivateVariantSerializer)
        variant = services.character_variant_activate(variant=variant, story=data["story"])
        return Response(self.get_serializer(variant).data)


class ReferenceImageViewSet(ScopedViewSet):
    """Reference images of a character: an uploaded file (multipart) or a public http(s) URL."""

    queryset = CharacterReferenceImage.objects.select_related("character")
    serializer_class = s.ReferenceImageSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    parent = CHARACTER_PARENT
    project_paths = ("character__project",)
    include_global = True
    filterset_fields = ("ref_type", "approved", "is_primary")
    ordering_fields = ("created_at",)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.character_reference_image_add(
            character=self.get_parent(),
            image_url=data.get("image_url", ""),
            image_file=data.get("image_file"),
            ref_type=data.get("ref_type", CharacterReferenceImage.RefType.FACE),
            approved=data.get("approved", False),
            make_primary=data.get("is_primary", False),
            metadata=data.get("metadata"),
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        # The primary moves through the service (one primary per character, under its lock);
        # unsetting it alone would leave the character without one, so False is ignored.
        make_primary = data.pop("is_primary", False)
        if data.get("image_url"):
            data["image_url"] = reference_url_validate(data["image_url"])
        image = serializer.instance
        with transaction.atomic():
            if data:
                for field, value in data.items():
                    setattr(image, field, value)
                image.save(update_fields=[*data, "updated_at"])
            if make_primary:
                image = services.character_reference_image_set_primary(reference_image=image)
        serializer.instance = image

    def perform_destroy(self, instance):
        services.character_reference_image_delete(reference_image=instance)


class VariantSuggestionViewSet(ReadOnlyScopedViewSet):
    """Outfit, injury and mood changes read from a story's text, pending an editor's decision."""

    queryset = CharacterVariantSuggestion.objects.select_related("story", "character")
    serializer_class = s.VariantSuggestionSerializer
    parent = STORY_PARENT
    project_paths = ("story__project",)
    filterset_fields = ("status", "character", "variant_type")
    ordering_fields = ("created_at", "status")

    @extend_schema(request=None, responses={201: s.VariantSuggestionSerializer(many=True)})
    @action(detail=False, methods=["post"], pagination_class=None)
    def scan(self, request, story_id=None):
        """Read the story's scenes again for changes; 201 with the suggestions that are new."""
        created = services.variant_suggestions_create(story=self.get_parent())
        return Response(self.get_serializer(created, many=True).data, status=201)

    @extend_schema(request=None, responses={201: s.VariantSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Create the suggested story variant (409 when the suggestion was already decided)."""
        variant = services.variant_suggestion_accept(suggestion=self.get_object())
        return Response(s.VariantSerializer(variant, context=self.get_serializer_context()).data, status=201)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        suggestion = services.variant_suggestion_dismiss(suggestion=self.get_object())
        return Response(self.get_serializer(suggestion).data)
