"""Decode benchmark: bytes -> typed messages, side by side, interleaved, medians and ratios.

Every contender runs in turn within each repetition (the machine is noisy), and times are
reported as ratios to ``json.loads`` (what a client that returns plain dicts pays) and to
``orjson.loads`` (the floor for anything that returns Python objects). Beside them:
msgspec's plain decode, which greenapi_async parses with, and two typed decoders, msgspec
Structs and pydantic (pydantic when installed: ``nox -s bench`` installs it).

Every contender is timed under the same collector conditions, and the time includes the
collector work its call leaves behind. A decoder may pause the cyclic collector while it
builds objects (greenapi_async does, for large bodies); the collection it postpones then
runs at the caller's first allocation after the call. Stopping the timer at the return
would leave that work out, so the timer stops only after such an allocation. Three
conditions are measured:

- *one call*: the collector running as a program has it, from a freshly collected heap;
  the call and the collection it leaves pending.
- *collector off*: the collector disabled around every contender's call (a decoder's own
  pause then does nothing): the decoding work alone.
- *back to back*: calls in a row, each result kept until the next one is made, as a
  program that polls a journal does; every collection they cause, the postponed ones and
  those of older generations they lead to, falls within the timed run.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import msgspec
import orjson
from journal import (
    body_of,
    history_body,
    incoming_message,
    journal_body,
    live_journal_body,
    media_message,
    texting_message,
)

import greenapi_async as ga

Decoder = Callable[[bytes], Any]
OURS = "greenapi_async.decode_outgoing_messages"
BASELINE = "json.loads"
FLOOR = "orjson.loads"
# What greenapi_async parses with: its objects are built from what this returns.
PARSER = "msgspec.json.decode (plain objects)"
# Back to back, each contender decodes about this many messages per repetition.
_BACK_TO_BACK_MESSAGES = 100_000


def contenders() -> dict[str, Decoder]:
    """The decoders to compare, those whose library is installed."""
    found: dict[str, Decoder] = {
        FLOOR: orjson.loads,
        PARSER: msgspec.json.decode,
        BASELINE: json.loads,
        OURS: ga.decode_outgoing_messages,
    }
    import reference_msgspec  # msgspec is one of the package's own dependencies

    found["msgspec Structs, tagged union"] = reference_msgspec.decode
    if importlib.util.find_spec("pydantic"):
        import reference_pydantic

        found["pydantic v2, discriminated union"] = reference_pydantic.decode
    return found


class _Allocation:
    """The caller's first allocation after a call: a collection left pending runs here.

    Allocating it counts towards the collector's threshold (Python 3.11 collects within
    the allocation); ``__init__`` is Python code, so an interpreter that collects at its
    next check (3.12 and later) does so when the frame starts.
    """

    def __init__(self) -> None:
        pass


def _one_call(decode: Decoder, body: bytes, *, collector_off: bool) -> float:
    gc.collect()  # every contender starts from the same, freshly collected heap
    if collector_off:
        gc.disable()
    try:
        started = time.perf_counter()
        result = decode(body)
        _Allocation()
        elapsed = time.perf_counter() - started
    finally:
        gc.enable()
    del result
    return elapsed


def _back_to_back(decode: Decoder, body: bytes, calls: int) -> float:
    gc.collect()
    result = None
    started = time.perf_counter()
    for _ in range(calls):
        result = decode(body)  # the previous result is freed once this one is made
        _Allocation()
    elapsed = time.perf_counter() - started
    del result
    return elapsed / calls


def measure(
    body: bytes, decoders: dict[str, Decoder], repetitions: int, *, collector_off: bool = False
) -> dict[str, float]:
    """Median seconds per call for each decoder, interleaved across repetitions."""
    timings: dict[str, list[float]] = {name: [] for name in decoders}
    for decode in decoders.values():
        decode(body)  # warm up: generated code, caches
    for _ in range(repetitions):
        for name, decode in decoders.items():
            timings[name].append(_one_call(decode, body, collector_off=collector_off))
    return {name: statistics.median(values) for name, values in timings.items()}


def measure_back_to_back(
    body: bytes, decoders: dict[str, Decoder], repetitions: int, calls: int
) -> dict[str, float]:
    """Median seconds per call of ``calls`` calls in a row, interleaved by contender."""
    timings: dict[str, list[float]] = {name: [] for name in decoders}
    for decode in decoders.values():
        decode(body)
    for _ in range(repetitions):
        for name, decode in decoders.items():
            timings[name].append(_back_to_back(decode, body, calls))
    return {name: statistics.median(values) for name, values in timings.items()}


def decode_table(sizes: list[int], repetitions: int) -> str:
    """A Markdown table of decode medians and ratios for each journal size."""
    decoders = contenders()
    lines = [
        "| messages | decoder | one call, median ms | x json.loads | x orjson.loads "
        "| collector off, x orjson.loads | back to back, x json.loads |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        body = journal_body(size)
        running = measure(body, decoders, repetitions)
        off = measure(body, decoders, repetitions, collector_off=True)
        calls = max(3, _BACK_TO_BACK_MESSAGES // size)
        in_a_row = measure_back_to_back(body, decoders, max(3, repetitions // 3), calls)
        for name, seconds in running.items():
            shown = f"**{name}**" if name == OURS else name
            lines.append(
                f"| {size:,} | {shown} | {seconds * 1e3:.2f} "
                f"| {seconds / running[BASELINE]:.2f} | {seconds / running[FLOOR]:.2f} "
                f"| {off[name] / off[FLOOR]:.2f} "
                f"| {in_a_row[name] / in_a_row[BASELINE]:.2f} |"
            )
    return "\n".join(lines)


def breakdown_table(sizes: list[int], repetitions: int) -> str:
    """Where a call of ours spends its time: parsing, building objects, the collection.

    The parse is msgspec's, the decode's own, on the same bytes, timed on its own; building the
    objects is the rest of the decode, with the collector off as the decode has it for a
    large body; the collection is the one the decode leaves pending, run by the next
    allocation.
    """
    lines = [
        "| messages | parse (msgspec.json.decode), ms | objects, ms | pending collection, ms |",
        "|---:|---:|---:|---:|",
    ]
    for size in sizes:
        body = journal_body(size)
        ga.decode_outgoing_messages(body)
        parts: dict[str, list[float]] = {"parse": [], "decode": [], "collection": []}
        for _ in range(repetitions):
            parts["parse"].append(_one_call(msgspec.json.decode, body, collector_off=True))
            gc.collect()
            gc.disable()
            try:
                started = time.perf_counter()
                result = ga.decode_outgoing_messages(body)
                decoded = time.perf_counter()
            finally:
                gc.enable()
            _Allocation()
            parts["collection"].append(time.perf_counter() - decoded)
            parts["decode"].append(decoded - started)
            del result
        parse, decode, collection = (statistics.median(parts[key]) for key in parts)
        lines.append(
            f"| {size:,} | {parse * 1e3:.1f} | {max(decode - parse, 0.0) * 1e3:.1f} "
            f"| {collection * 1e3:.1f} |"
        )
    return "\n".join(lines)


def history_table(sizes: list[int], repetitions: int) -> str:
    """A Markdown table of one-call decode medians for chat histories of both directions.

    ``getChatHistory`` answers go through the same decoder as the journals; the service's
    default is 100 entries.
    """
    return _against_the_parsers(
        history_body, "greenapi_async (getChatHistory)", sizes, repetitions, back_to_back=False
    )


# More mixes, each with a seed of its own: what a decode costs depends on the mix.
MIXES: dict[str, Callable[[int], bytes]] = {
    "chattier, live shape: 45% text, 25% links, files, places, contacts, polls": body_of(
        texting_message, seed=11
    ),
    "media-heavy, live shape: four in five a file": body_of(media_message, seed=12),
    "incoming (lastIncomingMessages), live shape": body_of(incoming_message, seed=13),
}


def mixes_table(sizes: list[int], repetitions: int) -> str:
    """One table per mix of ``MIXES``, one call and back to back, as the live table."""
    parts = []
    for mix, body_for in MIXES.items():
        parts += [
            f"*{mix}*",
            "",
            _against_the_parsers(body_for, OURS, sizes, repetitions, back_to_back=True),
            "",
        ]
    return "\n".join(parts).rstrip()


def live_table(sizes: list[int], repetitions: int) -> str:
    """A Markdown table of decode medians for journals in the shape the live service sends."""
    return _against_the_parsers(live_journal_body, OURS, sizes, repetitions, back_to_back=True)


def _against_the_parsers(
    body_for: Callable[[int], bytes],
    ours_shown: str,
    sizes: list[int],
    repetitions: int,
    *,
    back_to_back: bool,
) -> str:
    """Our decode of ``body_for(size)`` against ``orjson.loads`` and ``json.loads``.

    One call, and with ``back_to_back`` calls in a row too, as in ``decode_table``.
    """
    decoders: dict[str, Decoder] = {
        FLOOR: orjson.loads,
        BASELINE: json.loads,
        OURS: ga.decode_outgoing_messages,
    }
    header = "| entries | decoder | one call, median ms | x json.loads | x orjson.loads |"
    lines = [
        header + (" back to back, x json.loads |" if back_to_back else ""),
        "|---:|---|---:|---:|---:|" + ("---:|" if back_to_back else ""),
    ]
    for size in sizes:
        body = body_for(size)
        running = measure(body, decoders, repetitions)
        in_a_row = {}
        if back_to_back:
            calls = max(3, _BACK_TO_BACK_MESSAGES // size)
            in_a_row = measure_back_to_back(body, decoders, max(3, repetitions // 3), calls)
        for name, seconds in running.items():
            shown = f"**{ours_shown}**" if name == OURS else name
            row = (
                f"| {size:,} | {shown} | {seconds * 1e3:.3f} "
                f"| {seconds / running[BASELINE]:.2f} | {seconds / running[FLOOR]:.2f} |"
            )
            if back_to_back:
                row += f" {in_a_row[name] / in_a_row[BASELINE]:.2f} |"
            lines.append(row)
    return "\n".join(lines)
