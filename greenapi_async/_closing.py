"""Closing an answer to its end, whatever cancels the task that reads it meanwhile.

httpcore gives a connection back to its pool at the end of a response's close, which it
shields with an anyio cancel scope. asyncio's own cancellation (``Task.cancel()``, and so
``asyncio.timeout``, ``wait_for`` and ``TaskGroup``) is not held back by an anyio shield:
it lands in the close's first await, both streams count as closed, and the connection
stays taken for the life of the pool (httpcore 1.0.9). On asyncio the close is therefore
awaited through ``_HeldCancellation``, which keeps ``Task.cancel()`` away from it and
cancels the caller once it has ended. On trio, cancellation comes only through cancel
scopes, which httpcore's shield holds back.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable, Coroutine, Generator
from typing import TYPE_CHECKING, Any, Final

import httpx
import sniffio

if TYPE_CHECKING:
    import asyncio

__all__ = ["closed_in_full"]


def closed_in_full(response: httpx.Response) -> httpx.Response:
    """Make every close of ``response``, httpx's own included, run to its end."""
    if isinstance(response.stream, httpx.AsyncByteStream):
        response.stream = _ClosedInFull(response.stream)
    return response


class _ClosedInFull(httpx.AsyncByteStream):
    def __init__(self, stream: httpx.AsyncByteStream) -> None:
        self._stream = stream

    def __aiter__(self) -> AsyncIterator[bytes]:
        # The source's own iterator, not a generator around it: the cancellation that
        # stops a read (see read_until) unwinds no extra frame.
        return self._stream.__aiter__()

    async def aclose(self) -> None:
        await _to_its_end(self._stream.aclose)


async def _to_its_end(close: Callable[[], Coroutine[Any, Any, None]]) -> None:
    if sniffio.current_async_library() != "asyncio":
        await close()
        return
    await _HeldCancellation(close())


# A close that offers the event loop a turn (a bare ``yield``: ``asyncio.sleep(0)``,
# anyio's checkpoints, httpcore's lock) runs on at once this many times. Past them each
# turn is taken, so that a close waiting by polling lets the loop run what it waits for.
_TURNS_RUN_ON: Final = 8


class _HeldCancellation:
    """Await ``coro`` in the caller's own task, with ``Task.cancel()`` held until it ends.

    asyncio cancels a task by cancelling the future it waits on. Each future the close
    waits on is waited on here through a future of ours, so that a cancel cancels ours,
    never the close's; the first cancel is raised once the close has ended. A task of its
    own behind ``asyncio.shield`` would do the same, for several turns of the event loop a
    close, where httpcore's close of an answer read to its end takes none: the one turn
    it offers, on its lock, is run on.
    """

    def __init__(self, coro: Coroutine[Any, Any, None]) -> None:
        self._coro = coro

    def __await__(self) -> Generator[Any, None, None]:
        import asyncio  # loaded already: only a task of asyncio's awaits this

        coro = self._coro
        cancelled: BaseException | None = None
        thrown: BaseException | None = None
        turns_run_on = 0
        try:
            while True:
                try:
                    step = coro.send(None) if thrown is None else coro.throw(thrown)
                except StopIteration:
                    break
                except Exception:
                    if cancelled is None:
                        raise
                    break  # the caller sees its cancellation, not a failed close
                thrown = None
                if getattr(step, "_asyncio_future_blocking", False):
                    # A future the close waits on: its result is the close's to read.
                    cancelled = cancelled or (yield from _waited_on_apart(step))
                    continue
                if step is None and turns_run_on < _TURNS_RUN_ON:
                    turns_run_on += 1
                    continue
                try:
                    yield step  # a turn of the loop, or what only the task understands
                except asyncio.CancelledError as exc:
                    cancelled = cancelled or exc
                except GeneratorExit:
                    raise
                except BaseException as exc:  # noqa: BLE001 - the task's answer to the close
                    thrown = exc
        except GeneratorExit:
            coro.close()
            raise
        if cancelled is not None:
            raise cancelled


def _waited_on_apart(future: asyncio.Future[Any]) -> Generator[Any, None, BaseException | None]:
    """Wait for ``future`` through futures of our own; return the first cancel that came."""
    import asyncio

    future._asyncio_future_blocking = False  # as a task does with the future it is handed
    cancelled: BaseException | None = None
    while not future.done():
        waiter = future.get_loop().create_future()
        wake = functools.partial(_wake, waiter)
        future.add_done_callback(wake)
        try:
            yield from waiter
        except asyncio.CancelledError as exc:
            cancelled = cancelled or exc
        finally:
            future.remove_done_callback(wake)
    return cancelled


def _wake(waiter: asyncio.Future[None], _: object) -> None:
    if not waiter.done():
        waiter.set_result(None)
