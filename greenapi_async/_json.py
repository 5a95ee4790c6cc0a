r"""JSON in and out, in one place: msgspec's codec, its failures folded into one type.

msgspec reads a journal into plain dicts and lists about a third faster than orjson did
on the same bytes (``nox -s bench``, decode tables), and its untyped decoder returns the
same builtins as ``json.loads``. Its failures come in several types: malformed JSON
(``msgspec.DecodeError``, and its subclass for a number out of range), bytes that are
not UTF-8 or a ``str`` that cannot be encoded to it (``UnicodeError``), and nesting too
deep to read (``RecursionError``). ``InvalidJSONError`` stands for all of them, so a
caller has one thing to catch and none of them escapes.

The last is told apart from a caller's own deep stack: msgspec counts each level of
nesting against the interpreter's recursion limit, as Python counts calls. A journal
nests four levels deep, so a RecursionError while the caller still had hundreds of
calls to spare is the document's doing; with little to spare it is this process's, and
is raised as it is (``LOCAL_FAILURES``).

Some valid JSON is beyond msgspec: a string escape that is half of a surrogate pair
(``"\ud83d"``, what JavaScript writes for an emoji cut in half) and a number no float or
int can hold (``1e400``, an integer of more digits than Python converts). One such value
must cost at most the entry that holds it, so a document msgspec refuses is read again
by the standard library's parser (see ``parse``): a lone surrogate becomes U+FFFD, the
replacement character, as a UTF-8 decoder treats a broken sequence; an unreadable number
is kept as its text (``UnreadableNumber``), and listed with where it stood, for the caller
to refuse what holds it. That second reading is slower, and only ever runs on a document
the first refused.
"""

from __future__ import annotations

import functools
import json
import math
import re
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, Final, NamedTuple

__all__ = [
    "InvalidJSONError",
    "Parsed",
    "Unreadable",
    "UnreadableNumber",
    "dumps",
    "loads",
    "parse",
]


class InvalidJSONError(ValueError):
    """The text is not one JSON document that can be read; the message says why."""


class UnreadableNumber(str):
    """A JSON number no float or int of this process can hold, kept as its text."""

    __slots__ = ()


class Unreadable(NamedTuple):
    """Where an ``UnreadableNumber`` stood: the keys and indexes leading to it."""

    path: tuple[str | int, ...]
    number: UnreadableNumber

    @property
    def problem(self) -> str:
        """What is wrong, in words: "the number 1e400 is out of range"."""
        text = str(self.number)
        digits = sum(character.isdigit() for character in text)
        if digits > _SHOWN_DIGITS:
            return f"a number of {digits:,} digits, more than can be read"
        return f"the number {text} is out of range"


class Parsed(NamedTuple):
    """A parsed document, and the numbers in it that could not be read."""

    value: Any
    unreadable: tuple[Unreadable, ...] = ()


# Longer numbers are described by their size, not shown.
_SHOWN_DIGITS: Final = 40
_REPLACEMENT: Final = "\ufffd"
_TRUNCATED: Final = "Input data was truncated"


class _Codec(NamedTuple):
    decode: Callable[[Any], Any]
    encode: Callable[[Any], bytes]
    encode_sorted: Callable[[Any], bytes]
    indent: Callable[[bytes], bytes]
    unreadable: tuple[type[Exception], ...]


@functools.cache
def _codec() -> _Codec:
    # Imported on first use, not with the package: msgspec brings typing_extensions, about
    # 25 ms of a program's start, which a program that never reads a journal never needs.
    import msgspec

    def encode_unreadable(value: Any) -> Any:
        # Written back as it came: a number, not a string.
        if isinstance(value, UnreadableNumber):
            return msgspec.Raw(value.encode())
        raise NotImplementedError

    return _Codec(
        decode=msgspec.json.Decoder().decode,
        encode=msgspec.json.Encoder(enc_hook=encode_unreadable).encode,
        encode_sorted=msgspec.json.Encoder(enc_hook=encode_unreadable, order="sorted").encode,
        indent=lambda encoded: msgspec.json.format(encoded, indent=2),
        unreadable=(msgspec.DecodeError, UnicodeError),
    )


def loads(text: bytes | bytearray | memoryview | str) -> Any:
    """Parse one JSON document into dicts, lists, strings, numbers, booleans and None.

    An unreadable number is an ``UnreadableNumber``; ``parse`` also says where.
    """
    return parse(text).value


def parse(text: bytes | bytearray | memoryview | str) -> Parsed:
    """Parse one JSON document, and list the numbers in it that could not be read."""
    codec = _codec()
    try:
        return Parsed(codec.decode(text))
    except codec.unreadable as exc:
        refusal = str(exc)
    except RecursionError:
        if sys.getrecursionlimit() - _stack_depth() < _HEADROOM:
            raise
        # No other parser reads deeper: said at once.
        raise InvalidJSONError("nested too deeply to read") from None
    # Outside the except block: the second reading must not chain onto the first's error.
    return _parse_what_msgspec_refused(text, refusal)


def _parse_what_msgspec_refused(text: bytes | bytearray | memoryview | str, refusal: str) -> Parsed:
    """Read a document msgspec refused with the standard library's parser, or say why not.

    Only valid JSON is taken: the parser's extensions (``NaN``, ``Infinity``) are refused
    as msgspec refuses them, and bytes must be UTF-8.
    """
    problem = refusal.removeprefix("JSON is malformed: ")
    try:
        document = text if isinstance(text, str) else bytes(text).decode()
        value = json.loads(
            document,
            parse_float=_float_or_unreadable,
            parse_int=_int_or_unreadable,
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as exc:
        # msgspec calls any document with a lone surrogate "truncated": unless the text
        # ends where the parser stopped, or in the middle of an escape, the parser's own
        # words name the real problem.
        if (
            problem == _TRUNCATED
            and exc.pos < len(exc.doc.rstrip())
            and not exc.msg.startswith("Invalid \\u")
        ):
            problem = exc.msg + f" (character {exc.pos})"
        failed = True
    except (ValueError, RecursionError):
        failed = True
    else:
        failed = False
    if failed:
        # "JSON is malformed: trailing comma in object (byte 182)": callers say the first
        # part themselves ("not valid JSON").
        raise InvalidJSONError(problem) from None
    return _repaired(value)


def _float_or_unreadable(text: str) -> float | UnreadableNumber:
    number = float(text)
    return UnreadableNumber(text) if math.isinf(number) else number


def _int_or_unreadable(text: str) -> int | UnreadableNumber:
    try:
        return int(text)
    except ValueError:  # more digits than int() converts (sys.get_int_max_str_digits)
        return UnreadableNumber(text)


def _refuse_constant(text: str) -> Any:
    raise ValueError(f"{text} is not JSON")


@functools.cache  # compiled at first use: only a body that needs repair does
def _lone_surrogate() -> re.Pattern[str]:
    return re.compile("[\ud800-\udfff]")


def _repaired(value: Any) -> Parsed:
    """Replace lone surrogates with U+FFFD, and list where unreadable numbers stand.

    Walked with a stack of its own, not by recursion: a document nested as deep as the
    parser allows must not overflow this walk.
    """
    lone_surrogate = _lone_surrogate()
    if type(value) is str:
        return Parsed(lone_surrogate.sub(_REPLACEMENT, value))
    if isinstance(value, UnreadableNumber):
        return Parsed(value, (Unreadable((), value),))
    unreadable: list[Unreadable] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        container, path = stack.pop()
        if type(container) is dict:
            if any(lone_surrogate.search(key) for key in container):
                repaired = {lone_surrogate.sub(_REPLACEMENT, k): v for k, v in container.items()}
                container.clear()
                container.update(repaired)
            items: Any = container.items()
        elif type(container) is list:
            items = enumerate(container)
        else:
            continue
        for key, item in list(items):
            if type(item) is str:
                if lone_surrogate.search(item):
                    container[key] = lone_surrogate.sub(_REPLACEMENT, item)
            elif isinstance(item, UnreadableNumber):
                unreadable.append(Unreadable((*path, key), item))
            elif type(item) is dict or type(item) is list:
                stack.append((item, (*path, key)))
    # In the document's order of entries (indexes compared as numbers), then by key.
    unreadable.sort(key=lambda found: [(type(s) is str, str(s).zfill(20)) for s in found.path])
    return Parsed(value, tuple(unreadable))


# Calls left to the caller below which a RecursionError is the caller's, not the text's.
_HEADROOM = 200


def _stack_depth() -> int:
    depth = 0
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back
    return depth


def dumps(value: Any, *, indent: bool = False, sort_keys: bool = False) -> bytes:
    """Encode ``value`` as compact UTF-8 JSON, or indented by two spaces."""
    codec = _codec()
    encoded = (codec.encode_sorted if sort_keys else codec.encode)(value)
    return codec.indent(encoded) if indent else encoded
