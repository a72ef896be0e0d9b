"""Company settings: what the report prints, the envelope, and the defaults of invoicing."""

from __future__ import annotations

import string
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.billing.audit import record
from app.billing.certificates import certificate_body, certificate_fingerprint
from app.billing.errors import FieldProblem, InvalidInput
from app.models import Setting


class Envelope(StrEnum):
    US10 = "us10"
    DIN5008 = "din5008"

    @property
    def label(self) -> str:
        return {Envelope.US10: "US #10 window", Envelope.DIN5008: "DIN 5008 window"}[self]


class CreditMethod(StrEnum):
    """How the unused part of a period billed in advance is credited when a contract ends (R16)."""

    DAILY = "daily"
    MONTHLY = "monthly"
    NONE = "none"


@dataclass(frozen=True)
class CompanySettings:
    company_name: str = "Your Company"
    address1: str = ""
    address2: str = ""
    city_line: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""
    footer: str = "Thank you for your business."
    envelope: Envelope = Envelope.US10
    # Statements by email (R13); the SMTP password lives only in the system keyring.
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_user: str = ""
    # A self-signed server certificate the clerk trusts (PEM); empty: the system's authorities.
    smtp_certificate: str = ""
    mail_from: str = ""
    mail_subject: str = "Statement of {statement_date} from {company_name}"
    mail_body: str = (
        "Dear {customer_name},\n\nPlease find attached your statement of {statement_date} "
        "(customer {customer_number}, batch {batch_number}). The amount due is {amount_due}."
        "\n\nKind regards,\n{company_name}"
    )
    # Invoicing (v2): a customer's empty tax rate or terms mean these.
    tax_rate: Decimal = Decimal("0")
    terms_days: int = 30
    show_invoice_lines: bool = True
    invoice_prefix: str = "INV-"
    credit_memo_prefix: str = "CM-"
    debit_memo_prefix: str = "DM-"
    part_period_credit: CreditMethod = CreditMethod.DAILY
    require_approval: bool = False
    # R14: a card payment adds a card_fee debit memo of this percentage of it (0: none).
    card_fee_percent: Decimal = Decimal("0")
    # Exports (R18): the accounting package's account names (or codes, for Xero).
    ar_account: str = "Accounts Receivable"
    income_account: str = "Sales"
    tax_account: str = "Sales Tax Payable"

    @property
    def address_lines(self) -> tuple[str, ...]:
        lines = (self.address1, self.address2, self.city_line, self.country)
        return tuple(line for line in lines if line)


SETTING_KEYS = tuple(f.name for f in fields(CompanySettings))


def load_settings(session: Session) -> CompanySettings:
    stored = dict(session.execute(select(Setting.key, Setting.value)).all())
    settings = CompanySettings()
    for key, value in stored.items():
        if key in SETTING_KEYS:
            settings = _with(settings, key, value)
    return settings


YES_NO = {"true": True, "false": False}
PREFIX_LENGTH = 20  # with five digits, a number stays within the 30 characters of its column
LARGEST_TERMS = 3650


def parse_percent(text: str) -> Decimal:
    """A percentage from 0 to 100 with at most four decimals; ValueError says why not."""
    cleaned = text.strip().removesuffix("%").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{text.strip()!r} is not a percentage (write 8.25 for 8.25 %)") from None
    if not value.is_finite() or value != value.quantize(Decimal("0.0001")):
        raise ValueError("has more than four decimals")
    if not Decimal(0) <= value <= Decimal(100):
        raise ValueError("must be from 0 to 100")
    return value.normalize() if value else Decimal("0")


def setting_text(settings: CompanySettings, key: str) -> str:
    """A setting as it is stored and shown: yes/no as `true`/`false`, percentages plainly."""
    value = getattr(settings, key)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


MAIL_PLACEHOLDERS = (
    "customer_name",
    "customer_number",
    "batch_number",
    "statement_date",
    "amount_due",
    "company_name",
)
SMTP_SECURITY = ("none", "starttls", "ssl")


def check_mail_template(template: str) -> None:
    """ValueError naming a placeholder the mail templates do not know, or a stray brace."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError:
        raise ValueError("has an unmatched { or } (write {{ or }} for a brace)") from None
    for name in names:
        if name not in MAIL_PLACEHOLDERS:
            known = ", ".join("{" + known + "}" for known in MAIL_PLACEHOLDERS)
            raise ValueError(f"has an unknown placeholder {{{name}}} (known: {known})")


def _typed_mail(key: str, cleaned: str) -> object:
    if key == "smtp_port":
        if not cleaned.isascii() or not cleaned.isdigit() or not 0 < int(cleaned) < 65536:
            raise ValueError("must be a port number from 1 to 65535")
        return int(cleaned)
    if key == "smtp_security":
        if cleaned.lower() not in SMTP_SECURITY:
            raise ValueError(f"must be one of {', '.join(SMTP_SECURITY)}")
        return cleaned.lower()
    if key == "smtp_certificate" and cleaned:
        certificate_body(cleaned)
        return "\n".join(line.strip() for line in cleaned.splitlines() if line.strip()) + "\n"
    if key in ("mail_subject", "mail_body"):
        check_mail_template(cleaned)
        if key == "mail_subject" and not cleaned:
            raise ValueError("is required")
    return cleaned


def _typed(key: str, value: str) -> object:
    cleaned = value.strip()
    if key.startswith(("smtp_", "mail_")):
        return _typed_mail(key, cleaned)
    if key == "envelope":
        try:
            return Envelope(cleaned.lower())
        except ValueError:
            raise ValueError(f"must be one of {', '.join(e.value for e in Envelope)}") from None
    if key == "part_period_credit":
        try:
            return CreditMethod(cleaned.lower())
        except ValueError:
            choices = ", ".join(m.value for m in CreditMethod)
            raise ValueError(f"must be one of {choices}") from None
    if key in ("tax_rate", "card_fee_percent"):
        return parse_percent(cleaned)
    if key == "terms_days":
        if not cleaned.isascii() or not cleaned.isdigit() or int(cleaned) > LARGEST_TERMS:
            raise ValueError(f"must be a number of days from 0 to {LARGEST_TERMS}")
        return int(cleaned)
    if key in ("show_invoice_lines", "require_approval"):
        if cleaned.lower() not in YES_NO:
            raise ValueError("must be true or false")
        return YES_NO[cleaned.lower()]
    if key.endswith("_prefix") and len(cleaned) > PREFIX_LENGTH:
        raise ValueError(f"is longer than {PREFIX_LENGTH} characters")
    if key in ("company_name", "ar_account", "income_account", "tax_account") and not cleaned:
        raise ValueError("is required")
    return cleaned


def _with(settings: CompanySettings, key: str, value: str) -> CompanySettings:
    if key not in SETTING_KEYS:
        known = ", ".join(SETTING_KEYS)
        raise InvalidInput([FieldProblem(key, f"is not a setting (known: {known})")])
    try:
        typed = _typed(key, value)
    except ValueError as error:
        raise InvalidInput([FieldProblem(key, str(error))]) from None
    return replace(settings, **{key: typed})  # type: ignore[arg-type]


def _store(session: Session, key: str, value: str) -> tuple[CompanySettings, bool]:
    """Check and store one setting; the settings as they now are, and whether it changed."""
    before = load_settings(session)
    settings = _with(before, key, value)
    stored = setting_text(settings, key)
    row = session.get(Setting, key)
    if row is None:
        if stored == setting_text(before, key):
            return settings, False  # the default, unstored: nothing to write or audit
        session.add(Setting(key=key, value=stored))
    elif row.value != stored:
        row.value = stored
    session.flush()
    return settings, stored != setting_text(before, key)


def set_setting(session: Session, key: str, value: str) -> CompanySettings:
    """Store one setting after checking it; returns the settings as they now are."""
    settings, changed = _store(session, key, value)
    if changed:
        record(session, "setting", detail=f"{key} = {setting_summary(settings, key)}")
    return settings


def setting_summary(settings: CompanySettings, key: str) -> str:
    """A setting on one line (its audit entry, `settings show`): a certificate by fingerprint."""
    if key == "smtp_certificate" and settings.smtp_certificate:
        return "SHA-256 " + certificate_fingerprint(settings.smtp_certificate)
    return setting_text(settings, key)


def save_settings(session: Session, settings: CompanySettings) -> None:
    """Store every field of the settings dialog at once, with one audit entry for them all."""
    changed = [key for key in SETTING_KEYS if _store(session, key, setting_text(settings, key))[1]]
    if changed:
        record(session, "setting", detail=", ".join(changed))
