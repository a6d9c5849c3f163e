from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse

from artifacts.exceptions import InvalidPayload
from artifacts.models import Artifact, GraphRun, Image
from artifacts.schemas import validate_payload
from artifacts.services import artifact_manual_edit, artifact_version_create


class ImageInline(admin.TabularInline):
    """Generated files are written by the pipeline (artifacts.services.image_create), not typed in."""

    model = Image
    extra = 0
    fields = ["image_url", "file", "metadata"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ArtifactAdminForm(forms.ModelForm):
    class Meta:
        model = Artifact
        fields = ["scene", "type", "payload"]

    def clean(self):
        cleaned = super().clean()
        type = self.instance.type if self.instance.pk else cleaned.get("type")
        if type and "payload" in cleaned:
            try:
                cleaned["payload"] = validate_payload(type, cleaned["payload"])
            except InvalidPayload as error:
                self.add_error("payload", [f"{path}: {' / '.join(texts)}" for path, texts in error.fields.items()])
        return cleaned


@admin.register(Artifact)
class ArtifactAdmin(admin.ModelAdmin):
    """Artifacts are never edited in place: saving a change writes a new version derived from the one shown."""

    form = ArtifactAdminForm
    list_display = ["type", "version", "scene", "parent", "created_by", "created_at"]
    list_filter = ["type", "created_by"]
    search_fields = ["scene__title", "scene__story__title", "created_by"]
    list_select_related = ["scene__story", "parent"]
    raw_id_fields = ["scene", "parent"]
    inlines = [ImageInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["version", "parent", "created_by", "updated_by"]
        return ["scene", "type", "version", "parent", "created_by", "updated_by"]

    def save_model(self, request, obj, form, change):
        payload = form.cleaned_data["payload"]
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
