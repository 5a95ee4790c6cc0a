"""Real HTTP servers on 127.0.0.1, in threads, that play replies the test queues.

Being separate threads with blocking sockets, they serve asyncio and trio clients alike,
and they can misbehave in ways a mock transport cannot: stall, trickle, or hang up.
``LoopbackServer`` speaks HTTP/1.1; ``H2LoopbackServer`` speaks HTTP/2 in clear text with
prior knowledge (what ``httpx.AsyncClient(http1=False, http2=True)`` sends to ``http://``).
"""

from __future__ import annotations

import collections
import contextlib
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import TypeVar

import anyio
import attrs
import h2.config
import h2.connection
import h2.events


@attrs.frozen
class Reply:
    status: int = 200
    body: bytes = b"[]"
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "application/json"),)
    delay_before_headers: float = 0.0
    # Send the body in this many pieces, pausing between them.
    chunks: int = 1
    pause_between_chunks: float = 0.0


@attrs.frozen
class ReceivedRequest:
    method: str
    path: str
    headers: dict[str, str]
    at: float
    # The client's port: requests with the same one came on the same connection.
    client_port: int = 0


class LoopbackServer:
    def __init__(self) -> None:
        self.replies: collections.deque[Reply] = collections.deque()
        self.default = Reply()
        self.received: list[ReceivedRequest] = []
        self._open: set[object] = set()  # the handlers of connections the client holds
        self.peak_open = 0
        """The most connections the client has held open at once."""
        self._lock = threading.Lock()
        # Notified as each request arrives.
        self._arrival = threading.Condition()
        self.all_closed = threading.Event()
        """Set while the client holds no connection to this server."""
        self.all_closed.set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                with server._lock:
                    server._open.add(self)
                    server.peak_open = max(server.peak_open, len(server._open))
                    server.all_closed.clear()

            def finish(self) -> None:
                # Reached when the client closes the connection (or breaks it).
                with server._lock:
                    server._open.discard(self)
                    if not server._open:
                        server.all_closed.set()
                super().finish()

            def do_GET(self) -> None:
                server.received.append(
                    ReceivedRequest(
                        "GET",
                        self.path,
                        dict(self.headers.items()),
                        time.monotonic(),
                        self.client_address[1],
                    )
                )
                with server._arrival:
                    server._arrival.notify_all()
                reply = server.replies.popleft() if server.replies else server.default
                try:
                    self._play(reply)
                except (BrokenPipeError, ConnectionResetError):
                    # The client gave up (a cancelled or timed-out test request).
                    self.close_connection = True

            def handle(self) -> None:
                try:
                    super().handle()
                except (BrokenPipeError, ConnectionResetError):
                    # The client hung up between requests of a kept-alive connection.
                    self.close_connection = True

            def _play(self, reply: Reply) -> None:
                time.sleep(reply.delay_before_headers)
                self.send_response(reply.status)
                for name, value in reply.headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                size = max(1, -(-len(reply.body) // reply.chunks))
                for start in range(0, len(reply.body), size):
                    self.wfile.write(reply.body[start : start + size])
                    self.wfile.flush()
                    if start + size < len(reply.body):
                        time.sleep(reply.pause_between_chunks)

            def log_message(self, format: str, *args: object) -> None:
                # The stdlib handler writes the request line (with the token) to stderr.
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def queue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    @property
    def open_connections(self) -> int:
        """Connections accepted that the client has not closed yet (kept alive, say)."""
        return len(self._open)

    async def wait_until_received(self, count: int, *, within: float = 10.0) -> None:
        """Return once ``count`` requests have arrived: a fixed delay races a busy machine."""

        def arrived() -> bool:
            with self._arrival:
                return self._arrival.wait_for(lambda: len(self.received) >= count, within)

        if not await anyio.to_thread.run_sync(arrived, abandon_on_cancel=True):
            raise TimeoutError(f"{len(self.received)} of {count} requests in {within} s")

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


_Server = TypeVar("_Server", bound="_AcceptLoop")


class _AcceptLoop:
    """A TCP listener on 127.0.0.1 that hands each connection to ``_handle``, in a thread."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._socket.getsockname()[:2]
        return f"http://{host}:{port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            self._handle(connection)

    def _handle(self, connection: socket.socket) -> None:
        raise NotImplementedError

    def __enter__(self: _Server) -> _Server:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._socket.close()


class RawServer(_AcceptLoop):
    """A raw TCP server on 127.0.0.1 that answers every connection with the same bytes.

    It writes the status line and headers itself, so it can send what an HTTP server
    library would refuse to, such as a status of 600. With ``reset``, the connection is
    then aborted with a TCP reset (SO_LINGER 0) rather than closed.
    """

    def __init__(self, response: bytes, *, reset: bool = False) -> None:
        super().__init__()
        self.response = response
        self.reset = reset
        self.connections = 0

    def _handle(self, connection: socket.socket) -> None:
        self.connections += 1
        with connection:
            connection.settimeout(2)
            with contextlib.suppress(OSError):
                connection.recv(65536)  # the request
                connection.sendall(self.response)
            if self.reset:
                # Abort instead of closing: the peer sees a reset, not an orderly end.
                linger = struct.pack("ii", 1, 0)
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)


def raw_response(status: int | str, body: bytes = b"[]") -> bytes:
    """A complete HTTP/1.1 response with any status line, for ``RawServer``."""
    head = (
        f"HTTP/1.1 {status} Whatever\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


class ResettingServer(RawServer):
    """A ``RawServer`` that resets every connection at a chosen point.

    ``after_bytes`` of a valid response (status line, headers promising more body than
    will come, part of the body) are sent, then the connection is aborted with a TCP
    reset. ``after_bytes=0`` resets before any response.
    """

    RESPONSE = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
        + b'[{"idMessage": "BAE5'
        + b" " * 4000
    )

    def __init__(self, after_bytes: int) -> None:
        super().__init__(self.RESPONSE[:after_bytes], reset=True)
        self.after_bytes = after_bytes


class H2LoopbackServer(_AcceptLoop):
    """An HTTP/2 server (h2c, prior knowledge) on 127.0.0.1 that plays queued replies.

    Only what the tests need: GET requests, replies small enough for the peer's initial
    flow-control window (64 KiB), ``delay_before_headers`` and ``chunks`` ignored.
    """

    def __init__(self) -> None:
        self.replies: collections.deque[Reply] = collections.deque()
        self.default = Reply()
        self.received: list[ReceivedRequest] = []
        super().__init__()

    def queue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def _handle(self, connection: socket.socket) -> None:
        threading.Thread(target=self._converse, args=(connection,), daemon=True).start()

    def _converse(self, connection: socket.socket) -> None:
        h2_connection = h2.connection.H2Connection(
            h2.config.H2Configuration(client_side=False, header_encoding="utf-8")
        )
        h2_connection.initiate_connection()
        with connection, contextlib.suppress(OSError):
            connection.settimeout(0.1)
            connection.sendall(h2_connection.data_to_send())
            while not self._stop.is_set():
                try:
                    data = connection.recv(65536)
                except TimeoutError:
                    continue
                if not data:
                    return
                for event in h2_connection.receive_data(data):
                    if isinstance(event, h2.events.RequestReceived):
                        self._answer(h2_connection, event)
                    elif isinstance(event, h2.events.ConnectionTerminated):
                        return
                connection.sendall(h2_connection.data_to_send())

    def _answer(
        self, h2_connection: h2.connection.H2Connection, event: h2.events.RequestReceived
    ) -> None:
        headers = {str(name): str(value) for name, value in event.headers or ()}
        self.received.append(
            ReceivedRequest(headers[":method"], headers[":path"], headers, time.monotonic())
        )
        reply = self.replies.popleft() if self.replies else self.default
        stream_id = event.stream_id
        assert stream_id is not None
        response_headers = [
            (":status", str(reply.status)),
            *((name.lower(), value) for name, value in reply.headers),
            ("content-length", str(len(reply.body))),
        ]
        h2_connection.send_headers(stream_id, response_headers, end_stream=not reply.body)
        size = h2_connection.max_outbound_frame_size
        for start in range(0, len(reply.body), size):
            end_stream = start + size >= len(reply.body)
            h2_connection.send_data(stream_id, reply.body[start : start + size], end_stream)
