"""`manage.py export_episode` runs in the foreground and prints the file's path last."""

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from episodes.factories import EpisodeFactory, rendered_episode
from episodes.models import ExportJob

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("export_episode", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_exports_and_prints_the_absolute_path_as_the_last_line(media_root):
    episode = rendered_episode(scenes=2)

    out, err = run(str(episode.pk), "--format", "webtoon", "--width", "600")

    path = Path(out.strip().splitlines()[-1])
    assert path.is_absolute() and path.is_file()
    assert str(path).startswith(str(media_root))
    manifest = json.loads(zipfile.ZipFile(path).read("manifest.json"))
    assert manifest["width"] == 600
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.COMPLETED
    assert job.celery_task_id == ""
    assert f"export {job.pk}" in err


def test_the_progress_bar_counts_to_the_same_total_it_starts_with(media_root):
    episode = rendered_episode(scenes=2, panel_heights=(700, 700))

    _, err = run(str(episode.pk), "--format", "webtoon")

    job = ExportJob.objects.get()
    total = job.metadata["total"]
    counts = re.findall(r"(\d+)/(\d+) \[", err)
    assert total > 2 and counts
    assert {int(seen) for _, seen in counts} == {total}
    assert counts[-1] == (str(total), str(total))


@pytest.mark.parametrize("format", ["pdf", "cbz"])
def test_it_exports_the_other_formats(format):
    out, _ = run(str(rendered_episode(scenes=1).pk), "--format", format, "--pages", "scene")

    assert Path(out.strip().splitlines()[-1]).suffix == f".{format}"


def test_a_failed_export_prints_the_reason_and_exits_non_zero(media_root):
    episode = EpisodeFactory(title="Empty")

    with pytest.raises(CommandError, match="has no scenes to export"):
        run(str(episode.pk), "--format", "webtoon")

    assert ExportJob.objects.get().status == ExportJob.Status.FAILED
    assert not (media_root / "exports").exists() or not any((media_root / "exports").rglob("*.zip"))


@pytest.mark.parametrize(
    ("args", "reason"),
    [(["--format", "gif"], "Unknown export format"), (["--width", "5"], "width must be between")],
)
def test_bad_arguments_fail_with_the_reason_and_write_no_job(args, reason):
    with pytest.raises(CommandError, match=reason):
        run(str(rendered_episode(scenes=1).pk), *args)

    assert not ExportJob.objects.exists()


def test_an_unknown_episode_fails_with_the_reason():
    with pytest.raises(CommandError, match="No episode"):
        run("not-an-id")
