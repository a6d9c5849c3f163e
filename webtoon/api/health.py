"""`GET /api/v1/health`: can this process reach what it needs? 200 when everything answers, else 503."""

from django.conf import settings
from django.db import connection
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from webtoon.celery import app as celery_app

CHECK_TIMEOUT_SECONDS = 2.0


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok", "vendor": connection.vendor}


def check_redis() -> dict:
    if not settings.REDIS_URL:
        return {"status": "skipped", "detail": "REDIS_URL is not set"}
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_timeout=CHECK_TIMEOUT_SECONDS, socket_connect_timeout=CHECK_TIMEOUT_SECONDS
    )
    try:
        client.ping()
    finally:
        client.close()
    return {"status": "ok"}


def check_worker() -> dict:
    if celery_app.conf.task_always_eager:
        return {"status": "skipped", "detail": "tasks run in-process (no broker configured)"}
    replies = celery_app.control.inspect(timeout=CHECK_TIMEOUT_SECONDS).ping() or {}
    if not replies:
        return {"status": "error", "detail": "no worker answered"}
    return {"status": "ok", "workers": sorted(replies)}


CHECKS = {"database": check_database, "redis": check_redis, "worker": check_worker}

HealthResponse = inline_serializer(
    "HealthResponse",
    {
        "status": serializers.ChoiceField(choices=["ok", "unavailable"]),
        "checks": serializers.DictField(child=serializers.DictField()),
    },
)


class HealthView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(responses={200: HealthResponse, 503: HealthResponse}, auth=[])
    def get(self, request):
        results = {}
        for name, check in CHECKS.items():
            try:
                results[name] = check()
            except Exception as error:  # noqa: BLE001 - any failure of a dependency is a failed check
                results[name] = {"status": "error", "detail": f"{type(error).__name__}: {error}"}
        healthy = all(result["status"] != "error" for result in results.values())
        return Response(
            {"status": "ok" if healthy else "unavailable", "checks": results},
            status=status.HTTP_200_OK if healthy else status.HTTP_503_SERVICE_UNAVAILABLE,
        )
