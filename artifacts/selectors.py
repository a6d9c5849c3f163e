"""Reads of artifacts: latest versions, history, lineage, and what a scene still lacks."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber

from artifacts.models import Artifact, ArtifactType
from projects.models import Scene

PLANNED_TYPES = (
    ArtifactType.SCENE_INTENT,
    ArtifactType.PANEL_PLAN,
    ArtifactType.PANEL_PLAN_NORMALIZED,
    ArtifactType.LAYOUT_TEMPLATE,
    ArtifactType.PANEL_SEMANTICS,
)
RENDERED_TYPES = (*PLANNED_TYPES, ArtifactType.RENDER_SPEC, ArtifactType.RENDER_RESULT, ArtifactType.QC_REPORT)
REQUIRED_TYPES = {"planned": PLANNED_TYPES, "rendered": RENDERED_TYPES}

# A cycle of parents cannot be made by the services, but admin can edit `parent`: stop following it here.
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
