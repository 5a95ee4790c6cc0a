"""Decode benchmark: bytes -> typed messages, side by side, interleaved round by round.

Every contender runs in turn within each round (the machine is noisy). A figure is the
median over rounds of a contender's time over the time, in the same round, of
``json.loads`` (what a client that returns plain dicts pays) or of ``orjson.loads`` (the
floor for anything that returns Python objects), with the interquartile range of those
ratios. Beside them: msgspec's plain decode, which greenapi_async parses with, and two
typed decoders, msgspec Structs and pydantic (pydantic when installed: ``nox -s bench``
installs it).

Every contender is timed under the same collector conditions, and the time includes the
collector work its call leaves behind. A decoder may pause the cyclic collector while it
builds objects (greenapi_async does, for large bodies); the collection it postpones then
runs at the caller's first allocation after the call. Stopping the timer at the return
would leave that work out, so the timer stops only after such an allocation. Four
conditions are measured:

- *one call*: the collector running as a program has it, from a freshly collected heap;
  the call and the collection it leaves pending.
- *collector off*: the collector disabled around every contender's call (a decoder's own
  pause then does nothing): the decoding work alone.
- *back to back*: calls in a row, each result kept until the next one is made, as a
  program that polls a journal does; every collection they cause, the postponed ones and
  those of older generations they lead to, falls within the timed run.
- *kept alive*: back to back, but each result held for the next calls, so that about
  100,000 of the contender's messages stay alive, as a watcher's results do for a while;
  every collection of the older generations walks them. The results alive when the
  timed run starts are made before it, and the heap collected; then it runs as back to
  back. From 100,000 messages a call, one result is held: that is back to back.
"""

from __future__ import annotations

import collections
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
from objects_floor import objects_floor, reads_floor
from spread import ratios_per_round, with_spread

import greenapi_async as ga

Decoder = Callable[[bytes], Any]
# Seconds of each decoder, one figure a round, in the order of the rounds.
Times = dict[str, list[float]]
# A table's columns past the first two: heading -> decoder -> cell.
Columns = dict[str, dict[str, str]]
OURS = "greenapi_async.decode_outgoing_messages"
BASELINE = "json.loads"
FLOOR = "orjson.loads"
# What greenapi_async parses with: its objects are built from what this returns.
PARSER = "msgspec.json.decode (plain objects)"
# Back to back, each contender decodes about this many messages per round.
_BACK_TO_BACK_MESSAGES = 100_000
# Kept alive, about this many of a contender's messages stay alive through its run.
_KEPT_ALIVE_MESSAGES = 100_000
# A kept-alive round also makes that many messages, untimed, before its run: over twice a
# back-to-back round's work. Three rounds keep a full decode table to about 30% more time.
_KEPT_ALIVE_ROUNDS = 3


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


def _kept_alive(decode: Decoder, body: bytes, calls: int, kept: int) -> float:
    """Seconds per call of ``calls`` calls in a row, each result held for the next ``kept``.

    With ``kept`` 1 this is back to back: a result is freed once the next one is made.
    """
    # Made before the clock starts, so that the timed calls find as many results alive as
    # a watcher's would (the first finds one fewer, as the first of back to back finds none).
    held = collections.deque((decode(body) for _ in range(kept - 1)), maxlen=kept)
    gc.collect()
    started = time.perf_counter()
    for _ in range(calls):
        held.append(decode(body))  # frees the result made ``kept`` calls before
        _Allocation()
    elapsed = time.perf_counter() - started
    held.clear()
    return elapsed / calls


def _interleaved(
    body: bytes, decoders: dict[str, Decoder], rounds: int, timed: Callable[[Decoder], float]
) -> Times:
    """``timed(decode)`` of every decoder in turn, round after round."""
    times: Times = {name: [] for name in decoders}
    for decode in decoders.values():
        decode(body)  # warm up: generated code, caches
    for _ in range(rounds):
        for name, decode in decoders.items():
            times[name].append(timed(decode))
    return times


def measure(
    body: bytes, decoders: dict[str, Decoder], repetitions: int, *, collector_off: bool = False
) -> Times:
    """Seconds of one call of each decoder in each round, interleaved."""
    return _interleaved(
        body,
        decoders,
        repetitions,
        lambda decode: _one_call(decode, body, collector_off=collector_off),
    )


def measure_back_to_back(
    body: bytes, decoders: dict[str, Decoder], repetitions: int, calls: int, kept: int = 1
) -> Times:
    """Seconds per call of ``calls`` calls in a row in each round, interleaved by contender.

    Each result is held for the next ``kept`` calls (see ``_kept_alive``).
    """
    return _interleaved(
        body, decoders, repetitions, lambda decode: _kept_alive(decode, body, calls, kept)
    )


def _spreads(times: Times, baseline: str) -> dict[str, str]:
    return {name: with_spread(values) for name, values in ratios_per_round(times, baseline).items()}


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _head(*headings: str) -> list[str]:
    """A table's heading and alignment: a count, then a name, then figures."""
    return [_row(*headings), "|---:|---|" + "---:|" * (len(headings) - 2)]


def _one_call_columns(
    body: bytes, decoders: dict[str, Decoder], repetitions: int, digits: int
) -> Columns:
    """One call: the median time, and the ratios to ``json.loads`` and ``orjson.loads``."""
    times = measure(body, decoders, repetitions)
    return {
        "one call, median ms": {
            name: f"{statistics.median(values) * 1e3:.{digits}f}" for name, values in times.items()
        },
        f"x json.loads ({repetitions} rounds)": _spreads(times, BASELINE),
        "x orjson.loads": _spreads(times, FLOOR),
    }


def _in_a_row_columns(
    body: bytes, size: int, decoders: dict[str, Decoder], repetitions: int
) -> Columns:
    """Back to back and kept alive, over ``json.loads``; both time as many calls."""
    rounds = max(3, repetitions // 3)
    calls = max(3, _BACK_TO_BACK_MESSAGES // size)
    back_to_back = measure_back_to_back(body, decoders, rounds, calls)
    kept = max(1, _KEPT_ALIVE_MESSAGES // size)
    if kept == 1:  # back to back itself: not run twice
        kept_alive = dict.fromkeys(decoders, "as back to back")
    else:
        held = measure_back_to_back(body, decoders, _KEPT_ALIVE_ROUNDS, calls, kept)
        kept_alive = _spreads(held, BASELINE)
    return {
        f"back to back ({rounds} rounds), x json.loads": _spreads(back_to_back, BASELINE),
        f"kept alive ({_KEPT_ALIVE_ROUNDS} rounds), x json.loads": kept_alive,
    }


def _decoder_table(
    counted: str,
    sizes: list[int],
    body_for: Callable[[int], bytes],
    decoders: dict[str, Decoder],
    ours_shown: str,
    columns_for: Callable[[bytes, int], Columns],
) -> str:
    """A row per size and decoder, the columns ``columns_for(body, size)`` measures."""
    rows = []
    columns: Columns = {}
    for size in sizes:
        columns = columns_for(body_for(size), size)
        for name in decoders:
            shown = f"**{ours_shown}**" if name == OURS else name
            rows.append(_row(f"{size:,}", shown, *(cells[name] for cells in columns.values())))
    return "\n".join([*_head(counted, "decoder", *columns), *rows])


def decode_table(sizes: list[int], repetitions: int) -> str:
    """A Markdown table of decode times and ratios for each journal size."""
    decoders = contenders()

    def columns(body: bytes, size: int) -> Columns:
        off = measure(body, decoders, repetitions, collector_off=True)
        return {
            **_one_call_columns(body, decoders, repetitions, digits=2),
            "collector off, x orjson.loads": _spreads(off, FLOOR),
            **_in_a_row_columns(body, size, decoders, repetitions),
        }

    return _decoder_table("messages", sizes, journal_body, decoders, OURS, columns)


def _paused(build: Decoder, body: bytes) -> tuple[float, float]:
    """Seconds of ``build(body)`` with the collector off, then of the collection it left."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        result = build(body)
        built = time.perf_counter()
    finally:
        gc.enable()
    _Allocation()
    collected = time.perf_counter()
    del result
    return built - started, collected - built


def _breakdown_times(body: bytes, repetitions: int) -> Times:
    """Seconds of ``json.loads``' call, the parse, each decode and its pending collection.

    Beside greenapi_async's decode, the floors of ``objects_floor.py``, each from the
    entries msgspec parses: the same objects built unchecked from the messages decoded
    once (kept alive for that), and the same classes read from each entry's keys,
    unchecked and with one type test a key.
    """
    decoded = ga.decode_outgoing_messages(body)
    entries = msgspec.json.decode(body)
    objects, reads = objects_floor(decoded), reads_floor(decoded, entries)
    checked = reads_floor(decoded, entries, checked=True)
    builds: dict[str, Decoder] = {
        "decode": ga.decode_outgoing_messages,
        "objects": lambda body: objects(msgspec.json.decode(body)),
        "reads": lambda body: reads(msgspec.json.decode(body)),
        "checked reads": lambda body: checked(msgspec.json.decode(body)),
    }
    for name, build in builds.items():  # a floor that builds something else is none
        if build(body) != decoded:
            raise AssertionError(f"{name} does not build what greenapi_async decodes")
    del decoded, entries
    json.loads(body)  # warm up
    times: Times = {BASELINE: [], "parse": []}
    for name in builds:
        times[name], times[f"{name} collection"] = [], []
    for _ in range(repetitions):
        times[BASELINE].append(_one_call(json.loads, body, collector_off=False))
        times["parse"].append(_one_call(msgspec.json.decode, body, collector_off=True))
        for name, build in builds.items():
            built, collected = _paused(build, body)
            times[name].append(built)
            times[f"{name} collection"].append(collected)
    return times


def _breakdown_row(size: int, journal: str, times: Times) -> str:
    """Medians of the parts in ms, then the floors and the whole decode over ``json.loads``."""
    parse, decode, collection, baseline = (
        statistics.median(times[part])
        for part in ("parse", "decode", "decode collection", BASELINE)
    )

    def with_collection(part: str) -> list[float]:
        return [a + b for a, b in zip(times[part], times[f"{part} collection"], strict=True)]

    against = ratios_per_round(
        {
            # Any decoder that parses with msgspec and returns tracked objects pays this.
            "floor": [
                a + b for a, b in zip(times["parse"], times["decode collection"], strict=True)
            ],
            "objects": with_collection("objects"),
            "reads": with_collection("reads"),
            "checked reads": with_collection("checked reads"),
            "whole": with_collection("decode"),
            BASELINE: times[BASELINE],
        },
        BASELINE,
    )
    milliseconds = (parse, max(decode - parse, 0.0), collection, baseline)
    return _row(
        f"{size:,}",
        journal,
        *(f"{seconds * 1e3:.1f}" for seconds in milliseconds),
        *(
            with_spread(against[part])
            for part in ("floor", "objects", "reads", "checked reads", "whole")
        ),
    )


def breakdown_table(sizes: list[int], repetitions: int) -> str:
    """Where a call of ours spends its time: parsing, building objects, the collection.

    The parse is msgspec's, the decode's own, on the same bytes, timed on its own; building the
    objects is the rest of the decode, with the collector off as the decode has it for a
    large body; the collection is the one the decode leaves pending, run by the next
    allocation. Beside them, ``json.loads``' one call in the same rounds, and over it four
    floors and the whole decode: the parse and the collection (what the decode would cost
    if building the objects were free); the same objects built again unchecked, and their
    collection; the same classes read from each entry's keys, unchecked, then with one
    exact type test a key. On every journal
    of the decode tables.
    """
    journals = {
        "the decode table's": journal_body,
        "live shape": live_journal_body,
        **{mix.split(",")[0]: body_for for mix, body_for in MIXES.items()},
    }
    lines = _head(
        "messages",
        "journal",
        "parse (msgspec.json.decode), ms",
        "objects, ms",
        "pending collection, ms",
        "json.loads, one call, ms",
        f"parse + collection, x json.loads ({repetitions} rounds)",
        "the same objects built again, unchecked, x json.loads",
        "the same classes read from the keys, unchecked, x json.loads",
        "the same, one type test a key, x json.loads",
        "whole decode, x json.loads",
    )
    for size in sizes:
        for journal, body_for in journals.items():
            lines.append(
                _breakdown_row(size, journal, _breakdown_times(body_for(size), repetitions))
            )
    return "\n".join(lines)


def history_table(sizes: list[int], repetitions: int) -> str:
    """A Markdown table of one-call decode times for chat histories of both directions.

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
    """One table per mix of ``MIXES``: one call, back to back and kept alive, as the live one."""
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
    """A Markdown table of decode times for journals in the shape the live service sends."""
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

    One call, and with ``back_to_back`` back to back and kept alive too, as in
    ``decode_table``.
    """
    decoders: dict[str, Decoder] = {
        FLOOR: orjson.loads,
        BASELINE: json.loads,
        OURS: ga.decode_outgoing_messages,
    }

    def columns(body: bytes, size: int) -> Columns:
        found = _one_call_columns(body, decoders, repetitions, digits=3)
        if back_to_back:
            found |= _in_a_row_columns(body, size, decoders, repetitions)
        return found

    return _decoder_table("entries", sizes, body_for, decoders, ours_shown, columns)
