"""Sending the site's notifications, each written as a template set that can be edited without touching code:

    templates/<app>/email/<name>_subject.txt   the subject (made one line, whatever it contains)
    templates/<app>/email/<name>.txt           the plain text part
    templates/<app>/email/<name>.html          the HTML part (autoescaped: what users wrote is shown, never run)

Every template gets `site_url` (settings.SITE_URL), so links are absolute: `{{ site_url }}{% url 'dashboard' %}`.
The subject and the text part are rendered without HTML escaping: they are not HTML, and "O'Brien & Sons" must
read as typed. Subjects are one line whatever users typed into the names and titles they contain (a line break in
a header is refused by the mail library, or worse, read as another header).

Services call `send_templated_after_commit` inside their transaction (a write that rolls back announces nothing),
or `send_templated` from code that already runs after the commit. A mail server that is down or refuses is logged,
never turned into an error. Code that must know whether the mail went (the alert digests, which retry) builds the
message with `templated_email` and sends it itself.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context, Engine

logger = logging.getLogger(__name__)


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def render_email(template: str, context: dict) -> tuple[str, str, str]:
    """The subject, text and HTML of the template set `template` (e.g. "jobs/email/job_posting_rejected")."""
    engine = Engine.get_default()
    context = {"site_url": settings.SITE_URL, **context}

    def render(suffix: str, *, autoescape: bool) -> str:
        return engine.get_template(f"{template}{suffix}").render(Context(context, autoescape=autoescape))

    return (
        one_line(render("_subject.txt", autoescape=False)),
        render(".txt", autoescape=False),
        render(".html", autoescape=True),
    )


def templated_email(
    template: str, context: dict, recipients: list[str], *, headers: dict[str, str] | None = None
) -> EmailMultiAlternatives:
    """The message, ready to send: the text part as its body, the HTML part as its alternative."""
    subject, text, html = render_email(template, context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=recipients, headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def _send(message: EmailMultiAlternatives) -> None:
    try:
        message.send()
    except (OSError, smtplib.SMTPException):
        # A mail server that is down or refuses does not undo what the mail announces (already committed)
        # nor turn its request into an error: the failure is logged for the operators.
        logger.exception("Mail not sent: %r to %d recipient(s)", message.subject, len(message.to))


def send_templated(template: str, context: dict, recipients: list[str]) -> None:
    """Send now, to the recipients that have an address (none: nothing is rendered or sent)."""
    recipients = [address for address in recipients if address]
    if recipients:
        _send(templated_email(template, context, recipients))


def send_templated_after_commit(template: str, context: dict, recipients: list[str]) -> None:
    """Render now (what the mail says is the state of this moment) and send once the current transaction
    commits: a write that rolls back announces nothing."""
    recipients = [address for address in recipients if address]
    if recipients:
        message = templated_email(template, context, recipients)
        transaction.on_commit(lambda: _send(message))
