"""Memory retained per message after decoding a journal: tracemalloc, RSS, and the floor.

tracemalloc counts what Python allocated and still holds; the resident set size (RSS)
is what the process took from the system, allocator overhead and arenas included, and
is measured in a fresh interpreter per decoder, so that no other decoder's freed memory
is reused. The floor is what keeping each entry as it came (``raw``) and one object per
message must cost: the parser's plain dicts, plus the SDK's objects' own shells (each
attrs object and tuple, which no dict holds; the strings and numbers in them are the
dicts' own).
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
from decode import OURS, PARSER, contenders
from journal import journal_body
from spread import ratios_per_round, with_spread

FLOOR_ROW = f"floor: {PARSER}, plus the SDK's object shells"


def retained_bytes_per_message(decode: Callable[[bytes], Any], body: bytes, count: int) -> float:
    """Bytes still allocated per message while the decoded result is alive.

    A first decode of the same body goes before: what a decoder makes once (its hooks,
    caches, imports) is not what each message costs.
    """
    decode(body)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = decode(body)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del result
    return (after - before) / count


def object_shells(messages: list[Any]) -> int:
    """Bytes of the attrs objects and tuples of ``messages``, without what they refer to."""
    total = 0
    seen: set[int] = set()
    pending: list[Any] = list(messages)
    while pending:
        item = pending.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if attrs.has(type(item)):
            total += sys.getsizeof(item)
            # raw is the parser's dict, counted in the floor's first part.
            pending += [getattr(item, f.name) for f in attrs.fields(type(item)) if f.alias != "raw"]
        elif isinstance(item, tuple):
            total += sys.getsizeof(item)
            pending += item
    return total


def _resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:  # sizes in pages
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


_RSS_PROBE = """
import gc, sys
sys.path.insert(0, {folder!r})
import memory
from decode import contenders
from journal import journal_body
decode = contenders()[{name!r}]
body = open({path!r}, "rb").read()
# A small journal first: its imports and hooks are not what each message costs. Not the
# same body, whose freed memory the measured decode would reuse, unseen by the RSS.
decode(journal_body(20))
gc.collect()
before = memory._resident_bytes()
result = decode(body)
gc.collect()
print((memory._resident_bytes() - before) / {count})
"""


def resident_bytes_per_message(name: str, body_path: Path, count: int) -> float | None:
    """RSS growth per message of decoding in a fresh interpreter; None off Linux."""
    if not Path("/proc/self/statm").exists():
        return None
    probe = _RSS_PROBE.format(
        folder=str(Path(__file__).parent), name=name, path=str(body_path), count=count
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    )
    return float(completed.stdout)


def memory_table(
    decoders: dict[str, Callable[[bytes], Any]], count: int, body_path: Path, rounds: int = 5
) -> str:
    """A Markdown table of retained bytes per message, and the ratios to plain dicts.

    Each measure is taken ``rounds`` times, the decoders taking turns within a round;
    a ratio is taken within its round, and each cell is the median over the rounds with
    the interquartile range.
    """
    body = journal_body(count)
    body_path.write_bytes(body)
    plain = next(iter(decoders))
    traced: dict[str, list[float]] = {name: [] for name in decoders}
    resident: dict[str, list[float]] = {name: [] for name in decoders}
    for _ in range(rounds):
        for name, decode in decoders.items():
            traced[name].append(retained_bytes_per_message(decode, body, count))
            rss = resident_bytes_per_message(name, body_path, count)
            if rss is not None:
                resident[name].append(rss)
    shells = object_shells(decoders[OURS](body)) / count
    traced[FLOOR_ROW] = [size + shells for size in traced[PARSER]]
    traced_ratios = ratios_per_round(traced, plain)
    resident_ratios = ratios_per_round(resident, plain) if resident[plain] else {}
    lines = [
        f"| decoder ({count:,} messages; {rounds} rounds) | tracemalloc, bytes per message "
        "| x plain dicts (orjson.loads) | RSS, bytes per message | RSS, x plain dicts |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, sizes in traced.items():
        resident_sizes = resident.get(name) or []
        cells = [
            with_spread(sizes, 0),
            with_spread(traced_ratios[name]),
            with_spread(resident_sizes, 0) if resident_sizes else "",
            with_spread(resident_ratios[name]) if resident_sizes else "",
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
        print(memory_table(contenders(), size, Path(folder) / "journal.json"))
