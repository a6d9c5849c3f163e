from projects.api import views
from webtoon.api.routers import ApiRouter

router = ApiRouter()
router.register(views.ProjectViewSet, basename="project", list_prefix="projects")
router.register(
    views.MembershipViewSet,
    basename="member",
    list_prefix="projects/<uuid:project_id>/members",
    detail_prefix="projects/<uuid:project_id>/members",
)
router.register(
    views.StoryViewSet, basename="story", list_prefix="projects/<uuid:project_id>/stories", detail_prefix="stories"
)
router.register(
    views.SceneViewSet, basename="scene", list_prefix="stories/<uuid:story_id>/scenes", detail_prefix="scenes"
)
router.register(views.EnvironmentViewSet, basename="environment", list_prefix="environments")
router.register(
    views.DialogueLayerViewSet,
    basename="dialogue-layer",
    list_prefix="scenes/<uuid:scene_id>/dialogue-layers",
    detail_prefix="dialogue-layers",
)
router.register(
    views.LayerViewSet, basename="layer", list_prefix="scenes/<uuid:scene_id>/layers", detail_prefix="layers"
)

urlpatterns = router.urls
