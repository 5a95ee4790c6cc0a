"""A cheap loopback Green API journal server for the fleet benchmark, in its own processes.

The fleet benchmark must measure the client, so the server has to cost next to nothing at
a thousand requests a second: the fake Green API under uvicorn cannot. This one is a bare
asyncio protocol answering ``GET /waInstance{id}/lastOutgoingMessages/{token}`` (any query)
with the instance's journal, in ``--processes`` processes sharing the port (SO_REUSEPORT).

The journals need no shared state between the processes: what each shows is a function of
the clock. Instance ``i``'s journal has 19 settled messages and one that moves: at step
``k`` (every ``--period`` seconds from ``--start``, shifted by the instance's phase) a
message ``k // 4`` has status ``pending``, ``sent``, ``delivered``, ``read`` in turn, so
each step is one status change, made at a time the benchmark knows (``change_time``) on
``time.monotonic()``, which on Linux is one clock for every process. Event latency is then
the time a consumer receives an event minus the time its step began.

Run as a script, it prints its port on the first line of stdout and serves until its stdin
closes; each process writes the requests it served and its CPU seconds into the shared
counters the parent reads (``Counters``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import math
import multiprocessing
import os
import random
import socket
import sys
import time
from collections.abc import Iterator, Mapping
from multiprocessing.sharedctypes import SynchronizedArray
from typing import Any, cast

import orjson
from journal import journal_body, message

TOKEN = "fleetToken0123456789"  # noqa: S105 - the benchmark's, not a secret
FIRST_ID = 1_101_100_000
STATUSES = ("pending", "sent", "delivered", "read")
SETTLED = 19
NOW = 1_764_000_000


def instance_id(index: int) -> str:
    """The id of the fleet's ``index``-th instance."""
    return str(FIRST_ID + index)


def phase(index: int, period: float) -> float:
    """Instance ``index``'s offset into the period: changes are spread, not in lockstep."""
    return (index * 0.618_033_988_75 % 1.0) * period


def step_at(index: int, now: float, start: float, period: float) -> int:
    """The step instance ``index``'s journal shows at monotonic time ``now`` (-1: none yet)."""
    return math.floor((now - start - phase(index, period)) / period)


def change_time(index: int, step: int, start: float, period: float) -> float:
    """The monotonic time at which instance ``index``'s journal moved to ``step``."""
    return start + phase(index, period) + step * period


def moving_message_id(index: int, step: int) -> str:
    """The id of the message whose status changes at ``step``."""
    return f"FLEET{index:06d}M{step // len(STATUSES):08d}"


def event_step(message_id: str, status: str) -> int:
    """The step a (message id, status) event reports, the inverse of the two above."""
    return int(message_id.rsplit("M", 1)[1]) * len(STATUSES) + STATUSES.index(status)


def _settled(index: int) -> list[dict[str, Any]]:
    rng = random.Random(index)  # noqa: S311 - reproducible data, not secrets
    return [message(rng, n + 1, NOW) for n in range(SETTLED)]


class _Journals:
    """Each instance's journal body, rendered once per step and cached.

    Instances in ``still`` (index: entries) have a journal of the benchmark's mix that
    never changes, for the end-to-end tables.
    """

    def __init__(
        self, count: int, start: float, period: float, still: Mapping[int, int] | None = None
    ) -> None:
        self._start, self._period = start, period
        self._settled = [_settled(index) for index in range(count)]
        self._cached: dict[int, tuple[int, bytes]] = {}
        self._still = {index: journal_body(size, now=NOW) for index, size in (still or {}).items()}

    def body(self, index: int) -> bytes:
        if (still := self._still.get(index)) is not None:
            return still
        step = max(0, step_at(index, time.monotonic(), self._start, self._period))
        cached = self._cached.get(index)
        if cached is not None and cached[0] == step:
            return cached[1]
        moving = {
            "idMessage": moving_message_id(index, step),
            "timestamp": NOW + step,
            "statusMessage": STATUSES[step % len(STATUSES)],
            "chatId": f"7900{index:07d}@c.us",
            "type": "outgoing",
            "sendByApi": True,
            "typeMessage": "textMessage",
            "textMessage": f"Your order #{step // len(STATUSES)} has shipped",
        }
        body = orjson.dumps([moving, *self._settled[index]])
        self._cached[index] = (step, body)
        return body


_NOT_FOUND = b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n"


class _Http(asyncio.Protocol):
    """HTTP/1.1 keep-alive, GET only, no bodies in requests: all the benchmark sends."""

    def __init__(self, journals: _Journals, served: list[int]) -> None:
        self._journals, self._served = journals, served
        self._buffer = b""
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # A stream transport, though uvloop's does not derive from asyncio.Transport.
        self._transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while (end := self._buffer.find(b"\r\n\r\n")) >= 0:
            head, self._buffer = self._buffer[:end], self._buffer[end + 4 :]
            self._answer(head.split(b" ", 2)[1])

    def _answer(self, target: bytes) -> None:
        assert self._transport is not None
        self._served[0] += 1
        parts = target.split(b"?", 1)[0].split(b"/")
        # ["", "waInstance1101100000", "lastOutgoingMessages", token]
        if len(parts) != 4 or not parts[1].startswith(b"waInstance"):
            self._transport.write(_NOT_FOUND)
            return
        index = int(parts[1][len(b"waInstance") :]) - FIRST_ID
        body = self._journals.body(index)
        self._transport.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s"
            % (len(body), body)
        )


class Counters:
    """Requests served and CPU seconds used, per server process, in shared memory."""

    def __init__(self, context: Any, processes: int) -> None:
        self.requests: SynchronizedArray[Any] = context.Array("q", processes)
        self.cpu: SynchronizedArray[Any] = context.Array("d", processes)

    def totals(self) -> tuple[int, float]:
        """Requests served and CPU seconds used so far by every server process."""
        return sum(self.requests[:]), sum(self.cpu[:])


async def _serve(sock: socket.socket, journals: _Journals, counters: Counters, slot: int) -> None:
    served = [0]
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _Http(journals, served), sock=sock)
    async with server:
        while True:  # publish the counters; the parent terminates us
            # Often: a row's polls are the requests counted over its window, read when
            # it starts and ends, each late by up to this much.
            await asyncio.sleep(0.02)
            counters.requests[slot] = served[0]
            counters.cpu[slot] = time.process_time()


def _listening(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(4096)
    return sock


def _process(
    port: int,
    count: int,
    start: float,
    period: float,
    counters: Counters,
    slot: int,
    cpus: set[int] | None,
    still: Mapping[int, int] | None,
) -> None:
    if cpus is not None:
        os.sched_setaffinity(0, cpus)
    journals = _Journals(count, start, period, still)
    serving = _serve(_listening(port), journals, counters, slot)
    if importlib.util.find_spec("uvloop"):  # cheaper still per request, when installed
        import uvloop

        uvloop.run(serving)
    else:
        asyncio.run(serving)


@contextlib.contextmanager
def fleet_server(
    count: int,
    start: float,
    period: float,
    processes: int = 2,
    cpus: set[int] | None = None,
    still: Mapping[int, int] | None = None,
) -> Iterator[tuple[str, Counters]]:
    """Serve ``count`` instances' journals in ``processes`` processes; yield URL and counters.

    ``cpus``: the CPUs the processes run on (all, if None); ``still``: instances (index:
    entries) whose journal never changes, served instead of a moving one.
    """
    probe = _listening(0)  # hold the port while the servers bind it too
    port = probe.getsockname()[1]
    context = multiprocessing.get_context("spawn")
    counters = Counters(context, processes)
    workers = [
        context.Process(
            target=_process,
            args=(port, count, start, period, counters, slot, cpus, still),
            daemon=True,
        )
        for slot in range(processes)
    ]
    for worker in workers:
        worker.start()
    probe.close()  # before anyone connects: connections go to the serving processes only
    try:
        _wait_until_up(port)
        yield f"http://127.0.0.1:{port}", counters
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.join(timeout=10)


def _wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 30
    target = f"/waInstance{instance_id(0)}/lastOutgoingMessages/{TOKEN}".encode()
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"GET %s HTTP/1.1\r\nhost: x\r\n\r\n" % target)
                if sock.recv(64).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError("the fleet server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, default=1_000)
    parser.add_argument("--period", type=float, default=5.0)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    start = time.monotonic()
    with fleet_server(args.instances, start, args.period, args.processes) as (url, _):
        print(url, start, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
