from django.contrib import admin
from mptt.admin import MPTTModelAdmin

from styles.models import StylePreset


@admin.register(StylePreset)
class StylePresetAdmin(MPTTModelAdmin):
    list_display = ["label", "name", "style_type", "project", "is_system", "is_active", "is_default"]
    list_filter = ["style_type", "is_system", "is_active", "project"]
    search_fields = ["name", "label", "description"]
    autocomplete_fields = ["project"]
