"""Management commands run under one request id; trace_request and entity_history print the trail."""

import io
import re
import uuid

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditLog
from projects.factories import StoryFactory, UserFactory
from projects.models import Project
from webtoon import request_id as context
from webtoon.request_id import request_context

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_a_command_run_gets_one_id_for_all_its_changes():
    UserFactory(username="admin")

    call_command("bootstrap", username="admin", stdout=io.StringIO())
    call_command("bootstrap", username="admin", stdout=io.StringIO())

    rows = list(AuditLog.objects.filter(action="create", entity_type__in=["projects", "project_members"]))
    assert {row.entity_type for row in rows} == {"projects", "project_members"}
    assert {row.actor for row in rows} == {"command:bootstrap"}
    [request_id] = {row.request_id for row in rows}
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert context.current_request_id() == ""


def test_a_command_called_inside_a_request_keeps_the_requests_context():
    UserFactory(username="admin")

    with request_context(request_id="outer-1", actor="dana"):
        call_command("bootstrap", username="admin", stdout=io.StringIO())

    project = Project.objects.get(name="Demo project")
    rows = AuditLog.objects.filter(entity_id=project.pk)
    assert set(rows.values_list("request_id", "actor")) == {("outer-1", "dana")}


class TestTraceRequest:
    def test_it_prints_every_change_of_the_request_in_time_order(self):
        with request_context(request_id="trace-1", actor="erin"):
            story = StoryFactory(title="Draft")
            story.title = "Final"
            story.save(update_fields=["title"])
        StoryFactory(title="Another request")

        output = run("trace_request", "trace-1")

        lines = output.splitlines()
        assert lines[0] == "Request trace-1: 3 change(s) by erin"
        changes = [line.split()[2:4] for line in lines[2:] if re.match(r"\d{4}-", line)]
        assert changes == [["create", "erin"], ["create", "erin"], ["update", "erin"]]
        assert f"stories {story.pk}" in output
        assert 'title: "Draft" -> "Final"' in output
        assert "Another request" not in output

    def test_an_unknown_request_id_is_an_error_with_exit_code_1(self):
        with pytest.raises(CommandError, match="No audit entries for request id 'nope'") as error:
            run("trace_request", "nope")

        assert error.value.returncode == 1


class TestEntityHistory:
    def test_it_prints_the_entitys_changes_newest_first_with_old_and_new(self):
        story = StoryFactory(title="One")
        for title in ("Two", "Three"):
            story.title = title
            story.save(update_fields=["title"])

        output = run("entity_history", "stories", str(story.pk))

        lines = output.splitlines()
        assert lines[0] == f"stories {story.pk}: 3 change(s), newest first"
        assert [line.split()[2] for line in lines if re.match(r"\d{4}-", line)] == ["update", "update", "create"]
        assert output.index('title: "Two" -> "Three"') < output.index('title: "One" -> "Two"')
        assert 'title: "One"\n' in output

    @pytest.mark.parametrize("name", ["story", "projects.Story", "STORIES"])
    def test_it_accepts_the_model_name_or_label_as_type(self, name):
        story = StoryFactory()

        assert run("entity_history", name, str(story.pk)).startswith(f"stories {story.pk}")

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["stories", str(uuid.UUID(int=7))], "No audit entries for stories 00000000-0000-0000-0000-000000000007"),
            (["stories", "not-a-uuid"], "'not-a-uuid' is not a UUID"),
            (["auth_user", str(uuid.UUID(int=7))], "Unknown entity type 'auth_user'"),
        ],
    )
    def test_an_unknown_entity_is_an_error_with_exit_code_1(self, args, message):
        with pytest.raises(CommandError, match=re.escape(message)) as error:
            run("entity_history", *args)

        assert error.value.returncode == 1

    def test_long_values_are_cut_unless_full_is_asked(self):
        story = StoryFactory(source_text="word " * 100)

        assert "…" in run("entity_history", "stories", str(story.pk))
        assert "word " * 100 in run("entity_history", "stories", str(story.pk), "--full").replace('"', "")
