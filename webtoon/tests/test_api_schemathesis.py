"""Schemathesis against the live OpenAPI schema: no 5xx, and every response keeps to the schema.

Each operation gets a fresh world owned by alice; path parameters point at its rows so generated
bodies and queries reach real objects, not only 404s. SCHEMATHESIS_EXAMPLES sets the examples per
operation (default 5; CI keeps the default so the run stays bounded).
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from webtoon.tests.api_fixtures import build_world

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "5"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# Only the random fuzzing phase, bounded by max_examples: the coverage phase would add hundreds of
# boundary cases per operation and make the suite minutes longer.
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}, "examples": {"enabled": False}}})
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application(), config=CONFIG)


def world_ids(world) -> dict:
    return {
        "project_id": world.project.pk,
        "membership_id": world.membership.pk,
        "story_id": world.story.pk,
        "scene_id": world.scene.pk,
        "dialogue_id": world.dialogue_layer.pk,
        "layer_id": world.layer.pk,
        "environment_id": world.environment.pk,
        "character_id": world.character.pk,
        "variant_id": world.variant.pk,
        "reference_image_id": world.reference_image.pk,
        "artifact_id": world.artifact.pk,
        "image_id": world.image.pk,
        "run_id": world.run.pk,
        "preset_id": world.preset.pk,
        "episode_id": world.episode.pk,
        "episode_scene_id": world.episode_scene.pk,
        "episode_asset_id": world.episode_asset.pk,
        "export_id": world.export.pk,
        "audit_id": world.audit_log.pk,
    }


@pytest.fixture
def wsgi_on_the_test_connection():
    """The WSGI app runs in this thread on the test's transaction; Django would close it per request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def alice_world(db, project, alice, wsgi_on_the_test_connection):
    world = build_world(project)
    world.token = Token.objects.create(user=alice).key
    return world


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_every_generated_request_within_its_schema(case, alice_world):
    ids = world_ids(alice_world)
    if case.path_parameters:
        case.path_parameters = {name: str(ids.get(name, value)) for name, value in case.path_parameters.items()}
    response = case.call(headers={"Authorization": f"Token {alice_world.token}"})
    case.validate_response(response, checks=CHECKS)
