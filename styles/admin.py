from django import forms
from django.contrib import admin, messages
from mptt.admin import MPTTModelAdmin

from styles.models import StylePreset
from styles.selectors import style_preset_can_edit
from styles.services import (
    style_preset_create,
    style_preset_delete,
    style_preset_parent_check,
    style_preset_update,
)
from webtoon.exceptions import ApplicationError

_CREATE_FIELDS = (
    "style_type",
    "name",
    "label",
    "project",
    "parent",
    "description",
    "style_config",
    "is_system",
    "is_default",
    "is_active",
)


class StylePresetForm(forms.ModelForm):
    class Meta:
        model = StylePreset
        fields = list(_CREATE_FIELDS)

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        # On a change page style_type and project are read-only, so they come from the instance.
        style_type = cleaned.get("style_type", self.instance.style_type)
        project = cleaned.get("project", self.instance.project)
        if parent is not None and style_type:
            try:
                style_preset_parent_check(
                    parent=parent,
                    style_type=style_type,
                    project_id=getattr(project, "pk", None),
                    preset=None if self.instance._state.adding else self.instance,
                )
            except ApplicationError as error:
                self.add_error("parent", error.message)
        return cleaned


@admin.register(StylePreset)
class StylePresetAdmin(MPTTModelAdmin):
    """Tree writes go through styles.services (root-row locks keep mptt's lft/rght intact)."""

    form = StylePresetForm
    list_display = ["label", "name", "style_type", "project", "is_system", "is_active", "is_default"]
    list_filter = ["style_type", "is_system", "is_active", "project"]
    search_fields = ["name", "label", "description"]
    autocomplete_fields = ["project"]
    actions = ["delete_leaves"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        # The stock bulk delete bypasses the tree lock; `delete_leaves` replaces it.
        actions.pop("delete_selected", None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        # The style type, scope and system flag of an existing preset are fixed; only its parent moves.
        return ["style_type", "project", "is_system"] if obj is not None else []

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or style_preset_can_edit(user=request.user, preset=obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or style_preset_can_edit(user=request.user, preset=obj))

    def save_model(self, request, obj, form, change):
        if change:
            data = {field: form.cleaned_data[field] for field in form.changed_data}
            saved = style_preset_update(preset=StylePreset.objects.get(pk=obj.pk), data=data)
        else:
            saved = style_preset_create(**{field: form.cleaned_data.get(field) for field in _CREATE_FIELDS})
        obj.pk, obj._state.adding = saved.pk, False

    def delete_model(self, request, obj):
        style_preset_delete(preset=obj)

    @admin.action(description="Delete the selected presets that have no children")
    def delete_leaves(self, request, queryset):
        for preset in queryset.order_by("-level"):
            if not style_preset_can_edit(user=request.user, preset=preset):
                continue
            try:
                style_preset_delete(preset=preset)
            except ApplicationError as error:
                self.message_user(request, error.message, messages.WARNING)
