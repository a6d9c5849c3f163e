"""What every admin of the studio shares: project-membership permissions and the audit-trail link.

Staff editors see and change only the rows of projects they are members of; superusers see all.
Membership is the single source of truth: a staff user needs no Django model permissions, their
role in the row's project decides (viewer: read-only; editor and owner: read and write). Rows
without a project (global actors, system presets, shared environments) are readable by every
staff member and writable by staff, as the API allows.
"""

import json

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from projects.models import ProjectMembership
from webtoon.exceptions import ApplicationError

WRITER_ROLES = {ProjectMembership.Role.OWNER, ProjectMembership.Role.EDITOR}


def project_roles(request) -> dict:
    """{project_id: role} of the requesting user, read once per request."""
    if not hasattr(request, "_studio_project_roles"):
        request._studio_project_roles = dict(
            ProjectMembership.objects.filter(user=request.user).values_list("project_id", "role")
        )
    return request._studio_project_roles


def is_project_owner(request, project_id) -> bool:
    return request.user.is_superuser or project_roles(request).get(project_id) == ProjectMembership.Role.OWNER


def writable_project_ids(request) -> list:
    return [project_id for project_id, role in project_roles(request).items() if role in WRITER_ROLES]


def is_studio_user(request) -> bool:
    """Staff who are superusers or members of at least one project."""
    user = request.user
    return user.is_active and user.is_staff and (user.is_superuser or bool(project_roles(request)))


def pretty_json(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True, default=str)


def writable_choices(model_admin, db_field, request, kwargs) -> dict:
    """Limit a foreign key's choices to rows the user may attach to (their writable projects)."""
    related_admin = model_admin.admin_site._registry.get(db_field.related_model)
    if isinstance(related_admin, ProjectScopedMixin) and "queryset" not in kwargs:
        kwargs["queryset"] = related_admin.writable_queryset(request)
    return kwargs


class ProjectScopedMixin:
    """Scopes rows and permissions by the project reached through `project_paths`.

    `project_paths` are ORM paths from the model to its Project ("story__project"); a row belongs
    to every project any path reaches. `global_rows` marks models whose rows may have no project.
    """

    project_paths: tuple[str, ...] = ()
    global_rows = False
    change_form_template = "admin/studio/change_form.html"

    def _scope(self, queryset, project_ids):
        condition = Q()
        for lookup in self.project_paths:
            condition |= Q(**{f"{lookup}__in": project_ids})
            if self.global_rows:
                condition |= Q(**{f"{lookup}__isnull": True})
        return queryset.filter(condition)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return self._scope(queryset, list(project_roles(request)))

    def writable_queryset(self, request):
        """The rows the user may attach new rows to (choices of foreign keys pointing here)."""
        queryset = self.model._default_manager.all()
        if request.user.is_superuser:
            return queryset
        return self._scope(queryset, writable_project_ids(request))

    def project_ids_of(self, obj) -> set:
        ids = set()
        for lookup in self.project_paths:
            if lookup == "pk":
                ids.add(obj.pk)
                continue
            *hops, last = lookup.split("__")
            target = obj
            for hop in hops:
                target = getattr(target, hop, None)
                if target is None:
                    break
            else:
                ids.add(getattr(target, f"{last}_id"))
        return ids

    def _is_global(self, obj) -> bool:
        return self.global_rows and self.project_ids_of(obj) <= {None}

    def has_module_permission(self, request):
        return is_studio_user(request)

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        if not request.user.is_staff:
            return False
        roles = project_roles(request)
        if obj is None:
            return bool(roles)
        return self._is_global(obj) or any(project_id in roles for project_id in self.project_ids_of(obj))

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        if not request.user.is_staff:
            return False
        writable = set(writable_project_ids(request))
        if obj is None:
            return bool(writable)
        return self._is_global(obj) or bool(writable & self.project_ids_of(obj))

    def has_add_permission(self, request, *args):
        return self.has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **writable_choices(self, db_field, request, kwargs))

    def audit_trail_url(self, obj) -> str:
        return f"{reverse('admin:audit_auditlog_changelist')}?entity_id={obj.pk}"

    def studio_buttons(self, request, obj) -> list[dict]:
        """Buttons beside History on a row's page: {"label", "url", "method": "get" or "post"}."""
        return []

    def studio_panels(self, request, obj) -> list[dict]:
        """Read-only sections under the form: {"template", ...context the template reads}."""
        return []

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["audit_trail_url"] = self.audit_trail_url(obj)
            context["studio_buttons"] = self.studio_buttons(request, obj)
            context["studio_panels"] = self.studio_panels(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A service refusing the save (its rules checked under its locks) rolls the whole form back
        # (the admin saves inside one transaction) and the page comes back with the reason.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ApplicationError as error:
            self.message_user(request, f"Nothing was saved: {error.message}", level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ApplicationError as error:
            self.message_user(request, f"Nothing was deleted: {error.message}", level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def object_url(self, name: str, obj, *args) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=[obj.pk, *args])

    def object_path(self, route: str, view, *, name: str):
        """A URL `<pk>/<route>` for a view of one row, behind the admin login, named `<app>_<model>_<name>`."""
        opts = self.model._meta
        return path(
            f"<path:object_id>/{route}",
            self.admin_site.admin_view(view),
            name=f"{opts.app_label}_{opts.model_name}_{name}",
        )

    def get_object_for(self, request, object_id, *, write: bool):
        """The row if the user may see it (404 otherwise, as for a missing row) and, for `write`, change it."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.model._meta.verbose_name} with this id.")
        allowed = self.has_change_permission(request, obj) if write else self.has_view_permission(request, obj)
        if not allowed:
            raise PermissionDenied
        return obj

    def render_page(self, request, template: str, obj, *, title: str, **context):
        """A studio page about `obj` (templates extend admin/studio/page.html)."""
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": obj,
                "title": title,
                "can_change": self.has_change_permission(request, obj),
                **context,
            },
        )

    def redirect_to_change(self, obj):
        return HttpResponseRedirect(self.object_url("change", obj))

    def run_service(self, request, call, *, success: str) -> bool:
        """Call a service; its domain error becomes a message on the page instead of a 500."""
        try:
            call()
        except ApplicationError as error:
            self.message_user(request, str(error), level=messages.ERROR)
            return False
        self.message_user(request, success, level=messages.SUCCESS)
        return True


class ScopedModelAdmin(ProjectScopedMixin, admin.ModelAdmin):
    pass


class ScopedInlineMixin:
    """An inline is as writable as the parent row it sits in (the parent admin decides)."""

    def _parent_admin(self):
        return self.admin_site._registry[self.parent_model]

    def has_view_permission(self, request, obj=None):
        return self._parent_admin().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._parent_admin().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._parent_admin().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._parent_admin().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **writable_choices(self, db_field, request, kwargs))


def thumbnail(url: str, *, height: int = 96, title: str = ""):
    if not url:
        return "-"
    return format_html(
        '<a href="{0}" target="_blank"><img src="{0}" alt="{1}" title="{1}" class="studio-thumb" '
        'style="height:{2}px"></a>',
        url,
        title,
        height,
    )
