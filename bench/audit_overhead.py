"""The cost of audit capture: 1,000 `Story.save(update_fields=["title"])` with capture on vs off.

    python bench/audit_overhead.py                          # SQLite (a scratch file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x python bench/audit_overhead.py

Runs in a scratch database (`bench_audit_<name>`, or a temporary SQLite file), created and dropped
here. Each round updates the same 1,000 loaded stories once with capture off
(`audit.capture.disabled()`) and once with it on, alternating which goes first; the figure is
the median over rounds. Two shapes of work:
- autocommit: every save is its own transaction (an admin or API edit);
- one transaction: the 1,000 saves inside one `atomic()` (a task or command doing a batch);
- batched: the same inside `audit.capture.batched()` (audit rows written in one INSERT at the end).
Also prints `QuerySet.update()` of the 1,000 rows in one call, audited vs not, and the cost of the
load-time snapshot on reading 1,000 stories. Target: ratio <= 1.5 for the saves.
"""

import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webtoon.settings")
# Production settings: with DEBUG on, Django records every query, which is not the cost measured.
os.environ.setdefault("DEBUG", "False")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from audit import capture  # noqa: E402
from audit.models import AuditLog  # noqa: E402
from projects.models import Project, Story  # noqa: E402

ROWS = 1_000
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
TARGET = 1.5


def save_titles(stories, tag: str, *, block=None) -> float:
    """The saves, each in its own transaction, or all inside `block()`."""
    started = time.perf_counter()
    with block() if block else contextlib.nullcontext():
        for story in stories:
            story.title = f"{tag} {story.pk.hex[:8]}"
            story.save(update_fields=["title"])
    return time.perf_counter() - started


def batched_or_atomic():
    """capture.batched() when capturing; with capture off, the same atomic block without it."""
    return capture.batched() if capture.is_enabled() else transaction.atomic()


def update_queryset(tag: str) -> float:
    started = time.perf_counter()
    Story.objects.filter(title__isnull=False).update(title=tag)
    return time.perf_counter() - started


def load_stories(tag: str) -> float:
    started = time.perf_counter()
    list(Story.objects.all())
    return time.perf_counter() - started


def measure(name: str, run) -> None:
    """`run(tag)` times one pass; off and on alternate which goes first to cancel drift."""
    off, on = [], []
    for round_number in range(ROUNDS):
        order = ("off", "on") if round_number % 2 == 0 else ("on", "off")
        for mode in order:
            tag = f"r{round_number}{mode}"
            if mode == "off":
                with capture.disabled():
                    off.append(run(tag))
            else:
                on.append(run(tag))
    off_s, on_s = statistics.median(off), statistics.median(on)
    verdict = "ok" if on_s / off_s <= TARGET else "OVER TARGET"
    print(
        f"{name:<34} off {off_s * 1000:8.1f} ms   on {on_s * 1000:8.1f} ms   "
        f"ratio {on_s / off_s:5.2f}   ({verdict}, target <= {TARGET})"
    )


def main() -> None:
    vendor = connection.vendor
    if vendor == "sqlite":
        # A file, not the test runner's in-memory database: commits must cost what they cost.
        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp()) / "audit_bench.sqlite3")
    else:
        # Apart from the test suite's `test_<name>`, so both can run at once.
        connection.settings_dict["TEST"]["NAME"] = f"bench_audit_{connection.settings_dict['NAME']}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        with capture.disabled():
            project = Project.objects.create(name="Bench")
            Story.objects.bulk_create(Story(project=project, title=f"Story {n}") for n in range(ROWS))
        stories = list(Story.objects.all())
        print(f"audit overhead on {vendor}: {ROWS} updates per pass, median of {ROUNDS} rounds")
        measure("save(update_fields) autocommit", lambda tag: save_titles(stories, tag))
        measure("save(update_fields) one transaction", lambda tag: save_titles(stories, tag, block=transaction.atomic))
        # Off: the same atomic block; on: capture.batched() (atomic, audit rows in one INSERT).
        measure(
            "save(update_fields) batched",
            lambda tag: save_titles(
                stories, tag, block=capture.batched if capture.is_enabled() else transaction.atomic
            ),
        )
        measure("QuerySet.update() of 1,000 rows", update_queryset)
        measure("load 1,000 stories (snapshot)", load_stories)
        expected = ROUNDS * ROWS * 4
        print(f"audit rows written: {AuditLog.objects.count()} (expected {expected})")
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
