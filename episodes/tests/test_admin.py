"""The episode page: scenes in dragged order, exports with a format and their downloads, the strip."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from episodes.factories import EpisodeFactory
from episodes.models import EpisodeScene, ExportJob
from episodes.services import episode_compose
from projects.factories import ProjectFactory, SceneFactory
from projects.models import ProjectMembership
from webtoon.tests.admin_helpers import change_form_data, staff_member

pytestmark = pytest.mark.django_db

Role = ProjectMembership.Role


@pytest.fixture
def episode():
    episode = EpisodeFactory(story__project=ProjectFactory())
    scenes = [SceneFactory(story=episode.story, scene_index=index, title=f"S{index}") for index in range(3)]
    episode_compose(episode=episode, scenes=scenes)
    return episode


@pytest.fixture
def bob(episode, client):
    user = staff_member(episode.story.project, Role.EDITOR)
    client.force_login(user)
    return user


def change_url(episode):
    return reverse("admin:episodes_episode_change", args=[episode.pk])


def order(episode):
    return list(
        EpisodeScene.objects.filter(episode=episode).order_by("order_index").values_list("order_index", "scene__title")
    )


def rows_by_title(data):
    """{scene title: inline prefix} of the posted episode scenes."""
    titles = {str(pk): title for pk, title in EpisodeScene.objects.values_list("pk", "scene__title")}
    return {
        titles[value]: key.removesuffix("-episode_scene_id")
        for key, value in data.items()
        if key.startswith("episode_scenes-") and key.endswith("-episode_scene_id")
    }


def test_dragging_scenes_reorders_them_densely_through_the_service(client, bob, episode):
    data = change_form_data(client.get(change_url(episode)))
    prefixes = rows_by_title(data)
    # What adminsortable2's script posts after a drag: positions 1..n in the new order.
    for position, title in enumerate(["S2", "S0", "S1"], start=1):
        data[f"{prefixes[title]}-order_index"] = str(position)

    response = client.post(change_url(episode), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert order(episode) == [(0, "S2"), (1, "S0"), (2, "S1")]


def test_saving_without_dragging_keeps_the_order(client, bob, episode):
    data = change_form_data(client.get(change_url(episode)))

    assert client.post(change_url(episode), data).status_code == 302
    assert order(episode) == [(0, "S0"), (1, "S1"), (2, "S2")]


def test_deleting_a_scene_row_closes_the_gap(client, bob, episode):
    data = change_form_data(client.get(change_url(episode)))
    data[f"{rows_by_title(data)['S1']}-DELETE"] = "on"

    assert client.post(change_url(episode), data).status_code == 302
    assert order(episode) == [(0, "S0"), (1, "S2")]


def test_a_scene_of_another_story_is_refused_and_nothing_changes(client, bob, episode):
    stranger = SceneFactory(story__project=episode.story.project, title="Elsewhere")
    data = change_form_data(client.get(change_url(episode)))
    data.update({"episode_scenes-TOTAL_FORMS": "4", "episode_scenes-3-scene": str(stranger.pk)})

    response = client.post(change_url(episode), data)

    assert response.status_code == 200
    assert order(episode) == [(0, "S0"), (1, "S1"), (2, "S2")]


def test_the_export_button_starts_an_export_in_the_chosen_format(client, bob, episode):
    response = client.post(reverse("admin:episodes_episode_export", args=[episode.pk]), {"format": "pdf"})

    assert response.status_code == 302
    job = ExportJob.objects.get(episode=episode)
    assert job.format == ExportJob.Format.PDF
    assert job.metadata["requested_by"] == bob.username


def test_the_export_form_refuses_an_unknown_format_and_starts_nothing(client, bob, episode):
    response = client.post(reverse("admin:episodes_episode_export", args=[episode.pk]), {"format": "gif"})

    assert response.status_code == 200
    assert "format" in response.context["form"].errors
    assert not ExportJob.objects.exists()


def test_a_completed_export_offers_its_download_on_the_episode_page(client, bob, episode):
    job = ExportJob.objects.create(episode=episode, format=ExportJob.Format.PDF, status=ExportJob.Status.COMPLETED)
    job.output_file.save("episode.pdf", ContentFile(b"%PDF-1.4"), save=True)

    page = client.get(change_url(episode)).content.decode()

    assert f'href="{job.output_file.url}"' in page
    assert "Strip preview" in page


def test_a_viewer_cannot_start_an_export(client, episode):
    client.force_login(staff_member(episode.story.project, Role.VIEWER))

    response = client.post(reverse("admin:episodes_episode_export", args=[episode.pk]), {"format": "pdf"})

    assert response.status_code == 403
    assert not ExportJob.objects.exists()
