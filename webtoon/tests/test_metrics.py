"""The domain metrics move when the work they describe happens, whichever process serves them."""

import pytest
from prometheus_client import REGISTRY

from artifacts.factories import GraphRunFactory
from artifacts.models import GraphRun
from artifacts.pipeline import runs
from artifacts.providers import http
from artifacts.providers.exceptions import ProviderError
from episodes.factories import ExportJobFactory
from episodes.models import ExportJob
from episodes.services import export_execute

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
