"""The request id: from the header or generated, echoed, shared by every change and log line of a request."""

import logging
import os
import re

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from audit.models import AuditLog
from audit.tests.tasks import retitle_story
from projects.factories import ProjectFactory, StoryFactory, UserFactory
from webtoon import request_id as context
from webtoon.request_id import RequestIdFilter, request_context

pytestmark = pytest.mark.django_db

GENERATED = re.compile(r"[0-9a-f]{32}")


class TestHeader:
    def test_a_sane_request_id_is_echoed(self, client):
        response = client.get("/admin/login/", headers={"X-Request-ID": "edge-7f3a.01:retry_2"})

        assert response["X-Request-ID"] == "edge-7f3a.01:retry_2"

    @pytest.mark.parametrize("value", ["", "has spaces", "x" * 65, "semi;colon", "new\\nline", "ünïcode"])
    def test_an_insane_request_id_is_replaced_by_a_generated_one(self, client, value):
        response = client.get("/admin/login/", headers={"X-Request-ID": value})

        assert GENERATED.fullmatch(response["X-Request-ID"])

    def test_each_request_without_the_header_gets_its_own_id(self, client):
        first = client.get("/admin/login/")["X-Request-ID"]
        second = client.get("/admin/login/")["X-Request-ID"]

        assert GENERATED.fullmatch(first) and GENERATED.fullmatch(second) and first != second

    def test_the_context_is_gone_after_the_request(self, client):
        client.get("/admin/login/", headers={"X-Request-ID": "done-1"})

        assert context.current_request_id() == "" and context.current_actor() == "system"


def change_form_data(admin_client, url, **fields):
    """The admin change form's POST data: the fields given and empty inline formsets."""
    page = admin_client.get(url)
    data = dict(fields)
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def test_an_admin_change_is_audited_with_the_request_id_and_the_admin_as_actor(admin_client):
    project = ProjectFactory(name="Before", description="Kept")
    url = reverse("admin:projects_project_change", args=[project.pk])

    response = admin_client.post(
        url, change_form_data(admin_client, url, name="After", description="Kept"), headers={"X-Request-ID": "adm-1"}
    )

    assert response.status_code == 302, getattr(response, "context", None) and response.context["errors"]
    [row] = AuditLog.objects.filter(entity_id=project.pk, action="update")
    assert (row.request_id, row.actor) == (response["X-Request-ID"], "admin") == ("adm-1", "admin")
    assert (row.old_value, row.new_value) == ({"name": "Before"}, {"name": "After"})


@pytest.mark.urls("audit.tests.urls")
def test_an_api_change_and_the_task_it_starts_share_the_request_id_and_the_token_user(client):
    story = StoryFactory(title="Draft")
    token = Token.objects.create(user=UserFactory(username="alice"))

    response = client.post(
        f"/stories/{story.pk}/retitle/",
        {"title": "Final"},
        content_type="application/json",
        headers={"Authorization": f"Token {token.key}"},
    )

    assert response.status_code == 200
    updates = AuditLog.objects.filter(entity_id=story.pk, action="update").order_by("timestamp")
    assert [(row.new_value["title"], row.actor, row.request_id) for row in updates] == [
        ("Final", "alice", response["X-Request-ID"]),
        ("Final (by task)", "alice", response["X-Request-ID"]),
    ]


def test_task_headers_carry_the_publishers_context_to_the_task():
    """The broker path, without a broker: publish-time headers are what task_prerun restores."""
    from celery import signals

    story = StoryFactory(title="Draft")
    headers = {}
    with request_context(request_id="req-for-task", actor="bob"):
        signals.before_task_publish.send(sender="audit.tests.retitle_story", headers=headers, body=None)

    retitle_story.apply(args=[str(story.pk), "Retitled"], headers=headers)

    [row] = AuditLog.objects.filter(entity_id=story.pk, action="update")
    assert (row.request_id, row.actor) == ("req-for-task", "bob")
    assert context.current_request_id() == ""


def test_a_task_started_outside_any_request_gets_its_own_id_and_names_itself():
    story = StoryFactory(title="Draft")

    retitle_story.delay(str(story.pk), "Nightly")

    [row] = AuditLog.objects.filter(entity_id=story.pk, action="update")
    assert GENERATED.fullmatch(row.request_id)
    assert row.actor == "task:audit.tests.retitle_story"


def test_log_records_carry_the_request_id(caplog):
    logger = logging.getLogger("webtoon.tests.request_id")
    handler_filter = RequestIdFilter()
    caplog.handler.addFilter(handler_filter)
    try:
        with request_context(request_id="log-1", actor="carol"), caplog.at_level(logging.INFO):
            logger.info("inside")
        with caplog.at_level(logging.INFO):
            logger.info("outside")
    finally:
        caplog.handler.removeFilter(handler_filter)

    assert [(record.message, record.request_id, record.actor) for record in caplog.records] == [
        ("inside", "log-1", "carol"),
        ("outside", "-", "system"),
    ]


def test_the_configured_log_handlers_stamp_records_with_the_request_id():
    stamping = [h for h in logging.getLogger().handlers if any(isinstance(f, RequestIdFilter) for f in h.filters)]
    record = logging.LogRecord("webtoon.tests", logging.INFO, __file__, 1, "configured", None, None)

    with request_context(request_id="cfg-1", actor="gina"):
        assert stamping and all(handler.filter(record) for handler in stamping)

    assert (record.request_id, record.actor) == ("cfg-1", "gina")


def test_the_middleware_is_the_first_of_ours():
    from django.conf import settings

    # Only the metrics timer wraps it: every other middleware, view and log line sees the id.
    ours = [name for name in settings.MIDDLEWARE if not name.startswith("django_prometheus.")]
    assert ours[0] == "webtoon.request_id.RequestIdMiddleware"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a broker: set REDIS_URL=redis://...")
def test_a_task_run_by_a_real_worker_shares_the_publishers_request_id():
    from celery.contrib.testing.worker import start_worker

    from webtoon.celery import app

    story = StoryFactory(title="Draft")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        with request_context(request_id="worker-1", actor="frank"):
            result = retitle_story.delay(str(story.pk), "By the worker")
        assert context.current_request_id() == ""
        result.get(timeout=60)

    [row] = AuditLog.objects.filter(entity_id=story.pk, action="update")
    assert (row.request_id, row.actor, row.new_value) == ("worker-1", "frank", {"title": "By the worker"})
