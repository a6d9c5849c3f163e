"""Artifacts over the API: history, latest versions and manual edits checked against the schema."""

import pytest

from artifacts.factories import ArtifactFactory, sample_payload
from artifacts.models import Artifact

pytestmark = pytest.mark.django_db


def test_a_manual_edit_writes_the_next_version_derived_from_the_latest(world, bob, client_for):
    payload = sample_payload("scene_intent")
    response = client_for(bob).post(
        f"/api/v1/scenes/{world.scene.pk}/artifacts/", {"type": "scene_intent", "payload": payload}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["version"], body["parent"], body["created_by"]) == (2, str(world.artifact.pk), "bob")


def test_an_invalid_payload_is_a_400_naming_the_field_and_writes_nothing(world, bob, client_for):
    payload = {**sample_payload("scene_intent"), "pace": "glacial"}
    response = client_for(bob).post(
        f"/api/v1/scenes/{world.scene.pk}/artifacts/", {"type": "scene_intent", "payload": payload}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_payload"
    assert "pace" in response.json()["error"]["fields"]
    assert Artifact.objects.filter(scene=world.scene, type="scene_intent").count() == 1


def test_latest_lists_one_version_per_type(world, carol, client_for):
    ArtifactFactory(scene=world.scene, type="scene_intent", version=2, payload=sample_payload("scene_intent"))
    rows = client_for(carol).get(f"/api/v1/scenes/{world.scene.pk}/artifacts/?latest=true").json()["results"]
    assert sorted((row["type"], row["version"]) for row in rows) == [("render_result", 1), ("scene_intent", 2)]
    typed = client_for(carol).get(f"/api/v1/scenes/{world.scene.pk}/artifacts/?type=scene_intent").json()
    assert [row["version"] for row in typed["results"]] == [2, 1]


def test_a_parent_from_another_scene_is_refused(world, bob, client_for):
    other = ArtifactFactory(payload=sample_payload("scene_intent"))
    body = {"type": "scene_intent", "payload": sample_payload("scene_intent"), "parent": str(other.pk)}
    response = client_for(bob).post(f"/api/v1/scenes/{world.scene.pk}/artifacts/", body)
    assert response.status_code == 400
    assert "parent" in response.json()["error"]["fields"]


def test_a_cancelled_run_is_retried_as_a_new_run(world, bob, carol, client_for):
    assert client_for(carol).post(f"/api/v1/runs/{world.run.pk}/cancel/").status_code == 403
    cancelled = client_for(bob).post(f"/api/v1/runs/{world.run.pk}/cancel/")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    retried = client_for(bob).post(f"/api/v1/runs/{world.run.pk}/retry/")
    assert retried.status_code == 202
    new_id = retried.json()["run_id"]
    assert new_id != str(world.run.pk)
    assert retried["Location"] == f"/api/v1/runs/{new_id}/"
    assert retried.json()["parameters"]["max_scenes"] == world.run.parameters["max_scenes"]
