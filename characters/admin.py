from django import forms
from django.contrib import admin, messages

from characters.models import (
    Character,
    CharacterReferenceImage,
    CharacterVariant,
    CharacterVariantSuggestion,
    StoryCharacter,
)
from characters.services import (
    actor_create,
    character_create,
    character_profile_sheet_create,
    character_reference_image_add,
    character_reference_image_approve,
    character_reference_image_set_primary,
    character_save_to_library,
    character_update,
    character_variant_activate,
    character_variant_create,
    character_variant_set_default,
    character_variant_update,
    variant_suggestion_accept,
    variant_suggestion_dismiss,
)
from characters.url_safety import reference_url_validate
from webtoon.exceptions import ApplicationError

# Characters, variants and references change through characters.services (codes, the identity
# line and the exactly-one flags live there), so the inlines only show rows and link to them.


class CharacterVariantInline(admin.TabularInline):
    model = CharacterVariant
    extra = 0
    fields = ["variant_name", "variant_type", "story", "is_default", "is_active_for_story"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CharacterReferenceImageInline(admin.TabularInline):
    model = CharacterReferenceImage
    extra = 0
    fields = ["ref_type", "image_url", "image_file", "approved", "is_primary"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _run(modeladmin, request, queryset, service, done: str) -> None:
    """Apply a one-row service to each selected row; domain errors become messages, not 500s."""
    count = 0
    for row in queryset:
        try:
            service(row)
            count += 1
        except ApplicationError as error:
            modeladmin.message_user(request, f"{row}: {error.message}", messages.WARNING)
    if count:
        modeladmin.message_user(request, f"{done}: {count}.", messages.SUCCESS)


_CHARACTER_FIELDS = (
    "name",
    "display_name",
    "aliases",
    "description",
    "role",
    "gender",
    "age_range",
    "appearance",
    "hair_description",
    "base_outfit",
    "approved",
)


@admin.register(Character)
class CharacterAdmin(admin.ModelAdmin):
    list_display = ["canonical_code", "name", "project", "role", "gender", "age_range", "approved", "is_library_saved"]
    list_display_links = ["canonical_code", "name"]
    list_filter = ["role", "gender", "age_range", "approved", "is_library_saved", "project"]
    search_fields = ["name", "display_name", "canonical_code", "identity_line"]
    readonly_fields = ["canonical_code", "identity_line", "is_library_saved", "source_actor"]
    autocomplete_fields = ["project"]
    inlines = [CharacterReferenceImageInline, CharacterVariantInline]
    actions = ["save_to_library", "render_profile_sheet"]

    def get_readonly_fields(self, request, obj=None):
        # A character never changes project: its code belongs to the project's sequence.
        return [*self.readonly_fields, "project"] if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            data = {field: form.cleaned_data[field] for field in form.changed_data if field in _CHARACTER_FIELDS}
            saved = character_update(character=obj, data=data)
        else:
            look = {field: form.cleaned_data[field] for field in _CHARACTER_FIELDS if field in form.cleaned_data}
            project = form.cleaned_data.get("project")
            saved = character_create(project=project, **look) if project else actor_create(**look)
        obj.pk, obj._state.adding = saved.pk, False

    @admin.action(description="Save to the actor library")
    def save_to_library(self, request, queryset):
        _run(self, request, queryset, lambda row: character_save_to_library(character=row), "Saved to the library")

    @admin.action(description="Render a profile sheet (pending approval)")
    def render_profile_sheet(self, request, queryset):
        _run(self, request, queryset, lambda row: character_profile_sheet_create(character=row), "Sheets rendered")


@admin.register(StoryCharacter)
class StoryCharacterAdmin(admin.ModelAdmin):
    list_display = ["story", "character", "created_at"]
    search_fields = ["story__title", "character__name", "character__canonical_code"]
    list_select_related = ["story", "character"]
    autocomplete_fields = ["story", "character"]


@admin.register(CharacterVariant)
class CharacterVariantAdmin(admin.ModelAdmin):
    list_display = ["variant_name", "character", "story", "variant_type", "is_default", "is_active_for_story"]
    list_filter = ["variant_type", "is_default", "is_active_for_story"]
    search_fields = ["variant_name", "character__name", "character__canonical_code"]
    list_select_related = ["character", "story"]
    autocomplete_fields = ["character", "story", "reference_image"]
    readonly_fields = ["is_default", "is_active_for_story", "generated_image_ids"]
    actions = ["make_default", "activate_in_its_story"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "character", "story"] if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        editable = ("variant_name", "variant_type", "traits", "override_attributes", "reference_image")
        if change:
            data = {field: form.cleaned_data[field] for field in form.changed_data if field in editable}
            saved = character_variant_update(variant=obj, data=data)
        else:
            values = {field: form.cleaned_data.get(field) for field in editable}
            saved = character_variant_create(
                character=form.cleaned_data["character"], story=form.cleaned_data.get("story"), **values
            )
        obj.pk, obj._state.adding = saved.pk, False

    @admin.action(description="Make the default variant of its character")
    def make_default(self, request, queryset):
        _run(self, request, queryset, lambda row: character_variant_set_default(variant=row), "Defaults set")

    @admin.action(description="Activate in its own story")
    def activate_in_its_story(self, request, queryset):
        def activate(row):
            if row.story is None:
                raise ApplicationError("a global variant is activated from a story, not here")
            character_variant_activate(variant=row, story=row.story)

        _run(self, request, queryset, activate, "Activated")


class CharacterReferenceImageForm(forms.ModelForm):
    class Meta:
        model = CharacterReferenceImage
        fields = ["character", "ref_type", "image_url", "image_file", "approved", "metadata"]

    def clean_image_url(self):
        url = self.cleaned_data.get("image_url", "")
        if url and self.instance._state.adding:
            try:
                return reference_url_validate(url)
            except ApplicationError as error:
                raise forms.ValidationError(error.message) from error
        return url


@admin.register(CharacterReferenceImage)
class CharacterReferenceImageAdmin(admin.ModelAdmin):
    form = CharacterReferenceImageForm
    list_display = ["character", "ref_type", "approved", "is_primary", "created_at"]
    list_filter = ["ref_type", "approved", "is_primary"]
    search_fields = ["character__name", "character__canonical_code", "image_url"]
    list_select_related = ["character"]
    autocomplete_fields = ["character"]
    readonly_fields = ["is_primary"]
    actions = ["approve", "make_primary"]

    def get_readonly_fields(self, request, obj=None):
        # The picture itself is fixed once stored; add a new reference to change it.
        fixed = ["character", "image_url", "image_file"]
        return [*self.readonly_fields, *fixed] if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=[*form.changed_data, "updated_at"])
            return
        saved = character_reference_image_add(
            character=form.cleaned_data["character"],
            image_url=form.cleaned_data.get("image_url") or "",
            image_file=form.cleaned_data.get("image_file") or None,
            ref_type=form.cleaned_data["ref_type"],
            approved=form.cleaned_data.get("approved", False),
            metadata=form.cleaned_data.get("metadata") or {},
        )
        obj.pk, obj._state.adding = saved.pk, False

    @admin.action(description="Approve")
    def approve(self, request, queryset):
        _run(self, request, queryset, lambda row: character_reference_image_approve(reference_image=row), "Approved")

    @admin.action(description="Make the primary reference of its character")
    def make_primary(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda row: character_reference_image_set_primary(reference_image=row),
            "Primary set",
        )


@admin.register(CharacterVariantSuggestion)
class CharacterVariantSuggestionAdmin(admin.ModelAdmin):
    list_display = ["character", "story", "variant_type", "status", "created_at"]
    list_filter = ["variant_type", "status"]
    search_fields = ["character__name", "story__title", "reason"]
    list_select_related = ["character", "story"]
    autocomplete_fields = ["character", "story"]
    readonly_fields = ["status"]
    actions = ["accept", "dismiss"]

    @admin.action(description="Accept (creates the story variant)")
    def accept(self, request, queryset):
        _run(self, request, queryset, lambda row: variant_suggestion_accept(suggestion=row), "Accepted")

    @admin.action(description="Dismiss")
    def dismiss(self, request, queryset):
        _run(self, request, queryset, lambda row: variant_suggestion_dismiss(suggestion=row), "Dismissed")
