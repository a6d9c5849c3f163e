from webtoon.exceptions import ApplicationError


class ProviderError(ApplicationError):
    """A provider could not produce a valid answer: retries exhausted, refused request or bad output."""

    code = "provider_error"
