"""The scene studio: artifacts with history, lineage and diffs, edits as new versions, renders, dialogue."""

import difflib
import json

from django import forms
from django.contrib import admin, messages
from django.http import Http404, HttpResponseRedirect

from artifacts.exceptions import InvalidPayload
from artifacts.models import Artifact, ArtifactType
from artifacts.selectors import artifact_history, artifact_latest_list, artifact_lineage
from artifacts.services import artifact_manual_edit
from projects.models import Layer, Scene
from webtoon.admin import ScopedInlineMixin, ScopedModelAdmin, pretty_json


class LayerInline(ScopedInlineMixin, admin.TabularInline):
    model = Layer
    extra = 0


class ArtifactEditForm(forms.Form):
    payload = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100, "class": "vLargeTextField", "spellcheck": "false"}),
        help_text="JSON. Saving creates a new version derived from the one shown; it is checked against the type's schema.",
    )

    def clean_payload(self):
        try:
            return json.loads(self.cleaned_data["payload"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(f"Not valid JSON: {error.msg} (line {error.lineno}, column {error.colno}).")

    def add_payload_errors(self, error: InvalidPayload):
        """The schema's failures, one line per failing path (`panels.0.shot: ...`)."""
        if not error.fields:
            self.add_error("payload", error.message)
        for path, problems in error.fields.items():
            problems = problems if isinstance(problems, list) else [problems]
            self.add_error("payload", f"{path}: {' / '.join(str(problem) for problem in problems)}")


def payload_diff(old: Artifact, new: Artifact) -> list[tuple[str, str]]:
    """A unified diff of two versions' pretty-printed payloads, as (css class, line) rows."""
    lines = difflib.unified_diff(
        pretty_json(old.payload).splitlines(),
        pretty_json(new.payload).splitlines(),
        fromfile=f"v{old.version}",
        tofile=f"v{new.version}",
        lineterm="",
    )
    rows = []
    for line in lines:
        if line.startswith(("+++", "---")):
            css = "hunk"
        elif line.startswith("@@"):
            css = "hunk"
        elif line.startswith("+"):
            css = "add"
        elif line.startswith("-"):
            css = "del"
        else:
            css = ""
        rows.append((css, line))
    return rows


class SceneStudioMixin:
    """Views and panels of a scene's page; the admin class below adds the model's options."""

    def get_urls(self):
        return [
            self.object_path("artifacts/<str:type>/", self.artifact_history_view, name="artifact_history"),
            self.object_path("artifacts/edit/<uuid:artifact_id>/", self.artifact_edit_view, name="artifact_edit"),
            *super().get_urls(),
        ]

    def _scene_artifact(self, scene, artifact_id) -> Artifact:
        artifact = Artifact.objects.filter(scene=scene, pk=artifact_id).first()
        if artifact is None:
            raise Http404("No such artifact in this scene.")
        return artifact

    def artifact_history_view(self, request, object_id, type):
        scene = self.get_object_for(request, object_id, write=False)
        if type not in ArtifactType.values:
            raise Http404("Unknown artifact type.")
        versions = list(artifact_history(scene=scene, type=type))
        by_version = {artifact.version: artifact for artifact in versions}
        diff, diff_pair = None, None
        if versions:
            newest = versions[0]
            older = versions[1] if len(versions) > 1 else newest
            try:
                old = by_version[int(request.GET.get("a", older.version))]
                new = by_version[int(request.GET.get("b", newest.version))]
            except (KeyError, ValueError):
                old, new = older, newest
            diff_pair = (old, new)
            diff = payload_diff(old, new)
        rows = [
            {
                "artifact": artifact,
                "payload": pretty_json(artifact.payload),
                "edit_url": self.object_url("artifact_edit", scene, artifact.pk),
                "parent_label": self._parent_label(artifact),
            }
            for artifact in versions
        ]
        return self.render_page(
            request,
            "admin/projects/scene/artifact_history.html",
            scene,
            title=f"{ArtifactType(type).label}: versions",
            artifact_type=type,
            rows=rows,
            diff=diff,
            diff_pair=diff_pair,
            lineage=artifact_lineage(artifact=versions[0]) if versions else [],
        )

    @staticmethod
    def _parent_label(artifact: Artifact) -> str:
        parent = artifact.parent
        if parent is None:
            return ""
        return f"v{parent.version}" if parent.type == artifact.type else f"{parent.type} v{parent.version}"

    def artifact_edit_view(self, request, object_id, artifact_id):
        scene = self.get_object_for(request, object_id, write=True)
        artifact = self._scene_artifact(scene, artifact_id)
        if request.method == "POST":
            form = ArtifactEditForm(request.POST)
            if form.is_valid():
                try:
                    created = artifact_manual_edit(artifact=artifact, payload=form.cleaned_data["payload"], user=request.user)
                except InvalidPayload as error:
                    form.add_payload_errors(error)
                else:
                    self.message_user(
                        request,
                        f"Saved {created.type} v{created.version} (derived from v{artifact.version}).",
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(self.object_url("artifact_history", scene, created.type))
        else:
            form = ArtifactEditForm(initial={"payload": pretty_json(artifact.payload)})
        return self.render_page(
            request,
            "admin/projects/scene/artifact_edit.html",
            scene,
            title=f"Edit {artifact.type} v{artifact.version} as a new version",
            artifact=artifact,
            form=form,
            history_url=self.object_url("artifact_history", scene, artifact.type),
        )

    def artifact_rows(self, scene) -> list[dict]:
        return [
            {
                "artifact": artifact,
                "payload": pretty_json(artifact.payload),
                "history_url": self.object_url("artifact_history", scene, artifact.type),
                "edit_url": self.object_url("artifact_edit", scene, artifact.pk),
            }
            for artifact in artifact_latest_list(scene=scene)
        ]

    def studio_panels(self, request, obj):
        return [
            {
                "template": "admin/projects/scene/artifacts_panel.html",
                "place": "bottom",
                "rows": self.artifact_rows(obj),
                "can_change": self.has_change_permission(request, obj),
            },
        ]


@admin.register(Scene)
class SceneAdmin(SceneStudioMixin, ScopedModelAdmin):
    project_paths = ("story__project",)
    list_display = ["__str__", "story", "scene_index", "scene_importance", "planning_locked", "updated_at"]
    list_filter = ["scene_importance", "planning_locked", "story__project"]
    search_fields = ["title", "source_text", "story__title"]
    list_select_related = ["story"]
    autocomplete_fields = ["story", "environment", "image_style_override"]
    fields = [
        "story",
        "scene_index",
        "title",
        "source_text",
        "scene_importance",
        "planning_locked",
        "image_style_override",
        "environment",
    ]
    inlines = [LayerInline]

    def get_readonly_fields(self, request, obj=None):
        # The story and position of an existing scene belong to the story's split.
        return ["planning_locked", "story", "scene_index"] if obj else ["planning_locked"]

