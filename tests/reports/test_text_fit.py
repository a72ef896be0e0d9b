"""Fitting text to a width and an address to a window, without a database."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.reports import DIN5008, US10, EnvelopeLayout
from app.reports.address_block import block_height, fit_lines
from app.reports.fonts import REGULAR, register_fonts, text_width
from app.reports.text_fit import truncate, wrap


@pytest.fixture(autouse=True)
def fonts() -> None:
    register_fonts()


def test_short_text_is_left_alone() -> None:
    assert wrap("Late fee", 100, REGULAR, 8) == ["Late fee"]
    assert truncate("Late fee", 100, REGULAR, 8) == "Late fee"


def test_wrap_breaks_at_spaces_and_splits_overlong_words() -> None:
    lines = wrap("Consulting October Donaudampfschifffahrtsgesellschaft", 60, REGULAR, 8)
    assert all(text_width(line, REGULAR, 8) <= 60 for line in lines)
    assert lines[:2] == ["Consulting", "October"]
    assert "".join(lines[2:]) == "Donaudampfschifffahrtsgesellschaft"
    assert len(lines) > 3


def test_truncate_keeps_the_longest_start_that_fits_with_an_ellipsis() -> None:
    name = "Łódź Müller & Søn Internationale Handelsgesellschaft"
    cut = truncate(name, 80, REGULAR, 8)
    assert cut == "Łódź Müller & Sø…"
    assert text_width(cut, REGULAR, 8) <= 80
    assert text_width(name[: len(cut)] + "…", REGULAR, 8) > 80


def test_text_width_matches_reportlab_for_any_character() -> None:
    for text in ("1,234.50", "Łódź Müller & Søn", "Ζωή", "✂", "\U0001f600 not in the font"):
        assert text_width(text, REGULAR, 9) == pytest.approx(stringWidth(text, REGULAR, 9))


def test_a_short_address_keeps_the_largest_size_and_its_lines() -> None:
    lines = ("Acme Hardware Supply", "1200 Industrial Parkway", "62704 Springfield, IL")
    placed = fit_lines(lines, US10.address, US10.page_height)
    assert [p.text for p in placed] == list(lines)
    assert {p.size for p in placed} == {10.0}
    assert [p.x for p in placed] == [US10.address.left] * 3
    assert placed[0].y - placed[1].y == pytest.approx(12.0)


@pytest.mark.parametrize("layout", [US10, DIN5008])
def test_any_address_fits_the_box(layout: EnvelopeLayout) -> None:
    box = layout.address
    lines = tuple("Wolfeschlegelsteinhausenbergerdorff Handelsgesellschaft" * 2 for _ in range(5))
    placed = fit_lines(lines, box, layout.page_height)
    size = placed[0].size
    assert size == 7.0
    assert block_height(len(placed), size) <= box.height
    assert all(text_width(p.text, REGULAR, size) <= box.width for p in placed)
    assert all(p.text.endswith("…") for p in placed)
