"""Sending the site's notifications. Subjects are one line whatever users typed into the names and titles
they contain (a line break in a header is refused by the mail library, or worse, read as another header)."""

from django.core.mail import send_mail


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def notify(subject: str, body: str, recipients: list[str]) -> None:
    recipients = [address for address in recipients if address]
    if recipients:
        send_mail(one_line(subject), body, None, recipients)
