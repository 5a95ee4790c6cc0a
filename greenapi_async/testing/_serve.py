"""Serving the fake over real HTTP on loopback, with uvicorn (the ``sandbox`` extra)."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

from .._errors import MissingExtraError

__all__ = ["serve"]

_STARTUP_TIMEOUT = 10.0
_SHUTDOWN_GRACE_SECONDS = 1
# How long an idle connection stays open: nginx's default, well past the 5 s for which
# httpx keeps one. uvicorn's own default is those same 5 s, and then a request sent on a
# connection just as the server closes it fails ("Server disconnected without sending a
# response"): a race every client of the fake would lose now and then.
_KEEP_ALIVE_SECONDS = 75
# Read once, as this module loads. Tests (ours, and users' with freezegun or time-machine)
# replace time.monotonic for the whole process while a server runs, and asyncio times
# every sleep of its loop by it: a server whose loop read a clock moved an hour ahead
# would sleep until real time caught up, serving on but not seeing its block end.
_steady_monotonic = time.monotonic


class _SteadyClockLoop(asyncio.SelectorEventLoop):
    """The server's event loop, timed by the monotonic clock whatever a test patches."""

    def time(self) -> float:
        return _steady_monotonic()


def _run(server: Any) -> None:
    """Run a uvicorn server to its end on a loop of its own, in the calling thread."""
    loop = _SteadyClockLoop()
    try:
        loop.run_until_complete(server.serve())
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()


@contextlib.contextmanager
def serve(app: Any, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve an ASGI app (the fake, or your own) over HTTP in a thread; use ``with``.

    The server runs its own event loop, so the caller may use asyncio, trio, or no event
    loop at all; it stops when the block exits, giving a request still being answered
    (a stalled fault's, say) a second to finish. Needs the ``sandbox`` extra (uvicorn).

    Args:
        app: the ASGI application, e.g. a ``FakeGreenAPI``.
        host: the address to listen on.
        port: the port; 0 picks a free one.

    Yields:
        The base URL, e.g. ``http://127.0.0.1:54321``.

    Raises:
        ImportError: uvicorn is not installed (the message names the extra).

    """
    try:
        import uvicorn
    except ImportError:
        raise MissingExtraError(
            "serving the fake over HTTP needs uvicorn: pip install 'greenapi-async[sandbox]'"
        ) from None
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        # Runs the app's startup and shutdown, if it has them (the fake ignores them).
        lifespan="auto",
        # The access log would print request paths, and a path holds the token.
        access_log=False,
        log_level="warning",
        timeout_keep_alive=_KEEP_ALIVE_SECONDS,
        # When the block ends, a request still being answered (a fault's stall, say) has
        # this long to finish; then it is cut off, and the server stops.
        timeout_graceful_shutdown=_SHUTDOWN_GRACE_SECONDS,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=_run, args=(server,), name="greenapi-fake-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + _STARTUP_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the fake server could not start on {host}:{port}")
        time.sleep(0.01)
    bound_host, bound_port = server.servers[0].sockets[0].getsockname()[:2]
    shown_host = f"[{bound_host}]" if ":" in bound_host else bound_host
    try:
        yield f"http://{shown_host}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join(timeout=_STARTUP_TIMEOUT)
