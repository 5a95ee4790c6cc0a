"""The token never shows: not in exceptions, their chains, tracebacks, reprs or warnings.

The async tests run on asyncio and trio.

Log records are checked for every test by the autouse ``token_never_logged`` fixture.
"""

from __future__ import annotations

import ast
import functools
import gc
import io
import itertools
import logging
import math
import re
import ssl
import string
import subprocess
import sys
import textwrap
import threading
import traceback
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import anyio
import httpx
import pytest
import respx
from hpack.huffman import HuffmanEncoder
from hpack.huffman_constants import REQUEST_CODES, REQUEST_CODES_LENGTH
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import greenapi_async as ga
from greenapi_async._redaction import redact_urls

from .conftest import API_URL, ID_INSTANCE, JOURNAL_URL, TOKEN, MakeClient
from .hypothesis_tracing import search_untraced
from .loopback import H2LoopbackServer, LoopbackServer, Reply
from .method_calls import CALLS
from .secret_forms import (
    ENCODINGS,
    ESCAPINGS,
    MIXED_TOKEN,
    OTHER_FORMS,
    PLACES,
    assert_secret_absent,
    decimal_reference,
    error_document,
    hex_reference,
    json_escape,
    percent,
    shown_by,
)

pytestmark = pytest.mark.anyio


def chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def assert_no_token_anywhere(error: BaseException) -> None:
    for link in chain(error):
        assert TOKEN not in str(link)
        assert TOKEN not in repr(link)
        assert all(TOKEN not in repr(arg) for arg in link.args)
        assert all(TOKEN not in repr(value) for value in vars(link).values())
    rendered = "".join(traceback.format_exception(error))
    assert TOKEN not in rendered


def test_every_method_of_the_client_is_checked() -> None:
    from greenapi_async._methods import METHODS

    assert set(CALLS) == set(METHODS)


@pytest.mark.parametrize(
    "outcome",
    [
        httpx.Response(401, json={"code": 401, "description": "Unauthorized"}),
        httpx.Response(404, text=f"no route /lastOutgoingMessages/{TOKEN}"),
        httpx.Response(500, text=f"<html>{JOURNAL_URL}</html>"),
        httpx.Response(429, headers={"Retry-After": "0"}),
        httpx.Response(200, text="[{oops"),
        httpx.Response(200, json=[{"typeMessage": "textMessage", "idMessage": TOKEN}]),
        httpx.ConnectError(f"cannot reach {JOURNAL_URL}"),
        httpx.ReadTimeout(f"read timed out for {JOURNAL_URL}"),
        httpx.RemoteProtocolError("peer closed connection"),
    ],
    ids=lambda o: type(o).__name__ + str(getattr(o, "status_code", "")),
)
@pytest.mark.parametrize("method", sorted(CALLS))
async def test_no_error_shows_the_token(
    respx_mock: respx.MockRouter,
    make_client: MakeClient,
    outcome: httpx.Response | Exception,
    method: str,
) -> None:
    verb, call = CALLS[method]
    route = respx_mock.route(method=verb, url=JOURNAL_URL.replace("lastOutgoingMessages", method))
    if isinstance(outcome, Exception):
        route.mock(side_effect=outcome)
    else:
        route.mock(return_value=outcome)
    async with make_client(max_retries=1, retry_backoff=0) as api:
        with pytest.raises(ga.GreenAPIError) as caught:
            await call(api)
    assert_no_token_anywhere(caught.value)


async def test_a_missing_message_shows_no_token(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    url = JOURNAL_URL.replace("lastOutgoingMessages", "getMessage")
    respx_mock.post(url).respond(400, text=f"ID message notfound at {url}")
    async with make_client() as api:
        with pytest.raises(ga.MessageNotFoundError) as caught:
            await api.journals.get_message("79001234567@c.us", "BAE5")
    assert_no_token_anywhere(caught.value)


async def test_errors_do_not_chain_to_httpx_exceptions(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).mock(side_effect=httpx.ConnectError("refused"))
    async with make_client(max_retries=0) as api:
        with pytest.raises(ga.APIConnectionError) as caught:
            await api.journals.last_outgoing_messages()
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None


async def test_httpx_info_and_debug_logs_are_redacted(
    respx_mock: respx.MockRouter,
    make_client: MakeClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    respx_mock.get(JOURNAL_URL).respond(json=[])
    with caplog.at_level(logging.DEBUG):
        async with make_client() as api:
            await api.journals.last_outgoing_messages(minutes=3)
    request_lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert any("lastOutgoingMessages/***?minutes=3" in line for line in request_lines)
    ours = [r for r in caplog.records if r.name == "greenapi_async"]
    assert ours
    assert all(r.levelno == logging.DEBUG for r in ours)
    assert all(TOKEN not in r.getMessage() for r in caplog.records)


def test_our_logger_has_no_handlers() -> None:
    assert logging.getLogger("greenapi_async").handlers == []


def test_urls_are_redacted_by_shape_for_any_client() -> None:
    text = "GET https://7103.api.greenapi.com/waInstance7103000001/sendMessage/abcDEF123?x=1"
    assert redact_urls(text) == (
        "GET https://7103.api.greenapi.com/waInstance7103000001/sendMessage/***?x=1"
    )


async def test_no_warning_shows_the_token(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(json=[])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with make_client() as api:
            await api.journals.last_outgoing_messages()
        api = make_client()
        del api
    assert all(TOKEN not in str(w.message) for w in caught)


async def test_reprs_of_public_objects_hide_the_token(make_client: MakeClient) -> None:
    async with make_client() as api:
        for obj in (api, api.journals, api.sending):
            assert TOKEN not in repr(obj)
            assert TOKEN not in str(obj)
        # Each resource names the instance it serves, and nothing else of the URL.
        instance = f"{API_URL}/waInstance{ID_INSTANCE}"
        assert repr(api.journals) == f"<Journals of {instance}>"
        assert repr(api.sending) == f"<Sending of {instance}>"


def test_redacting_a_redacted_line_again_changes_nothing() -> None:
    # Our own log lines pass the logger filter after being redacted once.
    once = redact_urls(f"GET https://h/waInstance1/lastOutgoingMessages/{TOKEN}: HTML page")
    assert TOKEN not in once
    assert redact_urls(once) == once
    assert redact_urls("see /waInstance1/m/***: boom") == "see /waInstance1/m/***: boom"


def test_the_log_filter_leaves_a_malformed_record_for_logging_to_report() -> None:
    ga.GreenAPI(ID_INSTANCE, TOKEN)  # installs the filter
    (redacting,) = logging.getLogger("httpx").filters
    assert isinstance(redacting, logging.Filter)
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "%s and %s", ("one",), None)
    assert redacting.filter(record) is True
    assert (record.msg, record.args) == ("%s and %s", ("one",))


def test_a_client_collected_while_the_registry_is_busy_does_not_deadlock() -> None:
    from greenapi_async import _redaction

    class Owner:
        pass

    def collect_under_lock() -> None:
        owner = Owner()
        _redaction.register_secret(owner, "retiredSecret123")
        with _redaction._lock:
            del owner  # its finalizer runs here, while the lock is held
            gc.collect()
        assert "retiredSecret123" not in _redaction._live_secrets()

    worker = threading.Thread(target=collect_under_lock, daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "the finalizer waited for the lock its thread holds"


def test_only_text_that_reads_as_a_live_token_is_searched_for_its_forms(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The log filter redacts every record for every live client's token: one reading of
    # the text tells which tokens it may hold, and only their patterns are built and run.
    from greenapi_async import _redaction

    searched: list[str] = []

    def forms_of(secret: str) -> re.Pattern[str]:
        searched.append(secret)
        return re.compile("(?!)")  # matches nothing

    monkeypatch.setattr(_redaction, "_forms_of", forms_of)
    page = (
        '<p class="x">\n  caf&#233; &amp; cr&#xE8;me, 50%20off, {"k": "\\u00e9"}\n</p>\n'
        f"{TOKEN[:25]}\n{TOKEN[25:-1]}"  # all but the last character, over two lines
    )
    with _redaction.redacting(TOKEN), _redaction.redacting(MIXED_TOKEN):
        assert _redaction.redact_secrets(page * 100) == page * 100
        assert searched == []
        _redaction.redact_secrets(page + TOKEN[-1])
        assert searched == [TOKEN]


async def test_tokens_echoed_in_headers_or_redirects_never_reach_the_logs(
    loopback: LoopbackServer,
) -> None:
    # The autouse fixture fails this test if the token shows in any record (DEBUG included).
    loopback.queue(
        Reply(status=302, body=b"", headers=(("Location", f"/login?next=%2F{TOKEN}"),)),
        Reply(status=404, body=b"", headers=(("X-Token-Echo", TOKEN),)),
    )
    async with httpx.AsyncClient(follow_redirects=True) as http:
        api = ga.GreenAPI(
            ID_INSTANCE, TOKEN, api_url=loopback.url, http_client=http, rate_limit=False
        )
        with pytest.raises(ga.APIStatusError):
            await api.journals.last_outgoing_messages()


async def test_tracebacks_with_captured_locals_hide_the_token(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(401, json={"code": 401, "description": "Unauthorized"})
    async with make_client() as api:
        with pytest.raises(ga.AuthenticationError) as caught:
            await api.journals.last_outgoing_messages()
    rendered = "".join(traceback.TracebackException.from_exception(
        caught.value, capture_locals=True
    ).format())  # fmt: skip
    assert TOKEN not in rendered


async def test_no_piece_of_the_token_survives_cutting_a_long_description(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(400, json={"description": "x" * 180 + " " + TOKEN})
    async with make_client() as api:
        with pytest.raises(ga.BadRequestError) as caught:
            await api.journals.last_outgoing_messages()
    assert TOKEN[:8] not in str(caught.value)


async def test_the_quota_details_are_redacted_too(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(
        466, json={"invokeStatus": {"description": "quota", "echo": TOKEN}}
    )
    async with make_client() as api:
        with pytest.raises(ga.QuotaExceededError) as caught:
            await api.journals.last_outgoing_messages()
    assert caught.value.invoke_status == {"description": "quota", "echo": "***"}


_BYTES_LITERAL = re.compile(r"b'(?:[^'\\]|\\.)*'" + r'|b"(?:[^"\\]|\\.)*"')


async def test_no_record_of_an_http2_exchange_shows_the_token_in_any_form(
    every_record: list[logging.LogRecord],
) -> None:
    path = f"/waInstance{ID_INSTANCE}/lastOutgoingMessages/{TOKEN}?minutes=5"
    # HPACK sends header values Huffman-coded: a header block logged as bytes holds the
    # token in a form that no search for its text finds.
    huffman_coded = HuffmanEncoder(REQUEST_CODES, REQUEST_CODES_LENGTH).encode(path.encode())
    with H2LoopbackServer() as server:
        server.queue(
            Reply(body=b"[]"),
            Reply(body=b"[]"),  # the same headers again: sent from HPACK's dynamic table
            Reply(status=401, body=f'{{"code": 401, "description": "{TOKEN}?"}}'.encode()),
        )
        async with (
            httpx.AsyncClient(http1=False, http2=True) as http,
            ga.GreenAPI(
                ID_INSTANCE, TOKEN, api_url=server.url, http_client=http, rate_limit=False
            ) as api,
        ):
            assert await api.journals.last_outgoing_messages(minutes=5) == []
            assert await api.journals.last_outgoing_messages(minutes=5) == []
            with pytest.raises(ga.AuthenticationError):
                await api.journals.last_outgoing_messages(minutes=5)
    assert [request.path for request in server.received] == [path] * 3
    names = {record.name for record in every_record}
    assert {"hpack.hpack", "httpcore.http2", "httpx"} <= names, names
    for record in every_record:
        text = record.getMessage()
        assert TOKEN not in text, record.name
        # Whatever escaping a bytes repr used, the bytes it shows hold no form of the path.
        for literal in _BYTES_LITERAL.findall(text):
            shown = ast.literal_eval(literal)
            assert TOKEN.encode() not in shown, (record.name, text)
            assert huffman_coded not in shown, (record.name, text)


_HTTP_STACK = ("httpx", "httpcore", "h11", "h2", "hpack", "hyperframe")


def test_every_logger_of_the_http_stack_is_filtered_in_a_fresh_interpreter() -> None:
    # A fresh interpreter, where (since httpx 0.28) the HTTP/2 modules are first imported
    # after the client that installs the filter exists, and are then used by a plain
    # httpx client. Older httpx imports them with itself.
    script = textwrap.dedent(
        f"""
        import asyncio, logging, sys

        import httpx

        import greenapi_async as ga

        leaks = []
        class Check(logging.Handler):
            def emit(self, record):
                if {TOKEN!r} in record.getMessage():
                    leaks.append(record.name)

        logging.getLogger().addHandler(Check(logging.DEBUG))
        logging.getLogger().setLevel(logging.DEBUG)

        mock = httpx.MockTransport(lambda request: httpx.Response(200))
        api = ga.GreenAPI({ID_INSTANCE!r}, {TOKEN!r}, http_client=httpx.AsyncClient(transport=mock))
        imported_before = "hpack" in sys.modules or "h2" in sys.modules

        from tests.loopback import H2LoopbackServer


        async def main(url):
            async with httpx.AsyncClient(http1=False, http2=True) as http:
                await http.get(f"{{url}}/waInstance{ID_INSTANCE}/getSettings/{TOKEN}")


        with H2LoopbackServer() as server:
            asyncio.run(main(server.url))
        (redacting,) = logging.getLogger("httpx").filters
        loggers = [
            (name, logger)
            for name, logger in list(logging.root.manager.loggerDict.items())
            if isinstance(logger, logging.Logger)
            and name.split(".")[0] in {_HTTP_STACK!r}
        ]
        print(sorted(name for name, _ in loggers))
        print(sorted(name for name, logger in loggers if redacting not in logger.filters))
        print(sorted(set(leaks)))
        print(imported_before)
        """
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    seen, unfiltered, leaking, imported_before = map(ast.literal_eval, done.stdout.splitlines())
    assert {"hpack.hpack", "hpack.table", "httpcore.http2", "httpx"} <= set(seen)
    assert unfiltered == []
    assert leaking == []
    httpx_version = tuple(int(part) for part in httpx.__version__.split(".")[:2])
    assert imported_before is (httpx_version < (0, 28))  # the order the test means to check


# --- Error bodies: a token escaped or encoded by the body must not come back whole ---

# The statuses an error body arrives with: (status sent, max_retries, class raised).
STATUSES = {
    "400": (400, 0, ga.BadRequestError),
    "401": (401, 0, ga.AuthenticationError),
    "466": (466, 0, ga.QuotaExceededError),
    "500-after-retries": (500, 1, ga.ServerError),
    "401-shaped-on-200": (200, 0, ga.AuthenticationError),
}


async def failure_for(body: bytes, status: str, headers: dict[str, str], secret: str) -> Any:
    sent, retries, cls = STATUSES[status]
    answer = httpx.Response(sent, content=body, headers=headers)
    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(lambda request: answer)) as http,
        ga.GreenAPI(
            ID_INSTANCE,
            secret,
            http_client=http,
            rate_limit=False,
            max_retries=retries,
            retry_backoff=0,
        ) as api,
    ):
        with pytest.raises(cls) as caught:
            await api.journals.last_outgoing_messages()
    assert type(caught.value) is cls
    return caught.value


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("escaping", ESCAPINGS)
async def test_a_json_escaped_token_in_an_error_body_is_redacted_everywhere(
    status: str, place: str, escaping: str
) -> None:
    sent = STATUSES[status][0]
    code = 401 if sent == 200 else sent
    body = error_document(code, place, ESCAPINGS[escaping](MIXED_TOKEN))
    error = await failure_for(
        body.encode(), status, {"Content-Type": "application/json"}, MIXED_TOKEN
    )
    assert_secret_absent(error, MIXED_TOKEN)
    if place == "description":
        assert "wrong token ***" in str(error)
    if isinstance(error, ga.QuotaExceededError) and place == "invokeStatus.description":
        assert error.invoke_status == {"description": "quota ***"}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("encoding", ENCODINGS)
async def test_a_token_in_an_error_body_of_any_unicode_encoding_is_redacted(
    status: str, encoding: str
) -> None:
    sent = STATUSES[status][0]
    code = 401 if sent == 200 else sent
    text = (
        f'{{"code": {code}, "description": "wrong token {TOKEN}", '
        f'"invokeStatus": {{"description": "quota {TOKEN}", "{TOKEN}": "x"}}}}'
    )
    body = ENCODINGS[encoding](text)
    error = await failure_for(body, status, {"Content-Type": "application/json"}, TOKEN)
    assert_secret_absent(error, TOKEN)
    assert "\x00" not in error.body  # decoded as what it is, not as UTF-8
    assert '"description": "wrong token ***"' in error.body
    assert ": quota ***" in str(error)  # the detail: invokeStatus's description


def in_json(form: str) -> str:
    """``form`` written in a JSON string, its JSON escapes standing as the string's own.

    Only the line breaks, tabs and NULs it holds are escaped, as JSON requires.
    """
    return form.translate({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", 0: "\\u0000"})


# Bodies that echo a token, by Content-Type, made from the token's form.
ECHOING_BODIES: dict[str, tuple[str, Callable[[str], str]]] = {
    "json": (
        "application/json",
        lambda form: (
            f'{{"code": 401, "description": "wrong token {in_json(form)}", '
            f'"details": {{"{in_json(form)}": ["{in_json(form)}"]}}}}'
        ),
    ),
    "text": ("text/plain; charset=utf-8", lambda form: f"wrong token {form}\n"),
    "html": (
        "text/html; charset=utf-8",
        lambda form: f"<html>\n  <body>\n    <p>wrong token {form}</p>\n  </body>\n</html>\n",
    ),
}


# Loading the system's certificates takes longer than a loopback exchange: done once.
_TLS = ssl.create_default_context()


async def echoed(server: LoopbackServer, secret: str, body: str | bytes, content_type: str) -> Any:
    """The error of a call with ``secret`` that ``server`` answers with a 401 and ``body``."""
    content = body.encode() if isinstance(body, str) else body
    server.queue(Reply(status=401, body=content, headers=(("Content-Type", content_type),)))
    async with (
        httpx.AsyncClient(verify=_TLS) as http,
        ga.GreenAPI(
            ID_INSTANCE,
            secret,
            api_url=server.url,
            http_client=http,
            rate_limit=False,
            max_retries=0,
        ) as api,
    ):
        with pytest.raises(ga.AuthenticationError) as caught:
            await api.journals.last_outgoing_messages()
    return caught.value


@pytest.mark.parametrize("first", ["%30", "\\u0030"])
async def test_a_token_whose_first_character_alone_is_encoded_is_redacted_whole(
    loopback: LoopbackServer, first: str
) -> None:
    # The encoded first character ends in that same character, so the rest of the form
    # is the token written plainly: redacting that alone would leave "%3" behind.
    token = "0" + TOKEN[1:]
    error = await echoed(loopback, token, f"wrong token {first}{token[1:]}.", "text/plain")
    assert error.body == "wrong token ***."


@pytest.mark.parametrize("kind", ECHOING_BODIES)
@pytest.mark.parametrize("form", OTHER_FORMS)
async def test_a_token_echoed_encoded_or_split_over_lines_is_redacted(
    loopback: LoopbackServer, form: str, kind: str
) -> None:
    content_type, page = ECHOING_BODIES[kind]
    body = page(OTHER_FORMS[form](MIXED_TOKEN))
    error = await echoed(loopback, MIXED_TOKEN, body, content_type)
    assert_secret_absent(error, MIXED_TOKEN)
    assert error.body == page("***")  # the whole form went, and nothing around it


def itself(char: str) -> str:
    return char


def variants(write: Callable[..., str], **options: Sequence[Any]) -> list[Callable[[str], str]]:
    """``write`` with each combination of ``options``' values."""
    return [
        functools.partial(write, **dict(zip(options, values, strict=True)))
        for values in itertools.product(*options.values())
    ]


_BOTH = (False, True)
_FAMILIES = (
    [itself],
    variants(percent, upper=_BOTH),
    variants(decimal_reference, zeros=range(7), semicolon=_BOTH),
    variants(hex_reference, x="xX", zeros=range(7), upper=_BOTH, semicolon=_BOTH),
    variants(json_escape, upper=_BOTH),
)
_EACH = math.lcm(*(len(family) for family in _FAMILIES))  # writers a family, each as often
# Every way of writing one character that redaction must see through, with its variants,
# each family as likely as another, in one draw a character (one_of over builds() would
# take five, most of the property's time).
WRITERS: st.SearchStrategy[Callable[[str], str]] = st.sampled_from(
    [write for family in _FAMILIES for write in itertools.islice(itertools.cycle(family), _EACH)]
)


@st.composite
def mixtures(draw: st.DrawFn) -> tuple[str, str]:
    """A random token and a form of it: each character, and each character of the white
    space between two of them (line breaks, indentation), written in a form of its own."""
    token = draw(st.text(string.ascii_letters + string.digits, min_size=16, max_size=50))
    parts = []
    for i, char in enumerate(token):
        gap = draw(st.text(" \t\r\n\x00", max_size=6)) if i else ""
        parts += [draw(WRITERS)(c) for c in gap + char]
    # A reference without its semicolon ends where its digits do: one followed by a digit
    # is another number, for a reader as for redaction, and so keeps its semicolon.
    for i, (part, after) in enumerate(itertools.pairwise(parts)):
        if part.startswith("&#") and not part.endswith(";"):
            digits = string.hexdigits if part[2] in "xX" else string.digits
            parts[i] += ";" if after[0] in digits else ""
    return token, "".join(parts)


def test_no_mixture_of_encodings_and_line_breaks_brings_a_token_back(
    loopback: LoopbackServer, anyio_backend: str
) -> None:
    # A token that the error shows of its own accord (its class's name, the page's words)
    # would be no leak: hypothesis draws such strings from the code it tests.
    own_words: dict[str, str] = {}

    @settings(max_examples=100, deadline=None)
    @given(mixture=mixtures(), kind=st.sampled_from(sorted(ECHOING_BODIES)))
    def check(mixture: tuple[str, str], kind: str) -> None:
        token, form = mixture
        content_type, page = ECHOING_BODIES[kind]
        if kind not in own_words:
            plain = anyio.run(
                echoed, loopback, "unrelated", page(""), content_type, backend=anyio_backend
            )
            own_words[kind] = "\n".join(shown_by(plain))
        assume(token not in own_words[kind])
        error = anyio.run(echoed, loopback, token, page(form), content_type, backend=anyio_backend)
        assert_secret_absent(error, token)
        assert error.body == page("***")

    with search_untraced(check):  # as conftest does for a property test of its own
        check()


async def test_a_token_in_utf_16_read_as_utf_8_is_redacted_between_its_nuls(
    loopback: LoopbackServer,
) -> None:
    # Without a byte order mark, and with a first character beyond ASCII, nothing tells
    # UTF-16 apart: read as UTF-8, each character of the token has a NUL after it.
    body = f"Токен {TOKEN} неверный".encode("utf-16-le")
    error = await echoed(loopback, TOKEN, body, "text/plain")
    assert "\x00" in error.body  # read as UTF-8 indeed
    assert_secret_absent(error, TOKEN)


def media_message(url: str) -> ga.ImageMessage:
    return ga.ImageMessage(
        id_message="IMG1", timestamp=0, status_message="read", chat_id="1@c.us", download_url=url
    )


# A media host's pre-signed URL: its query is a secret while the download runs.
SIGNATURE = "5ca1ab1e0ddba11c0ffee0ddf00d5eedfacade0123456789abcdef0123456789"
SIGNED_QUERY = f"X-Amz-Credential=AKIAEXAMPLE%2F20260101%2Faws4_request&X-Amz-Signature={SIGNATURE}"
SIGNED_QUERY_JSON_ESCAPED = SIGNED_QUERY.replace("&", "\\u0026")


@pytest.mark.parametrize(
    ("content_type", "echo"),
    [
        # XML and HTML write each & of the query as &amp;.
        ("text/xml", f"<Error><Query>{SIGNED_QUERY.replace('&', '&amp;')}</Query></Error>"),
        # A JSON encoder may write & as \u0026 (Go's does, for HTML safety).
        ("application/json", f'{{"query": "{SIGNED_QUERY_JSON_ESCAPED}"}}'),
        # Passed on as the value of a parameter: percent-encoded once more.
        ("text/plain", f"retry at /login?next=%2Fphoto.jpg%3F{quote(SIGNED_QUERY, safe='')}"),
    ],
    ids=["xml-entities", "json-escapes", "percent-encoded-again"],
)
async def test_a_signed_query_echoed_escaped_by_a_media_host_is_redacted(
    loopback: LoopbackServer, make_client: MakeClient, content_type: str, echo: str
) -> None:
    loopback.queue(Reply(status=403, body=echo.encode(), headers=(("Content-Type", content_type),)))
    photo = media_message(f"{loopback.url}/photo.jpg?{SIGNED_QUERY}")
    async with make_client() as api:
        with pytest.raises(ga.PermissionDeniedError) as caught:
            await api.download(photo, io.BytesIO())
    assert_secret_absent(caught.value, SIGNATURE)
    assert "Credential" not in caught.value.body


async def test_a_json_escape_inside_a_json_string_is_redacted_from_the_string_parsed(
    loopback: LoopbackServer,
) -> None:
    # Encoded twice, "\\u0064" in the body's text: .body keeps it as it is, but the
    # string parsed from it holds "\u0064", a form of its own, and shows none of it.
    twice = "".join(f"\\\\u{ord(char):04x}" for char in TOKEN)
    body = f'{{"code": 466, "invokeStatus": {{"description": "quota {twice}"}}}}'
    loopback.queue(Reply(status=466, body=body.encode()))
    async with ga.GreenAPI(
        ID_INSTANCE, TOKEN, api_url=loopback.url, rate_limit=False, max_retries=0
    ) as api:
        with pytest.raises(ga.QuotaExceededError) as caught:
            await api.journals.last_outgoing_messages()
    assert caught.value.invoke_status == {"description": "quota ***"}
    assert str(caught.value).endswith(": quota ***")
    assert caught.value.body == body


async def test_no_piece_of_a_padded_form_survives_cutting_a_media_hosts_error_page() -> None:
    """The longest form a cut makes room for, at every 13th offset up to the cut.

    A media host's error page is read in part, redacted, its end dropped and its start
    kept: 2,000 characters. Each character of the token is a reference padded to twelve
    characters, with a line break and 31 spaces between two; the page is UTF-32, four
    bytes a character, where the part read holds the fewest characters.
    """
    form = ("\n" + " " * 31).join(f"&#x{ord(char):08x};" for char in TOKEN)
    kept = 2_000

    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.path.rpartition("/")[2])
        text = "." * offset + form + "-" * 5_000
        return httpx.Response(
            404, content=text.encode("utf-32-le"), headers={"Content-Type": "text/plain"}
        )

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(page)) as http,
        ga.GreenAPI(ID_INSTANCE, TOKEN, http_client=http) as api,
    ):
        bodies = {}
        for offset in range(0, kept + 3, 13):
            with pytest.raises(ga.APIStatusError) as caught:
                await api.download(media_message(f"https://media.example/e/{offset}"), io.BytesIO())
            bodies[offset] = caught.value.body
    assert {at: body[-80:] for at, body in bodies.items() if set(body) - {".", "-", "*"}} == {}
    assert all(len(body) <= kept for body in bodies.values())


async def test_an_error_body_is_decoded_with_the_charset_its_header_names() -> None:
    text = f"Неверный токен {TOKEN}"
    error = await failure_for(
        text.encode("cp1251"), "400", {"Content-Type": "text/plain; charset=windows-1251"}, TOKEN
    )
    assert error.body == "Неверный токен ***"
    assert str(error).endswith(": Неверный токен ***")


def test_a_token_passed_where_the_instance_id_goes_is_never_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Swapped credentials are a common slip; the refusal must not print the token.
    with pytest.raises(ga.InvalidArgumentError) as caught:
        ga.GreenAPI(TOKEN, ID_INSTANCE)
    assert_no_token_anywhere(caught.value)
    assert "swapped" in str(caught.value)
    monkeypatch.setenv("GREENAPI_ID_INSTANCE", TOKEN)
    monkeypatch.setenv("GREENAPI_API_TOKEN", ID_INSTANCE)
    with pytest.raises(ga.InvalidArgumentError) as caught:
        ga.GreenAPI.from_env()
    assert_no_token_anywhere(caught.value)
    assert str(caught.value).startswith("GREENAPI_ID_INSTANCE")
    result = subprocess.run(
        [sys.executable, "-m", "greenapi_async", "history", "79001234567@c.us"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert TOKEN not in result.stdout + result.stderr
    assert "swapped" in result.stderr
