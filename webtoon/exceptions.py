class ApplicationError(Exception):
    """A domain error: one DRF exception handler turns it into `{code, message, fields, request_id}`."""

    code = "error"

    def __init__(self, message, *, fields=None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
