"""Projects, members, stories and scenes over the API."""

import pytest

from artifacts.models import GraphRun
from projects.models import Project, ProjectMembership

pytestmark = pytest.mark.django_db
Role = ProjectMembership.Role


def test_creating_a_project_makes_its_creator_the_owner(charlie, client_for):
    response = client_for(charlie).post("/api/v1/projects/", {"name": "Harbor", "description": ""})
    assert response.status_code == 201
    assert response.json()["role"] == "owner"
    project = Project.objects.get(pk=response.json()["project_id"])
    assert project.memberships.get().user == charlie


def test_the_project_list_shows_only_my_projects_with_my_role(world, carol, client_for):
    rows = client_for(carol).get("/api/v1/projects/").json()["results"]
    assert [(row["name"], row["role"]) for row in rows] == [("Lighthouse", "viewer")]


def test_an_owner_adds_a_member_by_username(world, alice, client_for):
    url = f"/api/v1/projects/{world.project.pk}/members/"
    response = client_for(alice).post(url, {"user": "dave", "role": "editor"})
    assert response.status_code == 201
    assert world.project.memberships.get(user=world.dave).role == Role.EDITOR
    again = client_for(alice).post(url, {"user": "dave", "role": "viewer"})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_member"


def test_the_last_owner_cannot_leave_or_step_down(world, alice, client_for):
    mine = world.project.memberships.get(user=alice)
    url = f"/api/v1/projects/{world.project.pk}/members/{mine.pk}/"
    assert client_for(alice).patch(url, {"role": "editor"}).json()["error"]["code"] == "last_owner"
    assert client_for(alice).delete(url).status_code == 409
    mine.refresh_from_db()
    assert mine.role == Role.OWNER


def test_an_owner_may_step_down_once_another_owner_exists(world, alice, bob, client_for):
    world.project.memberships.filter(user=bob).update(role=Role.OWNER)
    mine = world.project.memberships.get(user=alice)
    response = client_for(alice).patch(f"/api/v1/projects/{world.project.pk}/members/{mine.pk}/", {"role": "viewer"})
    assert response.status_code == 200
    mine.refresh_from_db()
    assert mine.role == Role.VIEWER


def test_a_story_needs_its_text(world, bob, client_for):
    response = client_for(bob).post(f"/api/v1/projects/{world.project.pk}/stories/", {"title": "Empty"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_generation_input"
    assert not world.project.stories.filter(title="Empty").exists()


def test_starting_generation_answers_202_with_the_run_to_poll(world, bob, client_for):
    client = client_for(bob)
    response = client.post(f"/api/v1/stories/{world.story.pk}/generate/", {"parameters": {"max_scenes": 4}})
    assert response.status_code == 202
    run = GraphRun.objects.get(pk=response.json()["run_id"])
    assert run.parameters["max_scenes"] == 4
    assert run.created_by == bob
    assert response["Location"] == f"/api/v1/runs/{run.pk}/"
    assert f"/api/v1/stories/{world.story.pk}/progress/" in response["Link"]
    assert client.get(response["Location"]).json()["status"] == "queued"
    progress = client.get(f"/api/v1/stories/{world.story.pk}/progress/").json()
    assert progress["status"] == "processing"
    assert progress["run_id"] == str(run.pk)


def test_a_second_start_while_processing_is_a_409(world, bob, client_for):
    client = client_for(bob)
    client.post(f"/api/v1/stories/{world.story.pk}/generate/")
    response = client.post(f"/api/v1/stories/{world.story.pk}/generate/")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "generation_in_progress"
    assert world.story.runs.filter(graph="story_build").count() == 2  # the world's run and the first start


def test_unknown_generation_parameters_are_refused_by_name(world, bob, client_for):
    response = client_for(bob).post(f"/api/v1/stories/{world.story.pk}/generate/", {"parameters": {"speed": 3}})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"speed": ["unknown"]}


def test_cancelling_stops_the_running_generation(world, bob, client_for):
    client = client_for(bob)
    run_id = client.post(f"/api/v1/stories/{world.story.pk}/generate/").json()["run_id"]
    GraphRun.objects.exclude(pk=run_id).update(status=GraphRun.Status.COMPLETED)
    response = client.post(f"/api/v1/stories/{world.story.pk}/cancel/")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert client.post(f"/api/v1/stories/{world.story.pk}/cancel/").json()["error"]["code"] == "nothing_to_cancel"


def test_locking_a_scene_keeps_the_pipeline_from_replanning_it(world, bob, client_for):
    client = client_for(bob)
    assert client.post(f"/api/v1/scenes/{world.scene.pk}/lock/").json()["planning_locked"] is True
    world.scene.refresh_from_db()
    assert world.scene.planning_locked
    assert client.post(f"/api/v1/scenes/{world.scene.pk}/unlock/").json()["planning_locked"] is False


def test_planning_a_scene_answers_202_with_a_scene_run(world, bob, client_for):
    response = client_for(bob).post(f"/api/v1/scenes/{world.scene.pk}/plan/")
    assert response.status_code == 202
    run = GraphRun.objects.get(pk=response.json()["run_id"])
    assert (run.graph, run.scene) == ("scene_planning", world.scene)


def test_a_scene_cannot_use_an_environment_of_another_project(world, bob, client_for):
    from projects.factories import EnvironmentAnchorFactory

    foreign = EnvironmentAnchorFactory()
    response = client_for(bob).patch(f"/api/v1/scenes/{world.scene.pk}/", {"environment": str(foreign.pk)})
    assert response.status_code == 400
    assert "environment" in response.json()["error"]["fields"]


def test_bubbles_are_validated_naming_the_failing_field(world, bob, client_for):
    bubble = {"bubble_id": "b1", "panel_index": 0, "type": "shout", "text": "Hey", "x": 0.5, "y": 0.5}
    response = client_for(bob).patch(f"/api/v1/dialogue-layers/{world.dialogue_layer.pk}/", {"bubbles": [bubble]})
    assert response.status_code == 400
    assert "0.type" in response.json()["error"]["fields"]["bubbles"]
