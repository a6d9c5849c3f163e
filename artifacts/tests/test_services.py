import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from artifacts.exceptions import InvalidParent, InvalidPayload
from artifacts.factories import sample_payload
from artifacts.models import Artifact, ArtifactType, Image
from artifacts.services import artifact_manual_edit, artifact_version_create, image_create
from projects.factories import SceneFactory, UserFactory
from projects.models import Scene
from webtoon.testing import raised_by, run_concurrently

pytestmark = pytest.mark.django_db

INTENT = ArtifactType.SCENE_INTENT
PLAN = ArtifactType.PANEL_PLAN


def create(scene, type=INTENT, **kwargs):
    return artifact_version_create(scene=scene, type=type, payload=sample_payload(type), **kwargs)


def test_versions_start_at_one_and_count_up_per_scene_and_type():
    scene, other_scene = SceneFactory(), SceneFactory()

    first, second = create(scene), create(scene)
    plan = create(scene, PLAN)
    elsewhere = create(other_scene)

    assert (first.version, second.version, plan.version, elsewhere.version) == (1, 2, 1, 1)


def test_each_version_is_derived_from_the_previous_latest_unless_told_otherwise():
    scene = SceneFactory()

    first, second, third = create(scene), create(scene), create(scene)
    plan = create(scene, PLAN)

    assert first.parent is None
    assert (second.parent, third.parent) == (first, second)
    assert plan.parent is None


def test_a_named_parent_of_another_type_records_derivation_across_types():
    scene = SceneFactory()
    plan = create(scene, PLAN)
    create(scene, ArtifactType.PANEL_PLAN_NORMALIZED)

    normalized = create(scene, ArtifactType.PANEL_PLAN_NORMALIZED, parent=plan)

    assert (normalized.version, normalized.parent) == (2, plan)


def test_it_refuses_a_parent_from_another_scene_and_writes_nothing():
    scene = SceneFactory()
    foreign = create(SceneFactory())

    with pytest.raises(InvalidParent):
        create(scene, parent=foreign)

    assert not Artifact.objects.filter(scene=scene).exists()


def test_it_records_who_wrote_the_version():
    scene = SceneFactory()
    user = UserFactory(username="mina")

    by_user = create(scene, actor=user)
    by_node = create(scene, actor="pipeline:panel_plan")
    by_nobody = create(scene)

    assert (by_user.created_by, by_user.updated_by) == ("mina", "mina")
    assert (by_node.created_by, by_node.updated_by) == ("pipeline:panel_plan", "pipeline:panel_plan")
    assert by_nobody.created_by == "system"


def test_it_stores_the_normalised_payload():
    payload = sample_payload(PLAN)
    payload["panels"][0]["weight"] = "0.25"

    artifact = artifact_version_create(scene=SceneFactory(), type=PLAN, payload=payload)

    artifact.refresh_from_db()
    assert artifact.payload["panels"][0]["weight"] == 0.25


def test_it_refuses_a_bad_payload_naming_the_field_and_writes_nothing():
    scene = SceneFactory()
    create(scene, PLAN)
    payload = sample_payload(PLAN)
    payload["panels"][0]["shot"] = "wide"

    with pytest.raises(InvalidPayload) as caught:
        artifact_version_create(scene=scene, type=PLAN, payload=payload)

    assert "panels.0.shot" in str(caught.value)
    assert "panels.0.shot" in caught.value.fields
    assert list(Artifact.objects.filter(scene=scene).values_list("version", flat=True)) == [1]


def test_a_manual_edit_of_an_old_version_becomes_the_latest_derived_from_it():
    scene = SceneFactory()
    first, _second = create(scene), create(scene)
    editor = UserFactory(username="editor")
    payload = sample_payload(INTENT)
    payload["mood"] = "hopeful"

    edited = artifact_manual_edit(artifact=first, payload=payload, user=editor)

    assert (edited.version, edited.parent, edited.created_by, edited.updated_by) == (3, first, "editor", "editor")
    assert edited.payload["mood"] == "hopeful"
    first.refresh_from_db()
    assert first.payload["mood"] == "tense"


def test_a_manual_edit_with_a_bad_payload_writes_nothing():
    artifact = create(SceneFactory())

    with pytest.raises(InvalidPayload) as caught:
        artifact_manual_edit(artifact=artifact, payload={"summary": ""}, user=UserFactory())

    assert "summary" in caught.value.fields
    assert Artifact.objects.count() == 1


def test_it_stores_an_image_under_the_scenes_render_folder_and_links_it():
    artifact = create(SceneFactory(), ArtifactType.RENDER_RESULT)
    scene = artifact.scene

    from_bytes = image_create(artifact=artifact, content=b"\x89PNG fake", filename="panel-0.png", metadata={"w": 1})
    from_file = image_create(artifact=artifact, content=ContentFile(b"second"), filename="../panel-0.png", metadata={})

    folder = f"renders/{scene.story_id}/{scene.pk}/"
    assert from_bytes.file.name == folder + "panel-0.png"
    assert from_file.file.name.startswith(folder) and from_file.file.name != from_bytes.file.name
    assert default_storage.open(from_bytes.file.name).read() == b"\x89PNG fake"
    assert from_bytes.image_url == default_storage.url(from_bytes.file.name)
    assert set(artifact.images.all()) == {from_bytes, from_file}
    assert Image.objects.get(pk=from_bytes.pk).metadata == {"w": 1}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_get_every_version_exactly_once():
    scene = SceneFactory()
    writers, versions_each = 8, 10

    def write():
        for _ in range(versions_each):
            create(scene, actor="pipeline:test")

    errors = [error for error in run_concurrently(writers, lambda index: raised_by(write)) if error]
    assert errors == []
    rows = list(Artifact.objects.filter(scene=scene).order_by("version").values_list("version", "parent__version"))
    assert [version for version, _ in rows] == list(range(1, writers * versions_each + 1))
    assert [parent for _, parent in rows] == [None, *range(1, writers * versions_each)]


def test_it_shortens_a_long_image_name_to_fit_the_column():
    artifact = create(SceneFactory(), ArtifactType.RENDER_RESULT)

    image = image_create(artifact=artifact, content=b"x", filename="a-very-long-panel-name-" * 5 + ".png")

    assert len(image.file.name) <= 100 and image.file.name.endswith(".png")


def synchronous_commit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.postgres
def test_a_users_version_waits_for_the_disk_flush_and_a_pipeline_version_does_not():
    scene = SceneFactory()

    create(scene, actor=UserFactory())
    assert synchronous_commit() == "on"

    create(scene, actor="pipeline:panel_plan")
    assert synchronous_commit() == "off"


def test_it_refuses_a_scene_that_does_not_exist_and_writes_nothing():
    ghost = SceneFactory.build()

    with pytest.raises(Scene.DoesNotExist):
        create(ghost)

    assert not Artifact.objects.exists()
