"""Every save and delete of a domain row writes one audit row with the right values."""

import datetime
import uuid

import pytest
from django.core.files.base import ContentFile
from django.db import DataError

from artifacts.factories import ArtifactFactory, ImageFactory
from audit import capture
from audit.models import AuditLog
from characters.factories import CharacterFactory
from episodes.factories import EpisodeFactory
from projects.factories import LayerFactory, ProjectFactory, SceneFactory, StoryFactory
from projects.models import Layer, Project, Scene, Story
from styles.factories import StylePresetFactory
from styles.models import StylePreset
from webtoon.request_id import request_context

pytestmark = pytest.mark.django_db


def test_it_writes_one_create_row_with_the_full_snapshot(trail):
    story = StoryFactory(title="The Lighthouse")

    [row] = trail(story)
    assert (row.entity_type, row.action, row.actor, row.request_id) == ("stories", "create", "system", "")
    assert row.old_value is None
    assert row.new_value["title"] == "The Lighthouse"
    assert row.new_value["story_id"] == str(story.pk)
    assert row.new_value["project_id"] == str(story.project_id)
    assert row.new_value["progress"] == {}
    assert datetime.datetime.fromisoformat(row.new_value["created_at"]) == story.created_at


def test_it_writes_only_the_changed_fields_of_an_update(trail):
    story = Story.objects.get(pk=StoryFactory(title="Draft", source_text="Once.").pk)

    story.title = "Final"
    story.source_text = "Once."
    story.save()

    [row] = trail(story, "update")
    assert row.old_value == {"title": "Draft"}
    assert row.new_value == {"title": "Final"}


def test_it_diffs_only_the_update_fields_named(trail):
    story = StoryFactory(title="Draft", language="en")
    story.title = "Final"
    story.language = "ko"

    story.save(update_fields=["title"])

    [row] = trail(story, "update")
    assert row.new_value == {"title": "Final"}


def test_a_save_that_changes_nothing_writes_nothing(trail):
    story = StoryFactory()
    loaded = Story.objects.get(pk=story.pk)

    loaded.save()
    story.save()

    assert [row.action for row in trail(story)] == ["create"]


def test_it_sees_a_json_field_changed_in_place(trail):
    layer = Layer.objects.get(pk=LayerFactory(layer_objects=[{"id": "a"}]).pk)

    layer.layer_objects.append({"id": "b"})
    layer.save(update_fields=["layer_objects"])

    [row] = trail(layer, "update")
    assert row.entity_type == "layers"
    assert row.old_value == {"layer_objects": [{"id": "a"}]}
    assert row.new_value == {"layer_objects": [{"id": "a"}, {"id": "b"}]}


def test_it_names_a_foreign_key_by_its_column_and_a_file_by_its_name(trail):
    scene = SceneFactory()
    other_story = StoryFactory(project=scene.story.project)
    scene.story = other_story
    scene.save(update_fields=["story"])
    image = ImageFactory()
    image.file.save("panel.png", ContentFile(b"png"), save=False)
    image.save(update_fields=["file"])

    [scene_row] = trail(scene, "update")
    assert scene_row.new_value == {"story_id": str(other_story.pk)}
    [image_row] = trail(image, "update")
    assert image_row.old_value == {"file": ""}
    assert image_row.new_value["file"].startswith("images/") and image_row.new_value["file"].endswith(".png")


def test_it_writes_a_delete_row_with_the_last_values(trail):
    project = ProjectFactory(name="Harbour")
    project_id = project.pk

    project.delete()

    [row] = AuditLog.objects.filter(entity_id=project_id, action="delete")
    assert row.entity_type == "projects"
    assert row.old_value["name"] == "Harbour"
    assert row.new_value is None


def test_a_cascade_delete_writes_a_row_per_deleted_row():
    artifact = ArtifactFactory()
    scene, story, project = artifact.scene, artifact.scene.story, artifact.scene.story.project
    expected = {
        ("projects", project.pk),
        ("stories", story.pk),
        ("scenes", scene.pk),
        ("artifacts", artifact.pk),
    }

    project.delete()

    assert expected <= set(AuditLog.objects.filter(action="delete").values_list("entity_type", "entity_id"))


def test_a_set_null_on_delete_is_audited_as_an_update_of_the_referring_row(trail):
    preset = StylePresetFactory()
    episode = EpisodeFactory(default_image_style=preset)
    preset_id = str(preset.pk)

    preset.delete()

    [row] = trail(episode, "update")
    assert (row.old_value, row.new_value) == ({"default_image_style_id": preset_id}, {"default_image_style_id": None})


def test_refresh_from_db_moves_the_baseline(trail):
    story = StoryFactory(title="A")
    Story.objects.filter(pk=story.pk).update(title="B")

    story.refresh_from_db()
    story.title = "C"
    story.save(update_fields=["title"])

    updates = trail(story, "update")
    assert [(row.old_value, row.new_value) for row in updates] == [
        ({"title": "A"}, {"title": "B"}),
        ({"title": "B"}, {"title": "C"}),
    ]


def test_an_instance_never_loaded_is_diffed_against_the_row(trail):
    story = StoryFactory(title="Stored")
    detached = Story(pk=story.pk, project=story.project, title="Detached", source_text=story.source_text)
    detached._state.adding = False

    detached.save(update_fields=["title"])

    [row] = trail(story, "update")
    assert (row.old_value, row.new_value) == ({"title": "Stored"}, {"title": "Detached"})


def test_style_presets_keep_their_tree_and_log_no_tree_bookkeeping(trail):
    root = StylePresetFactory(name="root")
    child = StylePresetFactory(name="child", parent=root, project=root.project)
    sibling = StylePresetFactory(name="another", parent=root, project=root.project)

    root.refresh_from_db()
    assert list(root.get_children()) == [sibling, child]
    assert [row.action for row in trail(root)] == ["create"]
    assert StylePreset.objects.filter(pk=child.pk).get().get_root() == root
    assert "lft" not in str(AuditLog.objects.filter(action="update").values_list("new_value", flat=True))


def test_capture_can_be_switched_off_for_a_block(trail):
    story = StoryFactory()

    with capture.disabled():
        story.title = "Quiet"
        story.save(update_fields=["title"])
        CharacterFactory()
    story.title = "Loud"
    story.save(update_fields=["title"])

    assert [(row.action, row.old_value) for row in trail(story)] == [
        ("create", None),
        ("update", {"title": "Quiet"}),
    ]
    assert not AuditLog.objects.filter(entity_type="characters").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_change_whose_audit_row_cannot_be_written_is_rolled_back():
    story = StoryFactory(title="Kept")

    # PostgreSQL refuses an actor longer than the column: the audit INSERT fails after the UPDATE.
    with request_context(actor="x" * 200), pytest.raises(DataError):
        story.title = "Lost"
        story.save(update_fields=["title"])

    assert Story.objects.get(pk=story.pk).title == "Kept"
    assert not AuditLog.objects.filter(entity_id=story.pk, action="update").exists()


def test_every_domain_model_is_audited_and_nothing_else():
    audited = {model._meta.app_label for model in capture.audited_models()}
    assert audited == set(capture.AUDITED_APPS)
    assert capture.spec_for(AuditLog) is None
    assert capture.model_for_entity_type("scenes") is Scene
    assert capture.spec_for(Project).entity_type == "projects"
    assert uuid.UUID(str(ProjectFactory().pk))


def test_a_row_loaded_while_capture_was_off_is_diffed_against_the_database(trail):
    story = StoryFactory(title="Before")
    with capture.disabled():
        loaded = Story.objects.get(pk=story.pk)

    loaded.title = "After"
    loaded.save(update_fields=["title"])

    [row] = trail(story, "update")
    assert (row.old_value, row.new_value) == ({"title": "Before"}, {"title": "After"})


def test_a_batched_block_writes_its_rows_at_its_end_with_the_time_of_each_change(trail):
    stories = [StoryFactory(title=f"S{n}") for n in range(3)]

    with capture.batched():
        for story in stories:
            story.title += "!"
            story.save(update_fields=["title"])
        assert not AuditLog.objects.filter(action="update").exists()

    rows = list(AuditLog.objects.filter(action="update").order_by("timestamp"))
    assert [(row.entity_id, row.new_value) for row in rows] == [(story.pk, {"title": story.title}) for story in stories]
    assert rows[0].timestamp < rows[-1].timestamp


def test_a_failed_batched_block_writes_neither_changes_nor_rows():
    story = StoryFactory(title="Kept")

    with pytest.raises(RuntimeError), capture.batched():
        story.title = "Lost"
        story.save(update_fields=["title"])
        raise RuntimeError("the task failed")

    assert Story.objects.get(pk=story.pk).title == "Kept"
    assert not AuditLog.objects.filter(action="update").exists()
