"""Starting, refusing, cancelling and recovering runs; the story's status follows its run."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from artifacts.models import Artifact, GraphRun
from artifacts.pipeline.exceptions import GenerationInProgress, InvalidGenerationInput
from artifacts.pipeline.executor import execute_run, execute_scene_stage, resume_after_stage
from artifacts.pipeline.recovery import recover_stuck_runs
from artifacts.tests.pipeline.conftest import SHORT_STORY
from projects.factories import ProjectFactory, StoryFactory
from projects.models import Scene, Story
from projects.services import (
    scene_run_start,
    story_create,
    story_generation_cancel,
    story_generation_start,
)
from webtoon.testing import raised_by, run_concurrently

pytestmark = pytest.mark.django_db


def test_a_start_moves_the_story_to_processing_and_creates_a_queued_run():
    story = StoryFactory(source_text=SHORT_STORY)

    run = story_generation_start(story=story, parameters={"max_scenes": 3}, queue=False)

    story.refresh_from_db()
    assert story.generation_status == Story.GenerationStatus.PROCESSING
    assert run.status == GraphRun.Status.QUEUED
    assert run.parameters["max_scenes"] == 3 and run.parameters["mode"] == "full"
    assert story.progress["current_node"] == "queued"


def test_it_refuses_a_second_start_while_the_story_is_processing():
    story = StoryFactory(source_text=SHORT_STORY)
    story_generation_start(story=story, queue=False)

    with pytest.raises(GenerationInProgress):
        story_generation_start(story=story, queue=False)

    assert GraphRun.objects.filter(story=story).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_of_two_concurrent_starts_exactly_one_wins():
    story = StoryFactory(source_text=SHORT_STORY)

    def start():
        story_generation_start(story=Story.objects.get(pk=story.pk), queue=False)

    errors = run_concurrently(2, lambda index: raised_by(start))
    outcomes = ["refused" if isinstance(error, GenerationInProgress) else "started" for error in errors]
    assert all(error is None or isinstance(error, GenerationInProgress) for error in errors), errors

    assert sorted(outcomes) == ["refused", "started"]
    assert GraphRun.objects.filter(story=story).count() == 1


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_it_refuses_empty_story_text_and_writes_nothing(text):
    project = ProjectFactory()

    with pytest.raises(InvalidGenerationInput) as refused:
        story_create(project=project, title="Empty", source_text=text)

    assert "text" in refused.value.fields
    assert not Story.objects.exists()


@override_settings(STORY_TEXT_MAX_CHARS=100)
def test_it_refuses_story_text_over_the_limit_and_writes_nothing():
    with pytest.raises(InvalidGenerationInput, match="limit is 100"):
        story_create(project=ProjectFactory(), title="Long", source_text="word " * 30)

    assert not Story.objects.exists()


def test_pasted_crlf_text_is_stored_with_lf_line_ends():
    story = story_create(project=ProjectFactory(), title="Pasted", source_text="First.\r\n\r\n***\r\n\r\nSecond.\r")

    assert story.source_text == "First.\n\n***\n\nSecond.\n"


@pytest.mark.parametrize(
    "parameters",
    [
        {"max_scenes": 0},
        {"max_scenes": 31},
        {"max_characters": 0},
        {"max_characters": 21},
        {"panel_count": 0},
        {"panel_count": 13},
        {"mode": "everything"},
        {"max_scenes": "5"},
        {"colour": "red"},
    ],
)
def test_it_refuses_parameters_out_of_range_and_writes_nothing(parameters):
    story = StoryFactory(source_text=SHORT_STORY)

    with pytest.raises(InvalidGenerationInput):
        story_generation_start(story=story, parameters=parameters, queue=False)

    story.refresh_from_db()
    assert story.generation_status == Story.GenerationStatus.IDLE
    assert not GraphRun.objects.exists()


def test_a_failing_node_fails_the_run_and_the_story_with_its_name():
    story = StoryFactory(source_text=SHORT_STORY)
    run = story_generation_start(story=story, queue=False)
    # The text was emptied behind the service's back (admin, SQL): the graph's own check catches it.
    Story.objects.filter(pk=story.pk).update(source_text=" ")

    finished = execute_run(run.pk)

    story.refresh_from_db()
    assert finished.status == GraphRun.Status.FAILED
    assert finished.failed_node == "validate_input"
    assert "empty" in finished.error
    assert story.generation_status == Story.GenerationStatus.FAILED
    assert story.generation_error.startswith("validate_input:")


def test_a_cancelled_run_does_no_work():
    story = StoryFactory(source_text=SHORT_STORY)
    run = story_generation_start(story=story, queue=False)

    story_generation_cancel(story=story)
    finished = execute_run(run.pk)

    story.refresh_from_db()
    assert finished.status == GraphRun.Status.CANCELLED
    assert story.generation_status == Story.GenerationStatus.FAILED
    assert story.generation_error == "Cancelled"
    assert not Scene.objects.filter(story=story).exists()


def test_a_queued_start_runs_on_commit_through_the_celery_task(django_capture_on_commit_callbacks):
    story = StoryFactory(source_text=SHORT_STORY)

    with django_capture_on_commit_callbacks(execute=True):
        run = story_generation_start(story=story, parameters={"render": False})

    run.refresh_from_db()
    story.refresh_from_db()
    assert run.celery_task_id
    assert run.status == GraphRun.Status.COMPLETED
    assert story.generation_status == Story.GenerationStatus.COMPLETED


def _stale(run, seconds=3600):
    GraphRun.objects.filter(pk=run.pk).update(
        status=GraphRun.Status.RUNNING, heartbeat_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_a_stuck_run_is_resumed_and_finishes(django_capture_on_commit_callbacks):
    story = StoryFactory(source_text=SHORT_STORY)
    run = story_generation_start(story=story, parameters={"render": False}, queue=False)
    _stale(run)

    with django_capture_on_commit_callbacks(execute=True):
        outcomes = recover_stuck_runs(stale_after_seconds=600)

    run.refresh_from_db()
    assert [outcome for _, outcome in outcomes] == ["resumed (recovery 1)"]
    assert run.status == GraphRun.Status.COMPLETED
    assert run.checkpoint["_recoveries"] == 1


@override_settings(GRAPH_RUN_MAX_RECOVERIES=0)
def test_a_stuck_run_out_of_recoveries_fails_with_the_reason():
    story = StoryFactory(source_text=SHORT_STORY)
    run = story_generation_start(story=story, queue=False)
    _stale(run)
    GraphRun.objects.filter(pk=run.pk).update(current_node="plan_scenes")

    recover_stuck_runs(stale_after_seconds=600)

    run.refresh_from_db()
    story.refresh_from_db()
    assert run.status == GraphRun.Status.FAILED
    assert run.failed_node == "plan_scenes"
    assert "no progress for 600 s" in run.error
    assert story.generation_status == Story.GenerationStatus.FAILED


def test_a_fresh_run_is_not_stuck():
    story = StoryFactory(source_text=SHORT_STORY)
    run = story_generation_start(story=story, queue=False)
    _stale(run, seconds=5)

    assert recover_stuck_runs(stale_after_seconds=600) == []


def test_a_scene_run_is_refused_while_one_is_active(build):
    story, _ = build(render=False)
    scene = story.scenes.first()
    scene_run_start(scene=scene, graph=GraphRun.Graph.SCENE_PLANNING, queue=False)

    with pytest.raises(GenerationInProgress):
        scene_run_start(scene=scene, graph=GraphRun.Graph.SCENE_PLANNING, queue=False)


def test_a_locked_scene_is_not_replanned(build):
    story, _ = build(render=False)
    scene = story.scenes.first()
    before = set(Artifact.objects.filter(scene=scene).values_list("type", "version"))
    Scene.objects.filter(pk=scene.pk).update(planning_locked=True)

    run = scene_run_start(scene=scene, graph=GraphRun.Graph.SCENE_PLANNING, parameters={"panel_count": 2}, queue=False)
    finished = execute_run(run.pk)

    assert finished.status == GraphRun.Status.COMPLETED
    assert "locked_scene" in finished.node_timings and "panel_plan" not in finished.node_timings
    assert set(Artifact.objects.filter(scene=scene).values_list("type", "version")) == before


def test_a_locked_scene_missing_an_artifact_fails_clearly():
    story = StoryFactory(source_text=SHORT_STORY)
    scene = Scene.objects.create(story=story, scene_index=0, source_text=SHORT_STORY, planning_locked=True)

    run = scene_run_start(scene=scene, graph=GraphRun.Graph.SCENE_PLANNING, queue=False)
    finished = execute_run(run.pk)

    assert finished.status == GraphRun.Status.FAILED
    assert finished.failed_node == "locked_scene"
    assert "locked for planning" in finished.error and "scene_intent" in finished.error
    assert not Artifact.objects.filter(scene=scene).exists()


def test_a_scene_made_by_hand_is_planned_and_rendered_from_its_text():
    story = StoryFactory(source_text=SHORT_STORY)
    scene = Scene.objects.create(story=story, scene_index=0, source_text=SHORT_STORY.split("***")[0])

    planned = execute_run(scene_run_start(scene=scene, graph=GraphRun.Graph.SCENE_PLANNING, queue=False).pk)
    rendered = execute_run(scene_run_start(scene=scene, graph=GraphRun.Graph.SCENE_RENDER, queue=False).pk)

    assert planned.status == rendered.status == GraphRun.Status.COMPLETED
    assert {"panel_semantics", "render_result", "qc_report"} <= set(
        Artifact.objects.filter(scene=scene).values_list("type", flat=True)
    )


def test_rendering_an_unplanned_scene_fails_in_render_spec():
    scene = Scene.objects.create(story=StoryFactory(), scene_index=0, source_text="Nothing planned.")

    finished = execute_run(scene_run_start(scene=scene, graph=GraphRun.Graph.SCENE_RENDER, queue=False).pk)

    assert finished.status == GraphRun.Status.FAILED
    assert finished.failed_node == "render_spec"
    assert "not planned" in finished.error


def test_an_enforced_quality_check_fails_the_run_after_saving_its_report(build, lighthouse_text):
    # One panel per scene carries all its text: no silent panel is left (the rule wants 15%).
    story, run = build(lighthouse_text, enforce_qc=True, panel_count=1, max_retries=0)

    assert run.status == GraphRun.Status.FAILED
    assert run.failed_node == "qc_check"
    assert "failed the enforced quality check" in run.error
    report = Artifact.objects.filter(scene__story=story, type="qc_report").latest("created_at")
    assert report.payload["enforced"] and not report.payload["passed"]


def test_a_failed_run_is_retried_as_a_new_run_that_completes(build, django_capture_on_commit_callbacks):
    from projects.services import graph_run_retry

    story = StoryFactory(source_text=SHORT_STORY)
    failed = story_generation_start(story=story, parameters={"render": False}, queue=False)
    Story.objects.filter(pk=story.pk).update(source_text=" ")
    execute_run(failed.pk)
    Story.objects.filter(pk=story.pk).update(source_text=SHORT_STORY)

    with django_capture_on_commit_callbacks(execute=True):
        retried = graph_run_retry(run=GraphRun.objects.get(pk=failed.pk))

    retried.refresh_from_db()
    story.refresh_from_db()
    assert retried.pk != failed.pk and retried.parameters == GraphRun.objects.get(pk=failed.pk).parameters
    assert retried.status == GraphRun.Status.COMPLETED
    assert story.generation_status == Story.GenerationStatus.COMPLETED


def test_an_active_variant_changes_the_look_the_render_prompts_carry(build):
    from artifacts.models import ArtifactType
    from characters.models import Character
    from characters.services import character_variant_activate, character_variant_create

    story, _ = build(render=False)
    scene = story.scenes.first()
    hero = Character.objects.get(project=story.project, canonical_code="CHAR_A")
    variant = character_variant_create(
        character=hero,
        story=story,
        variant_name="Storm-soaked",
        variant_type="outfit_change",
        override_attributes={"base_outfit": "storm-soaked oilskin coat"},
    )
    character_variant_activate(variant=variant, story=story)

    rendered = execute_run(scene_run_start(scene=scene, graph=GraphRun.Graph.SCENE_RENDER, queue=False).pk)

    assert rendered.status == GraphRun.Status.COMPLETED, rendered.error
    spec = Artifact.objects.filter(scene=scene, type=ArtifactType.RENDER_SPEC).latest("version")
    prompts = " ".join(panel["prompt"] for panel in spec.payload["panels"])
    assert "storm-soaked oilskin coat" in prompts


def test_the_run_counts_its_longest_chains_of_dependent_llm_calls(build, lighthouse_text):
    story, run = build(lighthouse_text, render=False, max_retries=1)

    chains = dict(run.checkpoint["_llm_chain"])
    rewritten = {
        str(pk)
        for pk in Artifact.objects.filter(
            scene__story=story, type="visual_plan", created_by="pipeline:critic"
        ).values_list("scene_id", flat=True)
    }
    assert rewritten, "the lighthouse story has a scene the blind test fails"
    # The story's calls (characters, script) come first; each scene then waits only for its own calls
    # (intent, panel plan, ..., blind test), so every scene planned once ends at the same length, and
    # a scene the critic rewrote adds the critic's call and a second planning to its own chain only.
    story_chain = chains.pop("story")
    assert story_chain >= 1
    assert set(chains) == {str(pk) for pk in story.scenes.values_list("pk", flat=True)}
    (planned_once,) = {chains[scene] for scene in chains if scene not in rewritten}
    per_scene = planned_once - story_chain
    assert per_scene >= 3
    assert {chains[scene] for scene in rewritten} == {story_chain + 2 * per_scene + 1}


def test_a_scene_task_of_a_finished_run_does_nothing(build):
    # A planning or render task delivered again after its build completed (its worker died after the
    # work but before the acknowledgement) finds the run finished and leaves everything as it is.
    story, run = build(render=False)
    scene = story.scenes.order_by("scene_index").first()
    before = Artifact.objects.filter(scene__story=story).count()

    outcome = execute_scene_stage(run.pk, stage="render", scene_id=str(scene.pk), scene_index=scene.scene_index)

    assert outcome == GraphRun.Status.COMPLETED
    assert Artifact.objects.filter(scene__story=story).count() == before


def test_the_last_scene_of_a_cancelled_run_does_not_resume_it():
    story = StoryFactory(source_text=SHORT_STORY)
    run = story_generation_start(story=story, queue=False)
    story_generation_cancel(story=story)

    finished = resume_after_stage(run.pk, stage="plan", attempt=0)

    assert finished.status == GraphRun.Status.CANCELLED
    assert "plan:done:0" not in finished.checkpoint
    assert not Scene.objects.filter(story=story).exists()
