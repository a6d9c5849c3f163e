"""The webtoon export: JPEG slices within WEBTOON's limits, cut in whitespace, never through a bubble."""

import hashlib
import io
import json
import zipfile

import pytest
from PIL import Image

from episodes.factories import rendered_episode
from episodes.models import ExportJob
from episodes.renderers.base import encode_jpeg
from episodes.renderers.strip import Strip
from episodes.selectors import export_sources

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode():
    # Three tall scenes (about 2,100 px each at 800 wide): the strip must be cut inside scenes too.
    return rendered_episode(scenes=3, width=800, panel_heights=(480, 520, 460, 500), gap=24)


@pytest.fixture
def job(episode, run_export):
    return run_export(episode=episode, format="webtoon")


def read_zip(job):
    with job.output_file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    return archive, json.loads(archive.read("manifest.json"))


def test_it_completes_and_stores_the_zip_under_the_export_folder(job):
    assert job.status == ExportJob.Status.COMPLETED, job.error
    assert job.output_file.name.startswith(f"exports/{job.pk}/")
    assert job.output_url.endswith(job.output_file.name)
    assert job.finished_at is not None
    assert job.metadata["message"] == "done"
    assert job.metadata["step"] == job.metadata["total"]


def test_every_slice_is_a_jpeg_within_1280_px_and_2_mb_and_matches_its_checksum(job):
    archive, manifest = read_zip(job)

    assert manifest["slice_count"] == len(manifest["slices"]) > 1
    assert sorted(archive.namelist()) == sorted(["manifest.json", *(s["file"] for s in manifest["slices"])])
    for entry in manifest["slices"]:
        data = archive.read(entry["file"])
        picture = Image.open(io.BytesIO(data))
        assert picture.format == "JPEG"
        assert picture.size == (800, entry["height"])
        assert entry["height"] <= 1280
        assert len(data) == entry["bytes"] <= 2 * 1024 * 1024
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]


def test_slices_tile_the_strip_in_order_and_name_the_scenes_they_show(job, episode):
    _, manifest = read_zip(job)

    slices = manifest["slices"]
    assert [s["order"] for s in slices] == list(range(1, len(slices) + 1))
    assert slices[0]["y_start"] == 0
    assert slices[-1]["y_end"] == manifest["height"]
    assert all(a["y_end"] == b["y_start"] for a, b in zip(slices, slices[1:], strict=False))
    scene_ids = [str(link.scene_id) for link in episode.episode_scenes.order_by("order_index")]
    assert [scene["scene_id"] for scene in manifest["scenes"]] == scene_ids
    shown = [scene["scene_id"] for s in slices for scene in s["scenes"]]
    assert list(dict.fromkeys(shown)) == scene_ids


def test_no_cut_goes_through_a_bubble(job, episode):
    _, manifest = read_zip(job)
    strip = Strip(export_sources(job=job), width=800, gutter=250, background="#ffffff")
    bubbles = [(scene.top + p.bounds[1], scene.top + p.bounds[3]) for scene in strip.scenes for p in scene.placements]
    assert len(bubbles) == 12
    cuts = [s["y_end"] for s in manifest["slices"][:-1]]
    assert cuts
    for cut in cuts:
        assert not any(top < cut < bottom for top, bottom in bubbles), (cut, bubbles)


def test_cuts_prefer_the_gutters_between_scenes(job):
    _, manifest = read_zip(job)
    gutters = [(a["y_end"], b["y_start"]) for a, b in zip(manifest["scenes"], manifest["scenes"][1:], strict=False)]
    cuts = [s["y_end"] for s in manifest["slices"][:-1]]

    assert any(top <= cut <= bottom for cut in cuts for top, bottom in gutters)


def test_width_gutter_and_background_are_options(episode, run_export):
    job = run_export(
        episode=episode,
        format="webtoon",
        options={"width": 400, "gutter": 100, "background": "#000000"},
    )

    archive, manifest = read_zip(job)
    assert manifest["width"] == 400
    assert all(s["width"] == 400 for s in manifest["slices"])
    first, second = manifest["scenes"][:2]
    assert second["y_start"] - first["y_end"] == 100
    gutter_slice = next(s for s in manifest["slices"] if s["y_start"] <= first["y_end"] + 50 < s["y_end"])
    picture = Image.open(io.BytesIO(archive.read(gutter_slice["file"])))
    assert max(picture.getpixel((200, first["y_end"] + 50 - gutter_slice["y_start"]))) < 16


def test_it_warns_in_metadata_when_the_episode_exceeds_20_mb(episode, run_export, monkeypatch):
    monkeypatch.setattr("episodes.renderers.webtoon.EPISODE_MAX_BYTES", 1000)

    job = run_export(episode=episode, format="webtoon")

    assert job.status == ExportJob.Status.COMPLETED
    assert "WEBTOON Canvas accepts at most" in job.metadata["warnings"][0]


def test_a_slice_too_heavy_for_the_limit_is_saved_at_a_lower_quality():
    noise = Image.effect_noise((800, 1280), 120).convert("RGB")

    data, quality = encode_jpeg(noise, quality=90, max_bytes=400_000)

    assert len(data) <= 400_000
    assert quality < 90
    assert Image.open(io.BytesIO(data)).size == (800, 1280)
