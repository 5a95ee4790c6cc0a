r"""Text that others wrote, made safe to show: its invisible controls as visible escapes.

A message's text, a sender's name, a caption, an error answer's description: a
WhatsApp contact or the service chooses them. Printed as they are, a terminal obeys the
control sequences in them (``ESC ] 52`` writes the clipboard, ``ESC [ 2J`` clears the
screen, ``ESC ] 0`` sets the window's title), a newline forges a line of a table or of a
log, and a bidi override turns the rest of the line around. So every text the command
line prints as a table, and every exception's message, writes these characters as the
escapes of a Python string literal, each naming its code point: ``\x1b``, ``\x07``,
``\n``, ``\u202e``.

A backslash is left as it is. Escaping it too would make the rule unambiguous even for
a text that holds the four characters ``\x1b``, but then escaping twice would double
it, and error messages quote values with ``repr()``, whose backslashes are escapes
already; this way, escaping what was escaped changes nothing. Where the exact text
matters, it is in the JSON output and in the exceptions' attributes, unchanged.
"""

from __future__ import annotations

import functools
import re
from typing import Final

__all__ = ["escape_controls", "escape_controls_in_json"]

# Beyond the C0 controls (U+0000 to U+001F, newline and tab included): DEL and the C1
# controls (U+007F to U+009F, CSI among them); the Arabic letter mark (U+061C), the
# left-to-right and right-to-left marks (U+200E, U+200F), the line and paragraph
# separators (U+2028, U+2029), the bidi embeddings and overrides (U+202A to U+202E) and
# isolates (U+2066 to U+2069). Zero-width joiners are not among them: emoji are built
# with them.
_BEYOND_C0: Final = r"\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"


# Compiled at first use: only error messages and output need them, and an import
# should not pay for them.
@functools.cache
def _controls() -> re.Pattern[str]:
    return re.compile(rf"[\x00-\x1f{_BEYOND_C0}]")


@functools.cache
def _controls_left_in_json() -> re.Pattern[str]:
    # A JSON encoder escapes the C0 controls itself, and puts newlines between the items
    # of an indented document: those are left alone.
    return re.compile(f"[{_BEYOND_C0}]")


_NAMED: Final = {"\n": r"\n", "\r": r"\r", "\t": r"\t"}


def escape_controls(text: str) -> str:
    r"""``text`` with each control and bidi character written as an escape (``\x1b``).

    Newline, carriage return and tab are ``\n``, ``\r`` and ``\t``; the others ``\xHH``
    below U+0100 and ``\uHHHH`` above it. Every other character, a backslash included,
    stays as it is, so that escaping an escaped text changes nothing.
    """
    return _controls().sub(_escape, text)


def escape_controls_in_json(document: str) -> str:
    r"""A JSON document with the same characters written as JSON escapes (``\u202e``).

    The document means exactly what it meant (a JSON parser reads ``\u202e`` as the
    character), but no longer holds them raw for a terminal to obey.
    """
    return _controls_left_in_json().sub(lambda match: f"\\u{ord(match.group()):04x}", document)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
