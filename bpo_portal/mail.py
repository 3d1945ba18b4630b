"""Sending the site's notifications. Subjects are one line whatever users typed into the names and titles
they contain (a line break in a header is refused by the mail library, or worse, read as another header)."""

from django.core.mail import send_mail
from django.db import transaction


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def notify(subject: str, body: str, recipients: list[str]) -> None:
    recipients = [address for address in recipients if address]
    if recipients:
        send_mail(one_line(subject), body, None, recipients)


def notify_after_commit(subject: str, body: str, recipients: list[str]) -> None:
    """`notify` once the current transaction commits: a write that rolls back announces nothing."""
    recipients = [address for address in recipients if address]
    if recipients:
        transaction.on_commit(lambda: notify(subject, body, recipients))
