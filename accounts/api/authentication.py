"""API authentication: an account acts through the API only once its email address is confirmed, as it signs in on
the website only then (ACCOUNT_EMAIL_VERIFICATION = "mandatory"). Checked on every request, so a token issued
before (in the admin, or before this rule) is refused too."""

from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions

from accounts.selectors import has_verified_email

UNCONFIRMED = (
    "Confirm your email address first: open the link in the email we sent you (signing in on the website sends a "
    "new one), then try again."
)


def require_confirmed_email(user) -> None:
    # Staff sign in through the admin, which asks for no confirmed address either; what needs one (applying,
    # claiming, inviting) checks it itself.
    if not user.is_staff and not has_verified_email(user):
        raise exceptions.PermissionDenied(UNCONFIRMED, code="email_not_confirmed")


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        require_confirmed_email(user)
        return user, token


class SessionAuthentication(authentication.SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            require_confirmed_email(result[0])
        return result


class ConfirmedSessionScheme(SessionScheme):
    """The session cookie, as REST framework's own (the token's scheme already covers subclasses)."""

    target_class = "accounts.api.authentication.SessionAuthentication"
