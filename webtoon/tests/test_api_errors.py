"""One error shape for every error, the token endpoint, throttling and the body size limit."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.throttling import ScopedRateThrottle

from projects.models import Story

pytestmark = pytest.mark.django_db


def assert_error_shape(response, status: int, code: str):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields", "request_id"}
    assert error["code"] == code
    assert error["message"]
    return error


def test_a_validation_error_names_the_field(world, bob, client_for):
    response = client_for(bob).post(f"/api/v1/projects/{world.project.pk}/stories/", {"language": "xx"})
    error = assert_error_shape(response, 400, "invalid")
    assert {"title", "language"} <= set(error["fields"])
    assert not Story.objects.exclude(pk=world.story.pk).exists()


def test_an_unknown_api_url_is_a_404_in_the_error_shape(alice, client_for):
    assert_error_shape(client_for(alice).get("/api/v1/no-such-thing/"), 404, "not_found")


def test_the_request_id_of_the_header_comes_back_in_the_error(world, charlie, client_for):
    response = client_for(charlie).get(f"/api/v1/stories/{world.story.pk}/", HTTP_X_REQUEST_ID="trace-me-42")
    error = assert_error_shape(response, 404, "not_found")
    assert error["request_id"] == "trace-me-42"
    assert response["X-Request-ID"] == "trace-me-42"


def test_a_malformed_json_body_is_a_400_not_a_500(world, bob, client_for):
    response = client_for(bob).generic(
        "POST", f"/api/v1/projects/{world.project.pk}/stories/", "{not json", content_type="application/json"
    )
    assert_error_shape(response, 400, "parse_error")


def test_a_nul_character_in_a_json_field_is_a_400_naming_it_and_writes_nothing(world, bob, client_for):
    before = (list(world.layer.layer_objects), world.layer.z_index)
    response = client_for(bob).patch(
        f"/api/v1/layers/{world.layer.pk}/",
        data='{"objects": [{"kind": "text", "text": "a\\u0000b"}], "z_index": 4}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["objects"]
    world.layer.refresh_from_db()
    assert (world.layer.layer_objects, world.layer.z_index) == before


def test_a_constraint_clash_is_a_409_and_writes_nothing(world, bob, client_for):
    body = {"scene_index": world.scene.scene_index, "source_text": "Again."}
    response = client_for(bob).post(f"/api/v1/stories/{world.story.pk}/scenes/", body)
    assert_error_shape(response, 409, "conflict")
    assert world.story.scenes.count() == 2


def test_a_body_over_the_size_limit_is_refused_with_413(world, bob, client_for, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = {"title": "Long", "source_text": "x" * 2000}
    response = client_for(bob).post(f"/api/v1/projects/{world.project.pk}/stories/", body)
    assert_error_shape(response, 413, "payload_too_large")
    assert not Story.objects.filter(title="Long").exists()


def test_the_token_endpoint_trades_a_password_for_a_token_that_authenticates(world, alice, client_for):
    response = client_for().post(
        "/api/v1/auth/token", {"username": "alice", "password": "correct horse battery staple"}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(user=alice).key == token
    client = client_for()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(f"/api/v1/stories/{world.story.pk}/").status_code == 200


def test_the_token_endpoint_refuses_a_wrong_password(alice, client_for):
    response = client_for().post("/api/v1/auth/token", {"username": "alice", "password": "nope"})
    assert_error_shape(response, 400, "invalid")
    assert not Token.objects.exists()


def test_a_bad_token_is_a_401(client_for):
    client = client_for()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert_error_shape(client.get("/api/v1/projects/"), 401, "authentication_failed")


@pytest.mark.parametrize(
    "route", ["scenes/{w.scene.pk}/plan/", "stories/{w.story.pk}/generate/", "episodes/{w.episode.pk}/export/"]
)
def test_starts_of_long_work_are_throttled(route, world, bob, client_for, monkeypatch):
    # The rates are read once at import; the test lowers them for its own duration.
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"generation": "2/hour", "export": "2/hour"})
    client = client_for(bob)
    url = "/api/v1/" + route.format(w=world)
    first = client.post(url, {"format": "pdf"})
    client.post(url, {"format": "pdf"})
    response = client.post(url, {"format": "pdf"})
    assert first.status_code == 202
    assert_error_shape(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
