import os

from celery import Celery
from celery.signals import worker_process_shutdown, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webtoon.settings")

app = Celery("webtoon")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def serve_metrics(**kwargs) -> None:
    from django.conf import settings

    from webtoon import metrics

    if settings.WORKER_METRICS_PORT:
        metrics.serve_worker_metrics(settings.WORKER_METRICS_PORT)


@worker_process_shutdown.connect
def forget_process_metrics(pid=None, **kwargs) -> None:
    from webtoon import metrics

    metrics.forget_worker_process(pid or os.getpid())
