"""Shallow nesting without drf-nested-routers: lists live under their parent, rows stand alone.

`projects/{project_id}/stories/` lists and creates a project's stories; `stories/{story_id}/`
reads, changes and deletes one story. A viewset is registered once with both prefixes.
"""

from rest_framework.routers import SimpleRouter


class _ListRouter(SimpleRouter):
    routes = [route for route in SimpleRouter.routes if not route.detail]


class _DetailRouter(SimpleRouter):
    routes = [route for route in SimpleRouter.routes if route.detail]


class ApiRouter:
    def __init__(self):
        self._lists = _ListRouter(use_regex_path=False)
        self._details = _DetailRouter(use_regex_path=False)

    def register(self, viewset, *, basename: str, list_prefix: str, detail_prefix: str | None = None):
        """`list_prefix` may hold the parent, e.g. `stories/<uuid:story_id>/scenes`."""
        self._lists.register(list_prefix, viewset, basename=basename)
        self._details.register(detail_prefix or list_prefix, viewset, basename=basename)

    @property
    def urls(self):
        return self._lists.urls + self._details.urls
