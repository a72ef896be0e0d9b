"""The flowables of a report handed to platypus one part (a customer's section) at a time.

Platypus's build reads its list from the front until it is empty. This list refills itself
from the next part whenever it runs dry, so the report never holds more than one section's
flowables, and taking from its front stays cheap however long the report is. Platypus looks
ahead only within what the list holds (keep-with-next), which is right for parts that each
begin on a new page, as the report's sections do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from reportlab.platypus import Flowable


class FlowableFeed(list[Flowable]):
    def __init__(self, parts: Iterable[Sequence[Flowable]]) -> None:
        super().__init__()
        self._parts: Iterator[Sequence[Flowable]] = iter(parts)

    def __len__(self) -> int:
        while not super().__len__():
            part = next(self._parts, None)
            if part is None:
                return 0
            self.extend(part)
        return super().__len__()
