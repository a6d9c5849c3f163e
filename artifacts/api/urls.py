from artifacts.api import views
from webtoon.api.routers import ApiRouter

router = ApiRouter()
router.register(
    views.ArtifactViewSet,
    basename="artifact",
    list_prefix="scenes/<uuid:scene_id>/artifacts",
    detail_prefix="artifacts",
)
router.register(
    views.ImageViewSet, basename="image", list_prefix="scenes/<uuid:scene_id>/images", detail_prefix="images"
)
router.register(views.GraphRunViewSet, basename="run", list_prefix="stories/<uuid:story_id>/runs", detail_prefix="runs")

urlpatterns = router.urls
