"""Episodes over the API: composing, reordering, exporting and downloading."""

import pytest
from django.core.files.base import ContentFile

from episodes.factories import EpisodeSceneFactory, ExportJobFactory
from episodes.models import ExportJob
from projects.factories import SceneFactory

pytestmark = pytest.mark.django_db


def test_scenes_are_added_at_a_position_and_reordered(world, bob, client_for):
    client = client_for(bob)
    url = f"/api/v1/episodes/{world.episode.pk}/scenes/"
    assert client.post(url, {"scene": str(world.bare_scene.pk), "order_index": 0}).status_code == 201
    assert [row["scene"] for row in client.get(url).json()["results"]] == [
        str(world.bare_scene.pk),
        str(world.scene.pk),
    ]
    response = client.post(
        f"/api/v1/episodes/{world.episode.pk}/reorder/", {"scenes": [str(world.scene.pk), str(world.bare_scene.pk)]}
    )
    assert response.status_code == 200
    assert [(row["scene"], row["order_index"]) for row in response.json()] == [
        (str(world.scene.pk), 0),
        (str(world.bare_scene.pk), 1),
    ]


def test_a_reorder_must_list_every_scene_once(world, bob, client_for):
    extra = SceneFactory(story=world.story, scene_index=9)
    EpisodeSceneFactory(episode=world.episode, scene=extra, order_index=1)
    response = client_for(bob).post(f"/api/v1/episodes/{world.episode.pk}/reorder/", {"scenes": [str(extra.pk)]})
    assert response.status_code == 400
    assert world.episode.episode_scenes.count() == 2


def test_a_scene_of_another_story_cannot_join_the_episode(world, bob, client_for):
    from projects.factories import StoryFactory

    foreign = SceneFactory(story=StoryFactory(project=world.project), scene_index=0)
    response = client_for(bob).post(f"/api/v1/episodes/{world.episode.pk}/scenes/", {"scene": str(foreign.pk)})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "scene_not_in_story"


def test_starting_an_export_answers_202_with_the_job_to_poll(world, bob, client_for):
    response = client_for(bob).post(f"/api/v1/episodes/{world.episode.pk}/export/", {"format": "cbz"})
    assert response.status_code == 202
    job = ExportJob.objects.get(pk=response.json()["export_id"])
    assert (job.format, job.status, job.episode) == ("cbz", "queued", world.episode)
    assert response["Location"] == f"/api/v1/exports/{job.pk}/"


def test_an_unknown_export_format_is_refused_and_writes_nothing(world, bob, client_for):
    response = client_for(bob).post(f"/api/v1/episodes/{world.episode.pk}/export/", {"format": "gif"})
    assert response.status_code == 400
    assert "format" in response.json()["error"]["fields"]
    assert world.episode.exports.count() == 1


def test_a_completed_export_downloads_its_file(world, carol, client_for):
    job = ExportJobFactory(episode=world.episode, status=ExportJob.Status.COMPLETED)
    job.output_file.save("episode.zip", ContentFile(b"PK\x03\x04 slices"))
    response = client_for(carol).get(f"/api/v1/exports/{job.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK\x03\x04 slices"
    assert 'filename="episode' in response["Content-Disposition"]


def test_a_failed_export_is_queued_again_and_a_viewer_may_not_retry_it(world, bob, carol, client_for):
    job = ExportJobFactory(episode=world.episode, status=ExportJob.Status.FAILED, error="font missing")
    assert client_for(carol).post(f"/api/v1/exports/{job.pk}/retry/").status_code == 403
    response = client_for(bob).post(f"/api/v1/exports/{job.pk}/retry/")
    assert response.status_code == 202
    assert response["Location"] == f"/api/v1/exports/{job.pk}/"
    job.refresh_from_db()
    assert (job.status, response.json()["status"]) == ("queued", "queued")


def test_assets_must_be_images_of_my_projects(world, bob, client_for):
    from artifacts.factories import ImageFactory

    foreign = ImageFactory()
    url = f"/api/v1/episodes/{world.episode.pk}/assets/"
    response = client_for(bob).post(url, {"asset_type": "cover", "asset_id": str(foreign.pk)})
    assert response.status_code == 400
    assert "asset_id" in response.json()["error"]["fields"]
