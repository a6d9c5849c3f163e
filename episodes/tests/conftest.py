import pytest

from episodes.services import export_start


@pytest.fixture
def run_export(django_capture_on_commit_callbacks):
    """Start an export and run its task as the commit would, returning the job as it ended."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            job = export_start(**kwargs)
        job.refresh_from_db()
        return job

    return run
