"""Generated messages of every kind survive encode -> decode, field for field."""

from __future__ import annotations

import json
from typing import Any, get_args

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import greenapi_async as ga

KNOWN_KINDS = [cls for cls in get_args(ga.OutgoingMessage) if cls is not ga.UnknownMessage]

texts = st.text(max_size=30)
optional_texts = st.none() | texts
optional_bools = st.none() | st.booleans()
statuses = st.sampled_from(list(ga.MessageStatus)) | texts.filter(
    lambda s: s not in {status.value for status in ga.MessageStatus}
)
coordinates = st.none() | st.floats(-180, 180, allow_nan=False)

NESTED: dict[type, st.SearchStrategy[Any]] = {
    ga.Location: st.builds(
        ga.Location,
        name_location=optional_texts,
        address=optional_texts,
        latitude=coordinates,
        longitude=coordinates,
        jpeg_thumbnail=optional_texts,
    ),
    ga.Contact: st.builds(ga.Contact, display_name=optional_texts, vcard=optional_texts),
    ga.ExtendedText: st.builds(
        ga.ExtendedText,
        text=optional_texts,
        description=optional_texts,
        title=optional_texts,
        preview_type=optional_texts,
        jpeg_thumbnail=optional_texts,
        stanza_id=optional_texts,
        participant=optional_texts,
    ),
    ga.PollData: st.builds(
        ga.PollData,
        name=optional_texts,
        options=st.lists(st.builds(ga.PollOption, option_name=texts), max_size=4).map(tuple),
        multiple_answers=optional_bools,
    ),
}


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
        }
        return {key: item for key, item in wire.items() if item is not None}
    return value


def field_strategy(field: attrs.Attribute[Any]) -> st.SearchStrategy[Any]:
    if field.name == "status_message":
        return statuses
    if field.name == "timestamp":
        return st.integers(0, 253_402_300_799)
    if field.name == "quoted_message":
        return st.none() | st.builds(
            lambda stanza, kind, text: ga.QuotedMessage(
                stanza_id=stanza,
                type_message=kind,
                raw={"stanzaId": stanza, "typeMessage": kind, "textMessage": text},
            ),
            texts,
            texts,
            texts,
        )
    for nested, strategy in NESTED.items():
        if nested.__name__ in str(field.type):
            return st.none() | strategy
    if "bool" in str(field.type):
        return optional_bools
    if "int" in str(field.type):
        return st.none() | st.integers(0, 2**40)
    return optional_texts if "None" in str(field.type) else texts


def message_strategy(cls: type) -> st.SearchStrategy[Any]:
    fields = {f.name: field_strategy(f) for f in attrs.fields(cls) if f.init}
    return st.builds(cls, **fields)


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
    assert len(KNOWN_KINDS) == 10
