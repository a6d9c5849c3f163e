from django.contrib import admin

from projects.models import DialogueLayer, EnvironmentAnchor, Layer, Project, ProjectMembership, Scene, Story


class ProjectMembershipInline(admin.TabularInline):
    model = ProjectMembership
    extra = 0
    autocomplete_fields = ["user"]


class StoryInline(admin.TabularInline):
    model = Story
    extra = 0
    fields = ["title", "generation_status", "progress_updated_at"]
    readonly_fields = ["generation_status", "progress_updated_at"]
    show_change_link = True


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at", "updated_at"]
    search_fields = ["name", "description"]
    date_hierarchy = "created_at"
    inlines = [ProjectMembershipInline, StoryInline]


@admin.register(ProjectMembership)
class ProjectMembershipAdmin(admin.ModelAdmin):
    list_display = ["project", "user", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["project__name", "user__username", "user__email"]
    autocomplete_fields = ["project", "user"]


class SceneInline(admin.TabularInline):
    model = Scene
    extra = 0
    fields = ["scene_index", "title", "scene_importance", "planning_locked"]
    show_change_link = True


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "language", "generation_status", "progress_updated_at", "updated_at"]
    list_filter = ["generation_status", "language", "project"]
    search_fields = ["title", "source_text", "project__name"]
    readonly_fields = ["generation_status", "generation_error", "progress", "progress_updated_at"]
    autocomplete_fields = ["project", "default_image_style"]
    inlines = [SceneInline]


class DialogueLayerInline(admin.StackedInline):
    model = DialogueLayer
    extra = 0


class LayerInline(admin.TabularInline):
    model = Layer
    extra = 0


@admin.register(Scene)
class SceneAdmin(admin.ModelAdmin):
    list_display = ["__str__", "story", "scene_index", "scene_importance", "planning_locked", "updated_at"]
    list_filter = ["scene_importance", "planning_locked", "story__project"]
    search_fields = ["title", "source_text", "story__title"]
    list_select_related = ["story"]
    autocomplete_fields = ["story", "environment", "image_style_override"]
    inlines = [DialogueLayerInline, LayerInline]


@admin.register(DialogueLayer)
class DialogueLayerAdmin(admin.ModelAdmin):
    list_display = ["scene", "updated_at"]
    search_fields = ["scene__title", "scene__story__title"]
    list_select_related = ["scene__story"]
    autocomplete_fields = ["scene"]


@admin.register(Layer)
class LayerAdmin(admin.ModelAdmin):
    list_display = ["scene", "layer_type", "z_index", "updated_at"]
    list_filter = ["layer_type"]
    search_fields = ["scene__title", "scene__story__title"]
    list_select_related = ["scene__story"]
    autocomplete_fields = ["scene"]


@admin.register(EnvironmentAnchor)
class EnvironmentAnchorAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "anchor_type", "usage_count", "pinned"]
    list_filter = ["anchor_type", "pinned", "project"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["project"]
