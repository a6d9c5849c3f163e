import django_filters
from django.db.models import Exists, OuterRef, Q
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from artifacts import services
from artifacts.api import serializers as s
from artifacts.models import Artifact, GraphRun, Image
from projects.api.views import SCENE_PARENT, STORY_PARENT
from projects.services import graph_run_cancel, graph_run_retry
from webtoon.api.viewsets import Parent, ReadOnlyScopedViewSet, ScopedViewSet, accepted
from webtoon.request_id import current_request_id


class ArtifactFilter(django_filters.FilterSet):
    latest = django_filters.BooleanFilter(method="filter_latest", help_text="Only the latest version of each type.")

    class Meta:
        model = Artifact
        fields = ("type", "version")

    def filter_latest(self, queryset, name, value):
        newer = Artifact.objects.filter(scene=OuterRef("scene"), type=OuterRef("type"), version__gt=OuterRef("version"))
        return queryset.exclude(Exists(newer)) if value else queryset.filter(Exists(newer))


class ArtifactViewSet(ScopedViewSet):
    """Versioned outputs of the pipeline for a scene, newest version first within a type."""

    queryset = Artifact.objects.select_related("scene__story")
    serializer_class = s.ArtifactSerializer
    parent = SCENE_PARENT
    project_paths = ("scene__story__project",)
    filterset_class = ArtifactFilter
    ordering_fields = ("type", "version", "created_at")
    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self):
        return s.ArtifactCreateSerializer if self.action == "create" else s.ArtifactSerializer

    @extend_schema(request=s.ArtifactCreateSerializer, responses={201: s.ArtifactSerializer})
    def create(self, request, *args, **kwargs):
        """Write the next version of an artifact (a manual edit); the payload is checked against its schema."""
        data = self.validated(s.ArtifactCreateSerializer)
        artifact = services.artifact_version_create(scene=self.get_parent(), actor=request.user, **data)
        return Response(s.ArtifactSerializer(artifact, context=self.get_serializer_context()).data, status=201)


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

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Stop a queued or running run; a story build also marks its story failed ("cancelled")."""
        run = graph_run_cancel(run=self.get_object())
        return Response(self.get_serializer(run).data)

    @extend_schema(request=None, responses={202: s.GraphRunSerializer})
    @action(detail=True, methods=["post"], throttle_scope="generation")
    def retry(self, request, pk=None):
        """Start the run again as a new run (same graph, target and parameters); it resumes from what
        the old one persisted. 202 with the new run; refused while the target is still processing."""
        run = graph_run_retry(run=self.get_object(), actor=request.user, request_id=current_request_id())
        return accepted(self.get_serializer(run).data, "run-detail", run)
