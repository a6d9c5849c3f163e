"""The generation commands, as ops run them."""

import re
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from artifacts.models import Artifact, GraphRun
from artifacts.tests.pipeline.conftest import SHORT_STORY, STORIES
from projects.models import Project, Story

pytestmark = pytest.mark.django_db


def test_build_story_builds_in_the_foreground_and_says_where_the_files_are(tmp_path):
    out, err = StringIO(), StringIO()

    call_command("build_story", file=str(STORIES / "bakery.md"), project="Bakery", stdout=out, stderr=err)

    story = Story.objects.get(project__name="Bakery")
    assert story.generation_status == Story.GenerationStatus.COMPLETED
    assert "completed" in out.getvalue() and "scene.png" in out.getvalue()
    assert "100%" in err.getvalue()  # the progress bar reached its end


def test_the_build_progress_bar_starts_with_the_runs_own_estimate_not_a_total_of_one(tmp_path):
    story_file = tmp_path / "story.md"
    story_file.write_text(SHORT_STORY)
    err = StringIO()

    call_command("build_story", file=str(story_file), stdout=StringIO(), stderr=err)

    totals = {int(total) for total in re.findall(r"\d+/(\d+) \[", err.getvalue())}
    assert totals and min(totals) > 1
    assert not re.search(r"\b0step", err.getvalue())  # no bar before the run knows its size


def test_build_story_refuses_an_empty_file_and_writes_nothing(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("   \n")

    with pytest.raises(CommandError, match="empty"):
        call_command("build_story", file=str(empty), stdout=StringIO(), stderr=StringIO())

    assert not Story.objects.exists() and not Project.objects.exists()


def test_build_story_exits_with_an_error_when_the_run_fails(tmp_path, settings):
    settings.LLM_PROVIDER = "openai"
    settings.OPENAI_BASE_URL = "http://127.0.0.1:9/v1"  # nothing listens on the discard port
    settings.PROVIDER_MAX_RETRIES = 0
    story_file = tmp_path / "story.md"
    story_file.write_text(SHORT_STORY)

    with pytest.raises(CommandError, match="failed in write_script"):
        call_command("build_story", file=str(story_file), stdout=StringIO(), stderr=StringIO())

    assert Story.objects.get().generation_status == Story.GenerationStatus.FAILED


def test_plan_and_render_scene_commands(build):
    story, _ = build(mode="characters_only")
    scene = story.scenes.first()

    call_command("plan_scene", str(scene.pk), panel_count=3, stdout=StringIO(), stderr=StringIO())
    call_command("render_scene", str(scene.pk), stdout=StringIO(), stderr=StringIO())

    assert Artifact.objects.get(scene=scene, type="layout_template").payload["panel_count"] == 3
    assert Artifact.objects.filter(scene=scene, type="render_result").exists()
    assert GraphRun.objects.filter(scene=scene, status=GraphRun.Status.COMPLETED).count() == 2


def test_recover_stuck_runs_reports_what_it_did():
    out = StringIO()

    call_command("recover_stuck_runs", stale_after=60, stdout=out)

    assert "0 stuck run(s) handled." in out.getvalue()


def test_web_processes_do_not_import_langgraph():
    code = (
        "import django, sys; django.setup(); import webtoon.urls, artifacts.tasks, projects.services, "
        "artifacts.pipeline.executor, artifacts.admin; print('langgraph' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        env={"DJANGO_SETTINGS_MODULE": "webtoon.settings", "PATH": "/usr/bin:/bin"},
    )

    assert result.stdout.strip() == "False", result.stderr
