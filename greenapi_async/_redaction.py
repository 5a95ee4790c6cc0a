r"""Keeping the API token out of everything a user might print, log or report.

Green API puts the token in the URL path (``/waInstance{id}/{method}/{token}``), and httpx
prints full URLs in its INFO log line, in ``repr(request)`` and in its status errors. We
redact by the URL's shape, which also covers clients other than ours, and by the exact
token of every live client, which covers a token echoed anywhere else: in a header that
httpcore logs at DEBUG, in a redirect's Location, in an error body. A token in JSON may
have any of its characters written as ``\uXXXX`` escapes: those forms go too.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import logging
import re
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import Any, Final

__all__ = [
    "REDACTED",
    "install_httpx_log_filter",
    "longest_secret_form",
    "redact",
    "redact_parsed",
    "redact_secrets",
    "redact_urls",
    "redacting",
    "register_secret",
    "shown_url",
]

REDACTED: Final = "***"

# The segment after the method name is the token. Matching the shape rather than the
# token itself also covers clients other than ours that share the httpx logger. A segment
# already redacted is left as it is, so that the text after it ("***: ...") survives a
# second pass (our own log lines go through the logger filter too).
_TOKEN_IN_PATH: Final = re.compile(
    r"(/waInstance[0-9]+/[A-Za-z]+/)(?!\*\*\*(?:[/?#\s\"'<>:]|$))[^/?#\s\"'<>]+"
)

# Every logger of the HTTP stack that sees a URL, a header or a body, in the versions
# tested. httpx logs its request line at INFO; httpcore's trace lines carry the header
# lists of responses; hpack (HTTP/2's header codec) logs every header it encodes or
# decodes, the request's :path with the token included, at DEBUG. h2 and hyperframe log
# only through a logger handed to them, and httpcore hands them none.
_HTTP_LOGGERS: Final = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
    "hpack.hpack",
    "hpack.table",
)
# Their packages: a logger of theirs that exists when the filter is installed is filtered
# too, whatever its name, so that a name added by a later release is not missed.
_HTTP_PACKAGES: Final = frozenset({"httpx", "httpcore", "h11", "h2", "hpack", "hyperframe"})
# HTTP/2's codecs log whole header blocks as bytes, where HPACK has Huffman-coded the
# values: the token is there in a form that no search for its text can find.
_BINARY_CODECS: Final = frozenset({"hpack", "h2", "hyperframe"})

# Tokens of the clients alive in this process, counted (two clients may share a token).
# A client's token leaves when the client is garbage collected. Its finalizer only appends
# to _retired: a finalizer may run inside any allocation, including one made while the
# lock is held, so it must never take the lock itself.
_counts: collections.Counter[str] = collections.Counter()
_retired: list[str] = []
_snapshot: tuple[str, ...] = ()
_lock = threading.Lock()


def register_secret(owner: object, secret: str) -> None:
    """Redact ``secret`` from every filtered log record for as long as ``owner`` lives."""
    with _lock:
        _counts[secret] += 1
        _refresh()
    weakref.finalize(owner, _retired.append, secret)


@contextlib.contextmanager
def redacting(secret: str) -> Iterator[None]:
    """Redact ``secret`` like a live client's token while the block runs."""
    with _lock:
        _counts[secret] += 1
        _refresh()
    try:
        yield
    finally:
        with _lock:
            _retired.append(secret)
            _refresh()


def _refresh() -> None:
    """Apply retirements and publish a new snapshot; the caller holds ``_lock``."""
    global _snapshot  # replaced whole, so that readers need no lock
    while _retired:
        secret = _retired.pop()
        _counts[secret] -= 1
        if _counts[secret] <= 0:
            del _counts[secret]
    _snapshot = tuple(_counts)


def _live_secrets() -> tuple[str, ...]:
    # Never blocks a logging call: if another thread is refreshing, the current snapshot
    # still holds every live token (retired ones only linger a little longer).
    if _retired and _lock.acquire(blocking=False):
        try:
            _refresh()
        finally:
            _lock.release()
    return _snapshot


def redact_urls(text: str) -> str:
    """Replace the token segment of every Green API URL in ``text``."""
    return _TOKEN_IN_PATH.sub(rf"\g<1>{REDACTED}", text)


# Credentials in a URL's authority; a query and a fragment, which end it.
_USERINFO: Final = re.compile(r"(?<=//)[^/?#@]*@")
_QUERY_OR_FRAGMENT: Final = re.compile(r"[?#].*", re.DOTALL)


def shown_url(url: str) -> str:
    """``url`` as a message may show it: no credentials, no fragment, the query as ``?***``.

    A media host's URL may be pre-signed: its query grants access as a password would.
    Text, not a parsed URL, so that a URL too malformed to parse is shown safely too.
    """
    end = _QUERY_OR_FRAGMENT.search(url)
    query = "?***" if end is not None and end.group().startswith("?") else ""
    return redact_secrets(_USERINFO.sub("", url[: end.start()] if end else url, count=1)) + query


def redact(text: str, token: str) -> str:
    """Remove ``token`` (in any JSON form) and any Green API URL's token segment from ``text``."""
    return redact_urls(_without(text, token))


def redact_secrets(text: str) -> str:
    """Remove every live client's token, and any Green API URL's token segment."""
    for secret in _live_secrets():
        text = _without(text, secret)
    return redact_urls(text)


def longest_secret_form() -> int:
    r"""The most characters a live secret can take in text: each one a ``\uXXXX`` escape.

    Text cut from a longer whole may end with the start of a secret that redaction could
    not recognise; dropping this many characters from its end removes any such start.
    """
    return max(map(len, _live_secrets()), default=0) * _ESCAPE_LENGTH


def redact_parsed(value: Any, scrub: Callable[[str], str]) -> Any:
    """Copy a parsed JSON value with ``scrub`` applied to every string in it, keys included.

    Iterative, so that a body nested a thousand levels deep cannot exhaust the stack.
    """
    root = _scrubbed_or_empty(value, scrub)
    pending = [(value, root)] if isinstance(value, (dict, list)) else []
    while pending:
        source, target = pending.pop()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, item in items:
            copied = _scrubbed_or_empty(item, scrub)
            if isinstance(target, dict):
                target[scrub(str(key))] = copied
            else:
                target.append(copied)
            if isinstance(item, (dict, list)):
                pending.append((item, copied))
    return root


def _scrubbed_or_empty(value: Any, scrub: Callable[[str], str]) -> Any:
    # A container becomes an empty one of its kind, which redact_parsed fills.
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, (dict, list)):
        return type(value)()
    return value


def _without(text: str, secret: str) -> str:
    text = text.replace(secret, REDACTED)
    # Only text holding an escape pays for the pattern: the log filter runs on every
    # record of httpx and httpcore.
    if "\\u" in text:
        text = _escaped_forms(secret).sub(REDACTED, text)
    return text


_ESCAPE_LENGTH: Final = len("\\u0000")


@functools.lru_cache(maxsize=32)
def _escaped_forms(secret: str) -> re.Pattern[str]:
    r"""Match ``secret`` with any of its characters written as a JSON ``\uXXXX`` escape."""
    return re.compile("".join(f"(?:{re.escape(char)}|{_escape_of(char)})" for char in secret))


def _escape_of(char: str) -> str:
    # JSON allows hex digits in either case, each one chosen freely.
    digits = "".join(
        f"[{digit.lower()}{digit.upper()}]" if digit.isalpha() else digit
        for digit in f"{ord(char):04x}"
    )
    return rf"\\u{digits}"


def _opaque_binary(args: tuple[object, ...]) -> tuple[object, ...]:
    """Replace each argument that is binary, not text, by its length."""
    return tuple(
        f"<{len(arg)} bytes>" if isinstance(arg, (bytes, bytearray)) and not _is_text(arg) else arg
        for arg in args
    )


def _is_text(data: bytes | bytearray) -> bool:
    return data.isascii() and data.decode("ascii").isprintable()


class _RedactingFilter(logging.Filter):
    """Rewrites a record's message with tokens redacted; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            if isinstance(record.args, tuple) and record.name.partition(".")[0] in _BINARY_CODECS:
                record.args = _opaque_binary(record.args)
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - see below
            # A malformed log call: leave the record alone, so that logging reports the
            # mistake as it always does instead of it raising in the caller.
            return True
        redacted = redact_secrets(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        return True


_FILTER: Final = _RedactingFilter("greenapi_async.redaction")


def install_httpx_log_filter() -> None:
    """Attach the redacting filter to every logger of the HTTP stack and ours (idempotent).

    A logger's filters see only the records logged on that very logger, never those of
    its children, so each logger gets the filter: the known ones by name (created now if
    their module is not imported yet, so that the module finds them filtered), and any
    other logger of the HTTP stack's packages that exists already.
    """
    present = [
        name
        for name in list(logging.root.manager.loggerDict)
        if name.partition(".")[0] in _HTTP_PACKAGES
    ]
    for name in (*_HTTP_LOGGERS, *present, "greenapi_async"):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
