from django import http
from django.contrib import admin, messages
from django.utils.html import format_html
from mptt.admin import DraggableMPTTAdmin

from styles.models import StylePreset
from styles.selectors import effective_config
from styles.services import style_preset_create, style_preset_move, style_preset_update
from webtoon.admin import ProjectScopedMixin, pretty_json
from webtoon.exceptions import ApplicationError

# Fields the tree services change on an existing preset; the others are fixed once it exists.
EDITABLE_ON_CHANGE = ["label", "description", "style_config", "is_active", "name", "parent"]


@admin.register(StylePreset)
class StylePresetAdmin(ProjectScopedMixin, DraggableMPTTAdmin):
    """The inheritance tree: drag a preset onto another to re-parent it (through `style_preset_move`)."""

    project_paths = ("project",)
    global_rows = True
    list_display = [
        "tree_actions",
        "indented_title",
        "name",
        "style_type",
        "project",
        "is_system",
        "is_active",
        "is_default",
    ]
    list_display_links = ["indented_title"]
    list_filter = ["style_type", "is_system", "is_active", "project"]
    search_fields = ["name", "label", "description"]
    autocomplete_fields = ["project"]
    expand_tree_by_default = True
    readonly_fields = ["effective"]

    def get_fieldsets(self, request, obj=None):
        fixed = ["style_type", "project", "is_system", "is_default"]
        return [
            (None, {"fields": ["label", "name", "parent", *fixed, "is_active", "description"]}),
            ("Configuration", {"fields": [("style_config", "effective")]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["style_type", "project", "is_system", "is_default"] if obj else []
        return ["effective", *fixed]

    @admin.display(description="effective config (inherited, merged)")
    def effective(self, preset):
        if not preset.pk:
            return "-"
        return format_html('<div class="studio-json">{}</div>', pretty_json(effective_config(preset)))

    def save_model(self, request, obj, form, change):
        if change:
            data = {name: form.cleaned_data[name] for name in form.changed_data if name in EDITABLE_ON_CHANGE}
            saved = style_preset_update(preset=StylePreset.objects.get(pk=obj.pk), data=data)
        else:
            fields = ["style_type", "name", "label", "project", "parent", "description", "style_config"]
            flags = ["is_system", "is_default", "is_active"]
            saved = style_preset_create(**{name: form.cleaned_data.get(name) for name in fields + flags})
        obj.pk = saved.pk
        obj.refresh_from_db()

    def _move_node(self, request):
        """mptt's drag and drop, put through the tree service (root locks, same style_type, no cycle)."""
        queryset = self.get_queryset(request)
        try:
            preset = queryset.get(pk=request.POST.get("cut_item"))
            target = queryset.get(pk=request.POST.get("pasted_on"))
        except (StylePreset.DoesNotExist, TypeError, ValueError):
            self.message_user(request, "The presets have disappeared, try again.", level=messages.ERROR)
            return http.HttpResponse("FAIL, invalid objects.")
        position = request.POST.get("position")
        if position not in ("last-child", "left", "right"):
            self.message_user(request, "Did not understand the move.", level=messages.ERROR)
            return http.HttpResponse("FAIL, unknown instruction.")
        if not self.has_change_permission(request, preset):
            self.message_user(request, "You may not move this preset.", level=messages.ERROR)
            return http.HttpResponse("FAIL, no permission.")
        # Siblings are kept in name order, so dropping beside a preset means "under its parent".
        parent = target if position == "last-child" else target.parent
        try:
            style_preset_move(preset=preset, parent=parent)
        except ApplicationError as error:
            self.message_user(request, str(error), level=messages.ERROR)
            return http.HttpResponse("FAIL, invalid move.")
        self.message_user(request, f"'{preset}' now inherits from {parent or 'nothing (a root)'}.")
        return http.HttpResponse("OK, moved.")
