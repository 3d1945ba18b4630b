"""Reads about accounts: whether an email address is confirmed, and which account a login names."""

import hashlib

from allauth.account.models import EmailAddress
from django.db.models import Q

from accounts.models import User

MAX_LOGIN_LENGTH = 254  # the longest email address; usernames are shorter


def has_verified_email(user, email: str | None = None) -> bool:
    """Whether `user` has confirmed an email address (`email`, when given, case aside)."""
    if not (user and user.is_authenticated):
        return False
    addresses = EmailAddress.objects.filter(user=user, verified=True)
    if email is not None:
        addresses = addresses.filter(email__iexact=email.strip())
    return addresses.exists()


def account_for_login(identifier: str) -> int | None:
    """The id of the account a login names, found as the sign-in finds it (an email address first, then a
    username, case aside), or None when it names none."""
    identifier = identifier.strip()
    if not identifier or len(identifier) > MAX_LOGIN_LENGTH or "\x00" in identifier:
        return None  # names no account (and PostgreSQL refuses NUL characters in a query)
    by_email = (
        User.objects.filter(Q(email__iexact=identifier) | Q(emailaddress__email__iexact=identifier))
        .values_list("pk", flat=True)
        .distinct()[:2]
    )
    found = list(by_email) or list(User.objects.filter(username__iexact=identifier).values_list("pk", flat=True)[:2])
    return found[0] if len(found) == 1 else None


def login_subject(identifier: str) -> str:
    """What failed logins with `identifier` count against, on the website and the API alike: the account it names,
    however it was typed (username or email address, any case), or else the identifier itself (as a digest, so
    that anything typed makes a valid cache key): guesses at unknown names are counted too."""
    pk = account_for_login(identifier)
    if pk is not None:
        return f"account:{pk}"
    return "unknown:" + hashlib.sha256(identifier.strip().lower()[:MAX_LOGIN_LENGTH].encode()).hexdigest()
