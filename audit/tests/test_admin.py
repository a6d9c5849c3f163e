"""The audit trail in the studio: read-only, filtered by entity, action, actor and request, scoped."""

import pytest
from django.urls import reverse

from audit.factories import AuditLogFactory
from audit.models import AuditLog
from projects.factories import ProjectFactory, StoryFactory
from projects.models import ProjectMembership
from webtoon.tests.admin_helpers import change_form_data, staff_member

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:audit_auditlog_changelist")


@pytest.fixture
def project():
    return ProjectFactory()


@pytest.fixture
def bob(project, client):
    user = staff_member(project, ProjectMembership.Role.EDITOR, username="bob")
    client.force_login(user)
    return user


def listed(client, **params):
    return list(client.get(CHANGELIST, params).context["cl"].result_list)


def test_an_edit_in_the_studio_is_traced_to_its_request_and_editor(client, bob, project):
    story = StoryFactory(project=project, title="Before")
    data = change_form_data(client.get(reverse("admin:projects_story_change", args=[story.pk])))

    response = client.post(reverse("admin:projects_story_change", args=[story.pk]), {**data, "title": "After"})

    (entry,) = AuditLog.objects.filter(entity_id=story.pk, action=AuditLog.Action.UPDATE)
    assert (entry.actor, entry.request_id) == ("bob", response["X-Request-ID"])
    assert entry.new_value["title"] == "After"
    assert listed(client, request_id=entry.request_id) == [entry]


def test_every_object_page_links_to_its_audit_trail(client, bob, project):
    story = StoryFactory(project=project)

    page = client.get(reverse("admin:projects_story_change", args=[story.pk])).content.decode()

    assert f'href="{CHANGELIST}?entity_id={story.pk}"' in page
    assert [entry.entity_id for entry in listed(client, entity_id=story.pk)] == [story.pk]


def test_the_trail_filters_by_action_and_actor(client, bob, project):
    story = StoryFactory(project=project)
    AuditLogFactory(entity_id=story.pk, action=AuditLog.Action.DELETE, actor="carol")

    assert {entry.action for entry in listed(client, action="delete")} == {"delete"}
    assert {entry.actor for entry in listed(client, actor="carol")} == {"carol"}


def test_a_malformed_entity_id_lists_nothing_instead_of_failing(client, bob):
    assert listed(client, entity_id="not-a-uuid") == []


def test_an_editor_sees_the_trail_of_their_projects_only(client, bob, project):
    mine = StoryFactory(project=project)
    theirs = StoryFactory(project=ProjectFactory())

    entity_ids = {entry.entity_id for entry in listed(client)}

    assert mine.pk in entity_ids and theirs.pk not in entity_ids


def test_the_trail_cannot_be_changed_from_the_studio(client, bob, project):
    entry = AuditLogFactory(entity_id=StoryFactory(project=project).pk)
    url = reverse("admin:audit_auditlog_change", args=[entry.pk])

    assert client.get(url).status_code == 200
    assert client.post(url, {"actor": "mallory"}).status_code == 403
    entry.refresh_from_db()
    assert entry.actor == "alice"
