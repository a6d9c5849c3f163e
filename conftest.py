"""Suite-wide fixtures: where files go, how Celery runs, and what CI insists on."""

import os

import pytest
from django.db import connection

from webtoon.celery import app as celery_app


def _ci_requires_postgres() -> bool:
    return os.environ.get("REQUIRE_POSTGRES", "").lower() in {"1", "true", "yes"}


def pytest_sessionstart(session):
    # CI runs against the machine's PostgreSQL; a silent fall-back to SQLite would hide every
    # concurrency test, so the run stops here instead.
    if _ci_requires_postgres():
        from django.conf import settings

        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            pytest.exit(f"REQUIRE_POSTGRES is set but DATABASE_URL points at {engine}", returncode=3)
        try:
            # A raw connection: pytest-django blocks the ORM's own outside of tests.
            connection.get_new_connection(connection.get_connection_params()).close()
        except Exception as error:  # noqa: BLE001 - any failure to connect ends the run
            pytest.exit(f"REQUIRE_POSTGRES is set but PostgreSQL is unreachable: {error}", returncode=3)


def pytest_collection_modifyitems(config, items):
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://...")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def celery_in_process(request):
    """Tasks run in the test process unless the test starts a real worker."""
    if "worker" in request.keywords:
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


pytest_plugins = ["webtoon.tests.api_fixtures"]
