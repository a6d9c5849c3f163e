"""Prometheus metrics of the domain, beside django-prometheus' request and database metrics.

Import and call these where the work happens (pipeline nodes, providers, export jobs):

    from webtoon import metrics
    metrics.NODE_SECONDS.labels(graph="scene_planning", node="panel_plan").observe(0.42)

Histograms and counters live in the process that records them. The web process serves its own at
`/metrics` (django-prometheus); a Celery worker started with `WORKER_METRICS_PORT` serves its
tasks' on that port (see `serve_worker_metrics`). The run and export totals below are read from the
database at scrape time instead, so the web process's `/metrics` shows them whatever process did
the work.
"""

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
    start_http_server,
)
from prometheus_client.core import GaugeMetricFamily

LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)

GRAPH_RUNS_FINISHED = Counter(
    "webtoon_graph_runs_finished_total",
    "Generation graph runs that finished, by graph and outcome.",
    ["graph", "status"],
)
NODE_SECONDS = Histogram(
    "webtoon_graph_node_seconds",
    "Time one node of a generation graph took.",
    ["graph", "node"],
    buckets=LATENCY_BUCKETS,
)
PROVIDER_ERRORS = Counter(
    "webtoon_provider_errors_total", "Errors of LLM and image providers, by provider and kind.", ["provider", "kind"]
)
PROVIDER_TOKENS = Counter(
    "webtoon_provider_tokens_total", "Tokens used by LLM providers.", ["provider", "model", "direction"]
)
EXPORT_SECONDS = Histogram(
    "webtoon_export_seconds",
    "Time an export job took from start to finish.",
    ["format", "status"],
    buckets=(1, 2.5, 5, 10, 30, 60, 120, 300, 600),
)


def record_tokens(*, provider: str, model: str, prompt: int = 0, completion: int = 0) -> None:
    PROVIDER_TOKENS.labels(provider=provider, model=model, direction="prompt").inc(prompt)
    PROVIDER_TOKENS.labels(provider=provider, model=model, direction="completion").inc(completion)


def record_export(job) -> None:
    """Observe a finished ExportJob's duration (call once, when it completes or fails)."""
    if job.started_at and job.finished_at:
        EXPORT_SECONDS.labels(format=job.format, status=job.status).observe(
            (job.finished_at - job.started_at).total_seconds()
        )


class DatabaseTotals:
    """Graph runs and export jobs by status, counted in the database when Prometheus scrapes."""

    def collect(self):
        from django.db import DatabaseError
        from django.db.models import Count

        from artifacts.models import GraphRun
        from episodes.models import ExportJob

        runs = GaugeMetricFamily("webtoon_graph_runs", "Graph runs by graph and status.", labels=["graph", "status"])
        exports = GaugeMetricFamily("webtoon_exports", "Export jobs by format and status.", labels=["format", "status"])
        try:
            for row in GraphRun.objects.order_by().values("graph", "status").annotate(total=Count("pk")):
                runs.add_metric([row["graph"], row["status"]], row["total"])
            for row in ExportJob.objects.order_by().values("format", "status").annotate(total=Count("pk")):
                exports.add_metric([row["format"], row["status"]], row["total"])
        except DatabaseError:
            # A scrape must not fail because the database is down; /api/v1/health reports that.
            return
        yield runs
        yield exports

    def describe(self):
        return []


_database_totals = DatabaseTotals()


def register_database_totals(registry=REGISTRY) -> None:
    """Called by the URL conf that serves /metrics: the web process counts, workers do not."""
    if _database_totals not in getattr(registry, "_collector_to_names", {}):
        registry.register(_database_totals)


def serve_worker_metrics(port: int, addr: str = "0.0.0.0") -> None:
    """Serve the worker's metrics on `port`, from the worker's main process.

    Prefork runs tasks in child processes, whose samples the main process never sees in memory.
    With `PROMETHEUS_MULTIPROC_DIR` set (an empty directory, in the environment before the worker
    starts) every child writes its samples there and this serves the sum of them all; without it,
    only this process's own samples are served (enough for the threads or solo pool).
    """
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        start_http_server(port, addr=addr, registry=registry)
    else:
        start_http_server(port, addr=addr)


def forget_worker_process(pid: int) -> None:
    """A prefork child exited: its live-only samples stop counting (counters and histograms stay)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(pid)


def metrics_view(request):
    """`/metrics`: the samples of every web process (summed through `PROMETHEUS_MULTIPROC_DIR` when
    gunicorn runs several) and the database totals; behind `Authorization: Bearer <METRICS_TOKEN>`
    when that is set."""
    from django.conf import settings
    from django.http import HttpResponse
    from django.utils.crypto import constant_time_compare

    token = settings.METRICS_TOKEN
    if token and not constant_time_compare(request.headers.get("Authorization", ""), f"Bearer {token}"):
        return HttpResponse("A bearer token is needed for /metrics.\n", status=401, content_type="text/plain")
    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(_database_totals)
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
