from webtoon.exceptions import ApplicationError


class InvalidPayload(ApplicationError):
    """A payload that does not match its artifact type's schema; `fields` maps each failing path
    (`panels.0.shot`) to its messages."""

    code = "invalid_payload"


class InvalidParent(ApplicationError):
    code = "invalid_parent"
