"""A graph run records the request that started it, whichever way it came in: API, admin, command or task."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from celery import shared_task, signals
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from artifacts.factories import GraphRunFactory
from artifacts.models import GraphRun
from artifacts.pipeline.recovery import recover_stuck_runs
from audit.models import AuditLog
from projects.factories import SceneFactory, StoryFactory
from projects.models import ProjectMembership, Story
from projects.services import story_generation_start
from webtoon.request_id import request_context
from webtoon.tests.admin_helpers import staff_member

pytestmark = pytest.mark.django_db
LIGHTHOUSE = Path(settings.BASE_DIR) / "demo" / "stories" / "lighthouse.md"


@shared_task(name="artifacts.tests.start_story_build")
def start_story_build(story_id: str) -> str:
    return str(story_generation_start(story=Story.objects.get(pk=story_id), queue=False).pk)


def request_id_of_creation(entity_id) -> str:
    return AuditLog.objects.get(entity_id=entity_id, action="create").request_id


def test_a_run_started_over_the_api_carries_the_requests_id(world, bob, client_for):
    response = client_for(bob).post(
        f"/api/v1/stories/{world.story.pk}/generate/", headers={"X-Request-ID": "api-start-1"}
    )

    run = GraphRun.objects.get(pk=response.json()["run_id"])
    assert run.request_id == "api-start-1" == response["X-Request-ID"]
    assert request_id_of_creation(run.pk) == "api-start-1"


def test_a_run_started_or_retried_in_the_admin_carries_the_pages_request_id(client):
    story = StoryFactory(source_text=LIGHTHOUSE.read_text()[:2000])
    client.force_login(staff_member(story.project, ProjectMembership.Role.EDITOR, username="bob"))

    client.post(
        reverse("admin:projects_story_generate", args=[story.pk]),
        {"mode": "characters_only", "max_scenes": 2},
        headers={"X-Request-ID": "admin-start-1"},
    )
    scene = SceneFactory(story=story)
    failed = GraphRunFactory(
        story=story, scene=scene, graph=GraphRun.Graph.SCENE_PLANNING, status=GraphRun.Status.FAILED
    )
    client.post(
        reverse("admin:artifacts_graphrun_changelist"),
        {"action": "retry_runs", "_selected_action": [failed.pk]},
        headers={"X-Request-ID": "admin-retry-1"},
    )

    assert GraphRun.objects.get(story=story, graph=GraphRun.Graph.STORY_BUILD).request_id == "admin-start-1"
    retried = GraphRun.objects.filter(scene=scene).exclude(pk=failed.pk).get()
    assert retried.request_id == "admin-retry-1"


def test_a_run_started_by_a_command_carries_the_commands_id():
    call_command(
        "build_story",
        "--file",
        str(LIGHTHOUSE),
        "--mode",
        "characters_only",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )

    run = GraphRun.objects.get()
    assert run.request_id
    # The same id as the story the command created: one command run, one traceable request.
    assert request_id_of_creation(run.story_id) == run.request_id == request_id_of_creation(run.pk)


def test_a_run_started_by_a_task_carries_the_id_of_the_request_that_published_it():
    story = StoryFactory(source_text="Tom waited by the lamp.")
    headers = {}
    with request_context(request_id="api-published-7", actor="bob"):
        signals.before_task_publish.send(sender="artifacts.tests.start_story_build", headers=headers, body=None)

    run_id = start_story_build.apply(args=[str(story.pk)], headers=headers).get()

    assert GraphRun.objects.get(pk=run_id).request_id == "api-published-7"


def test_an_explicit_request_id_wins_over_the_context():
    story = StoryFactory(source_text="Tom waited by the lamp.")

    with request_context(request_id="outer"):
        run = story_generation_start(story=story, request_id="given", queue=False)

    assert run.request_id == "given"


def test_a_recovered_run_resumes_under_the_request_that_started_it(django_capture_on_commit_callbacks):
    story = StoryFactory(source_text='Tom waited by the lamp.\n\n"Light it," Tom said.')
    with request_context(request_id="api-start-9", actor="bob"):
        run = story_generation_start(story=story, parameters={"render": False}, queue=False)
    GraphRun.objects.filter(pk=run.pk).update(
        status=GraphRun.Status.RUNNING, heartbeat_at=timezone.now() - timedelta(hours=1)
    )

    beat = request_context(request_id="beat-1", actor="task:recover_stuck_runs")
    with beat, django_capture_on_commit_callbacks(execute=True):
        recover_stuck_runs(stale_after_seconds=600)

    run.refresh_from_db()
    assert run.status == GraphRun.Status.COMPLETED
    scenes = AuditLog.objects.filter(entity_type="scenes", action="create")
    assert scenes.exists() and set(scenes.values_list("request_id", flat=True)) == {"api-start-9"}
