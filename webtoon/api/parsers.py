"""JSON bodies without NUL characters: PostgreSQL stores no U+0000 in text or jsonb, so one would
otherwise fail at the database as a 500 instead of a 400 naming the field."""

from rest_framework import parsers
from rest_framework.exceptions import ValidationError

NUL = "\x00"


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        message = "Text may not contain NUL (\\u0000) characters."
        if isinstance(data, dict):
            fields = {str(key).replace(NUL, ""): [message] for key, value in data.items() if _holds_nul([key, value])}
            if fields:
                raise ValidationError(fields)
        elif _holds_nul(data):
            raise ValidationError({"non_field_errors": [message]})
        return data
