"""One error shape for every error the API returns: `{"error": {code, message, fields, request_id}}`.

DRF's exceptions, domain `ApplicationError`s, database conflicts and unexpected failures all end
here, and so do Django's own 404/500/413 for paths under /api/ (see `handler404`/`handler500`).
"""

import logging
import math

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from webtoon.exceptions import ApplicationError, ConflictError
from webtoon.request_id import current_request_id, new_request_id, sane_request_id

logger = logging.getLogger("webtoon.api")

API_PREFIX = "/api/"

# Domain errors of the other apps carry a code but no HTTP status; these clash with the current
# state of a row rather than being malformed requests. Any other ApplicationError is a 400.
CONFLICT_CODES = frozenset(
    {
        "generation_in_progress",
        "run_not_finishable",
        "planning_locked",
        "scene_already_in_episode",
        "invalid_status_transition",
        "suggestion_already_decided",
        "export_not_retryable",
        "style_preset_has_children",
        "last_variant_required",
        "audit_trail_immutable",
    }
)


def status_of(error: ApplicationError) -> int:
    if error.code in CONFLICT_CODES:
        return status.HTTP_409_CONFLICT
    return getattr(error, "status_code", status.HTTP_400_BAD_REQUEST)


def request_id_for(request) -> str:
    """The request's id as set by `RequestIdMiddleware` (echoed in `X-Request-ID`).

    Outside the middleware (a view called directly), a sane client header or a new id, remembered
    on the request so every error of one request carries the same.
    """
    request_id = current_request_id()
    if request_id:
        return request_id
    django_request = getattr(request, "_request", request)
    request_id = getattr(django_request, "request_id", None)
    if not request_id:
        request_id = sane_request_id(django_request.META.get("HTTP_X_REQUEST_ID")) or new_request_id()
        django_request.request_id = request_id
    return request_id


def error_body(request, *, code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}, "request_id": request_id_for(request)}}


def _jsonable(fields: dict) -> dict:
    """Services name fields with ids or plain strings; the shape promises a map of field -> list."""
    return {str(name): value if isinstance(value, list) else [str(value)] for name, value in fields.items()}


def _fields_of(detail) -> dict:
    if isinstance(detail, dict):
        return detail
    if isinstance(detail, list):
        return {"non_field_errors": detail}
    return {}


def _first_message(detail) -> str:
    """The first human message in a DRF error detail, however deeply it is nested."""
    if isinstance(detail, dict):
        for value in detail.values():
            return _first_message(value)
        return "Invalid input."
    if isinstance(detail, list):
        return _first_message(detail[0]) if detail else "Invalid input."
    return str(detail)


def _message_of(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        return "Invalid input: " + ", ".join(str(name) for name in exc.detail) + "."
    return _first_message(exc.detail)


def _code_of(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


def api_exception_handler(exc, context):
    request = context["request"]
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        # A model's full_clean inside a service: the same 400 naming the fields as the serializer's.
        exc = exceptions.ValidationError(getattr(exc, "message_dict", None) or {"non_field_errors": exc.messages})
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = ConflictError("Other rows still depend on this one.")
    elif isinstance(exc, IntegrityError):
        # A constraint the serializer cannot see (a partial unique index, a race between two
        # writers) refused the row: the request clashes with the current state.
        exc = ConflictError("The change conflicts with existing data.")
    set_rollback()
    if isinstance(exc, ApplicationError):
        body = error_body(request, code=exc.code, message=exc.message, fields=_jsonable(exc.fields))
        return Response(body, status=status_of(exc))
    if isinstance(exc, exceptions.APIException):
        headers = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(math.ceil(exc.wait))
        body = error_body(request, code=_code_of(exc), message=_message_of(exc), fields=_fields_of(exc.detail))
        return Response(body, status=exc.status_code, headers=headers)
    logger.exception("Unhandled error in %s", request.path)
    body = error_body(request, code="server_error", message="The server failed to process the request.")
    return Response(body, status=status.HTTP_500_INTERNAL_SERVER_ERROR)


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def handler404(request, exception=None):
    if _is_api(request):
        body = error_body(request, code="not_found", message="Not found.")
        return JsonResponse(body, status=status.HTTP_404_NOT_FOUND)
    return defaults.page_not_found(request, exception)


def handler500(request):
    if _is_api(request):
        body = error_body(request, code="server_error", message="The server failed to process the request.")
        return JsonResponse(body, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    return defaults.server_error(request)


def payload_too_large(request, limit: int) -> JsonResponse:
    body = error_body(
        request,
        code="payload_too_large",
        message=f"The request body is larger than the limit of {limit} bytes.",
    )
    return JsonResponse(body, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
