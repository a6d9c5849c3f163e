"""Export jobs: a row first and a task on commit, failures that say why and leave nothing, retries."""

import pytest
from django.core.files.storage import default_storage

from episodes.exceptions import ExportNotRetryable, InvalidExportOptions, UnknownExportFormat
from episodes.factories import EpisodeFactory, ExportJobFactory, rendered_episode, rendered_scene
from episodes.models import EpisodeScene, ExportJob
from episodes.services import export_execute, export_retry, export_start
from projects.factories import SceneFactory

pytestmark = pytest.mark.django_db


def stored_files(media_root):
    folder = media_root / "exports"
    return (
        sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()) if folder.exists() else []
    )


def test_starting_an_export_writes_a_queued_job_and_queues_its_task_on_commit(django_capture_on_commit_callbacks):
    episode = rendered_episode(scenes=1)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = export_start(episode=episode, format="webtoon", options={"width": 600})

    job.refresh_from_db()
    assert job.status == ExportJob.Status.QUEUED
    assert job.celery_task_id
    assert job.options["width"] == 600
    assert job.options["gutter"] == 250
    assert job.metadata == {"step": 0, "total": 0, "message": "queued"}
    assert len(callbacks) == 1


def test_it_refuses_an_unknown_format_and_writes_nothing(django_capture_on_commit_callbacks):
    episode = rendered_episode(scenes=1)

    with (
        pytest.raises(UnknownExportFormat, match="Unknown export format 'gif'"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        export_start(episode=episode, format="gif")

    assert not ExportJob.objects.exists()
    assert callbacks == []


@pytest.mark.parametrize(
    "options", [{"width": 50}, {"width": "wide"}, {"background": "blue"}, {"gutters": 3}, {"width": True}]
)
def test_it_refuses_bad_options_and_writes_nothing(options):
    with pytest.raises(InvalidExportOptions):
        export_start(episode=EpisodeFactory(), format="webtoon", options=options)

    assert not ExportJob.objects.exists()


def test_a_video_size_must_suit_the_encoder():
    with pytest.raises(InvalidExportOptions, match="multiple of 8"):
        export_start(episode=EpisodeFactory(), format="video", options={"width": 1083})


def test_an_episode_without_scenes_fails_the_job_with_the_reason_and_leaves_no_file(run_export, media_root):
    job = run_export(episode=EpisodeFactory(title="Empty"), format="webtoon")

    assert job.status == ExportJob.Status.FAILED
    assert job.error == "Episode 'Empty' has no scenes to export."
    assert not job.output_file
    assert job.output_url == ""
    assert job.finished_at is not None
    assert stored_files(media_root) == []


@pytest.mark.parametrize("format", ["webtoon", "pdf", "cbz", "video"])
def test_a_scene_never_rendered_fails_the_job_and_leaves_no_file(run_export, media_root, format):
    episode = rendered_episode(scenes=2)
    unrendered = SceneFactory(story=episode.story, title="The cliff", scene_index=7)
    EpisodeScene.objects.create(episode=episode, scene=unrendered, order_index=2)

    job = run_export(episode=episode, format=format)

    assert job.status == ExportJob.Status.FAILED
    assert job.error == "scene 8 (The cliff) has never been rendered (no render_result)."
    assert stored_files(media_root) == []


def test_a_render_whose_file_is_gone_fails_the_job_with_the_reason(run_export, media_root):
    episode = rendered_episode(scenes=1)
    image = episode.episode_scenes.get().scene.artifacts.get().images.get()
    default_storage.delete(image.file.name)

    job = run_export(episode=episode, format="webtoon")

    assert job.status == ExportJob.Status.FAILED
    assert "its rendered image cannot be read" in job.error
    assert stored_files(media_root) == []


def test_the_latest_render_result_is_the_one_exported(run_export):
    scene = rendered_scene(width=300, panel_heights=(200,))
    rendered_scene(scene=scene, width=500, panel_heights=(400,))

    job = run_export(scene=scene, format="preview")

    assert job.metadata["width"] == 500
    assert job.metadata["height"] == 440


def test_a_failure_while_rendering_removes_partial_files(run_export, media_root, monkeypatch, tmp_path):
    workdirs = []

    def explode(context):
        workdirs.append(context.workdir)
        (context.workdir / "webtoon.zip").write_bytes(b"PK half a zip")
        raise RuntimeError("disk full")

    monkeypatch.setattr("episodes.renderers.webtoon.render", explode)
    job = run_export(episode=rendered_episode(scenes=1), format="webtoon")

    assert job.status == ExportJob.Status.FAILED
    assert job.error == "RuntimeError: disk full"
    assert not workdirs[0].exists()
    assert stored_files(media_root) == []


def test_retrying_a_failed_job_runs_it_again_and_completes(run_export, django_capture_on_commit_callbacks, media_root):
    episode = EpisodeFactory()
    failed = run_export(episode=episode, format="webtoon")
    assert failed.status == ExportJob.Status.FAILED
    first_task = failed.celery_task_id
    for index in range(2):
        scene = rendered_scene(story=episode.story)
        EpisodeScene.objects.create(episode=episode, scene=scene, order_index=index)

    with django_capture_on_commit_callbacks(execute=True):
        export_retry(job=failed)

    failed.refresh_from_db()
    assert failed.status == ExportJob.Status.COMPLETED
    assert failed.error == ""
    assert failed.celery_task_id != first_task
    assert stored_files(media_root) == [f"{failed.pk}/webtoon.zip"]


@pytest.mark.parametrize("status", [ExportJob.Status.QUEUED, ExportJob.Status.PROCESSING, ExportJob.Status.COMPLETED])
def test_only_a_failed_job_can_be_retried(status):
    job = ExportJobFactory(status=status)

    with pytest.raises(ExportNotRetryable):
        export_retry(job=job)

    job.refresh_from_db()
    assert job.status == status


def test_a_completed_job_is_not_rendered_again(run_export, media_root):
    job = run_export(episode=rendered_episode(scenes=1), format="webtoon")
    finished_at = job.finished_at

    again = export_execute(export_id=job.pk)

    assert again.status == ExportJob.Status.COMPLETED
    assert again.finished_at == finished_at
    assert again.output_file.name == job.output_file.name
    assert stored_files(media_root) == [f"{job.pk}/webtoon.zip"]


def test_a_job_another_worker_is_processing_is_left_alone(media_root):
    job = ExportJobFactory(episode=rendered_episode(scenes=1), status=ExportJob.Status.PROCESSING)

    again = export_execute(export_id=job.pk)

    assert again.status == ExportJob.Status.PROCESSING
    assert not again.output_file
    assert stored_files(media_root) == []


def test_two_exports_of_the_same_episode_write_separate_folders(run_export, media_root):
    episode = rendered_episode(scenes=1)

    first = run_export(episode=episode, format="webtoon")
    second = run_export(episode=episode, format="webtoon", options={"width": 600})

    assert first.output_file.name != second.output_file.name
    assert stored_files(media_root) == sorted([f"{first.pk}/webtoon.zip", f"{second.pk}/webtoon.zip"])


@pytest.mark.parametrize(
    ("format", "options"),
    [("webtoon", {}), ("pdf", {"pages": "slice"}), ("cbz", {"pages": "scene"}), ("video", {"fps": 6})],
)
def test_the_progress_total_is_right_from_the_first_report_to_the_finished_job(monkeypatch, format, options):
    monkeypatch.setattr("episodes.services.PROGRESS_WRITE_INTERVAL", 0)
    episode = rendered_episode(scenes=2, panel_heights=(700, 700))
    job = export_start(episode=episode, format=format, options=options, enqueue=False)
    reported, stored = [], []

    def record(step, total, message):
        reported.append((step, total))
        stored.append(ExportJob.objects.get(pk=job.pk).metadata["total"])

    export_execute(export_id=job.pk, on_progress=record)

    job.refresh_from_db()
    total = reported[0][1]
    assert total > 2
    assert reported[0][0] == 0 and reported[-1] == (total, total)
    assert {total for _, total in reported} == {total} and set(stored) == {total}
    assert [step for step, _ in reported] == sorted(step for step, _ in reported)
    assert (job.metadata["step"], job.metadata["total"]) == (total, total)


def test_progress_is_recorded_in_metadata_as_the_job_runs(monkeypatch):
    monkeypatch.setattr("episodes.services.PROGRESS_WRITE_INTERVAL", 0)
    job = export_start(episode=rendered_episode(scenes=2, panel_heights=(700, 700)), format="webtoon", enqueue=False)
    seen = []

    def record(step, total, message):
        seen.append(ExportJob.objects.get(pk=job.pk).metadata)

    export_execute(export_id=job.pk, on_progress=record)

    job.refresh_from_db()
    assert job.status == ExportJob.Status.COMPLETED
    assert all({"step", "total", "message"} <= set(entry) for entry in seen)
    steps = [entry["step"] for entry in seen]
    assert steps == sorted(steps)
    assert any(entry["message"].startswith("slice 1 of") for entry in seen)
