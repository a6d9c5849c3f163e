"""The permission matrix: every endpoint and method, for the owner, an editor, a viewer and a stranger."""

import pytest

from projects.models import ProjectMembership
from projects.selectors import role_at_least
from webtoon.tests.api_endpoints import FLAT_LISTS, GLOBAL_CASES, PROJECT_CASES, api_routes, shape

pytestmark = pytest.mark.django_db
Role = ProjectMembership.Role


def call(client, case, world):
    return getattr(client, case.method)(case.url(world), case.payload(world), format="json")


def test_a_stranger_gets_404_for_every_row_of_a_project_they_do_not_belong_to(world, charlie, client_for):
    client = client_for(charlie)
    wrong = {}
    for case in PROJECT_CASES:
        response = call(client, case, world)
        if response.status_code != 404:
            wrong[str(case)] = response.status_code
        else:
            assert response.json()["error"]["code"] == "not_found"
    assert wrong == {}


def test_a_viewer_reads_everything_and_gets_403_on_every_write(world, carol, client_for):
    client = client_for(carol)
    wrong = {}
    for case in PROJECT_CASES:
        expected = case.success if case.method == "get" else 403
        response = call(client, case, world)
        if response.status_code != expected:
            wrong[str(case)] = (response.status_code, expected)
    assert wrong == {}


@pytest.mark.parametrize("case", PROJECT_CASES, ids=str)
def test_an_editor_changes_content_but_not_members_or_the_project(case, world, bob, client_for):
    response = call(client_for(bob), case, world)
    expected = case.success if role_at_least(Role.EDITOR, case.role) else 403
    assert response.status_code == expected, response.content


@pytest.mark.parametrize("case", PROJECT_CASES, ids=str)
def test_the_owner_may_do_everything(case, world, alice, client_for):
    response = call(client_for(alice), case, world)
    assert response.status_code == case.success, response.content


@pytest.mark.parametrize("case", GLOBAL_CASES, ids=str)
def test_global_rows_are_read_by_everyone_and_written_by_staff_only(case, world, alice, charlie, staff, client_for):
    for user in (alice, charlie):
        response = call(client_for(user), case, world)
        expected = 200 if case.method == "get" else 403
        assert response.status_code == expected, (user.username, response.content)
    assert call(client_for(staff), case, world).status_code == case.success


@pytest.mark.parametrize("route", FLAT_LISTS)
def test_flat_lists_show_a_stranger_nothing_of_the_project(route, world, charlie, client_for):
    response = client_for(charlie).get(f"/api/v1/{route}")
    assert response.status_code == 200
    ids = {str(value) for row in response.json()["results"] for value in row.values() if value}
    project_rows = {world.project.pk, world.environment.pk, world.preset.pk, world.audit_log.pk, world.character.pk}
    assert ids.isdisjoint({str(pk) for pk in project_rows})


@pytest.mark.parametrize("route", ["projects/", "stories/{w.story.pk}/", "health"])
def test_anonymous_requests_get_401_except_health(route, world, client_for):
    response = client_for().get("/api/v1/" + route.format(w=world))
    if route == "health":
        assert response.status_code == 200
    else:
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"


OPEN_ROUTES = {"health", "auth/token", "schema/", "docs/", "redoc/"}


def test_the_matrix_covers_every_route_of_the_api():
    covered = {shape(case.route) for case in [*PROJECT_CASES, *GLOBAL_CASES]} | set(FLAT_LISTS)
    routes = {shape(route) for route, _ in api_routes()} - OPEN_ROUTES
    assert routes - covered == set()
