"""Event loops: which one a call runs on, and an HTTP client that follows it to the next.

A ``GreenAPI`` client may serve one ``asyncio.run()`` after another, or ``trio.run()``
between them. The connections an ``httpx.AsyncClient`` keeps alive belong to the event
loop that opened them: reused from another, one fails ("Event loop is closed", "must be
called from async context"). The client the SDK creates is therefore bound to one loop at
a time. It is closed while that loop still runs, as the loop ends: ``asyncio.run()``,
``asyncio.Runner``, ``trio.run()`` and the runners built on them (anyio's, pytest's)
close every async generator still suspended before they return, and a small one waits in
each loop for that moment. A call on another loop gets a new client; the old one, if no
such ending closed it, is dropped with whatever connections it still holds.

A lent client is its owner's, and is never replaced nor closed here.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncGenerator, Callable

import anyio
import httpx

__all__ = ["HTTPClient", "current_loop"]


def current_loop() -> object:
    """The event loop the caller runs on: asyncio's loop object, or the trio run's token.

    Cheap enough for every call, and compared by identity. None outside both. Neither
    library is imported here: a program runs on one only if it has imported it.
    """
    asyncio = sys.modules.get("asyncio")
    if asyncio is not None:
        # The C function behind get_running_loop(), which returns None rather than
        # raise: trio's programs get here too when something has imported asyncio.
        loop: object = asyncio._get_running_loop()
        if loop is not None:
            return loop
    trio = sys.modules.get("trio")
    if trio is not None:
        try:
            token: object = trio.lowlevel.current_trio_token()
        except RuntimeError:  # not in a trio run
            return None
        return token
    return None


class HTTPClient:
    """The ``httpx.AsyncClient`` calls go through: one lent, or the SDK's own per loop.

    ``http`` is the client to send through on ``loop``; a caller on another loop awaits
    ``follow()`` first. ``moved`` says that a lent client has served more than one loop,
    which explains its failures there.
    """

    def __init__(
        self, lent: httpx.AsyncClient | None, new: Callable[[], httpx.AsyncClient]
    ) -> None:
        self.lent = lent is not None
        self.http = lent if lent is not None else new()
        self.loop: object = None
        self.moved = False
        self._new = new
        # Suspended in the loop that ``http`` serves, to close it when that loop ends.
        self._closer: AsyncGenerator[None, None] | None = None

    async def follow(self) -> None:
        """Make ``http`` one that can serve the caller's event loop."""
        loop = current_loop()
        # Set before anything is awaited: a call that starts meanwhile on this loop uses
        # the client this one is about to, rather than open another.
        previous, self.loop = self.loop, loop
        if self.lent:
            self.moved = self.moved or previous is not None
            return
        ended, self._closer = self._closer, None
        if ended is not None:
            # The client has served another loop, and its pool may hold connections of
            # that loop still: a new one, rather than a connection that fails.
            self.http = self._new()
            # Ended here, not by the garbage collector, which would ask the old loop
            # to do it; the old client is closed only on its own loop.
            await ended.aclose()
        self._closer = self._close_at_end_of(loop, self.http)
        await anext(self._closer)  # registered with the loop, which ends it at its end

    async def _close_at_end_of(
        self, loop: object, http: httpx.AsyncClient
    ) -> AsyncGenerator[None, None]:
        try:
            yield
        finally:
            # On its own loop: the loop's end, or aclose(). Elsewhere, the client's
            # connections cannot be closed; it is dropped instead.
            if current_loop() is loop:
                # trio ends async generators in a cancelled scope; httpx's close awaits.
                with anyio.CancelScope(shield=True):
                    await http.aclose()
                if self.loop is loop:
                    self.loop = None  # the next call, wherever it runs, opens a new client

    async def aclose(self) -> None:
        """Close the client if it is ours; a lent one stays open for its owner."""
        if self.lent:
            return
        closer, self._closer = self._closer, None
        if closer is None:
            await self.http.aclose()  # never used: it holds no connection
        else:
            await closer.aclose()
