import django_filters
from django.db.models import Exists, OuterRef, Q

from artifacts.api import serializers as s
from artifacts.models import Artifact, GraphRun, Image
from projects.api.views import SCENE_PARENT, STORY_PARENT
from webtoon.api.viewsets import Parent, ReadOnlyScopedViewSet


class ArtifactFilter(django_filters.FilterSet):
    latest = django_filters.BooleanFilter(method="filter_latest", help_text="Only the latest version of each type.")

    class Meta:
        model = Artifact
        fields = ("type", "version")

    def filter_latest(self, queryset, name, value):
        newer = Artifact.objects.filter(scene=OuterRef("scene"), type=OuterRef("type"), version__gt=OuterRef("version"))
        return queryset.exclude(Exists(newer)) if value else queryset.filter(Exists(newer))


class ArtifactViewSet(ReadOnlyScopedViewSet):
    """Versioned outputs of the pipeline for a scene, newest version first within a type."""

    queryset = Artifact.objects.select_related("scene__story")
    serializer_class = s.ArtifactSerializer
    parent = SCENE_PARENT
    project_paths = ("scene__story__project",)
    filterset_class = ArtifactFilter
    ordering_fields = ("type", "version", "created_at")


class ImageViewSet(ReadOnlyScopedViewSet):
    queryset = Image.objects.select_related("artifact__scene__story")
    serializer_class = s.ImageSerializer
    parent = Parent(
        url_kwarg="scene_id",
        field="artifact__scene",
        queryset=SCENE_PARENT.queryset,
        project_paths=SCENE_PARENT.project_paths,
    )
    project_paths = ("artifact__scene__story__project",)
    filterset_fields = ("artifact",)
    ordering_fields = ("created_at",)


class GraphRunViewSet(ReadOnlyScopedViewSet):
    """Runs of the generation graphs for a story (and its scenes): status, current node, timings."""

    queryset = GraphRun.objects.select_related("story", "scene__story")
    serializer_class = s.GraphRunSerializer
    parent = STORY_PARENT
    project_paths = ("story__project", "scene__story__project")
    filterset_fields = ("graph", "status", "scene")
    ordering_fields = ("created_at", "status")

    def filter_by_parent(self, queryset, parent):
        return queryset.filter(Q(story=parent) | Q(scene__story=parent))
