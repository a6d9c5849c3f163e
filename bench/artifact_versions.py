"""Concurrent artifact versioning on PostgreSQL: correctness and cost beside plain INSERTs.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/db python bench/artifact_versions.py [--writers N]

Runs in a throwaway database (`bench_<name>`, created, migrated and dropped by the run). Three
phases, each with WRITERS threads (one connection each) writing VERSIONS rows to one (scene, type):

- service: `artifact_version_create` (the scene row lock);
- retry: the alternative design, optimistic read + insert retried on the unique constraint;
- insert: plain `Artifact.objects.create` of the same rows with versions assigned up front, one
  transaction per row like the service's.

Prints duplicates and gaps (both must be 0), versions per second, and the ratio to plain inserts
(target >= 0.5).
"""

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webtoon.settings")

import django  # noqa: E402

django.setup()

from django.db import IntegrityError, connection, transaction  # noqa: E402

from artifacts.factories import sample_payload  # noqa: E402
from artifacts.models import Artifact, ArtifactType  # noqa: E402
from artifacts.schemas import validate_payload  # noqa: E402
from artifacts.services import artifact_version_create  # noqa: E402
from projects.models import Project, Scene, Story  # noqa: E402

TYPE = ArtifactType.PANEL_PLAN


def create_with_retry(*, scene, payload, retries):
    """The design not kept: no lock, the unique constraint refuses a duplicate version and we retry."""
    payload = validate_payload(TYPE, payload)
    while True:
        try:
            with transaction.atomic():
                latest = Artifact.objects.filter(scene=scene, type=TYPE).order_by("-version").only("pk", "version")
                latest = latest.first()
                return Artifact.objects.create(
                    scene=scene,
                    type=TYPE,
                    version=latest.version + 1 if latest else 1,
                    parent=latest,
                    payload=payload,
                    created_by="bench",
                    updated_by="bench",
                )
        except IntegrityError:
            retries.append(1)


def run_threads(writers, work):
    """Seconds for `writers` threads to each run work(index), started together."""
    start = threading.Barrier(writers + 1)
    errors = []

    def target(index):
        try:
            start.wait()
            work(index)
        except Exception as error:  # noqa: BLE001 - reported after the run
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(index,)) for index in range(writers)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise SystemExit(f"{len(errors)} writers failed, first: {errors[0]!r}")
    return elapsed


def version_faults(scene):
    """(duplicates, gaps) among the scene's versions, counted by SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) - COUNT(DISTINCT version), COALESCE(MAX(version), 0) - COUNT(DISTINCT version)"
            " FROM artifacts WHERE scene_id = %s AND type = %s",
            [scene.pk, TYPE],
        )
        return cursor.fetchone()


def bench(writers, versions):
    story = Story.objects.create(project=Project.objects.create(name="bench"), title="bench", source_text="bench")
    scenes = {name: Scene.objects.create(story=story, scene_index=i, source_text=name) for i, name in enumerate("abc")}
    payload = sample_payload(TYPE)
    total = writers * versions
    retries = []

    def service(_index):
        for _ in range(versions):
            artifact_version_create(scene=scenes["a"], type=TYPE, payload=payload, actor="bench")

    def retry(_index):
        for _ in range(versions):
            create_with_retry(scene=scenes["b"], payload=payload, retries=retries)

    def insert(index):
        # The same validation as the service, so the ratio measures the versioning alone.
        for offset in range(versions):
            Artifact.objects.create(
                scene=scenes["c"],
                type=TYPE,
                version=index * versions + offset + 1,
                payload=validate_payload(TYPE, payload),
                created_by="bench",
                updated_by="bench",
            )

    seconds = {
        name: run_threads(writers, work) for name, work in [("insert", insert), ("service", service), ("retry", retry)]
    }
    faults = {name: version_faults(scenes[key]) for name, key in [("service", "a"), ("retry", "b"), ("insert", "c")]}
    counts = {
        name: Artifact.objects.filter(scene=scenes[key]).count()
        for name, key in [("service", "a"), ("retry", "b"), ("insert", "c")]
    }

    print(f"{writers} writers x {versions} versions on one (scene, type), PostgreSQL {connection.pg_version}")
    print(f"{'phase':<8} {'rows':>6} {'dupes':>6} {'gaps':>6} {'seconds':>8} {'rows/s':>8} {'ratio':>6}")
    for name in ("insert", "service", "retry"):
        rate = counts[name] / seconds[name]
        ratio = rate / (total / seconds["insert"])
        duplicates, gaps = faults[name]
        print(f"{name:<8} {counts[name]:>6} {duplicates:>6} {gaps:>6} {seconds[name]:>8.2f} {rate:>8.0f} {ratio:>6.2f}")
    print(f"retry: {len(retries)} retries for {total} versions")
    service_ratio = (counts["service"] / seconds["service"]) / (total / seconds["insert"])
    ok = faults["service"] == (0, 0) and counts["service"] == total
    print(
        f"service: duplicates={faults['service'][0]} gaps={faults['service'][1]}"
        f" ratio={service_ratio:.2f} (target >= 0.5)"
    )
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--versions", type=int, default=200)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit(
            "bench/artifact_versions.py measures concurrent writers and needs PostgreSQL: "
            "set DATABASE_URL=postgres://user@host:5432/name (SQLite serialises every write)."
        )
    settings_dict = connection.settings_dict
    settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "NAME": f"bench_{settings_dict['NAME']}"}
    original_name = settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        ok = bench(args.writers, args.versions)
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
