from django.conf import settings

from webtoon.api.errors import API_PREFIX, payload_too_large


class ApiBodySizeLimitMiddleware:
    """Refuse API request bodies above DATA_UPLOAD_MAX_MEMORY_SIZE with a 413 in the error shape.

    Django enforces the limit only when `request.body` or a form is read; DRF's parsers read the
    stream directly, so without this a client could make the server buffer any amount of JSON.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and request.path.startswith(API_PREFIX):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                return payload_too_large(request, limit)
        return self.get_response(request)
