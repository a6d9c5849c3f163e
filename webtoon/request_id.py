"""Who is changing what, and as part of which request: the context every audit row and log line carries.

One `RequestContext` (a request id and an actor) lives in a contextvar for the duration of:
- an HTTP request (`RequestIdMiddleware`): id from a sane `X-Request-ID` header or generated, echoed in
  the response; actor = the authenticated user's username (resolved lazily, so DRF's token
  authentication, which runs inside the view, is seen), else `anonymous`;
- a Celery task (`task_prerun`/`task_postrun`): the id and actor of whoever published it, carried in
  the message headers by `before_task_publish`; a task published outside any context (beat) gets a
  fresh id and the actor `task:<name>`;
- a management command run (`BaseCommand.execute` is wrapped once in `install_command_hook`): one
  id per run, actor `command:<name>`.
Anything else (a shell, a test calling a service) runs with no id and the actor `system`.
"""

from __future__ import annotations

import contextlib
import logging
import re
import uuid
from collections.abc import Callable, Iterator
from contextvars import ContextVar, Token

from celery import signals as celery_signals

REQUEST_ID_HEADER = "X-Request-ID"
SYSTEM_ACTOR = "system"
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# Celery message headers; prefixed so they never collide with Celery's own fields.
_TASK_HEADER_REQUEST_ID = "webtoon_request_id"
_TASK_HEADER_ACTOR = "webtoon_actor"


class RequestContext:
    """A request id and an actor: a string, or a callable resolved (once) when first needed,
    because the request's user is only known after authentication, which DRF runs in the view."""

    __slots__ = ("request_id", "_actor")

    def __init__(self, *, request_id: str, actor: str | Callable[[], str] = SYSTEM_ACTOR):
        self.request_id = request_id
        self._actor = actor

    @property
    def actor(self) -> str:
        if callable(self._actor):
            self._actor = self._actor()
        return self._actor

    @property
    def resolved_actor(self) -> str | None:
        """The actor if already known, without resolving it (safe where a query must not run)."""
        return None if callable(self._actor) else self._actor


_NO_CONTEXT = RequestContext(request_id="", actor=SYSTEM_ACTOR)
_current: ContextVar[RequestContext] = ContextVar("webtoon_request_context", default=_NO_CONTEXT)


def new_request_id() -> str:
    return uuid.uuid4().hex


def sane_request_id(value: str | None) -> str | None:
    """The header value when it is safe to store and log (1-64 of `[A-Za-z0-9._:-]`), else None."""
    if value and _SANE_REQUEST_ID.fullmatch(value):
        return value
    return None


def current() -> RequestContext:
    return _current.get()


def current_request_id() -> str:
    return _current.get().request_id


def current_actor() -> str:
    return _current.get().actor


def has_context() -> bool:
    return _current.get() is not _NO_CONTEXT


@contextlib.contextmanager
def request_context(*, request_id: str | None = None, actor: str | Callable[[], str] = SYSTEM_ACTOR) -> Iterator[str]:
    """Run the block under one request id (generated when not given) and actor; yields the id."""
    context = RequestContext(request_id=request_id or new_request_id(), actor=actor)
    token = _current.set(context)
    try:
        yield context.request_id
    finally:
        _current.reset(token)


# --- HTTP -------------------------------------------------------------------------------------


def _actor_of(request) -> Callable[[], str]:
    def actor() -> str:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user.get_username()
        return "anonymous"

    return actor


class RequestIdMiddleware:
    """Sets the request context and echoes the id in `X-Request-ID`. Place it first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = sane_request_id(request.headers.get(REQUEST_ID_HEADER)) or new_request_id()
        request.request_id = request_id
        with request_context(request_id=request_id, actor=_actor_of(request)):
            response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


# --- logging ----------------------------------------------------------------------------------


class RequestIdFilter(logging.Filter):
    """Adds `request_id` and `actor` to every record (`-` outside any request, task or command)."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _current.get()
        record.request_id = context.request_id or "-"
        # Resolving a lazy actor reads request.user (a query, itself logged): never from a log call.
        record.actor = context.resolved_actor or "-"
        return True


# --- Celery -----------------------------------------------------------------------------------


@celery_signals.before_task_publish.connect(dispatch_uid="webtoon.request_id.publish")
def _carry_context_into_task(headers=None, **kwargs):
    context = _current.get()
    if headers is None or context is _NO_CONTEXT:
        return
    headers.setdefault(_TASK_HEADER_REQUEST_ID, context.request_id)
    headers.setdefault(_TASK_HEADER_ACTOR, context.actor)


# Tokens of the contexts opened by task_prerun, by task id, so task_postrun restores exactly the
# previous context (an eager task runs inside its caller's context, which must survive it).
_task_tokens: dict[str, Token] = {}


def _task_header(task, name: str) -> str | None:
    request = task.request
    value = getattr(request, name, None)
    if value is None:
        value = (getattr(request, "headers", None) or {}).get(name)
    return value


@celery_signals.task_prerun.connect(dispatch_uid="webtoon.request_id.prerun")
def _restore_context_in_task(task_id=None, task=None, **kwargs):
    request_id = sane_request_id(_task_header(task, _TASK_HEADER_REQUEST_ID))
    if request_id:
        context = RequestContext(request_id=request_id, actor=_task_header(task, _TASK_HEADER_ACTOR) or "")
    elif has_context():
        context = _current.get()
    else:
        context = RequestContext(request_id=new_request_id(), actor=f"task:{task.name}")
    _task_tokens[task_id] = _current.set(context)


@celery_signals.task_postrun.connect(dispatch_uid="webtoon.request_id.postrun")
def _clear_context_after_task(task_id=None, **kwargs):
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        _current.reset(token)


@celery_signals.after_setup_logger.connect(dispatch_uid="webtoon.request_id.worker_logger")
@celery_signals.after_setup_task_logger.connect(dispatch_uid="webtoon.request_id.worker_task_logger")
def _filter_worker_logs(logger=None, **kwargs):
    # The worker installs its own handlers over Django's LOGGING; give them the filter too.
    for handler in logger.handlers:
        if not any(isinstance(existing, RequestIdFilter) for existing in handler.filters):
            handler.addFilter(RequestIdFilter())


# --- management commands ------------------------------------------------------------------------


def install_command_hook() -> None:
    """Run every management command under its own request id with the actor `command:<name>`.

    Wraps `BaseCommand.execute` (the common path of manage.py, django-admin and call_command).
    A command called from inside a request or task keeps that context: its changes belong to it.
    """
    from django.core.management.base import BaseCommand

    if getattr(BaseCommand.execute, "_webtoon_request_context", False):
        return
    execute = BaseCommand.execute

    def execute_in_context(self, *args, **options):
        if has_context():
            return execute(self, *args, **options)
        name = type(self).__module__.rsplit(".", 1)[-1]
        with request_context(actor=f"command:{name}"):
            return execute(self, *args, **options)

    execute_in_context._webtoon_request_context = True
    BaseCommand.execute = execute_in_context
