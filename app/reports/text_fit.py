"""Fitting text into a width: wrapping at spaces, breaking overlong words, or cutting with "…"."""

from __future__ import annotations

from app.reports.fonts import text_width

ELLIPSIS = "…"


def truncate(text: str, width: float, font: str, size: float) -> str:
    """The text, cut and ended with "…" when it is wider than `width`."""
    if text_width(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits together with the ellipsis
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def wrap(text: str, width: float, font: str, size: float) -> list[str]:
    """The text in lines no wider than `width`, broken at spaces, long words broken anywhere."""
    if text_width(text, font, size) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if text_width(word, font, size) <= width:
            current = word
            continue
        pieces = _break_word(word, width, font, size)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines or [""]


def _break_word(word: str, width: float, font: str, size: float) -> list[str]:
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and text_width(current + char, font, size) > width:
            pieces.append(current)
            current = ""
        current += char
    pieces.append(current)
    return pieces
