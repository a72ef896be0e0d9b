"""What every part of one rendering of the report needs to know."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.billing import BatchRecord, CompanySettings
from app.reports.envelope import EnvelopeLayout, layout_for


@dataclass(frozen=True)
class ReportContext:
    batch: BatchRecord
    settings: CompanySettings
    reprint: bool
    printed_on: dt.date | None

    @property
    def layout(self) -> EnvelopeLayout:
        return layout_for(self.settings.envelope)
