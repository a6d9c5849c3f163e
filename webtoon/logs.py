"""Structured logs with structlog: JSON lines in production, readable lines in development.

Both structlog loggers and the standard library's (Django, Celery, our `logging.getLogger`) go
through one `ProcessorFormatter`, so every line carries the request id and actor set by
`webtoon.request_id` (added to records by its `RequestIdFilter`, or read from the context here).
"""

import structlog


def _request_context(logger, method_name, event_dict):
    from webtoon.request_id import current

    context = current()
    event_dict.setdefault("request_id", context.request_id or "-")
    event_dict.setdefault("actor", context.resolved_actor or "-")
    return event_dict


_TIMESTAMP = structlog.processors.TimeStamper(fmt="iso", utc=True)

# For records from the standard library: the filter already put request_id/actor on the record.
FOREIGN_PRE_CHAIN = [
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    _TIMESTAMP,
    structlog.stdlib.ExtraAdder(allow=("request_id", "actor")),
]


def formatter(*, json: bool) -> dict:
    """A `LOGGING["formatters"]` entry."""
    renderer = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    return {
        "()": structlog.stdlib.ProcessorFormatter,
        "foreign_pre_chain": FOREIGN_PRE_CHAIN,
        "processors": [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            renderer,
        ],
    }


def configure() -> None:
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.stdlib.filter_by_level,
            structlog.stdlib.add_log_level,
            structlog.stdlib.add_logger_name,
            _TIMESTAMP,
            _request_context,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def get_logger(name: str):
    return structlog.stdlib.get_logger(name)
