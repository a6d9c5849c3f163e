from django.contrib import admin, messages
from django.utils.html import format_html

from episodes.models import Episode, EpisodeAsset, EpisodeScene, ExportJob
from episodes.services import export_retry, export_start
from webtoon.exceptions import ApplicationError


class EpisodeSceneInline(admin.TabularInline):
    model = EpisodeScene
    extra = 0
    autocomplete_fields = ["scene"]


class EpisodeAssetInline(admin.TabularInline):
    model = EpisodeAsset
    extra = 0


@admin.register(Episode)
class EpisodeAdmin(admin.ModelAdmin):
    list_display = ["title", "story", "status", "published_at", "updated_at"]
    list_filter = ["status", "story__project"]
    search_fields = ["title", "story__title"]
    list_select_related = ["story"]
    autocomplete_fields = ["story", "default_image_style"]
    inlines = [EpisodeSceneInline, EpisodeAssetInline]
    actions = ["export_webtoon", "export_pdf", "export_cbz", "export_video"]

    def _export(self, request, queryset, format):
        for episode in queryset:
            try:
                job = export_start(episode=episode, format=format, user=request.user)
            except ApplicationError as error:
                self.message_user(request, f"{episode}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, f"{episode}: {job.get_format_display()} export {job.pk} queued.")

    @admin.action(description="Export as webtoon slices (zip)")
    def export_webtoon(self, request, queryset):
        self._export(request, queryset, ExportJob.Format.WEBTOON)

    @admin.action(description="Export as PDF")
    def export_pdf(self, request, queryset):
        self._export(request, queryset, ExportJob.Format.PDF)

    @admin.action(description="Export as comic book (cbz)")
    def export_cbz(self, request, queryset):
        self._export(request, queryset, ExportJob.Format.CBZ)

    @admin.action(description="Export as scrolling video (mp4)")
    def export_video(self, request, queryset):
        self._export(request, queryset, ExportJob.Format.VIDEO)


@admin.register(EpisodeScene)
class EpisodeSceneAdmin(admin.ModelAdmin):
    list_display = ["episode", "order_index", "scene"]
    search_fields = ["episode__title", "scene__title"]
    list_select_related = ["episode", "scene__story"]
    autocomplete_fields = ["episode", "scene"]


@admin.register(EpisodeAsset)
class EpisodeAssetAdmin(admin.ModelAdmin):
    list_display = ["episode", "asset_type", "asset_id", "created_at"]
    list_filter = ["asset_type"]
    search_fields = ["episode__title", "asset_id"]
    autocomplete_fields = ["episode"]


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["export_id", "format", "status", "episode", "scene", "download", "created_at", "finished_at"]
    list_filter = ["status", "format"]
    search_fields = ["export_id", "episode__title", "error"]
    list_select_related = ["episode", "scene"]
    readonly_fields = ["status", "download", "output_url", "output_file", "error", "metadata", "celery_task_id"]
    raw_id_fields = ["episode", "scene"]
    actions = ["retry"]

    @admin.display(description="File")
    def download(self, job):
        if job.status != ExportJob.Status.COMPLETED or not job.output_file:
            return "-"
        return format_html('<a href="{}" download>Download</a>', job.output_file.url)

    @admin.action(description="Retry the selected failed exports")
    def retry(self, request, queryset):
        for job in queryset:
            try:
                export_retry(job=job)
            except ApplicationError as error:
                self.message_user(request, f"{job}: {error.message}", messages.WARNING)
            else:
                self.message_user(request, f"{job} queued again.")
