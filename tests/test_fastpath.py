"""The decoder's fast path builds exactly what cattrs' detailed path builds, or refuses."""

from __future__ import annotations

import functools
import gc
import inspect
import json
import operator
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, get_args, get_origin

import attrs
import cattrs
import msgspec
import pytest
from cattrs.strategies import include_subclasses
from hypothesis import given, settings
from hypothesis import strategies as st

import greenapi_async as ga
from greenapi_async._converter import _detailed_converter, _journal_hook
from greenapi_async._fastpath import make_fast_structure_fn
from greenapi_async.testing import FakeGreenAPI

from .conftest import DATA
from .test_decode_properties import json_values, message_like
from .test_roundtrip_properties import KNOWN_KINDS, _camel, object_strategy, to_wire


def detailed(data: list[Any]) -> list[ga.OutgoingMessage]:
    result: list[ga.OutgoingMessage] = _detailed_converter().structure(
        data, list[ga.OutgoingMessage]
    )
    return result


CORPUS = sorted(
    path
    for path in DATA.glob("*.json")
    if path.read_bytes().lstrip().startswith(b"[") and "trailing" not in path.name
)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: Path(p).stem)
def test_every_corpus_file_decodes_the_same_both_ways(path: Path) -> None:
    body = path.read_bytes()
    assert ga.decode_outgoing_messages(body) == detailed(json.loads(body))


def test_a_seeded_journal_of_every_kind_decodes_the_same_both_ways() -> None:
    fake = FakeGreenAPI()
    messages = fake.instance.seed(300, seed=11)
    fast = ga.decode_outgoing_messages(msgspec.json.encode(messages))
    assert fast == detailed(messages)
    assert {type(m) for m in fast} == set(ga.OutgoingMessage.__args__)
    for message in fast:
        if not isinstance(message, ga.UnknownMessage):
            # Field for field what __init__ builds from the same values.
            rebuilt = type(message)(
                **{f.alias: getattr(message, f.name) for f in attrs.fields(type(message)) if f.init}
            )
            assert rebuilt == message
            assert hash(rebuilt) == hash(message)


def both_ways(entries: list[Any]) -> tuple[Any, Any]:
    """What the decoder makes of ``entries`` and what the detailed path makes; None: refused."""
    try:
        expected: list[ga.OutgoingMessage] | None = detailed(entries)
    except Exception:  # noqa: BLE001 - any refusal counts as one
        expected = None
    try:
        fast: list[ga.OutgoingMessage] | None = ga.decode_outgoing_messages(json.dumps(entries))
    except ga.ResponseValidationError:
        fast = None
    return fast, expected


# No deadline: the first entry refused builds the detailed converter, which takes longer.
@settings(max_examples=400, deadline=None)
@given(st.lists(message_like, max_size=4))
def test_the_fast_path_accepts_exactly_what_the_detailed_path_accepts(
    entries: list[dict[str, Any]],
) -> None:
    fast, expected = both_ways(entries)
    assert fast == expected


# A value of every JSON type, and what a key that is not there stands for.
_WRONG_VALUES: tuple[Any, ...] = (None, True, 0, 1.5, "x", [], {})
_GONE = object()
_SAMPLES: dict[Any, Any] = {
    str: "s", int: 7, float: 1.5, bool: True, ga.MessageStatus | str: "read", str | int: "x",
}  # fmt: skip


def _sample(type_: Any) -> Any:
    """A valid wire value of a field type, nested objects filled in, arrays of two."""
    args = get_args(type_)
    if type(None) in args:
        return _sample(functools.reduce(operator.or_, [a for a in args if a is not type(None)]))
    if type_ in _SAMPLES:
        return _SAMPLES[type_]
    if get_origin(type_) is tuple:
        return [_sample(args[0]), _sample(args[0])]
    return full_wire(type_)


def full_wire(cls: type) -> dict[str, Any]:
    """A wire object of ``cls`` with every field there and valid, at every depth."""
    wire: dict[str, Any] = {}
    for field in attrs.fields(attrs.resolve_types(cls)):
        if field.name == "_raw":
            continue
        if field.name == "type_message" and field.type is not str | None:
            wire[_camel(field.name)] = field.default  # a kind's own tag
        elif field.name == "timestamp":
            wire[_camel(field.name)] = 1_700_000_000
        else:
            wire[_camel(field.name)] = _sample(field.type)
    return wire


def _paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every place in a JSON value, the value itself first, depth first."""
    yield path
    if type(value) is dict:
        for key, inner in value.items():
            yield from _paths(inner, (*path, key))
    elif type(value) is list:
        for index, inner in enumerate(value):
            yield from _paths(inner, (*path, index))


def _replaced(value: Any, path: tuple[str | int, ...], new: Any) -> Any:
    """A copy of ``value`` with what is at ``path`` replaced by ``new`` (or left out: _GONE)."""
    if not path:
        return new
    step, *rest = path
    copy = dict(value) if type(value) is dict else list(value)
    inner = _replaced(copy[step], tuple(rest), new)  # type: ignore[index]
    if inner is _GONE:
        del copy[step]  # type: ignore[arg-type]
    else:
        copy[step] = inner  # type: ignore[index]
    return copy


@pytest.mark.parametrize("cls", KNOWN_KINDS, ids=lambda cls: cls.__name__)
def test_a_value_of_any_type_anywhere_in_an_entry_is_taken_or_refused_alike_both_ways(
    cls: type,
) -> None:
    # Every place of an entry with every field filled, nested objects and array items
    # included, given a value of each JSON type or left out: the fast path must accept
    # exactly what the detailed path accepts, and build the same objects.
    entry = full_wire(cls)
    assert both_ways([entry])[0] is not None, "the filled entry itself decodes"
    differ = []
    for path in _paths(entry):
        for value in (*_WRONG_VALUES, *([_GONE] if path else [])):
            changed = _replaced(entry, path, value)
            fast, expected = both_ways([changed])
            if fast != expected:
                differ.append((path, value, "fast" if expected is None else "detailed"))
    assert not differ, f"{len(differ)} differ, e.g. (path, value, only taken by): {differ[:5]}"


@st.composite
def entries_changed_anywhere(draw: st.DrawFn) -> Any:
    """An entry of a known kind with a few places given any JSON value, or left out."""
    entry = to_wire(draw(object_strategy(draw(st.sampled_from(KNOWN_KINDS)))))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(entry))))
        value = draw(json_values | st.sampled_from(_WRONG_VALUES) | st.just(_GONE))
        entry = _replaced(entry, path, [] if value is _GONE and not path else value)
    return entry


@settings(max_examples=100, deadline=None)  # as above
@given(st.lists(entries_changed_anywhere(), min_size=1, max_size=3))
def test_entries_changed_at_any_depth_decode_the_same_both_ways(entries: list[Any]) -> None:
    fast, expected = both_ways(entries)
    assert fast == expected


def test_the_collector_is_restored_after_a_large_decode() -> None:
    body = msgspec.json.encode(FakeGreenAPI().instance.seed(1_500, seed=2))
    assert gc.isenabled()
    ga.decode_outgoing_messages(body)
    assert gc.isenabled()
    with pytest.raises(ga.ResponseValidationError):
        ga.decode_outgoing_messages(
            body[:-2] + b',{"timestamp": "x", "typeMessage": "textMessage"}]'
        )
    assert gc.isenabled()
    gc.disable()
    try:
        ga.decode_outgoing_messages(body)
        assert not gc.isenabled()  # a caller's choice is left alone
    finally:
        gc.enable()


def _no_hook(type_: Any) -> Any:
    raise AssertionError(type_)


@attrs.frozen
class _WithPreInit:
    a: int

    def __attrs_pre_init__(self) -> None:
        pass


@attrs.frozen
class _WithPostInit:
    a: int

    def __attrs_post_init__(self) -> None:
        pass


@attrs.frozen
class _WithFactoryNotInInit:
    a: list[int] = attrs.field(init=False, factory=list)


@pytest.mark.parametrize(
    "cls",
    [
        attrs.make_class("WithValidator", {"a": attrs.field(validator=attrs.validators.gt(0))}),
        attrs.make_class("WithConverter", {"a": attrs.field(converter=int)}),
        attrs.make_class("WithFactory", {"a": attrs.field(factory=list)}, slots=True),
        attrs.make_class("WithoutSlots", {"a": attrs.field()}, slots=False),
        _WithPreInit,
        _WithPostInit,
        _WithFactoryNotInInit,
    ],
)
def test_classes_whose_init_does_more_than_assign_are_not_generated(cls: type) -> None:
    made = make_fast_structure_fn(
        cls, key_for=str, int_ranges={}, string_lookups={}, hook_for=_no_hook
    )
    assert made is None


def _objects_within(message: Any) -> list[Any]:
    """The message and every attrs object it holds, depth first."""
    found = [message]
    for field in attrs.fields(type(message)):
        value = getattr(message, field.name)
        values = value if isinstance(value, tuple) else (value,)
        found.extend(
            inner for item in values if attrs.has(type(item)) for inner in _objects_within(item)
        )
    return found


def _classes_within(cls: type) -> set[type]:
    """``cls`` and every attrs class its fields can hold, at any depth."""
    found = {cls}
    for field in attrs.fields(attrs.resolve_types(cls)):
        for inner in (field.type, *get_args(field.type)):
            if attrs.has(inner) and inner not in found:
                found |= _classes_within(inner)
    return found


def test_a_journal_is_decoded_without_calling_any_class_it_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The fast path fills in each object's slots and never runs a class's __init__. An
    # object built through __init__ was built another way: the fast path is off, or
    # refused its class, which then decodes several times slower and differs unseen.
    entries = [full_wire(cls) for cls in KNOWN_KINDS]
    body = json.dumps(entries)
    ga.decode_outgoing_messages(body)  # the converters are built on the first decode
    classes = set().union(*map(_classes_within, KNOWN_KINDS))
    built_by_init: list[type] = []

    def spy_on(init: Any) -> Any:
        def spy(self: Any, *args: Any, **kwargs: Any) -> None:
            built_by_init.append(type(self))
            init(self, *args, **kwargs)

        return spy

    for cls in classes:
        monkeypatch.setattr(cls, "__init__", spy_on(vars(cls)["__init__"]))
    messages = ga.decode_outgoing_messages(body)
    assert {type(obj) for message in messages for obj in _objects_within(message)} == classes
    assert sorted({cls.__name__ for cls in built_by_init}) == []


def test_decoded_objects_are_plain_frozen_instances_of_the_public_classes() -> None:
    import copy
    import pickle

    messages = ga.decode_outgoing_messages(
        msgspec.json.encode(FakeGreenAPI().instance.seed(300, seed=5))
    )
    public = {getattr(ga, name) for name in ga.__all__ if isinstance(getattr(ga, name), type)}
    objects = [obj for message in messages for obj in _objects_within(message)]
    assert len(objects) > len(messages)  # nested locations, contacts, polls... were seen
    for obj in objects:
        assert type(obj) in public, type(obj)  # the private builder never escapes
        field = attrs.fields(type(obj))[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(obj, field, None)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(obj, field)
    assert pickle.loads(pickle.dumps(messages)) == messages  # noqa: S301 - our own bytes
    assert copy.deepcopy(messages) == messages


# The edit and delete keys as every live entry has them.
_LIVE_EDIT_KEYS = {
    "isEdited": False,
    "isDeleted": False,
    "editedMessageId": "",
    "deletedMessageId": "",
}


@pytest.mark.parametrize("extra_keys", [{}, {"someNewField": 1}, {"a": None, "b": [1]}])
@pytest.mark.parametrize(
    "rare",
    [
        {},
        {"isForwarded": True, "forwardingScore": 2},
        {"isEdited": True, "editedMessageId": "E1"},
        {"quotedMessage": {"stanzaId": "Q1", "typeMessage": "textMessage"}},
        {"isForwarded": None, "deletedMessageId": "D1", "isDeleted": True},
        _LIVE_EDIT_KEYS,
        {**_LIVE_EDIT_KEYS, "senderId": "2@c.us", "senderName": "Ann", "isForwarded": True},
        {"senderName": "Ann", "forwardingScore": 0, "deletedMessageId": "D1"},
    ],
)
def test_rarely_present_fields_are_read_whatever_else_the_entry_holds(
    rare: dict[str, Any], extra_keys: dict[str, Any]
) -> None:
    # The fast path skips lookups once every key is accounted for; keys it does not
    # model must not make it skip a field that is there, nor read one that is not.
    entry = {
        "typeMessage": "textMessage", "idMessage": "M1", "timestamp": 1_700_000_000,
        "statusMessage": "read", "chatId": "1@c.us", "textMessage": "hi",
        **extra_keys, **rare,
    }  # fmt: skip
    (fast,) = ga.decode_outgoing_messages(json.dumps([entry]))
    assert [fast] == detailed([entry])
    assert isinstance(fast, ga.TextMessage)
    assert fast.is_forwarded is rare.get("isForwarded")
    assert fast.edited_message_id == rare.get("editedMessageId")
    assert fast.deleted_message_id == rare.get("deletedMessageId")
    assert fast.is_edited is rare.get("isEdited")
    assert fast.sender_name == rare.get("senderName")
    assert fast.forwarding_score == rare.get("forwardingScore")
    assert (fast.quoted_message is None) is ("quotedMessage" not in rare)


# A text entry without its direction's keys, which the tests below add.
_TEXT_ENTRY = {
    "typeMessage": "textMessage", "idMessage": "M1", "timestamp": 1_700_000_000,
    "chatId": "1@c.us", "textMessage": "hi",
}  # fmt: skip
_DIRECTIONS: dict[str, dict[str, Any]] = {
    "outgoing": {"type": "outgoing", "statusMessage": "read", "sendByApi": True},
    "incoming": {
        "type": "incoming", "senderId": "2@c.us", "senderName": "A", "senderContactName": "B",
    },
}  # fmt: skip


@pytest.mark.parametrize("direction", sorted(_DIRECTIONS))
@pytest.mark.parametrize("edit_keys", [{}, _LIVE_EDIT_KEYS], ids=["documented", "live"])
@pytest.mark.parametrize("change", [None, "a null", "another key instead"])
def test_entries_with_a_journals_usual_keys_are_read_whole(
    direction: str, edit_keys: dict[str, Any], change: str | None
) -> None:
    # Entries with exactly a direction's keys (and the live edit keys) take a shorter
    # road; the same number of keys, one of them another, must still be read right.
    entry: dict[str, Any] = {**_TEXT_ENTRY, **_DIRECTIONS[direction], **edit_keys}
    last = list(_DIRECTIONS[direction])[-1]
    if change == "a null":
        entry[last] = None
    elif change == "another key instead":
        del entry[last]
        entry["isForwarded"] = True
    (fast,) = ga.decode_outgoing_messages(json.dumps([entry]))
    assert [fast] == detailed([entry])
    assert isinstance(fast, ga.TextMessage)
    assert dict(fast.raw) == entry
    assert (fast.type, fast.text_message) == (direction, "hi")
    assert fast.send_by_api is entry.get("sendByApi")
    assert fast.sender_contact_name == entry.get("senderContactName")
    assert fast.is_forwarded is entry.get("isForwarded")
    assert fast.is_deleted is entry.get("isDeleted")
    assert fast.deleted_message_id == entry.get("deletedMessageId")


class _Watched(dict[str, Any]):
    """An entry that notes each key looked for other than by subscript, but its tag."""

    looked_for: list[str]

    def get(self, key: str, default: Any = None) -> Any:
        self.looked_for.append(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if key != "typeMessage":
            self.looked_for.append(str(key))
        return super().__contains__(key)


_MEDIA_KEYS = {
    "downloadUrl": "https://media.invalid/1", "caption": "c", "fileName": "1.jpg",
    "mimeType": "image/jpeg",
}  # fmt: skip
_LIVE_PREVIEW = {
    "text": "hi", "description": "", "title": "", "previewType": "None", "jpegThumbnail": "",
    "forwardingScore": 0, "isForwarded": False,
}  # fmt: skip


@pytest.mark.parametrize("direction", sorted(_DIRECTIONS))
@pytest.mark.parametrize("edit_keys", [{}, _LIVE_EDIT_KEYS], ids=["documented", "live"])
@pytest.mark.parametrize(
    "own",
    [
        {"typeMessage": "textMessage", "textMessage": "hi"},
        {
            "typeMessage": "extendedTextMessage",
            "textMessage": "hi",
            "extendedTextMessage": _LIVE_PREVIEW,
        },
        {"typeMessage": "imageMessage", **_MEDIA_KEYS},
        {"typeMessage": "locationMessage", "location": {"latitude": 1.5, "longitude": 2}},
        {"typeMessage": "contactMessage", "contact": {"displayName": "A", "vcard": "V"}},
    ],
    ids=lambda own: own["typeMessage"],
)
def test_entries_with_a_journals_usual_keys_are_read_by_subscripts_alone(
    own: dict[str, Any], edit_keys: dict[str, Any], direction: str
) -> None:
    # What most entries of a journal carry, besides their kind's keys, is read without
    # looking for a key they lack. A field added without saying that few entries carry
    # it (models' Presence) would be looked for in every entry: this fails then.
    entry = {"idMessage": "M1", "timestamp": 1, "chatId": "1@c.us", **own}
    entry.update(_DIRECTIONS[direction], **edit_keys)
    watched = _Watched(entry)
    watched.looked_for = []
    (message,) = _journal_hook()([watched], list[ga.Message])
    assert [message] == detailed([entry])
    assert watched.looked_for == []


@pytest.mark.parametrize("edit_keys", [{}, _LIVE_EDIT_KEYS], ids=["documented", "live"])
@pytest.mark.parametrize(
    ("kind", "newer"),
    [
        ("imageMessage", {}),
        ("imageMessage", {"jpegThumbnail": "T"}),
        ("stickerMessage", {"isAnimated": True}),
        ("videoMessage", {"videoNote": True, "jpegThumbnail": ""}),
    ],
)
def test_media_entries_with_and_without_the_newer_media_keys_are_read_whole(
    kind: str, newer: dict[str, Any], edit_keys: dict[str, Any]
) -> None:
    entry = {
        "typeMessage": kind, "idMessage": "M1", "timestamp": 1_700_000_000, "chatId": "1@c.us",
        **_DIRECTIONS["outgoing"], "downloadUrl": "https://media.invalid/1", "caption": "c",
        "fileName": "1.jpg", "mimeType": "image/jpeg", **newer, **edit_keys,
    }  # fmt: skip
    (fast,) = ga.decode_outgoing_messages(json.dumps([entry]))
    assert [fast] == detailed([entry])
    assert isinstance(fast, ga.ImageMessage | ga.StickerMessage | ga.VideoMessage)
    assert (fast.file_name, fast.mime_type, fast.caption) == ("1.jpg", "image/jpeg", "c")
    assert fast.jpeg_thumbnail == newer.get("jpegThumbnail")
    assert fast.is_animated is newer.get("isAnimated")
    assert fast.video_note is newer.get("videoNote")
    assert fast.is_edited is entry.get("isEdited")


def _read_with_get(watched: list[dict[str, Any]], decode: Callable[[], Any]) -> list[Any]:
    """Those of ``watched`` whose ``get()`` ``decode()`` calls: a key looked for, not read.

    Through the profiler's hook, which sees every call of a built-in method, so that the
    nested objects are watched as they are: plain dicts, as the parser makes them.
    """
    read: list[Any] = []

    def watch(_frame: object, event: str, called: Any) -> None:
        owner = getattr(called, "__self__", None)
        if event == "c_call" and getattr(called, "__name__", "") == "get":
            read.extend(owner for dict_ in watched if owner is dict_)

    sys.setprofile(watch)
    try:
        decode()
    finally:
        sys.setprofile(None)
    return read


# Values no other could pass for (False == 0): a forwarded message's.
_FORWARDING = {"forwardingScore": 3, "isForwarded": True}
_PREVIEW = {
    "text": "hi",
    "description": "",
    "title": "",
    "previewType": "None",
    "jpegThumbnail": "",
}
_PLACE = {"nameLocation": "N", "address": "A", "latitude": 1.5, "longitude": 2, "jpegThumbnail": ""}
_CARD = {"displayName": "A", "vcard": "V"}
_POLL = {
    "name": "Q",
    "options": [{"optionName": "A"}, {"optionName": "B"}],
    "multipleAnswers": False,
}
# A kind whose entries nest an object, the object's key, and the object as documented
# (then as the live service sends it, with the forwarding pair, where it does).
_NESTING: list[tuple[str, str, dict[str, Any]]] = [
    ("extendedTextMessage", "extendedTextMessage", _PREVIEW),
    ("locationMessage", "location", _PLACE),
    ("contactMessage", "contact", _CARD),
    ("pollMessage", "pollMessageData", _POLL),
]
_LIVE_NESTING = [
    ("extendedTextMessage", "extendedTextMessage", {**_PREVIEW, **_FORWARDING}),
    ("locationMessage", "location", {**_PLACE, **_FORWARDING}),
    ("contactMessage", "contact", {**_CARD, **_FORWARDING}),
]


@pytest.mark.parametrize(
    ("kind", "key", "part"),
    [
        *(pytest.param(*nesting, id=f"{nesting[1]} as documented") for nesting in _NESTING),
        *(pytest.param(*nesting, id=f"{nesting[1]} live") for nesting in _LIVE_NESTING),
    ],
)
def test_nested_objects_with_their_usual_keys_are_read_by_subscripts_alone(
    kind: str, key: str, part: dict[str, Any]
) -> None:
    # A field of these classes (or of the kind) added without saying how many objects
    # carry its key would be looked for in every entry: this fails then.
    entry = {**_TEXT_ENTRY, "typeMessage": kind, **_DIRECTIONS["outgoing"], **_LIVE_EDIT_KEYS}
    if kind != "extendedTextMessage":
        del entry["textMessage"]
    entry[key] = part
    decode = functools.partial(_journal_hook(), [entry], list[ga.Message])
    decode()  # the kind's hook made, which reads keys in every way
    assert _read_with_get([entry, entry[key]], decode) == []
    assert decode() == detailed([entry])


@pytest.mark.parametrize(
    "change",
    [
        {"title": None},
        {"title": 5},
        {"stanzaId": "Q1"},
        {"isForwarded": True, "forwardingScore": 3},
        {"isForwarded": "no", "forwardingScore": 0},
        {"text": None, "participant": "2@c.us"},
    ],
    ids=str,
)
@pytest.mark.parametrize("drop", [None, "title"])
def test_a_nested_object_near_its_usual_keys_is_read_as_the_detailed_path_reads_it(
    change: dict[str, Any], drop: str | None
) -> None:
    # As many keys as a usual shape, a null, a wrong type, or another key instead.
    kind, key, part = _NESTING[0]
    nested = {**part, **change}
    if drop is not None and drop not in change:
        del nested[drop]
    entry = {**_TEXT_ENTRY, "typeMessage": kind, **_DIRECTIONS["outgoing"], key: nested}
    try:
        expected = detailed([entry])
    except cattrs.BaseValidationError:
        with pytest.raises(ga.ResponseValidationError, match=r"\$\[0\]\.extendedTextMessage"):
            ga.decode_outgoing_messages(json.dumps([entry]))
        return
    (message,) = ga.decode_outgoing_messages(json.dumps([entry]))
    assert [message] == expected
    assert isinstance(message, ga.ExtendedTextMessage)
    preview = message.extended_text_message
    assert preview is not None
    assert (preview.title, preview.stanza_id) == (nested.get("title"), nested.get("stanzaId"))
    assert preview.is_forwarded is nested.get("isForwarded")
    assert preview.participant == nested.get("participant")


@pytest.mark.parametrize("direction", sorted(_DIRECTIONS))
@pytest.mark.parametrize(
    "newer",
    [
        {"jpegThumbnail": "T"},
        {"jpegThumbnail": "", **_LIVE_EDIT_KEYS},
        {"jpegThumbnail": "", **_LIVE_EDIT_KEYS, **_FORWARDING},
    ],
    ids=["newer", "live", "live, with the forwarding pair"],
)
def test_file_entries_with_their_usual_newer_keys_are_read_by_subscripts_alone(
    newer: dict[str, Any], direction: str
) -> None:
    entry = {**_TEXT_ENTRY, "typeMessage": "imageMessage", **_MEDIA_KEYS, **newer}
    del entry["textMessage"]
    entry.update(_DIRECTIONS[direction])
    watched = _Watched(entry)
    watched.looked_for = []
    (message,) = _journal_hook()([watched], list[ga.Message])
    assert [message] == detailed([entry])
    assert watched.looked_for == []
    assert isinstance(message, ga.ImageMessage)
    assert (message.jpeg_thumbnail, message.is_forwarded) == (
        newer["jpegThumbnail"],
        newer.get("isForwarded"),
    )


@pytest.mark.parametrize("edit_keys", [{}, _LIVE_EDIT_KEYS], ids=["documented", "live"])
def test_a_wrong_value_among_a_journals_usual_keys_is_refused_by_its_path(
    edit_keys: dict[str, Any],
) -> None:
    entry = {**_TEXT_ENTRY, **_DIRECTIONS["outgoing"], **edit_keys, "sendByApi": "yes"}
    with pytest.raises(ga.ResponseValidationError, match=r"\$\[1\]\.sendByApi"):
        ga.decode_outgoing_messages(json.dumps([{**entry, "sendByApi": False}, entry]))


def test_an_entry_without_its_tag_key_counted_is_still_read_whole() -> None:
    # The location's own fields: no tag, so every key counts towards the fields.
    entry = {
        "typeMessage": "locationMessage", "idMessage": "M1", "timestamp": 1,
        "statusMessage": "sent", "chatId": "1@c.us",
        "location": {"jpegThumbnail": "T", "latitude": 1, "nameLocation": "N"},
    }  # fmt: skip
    (fast,) = ga.decode_outgoing_messages(json.dumps([entry]))
    assert isinstance(fast, ga.LocationMessage)
    assert fast.location == ga.Location(name_location="N", latitude=1.0, jpeg_thumbnail="T")
    assert type(fast.location.latitude) is float


@attrs.frozen
class _Base:  # a private base, as the models have: the builder derives from it
    pass


def _made(cls: type[Any], **options: Any) -> Any:
    """The generated function of ``cls``: wire keys are field names, no other hook."""
    made = make_fast_structure_fn(
        cls, key_for=str, int_ranges={}, string_lookups={}, hook_for=_no_hook, **options
    )
    assert made is not None
    return made


def test_a_generated_function_shows_its_source() -> None:
    @attrs.frozen
    class Point(_Base):
        x: int
        label: str | None = None

    made = _made(Point)
    source = inspect.getsource(made)
    assert source.startswith("def structure(o, _):")
    assert "o.get('label')" in source
    assert made({"x": 1}, Point) == Point(x=1)


@attrs.frozen
class _Pair(_Base):
    id: str
    a: int | None = None
    b: int | None = None
    c: int | None = None
    d: int | None = None


@pytest.mark.parametrize(
    "entry",
    [
        {"id": "M", "a": 1, "b": 2},
        {"id": "M", "c": 3, "d": 4},  # the first shape of its count misses, the second reads it
        {"id": "M", "a": 1, "d": 4},  # as many keys as both shapes, the keys of neither
        {"id": "M", "b": None, "c": 3},
        {"id": "M", "a": 1, "b": 2, "c": 3},
        {"id": "M"},
    ],
    ids=str,
)
def test_shapes_with_as_many_keys_are_each_tried_in_turn(entry: dict[str, Any]) -> None:
    # The entry is watched: a dict of a class of its own, which the dict check refuses.
    made = _made(_Pair, check_dict=False, usual_keys=[{"a", "b"}, {"c", "d"}])
    source = inspect.getsource(made)
    assert source.count("if left == 2:") + source.count("elif left == 2:") == 1
    assert source.count("try:") == 2
    watched = _Watched(entry)
    watched.looked_for = []
    assert made(watched, _Pair) == _Pair(**entry)
    if set(entry) - {"id"} in ({"a", "b"}, {"c", "d"}):
        assert watched.looked_for == []  # read whole by its shape's subscripts


def test_a_key_both_read_and_unread_is_refused() -> None:
    @attrs.frozen
    class Tagged:
        tag: str | None = None

    made = make_fast_structure_fn(
        Tagged,
        key_for=str,
        int_ranges={},
        string_lookups={},
        hook_for=_no_hook,
        unread_keys=("tag",),
    )
    assert made is None


def test_decoding_adds_no_subclass_to_any_public_class() -> None:
    decoded = ga.decode_outgoing_messages(
        msgspec.json.encode(FakeGreenAPI().instance.seed(100, seed=3))
    )
    public = [getattr(ga, name) for name in ga.__all__ if isinstance(getattr(ga, name), type)]
    assert {cls.__name__: cls.__subclasses__() for cls in public if attrs.has(cls)} == {
        cls.__name__: [] for cls in public if attrs.has(cls)
    }
    # So a strategy that walks subclasses sees only what the user made: a decoded text
    # message goes through a user's converter and comes back as the class it was.
    converter = cattrs.Converter()
    converter.register_structure_hook(ga.MessageStatus | str | None, lambda value, _: value)
    include_subclasses(ga.TextMessage, converter)
    text = next(message for message in decoded if type(message) is ga.TextMessage)
    again = converter.structure(converter.unstructure(text), ga.TextMessage)
    assert (type(again), again) == (ga.TextMessage, text)


@pytest.mark.parametrize("skipping", [False, True])
def test_a_large_decode_starts_no_collection_before_it_returns(skipping: bool) -> None:
    # Every object a large decode makes is young: a collection started before the list
    # is handed back would walk them all (see _collector_paused).
    def decode(body: bytes) -> list[ga.Message]:
        if skipping:
            return ga.decode_outgoing_messages(body, skip_malformed=True).messages
        return ga.decode_outgoing_messages(body)

    body = msgspec.json.encode(FakeGreenAPI().instance.seed(3_000, seed=4))
    decode(body)  # warm: converters built
    started: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.collect()
    gc.callbacks.append(record)
    try:
        messages = decode(body)
        during = len(started)  # a small int: no allocation, so no collection, here
    finally:
        gc.callbacks.remove(record)
    assert len(messages) == 3_000
    assert during == 0, started


_REQUIRED_KEYS = ("idMessage", "timestamp", "chatId", "typeMessage")
# Keys of every kind that are rarely there; the fast path reads them after the others.
_RARE = {"isForwarded": True, "forwardingScore": 3, "senderContactName": "Ann", "isEdited": True}


@pytest.mark.parametrize("rare", [{}, _RARE], ids=["alone", "with rare keys after"])
def test_null_optional_keys_decode_the_same_both_ways(rare: dict[str, Any]) -> None:
    # A key that is there with null reads as absent; it must not make the decoder skip a
    # key that follows it, nor refuse the entry. Every kind, every optional key null (an
    # array's is not optional: it defaults to empty).
    entries = [
        {
            **{
                key: value if key in _REQUIRED_KEYS or type(value) is list else None
                for key, value in entry.items()
            },
            **rare,
        }
        for entry in FakeGreenAPI().instance.seed(300, seed=11)
    ]
    fast = ga.decode_outgoing_messages(msgspec.json.encode(entries))
    assert fast == detailed(entries)
    assert {type(m) for m in fast} == set(ga.OutgoingMessage.__args__)
    if rare:
        known = [m for m in fast if not isinstance(m, ga.UnknownMessage)]
        assert all(m.is_forwarded and m.sender_contact_name == "Ann" for m in known)
