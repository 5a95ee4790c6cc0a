"""The forms a token can take in an error body, and a check that none of them shows."""

from __future__ import annotations

import codecs
import pickle
import re
import sys
from collections.abc import Callable, Iterator, Mapping

# A token shaped like a real one whose characters include those whose code points have
# hex letters (J-O, Z, j-o, z), so that upper- and lower-case escapes differ.
MIXED_TOKEN = "ZzJjKkLlMmNnOo0123456789abcdefXYZxyzQq4d2e8f0a1b"


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


# --- How one character may be written: each a function of the character alone ---


def percent(char: str, *, upper: bool = False) -> str:
    return "".join(f"%{byte:02X}" if upper else f"%{byte:02x}" for byte in char.encode())


def decimal_reference(char: str, *, zeros: int = 0, semicolon: bool = True) -> str:
    return f"&#{'0' * zeros}{ord(char)}{';' if semicolon else ''}"


def hex_reference(
    char: str, *, x: str = "x", zeros: int = 0, upper: bool = False, semicolon: bool = True
) -> str:
    digits = f"{ord(char):X}" if upper else f"{ord(char):x}"
    return f"&#{x}{'0' * zeros}{digits}{';' if semicolon else ''}"


def json_escape(char: str, *, upper: bool = False) -> str:
    return f"\\u{ord(char):04X}" if upper else f"\\u{ord(char):04x}"


def written(
    token: str, form: Callable[[int, str], str], breaks: Mapping[int, str] | None = None
) -> str:
    """``token`` with its character ``i`` written as ``form(i, char)``, ``breaks[i]`` before it."""
    return "".join((breaks or {}).get(i, "") + form(i, char) for i, char in enumerate(token))


def _halves(token: str) -> dict[int, str]:
    return {len(token) // 2: "\n"}


def _mixture(i: int, char: str) -> str:
    # A quarter each: plain, percent-encoded, decimal and hex references.
    return (char, percent(char), decimal_reference(char), hex_reference(char, x="X"))[i % 4]


# A token echoed other than as JSON writes it: percent-encoded (as in a URL), as HTML
# character references, split over lines (folded or indented text), and all of it mixed.
OTHER_FORMS: dict[str, Callable[[str], str]] = {
    "percent-encoded": lambda token: written(token, lambda i, c: percent(c)),
    "percent-encoded-upper-hex": lambda token: written(token, lambda i, c: percent(c, upper=True)),
    "percent-encoded-mixed-case-hex": lambda token: written(
        token, lambda i, c: percent(c, upper=i % 2 == 0)
    ),
    "partly-percent-encoded": lambda token: written(
        token, lambda i, c: percent(c) if i % 3 == 0 else c
    ),
    "decimal-references": lambda token: written(token, lambda i, c: decimal_reference(c)),
    "decimal-references-with-leading-zeros": lambda token: written(
        token, lambda i, c: decimal_reference(c, zeros=i % 5)
    ),
    "decimal-references-without-semicolons": lambda token: written(
        token, lambda i, c: decimal_reference(c, semicolon=False)
    ),
    "hex-references": lambda token: written(token, lambda i, c: hex_reference(c)),
    "hex-references-upper-x-and-digits": lambda token: written(
        token, lambda i, c: hex_reference(c, x="X", upper=True)
    ),
    "hex-references-with-leading-zeros": lambda token: written(
        token, lambda i, c: hex_reference(c, x="xX"[i % 2], zeros=i % 4, upper=i % 3 == 0)
    ),
    "references-mixed-with-plain": lambda token: written(
        token,
        lambda i, c: (c, decimal_reference(c, zeros=1), c, hex_reference(c, upper=True))[i % 4],
    ),
    "split-by-a-line-feed": lambda token: written(token, lambda i, c: c, _halves(token)),
    "split-by-crlf": lambda token: written(token, lambda i, c: c, {7: "\r\n"}),
    "folded-with-indentation": lambda token: written(
        token, lambda i, c: c, dict.fromkeys(range(10, len(token), 10), "\r\n ")
    ),
    "split-across-indented-html-lines": lambda token: written(
        token, lambda i, c: c, {5: "\n        ", 20: "\n\t\t"}
    ),
    "half-percent-half-references-split-in-the-middle": lambda token: written(
        token,
        lambda i, c: percent(c) if i < len(token) // 2 else hex_reference(c, zeros=2),
        {len(token) // 2: "\r\n    "},
    ),
    "every-form-mixed-with-encoded-line-breaks": lambda token: written(
        token,
        lambda i, c: json_escape(c) if i % 5 == 4 else _mixture(i, c),
        {3: percent("\n"), 9: decimal_reference("\r") + hex_reference("\n"), 17: "\n \t"},
    ),
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


# One layer of every encoding a token's characters may have in an error body: a JSON
# escape (long or short), a percent-encoded byte, an HTML character reference (decimal or
# hex, any number of leading zeros, the semicolon optional as HTML allows).
_ONE_LAYER = re.compile(
    r"\\u(?P<json>[0-9a-fA-F]{4})"
    r"|\\(?P<short>[nrt\"\\/])"
    r"|%(?P<percent>[0-9a-fA-F]{2})"
    r"|&#(?P<decimal>[0-9]+);?"
    r"|&#[xX](?P<hex>[0-9a-fA-F]+);?"
)
_SHORT_ESCAPES = {"n": "\n", "r": "\r", "t": "\t"}
# What a reader skips between two characters: white space, and the NULs of a UTF-16 body
# read as UTF-8.
_SKIPPED = re.compile("[ \t\r\n\x00]+")


def readable(text: str) -> str:
    """What a reader gets back from ``text``: one layer of encoding undone, white space dropped.

    A reader sees a token split over lines, or written with some characters encoded, as
    easily as the token itself: whatever it recovers here must not hold the token.
    """
    return _SKIPPED.sub("", _ONE_LAYER.sub(_decoded, text))


def _decoded(match: re.Match[str]) -> str:
    if match["short"] is not None:
        return _SHORT_ESCAPES.get(match["short"], match["short"])
    number = next(
        int(match[name], base)
        for name, base in (("json", 16), ("percent", 16), ("decimal", 10), ("hex", 16))
        if match[name] is not None
    )
    return chr(number) if number <= sys.maxunicode else match[0]


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


def shown_by(error: BaseException) -> list[str]:
    """Everything ``error`` shows (str, repr, attributes at any depth), and so its copy
    through pickle, as a reader reads it."""
    twin = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    shown: list[str] = []
    for each in (error, twin):
        shown += [str(each), repr(each), repr(each.args), repr(vars(each))]
        shown.append(getattr(each, "body", ""))
        shown += strings_in(vars(each))  # invoke_status, keys and values, at any depth
    return [readable(text) for text in shown]


def assert_secret_absent(error: BaseException, secret: str) -> None:
    for text in shown_by(error):
        assert secret not in text, text


ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le": lambda text: text.encode("utf-16-le"),
    "utf-16-be": lambda text: text.encode("utf-16-be"),
    "utf-32-bom": lambda text: text.encode("utf-32"),
    "utf-32-be": lambda text: text.encode("utf-32-be"),
    "utf-8-bom": lambda text: text.encode("utf-8-sig"),
}
