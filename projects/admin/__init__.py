from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.http import JsonResponse
from django.urls import reverse
from django.utils.html import format_html

from characters.models import StoryCharacter
from characters.services import variant_suggestions_create
from projects.admin import scene  # noqa: F401 - registers the scene studio
from projects.models import DialogueLayer, EnvironmentAnchor, Layer, Project, ProjectMembership, Scene, Story
from projects.services import (
    membership_create,
    membership_delete,
    membership_update,
    story_create,
    story_generation_cancel,
    story_generation_start,
)
from webtoon.admin import ScopedInlineMixin, ScopedModelAdmin, is_project_owner, project_roles
from webtoon.request_id import current_request_id

STORY_UPLOAD_SUFFIXES = {".txt", ".md"}


class UsernameField(forms.ModelChoiceField):
    """A user typed by username; a row's current user (its id) is shown as its username."""

    def prepare_value(self, value):
        if value and not hasattr(value, "_meta"):
            user = self.queryset.filter(pk=value).first()
            return user.get_username() if user is not None else value
        return super().prepare_value(value)


class MembershipWritesMixin:
    """Members are managed by the project's owners, through the membership services (a project
    always keeps an owner; one membership per user)."""

    def _owner_of(self, request, project) -> bool:
        return project is not None and is_project_owner(request, project.pk)

    def get_autocomplete_fields(self, request):
        # Searching users needs the user admin, which only superusers have; owners type a username.
        return super().get_autocomplete_fields(request) if request.user.is_superuser else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.is_superuser:
            return UsernameField(
                queryset=get_user_model().objects.filter(is_active=True),
                to_field_name=get_user_model().USERNAME_FIELD,
                widget=forms.TextInput(attrs={"placeholder": "username"}),
                label="User",
                error_messages={"invalid_choice": "No active user has this username."},
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProjectMembershipInline(MembershipWritesMixin, ScopedInlineMixin, admin.TabularInline):
    model = ProjectMembership
    extra = 0
    autocomplete_fields = ["user"]

    def has_change_permission(self, request, obj=None):
        return self._owner_of(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._owner_of(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._owner_of(request, obj)


def status_badge(status: str, label: str):
    return format_html('<span class="studio-status-{}">{}</span>', status, label)


class StoryInline(ScopedInlineMixin, admin.TabularInline):
    model = Story
    extra = 0
    fields = ["title", "status", "progress_updated_at"]
    readonly_fields = ["title", "status", "progress_updated_at"]
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="generation")
    def status(self, story):
        return status_badge(story.generation_status, story.get_generation_status_display())


@admin.register(Project)
class ProjectAdmin(ScopedModelAdmin):
    project_paths = ("pk",)
    ordering = ["name"]
    list_display = ["name", "story_count", "created_at", "updated_at"]
    search_fields = ["name", "description"]
    date_hierarchy = "created_at"
    inlines = [ProjectMembershipInline, StoryInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_total=Count("stories"))

    def has_add_permission(self, request):
        # A new project needs its owner membership; superusers create projects and add members.
        return request.user.is_superuser

    @admin.display(description="stories", ordering="story_total")
    def story_count(self, project):
        return project.story_total

    def save_formset(self, request, form, formset, change):
        if formset.model is not ProjectMembership:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for membership in formset.deleted_objects:
            membership_delete(membership=membership)
        for membership, _changed in formset.changed_objects:
            membership_update(membership=membership, role=membership.role)
        for membership in formset.new_objects:
            membership_create(project=form.instance, user=membership.user, role=membership.role)


@admin.register(ProjectMembership)
class ProjectMembershipAdmin(MembershipWritesMixin, ScopedModelAdmin):
    project_paths = ("project",)
    list_display = ["project", "user", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["project__name", "user__username", "user__email"]
    autocomplete_fields = ["project", "user"]

    def get_readonly_fields(self, request, obj=None):
        return ["project", "user"] if obj else []

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return request.user.is_superuser or any(
                role == ProjectMembership.Role.OWNER for role in project_roles(request).values()
            )
        return self._owner_of(request, obj.project)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project" and not request.user.is_superuser:
            owned = [pk for pk, role in project_roles(request).items() if role == ProjectMembership.Role.OWNER]
            kwargs["queryset"] = Project.objects.filter(pk__in=owned)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            membership_update(membership=obj, role=obj.role)
        else:
            obj.pk = membership_create(project=obj.project, user=obj.user, role=obj.role).pk

    def delete_model(self, request, obj):
        membership_delete(membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            self.run_service(
                request, lambda m=membership: membership_delete(membership=m), success=f"Removed {membership}."
            )


class StoryForm(forms.ModelForm):
    """The story text is pasted, or read from an uploaded .txt/.md file (which then wins)."""

    upload = forms.FileField(
        required=False,
        label="Or upload the text",
        help_text="A UTF-8 .txt or .md file; it replaces the text above.",
    )

    class Meta:
        model = Story
        fields = ["project", "title", "language", "default_image_style", "source_text"]

    def clean_source_text(self):
        # Browsers post textareas with CRLF line ends; the story's paragraphs are split on LF.
        return self.cleaned_data["source_text"].replace("\r\n", "\n")

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        if Path(upload.name).suffix.lower() not in STORY_UPLOAD_SUFFIXES:
            raise forms.ValidationError("Upload a .txt or .md file.")
        limit = settings.STORY_TEXT_MAX_CHARS
        # A UTF-8 character is at most 4 bytes: anything larger cannot fit the limit.
        if upload.size > limit * 4:
            raise forms.ValidationError(f"The file is too large: the limit is {limit} characters.")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text.") from None
        if len(text) > limit:
            raise forms.ValidationError(f"The text has {len(text)} characters; the limit is {limit}.")
        if not text.strip():
            raise forms.ValidationError("The file is empty.")
        return text.replace("\r\n", "\n")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("upload"):
            cleaned["source_text"] = cleaned["upload"]
            self.instance.source_text = cleaned["upload"]
        return cleaned


class SceneInline(ScopedInlineMixin, admin.TabularInline):
    model = Scene
    extra = 0
    fields = ["scene_index", "title", "scene_importance", "planning_locked"]
    readonly_fields = ["scene_index", "planning_locked"]
    ordering = ["scene_index"]
    show_change_link = True
    # Scenes come from the story's split and their indexes stay dense: they are not removed here.
    can_delete = False

    def has_add_permission(self, request, obj=None):
        # Scenes come from the story's split; their order belongs to the pipeline.
        return False


class StoryCharacterInline(ScopedInlineMixin, admin.TabularInline):
    model = StoryCharacter
    extra = 0
    verbose_name = "character of the story"
    verbose_name_plural = "characters of the story"
    fields = ["code", "character_link", "role", "identity_line"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("character")

    @admin.display(description="code")
    def code(self, link):
        return link.character.canonical_code

    @admin.display(description="character")
    def character_link(self, link):
        url = reverse("admin:characters_character_change", args=[link.character_id])
        return format_html('<a href="{}">{}</a>', url, link.character.display_name or link.character.name)

    @admin.display(description="role")
    def role(self, link):
        return link.character.get_role_display()

    @admin.display(description="identity line")
    def identity_line(self, link):
        return link.character.identity_line


class GenerateForm(forms.Form):
    """The knobs an editor sets for one generation; the service validates them again."""

    mode = forms.ChoiceField(
        choices=[("full", "Full: characters, scenes, plans and renders"), ("characters_only", "Characters only")],
        initial="full",
    )
    max_scenes = forms.IntegerField(min_value=1, max_value=30, initial=8, label="Max scenes")
    panel_count = forms.IntegerField(
        min_value=1, max_value=12, required=False, label="Panels per scene", help_text="Empty: decided per scene."
    )

    def parameters(self) -> dict:
        values = {"mode": self.cleaned_data["mode"], "max_scenes": self.cleaned_data["max_scenes"]}
        if self.cleaned_data.get("panel_count"):
            values["panel_count"] = self.cleaned_data["panel_count"]
        return values


def story_progress(story: Story) -> dict:
    """What the progress panel shows, as the JSON endpoint returns it."""
    progress = story.progress or {}
    return {
        "status": story.generation_status,
        "status_label": story.get_generation_status_display(),
        "current_node": progress.get("current_node", ""),
        "step": progress.get("step"),
        "total_steps": progress.get("total_steps"),
        "message": progress.get("message", ""),
        "scene_index": progress.get("scene_index"),
        "error": story.generation_error,
        "updated_at": story.progress_updated_at.isoformat() if story.progress_updated_at else None,
    }


@admin.register(Story)
class StoryAdmin(ScopedModelAdmin):
    project_paths = ("project",)
    form = StoryForm
    list_display = ["title", "project", "language", "status", "progress_updated_at", "updated_at"]
    list_filter = ["generation_status", "language", "project"]
    search_fields = ["title", "source_text", "project__name"]
    list_select_related = ["project"]
    autocomplete_fields = ["project", "default_image_style"]
    inlines = [SceneInline, StoryCharacterInline]
    actions = ["generate_selected", "suggest_variants"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = story_create(project=obj.project, title=obj.title, source_text=obj.source_text, language=obj.language)
        if obj.default_image_style_id:
            created.default_image_style_id = obj.default_image_style_id
            created.save(update_fields=["default_image_style", "updated_at"])
        obj.pk = created.pk
        obj.refresh_from_db()

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ["project", "title", "language", "default_image_style"]}),
            ("Story text", {"fields": ["source_text", "upload"]}),
        ]

    @admin.display(description="generation", ordering="generation_status")
    def status(self, story):
        return status_badge(story.generation_status, story.get_generation_status_display())

    def get_urls(self):
        return [
            self.object_path("progress/", self.progress_view, name="progress"),
            self.object_path("generate/", self.generate_view, name="generate"),
            self.object_path("cancel/", self.cancel_view, name="cancel"),
            *super().get_urls(),
        ]

    def _start(self, request, story, form) -> bool:
        return self.run_service(
            request,
            lambda: story_generation_start(
                story=story, parameters=form.parameters(), actor=request.user, request_id=current_request_id()
            ),
            success=f"Generation of “{story}” started.",
        )

    def generate_view(self, request, object_id):
        story = self.get_object_for(request, object_id, write=True)
        form = GenerateForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            self._start(request, story, form)
            return self.redirect_to_change(story)
        return self.render_page(
            request, "admin/projects/story/generate.html", story, title="Generate", form=form, stories=[story]
        )

    @admin.action(description="Suggest character variants from the text")
    def suggest_variants(self, request, queryset):
        for story in queryset:
            if self.has_change_permission(request, story):
                created = variant_suggestions_create(story=story)
                self.message_user(request, f"{story}: {len(created)} new variant suggestions.")

    @admin.action(description="Generate the selected stories…")
    def generate_selected(self, request, queryset):
        stories = [story for story in queryset if self.has_change_permission(request, story)]
        form = GenerateForm(request.POST if "generate" in request.POST else None)
        if form.is_bound and form.is_valid():
            for story in stories:
                self._start(request, story, form)
            return None
        return self.render_page(
            request,
            "admin/projects/story/generate.html",
            None,
            title="Generate stories",
            form=form,
            stories=stories,
            action_checkbox_name=admin.helpers.ACTION_CHECKBOX_NAME,
        )

    def cancel_view(self, request, object_id):
        story = self.get_object_for(request, object_id, write=True)
        if request.method == "POST":
            self.run_service(request, lambda: story_generation_cancel(story=story), success="Generation cancelled.")
        return self.redirect_to_change(story)

    def studio_buttons(self, request, obj):
        if not self.has_change_permission(request, obj):
            return []
        if obj.generation_status == Story.GenerationStatus.PROCESSING:
            return [{"label": "Cancel generation", "url": self.object_url("cancel", obj), "method": "post"}]
        return [{"label": "Generate", "url": self.object_url("generate", obj), "method": "get"}]

    def progress_view(self, request, object_id):
        story = self.get_object_for(request, object_id, write=False)
        return JsonResponse(story_progress(story))

    def studio_panels(self, request, obj):
        return [
            {
                "template": "admin/projects/story/progress.html",
                "place": "top",
                "progress": story_progress(obj),
                "progress_url": self.object_url("progress", obj),
            }
        ]


@admin.register(DialogueLayer)
class DialogueLayerAdmin(ScopedModelAdmin):
    project_paths = ("scene__story__project",)
    list_display = ["scene", "updated_at"]
    search_fields = ["scene__title", "scene__story__title"]
    list_select_related = ["scene__story"]
    autocomplete_fields = ["scene"]


@admin.register(Layer)
class LayerAdmin(ScopedModelAdmin):
    project_paths = ("scene__story__project",)
    list_display = ["scene", "layer_type", "z_index", "updated_at"]
    list_filter = ["layer_type"]
    search_fields = ["scene__title", "scene__story__title"]
    list_select_related = ["scene__story"]
    autocomplete_fields = ["scene"]


@admin.register(EnvironmentAnchor)
class EnvironmentAnchorAdmin(ScopedModelAdmin):
    project_paths = ("project",)
    global_rows = True
    list_display = ["__str__", "project", "anchor_type", "usage_count", "pinned"]
    list_filter = ["anchor_type", "pinned", "project"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["project"]
