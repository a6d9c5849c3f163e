"""The lighthouse story end to end on the offline providers: wall time and peak memory.

    python bench/pipeline.py [--story demo/stories/lighthouse.md] [--database sqlite|postgres]

Builds, plans and renders the story in this process, in a throwaway database (a temporary SQLite
file, or `bench_pipeline` on the PostgreSQL of DATABASE_URL, created and dropped here) with media in
a temporary directory. Prints the wall time of the build (target < 15 s), the slowest nodes, and the
process's peak resident memory including Django and LangGraph (target < 300 MB).
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webtoon.settings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--story", type=Path, default=ROOT / "demo" / "stories" / "lighthouse.md")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="bench-pipeline-")
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"
    if args.database == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("--database postgres needs DATABASE_URL=postgres://...")

    import django
    from django.conf import settings

    if args.database == "postgres":
        settings.DATABASES["default"]["NAME"] = "bench_pipeline"
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if args.database == "postgres":
        _recreate_postgres_database(connection)
    call_command("migrate", verbosity=0)

    from artifacts.models import Artifact, Image
    from artifacts.pipeline.executor import execute_run
    from projects.factories import ProjectFactory
    from projects.services import story_create, story_generation_start

    started = time.perf_counter()
    import langgraph.graph  # noqa: F401 - what a worker pays once, at its first graph

    imported = time.perf_counter() - started
    story = story_create(project=ProjectFactory(), title=args.story.stem, source_text=args.story.read_text())
    run = story_generation_start(story=story, queue=False)
    began = time.perf_counter()
    finished = execute_run(run.pk)
    wall = time.perf_counter() - began
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"story: {args.story.name} on {args.database}; run {finished.status} {finished.error}")
    print(
        f"scenes {story.scenes.count()}, artifacts {Artifact.objects.filter(scene__story=story).count()}, "
        f"images {Image.objects.filter(artifact__scene__story=story).count()}"
    )
    print(f"langgraph import: {imported:.2f} s (once per process)")
    print(f"build wall time:  {wall:.2f} s  (target < 15 s)")
    print(f"peak memory:      {peak_mb:.0f} MB (target < 300 MB)")
    slowest = sorted(finished.node_timings.items(), key=lambda item: -item[1]["ms"])[:6]
    print("slowest nodes:    " + ", ".join(f"{name} {timing['ms'] / 1000:.2f} s" for name, timing in slowest))
    if args.database == "postgres":
        connection.close()
    return 0 if finished.status == "completed" else 1


def _recreate_postgres_database(connection):
    from django.db import connections

    maintenance = connections.create_connection("default")
    maintenance.settings_dict = {**maintenance.settings_dict, "NAME": "postgres"}
    with maintenance.cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS bench_pipeline")
        cursor.execute("CREATE DATABASE bench_pipeline")
    maintenance.close()


if __name__ == "__main__":
    sys.exit(main())
