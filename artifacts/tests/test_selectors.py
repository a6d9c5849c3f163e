import pytest

from artifacts.factories import ArtifactFactory, sample_payload
from artifacts.models import ArtifactType
from artifacts.selectors import (
    PLANNED_TYPES,
    RENDERED_TYPES,
    artifact_history,
    artifact_latest_by_type,
    artifact_lineage,
    artifact_missing_required_types,
)
from artifacts.services import artifact_manual_edit, artifact_version_create
from projects.factories import SceneFactory, UserFactory

pytestmark = pytest.mark.django_db


def create(scene, type, **kwargs):
    return artifact_version_create(scene=scene, type=type, payload=sample_payload(type), **kwargs)


def test_latest_by_type_returns_the_newest_version_of_each_type_in_one_query(django_assert_num_queries):
    scene = SceneFactory()
    for type, count in [(ArtifactType.SCENE_INTENT, 3), (ArtifactType.PANEL_PLAN, 1), (ArtifactType.QC_REPORT, 2)]:
        for _ in range(count):
            create(scene, type)
    create(SceneFactory(), ArtifactType.SCENE_INTENT)

    with django_assert_num_queries(1):
        latest = artifact_latest_by_type(scene=scene)
        versions = {type: artifact.version for type, artifact in latest.items()}

    assert versions == {"scene_intent": 3, "panel_plan": 1, "qc_report": 2}


def test_latest_by_type_of_a_scene_without_artifacts_is_empty():
    assert artifact_latest_by_type(scene=SceneFactory()) == {}


def test_history_lists_every_version_newest_first_per_type(django_assert_num_queries):
    scene = SceneFactory()
    for _ in range(3):
        create(scene, ArtifactType.SCENE_INTENT)
    create(scene, ArtifactType.PANEL_PLAN)

    with django_assert_num_queries(1):
        rows = [(a.type, a.version, a.parent.version if a.parent else None) for a in artifact_history(scene=scene)]

    assert rows == [("panel_plan", 1, None), ("scene_intent", 3, 2), ("scene_intent", 2, 1), ("scene_intent", 1, None)]
    assert [a.version for a in artifact_history(scene=scene, type=ArtifactType.PANEL_PLAN)] == [1]


def test_lineage_follows_parents_across_types_and_edits_back_to_the_root(django_assert_num_queries):
    scene = SceneFactory()
    plan_1 = create(scene, ArtifactType.PANEL_PLAN)
    plan_2 = create(scene, ArtifactType.PANEL_PLAN)
    normalized = create(scene, ArtifactType.PANEL_PLAN_NORMALIZED, parent=plan_2)
    edited = artifact_manual_edit(
        artifact=normalized, payload=sample_payload(ArtifactType.PANEL_PLAN_NORMALIZED), user=UserFactory()
    )
    create(scene, ArtifactType.PANEL_PLAN)

    with django_assert_num_queries(1):
        chain = artifact_lineage(artifact=edited)

    assert chain == [edited, normalized, plan_2, plan_1]
    assert [artifact.depth for artifact in chain] == [0, 1, 2, 3]
    assert artifact_lineage(artifact=plan_1) == [plan_1]


def test_lineage_stops_on_a_cycle_of_parents():
    scene = SceneFactory()
    first = ArtifactFactory(scene=scene, version=1)
    second = ArtifactFactory(scene=scene, version=2, parent=first)
    first.parent = second
    first.save(update_fields=["parent"])

    chain = artifact_lineage(artifact=second)

    assert chain[:4] == [second, first, second, first]
    assert len(chain) == 1001


def test_missing_required_types_names_what_a_planned_or_rendered_scene_lacks():
    scene = SceneFactory()
    for type in (ArtifactType.SCENE_INTENT, ArtifactType.PANEL_PLAN, ArtifactType.QC_REPORT):
        create(scene, type)

    assert artifact_missing_required_types(scene=scene) == [
        "panel_plan_normalized",
        "layout_template",
        "panel_semantics",
    ]
    assert artifact_missing_required_types(scene=scene, required=RENDERED_TYPES) == [
        "panel_plan_normalized",
        "layout_template",
        "panel_semantics",
        "render_spec",
        "render_result",
    ]


def test_a_fully_planned_scene_misses_nothing():
    scene = SceneFactory()
    for type in PLANNED_TYPES:
        create(scene, type)

    assert artifact_missing_required_types(scene=scene, required=PLANNED_TYPES) == []
