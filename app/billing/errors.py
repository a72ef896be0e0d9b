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


@dataclass(frozen=True)
class FieldProblem:
    """One refused value: which field, on which line of a file (if any), and why."""

    field: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}, " if self.line is not None else ""
        return f"{where}{self.field}: {self.reason}"


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
