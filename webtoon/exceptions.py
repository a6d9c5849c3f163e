"""The base of every domain error: a code, a message and optional field errors."""


class ApplicationError(Exception):
    """A rule of the domain refused the request; the API renders it in the single error shape."""

    code = "error"
    status_code = 400

    def __init__(self, message: str, *, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class ConflictError(ApplicationError):
    """The request clashes with the current state of a row (a second start, the last owner, ...)."""

    code = "conflict"
    status_code = 409
