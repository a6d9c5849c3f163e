from django import forms
from django.contrib import admin, messages
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from characters.models import (
    Character,
    CharacterReferenceImage,
    CharacterVariant,
    CharacterVariantSuggestion,
    StoryCharacter,
)
from characters.services import (
    character_create,
    character_profile_sheet_create,
    character_reference_image_add,
    character_reference_image_approve,
    character_reference_image_set_primary,
    character_save_to_library,
    character_update,
    character_variant_activate,
    character_variant_set_default,
    variant_suggestion_accept,
    variant_suggestion_dismiss,
)
from projects.models import Story
from webtoon.admin import ScopedInlineMixin, ScopedModelAdmin, thumbnail
from webtoon.exceptions import ApplicationError

# What the character form edits (character_update's own fields); project and code are fixed.
CHARACTER_EDITABLE_FIELDS = (
    "name",
    "display_name",
    "aliases",
    "role",
    "approved",
    "gender",
    "age_range",
    "hair_description",
    "base_outfit",
    "appearance",
    "description",
)


def reference_url(image: CharacterReferenceImage | None) -> str:
    if image is None:
        return ""
    return image.image_file.url if image.image_file else image.image_url


def row_button(label: str, url: str):
    """A button in an inline row: it posts the page's form (and its CSRF token) to `url` instead."""
    return format_html(
        '<button type="submit" class="button studio-row-button" formaction="{}" formmethod="post" formnovalidate>'
        "{}</button>",
        url,
        label,
    )


class CharacterReferenceImageInline(ScopedInlineMixin, admin.TabularInline):
    """Reference images are added through the service (upload or URL); rows are shown, not edited."""

    model = CharacterReferenceImage
    extra = 0
    fields = ["preview", "ref_type", "approved", "is_primary", "row_actions"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "reference images"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="image")
    def preview(self, image):
        return thumbnail(reference_url(image), height=96, title=image.get_ref_type_display())

    @admin.display(description="")
    def row_actions(self, image):
        buttons = []
        if not image.is_primary:
            buttons.append(
                row_button(
                    "Set primary",
                    reverse("admin:characters_character_reference_primary", args=[image.character_id, image.pk]),
                )
            )
        if not image.approved:
            buttons.append(
                row_button(
                    "Approve",
                    reverse("admin:characters_character_reference_approve", args=[image.character_id, image.pk]),
                )
            )
        return format_html_join(" ", "{}", ((button,) for button in buttons)) or "-"


class CharacterVariantInline(ScopedInlineMixin, admin.TabularInline):
    """Variants with their flags; default and activation change through the variant services."""

    model = CharacterVariant
    extra = 0
    fields = ["variant_name", "variant_type", "story", "is_default", "is_active_for_story", "row_actions"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("story", "character")

    @admin.display(description="")
    def row_actions(self, variant):
        buttons = []
        if not variant.is_default:
            url = reverse("admin:characters_character_variant_default", args=[variant.character_id, variant.pk])
            buttons.append(row_button("Set default", url))
        stories = [variant.story] if variant.story_id else list(variant.character.stories.all())
        for story in stories:
            url = reverse(
                "admin:characters_character_variant_activate", args=[variant.character_id, variant.pk, story.pk]
            )
            buttons.append(row_button(f"Activate in “{story}”", url))
        return format_html_join(" ", "{}", ((button,) for button in buttons)) or "-"


class KindFilter(admin.SimpleListFilter):
    """The actor library (global characters) apart from the characters of projects."""

    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [("actor", "Actor library"), ("project", "Project characters")]

    def queryset(self, request, queryset):
        if self.value() == "actor":
            return queryset.filter(project__isnull=True, is_library_saved=True)
        if self.value() == "project":
            return queryset.filter(project__isnull=False)
        return queryset


class ReferenceImageForm(forms.Form):
    image_file = forms.ImageField(required=False, label="Upload")
    image_url = forms.URLField(required=False, label="Or a public image URL", assume_scheme="https")
    ref_type = forms.ChoiceField(choices=CharacterReferenceImage.RefType.choices)
    make_primary = forms.BooleanField(required=False, label="Make it the primary image")


@admin.register(Character)
class CharacterAdmin(ScopedModelAdmin):
    project_paths = ("project",)
    global_rows = True
    list_display = ["portrait", "canonical_code", "name", "project", "role", "gender", "approved", "is_library_saved"]
    list_display_links = ["canonical_code", "name"]
    list_filter = [KindFilter, "role", "gender", "age_range", "approved", "project"]
    search_fields = ["name", "display_name", "canonical_code", "identity_line", "description"]
    autocomplete_fields = ["project"]
    inlines = [CharacterReferenceImageInline, CharacterVariantInline]
    change_list_template = "admin/characters/character/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("project").prefetch_related("reference_images")

    def get_fieldsets(self, request, obj=None):
        identity = ["canonical_code", "identity_line", "source_actor_link"] if obj else []
        return [
            (None, {"fields": ["project", *identity, *CHARACTER_EDITABLE_FIELDS[:5]]}),
            ("Look", {"fields": list(CHARACTER_EDITABLE_FIELDS[5:])}),
        ]

    def get_readonly_fields(self, request, obj=None):
        # The code is assigned once by casting; the identity line is compiled from the look.
        return ["project", "canonical_code", "identity_line", "source_actor_link"] if obj else []

    @admin.display(description="")
    def portrait(self, character):
        primary = next((image for image in character.reference_images.all() if image.is_primary), None)
        return thumbnail(reference_url(primary), height=40)

    @admin.display(description="cast from actor")
    def source_actor_link(self, character):
        if character.source_actor_id is None:
            return "-"
        url = reverse("admin:characters_character_change", args=[character.source_actor_id])
        return format_html('<a href="{}">{}</a>', url, character.source_actor)

    def save_model(self, request, obj, form, change):
        if change:
            data = {name: form.cleaned_data[name] for name in form.changed_data if name in CHARACTER_EDITABLE_FIELDS}
            saved = character_update(character=obj, data=data) if data else obj
        elif obj.project_id is None:
            # A new library actor: it has no project, so no canonical code to hand out.
            obj.is_library_saved = True
            super().save_model(request, obj, form, change)
            return
        else:
            fields = {name: form.cleaned_data[name] for name in CHARACTER_EDITABLE_FIELDS if name in form.cleaned_data}
            fields["aliases"] = fields.get("aliases") or []
            fields["appearance"] = fields.get("appearance") or {}
            saved = character_create(project=obj.project, **fields)
        obj.pk = saved.pk
        obj.refresh_from_db()

    def get_urls(self):
        return [
            self.object_path("library/", self.save_to_library_view, name="library"),
            self.object_path("profile-sheet/", self.profile_sheet_view, name="profile_sheet"),
            self.object_path("reference/add/", self.reference_add_view, name="reference_add"),
            self.object_path(
                "reference/<uuid:image_id>/primary/", self.reference_primary_view, name="reference_primary"
            ),
            self.object_path(
                "reference/<uuid:image_id>/approve/", self.reference_approve_view, name="reference_approve"
            ),
            self.object_path("variant/<uuid:variant_id>/default/", self.variant_default_view, name="variant_default"),
            self.object_path(
                "variant/<uuid:variant_id>/activate/<uuid:story_id>/",
                self.variant_activate_view,
                name="variant_activate",
            ),
            *super().get_urls(),
        ]

    def _post(self, request, object_id, call, *, success: str):
        """Run `call(character)` for a POST by someone who may change the character; back to its page."""
        character = self.get_object_for(request, object_id, write=True)
        if request.method == "POST":
            self.run_service(request, lambda: call(character), success=success)
        return self.redirect_to_change(character)

    def save_to_library_view(self, request, object_id):
        return self._post(
            request,
            object_id,
            lambda character: character_save_to_library(character=character),
            success="Saved to the actor library.",
        )

    def profile_sheet_view(self, request, object_id):
        return self._post(
            request,
            object_id,
            lambda character: character_profile_sheet_create(character=character),
            success="Profile sheet drawn; approve it below when it looks right.",
        )

    @staticmethod
    def _child(model, character, pk):
        row = model.objects.filter(character=character, pk=pk).first()
        if row is None:
            raise Http404(f"No such {model._meta.verbose_name} for this character.")
        return row

    def reference_primary_view(self, request, object_id, image_id):
        return self._post(
            request,
            object_id,
            lambda character: character_reference_image_set_primary(
                reference_image=self._child(CharacterReferenceImage, character, image_id)
            ),
            success="Primary reference image set.",
        )

    def reference_approve_view(self, request, object_id, image_id):
        return self._post(
            request,
            object_id,
            lambda character: character_reference_image_approve(
                reference_image=self._child(CharacterReferenceImage, character, image_id)
            ),
            success="Reference image approved.",
        )

    def variant_default_view(self, request, object_id, variant_id):
        return self._post(
            request,
            object_id,
            lambda character: character_variant_set_default(
                variant=self._child(CharacterVariant, character, variant_id)
            ),
            success="Default variant set.",
        )

    def variant_activate_view(self, request, object_id, variant_id, story_id):
        def activate(character):
            story = Story.objects.filter(pk=story_id, story_characters__character=character).first()
            if story is None:
                raise Http404("The character is not in this story.")
            character_variant_activate(variant=self._child(CharacterVariant, character, variant_id), story=story)

        return self._post(request, object_id, activate, success="Variant activated for the story.")

    def reference_add_view(self, request, object_id):
        character = self.get_object_for(request, object_id, write=True)
        form = ReferenceImageForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                character_reference_image_add(
                    character=character,
                    image_url=form.cleaned_data["image_url"] or "",
                    image_file=form.cleaned_data["image_file"],
                    ref_type=form.cleaned_data["ref_type"],
                    make_primary=form.cleaned_data["make_primary"],
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(request, "Reference image added.", messages.SUCCESS)
                return self.redirect_to_change(character)
        return self.render_page(
            request,
            "admin/characters/character/reference_add.html",
            character,
            title=f"Add a reference image of {character}",
            form=form,
        )

    def studio_buttons(self, request, obj):
        if not self.has_change_permission(request, obj):
            return []
        buttons = [
            {"label": "Add reference image", "url": self.object_url("reference_add", obj), "method": "get"},
            {"label": "Draw profile sheet", "url": self.object_url("profile_sheet", obj), "method": "post"},
        ]
        if obj.project_id is not None:
            buttons.append({"label": "Save to library", "url": self.object_url("library", obj), "method": "post"})
        return buttons


@admin.register(StoryCharacter)
class StoryCharacterAdmin(ScopedModelAdmin):
    project_paths = ("story__project",)
    list_display = ["story", "character", "created_at"]
    search_fields = ["story__title", "character__name", "character__canonical_code"]
    list_select_related = ["story", "character"]
    autocomplete_fields = ["story", "character"]


@admin.register(CharacterVariant)
class CharacterVariantAdmin(ScopedModelAdmin):
    project_paths = ("character__project",)
    global_rows = True
    list_display = ["variant_name", "character", "story", "variant_type", "is_default", "is_active_for_story"]
    list_filter = ["variant_type", "is_default", "is_active_for_story"]
    search_fields = ["variant_name", "character__name", "character__canonical_code"]
    list_select_related = ["character", "story"]
    autocomplete_fields = ["character", "story", "reference_image"]
    # The exactly-one flags change through the character page's buttons (variant services).
    readonly_fields = ["is_default", "is_active_for_story"]


@admin.register(CharacterReferenceImage)
class CharacterReferenceImageAdmin(ScopedModelAdmin):
    project_paths = ("character__project",)
    global_rows = True
    list_display = ["preview", "character", "ref_type", "approved", "is_primary", "created_at"]
    list_filter = ["ref_type", "approved", "is_primary"]
    search_fields = ["character__name", "character__canonical_code", "image_url"]
    list_select_related = ["character"]
    autocomplete_fields = ["character"]
    readonly_fields = ["approved", "is_primary"]

    def has_add_permission(self, request):
        # Added from the character's page, through the service that checks files and URLs.
        return False

    @admin.display(description="image")
    def preview(self, image):
        return thumbnail(reference_url(image), height=40)


@admin.register(CharacterVariantSuggestion)
class CharacterVariantSuggestionAdmin(ScopedModelAdmin):
    project_paths = ("story__project",)
    list_display = ["character", "story", "variant_type", "status", "created_at"]
    list_filter = ["variant_type", "status"]
    search_fields = ["character__name", "story__title", "reason"]
    list_select_related = ["character", "story"]
    autocomplete_fields = ["character", "story"]
    actions = ["accept", "dismiss"]

    def _decide(self, request, queryset, service, verb: str):
        for suggestion in queryset:
            if self.has_change_permission(request, suggestion):
                self.run_service(request, lambda s=suggestion: service(suggestion=s), success=f"{suggestion}: {verb}.")

    @admin.action(description="Accept: create the suggested variants")
    def accept(self, request, queryset):
        self._decide(request, queryset, variant_suggestion_accept, "accepted")

    @admin.action(description="Dismiss the suggestions")
    def dismiss(self, request, queryset):
        self._decide(request, queryset, variant_suggestion_dismiss, "dismissed")
