"""Building many rows at once with Python's cyclic garbage collector paused.

A large statement builds some hundred thousand small frozen rows (records, figures, tuples)
that refer to one another in a tree, never in a cycle: reference counting frees them all. The
cyclic collector still walks every live object each time enough of them were allocated, and
with the application's modules loaded that is most of a second for a 10,000-customer batch
(`batch show --json`: four full collections, none of which found anything to free). Pausing it
while the rows are built costs nothing but the collection of any cycle made meanwhile, which is
only delayed: it runs again when the outermost pause ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
# How many pauses are open (threads may build statements at once), and whether the first of
# them found the collector running, so the last one to end starts it again, and only then.
_open = 0
_was_running = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector paused; nested and concurrent pauses
    keep it paused until the last of them ends."""
    global _open, _was_running
    with _lock:
        if _open == 0:
            _was_running = gc.isenabled()
            gc.disable()
        _open += 1
    try:
        yield
    finally:
        with _lock:
            _open -= 1
            if _open == 0 and _was_running:
                gc.enable()
