"""The sandbox as the docs show it: its clock starts at ``DOCS_START``, not at the real time.

A sandbox's journal is seeded relative to its clock's start, so that the times a command
prints differ from run to run. Started at one fixed moment instead (its clock still runs
from there), the same command prints the same times, and the outputs a page shows can be
compared with what the command prints. Run as a script, this is ``greenapi-async`` with
that clock: ``python tests/docs_clock.py last-outgoing --sandbox``.
"""

from __future__ import annotations

import contextlib
import runpy
from collections.abc import Iterator

from greenapi_async.testing import FakeClock

__all__ = ["DOCS_START", "sandbox_clock_at_docs_start"]

DOCS_START = 1_795_867_200  # 2026-11-28 12:00:00 UTC


@contextlib.contextmanager
def sandbox_clock_at_docs_start() -> Iterator[None]:
    """Within it, a ``FakeClock`` given no start (the sandbox's) starts at ``DOCS_START``."""
    real_init = FakeClock.__init__

    def pinned(self: FakeClock, start: float | None = None, *, running: bool = False) -> None:
        real_init(self, DOCS_START if start is None else start, running=running)

    FakeClock.__init__ = pinned  # type: ignore[method-assign]
    try:
        yield
    finally:
        FakeClock.__init__ = real_init  # type: ignore[method-assign]


if __name__ == "__main__":
    with sandbox_clock_at_docs_start():
        runpy.run_module("greenapi_async", run_name="__main__", alter_sys=True)
