"""docs/messages.md lists every field of every class a message is made of, from the models.

Adding a field is its line in ``greenapi_async/_models.py`` and its row on that page:
these tests fail on a field the page does not list, or lists under another wire key.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

import attrs
import pytest

import greenapi_async as ga
from greenapi_async._models import wire_key

PAGE = Path(__file__).resolve().parent.parent / "docs" / "messages.md"
KINDS = [cls for cls in typing.get_args(ga.Message) if cls is not ga.UnknownMessage]
# What every message has, UnknownMessage included: its fields are exactly these.
COMMON: list[attrs.Attribute[typing.Any]] = list(attrs.fields(ga.UnknownMessage))
COMMON_NAMES = {field.name for field in COMMON}


def _nested_classes() -> list[type]:
    """Every class a message's fields hold, at any depth, in the order first met."""
    found: list[type] = []
    pending = list(KINDS)
    while pending:
        for field in attrs.fields(attrs.resolve_types(pending.pop(0))):
            for inner in (field.type, *typing.get_args(field.type)):
                if attrs.has(inner) and inner not in found and inner not in KINDS:
                    found.append(inner)
                    pending.append(inner)
    return found


NESTED = _nested_classes()


def _section(heading: str) -> str:
    text = PAGE.read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _rows(heading: str) -> list[list[str]]:
    """The cells of each row of the tables of a section, the header and rule left out."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in _section(heading).splitlines()
        if line.startswith("|") and not line.startswith("|---")
    ]
    return [row for row in rows if row[0] not in {"field", "class", "`typeMessage`"}]


def _names(cell: str) -> list[str]:
    """The names a cell shows in code: ``extended_text_message: ExtendedText`` is one."""
    return re.findall(r"`(\w+)", cell)


def _public(name: str) -> str:
    return name.lstrip("_")  # ``_raw`` is shown as ``raw``


def _listed_with_keys(rows: list[list[str]]) -> dict[str, list[str]]:
    """By field name, the wire keys its row names: the last cell's, in the same order."""
    listed: dict[str, list[str]] = {}
    for row in rows:
        for name in _names(row[-3]):
            listed[name] = _names(row[-1])
    return listed


def _expected_rows(fields: typing.Iterable[attrs.Attribute[typing.Any]]) -> dict[str, str]:
    # The wire object has no key of its own: it is the whole object.
    return {
        _public(field.name): "" if field.name == "_raw" else wire_key(field.name)
        for field in fields
    }


def test_the_kinds_table_lists_each_kinds_own_fields() -> None:
    rows = {_names(row[1])[0]: row[2] for row in _rows("Where messages come from")}
    for cls in KINDS:
        cell = rows[cls.__name__]
        same_as = re.match(r"the same as `(\w+)`", cell)
        listed = set(_names(rows[same_as[1]] if same_as else cell))
        own = {field.name for field in attrs.fields(cls)} - COMMON_NAMES
        assert own <= listed, f"{cls.__name__}: {sorted(own - listed)} not in the kinds table"
    assert set(rows) >= {cls.__name__ for cls in KINDS}


def test_the_fields_every_message_has_are_listed_with_their_wire_keys() -> None:
    listed = _listed_with_keys(_rows("Fields every message has"))
    for name, key in _expected_rows(COMMON).items():
        assert name in listed, f"{name} is not in the table of fields every message has"
        assert key in listed[name] or not key, f"{name}: its wire key is {key}"


@pytest.mark.parametrize("cls", NESTED, ids=lambda cls: cls.__name__)
def test_every_field_of_every_nested_object_is_listed_with_its_wire_key(cls: type) -> None:
    by_class: dict[str, list[list[str]]] = {}
    current = ""
    for row in _rows("Nested objects"):
        current = _names(row[0])[0] if row[0] else current
        by_class.setdefault(current, []).append(row)
    listed = _listed_with_keys(by_class.get(cls.__name__, []))
    for name, key in _expected_rows(attrs.fields(cls)).items():
        assert name in listed, f"{cls.__name__}.{name} is not in the table of nested objects"
        assert key in listed[name] or not key, f"{cls.__name__}.{name}: its wire key is {key}"
    assert set(listed) == set(_expected_rows(attrs.fields(cls))), "a field it does not have"


def test_the_nested_objects_are_the_ones_a_message_holds() -> None:
    assert {cls.__name__ for cls in NESTED} == {
        "QuotedMessage", "Location", "Contact", "ExtendedText", "PollData", "PollOption",
        "PollUpdate", "PollVote", "EditedMessageData", "DeletedMessageData", "GroupInvite",
    }  # fmt: skip
