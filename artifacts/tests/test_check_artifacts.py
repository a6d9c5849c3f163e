import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from artifacts.factories import ArtifactFactory, sample_payload
from artifacts.models import Artifact, ArtifactType
from artifacts.selectors import PLANNED_TYPES, RENDERED_TYPES
from artifacts.services import artifact_version_create
from projects.factories import SceneFactory

pytestmark = pytest.mark.django_db


def create(scene, type=ArtifactType.SCENE_INTENT, **kwargs):
    return artifact_version_create(scene=scene, type=type, payload=sample_payload(type), **kwargs)


def planned_scene(versions=1):
    scene = SceneFactory()
    for type in PLANNED_TYPES:
        for _ in range(versions):
            create(scene, type)
    return scene


def check(*args):
    out = StringIO()
    try:
        call_command("check_artifacts", *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


def test_it_exits_0_on_clean_artifacts():
    planned_scene(versions=3)
    SceneFactory()

    code, output = check()

    assert code == 0
    assert "No problems found." in output


def test_it_reports_the_gap_left_by_a_deleted_middle_version_and_exits_1():
    scene = planned_scene(versions=3)
    Artifact.objects.filter(scene=scene, type=ArtifactType.PANEL_PLAN, version=2).delete()

    code, output = check()

    assert code == 1
    assert f"scene {scene.pk}: panel_plan is missing v2 (latest is v3)" in output
    assert "Version gaps: 1" in output
    assert "Found 1 problem." in output


def test_it_reports_versions_that_do_not_start_at_1():
    scene = planned_scene()
    ArtifactFactory(scene=scene, type=ArtifactType.VISUAL_PLAN, version=3)

    code, output = check()

    assert code == 1
    assert "visual_plan is missing v1, v2 (latest is v3)" in output


def drop_constraint(definition_like):
    """Drops, inside the test's transaction (rolled back after it), the constraint a test must bypass."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'artifacts'::regclass"
            " AND pg_get_constraintdef(oid) LIKE %s",
            [definition_like],
        )
        (name,) = cursor.fetchone()
        cursor.execute(f'ALTER TABLE artifacts DROP CONSTRAINT "{name}"')


@pytest.mark.postgres
def test_it_reports_duplicates_that_bypassed_the_constraint():
    drop_constraint("UNIQUE (scene_id, type, version)%")
    scene = planned_scene()
    ArtifactFactory(scene=scene, type=ArtifactType.PANEL_PLAN, version=1)

    code, output = check()

    assert code == 1
    assert f"scene {scene.pk}: panel_plan v1 exists 2 times" in output


def test_it_reports_broken_lineage():
    scene = planned_scene()
    intent = Artifact.objects.get(scene=scene, type=ArtifactType.SCENE_INTENT)
    foreign = ArtifactFactory()
    newer = ArtifactFactory(scene=scene, type=ArtifactType.SCENE_INTENT, version=2, parent=intent)
    ArtifactFactory(scene=scene, type=ArtifactType.VISUAL_PLAN, version=1, parent=foreign)
    intent.parent = newer
    intent.save(update_fields=["parent"])

    code, output = check("--scene", str(scene.pk))

    assert code == 1
    assert "visual_plan v1" in output and "parent in another scene" in output
    assert f"scene_intent v1 ({intent.pk}): parent of the same type is not an older version" in output
    assert "Broken lineage: 2" in output


@pytest.mark.postgres
def test_it_reports_a_parent_that_no_longer_exists():
    drop_constraint("FOREIGN KEY (parent_id)%")
    scene = planned_scene()
    orphan = ArtifactFactory(scene=scene, type=ArtifactType.VISUAL_PLAN, parent_id=uuid.uuid4())

    code, output = check()

    assert code == 1
    assert f"visual_plan v1 ({orphan.pk}): parent missing" in output


def test_it_reports_scenes_with_artifacts_missing_required_types():
    scene = SceneFactory()
    create(scene, ArtifactType.SCENE_INTENT)
    SceneFactory()

    code, output = check()

    assert code == 1
    assert f"scene {scene.pk}: planned but has no panel_plan, panel_plan_normalized" in output
    assert "Missing required types: 1" in output


def test_a_scene_with_a_render_stage_artifact_is_held_to_the_rendered_types():
    scene = planned_scene()
    create(scene, ArtifactType.RENDER_SPEC)

    code, output = check()

    assert code == 1
    assert f"scene {scene.pk}: rendered but has no render_result, qc_report" in output


def test_require_holds_every_scene_in_scope_to_the_stage():
    scene = planned_scene()
    bare = SceneFactory()

    assert check("--require", "planned")[0] == 1
    assert check("--require", "planned", "--scene", str(scene.pk))[0] == 0
    code, output = check("--require", "rendered", "--scene", str(scene.pk))
    assert code == 1
    assert "rendered but has no render_spec, render_result, qc_report" in output
    code, output = check("--require", "planned", "--scene", str(bare.pk))
    assert f"scene {bare.pk}: planned but has no {', '.join(PLANNED_TYPES)}" in output
    for type in RENDERED_TYPES:
        create(scene, type)
    assert check("--require", "rendered", "--scene", str(scene.pk))[0] == 0


@pytest.mark.parametrize("scene_id", ["not-a-uuid", str(uuid.uuid4())])
def test_it_refuses_an_unknown_scene_clearly(scene_id):
    code, output = check("--scene", scene_id)

    assert code == 2
    assert f"No scene with id '{scene_id}'." in output
