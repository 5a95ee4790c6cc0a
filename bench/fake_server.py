"""Serve the fake Green API in its own process for the send benchmark.

One instance, ``SENDER_ID``, empty; rate limit off. Prints the base URL on the first
line of stdout, then serves until its stdin closes. (The read benchmarks use
``fleet_server.py``'s bare server, which answers journals only.)
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from journal import NOW

from greenapi_async.testing import FakeClock, FakeGreenAPI, serve

SENDER_ID, TOKEN = "1101000003", "benchToken0123456789"


def build() -> FakeGreenAPI:
    """The fake with the sender's instance, its clock at the journals' newest timestamp."""
    fake = FakeGreenAPI(clock=FakeClock(NOW), rate_limit=False)
    fake.add_instance(SENDER_ID, TOKEN)
    return fake


@contextlib.contextmanager
def fake_server() -> Iterator[str]:
    """Start this script in a process of its own; yield the fake's base URL."""
    script = Path(__file__)
    with subprocess.Popen(
        [sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        assert process.stdin is not None
        try:
            yield process.stdout.readline().strip()
        finally:
            process.stdin.close()
            process.wait(timeout=30)


def main() -> None:
    fake = build()
    with serve(fake) as base_url:
        print(base_url, flush=True)
        sys.stdin.read()  # until the parent closes our stdin


if __name__ == "__main__":
    main()
