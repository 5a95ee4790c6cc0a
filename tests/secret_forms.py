"""The forms a token can take in an error body, and a check that none of them shows."""

from __future__ import annotations

import codecs
import pickle
import re
from collections.abc import Callable, Iterator

# A token shaped like a real one whose characters include those whose code points have
# hex letters (J-O, Z, j-o, z), so that upper- and lower-case escapes differ.
MIXED_TOKEN = "ZzJjKkLlMmNnOo0123456789abcdefXYZxyzQq4d2e8f0a1b"
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def json_escaped(
    token: str, escape: Callable[[int], bool], upper: Callable[[int], bool] = lambda i: False
) -> str:
    """``token`` as JSON may write it: the characters chosen by ``escape`` as \\uXXXX."""
    return "".join(
        (f"\\u{ord(char):04X}" if upper(i) else f"\\u{ord(char):04x}") if escape(i) else char
        for i, char in enumerate(token)
    )


ESCAPINGS: dict[str, Callable[[str], str]] = {
    "literal": lambda token: token,
    "all-escaped-lower-hex": lambda token: json_escaped(token, lambda i: True),
    "all-escaped-upper-hex": lambda token: json_escaped(token, lambda i: True, lambda i: True),
    "every-other-escaped": lambda token: json_escaped(token, lambda i: i % 2 == 1),
    "some-escaped-mixed-hex": lambda token: json_escaped(
        token, lambda i: i % 3 == 0, lambda i: i % 2 == 0
    ),
    "first-and-last-escaped": lambda token: json_escaped(token, lambda i: i in (0, len(token) - 1)),
}

# Where the token stands in the error body; {} is the token in its JSON form.
PLACES = {
    "description": '"description": "wrong token {}"',
    "key": '"description": "Unauthorized", "{}": "in a key"',
    "invokeStatus.description": '"description": "Unauthorized", '
    '"invokeStatus": {{"description": "quota {}"}}',
    "nested": '"description": "Unauthorized", '
    '"invokeStatus": {{"status": "QUOTE_EXCEEDED", "{}": [{{"k": "{}"}}]}}',
}


def error_document(code: int, place: str, secret: str) -> str:
    return f'{{"code": {code}, {PLACES[place].format(secret, secret)}}}'


def readable(text: str) -> str:
    """What a reader (or a JSON parser) gets back from ``text``: escapes undone, NULs dropped."""
    return _ESCAPE.sub(lambda match: chr(int(match[1], 16)), text).replace("\x00", "")


def strings_in(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings_in(item)


def assert_secret_absent(error: BaseException, secret: str) -> None:
    twin = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    for each in (error, twin):
        shown = [
            str(each),
            repr(each),
            repr(each.args),
            repr(vars(each)),
            getattr(each, "body", ""),
        ]
        shown += strings_in(vars(each))  # invoke_status, keys and values, at any depth
        for text in shown:
            assert secret not in readable(text), text


ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le": lambda text: text.encode("utf-16-le"),
    "utf-16-be": lambda text: text.encode("utf-16-be"),
    "utf-32-bom": lambda text: text.encode("utf-32"),
    "utf-32-be": lambda text: text.encode("utf-32-be"),
    "utf-8-bom": lambda text: text.encode("utf-8-sig"),
}
