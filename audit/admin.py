from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.html import format_html

from audit.models import AuditLog
from webtoon.admin import ProjectScopedMixin, is_studio_user, pretty_json


class TextInputFilter(admin.SimpleListFilter):
    """A filter typed into a box (ids are too many to list), kept in the query string."""

    template = "admin/audit/input_filter.html"

    def lookups(self, request, model_admin):
        # Django shows a filter only when it has choices; the box is the one "choice".
        return [("", "")]

    def choices(self, changelist):
        params = changelist.get_filters_params().items()
        query = [(key, value) for key, values in params if key != self.parameter_name for value in values]
        yield {"query": query, "value": self.value() or "", "parameter_name": self.parameter_name}

    def queryset(self, request, queryset):
        value = (self.value() or "").strip()
        return queryset.filter(**{self.parameter_name: value}) if value else queryset


class EntityFilter(TextInputFilter):
    title = "entity id"
    parameter_name = "entity_id"

    def queryset(self, request, queryset):
        try:
            return super().queryset(request, queryset)
        except ValidationError:
            # A malformed id matches no row rather than failing the page.
            return queryset.none()


class RequestFilter(TextInputFilter):
    title = "request id"
    parameter_name = "request_id"


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by the application and never edited through it.

    Staff editors see the trail of the rows they can see (any scoped admin's rows), superusers all.
    """

    list_display = ["timestamp", "action", "entity_type", "entity", "actor", "request"]
    list_filter = ["action", "entity_type", "actor", EntityFilter, RequestFilter]
    search_fields = ["=entity_id", "=request_id", "actor"]
    date_hierarchy = "timestamp"
    change_form_template = "admin/studio/change_form.html"
    fields = ["timestamp", "action", "entity_type", "entity_id", "actor", "request_id", "old_pretty", "new_pretty"]
    readonly_fields = fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        visible = Q(pk__in=[])
        for model_admin in self.admin_site._registry.values():
            if isinstance(model_admin, ProjectScopedMixin):
                visible |= Q(entity_id__in=model_admin.get_queryset(request).values("pk"))
        return queryset.filter(visible)

    def has_module_permission(self, request):
        return is_studio_user(request)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="entity id", ordering="entity_id")
    def entity(self, entry):
        return format_html('<a href="?entity_id={0}" title="Trail of this row">{0}</a>', entry.entity_id)

    @admin.display(description="request id", ordering="request_id")
    def request(self, entry):
        if not entry.request_id:
            return "-"
        return format_html('<a href="?request_id={0}" title="All this request changed">{0}</a>', entry.request_id)

    @admin.display(description="old value")
    def old_pretty(self, entry):
        return format_html('<div class="studio-json">{}</div>', pretty_json(entry.old_value))

    @admin.display(description="new value")
    def new_pretty(self, entry):
        return format_html('<div class="studio-json">{}</div>', pretty_json(entry.new_value))
