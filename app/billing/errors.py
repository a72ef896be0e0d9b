"""Why the data refuses an action, in words for the clerk."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class BillingError(Exception):
    """The data refuses the action; nothing was changed. The message is for the clerk."""


class NotFound(BillingError):
    pass


class NothingToInclude(BillingError):
    pass


class BatchPrinted(BillingError):
    pass


class ChangedWhilePrinting(BillingError):
    """The batch changed between rendering its report and recording the print (R9)."""


class NotEligible(BillingError):
    pass


class InUse(BillingError):
    pass


# How the forms name the fields whose names are not their own words with "_" as a space.
FIELD_NAMES = {
    "address1": "Address line 1",
    "address2": "Address line 2",
    "region": "State / region",
    "tax": "Tax",
    "tax_rate": "Tax rate",
    "terms_days": "Terms",
}
# A reason that starts with one of these goes on from the field's name ("is required");
# any other reason is a sentence of its own ("there is no customer C9").
FOLLOWS_THE_NAME = ("is ", "must ", "has ", "comes ", "contains ")


def field_name(field: str) -> str:
    """The field as a form's label names it: `cutoff_day` is "Cutoff day"."""
    return FIELD_NAMES.get(field, field.replace("_", " ").capitalize())


@dataclass(frozen=True)
class FieldProblem:
    """One refused value: which field, on which line of a file (if any), and why."""

    field: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}, " if self.line is not None else ""
        return f"{where}{self.field}: {self.reason}"

    @property
    def sentence(self) -> str:
        """The whole sentence a form shows at the field: "Name is required"."""
        if self.reason.startswith(FOLLOWS_THE_NAME):
            return f"{field_name(self.field)} {self.reason}"
        return self.reason[:1].upper() + self.reason[1:]


class InvalidInput(BillingError):
    """Bad data; every problem is listed, and nothing was saved."""

    SHOWN = 20

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.lines()))

    def lines(self) -> list[str]:
        """The first problems, a line each, then how many more there are."""
        lines = [str(problem) for problem in self.problems[: self.SHOWN]]
        more = len(self.problems) - len(lines)
        return [*lines, f"and {more} more"] if more > 0 else lines

    def for_field(self, field: str) -> list[FieldProblem]:
        return [p for p in self.problems if p.field == field]
