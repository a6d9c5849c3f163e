"""Throughput of the locked write paths: casting characters and inserting style presets.

Run against a scratch database (it creates and then deletes its own rows):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> python bench/casting.py [--threads 8] [--rows 200]
"""

import argparse
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webtoon.settings")

import django  # noqa: E402

django.setup()

from characters.models import Character  # noqa: E402
from characters.services import character_cast_into_story  # noqa: E402
from projects.models import Project, Story  # noqa: E402
from styles.models import StylePreset  # noqa: E402
from styles.services import style_preset_create, style_preset_delete  # noqa: E402
from webtoon.testing import run_concurrently  # noqa: E402


def timed(label: str, rows: int, threads: int, work) -> None:
    started = time.perf_counter()
    run_concurrently(threads, work)
    elapsed = time.perf_counter() - started
    print(f"{label}: {rows} rows, {threads} threads, {elapsed:.2f} s, {rows / elapsed:.0f} rows/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--rows", type=int, default=200)
    args = parser.parse_args()
    per_thread = args.rows // args.threads
    rows = per_thread * args.threads

    project = Project.objects.create(name=f"bench-{uuid.uuid4().hex[:8]}")
    stories = [Story.objects.create(project=project, title=f"bench {n}") for n in range(args.threads)]
    root = style_preset_create(style_type="image", name=f"bench-{uuid.uuid4().hex[:8]}", label="bench")
    try:
        timed(
            "character_cast_into_story (new names, one project)",
            rows,
            args.threads,
            lambda i: [character_cast_into_story(story=stories[i], name=f"Person {i}-{n}") for n in range(per_thread)],
        )
        timed(
            "character_cast_into_story (same names again, dedup)",
            rows,
            args.threads,
            lambda i: [character_cast_into_story(story=stories[i], name=f"Person {i}-{n}") for n in range(per_thread)],
        )
        timed(
            "style_preset_create (one tree)",
            rows,
            args.threads,
            lambda i: [
                style_preset_create(style_type="image", name=f"{root.name}-{i}-{n}", label="b", parent=root)
                for n in range(per_thread)
            ],
        )
        print(f"characters in project: {Character.objects.filter(project=project).count()} (expected {rows})")
        before = list(StylePreset.objects.order_by("pk").values_list("pk", "lft", "rght", "level"))
        StylePreset.objects.partial_rebuild(StylePreset.objects.get(pk=root.pk).tree_id)
        after = list(StylePreset.objects.order_by("pk").values_list("pk", "lft", "rght", "level"))
        print(f"style tree intact after concurrent inserts: {before == after}")
    finally:
        for preset in StylePreset.objects.filter(name__startswith=root.name).order_by("-level"):
            style_preset_delete(preset=preset)
        project.delete()


if __name__ == "__main__":
    main()
