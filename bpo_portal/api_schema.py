"""The OpenAPI schema's shared parts: the error responses every operation declares."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

ERROR_BODY = inline_serializer("Error", fields={"detail": serializers.CharField(help_text="What went wrong.")})
# {"<parameter or field>": ["what is wrong, and what is allowed"], ...}
VALIDATION_ERROR_BODY = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {"shift": ["Select a valid choice. x is not one of the available choices. Allowed: day, mid."]},
}


class ApiSchema(AutoSchema):
    """Declares the error responses every operation can give, so clients can code against them."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {
            "400": OpenApiResponse(VALIDATION_ERROR_BODY, "A parameter or field is invalid; the body names it."),
            "429": OpenApiResponse(ERROR_BODY, "Too many requests; retry after the Retry-After header's seconds."),
        }
        if self.method != "GET" or "{" in self.path:
            errors["404"] = OpenApiResponse(ERROR_BODY, "No such record, or not yours to see.")
        if self.method != "GET":
            errors["401"] = OpenApiResponse(ERROR_BODY, "No valid credentials: send Authorization: Token <token>.")
            errors["403"] = OpenApiResponse(ERROR_BODY, "Authenticated, but not a member of an organization that may.")
        for code, response in errors.items():
            responses.setdefault(code, self._get_response_for_code(response, code, direction=direction))
        return responses
