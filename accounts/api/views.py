"""/api/v1/auth/token/: an account's API token, for a username and password; revoked with DELETE."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response

from accounts.api.authentication import TokenAuthentication, require_confirmed_email
from accounts.api.throttles import LoginAccountThrottle, LoginThrottle
from core.api.parsers import JSONParser


class TokenView(ObtainAuthToken):
    """Exchange a username and password for the token to send as `Authorization: Token <token>`."""

    throttle_classes = [LoginThrottle, LoginAccountThrottle]
    parser_classes = [JSONParser]  # like the rest of the API (REST framework's view also reads forms)

    @extend_schema(
        summary="Get your API token (once your email address is confirmed)",
        auth=[],
        responses={200: inline_serializer("Token", fields={"token": serializers.CharField()})},
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        require_confirmed_email(user)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})

    @extend_schema(summary="Revoke the token this request is made with", responses={204: None})
    def delete(self, request, *args, **kwargs):
        if not isinstance(request.auth, Token):
            raise exceptions.NotAuthenticated("Send the token to revoke as Authorization: Token <token>.")
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    def get_authenticators(self):
        return [TokenAuthentication()]
