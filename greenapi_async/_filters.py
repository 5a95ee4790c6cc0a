"""Filters on message kinds, statuses and chats: how each is named, and which are refused.

The watchers' ``kinds=``, ``statuses=``, ``chats=`` and ``senders=`` and the command
line's ``--kind``, ``--status`` and ``--chat`` read these rules. A typo (``delivred``)
would otherwise filter everything out and look like an empty journal. A value is taken
when it names a status or kind this version knows (in any case; a kind with or without its
``Message`` ending), when a message at hand has it, or when it is written as the service
writes a tag it may add later (camelCase, such as ``buttonsMessage`` or
``interactiveButtons``) and is no near miss of a known one. Anything else is refused, with
the closest known value when there is one.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Final, get_args

import attrs

from ._errors import InvalidArgumentError
from ._models import Message, MessageStatus, UnknownMessage
from ._validation import describe, validate_chat_id

__all__ = [
    "KNOWN_KINDS",
    "chat_id_set",
    "check_kind",
    "check_status",
    "kind_matcher",
    "kind_set",
    "normal_kind",
    "status_set",
]

# "textmessage" -> "textMessage", for every kind this version models.
_KIND_BY_LOWER: Final[Mapping[str, str]] = {
    tag.lower(): tag
    for tag in (
        attrs.fields(cls).type_message.default
        for cls in get_args(Message)
        if cls is not UnknownMessage
    )
}

# The wire tags of the kinds this version models, in the order of the Message union.
KNOWN_KINDS: Final = tuple(_KIND_BY_LOWER.values())


def normal_kind(kind: str) -> str:
    """Name a kind by its wire tag: ``text`` or ``TEXTMESSAGE`` -> ``textMessage``.

    A kind this version does not model is kept, with ``Message`` appended if missing.
    """
    if not kind:
        return kind
    known = _KIND_BY_LOWER.get(kind.lower()) or _KIND_BY_LOWER.get(f"{kind}message".lower())
    if known is not None:
        return known
    return kind if kind.endswith("Message") else f"{kind}Message"


def kind_matcher(kinds: Iterable[str]) -> Callable[[str], bool]:
    """Say whether a wire tag is one of ``kinds``, named as ``normal_kind`` accepts.

    A kind this version does not model matches its wire tag as given too, in any case:
    ``interactiveButtons`` names a tag that does not end in ``Message``.
    """
    accepted = frozenset(
        name.lower() for kind in kinds for name in (kind, normal_kind(kind)) if name
    )
    return lambda tag: tag.lower() in accepted


_SUFFIX: Final = "Message"
# How the service writes a tag: lower camelCase. At least one capital is asked for, so
# that a plain word (``nonsense``) is not taken for a tag this version does not know.
_WIRE_TAG: Final = re.compile(r"[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+")
# A name this close to a known one (difflib's ratio) is taken for a typo of it. Kinds are
# compared by their stems, as the shared "Message" ending makes any two tags alike; whole
# tags only when very close ("imagMesage").
_NEAR_MISS: Final = 0.8
_NEAR_MISS_WHOLE_TAG: Final = 0.9


def check_status(
    value: str, seen: Iterable[str] | None = None, *, name: str = "--status", lenient: bool = False
) -> None:
    """Refuse a status no message can have; ``seen``: the statuses of the messages at hand.

    ``lenient``: refuse only a near miss of a known status (a library's filter, which
    must take any status the service may add, however written).
    """
    known = [status.value for status in MessageStatus]
    if any(status.lower() == value.lower() for status in (*known, *(seen or ()))):
        return
    closest = _closest(value.lower(), {status.lower(): status for status in known})
    if lenient and closest is None:
        return
    _refuse_unless_tag_like(value, name, "statuses", known, closest, window=seen is not None)


def check_kind(
    value: str, seen: Iterable[str] | None = None, *, name: str = "--kind", lenient: bool = False
) -> None:
    """Refuse a kind no message can have; ``seen``: the wire tags of the messages at hand.

    ``lenient``: refuse only a near miss of a known kind, as ``check_status``.
    """
    matches = kind_matcher([value])
    if any(matches(tag) for tag in (*KNOWN_KINDS, *(seen or ())) if tag):
        return
    lowered = value.lower()
    stem = lowered.removesuffix(_SUFFIX.lower())
    # Suggested in the form given: "imag" -> "image", "imagMessage" -> "imageMessage".
    whole = stem != lowered
    by_stem = {
        tag.lower().removesuffix(_SUFFIX.lower()): tag if whole else tag.removesuffix(_SUFFIX)
        for tag in KNOWN_KINDS
    }
    closest = _closest(stem, by_stem) or _closest(
        lowered, {tag.lower(): tag for tag in KNOWN_KINDS}, cutoff=_NEAR_MISS_WHOLE_TAG
    )
    if lenient and closest is None:
        return
    short = [tag.removesuffix(_SUFFIX) for tag in KNOWN_KINDS]
    _refuse_unless_tag_like(value, name, "kinds", short, closest, window=seen is not None)


def _closest(key: str, candidates: Mapping[str, str], cutoff: float = _NEAR_MISS) -> str | None:
    close = difflib.get_close_matches(key, candidates, n=1, cutoff=cutoff)
    return candidates[close[0]] if close else None


def _refuse_unless_tag_like(
    value: str,
    option: str,
    plural: str,
    known: Sequence[str],
    closest: str | None,
    *,
    window: bool,
) -> None:
    if closest is None and _WIRE_TAG.fullmatch(value):
        return  # a tag the service may add: it filters like any other
    hint = f"did you mean {closest!r}? " if closest is not None else ""
    nowhere = ", and no message in this window has it" if window else ""
    raise InvalidArgumentError(
        f"{option} {value!r} is none of the {plural} greenapi-async knows{nowhere}; "
        f"{hint}known {plural}: {', '.join(known)} (give a new one exactly as the service "
        "writes it, in camelCase)"
    )


def str_set(name: str, values: Collection[str] | None) -> frozenset[str] | None:
    """A filter's values as a set of strings; None for no filter."""
    # A bare string is a collection of characters: "79001234567@c.us" would watch
    # eleven one-character chats and report nothing.
    if values is None:
        return None
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidArgumentError(
            f"{name} must be a collection of strings such as a set or a list, "
            f"not {describe(values)}"
        )
    items = list(values)
    if not all(isinstance(item, str) for item in items):
        raise InvalidArgumentError(f"{name} must hold only strings")
    return frozenset(str(item) for item in items)  # str(): a MessageStatus is its value


def chat_id_set(name: str, values: Collection[str] | None) -> frozenset[str] | None:
    """A filter of chat ids, each in a form the service documents; None for no filter."""
    return _checked_set(name, values, validate_chat_id)


def kind_set(name: str, values: Collection[str] | None) -> frozenset[str] | None:
    """A filter of kinds, none a near miss of a known one; None for no filter."""
    return _checked_set(name, values, functools.partial(check_kind, lenient=True))


def status_set(name: str, values: Collection[str] | None) -> frozenset[str] | None:
    """A filter of statuses, none a near miss of a known one; None for no filter."""
    return _checked_set(name, values, functools.partial(check_status, lenient=True))


def _checked_set(
    name: str, values: Collection[str] | None, check: Callable[..., object]
) -> frozenset[str] | None:
    checked = str_set(name, values)
    for value in checked or ():
        check(value, name=name)
    return checked
