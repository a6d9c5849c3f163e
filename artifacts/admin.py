from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from artifacts.models import Artifact, GraphRun, Image
from webtoon.admin import ScopedInlineMixin, ScopedModelAdmin, pretty_json, thumbnail


def image_url(image: Image) -> str:
    return image.image_url or (image.file.url if image.file else "")


class ReadOnlyMixin:
    """Rows written only by the pipeline and services: artifacts change by new versions, never in place."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ImageInline(ReadOnlyMixin, ScopedInlineMixin, admin.TabularInline):
    model = Image
    extra = 0
    fields = ["preview", "image_url", "metadata"]
    readonly_fields = fields

    @admin.display(description="image")
    def preview(self, image):
        return thumbnail(image_url(image), height=80)


@admin.register(Artifact)
class ArtifactAdmin(ReadOnlyMixin, ScopedModelAdmin):
    project_paths = ("scene__story__project",)
    list_display = ["type", "version", "scene", "parent", "created_by", "created_at"]
    list_filter = ["type", "created_by"]
    search_fields = ["scene__title", "scene__story__title", "created_by"]
    list_select_related = ["scene__story", "parent"]
    fields = ["scene_link", "type", "version", "parent_link", "created_by", "created_at", "payload_pretty"]
    readonly_fields = fields
    inlines = [ImageInline]

    @admin.display(description="scene")
    def scene_link(self, artifact):
        url = reverse("admin:projects_scene_change", args=[artifact.scene_id])
        return format_html('<a href="{}">{}</a>', url, artifact.scene)

    @admin.display(description="derived from")
    def parent_link(self, artifact):
        if artifact.parent_id is None:
            return "-"
        url = reverse("admin:artifacts_artifact_change", args=[artifact.parent_id])
        return format_html('<a href="{}">{}</a>', url, artifact.parent)

    @admin.display(description="payload")
    def payload_pretty(self, artifact):
        return format_html('<div class="studio-json">{}</div>', pretty_json(artifact.payload))


@admin.register(Image)
class ImageAdmin(ReadOnlyMixin, ScopedModelAdmin):
    project_paths = ("artifact__scene__story__project",)
    list_display = ["preview", "image_id", "artifact", "created_at"]
    search_fields = ["image_url"]
    list_select_related = ["artifact"]
    fields = ["preview_large", "artifact", "image_url", "file", "metadata", "created_at"]
    readonly_fields = fields

    @admin.display(description="image")
    def preview(self, image):
        return thumbnail(image_url(image), height=48)

    @admin.display(description="image")
    def preview_large(self, image):
        return thumbnail(image_url(image), height=320)


@admin.register(GraphRun)
class GraphRunAdmin(ReadOnlyMixin, ScopedModelAdmin):
    project_paths = ("story__project", "scene__story__project")
    list_display = ["graph", "status", "story", "scene", "current_node", "created_at", "finished_at"]
    list_filter = ["graph", "status", "provider"]
    search_fields = ["run_id", "celery_task_id", "story__title", "request_id"]
    list_select_related = ["story", "scene"]
