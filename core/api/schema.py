"""The OpenAPI schema's shared parts: the error responses every operation declares, and the limits of each
query parameter (the same ones the server enforces), so that a client, or a fuzzer, knows what is refused."""

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

ERROR_BODY = inline_serializer("Error", fields={"detail": serializers.CharField(help_text="What went wrong.")})
# {"<parameter or field>": ["what is wrong, and what is allowed"], ...}; a body that cannot be read at all is
# {"detail": "..."}; the errors of a nested object (a brief's hours) are an object of such lists, and those of a list
# of objects (a posting's requirements) a list of such objects, one per item.
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": "What is wrong, by parameter or field name.",
    "additionalProperties": {
        "anyOf": [
            {
                "type": "array",
                "items": {"anyOf": [{"type": "string"}, {"type": "object", "additionalProperties": True}]},
            },
            {"type": "string"},
            {"type": "object", "additionalProperties": True},
        ]
    },
    "example": {"shift": ["Select a valid choice. x is not one of the available choices. Allowed: day, mid."]},
}


class ValidationErrorSerializer(serializers.Serializer):
    """The body of every 400: a component of the schema (#/components/schemas/ValidationError), described by the
    extension below, as its keys are the names of the parameters and fields at fault."""


class ValidationErrorSchema(OpenApiSerializerExtension):
    target_class = ValidationErrorSerializer

    def get_name(self, auto_schema, direction):
        return "ValidationError"

    def map_serializer(self, auto_schema, direction):
        return VALIDATION_ERROR_SCHEMA


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

    def _map_basic_serializer(self, serializer, direction):
        # A read-only field is declared required (it is in every answer) unless the serializer's Meta names it in
        # `left_out_for_some`: a field some readers never get (a generated client would refuse those answers).
        schema = super()._map_basic_serializer(serializer, direction)
        left_out = set(getattr(getattr(serializer, "Meta", None), "left_out_for_some", ()))
        if left_out and schema.get("required"):
            schema["required"] = [name for name in schema["required"] if name not in left_out]
            if not schema["required"]:
                del schema["required"]
        return schema

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
            "400": OpenApiResponse(ValidationErrorSerializer, "A parameter or field is invalid; the body names it."),
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
