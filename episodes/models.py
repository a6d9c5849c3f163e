import uuid

from django.db import models

from webtoon.models import TimeStampedModel, choices_check


class EpisodeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class Episode(TimeStampedModel):
    Status = EpisodeStatus

    episode_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    story = models.ForeignKey("projects.Story", on_delete=models.CASCADE, related_name="episodes")
    title = models.CharField(max_length=300)
    default_image_style = models.ForeignKey(
        "styles.StylePreset",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_column="default_image_style",
        related_name="+",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "episodes"
        ordering = ["story", "created_at"]
        constraints = [choices_check(table="episodes", field="status", choices=EpisodeStatus)]

    def __str__(self):
        return self.title


class EpisodeScene(TimeStampedModel):
    episode_scene_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="episode_scenes")
    scene = models.ForeignKey("projects.Scene", on_delete=models.CASCADE, related_name="episode_links")
    order_index = models.PositiveIntegerField()

    class Meta:
        db_table = "episode_scenes"
        ordering = ["episode", "order_index"]
        constraints = [
            models.UniqueConstraint(fields=["episode", "scene"], name="episode_scenes_episode_scene_unique"),
            models.UniqueConstraint(fields=["episode", "order_index"], name="episode_scenes_episode_order_unique"),
        ]

    def __str__(self):
        return f"#{self.order_index} {self.scene} in {self.episode}"


class AssetType(models.TextChoices):
    COVER = "cover", "Cover"
    THUMBNAIL = "thumbnail", "Thumbnail"
    MUSIC = "music", "Music"
    IMAGE = "image", "Image"
    OTHER = "other", "Other"


class EpisodeAsset(TimeStampedModel):
    AssetType = AssetType

    episode_asset_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="assets")
    asset_type = models.CharField(max_length=16, choices=AssetType.choices)
    asset_id = models.UUIDField(help_text="Id of the row this asset points at (an Image, for example).")

    class Meta:
        db_table = "episode_assets"
        ordering = ["episode", "asset_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "asset_type", "asset_id"], name="episode_assets_episode_asset_unique"
            ),
            choices_check(table="episode_assets", field="asset_type", choices=AssetType),
        ]

    def __str__(self):
        return f"{self.get_asset_type_display()} of {self.episode}"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    PROCESSING = "processing", "Processing"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed"


class ExportFormat(models.TextChoices):
    WEBTOON = "webtoon", "Webtoon slices (zip)"
    PDF = "pdf", "PDF"
    CBZ = "cbz", "Comic book (cbz)"
    VIDEO = "video", "Scrolling video (mp4)"
    PREVIEW = "preview", "Scene preview (png)"


class ExportJob(TimeStampedModel):
    Status = ExportStatus

    Format = ExportFormat

    export_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    scene = models.ForeignKey("projects.Scene", on_delete=models.CASCADE, null=True, blank=True, related_name="exports")
    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, null=True, blank=True, related_name="exports")
    format = models.CharField(max_length=16, choices=Format.choices, default=Format.WEBTOON)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    output_url = models.CharField(max_length=2048, blank=True, default="")
    output_file = models.FileField(upload_to="exports/%Y/%m/", blank=True, default="", max_length=500)
    error = models.TextField(blank=True, default="")
    metadata = models.JSONField(default=dict, blank=True, db_column="metadata_")
    celery_task_id = models.CharField(max_length=255, blank=True, default="")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "exports"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scene__isnull=False) | models.Q(episode__isnull=False),
                name="exports_has_target",
            ),
            choices_check(table="exports", field="status", choices=ExportStatus),
            choices_check(table="exports", field="format", choices=ExportFormat),
        ]
        indexes = [models.Index(fields=["episode", "status"], name="exports_episode_status_idx")]

    def __str__(self):
        return f"{self.get_format_display()} export {self.export_id}"
