"""Fault injection over real HTTP on 127.0.0.1: every failure ends typed and bounded.

Each case ends, within a bounded time, either in the right result (after retries where a
retry is right) or in the right GreenAPIError, never another exception, never a hang.
"""

from __future__ import annotations

import email.utils
import time
import tracemalloc
import zlib

import anyio
import msgspec
import pytest

import greenapi_async as ga
from greenapi_async.testing import FakeGreenAPI, Fault, text_message

from .conftest import ServeFake
from .loopback import LoopbackServer, RawServer, Reply, ResettingServer, raw_response

pytestmark = pytest.mark.anyio

TOKEN = "faultToken0123456789"
ID = "1101000001"


@pytest.fixture
def fake() -> FakeGreenAPI:
    fake = FakeGreenAPI(rate_limit=False)
    fake.add_instance(ID, TOKEN).add(text_message("hello"))
    return fake


@pytest.fixture
def base_url(fake: FakeGreenAPI, serve_fake: ServeFake) -> str:
    return serve_fake(fake)


def client(base_url: str, **options: object) -> ga.GreenAPI:
    options.setdefault("rate_limit", False)
    return ga.GreenAPI(ID, TOKEN, api_url=base_url, **options)  # type: ignore[arg-type]


async def fetch(base_url: str, **options: object) -> list[ga.OutgoingMessage]:
    async with client(base_url, **options) as api:
        with anyio.fail_after(30):  # never a hang
            return await api.journals.last_outgoing_messages()


@pytest.mark.parametrize(
    "faults",
    [
        [Fault.rate_limited(), Fault.rate_limited()],
        [Fault(499, b"")],
        [Fault(500)],
        [Fault.bad_gateway(), Fault.bad_gateway()],
        [Fault(503, b"Service Unavailable", (("content-type", "text/plain"),))],
    ],
    ids=["429-burst", "499", "500", "502-html", "503"],
)
async def test_transient_statuses_are_retried_to_success(
    fake: FakeGreenAPI, base_url: str, faults: list[Fault]
) -> None:
    for fault in faults:
        fake.queue_fault(fault)
    (message,) = await fetch(base_url, max_retries=2, retry_backoff=0)
    assert isinstance(message, ga.TextMessage)
    assert [r.status for r in fake.requests] == [*(f.status for f in faults), 200]


async def test_retry_after_in_seconds_is_waited_out(fake: FakeGreenAPI, base_url: str) -> None:
    fake.queue_fault(Fault.rate_limited(retry_after=0.4))
    await fetch(base_url)
    first, second = fake.requests
    assert second.at - first.at >= 0.35


async def test_retry_after_as_an_http_date_is_waited_out(fake: FakeGreenAPI, base_url: str) -> None:
    when = email.utils.formatdate(time.time() + 2, usegmt=True)
    fake.queue_fault(Fault(429, b"", (("retry-after", when),)))
    await fetch(base_url)
    first, second = fake.requests
    assert 0.9 <= second.at - first.at <= 3.0


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.rate_limited(), ga.RateLimitError),
        (Fault(500), ga.ServerError),
        (Fault.bad_gateway(), ga.ServerError),
        (Fault(499, b""), ga.APIStatusError),
    ],
)
async def test_exhausted_retries_raise_the_last_error_with_its_attempts(
    fake: FakeGreenAPI, base_url: str, fault: Fault, error: type[ga.APIStatusError]
) -> None:
    fake.queue_fault(fault, times=10)
    with pytest.raises(error) as caught:
        await fetch(base_url, max_retries=2, retry_backoff=0)
    assert type(caught.value) is error
    assert caught.value.attempts == 3
    assert len(fake.requests) == 3


@pytest.mark.parametrize("max_retries", [0, 1, 4])
async def test_retries_never_exceed_the_configured_count(
    fake: FakeGreenAPI, base_url: str, max_retries: int
) -> None:
    fake.queue_fault(Fault(502), times=10)
    with pytest.raises(ga.ServerError):
        await fetch(base_url, max_retries=max_retries, retry_backoff=0)
    assert len(fake.requests) == max_retries + 1


async def test_total_time_honours_timeout_times_attempts_plus_capped_backoff(
    fake: FakeGreenAPI, base_url: str
) -> None:
    fake.queue_fault(Fault.slow(5.0), times=3)
    started = time.monotonic()
    with pytest.raises(ga.APITimeoutError):
        await fetch(base_url, timeout=0.3, max_retries=2)
    # 3 attempts x 0.3 s, plus backoff of at most 0.5 s and 1.0 s, plus scheduling slack.
    assert time.monotonic() - started <= 3 * 0.3 + 0.5 + 1.0 + 1.0


@pytest.mark.parametrize(
    "after_bytes", [0, 60, 200], ids=["before-response", "in-headers", "mid-body"]
)
async def test_a_reset_connection_is_retried_then_a_connection_error(after_bytes: int) -> None:
    with ResettingServer(after_bytes) as server:
        with pytest.raises(ga.APIConnectionError) as caught:
            await fetch(server.url, max_retries=2, retry_backoff=0)
        assert server.connections == 3
    assert TOKEN not in str(caught.value)


async def test_a_refused_connection_is_a_connection_error_after_retries() -> None:
    with ResettingServer(0) as server:
        url = server.url
    with pytest.raises(ga.APIConnectionError):
        await fetch(url, max_retries=1)


# The statuses an HTTP/1.1 stack lets through though HTTP defines none beyond 599: h11
# itself refuses 000 and 099 as a broken exchange (see test_aiohttp_transport for those).
@pytest.mark.parametrize("status", [600, 999])
async def test_a_status_outside_http_is_a_malformed_answer_and_not_retried(status: int) -> None:
    with RawServer(raw_response(status)) as server:
        with pytest.raises(ga.ResponseValidationError, match=f"status {status}") as caught:
            await fetch(server.url, max_retries=2)
        assert server.connections == 1
    assert type(caught.value) is ga.ResponseValidationError


@pytest.mark.parametrize(
    ("body", "content_type", "error"),
    [
        (b'[{"idMessage": "BAE5', "application/json", ga.ResponseValidationError),
        (b'["\xff\xfe"]', "application/json", ga.ResponseValidationError),
        (b"<html><body>Maintenance</body></html>", "text/html", ga.ResponseValidationError),
        (b"null", "application/json", ga.ResponseValidationError),
        (b'{"messages": []}', "application/json", ga.ResponseValidationError),
        (b'{"code":401,"description":"Unauthorized"}', "application/json", ga.AuthenticationError),
    ],
    # An empty body is an empty journal: see test_journals.
    ids=["truncated", "invalid-utf8", "html", "null", "object", "401-body"],
)
async def test_a_200_that_is_not_a_journal_is_a_typed_error_at_once(
    fake: FakeGreenAPI, base_url: str, body: bytes, content_type: str, error: type[Exception]
) -> None:
    fake.queue_fault(Fault(200, body, (("content-type", content_type),)))
    with pytest.raises(error):
        await fetch(base_url, max_retries=3)
    assert len(fake.requests) == 1


async def test_a_journal_with_the_wrong_content_type_still_decodes(
    fake: FakeGreenAPI, base_url: str
) -> None:
    journal = msgspec.json.encode(fake.instance.messages)
    fake.queue_fault(Fault(200, journal, (("content-type", "text/plain; charset=latin-1"),)))
    assert len(await fetch(base_url)) == 1


MIB = 1024 * 1024


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """An empty JSON array padded with 64 MiB of spaces: about 64 KB once gzipped."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    spaces = b" " * MIB
    parts = [packer.compress(b"[")]
    parts += [packer.compress(spaces) for _ in range(64)]
    parts.append(packer.compress(b"]") + packer.flush())
    return b"".join(parts)


@pytest.mark.parametrize(
    ("status", "options", "cap"),
    [
        (200, {"max_response_bytes": 4 * MIB}, 4 * MIB),
        (500, {}, MIB),  # an error answer's body is capped lower, whatever the setting
    ],
    ids=["200", "500"],
)
async def test_a_gzip_bomb_is_refused_once_past_the_cap_and_memory_stays_bounded(
    loopback: LoopbackServer,
    gzip_bomb: bytes,
    status: int,
    options: dict[str, object],
    cap: int,
) -> None:
    headers = (("Content-Type", "application/json"), ("Content-Encoding", "gzip"))
    loopback.queue(Reply(status, gzip_bomb, headers), Reply(200, b"[]"))
    async with client(loopback.url, max_retries=2, **options) as api:
        tracemalloc.start()
        try:
            with anyio.fail_after(30), pytest.raises(ga.ResponseTooLargeError) as caught:
                await api.journals.last_outgoing_messages()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        # The connection the bomb came on is dropped, and the client goes on working.
        assert await api.journals.last_outgoing_messages() == []
    # Read whole, the body would take 64 MiB, and twice that while being joined. Capped,
    # it takes what was read up to the cap, plus one decoding step of about 1 MB (which
    # zlib briefly holds twice), however large the bomb.
    assert peak < cap + 4 * MIB, f"peak {peak:,} bytes"
    assert (caught.value.status_code, caught.value.max_bytes) == (status, cap)
    assert len(loopback.received) == 2  # the bomb was not asked for again


@pytest.fixture(scope="module")
def fake_of_100_000() -> FakeGreenAPI:
    # Seeded once for both event loops: seeding takes longer than the call it serves.
    fake = FakeGreenAPI(rate_limit=False)
    fake.add_instance(ID, TOKEN).seed(100_000, seed=5)
    return fake


async def test_a_journal_of_100_000_messages_decodes(
    fake_of_100_000: FakeGreenAPI, serve_fake: ServeFake
) -> None:
    journal = fake_of_100_000.instance
    started = time.monotonic()
    messages = await fetch(serve_fake(fake_of_100_000))
    assert len(messages) == len(journal.journal(1440))
    assert len(messages) > 60_000
    assert time.monotonic() - started < 60
