"""Closing an answer to its end, whatever cancels the task that reads it meanwhile.

httpcore gives a connection back to its pool at the end of a response's close, which it
shields with an anyio cancel scope. asyncio's own cancellation (``Task.cancel()``, and so
``asyncio.timeout``, ``wait_for`` and ``TaskGroup``) is not held back by an anyio shield:
it lands in the close's first await, both streams count as closed, and the connection
stays taken for the life of the pool (httpcore 1.0.9). On asyncio the close is therefore
awaited through ``_HeldCancellation``, which keeps ``Task.cancel()`` away from it and
cancels the caller once it has ended (on Python 3.10, which cannot tell a close's own
timeout from its caller's cancel, in a task of its own behind a shield). On trio,
cancellation comes only through cancel scopes, which httpcore's shield holds back.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import AsyncIterator, Callable, Coroutine, Generator
from typing import TYPE_CHECKING, Any, Final

import anyio
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
    if _COUNTS_CANCELS:
        await _HeldCancellation(close())
    else:
        await _in_a_task_of_its_own(close)


# Whether a task counts the cancels it was asked for and not yet took back (Python 3.11
# and later), by which a close's own timeout is told from its caller's cancel.
_COUNTS_CANCELS: Final = sys.version_info >= (3, 11)


async def _in_a_task_of_its_own(close: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """The close in a task of its own behind a shield: how Python 3.10 keeps it whole."""
    # Imported here: a program on asyncio has it already, and importing it with the
    # package would cost every other program (trio's, one that never calls) some 15 ms.
    import asyncio

    closing = asyncio.ensure_future(close())
    try:
        await asyncio.shield(closing)
    except asyncio.CancelledError:
        # Cancel scopes wait outside the shield; each further Task.cancel() only
        # interrupts the wait, never the close.
        with anyio.CancelScope(shield=True):
            while not closing.done():
                with contextlib.suppress(asyncio.CancelledError):
                    await asyncio.wait([closing])
        if not closing.cancelled():
            closing.exception()  # the caller sees its cancellation, not a failed close
        raise


# A close that offers the event loop a turn (a bare ``yield``: ``asyncio.sleep(0)``,
# anyio's checkpoints, httpcore's lock) runs on at once this many times. Past them each
# turn is taken, so that a close waiting by polling lets the loop run what it waits for.
_TURNS_RUN_ON: Final = 8
# How long a cancel waits for the close, at most, before the close gets it as asyncio
# would have handed it: httpcore's close ends within a few turns of the loop, while a
# close that waits on something that never comes, or on a timeout of its own made of a
# cancel (``asyncio.timeout``, an anyio scope), must not hold its caller for ever.
_CANCEL_HELD_AT_MOST: Final = 5.0


class _HeldCancellation:
    """Await ``coro`` in the caller's own task, with ``Task.cancel()`` held until it ends.

    asyncio cancels a task by cancelling the future it waits on. Each future the close
    waits on is waited on here through a future of ours, so that a cancel cancels ours,
    never the close's; the first cancel is raised once the close has ended. A task of its
    own behind ``asyncio.shield`` would do the same, for several turns of the event loop a
    close, where httpcore's close of an answer read to its end takes none: the one turn
    it offers, on its lock, is run on.

    A cancel held for ``_CANCEL_HELD_AT_MOST`` seconds goes to the close where it waits.
    A held cancel that its sender took back since (``Task.uncancel()``, as a timeout
    inside the close does on its way out) is not raised: the task's count of cancels it
    was asked for and not yet took back says so (``Task.cancelling()``).
    """

    def __init__(self, coro: Coroutine[Any, Any, None]) -> None:
        self._coro = coro
        self._cancelled: BaseException | None = None  # the first cancel held, if any
        self._latest: BaseException | None = None  # and the latest, which asyncio would hand on
        self._held_until = 0.0
        self._pending = False  # a cancel held and not yet handed to the close
        self._task: asyncio.Task[Any] | None = None
        self._cancels_when_held = 0

    def __await__(self) -> Generator[Any, None, None]:
        import asyncio  # loaded already: only a task of asyncio's awaits this

        loop = asyncio.get_running_loop()
        coro = self._coro
        thrown: BaseException | None = None
        turns_run_on = 0
        try:
            while True:
                try:
                    step = coro.send(None) if thrown is None else coro.throw(thrown)
                except StopIteration:
                    break
                except Exception:
                    if not self._still_cancelled():
                        raise
                    break  # the caller sees its cancellation, not a failed close
                thrown = None
                if getattr(step, "_asyncio_future_blocking", False):
                    # A future the close waits on: its result is the close's to read.
                    yield from self._waited_on_apart(step, loop)
                    continue
                if step is None and turns_run_on < _TURNS_RUN_ON:
                    turns_run_on += 1
                    continue
                if self._held_long_enough(loop):
                    thrown, self._pending = self._latest, False
                    continue
                try:
                    yield step  # a turn of the loop, or what only the task understands
                except asyncio.CancelledError as exc:
                    self._hold(exc, loop)
                except GeneratorExit:
                    raise
                except BaseException as exc:  # noqa: BLE001 - the task's answer to the close
                    thrown = exc
        except GeneratorExit:
            coro.close()
            raise
        cancelled = self._cancelled
        if cancelled is not None and self._still_cancelled():
            raise cancelled

    def _waited_on_apart(
        self, future: asyncio.Future[Any], loop: asyncio.AbstractEventLoop
    ) -> Generator[Any, None, None]:
        """Wait for ``future`` through futures of our own, holding the cancels that come."""
        import asyncio

        future._asyncio_future_blocking = False  # as a task does with the future it is handed
        while not future.done():
            if self._held_long_enough(loop):
                # The close gets it where it waits, as it would have.
                future.cancel(*(self._latest.args[:1] if self._latest else ()))
                self._pending = False
                return
            waiter = loop.create_future()
            wake = functools.partial(_wake, waiter)
            future.add_done_callback(wake)
            timer = None if not self._pending else loop.call_at(self._held_until, wake, None)
            try:
                yield from waiter
            except asyncio.CancelledError as exc:
                self._hold(exc, loop)
            finally:
                future.remove_done_callback(wake)
                if timer is not None:
                    timer.cancel()

    def _hold(self, cancel: BaseException, loop: asyncio.AbstractEventLoop) -> None:
        import asyncio

        self._latest = cancel
        if self._cancelled is None:
            self._cancelled = cancel
            self._task = asyncio.current_task()
            self._cancels_when_held = _cancels_asked(self._task)
        if not self._pending:
            self._pending = True
            self._held_until = loop.time() + _CANCEL_HELD_AT_MOST

    def _held_long_enough(self, loop: asyncio.AbstractEventLoop) -> bool:
        """Whether a cancel not yet handed to the close has waited its longest."""
        return self._pending and loop.time() >= self._held_until

    def _still_cancelled(self) -> bool:
        """Whether a cancel is held that its sender has not taken back since."""
        if self._cancelled is None:
            return False
        return _cancels_asked(self._task) >= self._cancels_when_held


def _cancels_asked(task: asyncio.Task[Any] | None) -> int:
    """The cancels ``task`` was asked for and not yet took back (Python 3.11 and later)."""
    return 0 if task is None else int(task.cancelling())  # type: ignore[attr-defined,unused-ignore]


def _wake(waiter: asyncio.Future[None], _: object) -> None:
    if not waiter.done():
        waiter.set_result(None)
