"""Run every benchmark and write docs/benchmarks.md (``nox -s bench``).

Usage: ``python bench/run.py [--quick] [--output docs/benchmarks.md]``; ``--only decode``
(or ``breakdown``, ``live``, ``mixes``, ``history``, ``end_to_end``, ``per_call``, ``send``,
``memory``, ``import``, ``fleet``, ``fleet_target``) prints that one table and writes
nothing; ``--no-fleet`` leaves out the fleet runs, its two tables.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import os
import platform
import tempfile
from pathlib import Path

from decode import (
    breakdown_table,
    contenders,
    decode_table,
    history_table,
    live_table,
    mixes_table,
)
from end_to_end import end_to_end_table
from fleet import TARGET_ROUNDS, fleet_rows, fleet_table, target_rounds, target_table
from import_time import import_table
from memory import memory_table
from per_call import per_call_table
from send import send_table

PACKAGES = (
    "greenapi-async", "httpx", "httpcore", "attrs", "cattrs", "orjson", "anyio",
    "msgspec", "pydantic", "whatsapp-api-client-python", "aiohttp", "httpx-aiohttp",
    "uvicorn",
)  # fmt: skip


FLEET_INTRO = """## A fleet: one process watching many instances

N instances, each watched by `journals.watch_outgoing(1.0)` on its own `GreenAPI`, in
one task group of one process; the floor is a raw httpx loop doing the same requests on
the same HTTP clients and transport (each URL parsed once, its query included, as the
SDK keeps it), with `orjson.loads` and a set of (id, status) pairs to spot the change.
*HTTP clients* says how many `httpx.AsyncClient`s serve them: *one per instance* is the
default install, each `GreenAPI` given no `http_client` (on httpx-aiohttp's transport,
which the SDK does not make itself, each is lent a client of its own; the raw loop gets
a client per instance with the SDK's pool limits and its one TLS context); *one per 50*
and *one for all* lend one client to each 50 instances, or to all (connections: a fifth
of the instances it serves, at least 10). Each journal holds 20 messages, one of which
changes status every 5 seconds. The server (`bench/fleet_server.py`) is a bare asyncio
HTTP server in two other processes; its column is its own CPU over the same window at
the same request rate, to show it is not the bottleneck. Each row runs in a fresh
process after a warm-up: *polls/s* is the requests the server answered over the window,
*client CPU* the process's CPU time over the window's wall time (1.00 is one core,
busy), *CPU per poll* that CPU time over the polls made; latency is from the moment the
server's journal changed to the moment the consumer got the event, on the machine's
monotonic clock. Memory per instance (tracemalloc, in a separate run of the same row) is
what the fleet retains after its polls: clients, watcher, its task, its share of the
pools. The polls are spaced by the interval after each answer, so the rate is just under
N per second. `python bench/run.py --only fleet` prints this table alone; `python
bench/fleet.py table --pin` runs the server and the client on a core each. Each row of
this table is one run."""

FLEET_TARGET_INTRO = """The rows the fleet target reads, run again round after round in the same
way: 1,000 instances, a client per instance, each transport, greenapi_async and the raw
loop taking turns (the order of the clients and of the transports reversed every other
round). Each figure is the median over the rounds with its interquartile range in
brackets; *x raw floor* is taken within each round, against the raw loop on the same
transport (`python bench/fleet.py target`, or `python bench/run.py --only
fleet_target`)."""


# What follows this line in the page is written by hand (what the tables mean against the
# targets, profiles): the run keeps it, and whoever runs it checks it against the tables.
HAND_WRITTEN = "<!-- Written by hand from here on; bench/run.py keeps it. -->"


def _written_by_hand(page: Path) -> str:
    text = page.read_text(encoding="utf-8") if page.exists() else ""
    _, marker, notes = text.partition(HAND_WRITTEN)
    return marker + notes if marker else ""


def _versions() -> str:
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:  # noqa: PERF203 - a dozen names
            continue
    return ", ".join(found)


def _table(name: str, sizes: list[int], repetitions: int, *, quick: bool) -> str:
    if name == "decode":
        return decode_table(sizes, repetitions)
    if name == "breakdown":
        return breakdown_table(sizes, repetitions)
    if name == "live":
        return live_table(sizes[-2:], repetitions)
    if name == "mixes":
        return mixes_table(sizes, repetitions)
    if name == "history":
        return history_table([100, 1_000], repetitions * 4)
    if name == "end_to_end":
        return end_to_end_table(calls=200 if quick else 1_000)
    if name == "per_call":
        return per_call_table(rounds=10 if quick else 30)
    if name == "send":
        return send_table(calls=200 if quick else 1_000, rounds=8 if quick else 40)
    if name == "memory":
        with tempfile.TemporaryDirectory() as folder:
            body_path = Path(folder) / "journal.json"
            count = 10_000 if quick else 100_000
            return memory_table(contenders(), count, body_path, rounds=2 if quick else 5)
    if name == "fleet":
        return fleet_table(fleet_rows([100, 1_000], [3.0, 8.0] if quick else [5.0, 15.0]))
    if name == "fleet_target":
        rounds = 2 if quick else TARGET_ROUNDS
        return target_table(target_rounds(1_000, 8.0 if quick else 15.0, rounds))
    return import_table(repetitions=5 if quick else 15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer sizes and repetitions")
    parser.add_argument("--output", type=Path, default=Path("docs/benchmarks.md"))
    parser.add_argument(
        "--only",
        choices=(
            *("decode", "breakdown", "live", "mixes", "history"),
            *("end_to_end", "per_call", "send", "memory", "import", "fleet", "fleet_target"),
        ),
        help="one table, printed",
    )
    parser.add_argument("--no-fleet", action="store_true", help="leave out the fleet run")
    args = parser.parse_args()
    sizes = [100, 1_000, 10_000] if args.quick else [100, 1_000, 10_000, 100_000]
    repetitions = 5 if args.quick else 15
    if args.only:
        print(_table(args.only, sizes, repetitions, quick=args.quick))
        return
    sections = [
        "# Benchmarks",
        "",
        "Written by `nox -s bench` (`python bench/run.py`); numbers from one run on the "
        "machine below. Contenders run interleaved, round by round; a ratio is taken within "
        "a round and shown as the median over the rounds with its interquartile range in "
        "brackets, the rounds counted in the column's heading: absolute times on a shared "
        "machine mean little.",
        "",
        "How to read them: `x orjson.loads` is a decoder's time over the time `orjson.loads` "
        "alone takes on the same bytes, the floor for anything that returns Python objects; "
        "`x raw httpx + orjson` compares a whole call with a bare `httpx` GET whose body "
        "`orjson.loads` parses. Lower is better in every column.",
        "",
        f"- Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()} "
        f"({platform.python_implementation()})",
        f"- Versions: {_versions()}",
        f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        "",
        "## Decode: bytes to typed messages",
        "",
        "A realistic mix: 70% text, 15% media, 15% location, contact and link messages with "
        "thumbnails. A ratio is the median over rounds of a decoder's time over the other's "
        "in the same round, the interquartile range in brackets; the headings say how many "
        "rounds, and *median ms* is the median over the same rounds. Every contender runs "
        "under the same collector conditions, and its time includes the "
        "collection its call leaves pending (a decoder that pauses the collector postpones "
        "one to the caller's next allocation): *one call* is a call and that collection, "
        "from a freshly collected heap; *collector off* is the decoding work alone, the "
        "collector disabled around every contender; *back to back* is calls in a row, each "
        "result kept until the next is made, with every collection they cause; *kept "
        "alive* is back to back with each result held for the next calls, so that about "
        "100,000 messages stay alive, as a watcher's results do for a while, for every "
        "collection of the older generations to walk (from 100,000 messages a call, one "
        "result is held: back to back) (`bench/decode.py` says how).",
        "",
        _table("decode", sizes, repetitions, quick=args.quick),
        "",
        "Where the time of a greenapi_async call goes, with the collector off while it "
        "decodes (as it is for a large body) and the collection it leaves pending run "
        "after it; the parse alone is timed on the same bytes, and `json.loads`' one call "
        "in the same rounds. Four floors, each over `json.loads` and with the collection "
        "it leaves: *parse + collection* is that of any decoder that parses with msgspec "
        "and returns objects the collector tracks, were building them free; *the same "
        "objects built again* is the parse and the SDK's own objects made anew with the "
        "same values, a plain slot store a field and nothing checked, copied from the "
        "decoded messages, which it keeps alive; *the same "
        "classes read from the keys* is the parse and each entry built from its own "
        "keys, each read once by a subscript, by code made for its kind and set of keys "
        "before the clock starts, nothing checked (`bench/objects_floor.py`); *one type "
        "test a key* is that with each value's class tested against the class that "
        "entry's value has, known beforehand (no choice among types, no range, no lookup), "
        "and each nested object's against dict, the least a decoder that refuses a wrong "
        "type can check. Each floor is checked to build what the SDK decodes before it is "
        "timed. *whole decode* is the SDK's decode and its collection: what it adds to the "
        "last floor is finding each entry's shape and the rest of its checks. On the "
        "journal above, and on the "
        "live shape and the three mixes below.",
        "",
        _table("breakdown", sizes[1:], repetitions, quick=args.quick),
        "",
        "The same journal in the shape the live service sends it: text sent through the API "
        "journalled as `extendedTextMessage` (its text repeated at the top level, a preview "
        "object of empty strings), forwarding flags inside the nested objects, and the edit "
        "and delete keys on every entry. One call, back to back and kept alive, as above. "
        "It runs after the 100,000-message tables: by then `json.loads` gets its large `str` from "
        "glibc's heap rather than a fresh mapping, which makes it faster at 10,000 entries "
        "(the notes below say how much).",
        "",
        _table("live", sizes, repetitions, quick=args.quick),
        "",
        "Three more mixes, each generated with a seed of its own (`bench/journal.py`): a "
        "chattier one, a media-heavy one, and the incoming journal. One call, back to back "
        "and kept alive, as above.",
        "",
        _table("mixes", sizes, repetitions, quick=args.quick),
        "",
        "A chat history (`getChatHistory`) in the live shape: both directions, outgoing "
        "statuses empty, incoming sender fields, one entry in ten an edit, a reaction or a "
        "deletion; 100 entries is the service's default. One call, as above.",
        "",
        _table("history", sizes, repetitions, quick=args.quick),
        "",
        "## End to end over loopback",
        "",
        "Against a bare asyncio HTTP server (`bench/fleet_server.py`, on uvloop when "
        "installed) in its own process, serving journals of the benchmark's mix that never "
        "change; pacing off. Sequential calls run in 40 rounds of 25 per client, the "
        "order of the clients reversed every other round; calls at concurrency 50 in 10 "
        "rounds of 200 per client, the same way, a call's time there the round's over its "
        "calls. *median* is the median round; the ratio is the median over rounds of the "
        "client's time over raw httpx's in the same round, the interquartile range in "
        "brackets. Each client keeps its own pool: greenapi_async (lent a client) and raw "
        "httpx the SDK's limits (100 connections), kept a minute rather than httpx's 5 s "
        "(a client waiting for its turn would otherwise reopen its connections, which "
        "cost httpcore seconds a round at 50 in flight), httpx-aiohttp's transport aiohttp's "
        "default (100), the official SDK a new aiohttp session per call. The official SDK "
        "and httpx-aiohttp's transport both run on aiohttp. The second table is the "
        "server's own CPU over each workload (every client's requests): it is not what "
        "the clients wait for.",
        "",
        _table("end_to_end", sizes, repetitions, quick=args.quick),
        "",
        "## A small call, and the floor of a safe one",
        "",
        "A 20-message journal from a bare asyncio server in its own process "
        "(`bench/fleet_server.py`, cheaper and steadier than uvicorn), every client on "
        "httpx's own transport with the SDK's pool limits (100 connections, kept a minute "
        "as above), taking turns round by round. The third row is raw httpx given its "
        "URL parsed once, as the SDK keeps it (httpx parses a string on every call); the "
        "rows below it build on it, each a floor: its responses closed as the SDK's are, "
        "on asyncio so that a `Task.cancel()` meanwhile waits for the close's end (a "
        "close cut halfway keeps its connection taken for the life of httpcore 1.0.9's "
        "pool), the floor of a call that survives cancellation; that within a "
        "deadline for the whole exchange, as the SDK bounds each attempt so that a body "
        "that trickles in cannot hold a call for ever; and that with the body decoded "
        "into typed messages instead of `json.loads`. Medians over rounds of each "
        "client's time over raw httpx's in the same round, interquartile range in "
        "brackets (`bench/per_call.py`).",
        "",
        _table("per_call", sizes, repetitions, quick=args.quick),
        "",
        "## Sending over loopback",
        "",
        "A send's whole call (checks, pacing off, the exactly-once bookkeeping, the answer "
        "read) against a raw httpx POST of the same body whose answer `orjson.loads` "
        "parses, against the fake Green API served by uvicorn in its own process (the bare "
        "server answers journals only); 40 rounds of 25 sends each, taking turns, the "
        "median round, and the ratio as above: its median over rounds and IQR. Then "
        "one instance with pacing on and 250 sends started at once: the rate it keeps "
        "to, against the documented 50 a second (three runs, median and range).",
        "",
        _table("send", sizes, repetitions, quick=args.quick),
        "",
        "## Memory retained per message",
        "",
        "What a decoded journal holds while it is alive: tracemalloc's count of what "
        "Python allocated, and the growth of the resident set (RSS) in a fresh "
        "interpreter per decoder, allocator overhead included; the decoders take turns "
        "round by round, each cell the median over the rounds with its interquartile "
        "range, a ratio taken within its round. Each greenapi_async "
        "message keeps the entry as it came (`raw`) beside its typed fields, so the "
        "floor row is the parser's plain dicts plus the SDK's objects' own shells (every "
        "attrs object and tuple, without the strings and numbers they share with the "
        "dicts), measured on the same result.",
        "",
        _table("memory", sizes, repetitions, quick=args.quick),
        "",
        "## Import time",
        "",
        "Three floors beside greenapi_async: the libraries it is made of, imported and "
        "nothing built; the same and the message classes attrs builds (`_models.py`, loaded "
        "without the rest of the package); and the same and a first decode of the same "
        "20-message journal by cattrs' own generated hooks (`bench/cattrs_floor.py`: "
        "camelCase renames and a dispatch on `typeMessage`, no checks, no fast path), what "
        "any decoder made of these libraries pays.",
        "",
        _table("import", sizes, repetitions, quick=args.quick),
        "",
    ]
    if not args.no_fleet:
        sections += [
            FLEET_INTRO,
            "",
            _table("fleet", sizes, repetitions, quick=args.quick),
            "",
            FLEET_TARGET_INTRO,
            "",
            _table("fleet_target", sizes, repetitions, quick=args.quick),
            "",
        ]
    sections.append(_written_by_hand(args.output))
    args.output.write_text("\n".join(sections), encoding="utf-8")
    print(args.output.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
