r"""Keeping the API token out of everything a user might print, log or report.

Green API puts the token in the URL path (``/waInstance{id}/{method}/{token}``), and httpx
prints full URLs in its INFO log line, in ``repr(request)`` and in its status errors. We
redact by the URL's shape, which also covers clients other than ours, and by the exact
token of every live client, which covers a token echoed anywhere else: in a header that
httpcore logs at DEBUG, in a redirect's Location, in an error body. The token goes in
the forms an echo gives it too: each of its characters may be written as a JSON escape,
a percent-encoded byte or an HTML character reference, and white space (a line break,
indentation) may split it anywhere.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import logging
import re
import sys
import threading
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any, Final, NamedTuple

__all__ = [
    "REDACTED",
    "install_httpx_log_filter",
    "logger",
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
# Each live secret with its _key, worked out once rather than on every log record.
_keys: dict[str, str] = {}
_snapshot: tuple[tuple[str, str], ...] = ()
_lock = threading.Lock()


def register_secret(owner: object, secret: str) -> None:
    """Redact ``secret`` from every filtered log record for as long as ``owner`` lives."""
    with _lock:
        _count(secret)
    weakref.finalize(owner, _retired.append, secret)


@contextlib.contextmanager
def redacting(secret: str) -> Iterator[None]:
    """Redact ``secret`` like a live client's token while the block runs."""
    with _lock:
        _count(secret)
    try:
        yield
    finally:
        with _lock:
            _retired.append(secret)
            _refresh()


def _count(secret: str) -> None:
    """Count one more holder of ``secret`` and publish it; the caller holds ``_lock``."""
    _counts[secret] += 1
    if secret not in _keys:
        _keys[secret] = _key(secret)
    _refresh()


def _refresh() -> None:
    """Apply retirements and publish a new snapshot; the caller holds ``_lock``."""
    global _snapshot  # replaced whole, so that readers need no lock
    while _retired:
        secret = _retired.pop()
        _counts[secret] -= 1
        if _counts[secret] <= 0:
            del _counts[secret]
            del _keys[secret]
    _snapshot = tuple(_keys.items())


def _live() -> tuple[tuple[str, str], ...]:
    """Every live secret with its _key."""
    # Never blocks a logging call: if another thread is refreshing, the current snapshot
    # still holds every live token (retired ones only linger a little longer).
    if _retired and _lock.acquire(blocking=False):
        try:
            _refresh()
        finally:
            _lock.release()
    return _snapshot


def _live_secrets() -> tuple[str, ...]:
    return tuple(secret for secret, _ in _live())


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
    """Remove ``token`` (in any of its forms) and any Green API URL's token segment."""
    return redact_urls(_without(text, ((token, _key(token)),)))


def redact_secrets(text: str) -> str:
    """Remove every live client's token, and any Green API URL's token segment."""
    return redact_urls(_without(text, _live()))


# The most characters one character of a secret takes in the forms an echo gives it
# (``&#x00000064;``: a reference with six leading zeros), and the white space between
# two of them (a line break and a deep indentation). Longer forms are redacted too: this
# only sizes what a cut must drop.
_LONGEST_CHARACTER: Final = len("&#x00000064;")
_LONGEST_GAP: Final = 32


def longest_secret_form() -> int:
    """The most characters a live secret takes in text in the forms an echo usually gives it.

    Text cut from a longer whole may end with the start of a secret that redaction could
    not recognise; dropping this many characters from its end removes any such start,
    unless the secret's form is padded further (leading zeros, white space) than any
    echo pads it.
    """
    longest = max(map(len, _live_secrets()), default=0)
    return longest * _LONGEST_CHARACTER + max(0, longest - 1) * _LONGEST_GAP


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


def _without(text: str, secrets: Collection[tuple[str, str]]) -> str:
    """``text`` with every form (see _Encoding) of each secret, given with its _key, gone."""
    # The plain form first, by the cheapest search there is; not in text that holds an
    # encoding's starter, where a plain occurrence may end a longer form (``%30`` and the
    # rest of a token that starts with 0): replacing it alone would leave ``%3`` behind.
    if not any(starter in text for starter in _STARTERS):
        for secret, _ in secrets:
            text = text.replace(secret, REDACTED)
    # Most text holds no other form either. One reading of it, shared by every secret,
    # says which secrets it may hold, and only their patterns search it: a search costs
    # more than the reading, per secret, and the log filter runs this on every record
    # for every live client's token. A pattern is compiled only then, too.
    read: str | None = None
    for secret, key in secrets:
        read = _read(text) if read is None else read
        if key in read:
            text = _forms_of(secret).sub(REDACTED, text)
    return text


def _key(secret: str) -> str:
    """What _read reads from any form of ``secret`` (see _Encoding) that _forms_of matches.

    A token, all letters and digits, is read as itself.
    """
    return secret if secret.isascii() and secret.isalnum() else _key_within(secret)


def _key_within(secret: str) -> str:
    # Its longest run of letters and digits that no starter comes before, which could
    # take the run's first characters into its form (as "%2F" does "2F"). A form is
    # complete characters, so its reading holds the run.
    return max((match[0] for match in _RUN_READ_AS_ITSELF.finditer(secret)), key=len, default="")


class _Encoding(NamedTuple):
    """One way an echo may write a character, seen from both sides.

    Every form starts with ``starter``. ``pattern`` gives the pattern (after the starter)
    of any one of some characters written this way; ``reader`` is the pattern (starter
    included) of every character written this way, and ``decoded`` reads one back. They
    agree: whatever ``decoded`` reads as a character, the pattern of that character
    matches. No form holds another encoding's starter.
    """

    starter: str
    pattern: Callable[[str], str]
    reader: str
    decoded: Callable[[str], str]


def _either(patterns: Iterable[str]) -> str:
    return f"(?:{'|'.join(patterns)})"


def _any_case(hex_digits: str) -> str:
    return "".join(f"[{d}{d.upper()}]" if d.isalpha() else d for d in hex_digits)


def _code_point(code: int) -> str:
    # What a reader makes of a number past Unicode (HTML: the replacement character).
    return chr(code) if code <= sys.maxunicode else "\ufffd"


_JSON_SHORT_ESCAPES: Final = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "\b": "b",
    "\f": "f",
    "\n": "n",
    "\r": "r",
    "\t": "t",
}
_JSON_SHORT_UNESCAPES: Final = {letter: char for char, letter in _JSON_SHORT_ESCAPES.items()}


def _json_pattern(chars: str) -> str:
    # \u0064, its hex digits in either case, for a character of the BMP; \n and the like.
    escapes = ["u" + _any_case(f"{ord(char):04x}") for char in chars if ord(char) <= 0xFFFF]
    shorts = [re.escape(_JSON_SHORT_ESCAPES[char]) for char in chars if char in _JSON_SHORT_ESCAPES]
    return _either(escapes + shorts)


def _json_decoded(form: str) -> str:
    return chr(int(form[2:], 16)) if form[1] == "u" else _JSON_SHORT_UNESCAPES[form[1]]


def _percent_pattern(chars: str) -> str:
    # %64: a %XX for each byte of the UTF-8 encoding, hex digits in either case.
    return _either("%".join(_any_case(f"{byte:02x}") for byte in char.encode()) for char in chars)


def _percent_decoded(form: str) -> str:
    return chr(int(form[1:], 16))


_HTML_NAMES: Final = {"&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos"}
_HTML_CHARACTERS: Final = {name: char for char, name in _HTML_NAMES.items()}


def _reference_pattern(chars: str) -> str:
    # &#100; and &#x64; (or &#X64;), with any number of leading zeros. HTML reads the
    # digits as far as they go and lets the semicolon be left out: without it, the
    # reference ends where the digits do.
    decimal = _either(str(ord(char)) for char in chars)
    hexadecimal = _either(_any_case(f"{ord(char):x}") for char in chars)
    named = [f"{_HTML_NAMES[char]};" for char in chars if char in _HTML_NAMES]
    return _either(
        [
            f"#0*{decimal}(?:;|(?![0-9]))",
            f"#[xX]0*{hexadecimal}(?:;|(?![0-9a-fA-F]))",
            *named,
        ]
    )


def _reference_decoded(form: str) -> str:
    body = form[1:].removesuffix(";")
    if not body.startswith("#"):
        return _HTML_CHARACTERS[body]
    if body[1] in "xX":
        return _code_point(int(body[2:], 16))
    return _code_point(int(body[1:]))


_ENCODINGS: Final = (
    _Encoding("\\", _json_pattern, r"\\(?:u[0-9a-fA-F]{4}|[\"\\/bfnrt])", _json_decoded),
    _Encoding("%", _percent_pattern, "%[0-9a-fA-F]{2}", _percent_decoded),
    _Encoding(
        "&",
        _reference_pattern,
        "&(?:#(?:[0-9]+|[xX][0-9a-fA-F]+);?|(?:amp|lt|gt|quot|apos);)",
        _reference_decoded,
    ),
)
_STARTERS: Final = frozenset(encoding.starter for encoding in _ENCODINGS)
_DECODERS: Final = {encoding.starter: encoding.decoded for encoding in _ENCODINGS}
# What may stand between two characters of a secret, each in any form a character may
# take: white space, as in text folded or indented over lines, and NUL, which keeps the
# characters of UTF-16 text apart when it is read as UTF-8.
_WHITE_SPACE: Final = " \t\r\n\x00"
_DROP_WHITE_SPACE: Final = str.maketrans("", "", _WHITE_SPACE)
_LONG: Final = 2_000


def _written(chars: str) -> str:
    """A pattern for any one of ``chars``: as itself, or in one layer of an encoding."""
    itself = [re.escape(char) for char in chars]
    return _either(itself + [re.escape(e.starter) + e.pattern(chars) for e in _ENCODINGS])


_GAP: Final = _written(_WHITE_SPACE) + "*"
_ALPHANUMERIC: Final = "A-Za-z0-9"
_RUN_READ_AS_ITSELF: Final = re.compile(
    f"(?<![{''.join(map(re.escape, sorted(_STARTERS)))}{_ALPHANUMERIC}])[{_ALPHANUMERIC}]+"
)


@functools.lru_cache(maxsize=32)
def _forms_of(secret: str) -> re.Pattern[str]:
    """Match ``secret``: each character in any of its forms, any white space between."""
    return re.compile(_GAP.join(map(_written, secret)))


@functools.cache  # compiled at the first text redacted, not at import
def _readers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each encoding's starter, and the pattern that captures its forms."""
    return tuple((e.starter, re.compile(f"({e.reader})")) for e in _ENCODINGS)


def _read(text: str) -> str:
    """``text`` as a reader sees it: each encoded character decoded, white space dropped.

    As one pass from left to right reads it: a character decoded is never read again as
    part of another form. Whatever a reader takes for a token here, _forms_of matches.
    """
    # An encoding at a time, each searched for by its starter: a search for any of three
    # characters at once is several times slower. No form holds another's starter, so
    # each finds the forms one pass would. A character read stands between NULs, which
    # keep it from joining the text around it into a form of an encoding read after it
    # (``&#32`` and ``%30`` into ``&#320``), and go with the white space.
    for starter, reader in _readers():
        if starter in text:
            pieces = reader.split(text)  # the forms at odd places: the reader captures them
            pieces[1::2] = map(_fenced, pieces[1::2])
            text = "".join(pieces)
    # str.translate is the quickest on long ASCII text, but costs some microseconds
    # before its first character: a log line takes a str.replace a character instead.
    if len(text) > _LONG and text.isascii():
        return text.translate(_DROP_WHITE_SPACE)
    for char in _WHITE_SPACE:
        if char in text:
            text = text.replace(char, "")
    return text


@functools.lru_cache(maxsize=1024)
def _fenced(form: str) -> str:
    return f"\x00{_DECODERS[form[0]](form)}\x00"


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
# Every module of the package logs on this one logger: a program configures or silences
# the SDK by one name, and the filter above guards that one logger.
logger: Final = logging.getLogger("greenapi_async")


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
    for name in (*_HTTP_LOGGERS, *present, logger.name):
        guarded = logging.getLogger(name)
        if _FILTER not in guarded.filters:
            guarded.addFilter(_FILTER)
