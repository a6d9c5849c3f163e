"""PDF, CBZ, video and preview exports each produce a file their readers accept."""

import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import imageio_ffmpeg
import pytest
from PIL import Image

from episodes.factories import rendered_episode, rendered_scene
from episodes.models import ExportJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode():
    return rendered_episode(scenes=2, width=800, panel_heights=(600, 640), gap=24)


def stored_bytes(job) -> bytes:
    assert job.status == ExportJob.Status.COMPLETED, job.error
    with job.output_file.open("rb") as handle:
        return handle.read()


def pdf_page_count(job) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", job.output_file.path], capture_output=True, text=True, check=True).stdout
        return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return stored_bytes(job).count(b"/Type /Page\n")


@pytest.mark.parametrize(("pages", "expected"), [("scene", 2), ("slice", None)])
def test_the_pdf_has_one_page_per_scene_or_per_slice(episode, run_export, pages, expected):
    job = run_export(episode=episode, format="pdf", options={"pages": pages})

    assert stored_bytes(job).startswith(b"%PDF")
    assert job.output_file.name.endswith(".pdf")
    assert pdf_page_count(job) == (expected or job.metadata["pages"])
    assert job.metadata["pages"] > (1 if pages == "slice" else 0)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils is not installed")
def test_the_pdf_renders_with_poppler(episode, run_export, tmp_path):
    job = run_export(episode=episode, format="pdf", options={"pages": "scene"})

    subprocess.run(["pdftoppm", "-r", "24", "-png", job.output_file.path, str(tmp_path / "page")], check=True)

    assert len(list(tmp_path.glob("page*.png"))) == 2


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_pdf_text_layer_holds_the_bubbles_in_latin_and_hangul(episode, run_export):
    job = run_export(episode=episode, format="pdf", options={"pages": "scene"})

    text = subprocess.run(["pdftotext", job.output_file.path, "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", job.output_file.path], capture_output=True, text=True, check=True).stdout

    assert "Is anyone there?" in text
    assert "누군가 있을 거야." in text
    assert "Helvetica" not in fonts


def test_the_cbz_holds_its_pages_and_a_comic_info(episode, run_export):
    episode.story.title = "등대지기"
    episode.story.save(update_fields=["title"])

    job = run_export(episode=episode, format="cbz", options={"pages": "scene"})

    archive = zipfile.ZipFile(io.BytesIO(stored_bytes(job)))
    info = ET.fromstring(archive.read("ComicInfo.xml"))
    images = sorted(name for name in archive.namelist() if name.endswith(".jpg"))
    assert images == ["001.jpg", "002.jpg"]
    assert info.findtext("Title") == episode.title
    assert info.findtext("Series") == "등대지기"
    assert info.findtext("Number") == "1"
    assert info.findtext("PageCount") == "2"
    assert info.findtext("LanguageISO") == "ko"
    listed = info.find("Pages").findall("Page")
    assert [page.get("Image") for page in listed] == ["0", "1"]
    first = Image.open(io.BytesIO(archive.read("001.jpg")))
    assert listed[0].get("ImageWidth") == str(first.width)
    assert listed[0].get("ImageHeight") == str(first.height)


def test_the_video_is_an_h264_mp4_of_the_asked_size_and_length(run_export):
    episode = rendered_episode(scenes=1, width=400, panel_heights=(300, 300), gap=20)
    options = {"fps": 10, "min_hold": 0.5, "seconds_per_word": 0.1, "scroll_speed": 2000}

    job = run_export(episode=episode, format="video", options=options)

    assert stored_bytes(job)[4:8] == b"ftyp"
    reader = imageio_ffmpeg.read_frames(job.output_file.path)
    meta = next(reader)
    reader.close()
    assert tuple(meta["size"]) == (1080, 1920)
    assert meta["codec"].startswith("h264")
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(job.output_file.path)
    assert frames == job.metadata["frames"]
    assert seconds == pytest.approx(job.metadata["seconds"], abs=0.15)
    assert seconds >= 2 * 0.5


def test_the_video_holds_longer_on_panels_with_more_words(run_export):
    episode = rendered_episode(scenes=1, width=400, panel_heights=(300, 300), gap=20)
    options = {"width": 240, "height": 240, "fps": 5, "min_hold": 0.2, "seconds_per_word": 1.0}
    quiet = run_export(episode=episode, format="video", options={**options, "seconds_per_word": 0.0})

    wordy = run_export(episode=episode, format="video", options=options)

    assert wordy.metadata["frames"] > quiet.metadata["frames"]
    frames, _ = imageio_ffmpeg.count_frames_and_secs(wordy.output_file.path)
    assert frames == wordy.metadata["frames"]


def test_the_preview_is_one_lettered_scene_as_png(run_export):
    bubble = {"bubble_id": "b1", "panel_index": 0, "type": "speech", "text": "Hello", "x": 0.5, "y": 0.5}
    scene = rendered_scene(width=400, panel_heights=(300,), bubbles=[bubble])

    job = run_export(scene=scene, format="preview")

    picture = Image.open(io.BytesIO(stored_bytes(job)))
    assert picture.format == "PNG"
    assert picture.size == (400, 340)
    with scene.artifacts.get().images.get().file.open("rb") as handle:
        unlettered = Image.open(handle).convert("RGB")
    panel = (30, 30, 370, 310)
    white = (255, 255, 255)
    assert list(picture.crop(panel).get_flattened_data()).count(white) > (
        list(unlettered.crop(panel).get_flattened_data()).count(white) + 500
    )


def test_a_preview_of_a_scene_in_an_episode_shows_that_scene_only(run_export):
    episode = rendered_episode(scenes=2, width=400, panel_heights=(300,))
    second = rendered_scene(scene=episode.episode_scenes.get(order_index=1).scene, width=400, panel_heights=(500,))

    job = run_export(episode=episode, scene=second, format="preview")

    assert job.status == ExportJob.Status.COMPLETED, job.error
    assert (job.episode, job.scene) == (episode, second)
    assert job.metadata["height"] == 540
