"""The journal listings' ``--status`` and ``--kind`` values: refused when they cannot match.

A typo (``--status delivred``) would otherwise filter everything out and look like an
empty journal. A value is taken when it names a status or kind this version knows (in
any case; a kind with or without its ``Message`` ending), when a message in the window
has it, or when it is written as the service writes a tag it may add later (camelCase,
such as ``buttonsMessage`` or ``interactiveButtons``) and is no near miss of a known
one. Anything else is refused, with the closest known value when there is one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from ._errors import InvalidArgumentError
from ._models import MessageStatus
from ._watch import KNOWN_KINDS, kind_matcher

__all__ = ["check_kind", "check_status"]

_SUFFIX: Final = "Message"
# How the service writes a tag: lower camelCase. At least one capital is asked for, so
# that a plain word (``nonsense``) is not taken for a tag this version does not know.
_WIRE_TAG: Final = re.compile(r"[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+")
# A name this close to a known one (difflib's ratio) is taken for a typo of it. Kinds are
# compared by their stems, as the shared "Message" ending makes any two tags alike; whole
# tags only when very close ("imagMesage").
_NEAR_MISS: Final = 0.8
_NEAR_MISS_WHOLE_TAG: Final = 0.9


def check_status(value: str, seen: Iterable[str]) -> None:
    """Refuse a ``--status`` no message can have; ``seen``: the window's statuses."""
    known = [status.value for status in MessageStatus]
    if any(status.lower() == value.lower() for status in (*known, *seen)):
        return
    closest = _closest(value.lower(), {status.lower(): status for status in known})
    _refuse_unless_tag_like(value, "--status", "statuses", known, closest)


def check_kind(value: str, seen: Iterable[str]) -> None:
    """Refuse a ``--kind`` no message can have; ``seen``: the window's wire tags."""
    matches = kind_matcher([value])
    if any(matches(tag) for tag in (*KNOWN_KINDS, *seen) if tag):
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
    short = [tag.removesuffix(_SUFFIX) for tag in KNOWN_KINDS]
    _refuse_unless_tag_like(value, "--kind", "kinds", short, closest)


def _closest(key: str, candidates: Mapping[str, str], cutoff: float = _NEAR_MISS) -> str | None:
    close = difflib.get_close_matches(key, candidates, n=1, cutoff=cutoff)
    return candidates[close[0]] if close else None


def _refuse_unless_tag_like(
    value: str, option: str, plural: str, known: Sequence[str], closest: str | None
) -> None:
    if closest is None and _WIRE_TAG.fullmatch(value):
        return  # a tag the service may add: it filters like any other
    hint = f"did you mean {closest!r}? " if closest is not None else ""
    raise InvalidArgumentError(
        f"{option} {value!r} is none of the {plural} greenapi-async knows, and no message "
        f"in this window has it; {hint}known {plural}: {', '.join(known)} (give a new one "
        "exactly as the service writes it, in camelCase)"
    )
