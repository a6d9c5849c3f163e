from django.db import transaction
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from artifacts.models import Image
from episodes import services
from episodes.api import serializers as s
from episodes.models import Episode, EpisodeAsset, EpisodeScene, ExportJob
from projects.api.views import STORY_PARENT
from projects.selectors import scope_for_user
from webtoon.api.viewsets import Parent, ReadOnlyScopedViewSet, ScopedViewSet, accepted
from webtoon.exceptions import ConflictError

EPISODE_PARENT = Parent(
    url_kwarg="episode_id",
    field="episode",
    queryset=Episode.objects.select_related("story"),
    project_paths=("story__project",),
)


class ExportNotReady(ConflictError):
    code = "export_not_ready"


class EpisodeViewSet(ScopedViewSet):
    queryset = Episode.objects.select_related("story")
    serializer_class = s.EpisodeSerializer
    parent = STORY_PARENT
    project_paths = ("story__project",)
    filterset_fields = ("status",)
    ordering_fields = ("title", "created_at", "published_at")

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        episode = services.episode_publish(episode=self.get_object())
        return Response(self.get_serializer(episode).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def unpublish(self, request, pk=None):
        episode = services.episode_unpublish(episode=self.get_object())
        return Response(self.get_serializer(episode).data)

    @extend_schema(request=s.ReorderSerializer, responses=s.EpisodeSceneSerializer(many=True))
    @action(detail=True, methods=["post"])
    def reorder(self, request, pk=None):
        """Put the episode's scenes in a new order: list every scene of the episode once."""
        episode = self.get_object()
        scenes = self.validated(s.ReorderSerializer)["scenes"]
        current = set(episode.episode_scenes.values_list("scene_id", flat=True))
        if {scene.pk for scene in scenes} != current or len(scenes) != len(current):
            raise ValidationError({"scenes": ["List every scene of the episode exactly once."]})
        links = services.episode_compose(episode=episode, scenes=scenes)
        return Response(s.EpisodeSceneSerializer(links, many=True, context=self.get_serializer_context()).data)

    @extend_schema(request=s.ExportStartSerializer, responses={202: s.ExportJobSerializer})
    @action(detail=True, methods=["post"], throttle_scope="export")
    def export(self, request, pk=None):
        """Start an export of the episode: 202 with the job; poll its `Location` until completed."""
        episode = self.get_object()
        data = self.validated(s.ExportStartSerializer)
        job = services.export_start(
            format=data["format"], episode=episode, options=data.get("options"), user=request.user
        )
        job.refresh_from_db()
        return accepted(s.ExportJobSerializer(job, context=self.get_serializer_context()).data, "export-detail", job)


class EpisodeSceneViewSet(ScopedViewSet):
    """The scenes of an episode in reading order; positions stay dense (0, 1, 2, ...)."""

    queryset = EpisodeScene.objects.select_related("episode__story")
    serializer_class = s.EpisodeSceneSerializer
    parent = EPISODE_PARENT
    project_paths = ("episode__story__project",)
    filterset_fields = ("scene",)
    ordering_fields = ("order_index",)

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return s.EpisodeSceneMoveSerializer
        return s.EpisodeSceneSerializer

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.episode_scene_add(
            episode=self.get_parent(), scene=data["scene"], position=data.get("order_index")
        )

    def perform_update(self, serializer):
        link = serializer.instance
        position = serializer.validated_data.get("order_index", link.order_index)
        serializer.instance = services.episode_scene_move(episode=link.episode, scene=link.scene, position=position)

    def perform_destroy(self, instance):
        services.episode_scene_remove(episode=instance.episode, scene=instance.scene)


class EpisodeAssetViewSet(ScopedViewSet):
    """Covers, thumbnails and other images attached to an episode."""

    queryset = EpisodeAsset.objects.select_related("episode__story")
    serializer_class = s.EpisodeAssetSerializer
    parent = EPISODE_PARENT
    project_paths = ("episode__story__project",)
    http_method_names = ["get", "post", "delete", "head", "options"]
    filterset_fields = ("asset_type",)
    ordering_fields = ("asset_type", "created_at")

    def perform_create(self, serializer):
        data = serializer.validated_data
        images = scope_for_user(
            Image.objects.all(), user=self.request.user, project_paths=("artifact__scene__story__project",)
        )
        if not images.filter(pk=data["asset_id"]).exists():
            raise ValidationError({"asset_id": ["No image of yours has this id."]})
        serializer.instance = services.episode_asset_attach(episode=self.get_parent(), **data)

    def perform_destroy(self, instance):
        with transaction.atomic():
            services.episode_asset_detach(
                episode=instance.episode, asset_type=instance.asset_type, asset_id=instance.asset_id
            )


class ExportJobViewSet(ReadOnlyScopedViewSet):
    """Exports of an episode: status and progress, and the file once completed."""

    queryset = ExportJob.objects.select_related("episode__story", "scene__story")
    serializer_class = s.ExportJobSerializer
    parent = EPISODE_PARENT
    project_paths = ("episode__story__project", "scene__story__project")
    filterset_fields = ("status", "format")
    ordering_fields = ("created_at", "status")

    @extend_schema(request=None, responses={202: s.ExportJobSerializer})
    @action(detail=True, methods=["post"], throttle_scope="export")
    def retry(self, request, pk=None):
        """Queue a failed export again: 202 with the job; any other status is refused."""
        job = services.export_retry(job=self.get_object())
        return accepted(self.get_serializer(job).data, "export-detail", job)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The exported file, once the job has completed (409 before)."""
        job = self.get_object()
        if job.status != ExportJob.Status.COMPLETED or not job.output_file:
            raise ExportNotReady(f"The export is {job.status}; the file is there once it has completed.")
        name = job.output_file.name.rsplit("/", 1)[-1]
        return FileResponse(job.output_file.open("rb"), as_attachment=True, filename=name)
