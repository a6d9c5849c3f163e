import uuid

from django.conf import settings
from django.db import models

from webtoon.models import TimeStampedModel, choices_check


class Project(TimeStampedModel):
    project_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    # The last canonical-code number handed out; only ever grows, so codes are never reused.
    character_code_seq = models.PositiveIntegerField(default=0, editable=False)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ProjectMembership", related_name="projects", blank=True
    )

    class Meta:
        db_table = "projects"
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProjectMembershipRole(models.TextChoices):
    OWNER = "owner", "Owner"
    EDITOR = "editor", "Editor"
    VIEWER = "viewer", "Viewer"


class ProjectMembership(TimeStampedModel):
    Role = ProjectMembershipRole

    membership_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        db_table = "project_members"
        ordering = ["project", "role"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="project_members_one_per_user"),
            choices_check(table="project_members", field="role", choices=ProjectMembershipRole),
        ]

    def __str__(self):
        return f"{self.user} ({self.role}) in {self.project}"


class StoryGenerationStatus(models.TextChoices):
    IDLE = "idle", "Idle"
    PROCESSING = "processing", "Processing"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed"


class StoryLanguage(models.TextChoices):
    AUTO = "auto", "Detect"
    ENGLISH = "en", "English"
    KOREAN = "ko", "Korean"


class Story(TimeStampedModel):
    GenerationStatus = StoryGenerationStatus

    Language = StoryLanguage

    story_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(max_length=300)
    source_text = models.TextField(blank=True, default="")
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.AUTO)
    default_image_style = models.ForeignKey(
        "styles.StylePreset",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_column="default_image_style",
        related_name="+",
    )
    generation_status = models.CharField(max_length=16, choices=GenerationStatus.choices, default=GenerationStatus.IDLE)
    generation_error = models.TextField(blank=True, default="")
    progress = models.JSONField(default=dict, blank=True)
    progress_updated_at = models.DateTimeField(null=True, blank=True)
    characters = models.ManyToManyField(
        "characters.Character", through="characters.StoryCharacter", related_name="stories", blank=True
    )

    class Meta:
        db_table = "stories"
        ordering = ["project", "title"]
        verbose_name_plural = "stories"
        constraints = [
            choices_check(table="stories", field="generation_status", choices=StoryGenerationStatus),
            choices_check(table="stories", field="language", choices=StoryLanguage),
        ]

    def __str__(self):
        return self.title


class AnchorType(models.TextChoices):
    DESCRIPTIVE = "descriptive", "Descriptive"
    REFERENCE_BASED = "reference_based", "Reference based"
    GENERATED = "generated", "Generated"


class EnvironmentAnchor(TimeStampedModel):
    AnchorType = AnchorType

    environment_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Environments are reused across a project's stories; NULL marks a shared, global one.
    project = models.ForeignKey(Project, on_delete=models.CASCADE, null=True, blank=True, related_name="environments")
    name = models.CharField(max_length=200, blank=True, default="")
    description = models.TextField()
    usage_count = models.PositiveIntegerField(default=0)
    anchor_type = models.CharField(max_length=32, choices=AnchorType.choices, default=AnchorType.DESCRIPTIVE)
    reference_images = models.JSONField(default=list, blank=True)
    locked_elements = models.JSONField(default=list, blank=True)
    pinned = models.BooleanField(default=False)

    class Meta:
        db_table = "environment_anchors"
        ordering = ["-pinned", "name"]
        constraints = [choices_check(table="environment_anchors", field="anchor_type", choices=AnchorType)]

    def __str__(self):
        return self.name or self.description[:60]


class SceneImportance(models.TextChoices):
    CRITICAL = "critical", "Critical"
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class Scene(TimeStampedModel):
    Importance = SceneImportance

    scene_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="scenes")
    scene_index = models.PositiveIntegerField(help_text="Position of the scene in its story, from 0.")
    title = models.CharField(max_length=300, blank=True, default="")
    source_text = models.TextField()
    scene_importance = models.CharField(max_length=16, choices=Importance.choices, default=Importance.MEDIUM)
    planning_locked = models.BooleanField(default=False)
    image_style_override = models.ForeignKey(
        "styles.StylePreset",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_column="image_style_override",
        related_name="+",
    )
    environment = models.ForeignKey(
        EnvironmentAnchor, on_delete=models.SET_NULL, null=True, blank=True, related_name="scenes"
    )

    class Meta:
        db_table = "scenes"
        ordering = ["story", "scene_index"]
        constraints = [
            models.UniqueConstraint(fields=["story", "scene_index"], name="scenes_story_index_unique"),
            choices_check(table="scenes", field="scene_importance", choices=SceneImportance),
        ]

    def __str__(self):
        return self.title or f"Scene {self.scene_index + 1} of {self.story}"


class DialogueLayer(TimeStampedModel):
    dialogue_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    scene = models.OneToOneField(Scene, on_delete=models.CASCADE, related_name="dialogue_layer")
    bubbles = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "dialogue_layers"

    def __str__(self):
        return f"Dialogue of {self.scene}"


class LayerType(models.TextChoices):
    BACKGROUND = "background", "Background"
    CHARACTER = "character", "Character"
    EFFECTS = "effects", "Effects"
    TEXT = "text", "Text"
    OVERLAY = "overlay", "Overlay"


class Layer(TimeStampedModel):
    LayerType = LayerType

    layer_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="layers")
    layer_type = models.CharField(max_length=16, choices=LayerType.choices)
    z_index = models.IntegerField(default=0)
    # Named apart from the column: a field called `objects` would hide the model's manager.
    layer_objects = models.JSONField(default=list, blank=True, db_column="objects")

    class Meta:
        db_table = "layers"
        ordering = ["scene", "z_index"]
        constraints = [choices_check(table="layers", field="layer_type", choices=LayerType)]

    def __str__(self):
        return f"{self.get_layer_type_display()} layer of {self.scene}"
