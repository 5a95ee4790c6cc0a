"""JSON in and out, in one place: msgspec's codec, its failures folded into one type.

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
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, NamedTuple

__all__ = ["InvalidJSONError", "dumps", "loads"]


class InvalidJSONError(ValueError):
    """The text is not one JSON document that can be read; the message says why."""


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

    return _Codec(
        decode=msgspec.json.Decoder().decode,
        encode=msgspec.json.Encoder().encode,
        encode_sorted=msgspec.json.Encoder(order="sorted").encode,
        indent=lambda encoded: msgspec.json.format(encoded, indent=2),
        unreadable=(msgspec.DecodeError, UnicodeError),
    )


def loads(text: bytes | bytearray | memoryview | str) -> Any:
    """Parse one JSON document into dicts, lists, strings, numbers, booleans and None."""
    codec = _codec()
    try:
        return codec.decode(text)
    except codec.unreadable as exc:
        # "JSON is malformed: trailing comma in object (byte 182)": callers say the first
        # part themselves ("not valid JSON").
        raise InvalidJSONError(str(exc).removeprefix("JSON is malformed: ")) from None
    except RecursionError:
        if sys.getrecursionlimit() - _stack_depth() < _HEADROOM:
            raise
        raise InvalidJSONError("nested too deeply to read") from None


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
