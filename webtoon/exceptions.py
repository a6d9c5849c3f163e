"""The base of every domain error; the API turns these into `{code, message, fields, request_id}`."""


class ApplicationError(Exception):
    code = "error"
    status_code = 400

    def __init__(self, message, *, fields=None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
