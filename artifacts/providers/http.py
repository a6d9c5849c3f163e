"""One HTTP POST with the retry policy every network provider shares.

Transient failures (429, 5xx, timeouts, dropped connections) are retried with exponential backoff
up to settings.PROVIDER_MAX_RETRIES times; anything else, or exhausted retries, raises ProviderError.
"""

from __future__ import annotations

import functools
import logging
import time

import httpx
from django.conf import settings

from artifacts.providers.exceptions import ProviderError
from webtoon import metrics

logger = logging.getLogger(__name__)
TRANSIENT_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


def backoff_seconds(attempt: int) -> float:
    return settings.PROVIDER_BACKOFF_SECONDS * (2**attempt)


def with_retries(provider: str, call):
    """Run `call()` until it returns, retrying what `call` raises as `Transient`."""
    retries = settings.PROVIDER_MAX_RETRIES
    for attempt in range(retries + 1):
        try:
            return call()
        except Transient as error:
            metrics.PROVIDER_ERRORS.labels(provider=provider, kind="transient").inc()
            if attempt == retries:
                raise ProviderError(f"{provider}: gave up after {retries + 1} attempts: {error}") from error
            delay = backoff_seconds(attempt)
            logger.warning(
                "%s: %s; retrying in %.2fs (attempt %d of %d)", provider, error, delay, attempt + 1, retries + 1
            )
            time.sleep(delay)
    raise AssertionError("unreachable")


class Transient(Exception):
    pass


@functools.cache
def _client() -> httpx.Client:
    """One pooled client per process: keeps connections alive and builds its TLS context once
    (a fresh client per call cost more than a fast model's answer)."""
    return httpx.Client()


def post_json(provider: str, url: str, *, body: dict, headers: dict | None = None, params: dict | None = None) -> dict:
    """POST once; a transient failure raises Transient, a refusal raises ProviderError."""
    try:
        response = _client().post(
            url, json=body, headers=headers, params=params, timeout=settings.PROVIDER_TIMEOUT_SECONDS
        )
    except httpx.TimeoutException as error:
        raise Transient(f"timed out after {settings.PROVIDER_TIMEOUT_SECONDS}s") from error
    except httpx.TransportError as error:
        raise Transient(f"connection failed: {error}") from error
    if response.status_code in TRANSIENT_STATUS:
        raise Transient(f"HTTP {response.status_code}")
    if response.status_code >= 400:
        metrics.PROVIDER_ERRORS.labels(provider=provider, kind="refused").inc()
        raise ProviderError(f"{provider}: HTTP {response.status_code}: {response.text[:300]}")
    try:
        return response.json()
    except ValueError as error:
        raise Transient("the response body is not JSON") from error
