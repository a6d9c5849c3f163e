from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from artifacts.exceptions import InvalidPayload
from artifacts.models import Artifact, GraphRun, Image
from artifacts.schemas import validate_payload
from artifacts.services import artifact_manual_edit, artifact_version_create
from webtoon.admin import ScopedInlineMixin, ScopedModelAdmin, thumbnail


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


class ArtifactAdminForm(forms.ModelForm):
    class Meta:
        model = Artifact
        fields = ["scene", "type", "payload"]

    def clean(self):
        cleaned = super().clean()
        type = cleaned.get("type") if self.instance._state.adding else self.instance.type
        if type and "payload" in cleaned:
            try:
                cleaned["payload"] = validate_payload(type, cleaned["payload"])
            except InvalidPayload as error:
                self.add_error("payload", [f"{path}: {' / '.join(texts)}" for path, texts in error.fields.items()])
        return cleaned


@admin.register(Artifact)
class ArtifactAdmin(ScopedModelAdmin):
    """Artifacts are never edited in place: saving a change writes a new version derived from the one shown.

    The scene's page is the editor's usual way in (latest of each type, history, diff, edit); this
    page is the same edit for one version reached from a list or a link.
    """

    project_paths = ("scene__story__project",)
    form = ArtifactAdminForm
    list_display = ["type", "version", "scene", "parent", "created_by", "created_at"]
    list_filter = ["type", "created_by"]
    search_fields = ["scene__title", "scene__story__title", "created_by"]
    list_select_related = ["scene__story", "parent"]
    raw_id_fields = ["scene"]
    inlines = [ImageInline]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["scene", "type", "payload"]
        return ["scene_link", "type", "version", "parent_link", "created_by", "created_at", "history", "payload"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["scene_link", "type", "version", "parent_link", "created_by", "created_at", "history"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        payload = form.cleaned_data["payload"]
        if change and not form.has_changed():
            messages.info(request, "Nothing changed: no new version was written.")
            return
        if change:
            edited = Artifact.objects.get(pk=obj.pk)
            saved = artifact_manual_edit(artifact=edited, payload=payload, user=request.user)
            messages.info(request, f"Saved as a new version, {saved}, derived from v{edited.version}.")
        else:
            saved = artifact_version_create(scene=obj.scene, type=obj.type, payload=payload, actor=request.user)
        # The admin goes on with `obj` (the log entry, the redirect): from here on it is the new version.
        obj.__dict__.update(saved.__dict__)

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        if "_continue" in request.POST:
            # Django sends "save and continue" back to the page it came from: the edited, older version.
            return HttpResponseRedirect(reverse("admin:artifacts_artifact_change", args=[obj.pk]))
        return response

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

    @admin.display(description="versions")
    def history(self, artifact):
        url = reverse("admin:projects_scene_artifact_history", args=[artifact.scene_id, artifact.type])
        return format_html('<a href="{}">all versions, lineage and diff</a>', url)


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
