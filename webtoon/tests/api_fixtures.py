"""Fixtures for API tests: alice owns the project, bob edits, carol views, charlie has no access."""

import uuid
from types import SimpleNamespace

import pytest
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from artifacts.factories import ArtifactFactory, GraphRunFactory, ImageFactory
from artifacts.models import ArtifactType
from audit.factories import AuditLogFactory
from characters.factories import (
    ActorFactory,
    CharacterFactory,
    CharacterReferenceImageFactory,
    CharacterVariantFactory,
    CharacterVariantSuggestionFactory,
)
from episodes.factories import EpisodeAssetFactory, EpisodeFactory, EpisodeSceneFactory, ExportJobFactory
from projects.factories import (
    DialogueLayerFactory,
    EnvironmentAnchorFactory,
    LayerFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    SceneFactory,
    StoryFactory,
    UserFactory,
)
from projects.models import ProjectMembership
from styles.factories import StylePresetFactory

Role = ProjectMembership.Role


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 costs most of a second per user on a busy machine; tests need no strong hashes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_throttle_counts(monkeypatch):
    """Each test counts throttled requests from zero, in memory: clearing the shared cache would
    also wipe the Celery broker's queues when both live in the same Redis database."""
    monkeypatch.setattr(SimpleRateThrottle, "cache", LocMemCache(f"throttle-{uuid.uuid4()}", {}))


@pytest.fixture
def alice(db):
    return UserFactory(username="alice")


@pytest.fixture
def bob(db):
    return UserFactory(username="bob")


@pytest.fixture
def carol(db):
    return UserFactory(username="carol")


@pytest.fixture
def charlie(db):
    return UserFactory(username="charlie")


@pytest.fixture
def staff(db):
    return UserFactory(username="staff", is_staff=True)


@pytest.fixture
def project(alice, bob, carol):
    project = ProjectFactory(name="Lighthouse")
    ProjectMembershipFactory(project=project, user=alice, role=Role.OWNER)
    ProjectMembershipFactory(project=project, user=bob, role=Role.EDITOR)
    ProjectMembershipFactory(project=project, user=carol, role=Role.VIEWER)
    return project


@pytest.fixture
def client_for():
    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


def build_world(project) -> SimpleNamespace:
    """One row of every kind in `project`, plus the global rows (actor, system preset, environment)."""
    story = StoryFactory(project=project)
    scene = SceneFactory(story=story, scene_index=0)
    bare_scene = SceneFactory(story=story, scene_index=1)
    environment = EnvironmentAnchorFactory(project=project)
    character = CharacterFactory(project=project)
    reference_image = CharacterReferenceImageFactory(character=character)
    artifact = ArtifactFactory(scene=scene, type=ArtifactType.SCENE_INTENT, version=1)
    render = ArtifactFactory(scene=scene, type=ArtifactType.RENDER_RESULT, version=1, payload={})
    episode = EpisodeFactory(story=story)
    actor = ActorFactory()
    world = SimpleNamespace(
        project=project,
        story=story,
        scene=scene,
        bare_scene=bare_scene,
        dialogue_layer=DialogueLayerFactory(scene=scene),
        layer=LayerFactory(scene=scene),
        environment=environment,
        character=character,
        reference_image=reference_image,
        variant=CharacterVariantFactory(character=character),
        suggestion=CharacterVariantSuggestionFactory(story=story, character=character),
        artifact=artifact,
        image=ImageFactory(artifact=render),
        run=GraphRunFactory(story=story),
        preset=StylePresetFactory(project=project),
        episode=episode,
        episode_scene=EpisodeSceneFactory(episode=episode, scene=scene, order_index=0),
        episode_asset=EpisodeAssetFactory(episode=episode),
        export=ExportJobFactory(episode=episode),
        actor=actor,
        actor_variant=CharacterVariantFactory(character=actor),
        actor_reference_image=CharacterReferenceImageFactory(character=actor),
        system_preset=StylePresetFactory(project=None, is_system=True),
        shared_environment=EnvironmentAnchorFactory(project=None),
        membership=ProjectMembership.objects.get(project=project, user__username="carol"),
    )
    # A character keeps at least one variant: the base look stays when `variant` is deleted.
    CharacterVariantFactory(character=character, variant_type="base", variant_name="Base", is_default=True)
    world.audit_log = AuditLogFactory(entity_type="story", entity_id=story.pk)
    world.dave = UserFactory(username="dave")  # not a member yet: the one owners may add
    return world


@pytest.fixture
def world(project):
    return build_world(project)
