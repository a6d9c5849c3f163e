from audit.api import views
from webtoon.api.routers import ApiRouter

router = ApiRouter()
router.register(views.AuditLogViewSet, basename="audit-log", list_prefix="audit-logs")

urlpatterns = router.urls
