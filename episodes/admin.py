from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableTabularInline
from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from episodes.models import Episode, EpisodeAsset, EpisodeScene, ExportJob
from episodes.selectors import episode_scene_list, latest_render_results
from episodes.services import episode_compose, export_retry, export_start
from projects.models import Scene
from webtoon.admin import ScopedInlineMixin, ScopedModelAdmin, thumbnail, writable_project_ids
from webtoon.exceptions import ApplicationError


def scene_image_url(render_result) -> str:
    return ((render_result.payload if render_result else {}).get("scene_image") or {}).get("url", "")


class EpisodeSceneFormSet(CustomInlineFormSet):
    """The episode's scenes as the editor arranged them: kept rows, in dragged order, then new rows.

    The formset never writes: `EpisodeAdmin.save_formset` hands the final order to
    `episode_compose`, which renumbers 0..n-1 under the episode's row lock (a row-by-row save of
    a permutation would trip the unique (episode, order_index) constraint half-way).
    """

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            scene = getattr(form, "cleaned_data", {}).get("scene")
            if scene is None or form in self.deleted_forms:
                continue
            if scene.story_id != self.instance.story_id:
                form.add_error("scene", "This scene belongs to another story.")
            if scene.pk in seen:
                form.add_error("scene", "This scene is already in the episode.")
            seen.add(scene.pk)

    def ordered_scenes(self) -> list[Scene]:
        kept = [
            (form.cleaned_data.get("order_index"), position, form.cleaned_data["scene"])
            for position, form in enumerate(self.forms)
            if form.cleaned_data.get("scene") is not None and form not in self.deleted_forms
        ]
        # Rows the editor did not drag post no order: they keep their place, after the dragged ones.
        kept.sort(key=lambda row: (row[0] is None, row[0] or 0, row[1]))
        return [scene for _, _, scene in kept]


class EpisodeSceneInline(ScopedInlineMixin, SortableTabularInline):
    model = EpisodeScene
    formset = EpisodeSceneFormSet
    ordering = ["order_index"]
    extra = 0
    fields = ["scene", "preview"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["scene"]

    def get_formset(self, request, obj=None, **kwargs):
        # order_index stays out of the model form: it is a position the service turns into the
        # dense order, and must not be validated against the rows' current (unique) values.
        kwargs["fields"] = ["scene"]
        return super().get_formset(request, obj, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("scene")

    @admin.display(description="rendered")
    def preview(self, link):
        if not link.pk:
            return "-"
        render_result = latest_render_results(scene_ids=[link.scene_id]).get(link.scene_id)
        return thumbnail(scene_image_url(render_result), height=64)


class EpisodeAssetInline(ScopedInlineMixin, admin.TabularInline):
    model = EpisodeAsset
    extra = 0


class ExportJobInline(ScopedInlineMixin, admin.TabularInline):
    model = ExportJob
    extra = 0
    fields = ["format", "status", "created_at", "finished_at", "download", "error"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True
    verbose_name_plural = "exports"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="file")
    def download(self, job):
        return export_download_link(job)


def export_download_link(job: ExportJob):
    if job.status != ExportJob.Status.COMPLETED or not (job.output_file or job.output_url):
        return "-"
    url = job.output_file.url if job.output_file else job.output_url
    return format_html('<a href="{}" class="studio-download" download>Download</a>', url)


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        choices=[choice for choice in ExportJob.Format.choices if choice[0] != ExportJob.Format.PREVIEW],
        initial=ExportJob.Format.WEBTOON,
    )


@admin.register(Episode)
class EpisodeAdmin(SortableAdminBase, ScopedModelAdmin):
    project_paths = ("story__project",)
    list_display = ["title", "story", "status", "published_at", "updated_at"]
    list_filter = ["status", "story__project"]
    search_fields = ["title", "story__title"]
    list_select_related = ["story"]
    autocomplete_fields = ["story", "default_image_style"]
    inlines = [EpisodeSceneInline, ExportJobInline, EpisodeAssetInline]
    actions = ["export_webtoon", "export_pdf", "export_cbz", "export_video"]

    def _export(self, request, queryset, format):
        for episode in queryset:
            if not self.has_change_permission(request, episode):
                self.message_user(request, f"{episode}: you may not export it.", messages.ERROR)
                continue
            try:
                job = export_start(episode=episode, format=format, user=request.user)
            except ApplicationError as error:
                self.message_user(request, f"{episode}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, f"{episode}: {job.get_format_display()} export queued.")

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

    def get_readonly_fields(self, request, obj=None):
        # Scenes are chosen from the episode's story; moving it elsewhere would orphan them.
        return ["story"] if obj else []

    def save_formset(self, request, form, formset, change):
        if not isinstance(formset, EpisodeSceneFormSet):
            return super().save_formset(request, form, formset, change)
        # save(commit=False) only fills new/changed/deleted_objects for the admin's change message.
        formset.save(commit=False)
        episode_compose(episode=form.instance, scenes=formset.ordered_scenes())

    def get_urls(self):
        return [self.object_path("export/", self.export_view, name="export"), *super().get_urls()]

    def export_view(self, request, object_id):
        episode = self.get_object_for(request, object_id, write=True)
        form = ExportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                job = export_start(format=form.cleaned_data["format"], episode=episode, user=request.user)
            except ApplicationError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, f"Export started: {job.get_format_display()}.", messages.SUCCESS)
                return HttpResponseRedirect(self.object_url("change", episode) + "#exports-group")
        return self.render_page(
            request, "admin/episodes/episode/export.html", episode, title=f"Export “{episode}”", form=form
        )

    def studio_buttons(self, request, obj):
        if not self.has_change_permission(request, obj):
            return []
        return [{"label": "Export", "url": self.object_url("export", obj), "method": "get"}]

    def studio_panels(self, request, obj):
        links = list(episode_scene_list(episode=obj))
        results = latest_render_results(scene_ids=[link.scene_id for link in links])
        strip = [
            {
                "scene": link.scene,
                "url": scene_image_url(results.get(link.scene_id)),
                "change_url": reverse("admin:projects_scene_change", args=[link.scene_id]),
            }
            for link in links
        ]
        return [{"template": "admin/episodes/episode/strip.html", "place": "bottom", "strip": strip}]


@admin.register(EpisodeScene)
class EpisodeSceneAdmin(ScopedModelAdmin):
    project_paths = ("episode__story__project",)
    list_display = ["episode", "order_index", "scene"]
    search_fields = ["episode__title", "scene__title"]
    list_select_related = ["episode", "scene__story"]
    autocomplete_fields = ["episode", "scene"]

    def has_change_permission(self, request, obj=None):
        # Order is dense and unique: it changes only through the episode page (episode services).
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
    list_display = ["export_id", "format", "status", "episode", "scene", "created_at", "finished_at", "download"]
    list_filter = ["status", "format"]
    search_fields = ["export_id", "episode__title", "error"]
    list_select_related = ["episode", "scene"]
    fields = [
        "episode",
        "scene",
        "format",
        "options",
        "status",
        "download",
        "error",
        "metadata",
        "created_at",
        "finished_at",
    ]
    readonly_fields = fields
    actions = ["retry"]

    @admin.action(description="Retry the selected failed exports")
    def retry(self, request, queryset):
        for job in queryset:
            # The job's page is read-only for everyone; retrying it is changing its episode.
            if not (request.user.is_superuser or set(writable_project_ids(request)) & self.project_ids_of(job)):
                self.message_user(request, f"{job}: you may not retry it.", messages.ERROR)
                continue
            try:
                export_retry(job=job)
            except ApplicationError as error:
                self.message_user(request, f"{job}: {error.message}", messages.WARNING)
            else:
                self.message_user(request, f"{job} queued again.")

    def has_add_permission(self, request):
        # Exports start from an episode's page (the Export button), through export_start.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="file")
    def download(self, job):
        return export_download_link(job)
