"""One statement message: the company's template filled in, one PDF attached (R13)."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from app.billing.settings import MAIL_PLACEHOLDERS, check_mail_template

PLACEHOLDERS = MAIL_PLACEHOLDERS


@dataclass(frozen=True)
class StatementFacts:
    """What a message's template may say about the statement it carries."""

    customer_name: str
    customer_number: str
    batch_number: int
    statement_date: str
    amount_due: str
    company_name: str

    def values(self) -> dict[str, str]:
        return {name: str(getattr(self, name)) for name in PLACEHOLDERS}


def fill_template(template: str, facts: StatementFacts) -> str:
    """The template with its placeholders filled; ValueError names an unknown placeholder."""
    check_mail_template(template)
    return template.format_map(facts.values())


def build_message(
    *,
    sender: str,
    recipients: tuple[str, ...],
    subject: str,
    body: str,
    facts: StatementFacts,
    pdf: bytes,
    filename: str,
) -> EmailMessage:
    """The message to every recipient, with `pdf` attached as `filename`."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Subject"] = fill_template(subject, facts)
    message["Date"] = formatdate(localtime=True)
    domain = sender.rpartition("@")[2].strip(" >") or None
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(fill_template(body, facts))
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=filename)
    return message
