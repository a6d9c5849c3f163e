from django.contrib import admin

from characters.models import (
    Character,
    CharacterReferenceImage,
    CharacterVariant,
    CharacterVariantSuggestion,
    StoryCharacter,
)
from webtoon.admin import ScopedInlineMixin, ScopedModelAdmin


class CharacterVariantInline(ScopedInlineMixin, admin.TabularInline):
    model = CharacterVariant
    extra = 0
    fields = ["variant_name", "variant_type", "story", "is_default", "is_active_for_story"]
    autocomplete_fields = ["story"]


class CharacterReferenceImageInline(ScopedInlineMixin, admin.TabularInline):
    model = CharacterReferenceImage
    extra = 0
    fields = ["ref_type", "image_url", "image_file", "approved", "is_primary"]


@admin.register(Character)
class CharacterAdmin(ScopedModelAdmin):
    project_paths = ("project",)
    global_rows = True
    list_display = ["canonical_code", "name", "project", "role", "gender", "age_range", "approved", "is_library_saved"]
    list_display_links = ["canonical_code", "name"]
    list_filter = ["role", "gender", "age_range", "approved", "is_library_saved", "project"]
    search_fields = ["name", "display_name", "canonical_code", "identity_line"]
    readonly_fields = ["canonical_code", "identity_line"]
    autocomplete_fields = ["project", "source_actor"]
    inlines = [CharacterReferenceImageInline, CharacterVariantInline]


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


@admin.register(CharacterReferenceImage)
class CharacterReferenceImageAdmin(ScopedModelAdmin):
    project_paths = ("character__project",)
    global_rows = True
    list_display = ["character", "ref_type", "approved", "is_primary", "created_at"]
    list_filter = ["ref_type", "approved", "is_primary"]
    search_fields = ["character__name", "character__canonical_code", "image_url"]
    list_select_related = ["character"]
    autocomplete_fields = ["character"]


@admin.register(CharacterVariantSuggestion)
class CharacterVariantSuggestionAdmin(ScopedModelAdmin):
    project_paths = ("story__project",)
    list_display = ["character", "story", "variant_type", "status", "created_at"]
    list_filter = ["variant_type", "status"]
    search_fields = ["character__name", "story__title", "reason"]
    list_select_related = ["character", "story"]
    autocomplete_fields = ["character", "story"]
