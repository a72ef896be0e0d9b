"""The address shows in the envelope window: every glyph of it inside, nothing else in it."""

from __future__ import annotations

import io
from functools import cache

import pytest
from PIL import ImageFont
from pypdf import PdfReader

from app import billing
from app.billing import CustomerDraft, Envelope
from app.reports import EnvelopeLayout, layout_for
from app.reports.fonts import ASCENT, DESCENT
from app.resources import resource_path
from app.store import Database
from tests.reports.pdf_reading import TextRun
from tests.reports.printing import print_batch
from tests.reports.scenario import NAMES, two_batches

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF points
UNITS = 1000  # glyph boxes are measured at 1000 px and scaled to the run's size
SLACK = 0.001  # the PDF writes positions to five decimals


@cache
def _font(name: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", f"{name}.ttf")), UNITS)


def ink_box(run: TextRun) -> Rect:
    """Where the run's glyphs put ink on the page, measured by FreeType from the shipped font."""
    left, top, right, bottom = _font(run.font).getbbox(run.text, anchor="ls")
    scale = run.size / UNITS
    return (
        run.x + left * scale,
        run.y - bottom * scale,
        run.x + right * scale,
        run.y - top * scale,
    )


def inside(box: Rect, rect: Rect) -> bool:
    x0, y0, x1, y1 = rect[0] - SLACK, rect[1] - SLACK, rect[2] + SLACK, rect[3] + SLACK
    return x0 <= box[0] and box[2] <= x1 and y0 <= box[1] and box[3] <= y1


def overlaps(box: Rect, rect: Rect) -> bool:
    return box[0] < rect[2] and rect[0] < box[2] and box[1] < rect[3] and rect[1] < box[3]


def _first_pages(db: Database, envelope: Envelope) -> tuple[bytes, list[list[TextRun]]]:
    with db.transaction() as session:
        number = two_batches(session, envelope.value)
    printout = print_batch(db, number)
    return printout.delivered, printout.pages[1:]


@pytest.mark.parametrize("envelope", list(Envelope))
def test_address_block_lies_inside_the_window(sqlite_db: Database, envelope: Envelope) -> None:
    layout = layout_for(envelope)
    window = layout.window.pdf(layout.page_height)
    pdf, pages = _first_pages(sqlite_db, envelope)
    box = PdfReader(io.BytesIO(pdf)).pages[1].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(layout.page_size, abs=1e-3)
    with sqlite_db.transaction() as session:
        lines = {c.number: c.address_lines for c in billing.list_customers(session)}
    for runs, number in zip(pages, ("C001", "C002", "C003"), strict=True):
        in_window = [run for run in runs if overlaps(ink_box(run), window)]
        assert all(inside(ink_box(run), window) for run in in_window)
        sender = _sender_runs(layout, runs)
        recipient = [run for run in in_window if run not in sender]
        assert [run.text for run in recipient] == list(lines[number])
        assert recipient[0].text == NAMES[number]


def _sender_runs(layout: EnvelopeLayout, runs: list[TextRun]) -> list[TextRun]:
    """DIN 5008's return-address line, in its zone above the recipient; US #10 has none."""
    if layout.sender is None:
        return []
    zone = layout.sender.pdf(layout.page_height)
    sender = [run for run in runs if inside(ink_box(run), zone)]
    assert [run.text for run in sender] == [
        "Nordlicht Bürobedarf GmbH · Große Straße 5 · 20095 Hamburg · Germany"
    ]
    return sender


@pytest.mark.parametrize("envelope", list(Envelope))
def test_a_long_address_is_wrapped_and_sized_to_the_window(
    sqlite_db: Database, envelope: Envelope
) -> None:
    long_name = "Łódź Müller & Søn Internationale Handelsgesellschaft für Bürobedarf mbH & Co. KG"
    with sqlite_db.transaction() as session:
        two_batches(session, envelope.value)
        record = billing.customer_by_number(session, "C002")
        draft = CustomerDraft(
            number="C002",
            name=long_name,
            address1="Industriestraße 1200, Gebäude C, Eingang Nord",
            address2="Abteilung Rechnungswesen, z. Hd. Frau Dr. Śliwińska",
            city="Springfield",
            region="IL",
            postal_code="62704",
            country="United States of America",
            cutoff_day=15,
        )
        lines = billing.update_customer(session, record.id, draft).address_lines
    layout = layout_for(envelope)
    window = layout.window.pdf(layout.page_height)
    runs = print_batch(sqlite_db, 2).pages[2]
    recipient = [run for run in runs if overlaps(ink_box(run), window)]
    recipient = [run for run in recipient if run.size >= 7]  # not the DIN sender line
    assert all(inside(ink_box(run), window) for run in recipient)
    assert len(recipient) > 5  # the long lines were wrapped, at a smaller size
    assert {run.size for run in recipient} < {10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0}
    # Every word of every line is there, in order: wrapped, not cut.
    assert " ".join(run.text for run in recipient).split() == " ".join(lines).split()


def test_report_line_metrics_are_the_fonts_own() -> None:
    for name in ("DejaVuSans", "DejaVuSans-Bold"):
        assert _font(name).getmetrics() == (round(ASCENT * UNITS), round(DESCENT * UNITS))
