"""Reads of artifacts: latest versions, history, lineage, and what a scene still lacks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from artifacts.models import Artifact, ArtifactType, GraphRun
from projects.models import Scene

PLANNED_TYPES = (
    ArtifactType.SCENE_INTENT,
    ArtifactType.PANEL_PLAN,
    ArtifactType.PANEL_PLAN_NORMALIZED,
    ArtifactType.LAYOUT_TEMPLATE,
    ArtifactType.PANEL_SEMANTICS,
)
RENDER_STAGE_TYPES = (ArtifactType.RENDER_SPEC, ArtifactType.RENDER_RESULT, ArtifactType.QC_REPORT)
RENDERED_TYPES = (*PLANNED_TYPES, *RENDER_STAGE_TYPES)
REQUIRED_TYPES = {"planned": PLANNED_TYPES, "rendered": RENDERED_TYPES}

# A cycle of parents cannot be made through the services, only by rows written around them: stop there.
MAX_LINEAGE_DEPTH = 1000


def artifact_latest_list(*, scene: Scene) -> QuerySet[Artifact]:
    """The latest version of each type the scene has, in one query (a window function: PostgreSQL and SQLite)."""
    return (
        Artifact.objects.filter(scene=scene)
        .annotate(rank=Window(RowNumber(), partition_by=[F("type")], order_by=F("version").desc()))
        .filter(rank=1)
        .order_by("type")
    )


def artifact_latest_by_type(*, scene: Scene) -> dict[str, Artifact]:
    return {artifact.type: artifact for artifact in artifact_latest_list(scene=scene)}


def artifact_history(*, scene: Scene, type: str | None = None) -> QuerySet[Artifact]:
    """Every version of the scene's artifacts (of one type if given), newest first within each type."""
    artifacts = Artifact.objects.filter(scene=scene).select_related("parent").order_by("type", "-version")
    return artifacts.filter(type=type) if type is not None else artifacts


_LINEAGE_SQL = """
WITH RECURSIVE lineage (artifact_id, parent_id, depth) AS (
    SELECT artifact_id, parent_id, 0 FROM artifacts WHERE artifact_id = %s
    UNION ALL
    SELECT a.artifact_id, a.parent_id, l.depth + 1
    FROM artifacts a JOIN lineage l ON a.artifact_id = l.parent_id
    WHERE l.depth < %s
)
SELECT a.*, l.depth FROM artifacts a JOIN lineage l ON a.artifact_id = l.artifact_id ORDER BY l.depth
"""


def artifact_lineage(*, artifact: Artifact) -> list[Artifact]:
    """The artifact, its parent, its parent's parent... up to the root, in one recursive query."""
    key = Artifact._meta.pk.get_db_prep_value(artifact.pk, connection)
    return list(Artifact.objects.raw(_LINEAGE_SQL, [key, MAX_LINEAGE_DEPTH]))


def artifact_missing_required_types(*, scene: Scene, required: Iterable[str] = PLANNED_TYPES) -> list[str]:
    """The required types of which the scene has no version, in the order given."""
    present = set(Artifact.objects.filter(scene=scene).values_list("type", flat=True).distinct())
    return [type for type in required if type not in present]


# Integrity checks (manage.py check_artifacts). The services cannot produce these faults; rows written
# around them (raw SQL, admin edits of `parent`, a deleted middle version) can.


@dataclass(frozen=True)
class ArtifactProblem:
    kind: str
    scene_id: str
    detail: str

    def __str__(self):
        return f"scene {self.scene_id}: {self.detail}"


def _in_scope(queryset: QuerySet, scene: Scene | None, field: str = "scene_id") -> QuerySet:
    return queryset.filter(**{field: scene.pk}) if scene is not None else queryset


def artifact_version_duplicates(*, scene: Scene | None = None) -> list[ArtifactProblem]:
    rows = (
        _in_scope(Artifact.objects.all(), scene)
        .values("scene_id", "type", "version")
        .annotate(copies=Count("pk"))
        .filter(copies__gt=1)
        .order_by("scene_id", "type", "version")
    )
    return [
        ArtifactProblem(
            "duplicate", str(row["scene_id"]), f"{row['type']} v{row['version']} exists {row['copies']} times"
        )
        for row in rows
    ]


def artifact_version_gaps(*, scene: Scene | None = None) -> list[ArtifactProblem]:
    """(scene, type) pairs whose versions are not exactly 1..latest; SQL finds them, Python names the holes."""
    groups = (
        _in_scope(Artifact.objects.all(), scene)
        .values("scene_id", "type")
        .annotate(low=Min("version"), high=Max("version"), distinct=Count("version", distinct=True))
        .filter(Q(low__gt=1) | ~Q(high=F("distinct")))
        .order_by("scene_id", "type")
    )
    problems = []
    for group in groups:
        present = set(
            Artifact.objects.filter(scene_id=group["scene_id"], type=group["type"]).values_list("version", flat=True)
        )
        missing = sorted(set(range(1, group["high"] + 1)) - present)
        problems.append(
            ArtifactProblem(
                "gap",
                str(group["scene_id"]),
                f"{group['type']} is missing v{', v'.join(map(str, missing))} (latest is v{group['high']})",
            )
        )
    return problems


def artifact_broken_lineage(*, scene: Scene | None = None) -> list[ArtifactProblem]:
    """Parents in another scene, parents that no longer exist, and same-type parents that are not older."""
    artifacts = _in_scope(Artifact.objects.filter(parent_id__isnull=False), scene)
    checks = [
        ("parent in another scene", artifacts.exclude(parent__scene=F("scene"))),
        ("parent missing", artifacts.filter(~Exists(Artifact.objects.filter(pk=OuterRef("parent_id"))))),
        (
            "parent of the same type is not an older version",
            artifacts.filter(parent__type=F("type"), parent__version__gte=F("version")),
        ),
    ]
    return [
        ArtifactProblem(
            "lineage",
            str(artifact["scene_id"]),
            f"{artifact['type']} v{artifact['version']} ({artifact['pk']}): {reason} (parent {artifact['parent_id']})",
        )
        for reason, queryset in checks
        for artifact in queryset.values("pk", "scene_id", "type", "version", "parent_id").order_by(
            "scene_id", "type", "version"
        )
    ]


def artifact_scenes_missing_types(*, scene: Scene | None = None, require: str | None = None) -> list[ArtifactProblem]:
    """Scenes lacking required types. With `require` ("planned"/"rendered") every scene in scope is held
    to that stage; without it, only scenes with artifacts, held to "rendered" once they have any
    render-stage artifact and to "planned" otherwise."""
    present = defaultdict(set)
    for scene_id, type in _in_scope(Artifact.objects.all(), scene).values_list("scene_id", "type").distinct():
        present[scene_id].add(type)
    if require is not None:
        scene_ids = _in_scope(Scene.objects.all(), scene, field="pk").values_list("pk", flat=True)
    else:
        scene_ids = present
    problems = []
    for scene_id in sorted(scene_ids, key=str):
        types = present[scene_id]
        stage = require or ("rendered" if types.intersection(RENDER_STAGE_TYPES) else "planned")
        missing = [type for type in REQUIRED_TYPES[stage] if type not in types]
        if missing:
            problems.append(ArtifactProblem("missing", str(scene_id), f"{stage} but has no {', '.join(missing)}"))
    return problems


def graph_run_list(*, status: str | None = None, story_id=None) -> QuerySet[GraphRun]:
    """Graph runs, newest first; with `story_id`, the story's own runs and those of its scenes."""
    runs = GraphRun.objects.select_related("story", "scene").order_by("-created_at")
    if status:
        runs = runs.filter(status=status)
    if story_id:
        runs = runs.filter(Q(story_id=story_id) | Q(scene__story_id=story_id))
    return runs
