"""GreenAPI.download: streamed to a path or a file object, capped, timed, typed errors."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import anyio
import anyio.lowlevel
import httpx
import pytest
import respx

import greenapi_async as ga

from .conftest import ID_INSTANCE, TOKEN, MakeClient
from .loopback import LoopbackServer, RawServer, Reply, raw_response
from .secret_forms import (
    ENCODINGS,
    ESCAPINGS,
    MIXED_TOKEN,
    assert_secret_absent,
    error_document,
    json_escaped,
)

pytestmark = pytest.mark.anyio

FILE = bytes(range(256)) * 1000  # 256,000 bytes


def image(url: str | None) -> ga.ImageMessage:
    return ga.ImageMessage(
        id_message="IMG1", timestamp=0, status_message="read", chat_id="1@c.us", download_url=url
    )


async def test_a_file_is_streamed_to_a_path(
    loopback: LoopbackServer, make_client: MakeClient, tmp_path: Path
) -> None:
    loopback.queue(Reply(body=FILE, headers=(("Content-Type", "image/jpeg"),), chunks=10))
    target = tmp_path / "photo.jpg"
    async with make_client() as api:
        assert await api.download(image(f"{loopback.url}/media/photo.jpg"), target) == len(FILE)
    assert target.read_bytes() == FILE
    assert not (tmp_path / "photo.jpg.part").exists()
    assert loopback.received[0].headers["User-Agent"].startswith("greenapi-async/")


async def test_a_file_is_streamed_to_a_file_object(
    loopback: LoopbackServer, make_client: MakeClient
) -> None:
    loopback.queue(Reply(body=FILE))
    sink = io.BytesIO()
    async with make_client() as api:
        await api.download(image(f"{loopback.url}/f"), sink)
    assert sink.getvalue() == FILE


async def test_a_file_larger_than_announced_limit_is_refused_before_reading(
    loopback: LoopbackServer, make_client: MakeClient, tmp_path: Path
) -> None:
    loopback.queue(Reply(body=FILE))
    async with make_client() as api:
        with pytest.raises(ga.DownloadTooLargeError) as caught:
            await api.download(image(f"{loopback.url}/f"), tmp_path / "f", max_bytes=1000)
    assert caught.value.max_bytes == 1000
    assert list(tmp_path.iterdir()) == []  # nothing half-written is left behind


async def test_a_stream_without_length_is_cut_at_the_limit(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    async def pieces() -> AsyncIterator[bytes]:  # no Content-Length: sent chunked
        for _ in range(10):
            yield b"x" * 10_000

    respx_mock.get("https://media.example/f").mock(
        return_value=httpx.Response(200, content=pieces())
    )
    sink = io.BytesIO()
    async with make_client() as api:
        with pytest.raises(ga.DownloadTooLargeError):
            await api.download(image("https://media.example/f"), sink, max_bytes=25_000)
    assert len(sink.getvalue()) <= 25_000


async def test_an_error_status_is_a_typed_error(
    loopback: LoopbackServer, make_client: MakeClient, tmp_path: Path
) -> None:
    loopback.queue(Reply(status=404, body=b"File not found"))
    async with make_client() as api:
        with pytest.raises(ga.APIStatusError, match=r"404 from GET .*File not found") as caught:
            await api.download(image(f"{loopback.url}/gone"), tmp_path / "f")
    assert caught.value.status_code == 404
    assert list(tmp_path.iterdir()) == []


async def test_a_slow_download_times_out_as_a_whole(
    loopback: LoopbackServer, make_client: MakeClient, tmp_path: Path
) -> None:
    loopback.queue(Reply(body=FILE, chunks=10, pause_between_chunks=0.3))
    async with make_client() as api:
        with pytest.raises(ga.APITimeoutError):
            await api.download(image(f"{loopback.url}/slow"), tmp_path / "f", timeout=0.5)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        (image(None), "has no download_url"),
        (image("http://media.example/f"), "must use https"),
        (image("file:///etc/passwd"), "must use https"),
        (image("https:///no-host"), "must be an absolute URL"),
        (image("https://user:password@media.example/f"), "must not carry credentials"),
        (
            ga.TextMessage(id_message="T", timestamp=0, status_message="read", chat_id="1@c.us"),
            "not a TextMessage",
        ),
    ],
)
async def test_messages_without_a_usable_url_are_refused_clearly(
    make_client: MakeClient, tmp_path: Path, message: object, problem: str
) -> None:
    async with make_client() as api:
        with pytest.raises(ga.InvalidArgumentError, match=problem):
            await api.download(message, tmp_path / "f")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "max_bytes",
    [0, -1, True, 1.5, "1000", None, pytest.param(-(10**5000), id="-10**5000")],
)
async def test_max_bytes_that_is_not_a_positive_int_is_an_argument_error(
    make_client: MakeClient, max_bytes: object
) -> None:
    async with make_client() as api:
        with pytest.raises(ga.InvalidArgumentError, match="max_bytes must be an int > 0"):
            await api.download(image("https://media.example/f"), io.BytesIO(), max_bytes=max_bytes)  # type: ignore[arg-type]


async def test_a_closed_client_refuses_downloads(make_client: MakeClient, tmp_path: Path) -> None:
    api = make_client()
    await api.aclose()
    with pytest.raises(RuntimeError, match="closed"):
        await api.download(image("https://media.example/f"), tmp_path / "f")


async def test_concurrent_downloads_to_one_path_do_not_mix(
    loopback: LoopbackServer, make_client: MakeClient, tmp_path: Path
) -> None:
    loopback.queue(
        Reply(body=b"A" * 50_000, chunks=5, pause_between_chunks=0.05),
        Reply(body=b"B" * 50_000, chunks=5, pause_between_chunks=0.05),
    )
    target = tmp_path / "same.jpg"
    async with make_client() as api, anyio.create_task_group() as tasks:
        for name in ("a", "b"):
            tasks.start_soon(api.download, image(f"{loopback.url}/{name}"), target)
    content = target.read_bytes()
    assert content in (b"A" * 50_000, b"B" * 50_000)
    assert [p.name for p in tmp_path.iterdir()] == ["same.jpg"]


async def test_a_users_own_part_file_is_left_alone(
    loopback: LoopbackServer, make_client: MakeClient, tmp_path: Path
) -> None:
    (tmp_path / "photo.jpg.part").write_bytes(b"mine")
    loopback.queue(Reply(body=FILE))
    async with make_client() as api:
        await api.download(image(f"{loopback.url}/p"), tmp_path / "photo.jpg")
    assert (tmp_path / "photo.jpg.part").read_bytes() == b"mine"


@pytest.mark.parametrize("where", ["directory", "missing-parent", "text-file"])
async def test_unusable_destinations_are_argument_errors(
    make_client: MakeClient, tmp_path: Path, where: str
) -> None:
    destination: object = {
        "directory": tmp_path,
        "missing-parent": tmp_path / "nope" / "f.jpg",
        "text-file": io.StringIO(),
    }[where]
    async with make_client() as api:
        with pytest.raises(ga.InvalidArgumentError):
            await api.download(image("https://media.example/f"), destination)  # type: ignore[arg-type]


async def test_a_huge_error_page_is_not_read_whole_and_secrets_are_redacted(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    sent = 0

    async def page() -> AsyncIterator[bytes]:
        # Each chunk after an await, as from a network: reading stops at the next one.
        nonlocal sent
        yield f"echo /waInstance1101000001/getSettings/{TOKEN} ".encode()
        for _ in range(1_000):
            await anyio.lowlevel.checkpoint()
            sent += 65_536
            yield b"x" * 65_536

    respx_mock.get("https://media.example/e").mock(return_value=httpx.Response(404, content=page()))
    async with make_client() as api:
        with pytest.raises(ga.APIStatusError) as caught:
            await api.download(image("https://media.example/e"), io.BytesIO(), max_bytes=1000)
    assert TOKEN not in str(caught.value)
    assert TOKEN not in caught.value.body
    assert sent < 1_000_000


@pytest.mark.parametrize(
    ("status", "headers", "error"),
    [
        (401, (), ga.AuthenticationError),
        (403, (), ga.PermissionDeniedError),
        (429, (("Retry-After", "7"),), ga.RateLimitError),
        (503, (), ga.ServerError),
        (410, (), ga.APIStatusError),
    ],
)
async def test_an_error_status_gets_the_class_an_api_call_would_get(
    loopback: LoopbackServer,
    make_client: MakeClient,
    status: int,
    headers: tuple[tuple[str, str], ...],
    error: type[ga.APIStatusError],
) -> None:
    loopback.queue(Reply(status=status, body=b"no", headers=headers))
    async with make_client() as api:
        with pytest.raises(ga.APIStatusError) as caught:
            await api.download(image(f"{loopback.url}/f"), io.BytesIO())
    assert type(caught.value) is error
    assert caught.value.method == "download"
    if isinstance(caught.value, ga.RateLimitError):
        assert caught.value.retry_after == 7.0


@pytest.mark.parametrize("status", [600, 999])
async def test_a_status_outside_http_is_a_malformed_answer_for_a_download(
    make_client: MakeClient, status: int
) -> None:
    with RawServer(raw_response(status, b"file")) as server:
        sink = io.BytesIO()
        async with make_client() as api:
            with pytest.raises(ga.ResponseValidationError, match=f"status {status}"):
                await api.download(image(f"{server.url}/f"), sink)
    assert sink.getvalue() == b""


async def test_a_retry_after_outside_the_http_grammar_is_ignored_by_a_download(
    loopback: LoopbackServer, make_client: MakeClient
) -> None:
    huge_year = "Mon, 01 Jan 99999999999999999999 00:00:00 GMT"
    loopback.queue(Reply(status=429, body=b"slow down", headers=(("Retry-After", huge_year),)))
    async with make_client() as api:
        with pytest.raises(ga.RateLimitError) as caught:
            await api.download(image(f"{loopback.url}/f"), io.BytesIO())
    assert caught.value.retry_after is None


async def test_an_exception_of_a_foreign_transport_is_a_connection_error() -> None:
    class Leaky(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            raise LookupError(f"cannot fetch {request.url}")

    async with (
        httpx.AsyncClient(transport=Leaky()) as http,
        ga.GreenAPI("1101000001", TOKEN, http_client=http) as api,
    ):
        with pytest.raises(ga.APIConnectionError, match="LookupError: cannot fetch") as caught:
            await api.download(image("https://media.example/f"), io.BytesIO())
    assert caught.value.__context__ is None
    assert caught.value.__cause__ is None


async def test_a_local_write_failure_is_not_a_network_error(
    loopback: LoopbackServer, make_client: MakeClient
) -> None:
    class FullDisk(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(28, "No space left on device")

    loopback.queue(Reply(body=FILE))
    async with make_client() as api:
        with pytest.raises(OSError, match="No space left") as caught:
            await api.download(image(f"{loopback.url}/f"), FullDisk())
    assert not isinstance(caught.value, ga.GreenAPIError)


async def test_any_failure_of_a_custom_sink_is_raised_as_it_is(
    loopback: LoopbackServer, make_client: MakeClient
) -> None:
    import queue

    class Bounded(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data: object) -> int:
            raise queue.Full

    loopback.queue(Reply(body=FILE))
    async with make_client() as api:
        with pytest.raises(queue.Full):
            await api.download(image(f"{loopback.url}/f"), Bounded())  # type: ignore[arg-type]


async def media_host_failure(secret: str, body: bytes, content_type: str) -> ga.QuotaExceededError:
    answer = httpx.Response(466, content=body, headers={"Content-Type": content_type})
    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(lambda request: answer)) as http,
        ga.GreenAPI(ID_INSTANCE, secret, http_client=http) as api,
    ):
        with pytest.raises(ga.QuotaExceededError) as caught:
            await api.download(image("https://media.example/f"), io.BytesIO())
    return caught.value


@pytest.mark.parametrize("escaping", ESCAPINGS)
async def test_a_json_escaped_token_in_a_media_hosts_error_body_is_redacted(escaping: str) -> None:
    body = error_document(466, "nested", ESCAPINGS[escaping](MIXED_TOKEN)).encode()
    error = await media_host_failure(MIXED_TOKEN, body, "application/json")
    assert_secret_absent(error, MIXED_TOKEN)
    assert error.invoke_status == {"status": "QUOTE_EXCEEDED", "***": [{"k": "***"}]}


@pytest.mark.parametrize("encoding", ENCODINGS)
async def test_a_token_in_a_media_hosts_error_body_of_any_encoding_is_redacted(
    encoding: str,
) -> None:
    text = f"File not found: /waInstance1101000001/media/{TOKEN}"
    error = await media_host_failure(TOKEN, ENCODINGS[encoding](text), "text/plain")
    assert_secret_absent(error, TOKEN)
    assert error.body == "File not found: /waInstance1101000001/media/***"


# A CDN's pre-signed URL: the query is what grants access, so it is a secret of its own.
SIGNATURE = "f00dbabe1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2"
SIGNED_QUERY = (
    "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20260101%2Fus-east-1"
    f"%2Fs3%2Faws4_request&X-Amz-Expires=300&X-Amz-Signature={SIGNATURE}"
)


@pytest.mark.parametrize("fragment", ["", "#page=2"])
async def test_a_signed_url_with_a_query_is_downloaded(
    loopback: LoopbackServer, make_client: MakeClient, fragment: str
) -> None:
    loopback.queue(Reply(body=FILE))
    sink = io.BytesIO()
    async with make_client() as api:
        url = f"{loopback.url}/media/photo.jpg?{SIGNED_QUERY}{fragment}"
        assert await api.download(image(url), sink) == len(FILE)
    assert sink.getvalue() == FILE
    # The query is sent as it came; a fragment never leaves the client.
    assert [request.path for request in loopback.received] == [f"/media/photo.jpg?{SIGNED_QUERY}"]


def assert_query_hidden(error: BaseException, records: list[logging.LogRecord]) -> None:
    shown = [str(error), repr(error), repr(error.args), repr(vars(error))]
    assert all(SIGNATURE not in text for text in shown), shown
    assert all("X-Amz-Credential" not in text for text in shown), shown
    assert "/media/photo.jpg?***" in str(error)
    assert getattr(error, "url", "").endswith("/media/photo.jpg?***")
    assert all(SIGNATURE not in record.getMessage() for record in records)


async def test_the_query_of_a_signed_url_shows_in_no_error_or_log_record(
    loopback: LoopbackServer, make_client: MakeClient, every_record: list[logging.LogRecord]
) -> None:
    # The host echoes the request, query included, as S3's SignatureDoesNotMatch does.
    echo = f"<Error><Code>SignatureDoesNotMatch</Code><Query>{SIGNED_QUERY}</Query></Error>"
    loopback.queue(Reply(status=403, body=echo.encode(), headers=(("Content-Type", "text/xml"),)))
    async with make_client() as api:
        with pytest.raises(ga.PermissionDeniedError) as caught:
            await api.download(
                image(f"{loopback.url}/media/photo.jpg?{SIGNED_QUERY}"), io.BytesIO()
            )
    assert_query_hidden(caught.value, every_record)
    assert "<Query>***</Query>" in caught.value.body
    assert any(record.name == "httpx" for record in every_record)  # its request line was checked


@pytest.mark.parametrize(
    "failure",
    [
        lambda request: httpx.ConnectError(f"cannot reach {request.url}"),
        lambda request: httpx.ReadTimeout(f"timed out reading {request.url}"),
        lambda request: LookupError(f"no route to {request.url}"),  # a foreign transport's
    ],
    ids=["connection", "timeout", "foreign"],
)
async def test_the_query_of_a_signed_url_shows_in_no_transport_failure(
    every_record: list[logging.LogRecord], failure: Callable[[httpx.Request], Exception]
) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise failure(request)

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(fail)) as http,
        ga.GreenAPI(ID_INSTANCE, TOKEN, http_client=http) as api,
    ):
        url = f"https://media.example/media/photo.jpg?{SIGNED_QUERY}"
        with pytest.raises(ga.APIConnectionError) as caught:
            await api.download(image(url), io.BytesIO())
    assert_query_hidden(caught.value, every_record)


async def test_a_refused_download_url_shows_neither_credentials_nor_query(
    make_client: MakeClient,
) -> None:
    async with make_client() as api:
        url = f"https://user:hunter2@media.example/photo.jpg?{SIGNED_QUERY}"
        with pytest.raises(ga.InvalidArgumentError, match="must not carry credentials") as caught:
            await api.download(image(url), io.BytesIO())
    assert "hunter2" not in str(caught.value)
    assert SIGNATURE not in str(caught.value)
    assert "https://media.example/photo.jpg?***" in str(caught.value)


# The forms a token can take in a media host's error page: as text, as JSON escapes, and
# as UTF-16, where each character takes two bytes.
CUT_FORMS: dict[str, tuple[Callable[[str], str], str]] = {
    "literal": (lambda token: token, "utf-8"),
    "json-escaped": (lambda token: json_escaped(token, lambda i: True), "utf-8"),
    "utf-16": (lambda token: token, "utf-16-le"),
}
BODY_CHARS = 2_000  # what .body keeps of an error page, as the docs say


@pytest.mark.parametrize("form", CUT_FORMS)
async def test_no_piece_of_a_token_survives_cutting_a_media_hosts_error_page(form: str) -> None:
    """The token at every offset around .body's cut, and at every 37th up to 20,000 chars.

    A step shorter than the token (50 characters) straddles any other cut the download
    makes, wherever it is; the page comes in pieces of 97 bytes, so the token straddles
    the chunks it arrives in too.
    """
    shape, encoding = CUT_FORMS[form]
    secret = shape(TOKEN)
    offsets = [*range(BODY_CHARS - len(secret) - 2, BODY_CHARS + 3), *range(0, 20_000, 37)]

    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["at"])
        text = "." * offset + secret + "-" * 5_000
        content = text.encode(encoding)

        async def pieces() -> AsyncIterator[bytes]:
            for start in range(0, len(content), 97):
                yield content[start : start + 97]

        return httpx.Response(404, content=pieces(), headers={"Content-Type": "text/plain"})

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(page)) as http,
        ga.GreenAPI(ID_INSTANCE, TOKEN, http_client=http) as api,
    ):
        bodies = {}
        for offset in offsets:
            with pytest.raises(ga.APIStatusError) as caught:
                await api.download(image(f"https://media.example/e?at={offset}"), io.BytesIO())
            bodies[offset] = caught.value.body
    pieces_left = {at: body[-80:] for at, body in bodies.items() if set(body) - {".", "-", "*"}}
    assert pieces_left == {}
    # The page's first 2,000 characters, the token's place (if it is among them) as ***.
    assert {len(body) for body in bodies.values()} == {BODY_CHARS}
