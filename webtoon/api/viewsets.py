"""The base of every resource: querysets scoped to the user's projects, roles checked on writes."""

from dataclasses import dataclass
from functools import reduce

from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from rest_framework import serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from projects.models import ProjectMembership
from projects.selectors import project_role_for_user, role_at_least, scope_for_user
from webtoon.api.permissions import ProjectRolePermission


def accepted(data, route_name: str, job) -> Response:
    """202 for long work: the job as it is now, and in `Location` the URL to poll for its progress."""
    return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": reverse(route_name, args=[job.pk])})


def project_id_along(obj, path: str):
    """Follow `path` (e.g. `scene__story__project`) from `obj` to a project id, or None."""
    *hops, last = path.split("__")
    target = reduce(lambda current, hop: getattr(current, hop, None) if current else None, hops, obj)
    if target is None:
        return None
    return getattr(target, last if last.endswith("_id") else f"{last}_id")


@dataclass(frozen=True)
class Parent:
    """The row a nested list hangs from: `projects/<uuid:project_id>/stories` has Parent(project_id)."""

    url_kwarg: str
    field: str
    queryset: QuerySet
    project_paths: tuple[str, ...]
    include_global: bool = False


class ProjectScoped:
    """Querysets limited to the user's projects, nested-route parents and role checks, for a viewset.

    Subclasses set `queryset` (with the select/prefetch their serializer needs) and `project_paths`.
    """

    lookup_value_converter = "uuid"
    permission_classes = [IsAuthenticated, ProjectRolePermission]
    project_paths: tuple[str, ...] = ("project",)
    include_global = False
    parent: Parent | None = None
    write_role = ProjectMembership.Role.EDITOR
    # Set per action (`@action(throttle_scope="export")`): starts of long work are rate limited.
    throttle_scope = None
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        queryset = self.queryset.all()
        if getattr(self, "swagger_fake_view", False):
            return queryset.none()
        queryset = scope_for_user(
            queryset, user=self.request.user, project_paths=self.project_paths, include_global=self.include_global
        )
        parent = self.get_parent()
        return queryset if parent is None else self.filter_by_parent(queryset, parent)

    def filter_by_parent(self, queryset, parent):
        return queryset.filter(**{self.parent.field: parent})

    def get_parent(self):
        """The parent row of a nested route, visible to the user, else 404; None on flat routes."""
        if self.parent is None or self.parent.url_kwarg not in self.kwargs:
            return None
        if not hasattr(self, "_parent_row"):
            visible = scope_for_user(
                self.parent.queryset.all(),
                user=self.request.user,
                project_paths=self.parent.project_paths,
                include_global=self.parent.include_global,
            )
            self._parent_row = get_object_or_404(visible, pk=self.kwargs[self.parent.url_kwarg])
        return self._parent_row

    def parent_project_id(self, parent):
        return next((pid for path in self.parent.project_paths if (pid := project_id_along(parent, path))), None)

    def project_id_of(self, obj):
        return next((pid for path in self.project_paths if (pid := project_id_along(obj, path))), None)

    def role_in(self, project_id) -> str | None:
        roles = self.__dict__.setdefault("_roles", {})
        if project_id not in roles:
            roles[project_id] = project_role_for_user(user=self.request.user, project_id=project_id)
        return roles[project_id]

    def can_write(self, project_id) -> bool:
        if project_id is None:
            return self.request.user.is_staff
        return role_at_least(self.role_in(project_id), self.write_role)

    def require_write(self, project_id):
        if not self.can_write(project_id):
            self.permission_denied(self.request, message=ProjectRolePermission.message)

    def validated(self, serializer_class) -> dict:
        """The request body checked by an action's input serializer (a 400 naming the field otherwise)."""
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def parent_save_kwargs(self) -> dict:
        parent = self.get_parent()
        return {self.parent.field: parent} if parent is not None else {}

    def check_body_project(self, validated_data: dict):
        """A body that names a project (flat routes: presets, environments) needs the role there too."""
        if "project" in validated_data:
            project = validated_data["project"]
            self.require_write(project.pk if project is not None else None)


class ScopedViewSet(ProjectScoped, viewsets.ModelViewSet):
    def perform_create(self, serializer):
        if self.get_parent() is None:
            self.check_body_project({"project": None, **serializer.validated_data})
        # A savepoint: a constraint refusing the row (mapped to 409) leaves the connection usable.
        with transaction.atomic():
            serializer.save(**self.parent_save_kwargs())

    def perform_update(self, serializer):
        self.check_body_project(serializer.validated_data)
        with transaction.atomic():
            serializer.save()

    def perform_destroy(self, instance):
        with transaction.atomic():
            instance.delete()


class ReadOnlyScopedViewSet(ProjectScoped, viewsets.ReadOnlyModelViewSet):
    """Rows the API lists and shows but never creates, changes or deletes; `@action`s may still POST."""


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key in a request body that may name only rows the user can see.

    `project_paths` lead from the related model to its project; `include_global` also admits rows
    with no project (system presets, shared environments, global actors).
    """

    def __init__(self, *, project_paths: tuple[str, ...], include_global: bool = False, **kwargs):
        self.project_paths = project_paths
        self.include_global = include_global
        super().__init__(**kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        if request is None:
            return queryset.none()
        return scope_for_user(
            queryset, user=request.user, project_paths=self.project_paths, include_global=self.include_global
        )
