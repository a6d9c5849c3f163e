"""The studio's project, story and scene pages, and who may see and change what."""

import json

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from artifacts.factories import SAMPLE_PAYLOADS, ArtifactFactory
from artifacts.models import Artifact, ArtifactType
from characters.factories import StoryCharacterFactory
from projects.factories import ProjectFactory, SceneFactory, StoryFactory
from projects.models import ProjectMembership, Story
from webtoon.tests.admin_helpers import change_form_data, staff_member

pytestmark = pytest.mark.django_db

Role = ProjectMembership.Role


@pytest.fixture
def project_a():
    return ProjectFactory(name="Lighthouse")


@pytest.fixture
def project_b():
    return ProjectFactory(name="Harbor")


@pytest.fixture
def bob(project_a):
    return staff_member(project_a, Role.EDITOR, username="bob")


@pytest.fixture
def vera(project_a):
    return staff_member(project_a, Role.VIEWER, username="vera")


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def test_a_staff_editor_sees_only_the_stories_of_their_projects(client, bob, project_a, project_b):
    mine = StoryFactory(project=project_a, title="Mine")
    StoryFactory(project=project_b, title="Theirs")
    client.force_login(bob)

    response = client.get(reverse("admin:projects_story_changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [mine]


def test_a_staff_editor_cannot_open_another_projects_story(client, bob, project_b):
    theirs = StoryFactory(project=project_b)
    client.force_login(bob)

    response = client.get(change_url(theirs))

    # The admin treats a row outside the user's scope exactly like a missing one.
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_a_staff_member_of_no_project_sees_no_studio(client):
    outsider = staff_member(ProjectFactory(), Role.EDITOR)
    ProjectMembership.objects.filter(user=outsider).delete()
    client.force_login(outsider)

    assert client.get(reverse("admin:projects_story_changelist")).status_code == 403


def test_a_viewer_sees_a_story_read_only_and_cannot_change_it(client, vera, project_a):
    story = StoryFactory(project=project_a, title="Before")
    client.force_login(vera)

    page = client.get(change_url(story))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    response = client.post(change_url(story), {"title": "After", "project": project_a.pk, "language": "auto"})

    assert response.status_code == 403
    story.refresh_from_db()
    assert story.title == "Before"


def add_story(client, **fields):
    data = change_form_data(client.get(reverse("admin:projects_story_add")))
    return client.post(reverse("admin:projects_story_add"), {**data, "language": "auto", **fields})


def test_an_editor_cannot_put_a_story_in_a_project_they_only_view(client, bob, project_b):
    ProjectMembership.objects.create(project=project_b, user=bob, role=Role.VIEWER)
    client.force_login(bob)

    response = add_story(client, project=project_b.pk, title="Sneaky", source_text="text")

    assert response.status_code == 200
    assert "project" in response.context["adminform"].form.errors
    assert not Story.objects.filter(title="Sneaky").exists()


def test_every_changelist_and_change_page_renders_for_a_staff_editor(client, bob, project_a):
    story = StoryFactory(project=project_a)
    scene = SceneFactory(story=story)
    StoryCharacterFactory(story=story)
    ArtifactFactory(scene=scene, type=ArtifactType.SCENE_INTENT, payload=SAMPLE_PAYLOADS[ArtifactType.SCENE_INTENT])
    client.force_login(bob)

    for model in admin.site._registry:
        opts = model._meta
        if opts.app_label not in {"projects", "characters", "artifacts", "styles", "episodes", "audit"}:
            continue
        changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert changelist.status_code == 200, opts.label
    for obj in (project_a, story, scene):
        assert client.get(change_url(obj)).status_code == 200, obj._meta.label


def test_an_uploaded_text_file_becomes_the_story_text(client, bob, project_a):
    client.force_login(bob)
    upload = SimpleUploadedFile("chapter.md", b"# One\n\nMina climbed the stairs.\r\n")

    response = add_story(client, project=project_a.pk, title="Uploaded", source_text="", upload=upload)

    assert response.status_code == 302
    assert Story.objects.get(title="Uploaded").source_text == "# One\n\nMina climbed the stairs.\n"


def test_it_refuses_an_upload_that_is_not_a_text_file_and_writes_nothing(client, bob, project_a):
    client.force_login(bob)
    upload = SimpleUploadedFile("cover.png", b"\x89PNG\r\n")

    response = add_story(client, project=project_a.pk, title="Nope", source_text="", upload=upload)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["upload"] == ["Upload a .txt or .md file."]
    assert not Story.objects.filter(title="Nope").exists()


def test_the_story_page_shows_its_characters_and_progress(client, bob, project_a):
    story = StoryFactory(
        project=project_a,
        generation_status=Story.GenerationStatus.PROCESSING,
        progress={"current_node": "split_scenes", "step": 3, "total_steps": 9, "message": "Splitting"},
    )
    link = StoryCharacterFactory(story=story)
    client.force_login(bob)

    page = client.get(change_url(story)).content.decode()

    assert link.character.name in page
    assert 'data-status="processing"' in page and "split_scenes" in page


def test_the_progress_endpoint_reports_the_node_step_and_error(client, bob, project_a):
    story = StoryFactory(
        project=project_a,
        generation_status=Story.GenerationStatus.FAILED,
        generation_error="write_script: provider timed out",
        progress={"current_node": "write_script", "step": 4, "total_steps": 9, "message": "Writing"},
    )
    client.force_login(bob)

    body = client.get(reverse("admin:projects_story_progress", args=[story.pk])).json()

    assert body["status"] == "failed"
    assert (body["current_node"], body["step"], body["total_steps"]) == ("write_script", 4, 9)
    assert body["error"] == "write_script: provider timed out"


def test_the_progress_endpoint_hides_another_projects_story(client, bob, project_b):
    client.force_login(bob)

    response = client.get(reverse("admin:projects_story_progress", args=[StoryFactory(project=project_b).pk]))

    assert response.status_code == 404


@pytest.fixture
def intent(project_a):
    scene = SceneFactory(story=StoryFactory(project=project_a))
    return ArtifactFactory(
        scene=scene, type=ArtifactType.SCENE_INTENT, version=1, payload=SAMPLE_PAYLOADS[ArtifactType.SCENE_INTENT]
    )


def edit_url(artifact):
    return reverse("admin:projects_scene_artifact_edit", args=[artifact.scene_id, artifact.pk])


def test_editing_an_artifact_saves_a_new_version_derived_from_it(client, bob, intent):
    client.force_login(bob)
    payload = {**intent.payload, "mood": "hopeful"}

    response = client.post(edit_url(intent), {"payload": json.dumps(payload)})

    assert response.status_code == 302
    latest = Artifact.objects.get(scene=intent.scene, type=ArtifactType.SCENE_INTENT, version=2)
    assert latest.payload["mood"] == "hopeful"
    assert latest.parent == intent
    assert latest.created_by == "bob"


def test_a_bad_payload_shows_the_field_error_and_writes_nothing(client, bob, intent):
    client.force_login(bob)
    payload = {**intent.payload, "pace": "glacial"}

    response = client.post(edit_url(intent), {"payload": json.dumps(payload)})

    assert response.status_code == 200
    errors = response.context["form"].errors["payload"]
    assert any(error.startswith("pace:") for error in errors)
    assert Artifact.objects.filter(scene=intent.scene).count() == 1


def test_text_that_is_not_json_is_refused_and_writes_nothing(client, bob, intent):
    client.force_login(bob)

    response = client.post(edit_url(intent), {"payload": "{not json"})

    assert response.status_code == 200
    assert "Not valid JSON" in response.context["form"].errors["payload"][0]
    assert Artifact.objects.filter(scene=intent.scene).count() == 1


def test_a_viewer_cannot_edit_an_artifact(client, vera, intent):
    client.force_login(vera)

    response = client.post(edit_url(intent), {"payload": json.dumps(intent.payload)})

    assert response.status_code == 403
    assert Artifact.objects.filter(scene=intent.scene).count() == 1


def test_the_history_lists_versions_with_lineage_and_a_diff(client, bob, intent):
    second = ArtifactFactory(
        scene=intent.scene, type=intent.type, version=2, parent=intent, payload={**intent.payload, "mood": "calm"}
    )
    client.force_login(bob)

    response = client.get(reverse("admin:projects_scene_artifact_history", args=[intent.scene_id, intent.type]))

    assert response.status_code == 200
    assert [row["artifact"] for row in response.context["rows"]] == [second, intent]
    assert [artifact.version for artifact in response.context["lineage"]] == [2, 1]
    changed = [line for css, line in response.context["diff"] if css in {"add", "del"}]
    assert changed == ['-  "mood": "tense",', '+  "mood": "calm",']


def test_the_scene_page_shows_the_latest_artifact_of_each_type(client, bob, intent):
    client.force_login(bob)

    page = client.get(change_url(intent.scene)).content.decode()

    assert "Scene intent" in page and edit_url(intent) in page


def test_saving_a_story_unchanged_keeps_its_scenes(client, bob, project_a):
    story = StoryFactory(project=project_a)
    SceneFactory(story=story, scene_index=0)
    client.force_login(bob)
    data = change_form_data(client.get(change_url(story)))

    response = client.post(change_url(story), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert story.scenes.count() == 1


def membership_rows(data):
    return {key: value for key, value in data.items() if key.startswith("memberships-")}


def test_an_owner_adds_a_member_from_the_project_page(client, project_a):
    owner = staff_member(project_a, Role.OWNER)
    newcomer = staff_member(ProjectFactory(), Role.EDITOR)
    client.force_login(owner)
    data = change_form_data(client.get(change_url(project_a)))
    total = int(data["memberships-TOTAL_FORMS"])
    data.update({"memberships-TOTAL_FORMS": str(total + 1), f"memberships-{total}-user": newcomer.username})
    data[f"memberships-{total}-role"] = Role.VIEWER

    response = client.post(change_url(project_a), data)

    assert response.status_code == 302
    assert ProjectMembership.objects.get(project=project_a, user=newcomer).role == Role.VIEWER


def test_demoting_the_last_owner_is_refused_and_nothing_is_saved(client, project_a):
    owner = staff_member(project_a, Role.OWNER)
    client.force_login(owner)
    data = change_form_data(client.get(change_url(project_a)))
    prefix = next(key for key, value in data.items() if key.endswith("-role") and value == Role.OWNER)
    data[prefix] = Role.EDITOR
    data["name"] = "Renamed"

    response = client.post(change_url(project_a), data, follow=True)

    assert "keeps at least one owner" in response.content.decode()
    assert ProjectMembership.objects.get(project=project_a, user=owner).role == Role.OWNER
    project_a.refresh_from_db()
    assert project_a.name == "Lighthouse"


def test_an_editor_cannot_change_the_members(client, bob, project_a):
    client.force_login(bob)

    page = client.get(change_url(project_a))
    membership = ProjectMembership.objects.get(user=bob)

    memberships = next(
        inline for inline in page.context["inline_admin_formsets"] if inline.opts.model is ProjectMembership
    )
    assert not memberships.has_change_permission and not memberships.has_add_permission
    response = client.post(reverse("admin:projects_projectmembership_delete", args=[membership.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert ProjectMembership.objects.filter(pk=membership.pk).exists()
