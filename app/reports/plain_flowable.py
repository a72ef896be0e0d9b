"""A flowable placed on its page with the page operators written directly.

Platypus draws every flowable between the canvas's saveState and restoreState, around a
translate: each copies the canvas's whole state and formats six numbers, and a statement's
page has several flowables. The report's own flowables change nothing of the canvas's state
(their strings go through PageText, their lines and fills are recorded operators), so they
are placed with the very operators those calls write, `q`, `1 0 0 1 x y cm` and `Q`, and
nothing to save or restore.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.platypus import Flowable


class PlainFlowable(Flowable):  # type: ignore[misc]
    """A flowable whose `draw` only appends operators to the canvas's code."""

    # Platypus passes `_sW` by that name.
    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
        x = self._hAlignAdjust(x, _sW)
        code = canvas._code
        code.append("q")
        code.append(f"1 0 0 1 {fp_str(x, y)} cm")
        self._drawOn(canvas)
        code.append("Q")
