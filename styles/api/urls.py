from styles.api import views
from webtoon.api.routers import ApiRouter

router = ApiRouter()
router.register(views.StylePresetViewSet, basename="style-preset", list_prefix="style-presets")

urlpatterns = router.urls
