"""The fleet benchmark: one process watching N instances, each polled once a second.

Each row runs in a fresh process (``python bench/fleet.py row ...``) against the journal
server of ``bench/fleet_server.py`` (two other processes, a status change per instance
every few seconds at times both sides know). A row is one client:

- ``greenapi_async``: N ``GreenAPI`` clients, each iterated by
  ``journals.watch_outgoing(1.0)`` in its own task of one task group;
- ``raw httpx + orjson.loads``: the floor, N tasks doing the same requests (each its
  URL parsed once, the query included), ``orjson.loads`` on each body and a set of (id,
  status) pairs to find the change; no models, no pacing, no window arithmetic, no state.

and one way of giving them HTTP clients (``MODES``):

- ``own``: a client per instance, as a default install does. ``GreenAPI`` is given no
  ``http_client`` on httpx's transport (on httpx-aiohttp's, which the SDK does not make
  itself, each is lent a client of its own); the raw loop gets an ``httpx.AsyncClient``
  per instance with the SDK's pool limits, all sharing one TLS context as the SDK's do;
- ``shards``: a client per ``SHARD`` instances, lent (connections: shard / 5, at least 10);
- ``shared``: one client lent to all (connections: N / 5, at least 10).

Both sleep the interval after each poll, as the watcher does, and each is run on httpx's
default transport and on httpx-aiohttp's. The instances start spread over one interval.
After a warm-up (connections made, the baseline poll done), a window of ``--seconds`` is
measured: polls (the requests the server answered over the window, so that no row needs
a hook on a client it may not own), process
CPU seconds of the client (``time.process_time``, not wall time), events and their latency
(receive time minus the time the server's journal changed, both ``time.monotonic()``). The
server's own requests and CPU seconds over the same window show what it costs at that rate.
Memory per instance is measured in a separate short run of the same row under tracemalloc
(which would distort the CPU figures): what the fleet retains after its polls, collected,
over the heap before it started, divided by N.

``table --pin`` runs the server's processes on the first CPU and each row on the second,
so that the client has a core to itself (as far as the rest of the machine allows).
``target`` runs only the rows the fleet target reads (a client per instance, each
transport, both clients) for several rounds, and gives each figure's median over the
rounds with its interquartile range.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import orjson
from fleet_server import (
    TOKEN,
    change_time,
    event_step,
    fleet_server,
    instance_id,
)
from spread import with_spread

import greenapi_async as ga
from greenapi_async._client import DEFAULT_POOL_LIMITS, _tls_context

INTERVAL = 1.0
PERIOD = 5.0  # seconds between two status changes of one instance
WARM_UP = 3.0
OURS, RAW = "greenapi_async", "raw httpx + orjson.loads"
TRANSPORTS = ("httpx default", "httpx-aiohttp")
SHARD = 50  # instances per client in the ``shards`` mode
MODES = {"own": "one per instance", "shards": f"one per {SHARD}", "shared": "one for all"}
PINNED_SERVER, PINNED_CLIENT = {0}, 1  # CPUs of ``table --pin``
# Even: the order of the clients and of the transports, reversed every other round,
# then runs each way as often.
TARGET_ROUNDS = 4


class _Row:
    """What one row's process records while its fleet runs."""

    def __init__(self, start: float) -> None:
        self.start = start
        self.measuring = False
        self.latencies: list[float] = []

    def received(self, index: int, message_id: str, status: str) -> None:
        if self.measuring:
            moved_at = change_time(index, event_step(message_id, status), self.start, PERIOD)
            self.latencies.append(time.monotonic() - moved_at)


def _pool_limits(mode: str, instances: int) -> httpx.Limits:
    if mode == "own":
        return DEFAULT_POOL_LIMITS  # the SDK's own, for the raw loop's clients too
    # Connections are sized to the requests in flight at once (polls per second times
    # response time, with room), not to the instances: one each would be a thousand idle
    # sockets.
    size = max(10, (SHARD if mode == "shards" else instances) // 5)
    return httpx.Limits(max_connections=size, max_keepalive_connections=size)


# The SDK's default timeout, which its requests carry on any client: the raw loop's get the
# same. httpx's own 5 s would fail the raw loop first where a pool makes requests wait
# (aiohttp counts waiting for a connection as connecting), and end its row.
_TIMEOUT = 30.0


def _http_client(transport: str, limits: httpx.Limits) -> httpx.AsyncClient:
    # Every client shares the SDK's one TLS context: building one per client (about
    # 70 ms each) would make a thousand clients take over a minute to start.
    if transport == "httpx-aiohttp":
        from httpx_aiohttp import AiohttpTransport

        return httpx.AsyncClient(
            transport=AiohttpTransport(limits=limits, verify=_tls_context()), timeout=_TIMEOUT
        )
    return httpx.AsyncClient(limits=limits, verify=_tls_context(), timeout=_TIMEOUT)


@contextlib.asynccontextmanager
async def _clients(
    client: str, transport: str, mode: str, instances: int
) -> AsyncIterator[list[httpx.AsyncClient | None]]:
    """Each instance's HTTP client to lend, None where ``GreenAPI`` makes its own."""
    if mode == "own" and client == OURS and transport == "httpx default":
        yield [None] * instances  # the default install: no http_client
        return
    group = {"own": 1, "shards": SHARD, "shared": instances}[mode]
    limits = _pool_limits(mode, instances)
    async with contextlib.AsyncExitStack() as stack:
        made = [
            await stack.enter_async_context(_http_client(transport, limits))
            for _ in range(0, instances, group)
        ]
        yield [made[index // group] for index in range(instances)]


async def _ours(http: httpx.AsyncClient | None, url: str, index: int, row: _Row) -> None:
    async with (
        ga.GreenAPI(instance_id(index), TOKEN, api_url=url, http_client=http) as api,
        api.journals.watch_outgoing(INTERVAL) as changes,
    ):
        async for change in changes:
            message = change.message
            row.received(index, message.id_message or "", str(message.status_message))


async def _raw(http: httpx.AsyncClient | None, url: str, index: int, row: _Row) -> None:
    assert http is not None
    # Parsed once, its query included, as greenapi_async keeps it: httpx would otherwise
    # parse the string, and the whole URL again for ``params``, on every poll.
    target = httpx.URL(f"{url}/waInstance{instance_id(index)}/lastOutgoingMessages/{TOKEN}")
    target = target.copy_merge_params({"minutes": 1})
    seen: set[tuple[str, str]] = set()
    first = True
    while True:
        response = await http.get(target)
        response.raise_for_status()
        for entry in orjson.loads(response.content):
            key = (entry["idMessage"], entry["statusMessage"])
            if key not in seen:
                seen.add(key)
                if not first:
                    row.received(index, *key)
        first = False
        await anyio.sleep(INTERVAL)


WATCHERS: dict[str, Callable[[httpx.AsyncClient | None, str, int, _Row], Awaitable[None]]] = {
    OURS: _ours,
    RAW: _raw,
}


async def _run_row(args: argparse.Namespace) -> dict[str, Any]:
    row = _Row(args.start)
    if args.memory:
        gc.collect()
        tracemalloc.start()
    watch = WATCHERS[args.client]
    before = tracemalloc.get_traced_memory()[0] if args.memory else 0
    async with (
        _clients(args.client, args.transport, args.mode, args.instances) as https,
        anyio.create_task_group() as tasks,
    ):

        async def one(index: int) -> None:
            await anyio.sleep(index * INTERVAL / args.instances)
            await watch(https[index], args.url, index, row)

        for index in range(args.instances):
            tasks.start_soon(one, index)
        await anyio.sleep(INTERVAL + WARM_UP)
        if args.memory:
            gc.collect()
            retained = tracemalloc.get_traced_memory()[0] - before
            tasks.cancel_scope.cancel()
            return {"bytes_per_instance": retained / args.instances}
        print("window", flush=True)  # the parent reads the server's counters now
        cpu, wall = time.process_time(), time.monotonic()
        row.measuring = True
        await anyio.sleep(args.seconds)
        row.measuring = False
        cpu, wall = time.process_time() - cpu, time.monotonic() - wall
        print("done", flush=True)
        tasks.cancel_scope.cancel()
    return {"cpu": cpu, "wall": wall, "latencies": row.latencies}


def _row_process(
    client: str,
    transport: str,
    mode: str,
    instances: int,
    seconds: float,
    url: str,
    start: float,
    *,
    memory: bool,
    pin: bool,
) -> list[str]:
    return [
        *(["taskset", "-c", str(PINNED_CLIENT)] if pin else []),
        sys.executable,
        str(Path(__file__)),
        "row",
        client,
        transport,
        str(instances),
        str(seconds),
        url,
        repr(start),
        f"--mode={mode}",
        *(["--memory"] if memory else []),
    ]


def _measure(command: list[str], counters: Any) -> tuple[dict[str, Any], tuple[int, float]]:
    """Run one row; return its record and the server's requests and CPU over its window."""
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        server = (0, 0.0)
        for line in process.stdout:
            if line.strip() == "window":
                before = counters.totals()
            elif line.strip() == "done":
                after = counters.totals()
                server = (after[0] - before[0], after[1] - before[1])
            else:
                record: dict[str, Any] = json.loads(line)
        if process.wait() != 0:
            raise RuntimeError(f"fleet row failed: {command[-8:]}")
    return record, server


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _installed_transports() -> list[str]:
    """The transports of ``TRANSPORTS`` this environment has: httpx-aiohttp's is an extra."""
    return [
        t for t in TRANSPORTS if t != "httpx-aiohttp" or importlib.util.find_spec("httpx_aiohttp")
    ]


@contextlib.contextmanager
def _served(instances: int, *, pin: bool) -> Iterator[tuple[float, str, Any]]:
    """The journal server of ``instances``: its schedule's start, its URL and its counters.

    The schedule starts a period back: from the first poll on, every instance's journal
    has already made a change, so none of the window's changes is the initial state
    (which the baseline poll takes in, and reports nothing for).
    """
    start = time.monotonic() - PERIOD
    cpus = PINNED_SERVER if pin else None
    with fleet_server(instances, start, PERIOD, cpus=cpus) as (url, counters):
        yield start, url, counters


def fleet_rows(
    sizes: list[int],
    seconds: list[float],
    modes: list[str] | None = None,
    *,
    pin: bool = False,
    memory: bool = True,
) -> list[dict[str, Any]]:
    """Measure every (size, transport, mode, client) row; sizes run with their own seconds.

    The modes of one transport run one after the other, so that what else the machine
    does weighs on them alike. Memory is measured for the largest size only, where it is
    least noisy per instance.
    """
    records = []
    for instances, window in zip(sizes, seconds, strict=True):
        with _served(instances, pin=pin) as (start, url, counters):
            for transport in _installed_transports():
                for mode in modes or list(MODES):
                    for client in (OURS, RAW):
                        row = (client, transport, mode, instances)
                        timed, server = _measure(
                            _row_process(*row, window, url, start, memory=False, pin=pin),
                            counters,
                        )
                        retained: dict[str, Any] = {}
                        if memory and instances == max(sizes):
                            retained, _ = _measure(
                                _row_process(*row, 0, url, start, memory=True, pin=pin),
                                counters,
                            )
                        records.append(_record(row, timed, server, retained))
    return records


def _record(
    row: tuple[str, str, str, int],
    timed: dict[str, Any],
    server: tuple[int, float],
    retained: dict[str, Any],
) -> dict[str, Any]:
    client, transport, mode, instances = row
    return {
        "instances": instances,
        "transport": transport,
        "mode": mode,
        "client": client,
        **timed,
        **retained,
        "polls": server[0],
        "server_cpu": server[1],
    }


def target_rounds(
    instances: int, seconds: float, rounds: int, *, pin: bool = False
) -> list[dict[str, Any]]:
    """The rows the fleet target reads, again and again: a client per instance, both clients.

    Each round runs greenapi_async and the raw loop on each transport, the order of the
    clients and of the transports reversed every other round, so that what else the
    machine does falls on each alike; ``target_table`` compares them round by round.
    """
    transports = _installed_transports()
    records = []
    with _served(instances, pin=pin) as (start, url, counters):
        for round_ in range(rounds):
            order = 1 if round_ % 2 == 0 else -1
            for transport in transports[::order]:
                for client in (OURS, RAW)[::order]:
                    row = (client, transport, "own", instances)
                    timed, server = _measure(
                        _row_process(*row, seconds, url, start, memory=False, pin=pin), counters
                    )
                    records.append({**_record(row, timed, server, {}), "round": round_})
    return records


def _per_poll(record: dict[str, Any]) -> float | None:
    """CPU seconds per poll; None for a row whose process made no poll in its window."""
    return record["cpu"] / record["polls"] if record["polls"] else None


def _cells(record: dict[str, Any], floor: float | None) -> list[str]:
    r = record
    per_poll = _per_poll(r)
    latencies = r["latencies"]
    latency = "none"
    if latencies:
        median, p99 = statistics.median(latencies), _percentile(latencies, 0.99)
        latency = f"{median:.2f} s / {p99:.2f} s"
    server = "n/a"
    if r["polls"]:
        per_request = r["server_cpu"] / r["polls"]
        server = f"{r['server_cpu'] / r['wall']:.2f} ({per_request * 1e6:.0f} µs)"
    memory = f"{r['bytes_per_instance'] / 1024:.1f} KB" if "bytes_per_instance" in r else "-"
    return [
        f"{r['instances']:,}",
        r["transport"],
        MODES[r["mode"]],
        f"**{r['client']}**" if r["client"] == OURS else r["client"],
        f"{r['polls'] / r['wall']:,.0f} ({r['instances']:,})",
        f"{r['cpu'] / r['wall']:.2f}",
        "-" if per_poll is None else f"{per_poll * 1e6:.0f} µs",
        "-" if per_poll is None or not floor else f"{per_poll / floor:.2f}",
        memory,
        latency,
        f"{len(latencies):,}",
        server,
    ]


def fleet_table(records: list[dict[str, Any]]) -> str:
    """The Markdown table of the rows, CPU per poll also as a ratio to the raw floor.

    The floor of a row is the raw loop's on the same transport with the same HTTP clients.
    """
    floors = {
        (r["instances"], r["transport"], r["mode"]): _per_poll(r)
        for r in records
        if r["client"] == RAW
    }
    lines = [
        "| instances | transport | HTTP clients | client | polls/s (target) | client CPU, cores "
        "| CPU per poll | x raw floor | memory per instance | event latency median / p99 "
        "| events | server CPU, cores (per request) |",
        "|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in records:
        cells = _cells(r, floors[(r["instances"], r["transport"], r["mode"])])
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def target_table(records: list[dict[str, Any]]) -> str:
    """The Markdown table of ``target_rounds``: each figure's median over rounds, with its IQR."""
    rounds = 1 + max(r["round"] for r in records)
    floors = {(r["round"], r["transport"]): _per_poll(r) for r in records if r["client"] == RAW}
    figures: dict[tuple[str, str], dict[str, list[float]]] = {}
    for r in records:
        per_poll = _per_poll(r) or float("nan")
        floor = floors[(r["round"], r["transport"])] or float("nan")
        latencies = r["latencies"] or [float("nan")]
        row = figures.setdefault((r["transport"], r["client"]), {})
        for name, value in (
            ("polls", r["polls"] / r["wall"]),
            ("cores", r["cpu"] / r["wall"]),
            ("per_poll", per_poll * 1e6),
            ("floor", per_poll / floor),
            ("p99", _percentile(latencies, 0.99)),
            ("events", len(r["latencies"])),
        ):
            row.setdefault(name, []).append(value)
    instances = records[0]["instances"]
    lines = [
        f"| transport | client ({rounds} rounds) | polls/s (of {instances:,}) | client CPU, cores "
        "| CPU per poll, µs | x raw floor | event latency p99, s | events |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for (transport, client), row in figures.items():
        name = f"**{client}**" if client == OURS else client
        cells = [
            with_spread(row["polls"], 0),
            with_spread(row["cores"], 2),
            with_spread(row["per_poll"], 0),
            with_spread(row["floor"], 2),
            with_spread(row["p99"], 2),
            with_spread(row["events"], 0),
        ]
        lines.append(f"| {transport} | {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    row = commands.add_parser("row", help="one row, in this process (the table runs these)")
    row.add_argument("client", choices=list(WATCHERS))
    row.add_argument("transport", choices=TRANSPORTS)
    row.add_argument("instances", type=int)
    row.add_argument("seconds", type=float)
    row.add_argument("url")
    row.add_argument("start", type=float)
    row.add_argument("--mode", choices=list(MODES), default="own")
    row.add_argument("--memory", action="store_true")
    table = commands.add_parser("table", help="every row, printed as a table")
    table.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000])
    table.add_argument("--seconds", type=float, nargs="+", default=[5.0, 15.0])
    table.add_argument("--modes", nargs="+", choices=list(MODES), default=list(MODES))
    table.add_argument("--pin", action="store_true", help="server on CPU 0, client on CPU 1")
    table.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    table.add_argument("--json", help="also write the records to this file")
    target = commands.add_parser("target", help="the target's rows, round after round")
    target.add_argument("--instances", type=int, default=1_000)
    target.add_argument("--seconds", type=float, default=15.0)
    target.add_argument("--rounds", type=int, default=TARGET_ROUNDS)
    target.add_argument("--pin", action="store_true", help="server on CPU 0, client on CPU 1")
    args = parser.parse_args()
    if args.command == "row":
        print(json.dumps(anyio.run(_run_row, args)), flush=True)
    elif args.command == "target":
        records = target_rounds(args.instances, args.seconds, args.rounds, pin=args.pin)
        print(target_table(records))
    else:
        records = fleet_rows(
            args.sizes, args.seconds, args.modes, pin=args.pin, memory=not args.no_memory
        )
        if args.json:
            Path(args.json).write_text(json.dumps(records), encoding="utf-8")
        print(fleet_table(records))


if __name__ == "__main__":
    main()
