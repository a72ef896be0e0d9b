"""Company settings: the name, address and contact the report prints, and the envelope."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.billing.audit import record
from app.billing.errors import FieldProblem, InvalidInput
from app.models import Setting


class Envelope(StrEnum):
    US10 = "us10"
    DIN5008 = "din5008"

    @property
    def label(self) -> str:
        return {Envelope.US10: "US #10 window", Envelope.DIN5008: "DIN 5008 window"}[self]


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


def _with(settings: CompanySettings, key: str, value: str) -> CompanySettings:
    if key not in SETTING_KEYS:
        known = ", ".join(SETTING_KEYS)
        raise InvalidInput([FieldProblem(key, f"is not a setting (known: {known})")])
    if key == "envelope":
        try:
            return replace(settings, envelope=Envelope(value.strip().lower()))
        except ValueError:
            choices = ", ".join(e.value for e in Envelope)
            raise InvalidInput([FieldProblem(key, f"must be one of {choices}")]) from None
    if key == "company_name" and not value.strip():
        raise InvalidInput([FieldProblem(key, "is required")])
    text: dict[str, str] = {key: value.strip()}
    return replace(settings, **text)  # type: ignore[arg-type]


def _store(session: Session, key: str, value: str) -> tuple[CompanySettings, bool]:
    """Check and store one setting; the settings as they now are, and whether it changed."""
    before = load_settings(session)
    settings = _with(before, key, value)
    stored = str(getattr(settings, key))
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=stored))
    elif row.value != stored:
        row.value = stored
    session.flush()
    return settings, stored != str(getattr(before, key))


def set_setting(session: Session, key: str, value: str) -> CompanySettings:
    """Store one setting after checking it; returns the settings as they now are."""
    settings, changed = _store(session, key, value)
    if changed:
        record(session, "setting", detail=f"{key} = {getattr(settings, key)}")
    return settings


def save_settings(session: Session, settings: CompanySettings) -> None:
    """Store every field of the settings dialog at once, with one audit entry for them all."""
    changed = [key for key in SETTING_KEYS if _store(session, key, str(getattr(settings, key)))[1]]
    if changed:
        record(session, "setting", detail=", ".join(changed))
