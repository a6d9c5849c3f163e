"""The studio's lists cost the same number of queries for 1 row as for 20 (no query per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from characters.factories import CharacterReferenceImageFactory
from characters.services import character_create
from episodes.factories import EpisodeFactory
from episodes.services import episode_scene_add
from projects.factories import ProjectFactory, SceneFactory, StoryFactory
from projects.models import ProjectMembership
from webtoon.tests.admin_helpers import staff_member

pytestmark = pytest.mark.django_db


def make_story(project):
    return StoryFactory(project=project)


def make_scene(project):
    return SceneFactory(story__project=project)


def make_character(project):
    character = character_create(project=project, name=f"Person {project.characters.count()}")
    CharacterReferenceImageFactory(character=character, is_primary=True)
    return character


def make_episode(project):
    return EpisodeFactory(story__project=project)


@pytest.mark.parametrize(
    ("changelist", "make"),
    [
        ("admin:projects_story_changelist", make_story),
        ("admin:projects_scene_changelist", make_scene),
        ("admin:characters_character_changelist", make_character),
        ("admin:episodes_episode_changelist", make_episode),
        ("admin:audit_auditlog_changelist", make_story),
    ],
)
def test_a_changelist_costs_the_same_for_one_row_and_for_twenty(client, changelist, make):
    project = ProjectFactory()
    client.force_login(staff_member(project, ProjectMembership.Role.EDITOR))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(changelist)).status_code == 200
        return len(captured)

    make(project)
    one = queries()
    for _ in range(19):
        make(project)

    assert queries() == one


def test_the_episode_page_costs_one_query_per_scene_row(client):
    episode = EpisodeFactory(story__project=ProjectFactory())
    client.force_login(staff_member(episode.story.project, ProjectMembership.Role.EDITOR))
    url = reverse("admin:episodes_episode_change", args=[episode.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    episode_scene_add(episode=episode, scene=SceneFactory(story=episode.story))
    one = queries()
    for _ in range(19):
        episode_scene_add(episode=episode, scene=SceneFactory(story=episode.story))

    # Django's autocomplete widget reads its row's chosen scene itself: one query a row, no more.
    assert queries() <= one + 19
