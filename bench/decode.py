"""Decode benchmark: bytes -> typed messages, side by side, interleaved, medians and ratios.

Every contender runs in turn within each repetition (the machine is noisy), and times are
reported as ratios to ``orjson.loads``: the floor for anything that returns Python objects.
msgspec and pydantic are measured when installed (``nox -s bench`` installs them).
"""

from __future__ import annotations

import gc
import importlib.util
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import orjson
from journal import journal_body

import greenapi_async as ga

Decoder = Callable[[bytes], Any]
OURS = "greenapi_async.decode_outgoing_messages"


def contenders() -> dict[str, Decoder]:
    """The decoders to compare, those whose library is installed."""
    found: dict[str, Decoder] = {
        "orjson.loads": orjson.loads,
        "json.loads": json.loads,
        OURS: ga.decode_outgoing_messages,
    }
    if importlib.util.find_spec("msgspec"):
        import reference_msgspec

        found["msgspec Structs, tagged union"] = reference_msgspec.decode
    if importlib.util.find_spec("pydantic"):
        import reference_pydantic

        found["pydantic v2, discriminated union"] = reference_pydantic.decode
    return found


def measure(body: bytes, decoders: dict[str, Decoder], repetitions: int) -> dict[str, float]:
    """Median seconds per decode for each decoder, interleaved across repetitions."""
    timings: dict[str, list[float]] = {name: [] for name in decoders}
    for decode in decoders.values():
        decode(body)  # warm up: generated code, caches
    for _ in range(repetitions):
        for name, decode in decoders.items():
            gc.collect()  # start each run from the same collector state
            started = time.perf_counter()
            decode(body)
            timings[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in timings.items()}


def decode_table(sizes: list[int], repetitions: int) -> str:
    """A Markdown table of decode medians and ratios for each journal size."""
    decoders = contenders()
    lines = [
        "| messages | decoder | median ms | x orjson.loads |",
        "|---:|---|---:|---:|",
    ]
    for size in sizes:
        medians = measure(journal_body(size), decoders, repetitions)
        floor = medians["orjson.loads"]
        for name, seconds in medians.items():
            shown = f"**{name}**" if name == OURS else name
            lines.append(f"| {size:,} | {shown} | {seconds * 1e3:.2f} | {seconds / floor:.2f} |")
    return "\n".join(lines)
