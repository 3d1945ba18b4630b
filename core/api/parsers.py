"""The API's request parsers (in their own module: REST framework reads DEFAULT_PARSER_CLASSES while defining
its views, so they cannot live beside code that imports those views). Every API view reads bodies with these,
never with REST framework's own JSON parser (a test walks the URLs): that one let a deeply nested body escape
as a RecursionError, a 500."""

from django.utils.http import parse_header_parameters
from rest_framework import exceptions, parsers

# Real bodies nest three or four levels (a posting's salary, a vendor's centers); far deeper is an attack.
JSON_MAX_DEPTH = 32


def nested_deeper_than(data, limit: int) -> bool:
    """Whether `data` (parsed JSON) holds lists or objects more than `limit` levels deep. Iterative: a check
    that recursed would fail on the very bodies it is there to refuse."""
    stack = [(data, 1)] if isinstance(data, dict | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class JSONParser(parsers.JSONParser):
    """REST framework's JSON parser, plus: a body nested deeper than JSON_MAX_DEPTH is a 400 like any malformed
    body. Python's decoder gives up with a RecursionError (not a ValueError, so REST framework let it through as
    a 500) somewhere past a few thousand levels; anything between that and a real body's depth would reach the
    serializers, the database's JSON functions and the renderers, each with its own recursion limit."""

    def parse(self, stream, media_type=None, parser_context=None):
        message = f"JSON parse error - nested deeper than {JSON_MAX_DEPTH} levels."
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(message) from None
        if nested_deeper_than(data, JSON_MAX_DEPTH):
            raise exceptions.ParseError(message)
        return data


class MultiPartParser(parsers.MultiPartParser):
    """Django's multipart parser skips what it cannot read, so a malformed body (a part without headers, no
    closing boundary) came out as an empty form and a PATCH answered 200 having changed nothing (schemathesis:
    `make fuzz`). A body that yields no field yet holds more than an empty form's closing line is a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        if not result.data and not result.files:
            boundary = parse_header_parameters(media_type or "")[1].get("boundary", "")
            length = int(parser_context["request"].META.get("CONTENT_LENGTH") or 0)
            if length > len(boundary) + len("----\r\n"):
                raise exceptions.ParseError("Multipart form parse error - no field could be read from the body.")
        return result
