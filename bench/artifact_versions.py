"""Concurrent artifact versioning on PostgreSQL: correctness, and cost beside plain INSERTs.

    DATABASE_URL=postgres://user@host:5432/name python bench/artifact_versions.py [--writers 16] [--versions 200]
                                                                                  [--rounds 4]

Runs in a throwaway database (`bench_<name>`: created, migrated and dropped by the run). Each phase
starts WRITERS threads together, each with its own connection, writing VERSIONS rows to one
(scene, type) of its own; the phases take turns in ROUNDS rounds:

- insert:  plain `Artifact.objects.create` of the same rows, versions assigned up front, one
           transaction per row, payload validated as the service does (the baseline);
- service: `artifact_version_create` as the pipeline calls it (scene row lock, no commit flush);
- durable: `artifact_version_create` as a user's edit calls it (scene row lock, flushed commits);
- retry:   the design not kept: no lock, retried on the unique constraint (commits as `service`).

Prints, per phase, rows, duplicate and missing versions (counted by SQL; both must be 0), seconds,
rows per second and the ratio to the insert phase; the target for `service` is >= 0.5. Exits 1 when
a phase has a duplicate or a gap.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webtoon.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import IntegrityError, connection, transaction  # noqa: E402

from artifacts.factories import sample_payload  # noqa: E402
from artifacts.models import Artifact, ArtifactType  # noqa: E402
from artifacts.schemas import validate_payload  # noqa: E402
from artifacts.services import _skip_commit_flush, artifact_version_create  # noqa: E402
from projects.models import Project, Scene, Story  # noqa: E402
from webtoon.testing import run_concurrently  # noqa: E402

TYPE = ArtifactType.PANEL_PLAN
PAYLOAD = sample_payload(TYPE)


def insert_plainly(*, scene, version):
    Artifact.objects.create(
        scene=scene, type=TYPE, version=version, payload=validate_payload(TYPE, PAYLOAD), created_by="bench"
    )


def create_with_retry(*, scene, retries):
    """Optimistic: read the latest, insert the next; a concurrent writer's duplicate is refused and we retry."""
    payload = validate_payload(TYPE, PAYLOAD)
    while True:
        try:
            with transaction.atomic():
                _skip_commit_flush()
                latest = Artifact.objects.filter(scene=scene, type=TYPE).order_by("-version")
                latest_pk, latest_version = latest.values_list("pk", "version").first() or (None, 0)
                return Artifact.objects.create(
                    scene=scene,
                    type=TYPE,
                    version=latest_version + 1,
                    parent_id=latest_pk,
                    payload=payload,
                    created_by="bench",
                )
        except IntegrityError:
            retries.append(1)


def run_threads(writers, work):
    """Seconds for `writers` threads, released together, to each run work(index) on its own connection."""
    began = time.perf_counter()
    run_concurrently(writers, work)
    return time.perf_counter() - began


def version_faults(scene):
    """(rows, duplicates, missing versions) of the scene's TYPE versions, counted by SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*), COUNT(*) - COUNT(DISTINCT version), COALESCE(MAX(version), 0) - COUNT(DISTINCT version)"
            " FROM artifacts WHERE scene_id = %s AND type = %s",
            [scene.pk, TYPE],
        )
        return cursor.fetchone()


def bench(writers, versions, rounds):
    story = Story.objects.create(project=Project.objects.create(name="bench"), title="bench", source_text="bench")
    user = get_user_model().objects.create(username="bench-editor")
    names = ["insert", "service", "durable", "retry"]
    scenes = {name: Scene.objects.create(story=story, scene_index=i, source_text=name) for i, name in enumerate(names)}
    retries = []
    per_round = versions // rounds

    def work(name, first_version):
        scene = scenes[name]
        return {
            "insert": lambda index: [
                insert_plainly(scene=scene, version=first_version + index * per_round + offset)
                for offset in range(per_round)
            ],
            "service": lambda index: [
                artifact_version_create(scene=scene, type=TYPE, payload=PAYLOAD, actor="pipeline:bench")
                for _ in range(per_round)
            ],
            "durable": lambda index: [
                artifact_version_create(scene=scene, type=TYPE, payload=PAYLOAD, actor=user) for _ in range(per_round)
            ],
            "retry": lambda index: [create_with_retry(scene=scene, retries=retries) for _ in range(per_round)],
        }[name]

    # The phases take turns, round after round, so that a change in the machine's load falls on all of them.
    seconds = dict.fromkeys(names, 0.0)
    for round in range(rounds):
        for name in names:
            seconds[name] += run_threads(writers, work(name, first_version=round * writers * per_round + 1))

    print(f"{writers} writers x {per_round * rounds} versions on one (scene, type) per phase, in {rounds} rounds")
    print(f"PostgreSQL {connection.pg_version}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'phase':<8} {'rows':>6} {'dupes':>6} {'gaps':>6} {'seconds':>8} {'rows/s':>8} {'ratio':>6}")
    baseline = None
    clean = True
    for name in names:
        rows, duplicates, gaps = version_faults(scenes[name])
        rate = rows / seconds[name]
        baseline = baseline or rate
        clean = clean and duplicates == 0 and gaps == 0 and rows == writers * per_round * rounds
        print(
            f"{name:<8} {rows:>6} {duplicates:>6} {gaps:>6} {seconds[name]:>8.2f} {rate:>8.0f} {rate / baseline:>6.2f}"
        )
    print(f"retry: {len(retries)} retries for {writers * per_round * rounds} versions; target: service ratio >= 0.5")
    return clean


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--versions", type=int, default=200, help="per writer and phase")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit(
            "bench/artifact_versions.py measures concurrent writers and needs PostgreSQL: "
            "set DATABASE_URL=postgres://user@host:5432/name (SQLite serialises every write)."
        )
    settings = connection.settings_dict
    original_name = settings["NAME"]
    settings["TEST"] = {**settings.get("TEST", {}), "NAME": f"bench_{original_name}"}
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        clean = bench(args.writers, args.versions, max(1, min(args.rounds, args.versions)))
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
    sys.exit(0 if clean else 1)


if __name__ == "__main__":
    main()
