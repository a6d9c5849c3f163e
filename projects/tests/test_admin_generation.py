"""Generation from the studio: the Generate button and action, scene runs, renders and dialogue."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from artifacts.factories import GraphRunFactory
from artifacts.models import ArtifactType, GraphRun
from projects.factories import DialogueLayerFactory, ProjectFactory, SceneFactory, StoryFactory
from projects.models import DialogueLayer, ProjectMembership, Story
from webtoon.tests.admin_helpers import staff_member

pytestmark = pytest.mark.django_db

Role = ProjectMembership.Role
LIGHTHOUSE = (Path(settings.BASE_DIR) / "demo" / "stories" / "lighthouse.md").read_text()[:2500]


@pytest.fixture
def project():
    return ProjectFactory()


@pytest.fixture
def bob(project, client):
    user = staff_member(project, Role.EDITOR, username="bob")
    client.force_login(user)
    return user


def test_the_generate_button_starts_a_build_run_with_the_editors_settings(client, bob, project):
    story = StoryFactory(project=project, source_text=LIGHTHOUSE)

    response = client.post(
        reverse("admin:projects_story_generate", args=[story.pk]),
        {"mode": "characters_only", "max_scenes": 4, "panel_count": 3},
    )

    assert response.status_code == 302
    run = GraphRun.objects.get(story=story, graph=GraphRun.Graph.STORY_BUILD)
    assert (run.parameters["mode"], run.parameters["max_scenes"], run.parameters["panel_count"]) == (
        "characters_only",
        4,
        3,
    )
    assert run.created_by == bob
    story.refresh_from_db()
    assert story.generation_status == Story.GenerationStatus.PROCESSING


def test_the_generate_form_refuses_out_of_range_settings_and_starts_nothing(client, bob, project):
    story = StoryFactory(project=project, source_text=LIGHTHOUSE)

    response = client.post(
        reverse("admin:projects_story_generate", args=[story.pk]), {"mode": "full", "max_scenes": 99}
    )

    assert response.status_code == 200
    assert "max_scenes" in response.context["form"].errors
    assert not GraphRun.objects.exists()


def test_a_second_generation_while_processing_is_refused_with_a_message(client, bob, project):
    story = StoryFactory(project=project, generation_status=Story.GenerationStatus.PROCESSING)

    response = client.post(
        reverse("admin:projects_story_generate", args=[story.pk]), {"mode": "full", "max_scenes": 8}, follow=True
    )

    assert "already being generated" in response.content.decode()
    assert not GraphRun.objects.exists()


def test_the_generate_action_starts_a_run_for_every_selected_story(client, bob, project):
    stories = [StoryFactory(project=project, source_text=LIGHTHOUSE) for _ in range(2)]
    selection = {"action": "generate_selected", "_selected_action": [story.pk for story in stories]}

    form_page = client.post(reverse("admin:projects_story_changelist"), selection)
    assert form_page.status_code == 200 and form_page.context["stories"] == stories
    response = client.post(
        reverse("admin:projects_story_changelist"), {**selection, "generate": "1", "mode": "full", "max_scenes": 2}
    )

    assert response.status_code == 302
    assert GraphRun.objects.filter(graph=GraphRun.Graph.STORY_BUILD).count() == 2


def test_the_plan_and_render_buttons_start_scene_runs(client, bob, project):
    scene = SceneFactory(story=StoryFactory(project=project))

    client.post(reverse("admin:projects_scene_plan", args=[scene.pk]))
    client.post(reverse("admin:projects_scene_render", args=[scene.pk]))

    assert sorted(GraphRun.objects.filter(scene=scene).values_list("graph", flat=True)) == [
        GraphRun.Graph.SCENE_PLANNING,
        GraphRun.Graph.SCENE_RENDER,
    ]


def test_the_lock_button_toggles_planning_lock(client, bob, project):
    scene = SceneFactory(story=StoryFactory(project=project))

    client.post(reverse("admin:projects_scene_lock", args=[scene.pk]))
    scene.refresh_from_db()
    assert scene.planning_locked is True
    client.post(reverse("admin:projects_scene_lock", args=[scene.pk]))
    scene.refresh_from_db()
    assert scene.planning_locked is False


def test_a_viewer_cannot_start_a_scene_run(client, project):
    client.force_login(staff_member(project, Role.VIEWER))
    scene = SceneFactory(story=StoryFactory(project=project))

    assert client.post(reverse("admin:projects_scene_plan", args=[scene.pk])).status_code == 403
    assert not GraphRun.objects.exists()


def bubble_rows(*rows, initial=0):
    data = {"bubbles-TOTAL_FORMS": len(rows), "bubbles-INITIAL_FORMS": initial}
    for index, row in enumerate(rows):
        data.update({f"bubbles-{index}-{key}": value for key, value in row.items()})
    return data


def test_bubbles_are_saved_from_rows(client, bob, project):
    scene = SceneFactory(story=StoryFactory(project=project))
    row = {"panel_index": 0, "type": "speech", "speaker": "CHAR_A", "text": "Who lit it?", "x": 0.4, "y": 0.2}

    response = client.post(reverse("admin:projects_scene_dialogue", args=[scene.pk]), bubble_rows(row))

    assert response.status_code == 302
    (bubble,) = DialogueLayer.objects.get(scene=scene).bubbles
    assert (bubble["speaker"], bubble["text"], bubble["x"]) == ("CHAR_A", "Who lit it?", 0.4)


def test_a_bubble_with_a_bad_speaker_is_refused_and_nothing_changes(client, bob, project):
    layer = DialogueLayerFactory(
        scene=SceneFactory(story=StoryFactory(project=project)),
        bubbles=[
            {"bubble_id": "b1", "panel_index": 0, "type": "speech", "speaker": None, "text": "Hi", "x": 0.5, "y": 0.5}
        ],
    )
    row = {"bubble_id": "b1", "panel_index": 0, "type": "speech", "speaker": "mina", "text": "Hi", "x": 0.5, "y": 0.5}

    response = client.post(reverse("admin:projects_scene_dialogue", args=[layer.scene_id]), bubble_rows(row, initial=1))

    assert response.status_code == 200
    assert response.context["error"] is not None
    layer.refresh_from_db()
    assert layer.bubbles[0]["speaker"] is None


def test_a_generated_story_shows_its_scenes_and_the_scene_its_renders(
    client, bob, project, django_capture_on_commit_callbacks
):
    story = StoryFactory(project=project, source_text=LIGHTHOUSE)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:projects_story_generate", args=[story.pk]), {"mode": "full", "max_scenes": 2})

    story.refresh_from_db()
    assert story.generation_status == Story.GenerationStatus.COMPLETED, story.generation_error
    scene = story.scenes.order_by("scene_index").first()
    assert scene is not None
    page = client.get(reverse("admin:projects_scene_change", args=[scene.pk])).content.decode()
    assert "studio-scene-image" in page and "studio-panel-image" in page
    assert ArtifactType.RENDER_RESULT.label in page
    lettered = client.get(reverse("admin:projects_scene_lettered", args=[scene.pk]))
    assert lettered.status_code == 200 and lettered["Content-Type"] == "image/png"


def test_an_editor_cancels_a_scene_run_from_the_runs_list_and_a_viewer_cannot(client, project):
    scene = SceneFactory(story=StoryFactory(project=project))
    watched, cancelled = (
        GraphRunFactory(graph=GraphRun.Graph.SCENE_PLANNING, story=scene.story, scene=scene) for _ in "ab"
    )
    changelist = reverse("admin:artifacts_graphrun_changelist")

    client.force_login(staff_member(project, Role.VIEWER))
    client.post(changelist, {"action": "cancel_runs", "_selected_action": [watched.pk]})
    watched.refresh_from_db()
    assert watched.status == GraphRun.Status.QUEUED

    client.force_login(staff_member(project, Role.EDITOR))
    client.post(changelist, {"action": "cancel_runs", "_selected_action": [cancelled.pk]})
    cancelled.refresh_from_db()
    assert cancelled.status == GraphRun.Status.CANCELLED
