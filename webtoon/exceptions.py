"""The base of every domain error: one code, a message, and optional field errors."""


class ApplicationError(Exception):
    code = "error"

    def __init__(self, message, *, fields=None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
