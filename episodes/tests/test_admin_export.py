"""Admin: a download link on finished exports and export actions on episodes."""

import pytest
from django.urls import reverse

from episodes.factories import EpisodeFactory, rendered_episode
from episodes.models import ExportJob

pytestmark = pytest.mark.django_db


def test_a_completed_export_shows_a_download_link_in_the_list_and_on_its_page(admin_client, run_export):
    job = run_export(episode=rendered_episode(scenes=1), format="webtoon")
    link = f'href="{job.output_file.url}"'

    listing = admin_client.get(reverse("admin:episodes_exportjob_changelist"))
    page = admin_client.get(reverse("admin:episodes_exportjob_change", args=[job.pk]))

    assert link in listing.content.decode()
    assert link in page.content.decode()


def test_the_export_action_queues_one_job_per_episode_in_the_chosen_format(
    admin_client, django_capture_on_commit_callbacks
):
    episodes = [rendered_episode(scenes=1), rendered_episode(scenes=1)]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:episodes_episode_changelist"),
            {"action": "export_cbz", "_selected_action": [str(episode.pk) for episode in episodes]},
            follow=True,
        )

    assert response.status_code == 200
    jobs = ExportJob.objects.filter(format="cbz")
    assert sorted(job.episode_id for job in jobs) == sorted(episode.pk for episode in episodes)
    assert {job.status for job in jobs} == {ExportJob.Status.COMPLETED}
    assert {job.metadata["requested_by"] for job in jobs} == {"admin"}


def test_the_retry_action_runs_a_failed_export_again(admin_client, run_export, django_capture_on_commit_callbacks):
    failed = run_export(episode=EpisodeFactory(), format="webtoon")
    first_task = failed.celery_task_id

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:episodes_exportjob_changelist"), {"action": "retry", "_selected_action": [str(failed.pk)]}
        )

    failed.refresh_from_db()
    assert failed.status == ExportJob.Status.FAILED
    assert failed.celery_task_id != first_task
