"""Sending the site's notifications. Subjects are one line whatever users typed into the names and titles
they contain (a line break in a header is refused by the mail library, or worse, read as another header)."""

import logging
import smtplib

from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger(__name__)


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def notify(subject: str, body: str, recipients: list[str]) -> None:
    recipients = [address for address in recipients if address]
    if recipients:
        try:
            send_mail(one_line(subject), body, None, recipients)
        except (OSError, smtplib.SMTPException):
            # A mail server that is down or refuses does not undo what the mail announces (already committed)
            # nor turn its request into an error: the failure is logged for the operators.
            logger.exception("Mail not sent: %r to %d recipient(s)", one_line(subject), len(recipients))


def notify_after_commit(subject: str, body: str, recipients: list[str]) -> None:
    """`notify` once the current transaction commits: a write that rolls back announces nothing."""
    recipients = [address for address in recipients if address]
    if recipients:
        transaction.on_commit(lambda: notify(subject, body, recipients))
