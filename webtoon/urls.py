from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from webtoon.metrics import metrics_view, register_database_totals

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", include("webtoon.api.urls")),
    path("metrics", metrics_view, name="prometheus-django-metrics"),
]
register_database_totals()

# Under /api/ these answer in the API's error shape; elsewhere, Django's usual pages.
handler404 = "webtoon.api.errors.handler404"
handler500 = "webtoon.api.errors.handler500"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
