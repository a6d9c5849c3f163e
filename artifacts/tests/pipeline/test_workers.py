"""Real Celery workers (subprocesses) on Redis and the test's PostgreSQL database.

Skipped unless REDIS_URL is set and the database is PostgreSQL (workers cannot share an in-memory
SQLite database with the test).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from artifacts.models import Artifact, GraphRun
from artifacts.pipeline.recovery import recover_stuck_runs
from artifacts.tasks import purge_queues
from artifacts.tests.pipeline.conftest import STORIES
from projects.factories import ProjectFactory
from projects.models import Story
from projects.services import story_create, story_generation_start
from webtoon.celery import app as celery_app

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL for a real worker"),
]
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def worker_env(media_root, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("real workers need the test database on PostgreSQL")
    # The build must go to the workers even if an earlier test left the app eager (in a full run one
    # did: the story was built in this process and the test passed without a worker).
    monkeypatch.setattr(celery_app.conf, "task_always_eager", False)
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        "MEDIA_ROOT": str(media_root),
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    purge_queues()
    return env


@pytest.fixture
def start_worker(worker_env):
    started = []

    def start(name: str) -> subprocess.Popen:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "webtoon",
                "worker",
                "--loglevel=WARNING",
                "--concurrency=2",
                f"--hostname={name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--queues=celery,generation",
            ],
            cwd=ROOT,
            env=worker_env,
            start_new_session=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _wait_for(condition, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def _duplicated(story) -> list:
    """Work done twice: two versions of one (scene, type) made from the same inputs."""
    seen, twice = set(), []
    for scene_id, type, payload in Artifact.objects.filter(scene__story=story).values_list("scene", "type", "payload"):
        key = (scene_id, type, payload["_meta"]["input_key"])
        if key in seen:
            twice.append(key)
        seen.add(key)
    return twice


def _story():
    text = (STORIES / "lighthouse.md").read_text()
    return story_create(project=ProjectFactory(), title="Lighthouse", source_text=text)


def test_workers_build_a_story_planning_and_rendering_its_scenes_in_parallel(start_worker):
    start_worker("one")
    start_worker("two")
    story = _story()

    run = story_generation_start(story=story, parameters={"render": True})

    assert _wait_for(lambda: Story.objects.get(pk=story.pk).generation_status != Story.GenerationStatus.PROCESSING)
    run.refresh_from_db()
    assert run.status == GraphRun.Status.COMPLETED, run.error
    # Planning and rendering each went out as a chord, one task per scene, and the build resumed at
    # the stage once every scene of it was done, without going through the nodes before it again.
    assert run.checkpoint.get("plan:done:0") and run.checkpoint.get("render:done:0"), sorted(run.checkpoint)
    assert run.node_timings["plan_scenes"]["calls"] >= 2 and run.node_timings["render_scenes"]["calls"] == 2
    assert run.node_timings["validate_input"]["calls"] == run.node_timings["persist_story"]["calls"] == 1
    for scene in story.scenes.all():
        assert Artifact.objects.filter(scene=scene, type="scene_intent").exists()
        assert Artifact.objects.filter(scene=scene, type="render_result").exists()
    assert _duplicated(story) == []


def test_a_story_whose_worker_was_killed_completes_on_another_without_duplicates(start_worker):
    first = start_worker("doomed")
    story = _story()
    run = story_generation_start(story=story, parameters={"render": True})
    assert _wait_for(lambda: GraphRun.objects.get(pk=run.pk).node_timings.get("scene_intent"), timeout=120)

    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=20)
    start_worker("rescuer")
    # Whether the doomed worker held a task in flight depends on timing: if it did, the run goes
    # quiet and the recovery check (beat's job) resumes it; if not, the rescuer simply takes the
    # queued tasks. Either way the story must complete with nothing done twice.
    outcomes = []

    def finished_or_recovered():
        if GraphRun.objects.get(pk=run.pk).status == GraphRun.Status.COMPLETED:
            return True
        outcomes.extend(recover_stuck_runs(stale_after_seconds=3))
        return bool(outcomes)

    assert _wait_for(finished_or_recovered, timeout=120)
    assert [outcome for _, outcome in outcomes] in ([], ["resumed (recovery 1)"])
    assert _wait_for(lambda: GraphRun.objects.get(pk=run.pk).status == GraphRun.Status.COMPLETED)
    story.refresh_from_db()
    assert story.generation_status == Story.GenerationStatus.COMPLETED
    assert _duplicated(story) == []
