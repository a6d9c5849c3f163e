"""The lighthouse story end to end on the offline providers: wall time and peak memory.

    python bench/pipeline.py [--story demo/stories/lighthouse.md] [--database sqlite|postgres]
    DATABASE_URL=postgres://... REDIS_URL=redis://... python bench/pipeline.py --stub-llm [--workers 2]

Builds, plans and renders the story in this process, in a throwaway database (a temporary SQLite
file, or `<database>_bench` on the PostgreSQL of DATABASE_URL, created and dropped here) with media in
a temporary directory. Prints the wall time of the build (target < 15 s), the slowest nodes, and the
process's peak resident memory including Django and LangGraph (target < 300 MB).

--stub-llm: the same story planned (not rendered) by real Celery workers (the pool and threads of
settings, as production runs them) against an OpenAI-compatible stub answering every call after
200 ms. Prints the wall time divided by the critical path: the longest chain of dependent LLM calls
the run counted (`_llm_chain` on its checkpoint: a scene's calls wait for each other and for the
story's, a story-level call waits for every scene), times 200 ms; target <= 1.5 with 2 workers.
--timeline adds when each call started and ended at the stub.
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
    parser.add_argument("--stub-llm", action="store_true", help="LLM calls to a 200 ms stub, on real workers")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeline", action="store_true", help="print when each LLM call started and ended")
    args = parser.parse_args()
    if args.stub_llm:
        args.database = "postgres"
        if not os.environ.get("REDIS_URL"):
            parser.error("--stub-llm needs REDIS_URL (and DATABASE_URL=postgres://...)")
    workdir = tempfile.mkdtemp(prefix="bench-pipeline-")
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"
    if args.database == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("--database postgres needs DATABASE_URL=postgres://...")

    import django
    from django.conf import settings

    if args.database == "postgres":
        # Named after the configured database, so sessions sharing one server do not drop each other's.
        settings.DATABASES["default"]["NAME"] = f"{settings.DATABASES['default']['NAME']}_bench"
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if args.database == "postgres":
        _recreate_postgres_database(connection)
    call_command("migrate", verbosity=0)

    if args.stub_llm:
        return _stub_llm_bench(args, workdir)

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


CALL_SECONDS = 0.2


def _stub_llm_bench(args, workdir: str) -> int:
    import subprocess

    from django.conf import settings

    from artifacts.models import Artifact, GraphRun
    from artifacts.pipeline.runs import LLM_CHAIN_KEY
    from artifacts.providers.stub_server import StubServer
    from artifacts.tasks import purge_queues
    from projects.factories import ProjectFactory
    from projects.models import Story
    from projects.services import story_create, story_generation_start
    from webtoon.celery import app

    db = settings.DATABASES["default"]
    with StubServer(delay=CALL_SECONDS) as stub:
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
            "MEDIA_ROOT": f"{workdir}/media",
            "LLM_PROVIDER": "openai",
            "OPENAI_BASE_URL": f"{stub.url}/v1",
        }
        purge_queues()
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "webtoon",
                    "worker",
                    "--loglevel=WARNING",
                    f"--hostname=bench{index}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--queues=celery,generation",
                ],
                cwd=ROOT,
                env=env,
            )
            for index in range(args.workers)
        ]
        try:
            deadline = time.monotonic() + 60
            while len(app.control.ping(timeout=0.5) or []) < args.workers and time.monotonic() < deadline:
                time.sleep(0.5)
            # Warm the workers (imports, LangGraph) with a throwaway story, so the figure is the pipeline's.
            for title in ("warm-up", args.story.stem):
                story = story_create(project=ProjectFactory(), title=title, source_text=args.story.read_text())
                calls_before = len(stub.requests)
                began, began_at = time.perf_counter(), time.time()
                run = story_generation_start(story=story, parameters={"render": False})
                while Story.objects.get(pk=story.pk).generation_status == Story.GenerationStatus.PROCESSING:
                    time.sleep(0.05)
                wall = time.perf_counter() - began
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=30)
    run = GraphRun.objects.get(pk=run.pk)
    rewrites = Artifact.objects.filter(scene__story=story, type="visual_plan", created_by="pipeline:critic").count()
    chains = run.checkpoint.get(LLM_CHAIN_KEY, {})
    chain = max(chains.values(), default=0)
    critical = chain * CALL_SECONDS
    pool = f"{settings.CELERY_WORKER_POOL} pool, concurrency {settings.CELERY_WORKER_CONCURRENCY}"
    print(f"story: {args.story.name}; {args.workers} workers ({pool}); run {run.status} {run.error}")
    print(
        f"LLM calls: {len(stub.requests) - calls_before}, {CALL_SECONDS * 1000:.0f} ms each; critic rewrites {rewrites}"
    )
    print(f"critical path: {chain} dependent calls = {critical:.2f} s (chains per lane: {sorted(chains.values())})")
    print(f"wall time:     {wall:.2f} s")
    print(f"ratio:         {wall / critical:.2f} (target <= 1.5)")
    if args.timeline:
        from artifacts.providers.stub_server import task_of

        for call in stub.requests[calls_before:]:
            task = task_of(call["body"]["messages"][-1]["content"])[0]
            print(f"  {call['received'] - began_at:6.2f} -> {call.get('answered', 0) - began_at:6.2f}  {task}")
    slowest = sorted(run.node_timings.items(), key=lambda item: -item[1]["ms"])[:8]
    print("node time (all workers): " + ", ".join(f"{name} {timing['ms'] / 1000:.2f} s" for name, timing in slowest))
    return 0 if run.status == GraphRun.Status.COMPLETED else 1


def _recreate_postgres_database(connection):
    from django.db import connections

    maintenance = connections.create_connection("default")
    maintenance.settings_dict = {**maintenance.settings_dict, "NAME": "postgres"}
    with maintenance.cursor() as cursor:
        name = connection.ops.quote_name(connection.settings_dict["NAME"])
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    maintenance.close()


if __name__ == "__main__":
    sys.exit(main())
