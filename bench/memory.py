"""Memory retained per message after decoding a journal, measured with tracemalloc."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from typing import Any

from journal import journal_body


def retained_bytes_per_message(decode: Callable[[bytes], Any], body: bytes, count: int) -> float:
    """Bytes still allocated per message while the decoded result is alive."""
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


def memory_table(decoders: dict[str, Callable[[bytes], Any]], count: int) -> str:
    """A Markdown table of retained bytes per message, and the ratio to plain dicts."""
    body = journal_body(count)
    results = {name: retained_bytes_per_message(d, body, count) for name, d in decoders.items()}
    floor = results["orjson.loads"]
    lines = [
        f"| decoder ({count:,} messages) | bytes per message | x plain dicts (orjson.loads) |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {size:,.0f} | {size / floor:.2f} |" for name, size in results.items()]
    return "\n".join(lines)
