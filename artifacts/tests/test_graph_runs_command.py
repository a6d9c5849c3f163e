"""Ops list, cancel and retry graph runs from the command line."""

import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from artifacts.factories import GraphRunFactory
from artifacts.models import GraphRun
from projects.factories import SceneFactory, StoryFactory

pytestmark = pytest.mark.django_db


def run_command(*args) -> str:
    out = StringIO()
    call_command("graph_runs", *args, stdout=out)
    return out.getvalue()


def test_the_list_shows_a_storys_runs_and_its_scenes_runs_with_their_failure():
    story = StoryFactory()
    failed = GraphRunFactory(story=story, status=GraphRun.Status.FAILED, failed_node="panel_plan", error="HTTP 500")
    scene_run = GraphRunFactory(
        story=None, scene=SceneFactory(story=story), graph=GraphRun.Graph.SCENE_RENDER, parameters={}
    )
    other = GraphRunFactory()

    listed = run_command("--story", str(story.pk))

    assert str(failed.pk) in listed and "panel_plan: HTTP 500" in listed
    assert str(scene_run.pk) in listed and str(other.pk) not in listed
    assert listed.rstrip().endswith("2 run(s).")
    assert str(failed.pk) in run_command("--status", "failed") and str(scene_run.pk) not in run_command(
        "--status", "failed"
    )


def test_a_cancelled_run_is_retried_as_a_new_queued_run():
    run = GraphRunFactory(status=GraphRun.Status.QUEUED)

    assert "cancelled" in run_command("--cancel", str(run.pk))
    run.refresh_from_db()
    assert run.status == GraphRun.Status.CANCELLED

    retried = run_command("--retry", str(run.pk))
    new_run = GraphRun.objects.exclude(pk=run.pk).get(story=run.story)
    assert retried.startswith(str(new_run.pk))
    # The same parameters, completed with the defaults of today's pipeline.
    assert new_run.parameters.items() >= run.parameters.items()


def test_an_unknown_run_or_a_bad_story_id_is_a_clear_error():
    with pytest.raises(CommandError, match="No graph run with id"):
        run_command("--cancel", str(uuid.uuid4()))
    with pytest.raises(CommandError, match="No graph run with id"):
        run_command("--retry", "not-a-uuid")
    with pytest.raises(CommandError, match="Not a story id"):
        run_command("--story", "42")
