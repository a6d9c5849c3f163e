import uuid

from django.conf import settings
from django.db import models

from webtoon.models import TimeStampedModel, choices_check


class ArtifactType(models.TextChoices):
    SCENE_INTENT = "scene_intent", "Scene intent"
    PANEL_PLAN = "panel_plan", "Panel plan"
    PANEL_PLAN_NORMALIZED = "panel_plan_normalized", "Panel plan (normalized)"
    LAYOUT_TEMPLATE = "layout_template", "Layout template"
    PANEL_SEMANTICS = "panel_semantics", "Panel semantics"
    RENDER_SPEC = "render_spec", "Render spec"
    RENDER_RESULT = "render_result", "Render result"
    QC_REPORT = "qc_report", "QC report"
    BLIND_TEST_REPORT = "blind_test_report", "Blind test report"
    DIALOGUE_SUGGESTIONS = "dialogue_suggestions", "Dialogue suggestions"
    VISUAL_PLAN = "visual_plan", "Visual plan"


class Artifact(TimeStampedModel):
    """One version of one intermediate output of the pipeline for a scene.

    Versions of a (scene, type) start at 1 and have no gaps; `parent` records what the version
    was derived from (the previous latest, or the version a manual edit started from).
    """

    artifact_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    scene = models.ForeignKey("projects.Scene", on_delete=models.CASCADE, related_name="artifacts")
    type = models.CharField(max_length=32, choices=ArtifactType.choices)
    version = models.PositiveIntegerField()
    parent = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children")
    payload = models.JSONField(default=dict)
    created_by = models.CharField(max_length=150, default="system")
    updated_by = models.CharField(max_length=150, default="system")

    class Meta:
        db_table = "artifacts"
        ordering = ["scene", "type", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["scene", "type", "version"], name="artifacts_scene_type_version_unique"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="artifacts_version_positive"),
            choices_check(table="artifacts", field="type", choices=ArtifactType),
        ]
        # The unique constraint's index serves "latest of (scene, type)"; this one serves lineage.
        indexes = [models.Index(fields=["parent"], name="artifacts_parent_idx")]

    def __str__(self):
        return f"{self.type} v{self.version}"


class Image(TimeStampedModel):
    image_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    artifact = models.ForeignKey(Artifact, on_delete=models.CASCADE, null=True, blank=True, related_name="images")
    image_url = models.CharField(max_length=2048, blank=True, default="")
    file = models.ImageField(upload_to="images/%Y/%m/", blank=True, default="")
    metadata = models.JSONField(default=dict, blank=True, db_column="metadata_")

    class Meta:
        db_table = "images"
        ordering = ["-created_at"]

    def __str__(self):
        return self.image_url or str(self.image_id)


class GraphName(models.TextChoices):
    STORY_BUILD = "story_build", "Story build"
    SCENE_PLANNING = "scene_planning", "Scene planning"
    SCENE_RENDER = "scene_render", "Scene render"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


class GraphRun(TimeStampedModel):
    """One run of a generation graph: the row exists before its Celery task is queued."""

    Graph = GraphName

    Status = RunStatus

    run_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    graph = models.CharField(max_length=32, choices=Graph.choices)
    story = models.ForeignKey("projects.Story", on_delete=models.CASCADE, null=True, blank=True, related_name="runs")
    scene = models.ForeignKey("projects.Scene", on_delete=models.CASCADE, null=True, blank=True, related_name="runs")
    parameters = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    celery_task_id = models.CharField(max_length=255, blank=True, default="")
    current_node = models.CharField(max_length=64, blank=True, default="")
    node_timings = models.JSONField(default=dict, blank=True)
    provider = models.CharField(max_length=64, blank=True, default="")
    token_counts = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True, default="")
    failed_node = models.CharField(max_length=64, blank=True, default="")
    request_id = models.CharField(max_length=64, blank=True, default="")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # Outputs of story-level nodes that are not artifacts (cast, script, scene split), keyed by node
    # and attempt, so a rerun after a dead worker resumes after the last finished node.
    checkpoint = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "graph_runs"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(story__isnull=False) | models.Q(scene__isnull=False),
                name="graph_runs_has_target",
            ),
            choices_check(table="graph_runs", field="graph", choices=GraphName),
            choices_check(table="graph_runs", field="status", choices=RunStatus),
        ]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="graph_runs_status_idx")]

    def __str__(self):
        return f"{self.get_graph_display()} run {self.run_id}"
