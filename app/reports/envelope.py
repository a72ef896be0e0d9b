"""Where the address must sit for each window envelope, and the page geometry around it.

Distances are in points and measured from the page's top-left corner, as the envelope
standards give them; `Box.pdf` turns a box into PDF coordinates (origin bottom-left).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, LETTER

from app.billing import Envelope

INCH = 72.0
MM = 72.0 / 25.4


@dataclass(frozen=True)
class Box:
    """A rectangle on the page: left and top edges from the page's top-left corner, in points."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def pdf(self, page_height: float) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) in PDF coordinates, whose origin is the bottom-left corner."""
        return (self.left, page_height - self.bottom, self.right, page_height - self.top)


@dataclass(frozen=True)
class Margins:
    left: float
    right: float
    top: float
    bottom: float


@dataclass(frozen=True)
class EnvelopeLayout:
    """One envelope standard: its paper, its window, and what the report places around it."""

    envelope: Envelope
    page_size: tuple[float, float]
    margins: Margins
    window: Box  # the envelope's window: only what lies inside it shows through
    address: Box  # the recipient's lines, inside the window
    sender: Box | None  # a one-line return address above the recipient (DIN 5008)
    info_block: Box  # statement date, batch and customer numbers, page
    body_top: float  # where a section's first page starts its flowing content
    fold_marks: tuple[float, ...]  # distances from the top edge
    hole_mark: float | None

    @property
    def page_width(self) -> float:
        return self.page_size[0]

    @property
    def page_height(self) -> float:
        return self.page_size[1]

    @property
    def text_width(self) -> float:
        return self.page_width - self.margins.left - self.margins.right


# US #10 on Letter, tri-folded: the block starts 0.75 in from the left and 2.1 in from the top
# and may be at most 3.5 x 0.875 in, which stays in the window whatever slack the fold leaves.
# The text keeps 2 pt inside it: some glyphs ink a little beyond their origin ("Ł", "j").
US10 = EnvelopeLayout(
    envelope=Envelope.US10,
    page_size=(float(LETTER[0]), float(LETTER[1])),
    margins=Margins(left=0.75 * INCH, right=0.75 * INCH, top=0.5 * INCH, bottom=0.55 * INCH),
    window=Box(0.75 * INCH, 2.1 * INCH, 3.5 * INCH, 0.875 * INCH),
    address=Box(0.75 * INCH + 2, 2.1 * INCH + 2, 3.5 * INCH - 4, 0.875 * INCH - 4),
    sender=None,
    info_block=Box(4.75 * INCH, 2.1 * INCH, 3.0 * INCH, 0.875 * INCH),
    body_top=3.3 * INCH,
    fold_marks=(11 * INCH / 3, 22 * INCH / 3),
    hole_mark=None,
)

# DIN 5008 form B on A4: the 85 x 45 mm address field 20 mm from the left and 45 mm from the
# top; its upper 17.7 mm hold the return address and notes, its lower 27.3 mm the recipient,
# indented 5 mm. Fold marks at 105 and 210 mm, the hole-punch mark at the middle.
DIN5008 = EnvelopeLayout(
    envelope=Envelope.DIN5008,
    page_size=(float(A4[0]), float(A4[1])),
    margins=Margins(left=25 * MM, right=20 * MM, top=12 * MM, bottom=15 * MM),
    window=Box(20 * MM, 45 * MM, 85 * MM, 45 * MM),
    address=Box(25 * MM, 62.7 * MM, 75 * MM, 27.3 * MM),
    sender=Box(25 * MM, 45 * MM, 75 * MM, 17.7 * MM),
    info_block=Box(125 * MM, 50 * MM, 65 * MM, 40 * MM),
    body_top=100 * MM,
    fold_marks=(105 * MM, 210 * MM),
    hole_mark=148.5 * MM,
)

LAYOUTS = {layout.envelope: layout for layout in (US10, DIN5008)}


def layout_for(envelope: Envelope) -> EnvelopeLayout:
    return LAYOUTS[envelope]
