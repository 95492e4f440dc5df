"""Sending email through SMTP, when it is configured.

With no ``SMTP_HOST`` there is no mailer, and the pages that would send links show them
to the lead to copy or download instead.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid


class MailError(Exception):
    """The message could not be handed to the SMTP server; the text says why."""


@dataclass(frozen=True)
class Mailer:
    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 10.0

    def send(self, to: str, subject: str, body: str, html: str | None = None) -> None:
        """Send ``body`` as plain text; with ``html``, as multipart/alternative (the plain
        text first, so a client that cannot show HTML shows it)."""
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = subject
        message["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        message.set_content(body)
        if html is not None:
            message.add_alternative(html, subtype="html")
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(self.username, self.password or "")
                smtp.send_message(message)
        except (smtplib.SMTPException, OSError) as exc:
            raise MailError(
                f"could not send to the mail server {self.host}:{self.port}: {exc}"
            ) from exc


def mailer_from_config(config: Mapping) -> Mailer | None:
    if not config.get("SMTP_HOST"):
        return None
    return Mailer(
        host=config["SMTP_HOST"],
        port=int(config["SMTP_PORT"]),
        sender=config["MAIL_FROM"],
        username=config.get("SMTP_USERNAME") or None,
        password=config.get("SMTP_PASSWORD") or None,
        starttls=bool(config.get("SMTP_STARTTLS")),
    )
