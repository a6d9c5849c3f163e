from episodes.api import serializers as s
from episodes.models import Episode, EpisodeAsset, EpisodeScene, ExportJob
from projects.api.views import STORY_PARENT
from webtoon.api.viewsets import Parent, ReadOnlyScopedViewSet, ScopedViewSet

EPISODE_PARENT = Parent(
    url_kwarg="episode_id",
    field="episode",
    queryset=Episode.objects.select_related("story"),
    project_paths=("story__project",),
)


class EpisodeViewSet(ScopedViewSet):
    queryset = Episode.objects.select_related("story")
    serializer_class = s.EpisodeSerializer
    parent = STORY_PARENT
    project_paths = ("story__project",)
    filterset_fields = ("status",)
    ordering_fields = ("title", "created_at", "published_at")


class EpisodeSceneViewSet(ScopedViewSet):
    """The scenes of an episode in reading order."""

    queryset = EpisodeScene.objects.select_related("episode__story")
    serializer_class = s.EpisodeSceneSerializer
    parent = EPISODE_PARENT
    project_paths = ("episode__story__project",)
    filterset_fields = ("scene",)
    ordering_fields = ("order_index",)


class EpisodeAssetViewSet(ScopedViewSet):
    queryset = EpisodeAsset.objects.select_related("episode__story")
    serializer_class = s.EpisodeAssetSerializer
    parent = EPISODE_PARENT
    project_paths = ("episode__story__project",)
    filterset_fields = ("asset_type",)
    ordering_fields = ("asset_type", "created_at")


class ExportJobViewSet(ReadOnlyScopedViewSet):
    """Exports of an episode: status, and the file once completed."""

    queryset = ExportJob.objects.select_related("episode__story", "scene__story")
    serializer_class = s.ExportJobSerializer
    parent = EPISODE_PARENT
    project_paths = ("episode__story__project", "scene__story__project")
    filterset_fields = ("status", "format")
    ordering_fields = ("created_at", "status")
