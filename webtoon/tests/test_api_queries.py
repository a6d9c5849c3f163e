"""Every list costs the same number of SQL queries whether it shows 1 row or 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
    EnvironmentAnchorFactory,
    LayerFactory,
    ProjectMembershipFactory,
    SceneFactory,
    StoryFactory,
)
from projects.models import ProjectMembership
from styles.factories import StylePresetFactory
from webtoon.tests.api_endpoints import api_routes, shape

pytestmark = pytest.mark.django_db

# list route -> how to add one more row to it
GROWERS = {
    "projects/": lambda w, i: ProjectMembershipFactory(user=w.alice, role=ProjectMembership.Role.VIEWER),
    "projects/{w.project.pk}/members/": lambda w, i: ProjectMembershipFactory(project=w.project),
    "projects/{w.project.pk}/stories/": lambda w, i: StoryFactory(project=w.project),
    "stories/{w.story.pk}/scenes/": lambda w, i: SceneFactory(story=w.story, scene_index=100 + i),
    "scenes/{w.scene.pk}/layers/": lambda w, i: LayerFactory(scene=w.scene),
    "projects/{w.project.pk}/characters/": lambda w, i: CharacterFactory(project=w.project),
    "characters/{w.character.pk}/variants/": lambda w, i: CharacterVariantFactory(character=w.character),
    "characters/{w.character.pk}/reference-images/": lambda w, i: CharacterReferenceImageFactory(character=w.character),
    "stories/{w.story.pk}/variant-suggestions/": lambda w, i: CharacterVariantSuggestionFactory(
        story=w.story, character=w.character
    ),
    "scenes/{w.scene.pk}/artifacts/": lambda w, i: ArtifactFactory(
        scene=w.scene, type=ArtifactType.SCENE_INTENT, version=i + 2
    ),
    "scenes/{w.scene.pk}/images/": lambda w, i: ImageFactory(artifact=w.image.artifact),
    "stories/{w.story.pk}/runs/": lambda w, i: GraphRunFactory(story=w.story),
    "stories/{w.story.pk}/episodes/": lambda w, i: EpisodeFactory(story=w.story),
    "episodes/{w.episode.pk}/scenes/": lambda w, i: EpisodeSceneFactory(
        episode=w.episode, scene=SceneFactory(story=w.story, scene_index=200 + i), order_index=i + 1
    ),
    "episodes/{w.episode.pk}/assets/": lambda w, i: EpisodeAssetFactory(episode=w.episode),
    "episodes/{w.episode.pk}/exports/": lambda w, i: ExportJobFactory(episode=w.episode),
    "actors/": lambda w, i: ActorFactory(),
    "style-presets/": lambda w, i: StylePresetFactory(
        project=w.project, parent=w.system_preset if i % 2 else None, style_type=w.system_preset.style_type
    ),
    "environments/": lambda w, i: EnvironmentAnchorFactory(project=w.project),
    "audit-logs/": lambda w, i: AuditLogFactory(entity_id=w.story.pk),
}
# A scene has one dialogue layer at most: its list is 0 or 1 row long.
SINGLE_ROW_LISTS = ["scenes/{w.scene.pk}/dialogue-layers/"]


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response.json()["count"]


@pytest.mark.parametrize("route", list(GROWERS))
def test_a_list_costs_the_same_queries_for_1_and_50_rows(route, world, alice, client_for, django_assert_num_queries):
    world.alice = alice
    client = client_for(alice)
    url = "/api/v1/" + route.format(w=world)
    queries_small, rows_small = count_queries(client, url)
    for index in range(50 - rows_small):
        GROWERS[route](world, index)
    with django_assert_num_queries(queries_small):
        response = client.get(url)
    assert response.json()["count"] >= 50
    assert len(response.json()["results"]) >= 50


@pytest.mark.parametrize("route", SINGLE_ROW_LISTS)
def test_single_row_lists_stay_small(route, world, alice, client_for):
    queries, rows = count_queries(client_for(alice), "/api/v1/" + route.format(w=world))
    assert rows == 1
    assert queries <= 4


def test_every_list_route_of_the_api_is_counted():
    counted = {shape(route) for route in [*GROWERS, *SINGLE_ROW_LISTS]}
    assert {shape(route) for route, name in api_routes() if name.endswith("-list")} == counted
