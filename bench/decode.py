"""Decode benchmark: bytes -> typed messages, side by side, interleaved, medians and ratios.

Run with ``nox -s bench`` (or ``python bench/decode.py``). The machine is noisy, so every
contender runs in turn within each repetition, and only ratios to ``orjson.loads`` (the
floor for anything that returns Python objects) are reported.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import orjson
from journal import journal_body

import greenapi_async as ga

Decoder = Callable[[bytes], Any]

CONTENDERS: dict[str, Decoder] = {
    "orjson.loads": orjson.loads,
    "json.loads": json.loads,
    "greenapi_async.decode_outgoing_messages": ga.decode_outgoing_messages,
}


def measure(body: bytes, repetitions: int) -> dict[str, float]:
    """Median seconds per decode for each contender, interleaved across repetitions."""
    timings: dict[str, list[float]] = {name: [] for name in CONTENDERS}
    for decode in CONTENDERS.values():
        decode(body)  # warm up caches and generated code
    for _ in range(repetitions):
        for name, decode in CONTENDERS.items():
            gc.collect()
            started = time.perf_counter()
            decode(body)
            timings[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in timings.items()}


def table(sizes: list[int], repetitions: int) -> str:
    lines = [
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"greenapi-async {ga.__version__}, orjson {orjson.__version__}; "
        f"median of {repetitions} interleaved runs; ratio = time / orjson.loads time.",
        "",
        "| messages | contender | median ms | x orjson.loads |",
        "|---:|---|---:|---:|",
    ]
    for size in sizes:
        body = journal_body(size)
        medians = measure(body, repetitions)
        floor = medians["orjson.loads"]
        for name, seconds in medians.items():
            lines.append(f"| {size:,} | {name} | {seconds * 1e3:.2f} | {seconds / floor:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000, 100_000])
    parser.add_argument("--repetitions", type=int, default=15)
    args = parser.parse_args()
    sys.stdout.write(table(args.sizes, args.repetitions) + "\n")


if __name__ == "__main__":
    main()
