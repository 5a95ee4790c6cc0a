"""Serve the fake Green API in its own process for the end-to-end benchmark.

Three instances: ``SMALL_ID`` with a 20-message journal and ``LARGE_ID`` with 10,000
messages, both of the benchmark's realistic mix, and ``SENDER_ID``, empty, for the send
benchmark; rate limit off. Prints the base URL on
the first line of stdout, then serves until its stdin closes.
"""

from __future__ import annotations

import sys

import orjson
from journal import journal_body

from greenapi_async.testing import FakeClock, FakeGreenAPI, serve

NOW = 1_764_000_000
SMALL_ID, LARGE_ID, TOKEN = "1101000001", "1101000002", "benchToken0123456789"
SENDER_ID = "1101000003"


def build() -> FakeGreenAPI:
    """The fake with both journals, its clock at the journals' newest timestamp."""
    fake = FakeGreenAPI(clock=FakeClock(NOW), rate_limit=False)
    fake.add_instance(SMALL_ID, TOKEN).messages.extend(orjson.loads(journal_body(20, now=NOW)))
    fake.add_instance(LARGE_ID, TOKEN).messages.extend(orjson.loads(journal_body(10_000, now=NOW)))
    fake.add_instance(SENDER_ID, TOKEN)
    return fake


def main() -> None:
    fake = build()
    with serve(fake) as base_url:
        print(base_url, flush=True)
        sys.stdin.read()  # until the parent closes our stdin


if __name__ == "__main__":
    main()
