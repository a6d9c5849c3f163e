"""Composing an episode: order stays dense and unique, assets point at rows, draft <-> published."""

import uuid

import factory
import pytest

from artifacts.factories import ImageFactory
from episodes.exceptions import (
    AssetNotFound,
    InvalidEpisodeStyle,
    InvalidOrder,
    InvalidStatusTransition,
    SceneAlreadyInEpisode,
    SceneNotInEpisode,
    SceneNotInStory,
)
from episodes.factories import EpisodeFactory
from episodes.models import Episode, EpisodeAsset, EpisodeScene
from episodes.services import (
    episode_asset_attach,
    episode_asset_detach,
    episode_compose,
    episode_create,
    episode_publish,
    episode_scene_add,
    episode_scene_move,
    episode_scene_remove,
    episode_unpublish,
    episode_update,
)
from projects.factories import ProjectFactory, SceneFactory
from styles.factories import StylePresetFactory
from styles.models import StylePreset
from styles.selectors import style_resolve_for_scene

pytestmark = pytest.mark.django_db


def order_of(episode):
    return list(
        EpisodeScene.objects.filter(episode=episode).order_by("order_index").values_list("scene_id", "order_index")
    )


def scene_order(episode):
    return [scene_id for scene_id, _ in order_of(episode)]


def assert_dense(episode):
    assert [index for _, index in order_of(episode)] == list(
        range(EpisodeScene.objects.filter(episode=episode).count())
    )


@pytest.fixture
def episode():
    return EpisodeFactory()


@pytest.fixture
def scenes(episode):
    return [SceneFactory(story=episode.story) for _ in range(4)]


def test_it_composes_an_episode_from_scenes_of_its_story_in_the_given_order(episode, scenes):
    episode_compose(episode=episode, scenes=[scenes[2], scenes[0], scenes[1]])

    assert scene_order(episode) == [scenes[2].pk, scenes[0].pk, scenes[1].pk]
    assert_dense(episode)


def test_recomposing_keeps_the_links_of_scenes_that_stay_and_drops_the_others(episode, scenes):
    episode_compose(episode=episode, scenes=scenes[:3])
    kept = EpisodeScene.objects.get(episode=episode, scene=scenes[1]).pk

    episode_compose(episode=episode, scenes=[scenes[3], scenes[1]])

    assert scene_order(episode) == [scenes[3].pk, scenes[1].pk]
    assert EpisodeScene.objects.get(episode=episode, scene=scenes[1]).pk == kept
    assert_dense(episode)


def test_it_refuses_scenes_of_another_story_and_writes_nothing(episode, scenes):
    stranger = SceneFactory()

    with pytest.raises(SceneNotInStory):
        episode_compose(episode=episode, scenes=[scenes[0], stranger])
    with pytest.raises(SceneNotInStory):
        episode_scene_add(episode=episode, scene=stranger)

    assert not EpisodeScene.objects.filter(episode=episode).exists()


def test_it_refuses_a_scene_twice(episode, scenes):
    episode_scene_add(episode=episode, scene=scenes[0])

    with pytest.raises(SceneAlreadyInEpisode):
        episode_scene_add(episode=episode, scene=scenes[0])
    with pytest.raises(InvalidOrder):
        episode_compose(episode=episode, scenes=[scenes[1], scenes[1]])

    assert scene_order(episode) == [scenes[0].pk]


def test_adding_at_a_position_shifts_the_scenes_after_it(episode, scenes):
    episode_compose(episode=episode, scenes=scenes[:3])

    link = episode_scene_add(episode=episode, scene=scenes[3], position=1)

    assert link.order_index == 1
    assert scene_order(episode) == [scenes[0].pk, scenes[3].pk, scenes[1].pk, scenes[2].pk]
    assert_dense(episode)


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [(0, 3, [1, 2, 3, 0]), (3, 0, [3, 0, 1, 2]), (1, 2, [0, 2, 1, 3]), (2, 2, [0, 1, 2, 3])],
)
def test_moving_a_scene_keeps_the_order_dense_and_unique(episode, scenes, source, target, expected):
    episode_compose(episode=episode, scenes=scenes)

    link = episode_scene_move(episode=episode, scene=scenes[source], position=target)

    assert link.order_index == target
    assert scene_order(episode) == [scenes[index].pk for index in expected]
    assert_dense(episode)


def test_it_refuses_a_move_outside_the_episode_and_changes_nothing(episode, scenes):
    episode_compose(episode=episode, scenes=scenes[:2])
    before = order_of(episode)

    with pytest.raises(InvalidOrder):
        episode_scene_move(episode=episode, scene=scenes[0], position=2)
    with pytest.raises(SceneNotInEpisode):
        episode_scene_move(episode=episode, scene=scenes[3], position=0)

    assert order_of(episode) == before


def test_removing_a_scene_closes_the_gap(episode, scenes):
    episode_compose(episode=episode, scenes=scenes)

    episode_scene_remove(episode=episode, scene=scenes[1])

    assert scene_order(episode) == [scenes[0].pk, scenes[2].pk, scenes[3].pk]
    assert_dense(episode)
    with pytest.raises(SceneNotInEpisode):
        episode_scene_remove(episode=episode, scene=scenes[1])


@pytest.mark.parametrize("asset_type", EpisodeAsset.AssetType.values)
def test_it_attaches_an_existing_image_as_any_asset_type_once(episode, asset_type):
    image = ImageFactory()

    first = episode_asset_attach(episode=episode, asset_type=asset_type, asset_id=image.pk)
    again = episode_asset_attach(episode=episode, asset_type=asset_type, asset_id=str(image.pk))

    assert first.pk == again.pk
    assert EpisodeAsset.objects.filter(episode=episode).count() == 1


@pytest.mark.parametrize("asset_id", [uuid.uuid4(), "not-an-id"])
def test_it_refuses_an_asset_id_that_points_at_nothing(episode, asset_id):
    with pytest.raises(AssetNotFound):
        episode_asset_attach(episode=episode, asset_type=EpisodeAsset.AssetType.COVER, asset_id=asset_id)

    assert not EpisodeAsset.objects.exists()


def test_it_refuses_an_unknown_asset_type(episode):
    with pytest.raises(AssetNotFound):
        episode_asset_attach(episode=episode, asset_type="poster", asset_id=ImageFactory().pk)

    assert not EpisodeAsset.objects.exists()


def test_detaching_an_asset_deletes_its_link_only(episode):
    image = ImageFactory()
    episode_asset_attach(episode=episode, asset_type="cover", asset_id=image.pk)

    episode_asset_detach(episode=episode, asset_type="cover", asset_id=image.pk)

    assert not EpisodeAsset.objects.exists()
    assert image.__class__.objects.filter(pk=image.pk).exists()


def test_publishing_stamps_published_at_and_unpublishing_returns_to_draft(episode, scenes):
    episode_compose(episode=episode, scenes=scenes[:1])

    episode_publish(episode=episode)
    episode.refresh_from_db()
    assert episode.status == Episode.Status.PUBLISHED
    assert episode.published_at is not None

    episode_unpublish(episode=episode)
    episode.refresh_from_db()
    assert episode.status == Episode.Status.DRAFT
    assert episode.published_at is None


def test_it_refuses_to_publish_an_empty_or_already_published_episode(episode, scenes):
    with pytest.raises(InvalidStatusTransition):
        episode_publish(episode=episode)
    episode.refresh_from_db()
    assert episode.status == Episode.Status.DRAFT

    episode_compose(episode=episode, scenes=scenes[:1])
    episode_publish(episode=episode)
    with pytest.raises(InvalidStatusTransition):
        episode_publish(episode=episode)
    with pytest.raises(InvalidStatusTransition):
        episode_unpublish(episode=EpisodeFactory())


def test_an_episode_is_created_with_a_default_image_style_that_feeds_style_resolution():
    scene = SceneFactory()
    preset = StylePresetFactory(project=scene.story.project)

    episode = episode_create(story=scene.story, title="Chapter 1", default_image_style=preset)
    episode_compose(episode=episode, scenes=[scene])

    resolved = style_resolve_for_scene(scene=scene, episode=episode)
    assert resolved.preset == preset
    assert resolved.decided_by == "episode"


def test_the_default_image_style_can_be_changed_and_cleared(episode):
    preset = StylePresetFactory()

    episode_update(episode=episode, title="Renamed", default_image_style=preset)
    episode.refresh_from_db()
    assert (episode.title, episode.default_image_style) == ("Renamed", preset)

    episode_update(episode=episode, default_image_style=None)
    episode.refresh_from_db()
    assert (episode.title, episode.default_image_style) == ("Renamed", None)


@pytest.mark.parametrize(
    "preset_kwargs",
    [{"style_type": StylePreset.StyleType.STORY}, {"project": factory.SubFactory(ProjectFactory)}],
)
def test_it_refuses_a_story_style_or_another_projects_style(episode, preset_kwargs):
    preset = StylePresetFactory(**preset_kwargs)

    with pytest.raises(InvalidEpisodeStyle):
        episode_update(episode=episode, default_image_style=preset)
    with pytest.raises(InvalidEpisodeStyle):
        episode_create(story=episode.story, title="Other", default_image_style=preset)

    episode.refresh_from_db()
    assert episode.default_image_style is None
    assert Episode.objects.count() == 1
