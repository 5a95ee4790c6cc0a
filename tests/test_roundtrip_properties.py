"""Generated messages of every kind survive encode -> decode, field for field."""

from __future__ import annotations

import functools
import json
import operator
from typing import Any, get_args, get_origin

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import greenapi_async as ga

KNOWN_KINDS = [cls for cls in get_args(ga.Message) if cls is not ga.UnknownMessage]

texts = st.text(max_size=30)
statuses = st.sampled_from(list(ga.MessageStatus)) | texts.filter(
    lambda s: s not in {status.value for status in ga.MessageStatus}
)
quoted_messages = st.builds(
    lambda stanza, kind, text: ga.QuotedMessage(
        stanza_id=stanza,
        type_message=kind,
        raw={"stanzaId": stanza, "typeMessage": kind, "textMessage": text},
    ),
    texts,
    texts,
    texts,
)
SCALARS: dict[Any, st.SearchStrategy[Any]] = {
    str: texts,
    int: st.integers(0, 2**40),
    bool: st.booleans(),
    float: st.floats(-180, 180, allow_nan=False),
    ga.MessageStatus | str: statuses,
    str | int: texts | st.integers(0, 2**40),
    ga.QuotedMessage: quoted_messages,
}


def type_strategy(type_: Any) -> st.SearchStrategy[Any]:
    """Values of any field type of the models, by the type alone."""
    args = get_args(type_)
    if type(None) in args:
        rest = [arg for arg in args if arg is not type(None)]
        inner = rest[0] if len(rest) == 1 else functools.reduce(operator.or_, rest)
        return st.none() | type_strategy(inner)
    if type_ in SCALARS:
        return SCALARS[type_]
    if get_origin(type_) is tuple:
        return st.lists(type_strategy(args[0]), max_size=3).map(tuple)
    assert attrs.has(type_), type_
    return object_strategy(type_)


def object_strategy(cls: type) -> st.SearchStrategy[Any]:
    fields = attrs.fields(attrs.resolve_types(cls))
    return st.builds(
        cls, **{f.name: field_strategy(f) for f in fields if f.init and f.name != "_raw"}
    )


def field_strategy(field: attrs.Attribute[Any]) -> st.SearchStrategy[Any]:
    if field.name == "timestamp":
        return st.integers(0, 253_402_300_799)
    if field.name == "type_message":
        return st.just(field.default)  # the class's own tag
    return type_strategy(field.type)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def to_wire(value: Any) -> Any:
    """The JSON the service would send for a model object (the inverse of decoding)."""
    if isinstance(value, ga.MessageStatus):
        return value.value
    if isinstance(value, tuple):
        return [to_wire(item) for item in value]
    if isinstance(value, ga.QuotedMessage):
        return dict(value.raw)
    if attrs.has(type(value)):
        wire = {
            _camel(field.name): to_wire(getattr(value, field.name))
            for field in attrs.fields(type(value))
            if field.name != "_raw"
        }
        return {key: item for key, item in wire.items() if item is not None}
    return value


def message_strategy(cls: type) -> st.SearchStrategy[Any]:
    return object_strategy(cls)


@pytest.mark.parametrize("cls", KNOWN_KINDS, ids=lambda cls: cls.__name__)
@settings(max_examples=40)
@given(data=st.data())
def test_every_kind_survives_encode_then_decode(cls: type, data: st.DataObject) -> None:
    message = data.draw(message_strategy(cls))
    body = json.dumps([to_wire(message)])
    (decoded,) = ga.decode_outgoing_messages(body)
    assert type(decoded) is cls
    assert decoded == message


def test_every_known_kind_is_generated() -> None:
    assert len(KNOWN_KINDS) == 17
