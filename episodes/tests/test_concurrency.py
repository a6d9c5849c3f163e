"""Concurrent writers on PostgreSQL: reorders stay dense, a job renders once, exports do not clash."""

import random

import pytest

from episodes.factories import EpisodeFactory, rendered_episode
from episodes.models import EpisodeScene, ExportJob
from episodes.renderers import webtoon
from episodes.services import episode_compose, episode_scene_add, episode_scene_move, export_execute, export_start
from projects.factories import SceneFactory
from webtoon.testing import run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def in_threads(*workers):
    """Run each worker in its own thread (own connection), released together; re-raise errors."""
    run_concurrently(len(workers), lambda index: workers[index]())


def test_concurrent_moves_and_adds_keep_the_order_dense_and_unique():
    episode = EpisodeFactory()
    scenes = [SceneFactory(story=episode.story) for _ in range(8)]
    episode_compose(episode=episode, scenes=scenes[:6])
    extra = scenes[6:]

    def mover(seed):
        def work():
            rng = random.Random(seed)
            for _ in range(25):
                episode_scene_move(episode=episode, scene=rng.choice(scenes[:6]), position=rng.randrange(6))

        return work

    def adder():
        for scene in extra:
            episode_scene_add(episode=episode, scene=scene, position=0)

    in_threads(mover(1), mover(2), adder)

    links = list(EpisodeScene.objects.filter(episode=episode).order_by("order_index"))
    assert [link.order_index for link in links] == list(range(8))
    assert {link.scene_id for link in links} == {scene.pk for scene in scenes}


def test_two_workers_given_the_same_job_render_it_once(monkeypatch):
    job = export_start(episode=rendered_episode(scenes=1), format="webtoon", enqueue=False)
    renders = []
    real_render = webtoon.render

    def counting_render(context):
        renders.append(context.export_id)
        return real_render(context)

    monkeypatch.setattr(webtoon, "render", counting_render)

    in_threads(lambda: export_execute(export_id=job.pk), lambda: export_execute(export_id=job.pk))

    job.refresh_from_db()
    assert job.status == ExportJob.Status.COMPLETED
    assert renders == [str(job.pk)]


def test_two_exports_of_one_episode_at_once_both_complete_in_their_own_folders(media_root):
    episode = rendered_episode(scenes=2)
    jobs = [export_start(episode=episode, format="webtoon", enqueue=False) for _ in range(2)]

    in_threads(*(lambda job=job: export_execute(export_id=job.pk) for job in jobs))

    finished = ExportJob.objects.filter(pk__in=[job.pk for job in jobs])
    assert {job.status for job in finished} == {ExportJob.Status.COMPLETED}
    assert sorted(job.output_file.name for job in finished) == sorted(f"exports/{job.pk}/webtoon.zip" for job in jobs)
    assert all((media_root / job.output_file.name).stat().st_size > 0 for job in finished)
