"""The bulk paths (QuerySet.update, bulk_create, bulk_update, QuerySet.delete) are audited per row."""

import pytest
from django.db.models import F, Value
from django.db.models.functions import Concat

from audit import capture
from audit.models import AuditLog
from projects.factories import ProjectFactory, StoryFactory
from projects.models import Story
from styles.factories import StylePresetFactory
from styles.models import StylePreset

pytestmark = pytest.mark.django_db


def updates_of(*instances):
    ids = [instance.pk for instance in instances]
    rows = AuditLog.objects.filter(entity_id__in=ids, action="update")
    return {row.entity_id: (row.old_value, row.new_value) for row in rows}


def test_a_queryset_update_writes_a_row_per_changed_row():
    project = ProjectFactory()
    first, second = StoryFactory(project=project, title="A"), StoryFactory(project=project, title="B")
    untouched = StoryFactory(title="C")

    count = Story.objects.filter(project=project).update(title=Concat(F("title"), Value("!")))

    assert count == 2
    assert updates_of(first, second, untouched) == {
        first.pk: ({"title": "A"}, {"title": "A!"}),
        second.pk: ({"title": "B"}, {"title": "B!"}),
    }


def test_a_queryset_update_to_the_same_value_writes_nothing():
    story = StoryFactory(title="Same")

    Story.objects.filter(pk=story.pk).update(title="Same")

    assert updates_of(story) == {}


def test_a_queryset_update_audits_rows_that_stop_matching_the_filter():
    story = StoryFactory(generation_status="idle")

    Story.objects.filter(generation_status="idle").update(generation_status="processing")

    assert updates_of(story) == {story.pk: ({"generation_status": "idle"}, {"generation_status": "processing"})}


def test_bulk_update_writes_a_row_per_changed_row():
    first, second = StoryFactory(title="A"), StoryFactory(title="B")
    first.title = "A2"

    Story.objects.bulk_update([first, second], ["title"])

    assert updates_of(first, second) == {first.pk: ({"title": "A"}, {"title": "A2"})}


def test_bulk_create_writes_a_create_row_per_row():
    project = ProjectFactory()

    stories = Story.objects.bulk_create([Story(project=project, title=f"S{n}") for n in range(3)])

    rows = AuditLog.objects.filter(action="create", entity_type="stories")
    assert {row.entity_id: row.new_value["title"] for row in rows} == {story.pk: story.title for story in stories}


def test_bulk_create_ignoring_conflicts_reports_only_the_rows_inserted():
    existing = StoryFactory()
    project = existing.project
    new = Story(project=project, title="New")

    Story.objects.bulk_create([Story(pk=existing.pk, project=project, title="Clash"), new], ignore_conflicts=True)

    created = set(AuditLog.objects.filter(action="create", entity_type="stories").values_list("entity_id", flat=True))
    assert created == {existing.pk, new.pk}
    assert AuditLog.objects.filter(entity_id=existing.pk).count() == 1


def test_a_queryset_delete_writes_a_row_per_deleted_row():
    project = ProjectFactory()
    stories = [StoryFactory(project=project, title=f"S{n}") for n in range(3)]
    expected = {story.pk: story.title for story in stories}

    Story.objects.filter(project=project).delete()

    rows = AuditLog.objects.filter(action="delete", entity_type="stories")
    assert {row.entity_id: row.old_value["title"] for row in rows} == expected


def test_related_manager_writes_are_audited():
    project = ProjectFactory()
    story = project.stories.create(title="Via related manager")

    project.stories.update(title="Renamed")

    assert updates_of(story) == {story.pk: ({"title": "Via related manager"}, {"title": "Renamed"})}


def test_bulk_paths_write_nothing_when_capture_is_off():
    story = StoryFactory(title="A")

    with capture.disabled():
        Story.objects.filter(pk=story.pk).update(title="B")
        Story.objects.bulk_create([Story(project=story.project, title="Quiet")])

    assert updates_of(story) == {}
    assert AuditLog.objects.filter(entity_type="stories").count() == 1


def test_tree_bulk_updates_work_and_audit_only_real_fields():
    root = StylePresetFactory(name="root")
    StylePresetFactory(name="child", parent=root, project=root.project)

    StylePreset.objects.filter(pk=root.pk).update(label="Root")
    StylePreset.objects.partial_rebuild(root.tree_id)

    assert updates_of(root) == {root.pk: ({"label": root.label}, {"label": "Root"})}
    assert StylePreset.objects.get(pk=root.pk).get_descendant_count() == 1
