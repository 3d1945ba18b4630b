"""The OpenAPI schema's shared parts: the error responses every operation declares, and the limits of each
query parameter (the same ones the server enforces), so that a client, or a fuzzer, knows what is refused."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

ERROR_BODY = inline_serializer("Error", fields={"detail": serializers.CharField(help_text="What went wrong.")})
# {"<parameter or field>": ["what is wrong, and what is allowed"], ...}; a body that cannot be read at all is
# {"detail": "..."}, and the errors of a list of objects (a posting's requirements) are a list of such objects.
VALIDATION_ERROR_BODY = {
    "type": "object",
    "additionalProperties": {"anyOf": [{"type": "array"}, {"type": "string"}, {"type": "object"}]},
    "example": {"shift": ["Select a valid choice. x is not one of the available choices. Allowed: day, mid."]},
}


def constrain_parameter(schema: dict, filter_) -> None:
    """The bounds the filter's form field enforces, written into the parameter's schema."""
    target = schema["items"] if schema.get("type") == "array" else schema
    if target.get("type") == "string" and "enum" not in target:
        # The API refuses empty values (see StrictFilterBackend), and long text where the filter says so.
        target["minLength"] = 1
        if filter_.extra.get("max_length"):
            target["maxLength"] = filter_.extra["max_length"]
    if target.get("type") in ("integer", "number"):
        for bound, keyword in (("min_value", "minimum"), ("max_value", "maximum")):
            if filter_.extra.get(bound) is not None:
                target[keyword] = filter_.extra[bound]


class ApiSchema(AutoSchema):
    """Declares the error responses every operation can give, so clients can code against them."""

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        filters = filterset_class.base_filters if filterset_class is not None else {}
        for parameter in parameters:
            if parameter["name"] in filters:
                constrain_parameter(parameter["schema"], filters[parameter["name"]])
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {
            "400": OpenApiResponse(VALIDATION_ERROR_BODY, "A parameter or field is invalid; the body names it."),
            # Any request may carry a token; a wrong or revoked one is refused even where none is needed.
            "401": OpenApiResponse(ERROR_BODY, "No valid credentials: send Authorization: Token <token>."),
            # A detail: no such record, or not yours to see; a list: a page past the last one.
            "404": OpenApiResponse(ERROR_BODY, "No such record, or not yours to see (or a page past the last)."),
            "429": OpenApiResponse(ERROR_BODY, "Too many requests; retry after the Retry-After header's seconds."),
            # Any request may carry the token of an account whose email address is not confirmed yet.
            "403": OpenApiResponse(ERROR_BODY, "Your account's email address is not confirmed yet."),
        }
        if self.method != "GET":
            errors["403"] = OpenApiResponse(
                ERROR_BODY,
                "Authenticated, but not a member of an organization that may (or the email address is not confirmed).",
            )
            errors["415"] = OpenApiResponse(ERROR_BODY, "The body's Content-Type is not one the operation reads.")
        for code, response in errors.items():
            responses.setdefault(code, self._get_response_for_code(response, code, direction=direction))
        return responses
