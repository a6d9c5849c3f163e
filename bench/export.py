"""Benchmark: a 60-panel episode exported as `webtoon`, against a bare Pillow paste-and-save.

    /work/main/.venv/bin/python bench/export.py [--scenes 15] [--panels 4] [--repeat 3] [--also pdf,cbz,video]

Builds a throw-away SQLite database and media folder with `scenes` rendered storyboard-like
scenes of `panels` panels (800 px wide, one bubble a panel), then, in fresh child processes so
each peak is its own: (1) the bare baseline: open the same PNGs, paste them into one strip with
the same gutters, cut it every 1280 rows and save JPEG slices; (2) the real export
(`export_execute`: lettering, cuts avoiding bubbles, size checks, checksums, zip, storage).
Prints wall times, the ratio export / baseline (target <= 2) and peak RSS (target <= 400 MB);
`--also` times the other formats of the same episode once.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUTTER = 250
SLICE = 1280


def setup_django(workdir: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["REDIS_URL"] = ""
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webtoon.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(scenes: int, panels: int) -> str:
    from django.core.management import call_command

    from episodes.factories import EpisodeFactory, rendered_scene
    from episodes.models import EpisodeScene
    from projects.factories import SceneFactory

    call_command("migrate", verbosity=0)
    episode = EpisodeFactory(title="Bench episode")
    heights = [420, 470, 440, 490, 450, 430]
    for index in range(scenes):
        scene = rendered_scene(
            scene=SceneFactory(story=episode.story, scene_index=index),
            width=800,
            panel_heights=tuple(heights[(index + panel) % len(heights)] for panel in range(panels)),
            gap=24,
        )
        EpisodeScene.objects.create(episode=episode, scene=scene, order_index=index)
    return str(episode.pk)


def image_paths(episode_id: str) -> list[str]:
    from artifacts.models import Image
    from episodes.models import EpisodeScene
    from episodes.selectors import latest_render_results

    scene_ids = list(
        EpisodeScene.objects.filter(episode_id=episode_id).order_by("order_index").values_list("scene_id", flat=True)
    )
    results = latest_render_results(scene_ids=scene_ids)
    ids = [results[scene_id].payload["scene_image"]["image_id"] for scene_id in scene_ids]
    files = {str(image.pk): image.file.path for image in Image.objects.filter(pk__in=ids)}
    return [files[image_id] for image_id in ids]


def baseline(episode_id: str, workdir: Path) -> dict:
    from PIL import Image

    paths = image_paths(episode_id)
    out = Path(tempfile.mkdtemp(dir=workdir))
    started = time.perf_counter()
    pictures = [Image.open(path).convert("RGB") for path in paths]
    height = sum(picture.height for picture in pictures) + GUTTER * (len(pictures) - 1)
    strip = Image.new("RGB", (800, height), "white")
    top = 0
    for picture in pictures:
        strip.paste(picture, (0, top))
        top += picture.height + GUTTER
    del pictures
    count = 0
    for count, y in enumerate(range(0, height, SLICE), start=1):
        strip.crop((0, y, 800, min(height, y + SLICE))).save(out / f"{count:03d}.jpg", "JPEG", quality=90)
    return {"seconds": time.perf_counter() - started, "slices": count, "height": height, "peak_mb": peak_rss_mb()}


def export(episode_id: str, format: str = "webtoon") -> dict:
    from episodes.models import Episode
    from episodes.services import export_execute, export_start

    job = export_start(episode=Episode.objects.get(pk=episode_id), format=format, enqueue=False)
    started = time.perf_counter()
    job = export_execute(export_id=job.pk)
    seconds = time.perf_counter() - started
    assert job.status == "completed", job.error
    return {**job.metadata, "wall_seconds": seconds, "peak_mb": peak_rss_mb()}


def idle() -> dict:
    from episodes.services import export_execute  # noqa: F401 - the same imports as the export child

    return {"peak_mb": peak_rss_mb()}


def child(kind: str, episode_id: str, workdir: Path) -> dict:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--episode", episode_id, "--workdir", str(workdir)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=15)
    parser.add_argument("--panels", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--also", default="", help="other formats to time once, e.g. pdf,cbz,video")
    parser.add_argument("--child")
    parser.add_argument("--episode")
    parser.add_argument("--workdir")
    args = parser.parse_args()

    if args.child:
        workdir = Path(args.workdir)
        setup_django(workdir)
        if args.child == "baseline":
            print(json.dumps(baseline(args.episode, workdir)))
        elif args.child.startswith("export"):
            print(json.dumps(export(args.episode, args.child.partition(":")[2] or "webtoon")))
        else:
            print(json.dumps(idle()))
        return

    with tempfile.TemporaryDirectory(prefix="bench-export-") as folder:
        workdir = Path(folder)
        setup_django(workdir)
        started = time.perf_counter()
        episode_id = build(args.scenes, args.panels)
        print(f"episode: {args.scenes} scenes x {args.panels} panels, built in {time.perf_counter() - started:.1f} s")
        rest = child("idle", episode_id, workdir)
        runs = [
            (child("baseline", episode_id, workdir), child("export", episode_id, workdir)) for _ in range(args.repeat)
        ]
        others = {name: child(f"export:{name}", episode_id, workdir) for name in filter(None, args.also.split(","))}

    base = statistics.median(run[0]["seconds"] for run in runs)
    real = statistics.median(run[1]["wall_seconds"] for run in runs)
    last = runs[-1][1]
    print(f"strip: {last['height']} px tall, {last['slices']} slices, zip {last['bytes'] / 1e6:.2f} MB")
    print(f"baseline (bare Pillow paste + JPEG slices): {base:.2f} s median of {args.repeat}")
    print(f"export (webtoon, lettered, zipped):        {real:.2f} s median of {args.repeat}")
    print(f"ratio export / baseline: {real / base:.2f} (target <= 2)")
    print(
        f"peak RSS: export {max(r[1]['peak_mb'] for r in runs):.0f} MB (target <= 400), "
        f"baseline {max(r[0]['peak_mb'] for r in runs):.0f} MB, Django idle {rest['peak_mb']:.0f} MB"
    )
    for name, figures in others.items():
        print(
            f"{name}: {figures['wall_seconds']:.1f} s, {figures['bytes'] / 1e6:.2f} MB, "
            f"peak RSS {figures['peak_mb']:.0f} MB"
            + (f", {figures['frames']} frames ({figures['seconds']} s of video)" if "frames" in figures else "")
            + (f", {figures['pages']} pages" if "pages" in figures else "")
        )


if __name__ == "__main__":
    main()
