from django.contrib import admin, messages

from artifacts.models import Artifact, GraphRun, Image


class ImageInline(admin.TabularInline):
    model = Image
    extra = 0
    fields = ["image_url", "file", "metadata"]


@admin.register(Artifact)
class ArtifactAdmin(admin.ModelAdmin):
    list_display = ["type", "version", "scene", "parent", "created_by", "created_at"]
    list_filter = ["type", "created_by"]
    search_fields = ["scene__title", "scene__story__title", "created_by"]
    list_select_related = ["scene__story", "parent"]
    raw_id_fields = ["scene", "parent"]
    inlines = [ImageInline]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["image_id", "artifact", "image_url", "created_at"]
    search_fields = ["image_url"]
    list_select_related = ["artifact"]
    raw_id_fields = ["artifact"]


@admin.register(GraphRun)
class GraphRunAdmin(admin.ModelAdmin):
    list_display = ["graph", "status", "story", "scene", "current_node", "created_at", "finished_at"]
    list_filter = ["graph", "status", "provider"]
    search_fields = ["run_id", "celery_task_id", "story__title", "request_id"]
    list_select_related = ["story", "scene"]
    raw_id_fields = ["story", "scene"]
    actions = ["cancel_runs", "retry_runs"]

    @admin.action(description="Cancel the selected runs")
    def cancel_runs(self, request, queryset):
        from projects.services import graph_run_cancel

        for run in queryset:
            graph_run_cancel(run=run)
        self.message_user(request, f"Cancelled {queryset.count()} run(s) (finished ones are left as they were).")

    @admin.action(description="Retry the selected runs (a new run each, resuming from what exists)")
    def retry_runs(self, request, queryset):
        from projects.services import graph_run_retry
        from webtoon.exceptions import ApplicationError

        for run in queryset:
            try:
                graph_run_retry(run=run, actor=request.user)
            except ApplicationError as error:
                self.message_user(request, f"{run}: {error.message}", level=messages.WARNING)
