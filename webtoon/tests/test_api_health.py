"""Health, metrics, logs and the documentation pages."""

import json
import logging

import pytest

from artifacts.factories import GraphRunFactory
from webtoon.api import health

pytestmark = pytest.mark.django_db


def test_health_needs_no_login_and_reports_each_dependency(client_for, settings):
    settings.REDIS_URL = ""
    response = client_for().get("/api/v1/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["redis"]["status"] == "skipped"
    assert body["checks"]["worker"]["status"] == "skipped"  # tasks run in-process in tests


def test_health_is_503_when_redis_does_not_answer(client_for, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client_for().get("/api/v1/health")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["redis"]["status"] == "error"


def test_health_is_503_when_no_worker_answers(client_for, monkeypatch, settings):
    settings.REDIS_URL = ""
    monkeypatch.setattr(health.celery_app.conf, "task_always_eager", False)
    monkeypatch.setattr(health, "CHECK_TIMEOUT_SECONDS", 0.2)
    monkeypatch.setattr(health.celery_app.control, "inspect", lambda timeout: type("I", (), {"ping": lambda s: None})())
    response = client_for().get("/api/v1/health")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"status": "error", "detail": "no worker answered"}


def test_metrics_expose_requests_and_the_runs_counted_in_the_database(client, world):
    GraphRunFactory(story=world.story, status="failed")
    client.get("/api/v1/health")
    text = client.get("/metrics").content.decode()
    assert "django_http_requests_total_by_view_transport_method_total" in text
    assert 'webtoon_graph_runs{graph="story_build",status="failed"} 1.0' in text
    assert "webtoon_graph_node_seconds_bucket" in text or "webtoon_graph_node_seconds" in text


def test_logs_are_json_lines_with_the_request_id(capsys):
    from webtoon import logs
    from webtoon.request_id import RequestIdFilter, request_context

    spec = logs.formatter(json=True)
    make_formatter = spec.pop("()")
    handler = logging.StreamHandler()
    handler.setFormatter(make_formatter(**spec))
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("webtoon.test_logs")
    logger.addHandler(handler)
    try:
        with request_context(request_id="req-7", actor="alice"):
            logger.warning("rendered %d panels", 4)
    finally:
        logger.removeHandler(handler)
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["event"] == "rendered 4 panels"
    assert line["request_id"] == "req-7"
    assert line["level"] == "warning"


@pytest.mark.parametrize("page", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_the_docs_pages_load_nothing_from_a_cdn(page, client):
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn" not in html.lower()
    assert "fonts.googleapis" not in html
    assert "/static/drf_spectacular_sidecar/" in html


def test_the_schema_is_public(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert "/api/v1/stories/{story_id}/generate/" in json.loads(response.content)["paths"]


def test_metrics_need_the_bearer_token_when_one_is_set(client, settings):
    settings.METRICS_TOKEN = "s3cret"
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret")
    assert response.status_code == 200
    assert "webtoon_graph_runs" in response.content.decode()


def test_metrics_of_several_web_processes_keep_the_database_totals(client, world, monkeypatch, tmp_path):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    GraphRunFactory(story=world.story, status="completed")
    text = client.get("/metrics").content.decode()
    assert 'webtoon_graph_runs{graph="story_build",status="completed"} 1.0' in text
