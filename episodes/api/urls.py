from episodes.api import views
from webtoon.api.routers import ApiRouter

router = ApiRouter()
router.register(
    views.EpisodeViewSet, basename="episode", list_prefix="stories/<uuid:story_id>/episodes", detail_prefix="episodes"
)
router.register(
    views.EpisodeSceneViewSet,
    basename="episode-scene",
    list_prefix="episodes/<uuid:episode_id>/scenes",
    detail_prefix="episode-scenes",
)
router.register(
    views.EpisodeAssetViewSet,
    basename="episode-asset",
    list_prefix="episodes/<uuid:episode_id>/assets",
    detail_prefix="episode-assets",
)
router.register(
    views.ExportJobViewSet,
    basename="export",
    list_prefix="episodes/<uuid:episode_id>/exports",
    detail_prefix="exports",
)

urlpatterns = router.urls
