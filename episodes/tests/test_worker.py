"""A real Celery worker takes an export from the Redis broker and completes it."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from episodes.factories import rendered_episode
from episodes.models import ExportJob
from episodes.services import export_start
from webtoon.celery import app as celery_app

pytestmark = [
    pytest.mark.worker,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs a Redis broker: set REDIS_URL=redis://..."),
]


def wait_for(job, statuses, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in statuses:
            return job
        time.sleep(0.2)
    raise AssertionError(f"export {job.pk} still {job.status} after {seconds} s")


def test_a_worker_runs_the_queued_export_and_a_second_delivery_changes_nothing():
    episode = rendered_episode(scenes=1)
    with start_worker(celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
        job = export_start(episode=episode, format="webtoon")
        job = wait_for(job, {ExportJob.Status.COMPLETED, ExportJob.Status.FAILED})
        assert job.status == ExportJob.Status.COMPLETED, job.error
        finished_at = job.finished_at

        again = celery_app.send_task("episodes.tasks.export_run", args=[str(job.pk)])
        assert again.get(timeout=30) == ExportJob.Status.COMPLETED

    job.refresh_from_db()
    assert job.finished_at == finished_at
    assert job.output_file.name == f"exports/{job.pk}/webtoon.zip"
