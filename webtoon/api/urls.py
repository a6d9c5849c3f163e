"""Everything under /api/v1/: each app's resources, authentication, health and the OpenAPI docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from webtoon.api.auth import TokenView
from webtoon.api.health import HealthView

APP_URLS = [
    "projects.api.urls",
    "characters.api.urls",
    "artifacts.api.urls",
    "styles.api.urls",
    "episodes.api.urls",
    "audit.api.urls",
]

urlpatterns = [
    path("health", HealthView.as_view(), name="health"),
    path("auth/token", TokenView.as_view(), name="auth-token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc/", SpectacularRedocView.as_view(url_name="schema", template_name="api/redoc.html"), name="redoc"),
    *(path("", include(module)) for module in APP_URLS),
]
