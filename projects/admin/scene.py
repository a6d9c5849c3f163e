"""The scene studio: artifacts with history, lineage and diffs, edits as new versions, renders, dialogue."""

import difflib
import io
import json

from django import forms
from django.contrib import admin, messages
from django.http import Http404, HttpResponse, HttpResponseRedirect

from artifacts.admin import image_url
from artifacts.exceptions import InvalidPayload
from artifacts.models import Artifact, ArtifactType, GraphRun
from artifacts.selectors import artifact_history, artifact_latest_by_type, artifact_latest_list, artifact_lineage
from artifacts.services import artifact_manual_edit
from episodes.lettering import letter_image
from episodes.models import ExportJob
from episodes.selectors import export_sources
from projects.models import DialogueLayer, Layer, Scene
from projects.services import dialogue_layer_update, scene_run_start
from webtoon.admin import ScopedInlineMixin, ScopedModelAdmin, pretty_json
from webtoon.exceptions import ApplicationError
from webtoon.request_id import current_request_id


class LayerInline(ScopedInlineMixin, admin.TabularInline):
    model = Layer
    extra = 0


class ArtifactEditForm(forms.Form):
    payload = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100, "class": "vLargeTextField", "spellcheck": "false"}),
        help_text="JSON. Saving creates a new version derived from the one shown, checked against the type's schema.",
    )

    def clean_payload(self):
        try:
            return json.loads(self.cleaned_data["payload"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                f"Not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
            ) from None

    def add_payload_errors(self, error: InvalidPayload):
        """The schema's failures, one line per failing path (`panels.0.shot: ...`)."""
        if not error.fields:
            self.add_error("payload", error.message)
        for path, problems in error.fields.items():
            problems = problems if isinstance(problems, list) else [problems]
            self.add_error("payload", f"{path}: {' / '.join(str(problem) for problem in problems)}")


class BubbleForm(forms.Form):
    """One bubble of DialogueLayer.bubbles (docs/contracts.md); the schema checks it again on save."""

    bubble_id = forms.CharField(widget=forms.HiddenInput, required=False)
    panel_index = forms.IntegerField(min_value=0, initial=0, widget=forms.NumberInput(attrs={"style": "width:4em"}))
    type = forms.ChoiceField(choices=[(kind, kind) for kind in ("speech", "thought", "narration", "sfx")])
    speaker = forms.CharField(required=False, max_length=16, widget=forms.TextInput(attrs={"size": 10}))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "cols": 48}))
    x = forms.FloatField(
        min_value=0, max_value=1, initial=0.5, widget=forms.NumberInput(attrs={"step": "0.01", "style": "width:5em"})
    )
    y = forms.FloatField(
        min_value=0, max_value=1, initial=0.2, widget=forms.NumberInput(attrs={"step": "0.01", "style": "width:5em"})
    )

    def bubble(self, position: int) -> dict:
        data = self.cleaned_data
        bubble = {
            "bubble_id": data["bubble_id"] or f"b{position + 1}",
            "panel_index": data["panel_index"],
            "type": data["type"],
            "speaker": data["speaker"] or None,
            "text": data["text"],
            "x": data["x"],
            "y": data["y"],
        }
        # Tails are kept as they were: the rows edit the bubble, not where its tail points.
        bubble.update({key: value for key, value in self.initial.items() if key in ("tail_x", "tail_y")})
        return bubble


BubbleFormSet = forms.formset_factory(BubbleForm, extra=1, can_delete=True)


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
        if line.startswith(("+++", "---")) or line.startswith("@@"):
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
            self.object_path("plan/", self.plan_view, name="plan"),
            self.object_path("render/", self.render_view, name="render"),
            self.object_path("lock/", self.lock_view, name="lock"),
            self.object_path("dialogue/", self.dialogue_view, name="dialogue"),
            self.object_path("lettered.png", self.lettered_view, name="lettered"),
            self.object_path("artifacts/<str:type>/", self.artifact_history_view, name="artifact_history"),
            self.object_path("artifacts/edit/<uuid:artifact_id>/", self.artifact_edit_view, name="artifact_edit"),
            *super().get_urls(),
        ]

    def _start_run(self, request, object_id, graph: str, label: str):
        scene = self.get_object_for(request, object_id, write=True)
        if request.method == "POST":
            self.run_service(
                request,
                lambda: scene_run_start(scene=scene, graph=graph, actor=request.user, request_id=current_request_id()),
                success=f"{label} of “{scene}” started.",
            )
        return self.redirect_to_change(scene)

    def plan_view(self, request, object_id):
        return self._start_run(request, object_id, GraphRun.Graph.SCENE_PLANNING, "Planning")

    def render_view(self, request, object_id):
        return self._start_run(request, object_id, GraphRun.Graph.SCENE_RENDER, "Rendering")

    def lock_view(self, request, object_id):
        scene = self.get_object_for(request, object_id, write=True)
        if request.method == "POST":
            scene.planning_locked = not scene.planning_locked
            scene.save(update_fields=["planning_locked", "updated_at"])
            state = "locked: re-planning keeps its artifacts" if scene.planning_locked else "unlocked"
            self.message_user(request, f"Planning {state}.", messages.SUCCESS)
        return self.redirect_to_change(scene)

    def dialogue_view(self, request, object_id):
        scene = self.get_object_for(request, object_id, write=request.method == "POST")
        layer = DialogueLayer.objects.filter(scene=scene).first()
        current = layer.bubbles if layer else []
        formset = BubbleFormSet(request.POST or None, initial=current, prefix="bubbles")
        error = None
        if request.method == "POST" and formset.is_valid():
            kept = [form for form in formset.forms if form.has_changed() or form.initial]
            bubbles = [
                form.bubble(position)
                for position, form in enumerate(kept)
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            try:
                dialogue_layer_update(scene=scene, bubbles=bubbles)
            except InvalidPayload as invalid:
                error = invalid
            else:
                self.message_user(request, f"Saved {len(bubbles)} bubbles.", messages.SUCCESS)
                return HttpResponseRedirect(self.object_url("dialogue", scene))
        return self.render_page(
            request,
            "admin/projects/scene/dialogue.html",
            scene,
            title="Dialogue bubbles",
            formset=formset,
            error=error,
            lettered_url=self.object_url("lettered", scene) if self._render_result(scene) else "",
        )

    def lettered_view(self, request, object_id):
        """The latest render with the current bubbles lettered on it (nothing is stored)."""
        scene = self.get_object_for(request, object_id, write=False)
        try:
            (source,) = export_sources(job=ExportJob(scene=scene, format=ExportJob.Format.PREVIEW))
        except ApplicationError as error:
            raise Http404(str(error)) from None
        picture = source.open()
        letter_image(picture, source.bubbles, source.panels)
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG")
        return HttpResponse(buffer.getvalue(), content_type="image/png")

    @staticmethod
    def _render_result(scene) -> Artifact | None:
        return artifact_latest_by_type(scene=scene).get(ArtifactType.RENDER_RESULT)

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
                    created = artifact_manual_edit(
                        artifact=artifact, payload=form.cleaned_data["payload"], user=request.user
                    )
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

    def studio_buttons(self, request, obj):
        if not self.has_change_permission(request, obj):
            return [{"label": "Dialogue", "url": self.object_url("dialogue", obj), "method": "get"}]
        return [
            {"label": "Plan", "url": self.object_url("plan", obj), "method": "post"},
            {"label": "Render", "url": self.object_url("render", obj), "method": "post"},
            {
                "label": "Unlock planning" if obj.planning_locked else "Lock planning",
                "url": self.object_url("lock", obj),
                "method": "post",
            },
            {"label": "Dialogue", "url": self.object_url("dialogue", obj), "method": "get"},
        ]

    def render_panel(self, scene) -> dict:
        """The latest render: the composed scene, its panels (Image rows), and the lettered preview."""
        render = self._render_result(scene)
        panel = {"template": "admin/projects/scene/render_panel.html", "render": render}
        if render is None:
            return panel
        images = {str(image.pk): image for image in render.images.all()}
        scene_image = images.get(str((render.payload.get("scene_image") or {}).get("image_id")))
        panel["scene_image_url"] = image_url(scene_image) if scene_image else ""
        panel["panels"] = [
            {"index": item.get("panel_index"), "url": image_url(images[str(item.get("image_id"))])}
            for item in render.payload.get("panels") or []
            if str(item.get("image_id")) in images
        ]
        if scene_image is not None and scene_image.file:
            panel["lettered_url"] = self.object_url("lettered", scene)
        return panel

    def studio_panels(self, request, obj):
        return [
            self.render_panel(obj),
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
