"""The message classes themselves: frozen, slotted, hashable, matchable, typed."""

from __future__ import annotations

import json
import typing
from datetime import datetime, timezone

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import greenapi_async as ga
from greenapi_async.testing import FakeGreenAPI

from .conftest import data_bytes
from .test_roundtrip_properties import object_strategy


def make_text(**changes: object) -> ga.TextMessage:
    fields: dict[str, typing.Any] = {
        "id_message": "A1",
        "timestamp": 0,
        "status_message": ga.MessageStatus.SENT,
        "chat_id": "1@c.us",
        "text_message": "hi",
    }
    fields.update(changes)
    return ga.TextMessage(**fields)


@pytest.mark.parametrize("cls", typing.get_args(ga.OutgoingMessage))
def test_every_message_class_is_a_frozen_slotted_attrs_class(cls: type) -> None:
    assert attrs.has(cls)
    assert "__slots__" in vars(cls)
    assert cls.__setattr__ is not object.__setattr__  # attrs' frozen guard
    assert all(field.name == field.name.lower() for field in attrs.fields(cls))


def test_messages_cannot_be_changed_after_decoding() -> None:
    message = make_text()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        message.text_message = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        message.not_a_field = 1  # type: ignore[attr-defined]
    assert not hasattr(message, "__dict__")


def test_messages_are_hashable_and_compare_by_value() -> None:
    assert make_text() == make_text()
    assert len({make_text(), make_text(), make_text(id_message="B2")}) == 2
    # An unknown kind's raw (which may hold lists) takes part in equality, not in hashing.
    unknown = ga.UnknownMessage("x", {"typeMessage": "x", "list": [1]})
    same = ga.UnknownMessage("x", {"typeMessage": "x", "list": [1]})
    other = ga.UnknownMessage("x", {"typeMessage": "x", "list": [2]})
    assert (unknown == same, unknown == other) == (True, False)
    assert len({unknown, same, other}) == 2


# Every public attrs class; those of the messages, the nested objects included.
PUBLIC_ATTRS_CLASSES = [
    cls
    for cls in (getattr(ga, name) for name in ga.__all__)
    if isinstance(cls, type) and attrs.has(cls)
]
MODEL_CLASSES = [cls for cls in PUBLIC_ATTRS_CLASSES if cls.__module__ == ga.TextMessage.__module__]


def _attrs_twin(cls: type) -> type:
    """The class attrs makes over the fields of ``cls``, with its own eq, hash and repr."""
    fields = {
        field.name: attrs.field(alias=field.alias, eq=field.eq, hash=field.hash, repr=field.repr)
        for field in attrs.fields(cls)
    }
    return attrs.make_class(cls.__name__, fields, frozen=True, kw_only=True)


def _twin_of(twin: type, message: typing.Any) -> object:
    fields = attrs.fields(type(message))
    return twin(**{field.alias: getattr(message, field.name) for field in fields})


def test_the_public_attrs_classes_share_one_eq_hash_and_repr() -> None:
    # Written once for all of them: attrs generates none of its own for any.
    assert len(MODEL_CLASSES) > len(typing.get_args(ga.Message))
    assert len(PUBLIC_ATTRS_CLASSES) > len(MODEL_CLASSES)
    for method in ("__eq__", "__hash__", "__repr__"):
        assert len({getattr(cls, method) for cls in PUBLIC_ATTRS_CLASSES}) == 1, method


# Any values serve the methods, which never look at a field's type; hashable ones, for
# the hashes to compare.
_ANY_VALUE = st.one_of(st.none(), st.integers(-2, 2), st.text(max_size=2), st.tuples(st.booleans()))


@pytest.mark.parametrize("cls", PUBLIC_ATTRS_CLASSES, ids=lambda cls: cls.__name__)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_eq_hash_and_repr_are_those_attrs_generates(cls: type, data: st.DataObject) -> None:
    twin = _attrs_twin(cls)
    drawn: st.SearchStrategy[typing.Any]
    if cls is ga.UnknownMessage:
        raws = st.dictionaries(st.text(max_size=3), st.integers())
        drawn = st.builds(cls, st.text(max_size=5), raws)
    elif cls in MODEL_CLASSES:
        drawn = object_strategy(cls)
    else:
        drawn = st.builds(cls, **{field.alias: _ANY_VALUE for field in attrs.fields(cls)})
    first, second = data.draw(drawn), data.draw(drawn)
    # Two objects, an object and a copy, and objects that differ in exactly one field,
    # each field in turn: raw too, which some classes compare and others do not.
    pairs = [(first, second), (first, first), (first, attrs.evolve(first))]
    for field in attrs.fields(cls):
        changed: object = {"differs": True} if field.alias == "raw" else getattr(second, field.name)
        pairs.append((first, attrs.evolve(first, **{field.alias: changed})))
    for one, other in pairs:
        twins = _twin_of(twin, one), _twin_of(twin, other)
        assert repr(one) == repr(twins[0])
        assert (one == other, one != other) == (twins[0] == twins[1], twins[0] != twins[1])
        assert (hash(one) == hash(other)) == (hash(twins[0]) == hash(twins[1]))
    assert first.__eq__(_twin_of(twin, first)) is NotImplemented  # only its own class


def test_a_message_met_again_inside_its_own_repr_shows_as_an_ellipsis() -> None:
    box: list[object] = []
    place = ga.Location(name_location=box)  # type: ignore[arg-type]
    box.append(place)
    assert repr(place).startswith("Location(name_location=[...], address=None")


def test_eq_compares_field_by_field_as_attrs_does() -> None:
    # A NaN is unequal to itself, in the same object too, as with attrs' own __eq__.
    place = ga.Location(latitude=float("nan"), longitude=1.0)
    assert place != place
    assert ga.Location(latitude=1.0, longitude=2.0) == ga.Location(latitude=1.0, longitude=2.0)


def test_the_type_message_tag_is_fixed_per_class() -> None:
    assert make_text().type_message == "textMessage"
    with pytest.raises(ValueError, match="type_message"):
        make_text(type_message="imageMessage")


def test_timestamp_utc_is_an_aware_utc_datetime() -> None:
    when = make_text(timestamp=1587133830).timestamp_utc
    assert when == datetime(2020, 4, 17, 14, 30, 30, tzinfo=timezone.utc)
    assert when.tzinfo is timezone.utc


def test_messages_work_in_match_statements() -> None:
    def describe(message: ga.OutgoingMessage) -> str:
        match message:
            case ga.TextMessage(text_message=text):
                return f"text {text}"
            case ga.ImageMessage() | ga.VideoMessage():
                return "visual"
            case ga.UnknownMessage(type_message=kind):
                return f"unknown {kind!r}"
            case _:
                return "other"

    assert describe(make_text()) == "text hi"
    assert describe(ga.UnknownMessage("", {})) == "unknown ''"


def test_status_members_are_their_wire_strings() -> None:
    read: object = ga.MessageStatus.READ
    assert read == "read"
    assert ga.MessageStatus("noAccount") is ga.MessageStatus.NO_ACCOUNT
    assert f"{ga.MessageStatus.YELLOW_CARD}" == "yellowCard"
    assert [s.value for s in ga.MessageStatus] == [
        "pending",
        "sent",
        "delivered",
        "read",
        "noAccount",
        "notInGroup",
        "yellowCard",
        "failed",
    ]


def test_the_wire_object_is_read_only_and_not_part_of_equality() -> None:
    (decoded,) = ga.decode_outgoing_messages(
        b'[{"typeMessage": "textMessage", "idMessage": "A1", "timestamp": 0,'
        b' "statusMessage": "sent", "chatId": "1@c.us", "textMessage": "hi", "newKey": 1}]'
    )
    assert decoded.raw["newKey"] == 1
    with pytest.raises(TypeError):
        decoded.raw["newKey"] = 2  # type: ignore[index]
    assert decoded == make_text()  # built by hand, without the wire object
    assert "newKey" not in repr(decoded)


def test_unknown_messages_with_different_wire_objects_differ() -> None:
    one, other = ga.decode_outgoing_messages(
        b'[{"typeMessage": "hologram", "idMessage": "A", "frames": 3},'
        b' {"typeMessage": "hologram", "idMessage": "A", "frames": 4}]'
    )
    assert one != other  # the wire object is all an unknown kind has
    assert hash(one) == hash(other)  # and it is not hashed: a dict cannot be


def test_an_unknown_kind_has_every_field_the_known_kinds_share() -> None:
    # A field every kind has is a field of UnknownMessage too, read from the same key.
    kinds = [cls for cls in typing.get_args(ga.Message) if cls is not ga.UnknownMessage]
    shared = set.intersection(*(set(attrs.fields_dict(cls)) for cls in kinds))
    assert set(attrs.fields_dict(ga.UnknownMessage)) == shared


@pytest.mark.parametrize("cls", typing.get_args(ga.Message))
def test_a_message_shows_its_tag_id_time_and_chat_first(cls: type) -> None:
    names = [field.name for field in attrs.fields(cls)]
    if cls is ga.UnknownMessage:
        assert names[:5] == ["type_message", "_raw", "id_message", "timestamp", "chat_id"]
    else:
        assert names[:3] == ["id_message", "timestamp", "chat_id"]


def _only_json_types(value: object) -> bool:
    if isinstance(value, dict):
        return all(type(k) is str and _only_json_types(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_only_json_types(item) for item in value)
    return value is None or type(value) in (str, int, float, bool)


def test_message_data_is_json_ready_for_every_kind_with_its_tag_first() -> None:
    journal = FakeGreenAPI().instance.seed(300, seed=5)
    messages = ga.decode_outgoing_messages(json.dumps(journal))
    assert len({type(message) for message in messages}) >= 12
    for message in messages:
        data = ga.message_data(message)
        assert _only_json_types(data), data
        assert next(iter(data)) == "type_message"
        assert data["id_message"] == message.id_message
        # Raw only where the typed fields say little, unless asked for.
        assert ("raw" in data) == isinstance(message, ga.UnknownMessage)
        with_raw = ga.message_data(message, with_raw=True)
        assert with_raw["raw"] == dict(message.raw)
        assert {**data, "raw": with_raw["raw"]} == with_raw


def test_message_data_shows_statuses_and_nested_objects_as_json_does() -> None:
    (message,) = ga.decode_outgoing_messages(data_bytes("location.json"))
    data = ga.message_data(message)
    assert type(data["status_message"]) is str
    assert data["location"]["latitude"] == message.location.latitude  # type: ignore[union-attr]
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [(({"idMessage": "A"},), "message must be a Message"), ((None,), "message must be")],
)
def test_message_data_refuses_what_is_not_a_message(
    arguments: tuple[object, ...], problem: str
) -> None:
    with pytest.raises(ga.InvalidArgumentError, match=problem):
        ga.message_data(*arguments)  # type: ignore[arg-type]
    with pytest.raises(ga.InvalidArgumentError, match="with_raw"):
        ga.message_data(make_text(), with_raw="yes")  # type: ignore[arg-type]
