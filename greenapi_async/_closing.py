"""Closing an answer to its end, whatever cancels the task that reads it meanwhile.

httpcore gives a connection back to its pool at the end of a response's close, which it
shields with an anyio cancel scope. asyncio's own cancellation (``Task.cancel()``, and so
``asyncio.timeout``, ``wait_for`` and ``TaskGroup``) is not held back by an anyio shield:
it lands in the close's first await, both streams count as closed, and the connection
stays taken for the life of the pool (httpcore 1.0.9). On asyncio the close therefore
runs in a task of its own, which the caller's cancellation does not reach, and the
caller is cancelled once it has ended. On trio, cancellation comes only through cancel
scopes, which httpcore's shield holds back.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

import anyio
import httpx
import sniffio

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


async def _to_its_end(close: Callable[[], Awaitable[None]]) -> None:
    if sniffio.current_async_library() != "asyncio":
        await close()
        return
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
