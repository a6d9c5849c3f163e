from django.contrib import admin

from webtoon.admin import ScopedInlineMixin, ScopedModelAdmin

from episodes.models import Episode, EpisodeAsset, EpisodeScene, ExportJob


class EpisodeSceneInline(ScopedInlineMixin, admin.TabularInline):
    model = EpisodeScene
    extra = 0
    autocomplete_fields = ["scene"]


class EpisodeAssetInline(ScopedInlineMixin, admin.TabularInline):
    model = EpisodeAsset
    extra = 0


@admin.register(Episode)
class EpisodeAdmin(ScopedModelAdmin):
    project_paths = ("story__project",)
    list_display = ["title", "story", "status", "published_at", "updated_at"]
    list_filter = ["status", "story__project"]
    search_fields = ["title", "story__title"]
    list_select_related = ["story"]
    autocomplete_fields = ["story", "default_image_style"]
    inlines = [EpisodeSceneInline, EpisodeAssetInline]


@admin.register(EpisodeScene)
class EpisodeSceneAdmin(ScopedModelAdmin):
    project_paths = ("episode__story__project",)
    list_display = ["episode", "order_index", "scene"]
    search_fields = ["episode__title", "scene__title"]
    list_select_related = ["episode", "scene__story"]
    autocomplete_fields = ["episode", "scene"]


@admin.register(EpisodeAsset)
class EpisodeAssetAdmin(ScopedModelAdmin):
    project_paths = ("episode__story__project",)
    list_display = ["episode", "asset_type", "asset_id", "created_at"]
    list_filter = ["asset_type"]
    search_fields = ["episode__title", "asset_id"]
    autocomplete_fields = ["episode"]


@admin.register(ExportJob)
class ExportJobAdmin(ScopedModelAdmin):
    project_paths = ("episode__story__project", "scene__story__project")
    list_display = ["export_id", "format", "status", "episode", "scene", "created_at", "finished_at"]
    list_filter = ["status", "format"]
    search_fields = ["export_id", "episode__title", "error"]
    list_select_related = ["episode", "scene"]
    readonly_fields = ["status", "output_url", "output_file", "error", "metadata", "celery_task_id"]
    raw_id_fields = ["episode", "scene"]
