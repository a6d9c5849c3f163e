"""The domain metrics move when the work they describe happens, whichever process serves them."""

import os
import socket
import subprocess
import sys
import urllib.request

import pytest
from django.conf import settings
from prometheus_client import REGISTRY

from artifacts.factories import GraphRunFactory
from artifacts.models import GraphRun
from artifacts.pipeline import runs
from artifacts.providers import http
from artifacts.providers.exceptions import ProviderError
from episodes.factories import ExportJobFactory
from episodes.models import ExportJob
from episodes.services import export_execute
from webtoon import metrics
from webtoon.celery import serve_metrics

pytestmark = pytest.mark.django_db


def sample(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0


def test_a_finished_run_counts_and_its_node_timings_are_observed():
    run = GraphRunFactory(status=GraphRun.Status.RUNNING)
    finished_before = sample("webtoon_graph_runs_finished_total", graph=run.graph, status="completed")
    nodes_before = sample("webtoon_graph_node_seconds_count", graph=run.graph, node="scene_intent")

    runs.run_report(run_id=run.pk, node="scene_intent", timings={"scene_intent": {"calls": 1, "ms": 120}})
    runs.run_finish(run_id=run.pk, status=GraphRun.Status.COMPLETED)

    assert sample("webtoon_graph_node_seconds_count", graph=run.graph, node="scene_intent") == nodes_before + 1
    assert sample("webtoon_graph_runs_finished_total", graph=run.graph, status="completed") == finished_before + 1


def test_provider_retries_count_as_transient_errors(settings):
    settings.PROVIDER_MAX_RETRIES = 1
    before = sample("webtoon_provider_errors_total", provider="stub", kind="transient")

    def always_busy():
        raise http.Transient("HTTP 429")

    with pytest.raises(ProviderError):
        http.with_retries("stub", always_busy)

    assert sample("webtoon_provider_errors_total", provider="stub", kind="transient") == before + 2


def test_a_failed_export_observes_its_duration():
    job = ExportJobFactory()  # an episode with no scenes: the export fails with the reason
    before = sample("webtoon_export_seconds_count", format=job.format, status="failed")

    finished = export_execute(export_id=job.pk)

    assert finished.status == ExportJob.Status.FAILED
    assert sample("webtoon_export_seconds_count", format=job.format, status="failed") == before + 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Run in a fresh interpreter: PROMETHEUS_MULTIPROC_DIR must be set before prometheus_client loads.
PREFORK_WORKER = """
import multiprocessing, sys, urllib.request
from webtoon import metrics

port = int(sys.argv[1])
metrics.serve_worker_metrics(port, addr="127.0.0.1")

def task():
    metrics.NODE_SECONDS.labels(graph="story_build", node="extract_characters").observe(0.3)

for _ in range(2):
    child = multiprocessing.get_context("fork").Process(target=task)
    child.start()
    child.join()
    metrics.forget_worker_process(child.pid)
print(urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode())
"""


def test_a_prefork_worker_serves_what_its_children_recorded(tmp_path):
    shared = tmp_path / "prometheus"
    shared.mkdir()
    scraped = subprocess.run(
        [sys.executable, "-c", PREFORK_WORKER, str(_free_port())],
        cwd=settings.BASE_DIR,
        env={**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(shared)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout

    assert 'webtoon_graph_node_seconds_count{graph="story_build",node="extract_characters"} 2.0' in scraped


def test_a_worker_serves_metrics_once_ready_when_given_a_port(settings):
    settings.WORKER_METRICS_PORT = _free_port()
    metrics.NODE_SECONDS.labels(graph="scene_render", node="qc_check").observe(0.1)

    serve_metrics()

    url = f"http://127.0.0.1:{settings.WORKER_METRICS_PORT}/metrics"
    scraped = urllib.request.urlopen(url, timeout=10).read().decode()
    assert 'webtoon_graph_node_seconds_count{graph="scene_render",node="qc_check"}' in scraped
