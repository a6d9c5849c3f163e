"""The site's URLs plus the media files, for the browser test's live server (DEBUG is off in tests)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from webtoon.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    *site_urlpatterns,
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
