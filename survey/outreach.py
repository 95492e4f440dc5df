"""Getting invitation links to people: reading a lead's CSV of addresses, and sending
links by email when SMTP is configured or handing them back to the lead when it is not."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TextIO

from email_validator import EmailNotValidError, validate_email

from reports.cells import safe_cell
from survey.mail import Mailer, MailError

MAX_ROWS = 2000
HEADER_WORDS = {"email", "e-mail", "email address", "e-mail address", "address", "emails"}


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class Link:
    email: str | None
    url: str
    sent: bool = False


def parse_email_csv(data: bytes) -> tuple[list[str], list[RowError]]:
    """Addresses from the first column, one per row; every bad row is reported by number.

    A header row is allowed. Blank rows are skipped. Nothing is half-accepted: the caller
    creates no invitations while any row has an error.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowError(0, "The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again")]
    if "\x00" in text:
        return [], [RowError(0, "The file is not a CSV file (it contains binary data)")]
    emails: list[str] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        return [], [RowError(0, f"The file could not be read as CSV: {exc}")]
    for line, row in enumerate(rows, start=1):
        value = row[0].strip() if row else ""
        if not value:
            continue
        if line == 1 and value.lower() in HEADER_WORDS:
            continue
        shown = value if len(value) <= 60 else value[:57] + "..."
        try:
            address = validate_email(value, check_deliverability=False).normalized
        except EmailNotValidError:
            errors.append(RowError(line, f"Row {line}: '{shown}' is not an email address"))
            continue
        key = address.lower()
        if key in seen:
            errors.append(RowError(line, f"Row {line}: {shown} appears already on row {seen[key]}"))
            continue
        seen[key] = line
        emails.append(address)
    if not emails and not errors:
        errors.append(RowError(0, "The file has no email addresses in its first column"))
    if len(emails) > MAX_ROWS:
        errors.append(RowError(0, f"The file has {len(emails)} addresses; the most is {MAX_ROWS}"))
    return emails, errors


@dataclass(frozen=True)
class Message:
    """One email: its subject, its plain text and (optionally) its HTML."""

    subject: str
    text: str
    html: str | None = None


def deliver(
    links: Iterable[Link],
    mailer: Mailer | None,
    message_for: Callable[[Link], Message],
) -> tuple[list[Link], list[str]]:
    """Email each link that has an address (when there is a mailer); return every link,
    marked sent or not, and one message per failure (with no address or link in it)."""
    result = []
    failures = []
    for link in links:
        if mailer is not None and link.email:
            message = message_for(link)
            try:
                mailer.send(link.email, message.subject, message.text, message.html)
                link.sent = True
            except MailError as exc:
                failures.append(str(exc))
        result.append(link)
    return result, failures


def write_links_csv(out: TextIO, links: Iterable[Link]) -> None:
    writer = csv.writer(out)
    writer.writerow(["email", "link"])
    for link in links:
        writer.writerow([safe_cell(link.email or ""), safe_cell(link.url)])
