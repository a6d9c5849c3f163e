from characters.api import serializers as s
from characters.models import Character, CharacterReferenceImage, CharacterVariant
from projects.api.views import PROJECT_PARENT
from webtoon.api.viewsets import Parent, ScopedViewSet

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
    queryset = Character.objects.filter(project__isnull=False)
    serializer_class = s.CharacterSerializer
    parent = PROJECT_PARENT
    http_method_names = ["get", "put", "patch", "delete", "head", "options"]
    filterset_fields = {**CHARACTER_FILTERS, "canonical_code": ["exact"], "is_library_saved": ["exact"]}
    ordering_fields = ("canonical_code", "name", "created_at")


class ActorViewSet(ScopedViewSet):
    """The global library of actors: readable by everyone signed in, written by staff."""

    queryset = Character.objects.filter(project__isnull=True)
    serializer_class = s.ActorSerializer
    include_global = True
    filterset_fields = CHARACTER_FILTERS
    ordering_fields = ("name", "created_at")


class VariantViewSet(ScopedViewSet):
    queryset = CharacterVariant.objects.select_related("character")
    serializer_class = s.VariantSerializer
    parent = CHARACTER_PARENT
    project_paths = ("character__project",)
    include_global = True
    filterset_fields = ("story", "variant_type", "is_default", "is_active_for_story")
    ordering_fields = ("variant_name", "created_at")


class ReferenceImageViewSet(ScopedViewSet):
    queryset = CharacterReferenceImage.objects.select_related("character")
    serializer_class = s.ReferenceImageSerializer
    parent = CHARACTER_PARENT
    project_paths = ("character__project",)
    include_global = True
    filterset_fields = ("ref_type", "approved", "is_primary")
    ordering_fields = ("created_at",)
