"""decode_outgoing_messages: every documented kind, the service's quirks, and strictness."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import attrs
import msgspec
import pytest

import greenapi_async as ga

from .conftest import DATA, data_bytes
from .test_fastpath import full_wire
from .test_roundtrip_properties import _camel as camel

T = TypeVar("T")


def as_kind(cls: type[T], message: object) -> T:
    assert isinstance(message, cls), message
    return message


def decode_one(name: str) -> Any:
    (message,) = ga.decode_outgoing_messages(data_bytes(name))
    return message


def entry(**fields: Any) -> dict[str, Any]:
    base = {
        "idMessage": "BAE5000000000001",
        "timestamp": 1764000000,
        "statusMessage": "sent",
        "typeMessage": "textMessage",
        "chatId": "79001234567@c.us",
        "textMessage": "hello",
    }
    base.update(fields)
    return {key: value for key, value in base.items() if value is not ...}


def decode_entries(*entries: Any) -> list[ga.OutgoingMessage]:
    return ga.decode_outgoing_messages(msgspec.json.encode(list(entries)))


def test_a_text_message_has_its_common_and_optional_fields() -> None:
    message = decode_one("text.json")
    assert message == ga.TextMessage(
        id_message="BAE5F4886F6F2D05",
        timestamp=1764000000,
        status_message=ga.MessageStatus.READ,
        chat_id="79001234567@c.us",
        type="outgoing",
        send_by_api=True,
        is_forwarded=False,
        forwarding_score=0,
        text_message="Привет, как дела? 👋",
    )
    assert message.type_message == "textMessage"
    assert message.timestamp_utc == datetime(2025, 11, 24, 16, 0, tzinfo=timezone.utc)


def test_an_image_message_keeps_url_caption_and_newer_media_fields() -> None:
    message = decode_one("image.json")
    assert isinstance(message, ga.ImageMessage)
    assert message.download_url == (
        "https://do-media-7103.fra1.digitaloceanspaces.com/7103000000/2f6a3c1e.jpg"
    )
    assert message.caption == "Как тебе?"
    assert (message.file_name, message.mime_type) == ("2f6a3c1e.jpg", "image/jpeg")
    assert message.jpeg_thumbnail == "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP"
    assert message.status_message is ga.MessageStatus.DELIVERED


@pytest.mark.parametrize(
    ("name", "cls", "status"),
    [
        ("video.json", ga.VideoMessage, ga.MessageStatus.SENT),
        ("document.json", ga.DocumentMessage, ga.MessageStatus.PENDING),
        ("audio.json", ga.AudioMessage, ga.MessageStatus.READ),
        ("sticker.json", ga.StickerMessage, ga.MessageStatus.DELIVERED),
    ],
)
def test_every_media_kind_becomes_its_class(name: str, cls: type[Any], status: Any) -> None:
    message = decode_one(name)
    assert type(message) is cls
    assert message.download_url.startswith("https://")
    assert message.status_message is status


def test_a_media_message_without_caption_has_none() -> None:
    message = decode_one("video.json")
    assert message.caption is None
    assert message.file_name is None


def test_group_and_linked_id_chats_are_kept_verbatim() -> None:
    assert decode_one("document.json").chat_id == "120363043968066561@g.us"
    assert decode_one("contact.json").chat_id == "79001234567-1581234048@g.us"
    assert decode_one("audio.json").chat_id == "12345678901234@lid"


def test_a_location_accepts_an_integer_coordinate_as_float() -> None:
    message = decode_one("location.json")
    assert message.location == ga.Location(
        name_location="Red Square",
        address="Moscow, 109012",
        latitude=55.7539,
        longitude=37.0,
        jpeg_thumbnail="/9j/4AAQSkZJRg",
    )
    assert type(message.location.longitude) is float


def test_a_contact_message_has_name_and_vcard() -> None:
    message = decode_one("contact.json")
    assert isinstance(message, ga.ContactMessage)
    assert message.contact == ga.Contact(
        display_name="Green API",
        vcard="BEGIN:VCARD\nVERSION:3.0\nFN:Green API\n"
        "TEL;type=CELL;waid=79001234567:+7 900 123 4567\nEND:VCARD",
    )


def test_an_extended_text_message_has_its_link_preview() -> None:
    message = decode_one("extended_text.json")
    assert message.text_message == "https://green-api.com"
    assert message.extended_text_message == ga.ExtendedText(
        text="https://green-api.com",
        description="WhatsApp API gateway",
        title="GREEN-API",
        preview_type="NONE",
        jpeg_thumbnail="/9j/4AAQ",
        stanza_id="BAE5000000000000",
        participant="79001234567@c.us",
    )


def test_a_poll_has_its_question_and_options_in_order() -> None:
    message = decode_one("poll.json")
    assert message.poll_message_data == ga.PollData(
        name="Lunch?",
        options=(ga.PollOption(option_name="Pizza"), ga.PollOption(option_name="Sushi")),
        multiple_answers=False,
    )


def test_a_reply_keeps_the_quoted_message_and_all_its_fields() -> None:
    message = decode_one("quoted_reply.json")
    quoted = message.quoted_message
    assert (quoted.stanza_id, quoted.participant, quoted.type_message) == (
        "BAE5F4886F6F2D05",
        "79001234567@c.us",
        "textMessage",
    )
    assert quoted.raw["textMessage"] == "Lunch at 1?"


def test_edits_and_deletions_carry_their_flags_and_ids() -> None:
    edited, deleted = (
        as_kind(ga.TextMessage, m)
        for m in ga.decode_outgoing_messages(data_bytes("edited_deleted.json"))
    )
    assert (edited.is_edited, edited.edited_message_id) == (True, "BAE5ED170000E000")
    assert (deleted.is_deleted, deleted.deleted_message_id) == (True, "BAE5DE1E7E00D000")
    assert deleted.text_message is None


def test_unknown_kinds_become_unknown_messages_that_keep_everything() -> None:
    raw = json.loads(data_bytes("unknown_kinds.json"))
    buttons, future = (
        as_kind(ga.UnknownMessage, m)
        for m in ga.decode_outgoing_messages(data_bytes("unknown_kinds.json"))
    )
    assert buttons.type_message == "interactiveButtons"
    assert dict(buttons.raw) == raw[0]
    assert future.type_message == "hologramMessage"
    assert dict(future.raw) == raw[1]
    assert (future.id_message, future.status_message, future.chat_id, future.timestamp) == (
        "BAE5NEWK1ND00001",
        ga.MessageStatus.DELIVERED,
        "79001234567@c.us",
        1764000000,
    )
    assert future.timestamp_utc == datetime.fromtimestamp(1764000000, timezone.utc)


def test_an_empty_type_for_a_number_without_whatsapp_is_an_unknown_message() -> None:
    message = decode_one("empty_type_no_account.json")
    assert isinstance(message, ga.UnknownMessage)
    assert message.type_message == ""
    assert message.status_message is ga.MessageStatus.NO_ACCOUNT


@pytest.mark.parametrize("tag", [..., None, 7, ["textMessage"], {"kind": "x"}])
def test_a_missing_or_non_string_tag_is_an_unknown_message(tag: Any) -> None:
    (message,) = decode_entries(entry(typeMessage=tag))
    assert isinstance(message, ga.UnknownMessage)
    assert message.type_message == ""
    assert message.raw.get("typeMessage", ...) == tag


def test_an_unknown_message_with_malformed_common_fields_still_decodes() -> None:
    wire = {"typeMessage": "newKind", "timestamp": "soon", "idMessage": 5}
    (message,) = decode_entries(wire)
    assert message == ga.UnknownMessage("newKind", wire)
    assert (message.timestamp, message.id_message, message.timestamp_utc) == (None, None, None)


# What every message has, UnknownMessage included: all but its tag and wire object.
COMMON_FIELDS = [
    field.name
    for field in attrs.fields(ga.UnknownMessage)
    if field.name not in {"type_message", "_raw"}
]


def test_an_unknown_kind_reads_every_field_every_kind_has() -> None:
    wire = full_wire(ga.TextMessage)  # every field there, of the documented type
    (known,) = decode_entries(wire)
    (unknown,) = decode_entries({**wire, "typeMessage": "hologramMessage"})
    assert isinstance(unknown, ga.UnknownMessage)
    read = {name: getattr(unknown, name) for name in COMMON_FIELDS}
    assert read == {name: getattr(known, name) for name in COMMON_FIELDS}
    assert None not in read.values()


@pytest.mark.parametrize("name", COMMON_FIELDS)
def test_an_unknown_kind_leaves_out_a_field_of_the_wrong_type_and_reads_the_rest(
    name: str,
) -> None:
    wire = {**full_wire(ga.TextMessage), "typeMessage": "hologramMessage"}
    (whole,) = decode_entries(wire)
    (unknown,) = decode_entries({**wire, camel(name): ["of no documented type"]})
    assert getattr(unknown, name) is None
    assert attrs.evolve(unknown, **{name: getattr(whole, name)}) == attrs.evolve(
        whole, raw=unknown.raw
    )


def test_an_unknown_status_stays_the_wire_string() -> None:
    message = decode_one("unknown_status.json")
    assert message.status_message == "deliveredToServer"
    assert type(message.status_message) is str


@pytest.mark.parametrize("status", list(ga.MessageStatus))
def test_every_documented_status_becomes_the_enum_member(status: ga.MessageStatus) -> None:
    (message,) = decode_entries(entry(statusMessage=status.value))
    assert message.status_message is status
    assert str(status) == status.value


def test_null_in_optional_fields_is_none() -> None:
    text, image = ga.decode_outgoing_messages(data_bytes("null_fields.json"))
    assert isinstance(text, ga.TextMessage)
    assert isinstance(image, ga.ImageMessage)
    assert text.text_message is None
    assert text.send_by_api is None
    assert image.download_url is None


def test_order_is_kept_and_one_strange_entry_never_fails_the_list() -> None:
    entries = [entry(idMessage=f"ID{i}") for i in range(5)]
    entries[2] = {"typeMessage": "brandNew", "idMessage": "ID2"}
    messages = decode_entries(*entries)
    assert [m.id_message for m in messages] == [f"ID{i}" for i in range(5)]
    assert isinstance(messages[2], ga.UnknownMessage)


def test_unknown_extra_keys_are_ignored() -> None:
    (message,) = decode_entries(entry(brandNewField={"x": 1}, anotherOne=[1, 2]))
    assert as_kind(ga.TextMessage, message).text_message == "hello"


def test_an_empty_journal_is_an_empty_list() -> None:
    assert ga.decode_outgoing_messages(b"[]") == []
    assert ga.decode_outgoing_messages(" [ ] ") == []


@pytest.mark.parametrize("body", [b"", b" \n", "", b"{}", b" { } ", b"\xef\xbb\xbf"], ids=repr)
def test_an_empty_body_or_object_is_an_empty_journal(body: bytes | str) -> None:
    # Third-party clients have seen the service answer an empty journal so.
    assert ga.decode_outgoing_messages(body) == []
    assert ga.decode_outgoing_messages(body, skip_malformed=True).messages == []


def test_str_bytearray_and_memoryview_bodies_decode_alike() -> None:
    body = data_bytes("poll.json")
    expected = ga.decode_outgoing_messages(body)
    assert ga.decode_outgoing_messages(body.decode()) == expected
    assert ga.decode_outgoing_messages(bytearray(body)) == expected
    assert ga.decode_outgoing_messages(memoryview(body)) == expected


def test_the_documentation_example_with_trailing_commas_is_rejected_clearly() -> None:
    with pytest.raises(ga.ResponseValidationError, match="not valid JSON: trailing comma"):
        ga.decode_outgoing_messages(data_bytes("docs_example_trailing_commas.json"))


def test_the_documentation_example_decodes_once_its_commas_are_fixed() -> None:
    fixed = data_bytes("docs_example_trailing_commas.json").replace(b'",\n}', b'"\n}')
    text, image = ga.decode_outgoing_messages(fixed)
    assert as_kind(ga.TextMessage, text).text_message == "Привет"
    assert as_kind(ga.ImageMessage, image).caption == "Как тебе?"


NOT_AN_ARRAY = r"malformed lastOutgoingMessages response: \$: expected array,"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'[{"idMessage": "A",', "not valid JSON"),
        (b"\xff\xfe[]", "not valid JSON"),
        (b"<html><body>502 Bad Gateway</body></html>", "not valid JSON"),
        # Every way a parser can refuse a body is the same typed error.
        (b'[{"idMessage": "\xff"}]', "not valid JSON"),  # not UTF-8
        # Valid JSON that only the slower parser reads: each value costs its entry.
        ('["\ud800"]', r"\$\[0\]: expected object, got str"),  # a str with no UTF-8 form
        (b"[1e400]", r"\$\[0\]: the number 1e400 is out of range"),
        (b'[{"idMessage": "\\ud83d"},]', r"not valid JSON: Expecting value \(character 25\)$"),
        (b'["\\ud83d" 1]', r"not valid JSON: Expecting ',' delimiter \(character 10\)$"),
        (b"[NaN]", "not valid JSON"),  # not JSON, though Python's parser takes it
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON: nested too deeply"),
        (b"null", r"^malformed lastOutgoingMessages response: \$: expected array, got null$"),
        (
            b'{"code":401,"description":"Unauthorized"}',
            r"^malformed lastOutgoingMessages response: \$: expected array, got object$",
        ),
        (b'"text"', r"^malformed lastOutgoingMessages response: \$: expected array, got str$"),
        (b"[1]", r"\$\[0\]: expected object, got int"),
    ],
)
def test_a_body_that_is_not_a_journal_raises_response_validation_error(
    body: bytes | str, expected: str
) -> None:
    with pytest.raises(ga.ResponseValidationError, match=expected):
        ga.decode_outgoing_messages(body)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"timestamp": "1764000000"}, r"\$\[1\]\.timestamp: expected int, got str"),
        ({"timestamp": 1.9}, r"\$\[1\]\.timestamp: expected int, got float"),
        ({"timestamp": True}, r"\$\[1\]\.timestamp: expected int, got bool"),
        ({"chatId": None}, r"\$\[1\]\.chatId: expected str, got null"),
        ({"idMessage": 5}, r"\$\[1\]\.idMessage: expected str, got int"),
        ({"idMessage": ...}, r"\$\[1\]\.idMessage: required key is missing"),
        ({"statusMessage": 3}, r"\$\[1\]\.statusMessage: expected str, got int"),
        ({"sendByApi": 1}, r"\$\[1\]\.sendByApi: expected bool, got int"),
        ({"textMessage": ["a"]}, r"\$\[1\]\.textMessage: expected str, got array"),
        ({"quotedMessage": "x"}, r"\$\[1\]\.quotedMessage: expected object, got str"),
    ],
)
def test_a_wrongly_shaped_message_names_the_wire_path(fields: dict[str, Any], problem: str) -> None:
    with pytest.raises(ga.ResponseValidationError, match=problem) as caught:
        decode_entries(entry(), entry(**fields))
    assert len(caught.value.errors) == 1


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        (
            {"typeMessage": "locationMessage", "location": {"latitude": "55.1"}},
            r"\$\[0\]\.location\.latitude: expected float, got str",
        ),
        (
            {"typeMessage": "locationMessage", "location": []},
            r"\$\[0\]\.location: expected object, got array",
        ),
        (
            {"typeMessage": "pollMessage", "pollMessageData": {"options": "Pizza"}},
            r"\$\[0\]\.pollMessageData\.options: expected array, got str",
        ),
        (
            {"typeMessage": "pollMessage", "pollMessageData": {"options": [{}, {"optionName": 2}]}},
            r"options\[0\]\.optionName: required key is missing; "
            r"\$\[0\]\.pollMessageData\.options\[1\]\.optionName: expected str, got int",
        ),
    ],
)
def test_nested_objects_are_checked_as_strictly(fields: dict[str, Any], problem: str) -> None:
    with pytest.raises(ga.ResponseValidationError, match=problem):
        decode_entries(entry(**fields))


def test_every_problem_is_listed_and_the_message_stays_short() -> None:
    entries = [entry(timestamp=str(i)) for i in range(25)]
    with pytest.raises(ga.ResponseValidationError) as caught:
        decode_entries(*entries)
    assert len(caught.value.errors) == 25
    assert caught.value.errors[24] == "$[24].timestamp: expected int, got str"
    assert str(caught.value).endswith("(and 15 more)")


def test_a_validation_error_does_not_chain_cattrs_exception_groups() -> None:
    with pytest.raises(ga.ResponseValidationError) as caught:
        decode_entries(entry(timestamp="x"))
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None


@pytest.mark.parametrize("body", [None, 5, ["[]"], {"a": 1}])
def test_a_body_of_the_wrong_type_is_an_argument_error(body: Any) -> None:
    with pytest.raises(ga.InvalidArgumentError, match="body must be bytes or str"):
        ga.decode_outgoing_messages(body)


@pytest.mark.parametrize("timestamp", [-1, 1_700_000_000_000, 2**63])
def test_a_timestamp_outside_any_date_is_refused_when_decoding(timestamp: int) -> None:
    body = (
        f'[{{"idMessage":"A","timestamp":{timestamp},"statusMessage":"sent",'
        '"typeMessage":"textMessage","chatId":"1@c.us"}]'
    )
    with pytest.raises(ga.ResponseValidationError, match=r"\$\[0\]\.timestamp: expected unix"):
        ga.decode_outgoing_messages(body)
    (unknown,) = ga.decode_outgoing_messages(body.replace("textMessage", "newKind"))
    assert isinstance(unknown, ga.UnknownMessage)
    assert unknown.timestamp is None
    assert unknown.timestamp_utc is None


def test_a_body_with_a_byte_order_mark_decodes() -> None:
    assert ga.decode_outgoing_messages(b"\xef\xbb\xbf[]") == []
    assert ga.decode_outgoing_messages("\ufeff[]") == []


def _descend(levels: int, action: Callable[[], str]) -> str:
    return _descend(levels - 1, action) if levels else action()


def _outcome_with_calls_left(calls_left: int, body: bytes) -> str:
    """Decode ``body`` with only ``calls_left`` calls to spare below the recursion limit."""

    def reached() -> str:
        return "reached"

    def decode() -> str:
        try:
            ga.decode_outgoing_messages(body)
        except RecursionError:
            return "RecursionError"
        except ga.ResponseValidationError as exc:
            return " | ".join(exc.errors)
        return "decoded"

    # How deep this stack can go, found by going there: calls made in C count too.
    deepest, too_deep = 0, sys.getrecursionlimit()
    while too_deep - deepest > 1:
        middle = (deepest + too_deep) // 2
        try:
            _descend(middle, reached)
        except RecursionError:
            too_deep = middle
        else:
            deepest = middle
    return _descend(deepest - calls_left, decode)


@pytest.mark.parametrize(
    ("body", "answer"),
    [
        (
            b'[{"typeMessage": "textMessage", "idMessage": "A", "timestamp": 1,'
            b' "chatId": "1@c.us", "quotedMessage": {"stanzaId": "B"}}]',
            "decoded",
        ),
        (  # a malformed entry: the detailed pass runs, and cattrs gathers what fails
            b'[{"typeMessage": "textMessage", "idMessage": "A", "timestamp": "x",'
            b' "chatId": "1@c.us"}]',
            "$[0].timestamp: expected int, got str",
        ),
    ],
    ids=["well-formed", "malformed"],
)
def test_a_failure_of_this_process_is_not_blamed_on_the_response(body: bytes, answer: str) -> None:
    # A caller's stack running out is this process's failure, wherever in the decode it
    # strikes (the parse, the objects, the detailed pass): a RecursionError, never a
    # malformed response. Swept call by call from no room at all to ample room.
    ga.decode_outgoing_messages(body.replace(b'"x"', b"1"))
    with contextlib.suppress(ga.ResponseValidationError):
        ga.decode_outgoing_messages(body)  # converters built, as in a running program
    outcomes = {_outcome_with_calls_left(calls_left, body) for calls_left in range(1, 120)}
    assert outcomes == {"RecursionError", answer}


def test_memory_running_out_while_building_objects_is_not_blamed_on_the_response(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The one private seam left in these tests: nothing public makes an allocation fail
    # at this point, and capping the address space crashes the JSON parser itself (msgspec
    # and orjson alike). A RecursionError would not tell: the detailed pass that follows
    # a swallowed one fails again, deeper.
    from greenapi_async import _converter

    def exhausted(data: object, _: object) -> object:
        raise MemoryError

    monkeypatch.setattr(_converter, "_journal_hook", lambda: exhausted)
    with pytest.raises(MemoryError):
        ga.decode_outgoing_messages(b'[{"typeMessage": "textMessage"}]')


def test_a_document_nested_too_deeply_is_a_malformed_response_even_deep_in_a_stack() -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    problem = "response is not valid JSON: nested too deeply to read"
    assert _outcome_with_calls_left(400, body) == problem


# Shapes recorded from the live service and its own examples (tests/data/recorded).


def recorded(name: str) -> list[ga.Message]:
    return ga.decode_outgoing_messages(data_bytes(f"recorded/{name}"))


def test_text_sent_through_the_api_is_extended_text_whose_text_reads_plainly() -> None:
    (message,) = recorded("extended_text_api_sent_forwarded.json")
    assert isinstance(message, ga.ExtendedTextMessage)
    assert message.text == "New message"
    assert message.status_message == ""  # kept as it came: history sends it empty
    assert message.extended_text_message is not None
    assert message.extended_text_message.preview_type == "None"


@pytest.mark.parametrize(
    "name",
    [
        "extended_text_api_sent_forwarded.json",
        "location_forwarded_inside.json",
        "image_and_video_note.json",
    ],
)
def test_a_forwarded_message_says_so_wherever_the_service_put_it(name: str) -> None:
    forwarded = [message for message in recorded(name) if message.forwarded]
    assert forwarded, "the recording has a forwarded entry"
    for message in forwarded:
        assert message.raw.get("isForwarded") or any(
            isinstance(value, dict) and value.get("isForwarded") for value in message.raw.values()
        )


def test_media_keeps_its_live_flags_and_a_video_note_is_a_video() -> None:
    image, video = recorded("image_and_video_note.json")
    assert isinstance(image, ga.ImageMessage)
    assert (image.is_animated, image.video_note, image.forwarded) == (False, False, False)
    assert image.text == "File description"
    assert isinstance(video, ga.VideoMessage)
    assert video.video_note is True
    assert video.forwarded is True


def test_a_reply_in_the_current_format_keeps_what_it_quotes() -> None:
    (message,) = recorded("contact_replying_to_contact.json")
    assert isinstance(message, ga.ContactMessage)
    assert message.contact == ga.Contact(
        display_name="Bicycle",
        vcard=message.raw["contact"]["vcard"],
        forwarding_score=0,
        is_forwarded=False,
    )
    quoted = message.quoted_message
    assert quoted is not None
    assert (quoted.stanza_id, quoted.type_message) == ("BAE506D813842127", "contactMessage")
    assert quoted.raw["contact"]["displayName"] == "Artem Evpatoriysky Petrovich"


def test_a_deletion_event_names_the_message_and_the_original_says_it_was_deleted() -> None:
    event, original = recorded("deleted.json")
    assert isinstance(event, ga.DeletedMessage)
    assert event.deleted_message_data == ga.DeletedMessageData(stanza_id="BAE55E709C547A29")
    assert (event.is_deleted, event.is_edited) == (None, None)  # the event carries neither
    assert as_kind(ga.ExtendedTextMessage, original).is_deleted is True
    assert as_kind(ga.ExtendedTextMessage, original).deleted_message_id == event.id_message


def test_a_poll_quoting_an_unknown_message_keeps_the_empty_tags() -> None:
    (poll,) = recorded("poll_quoting_unknown.json")
    assert isinstance(poll, ga.PollMessage)
    assert poll.poll is not None
    assert [option.option_name for option in poll.poll.options] == ["Red", "Yellow", "Green"]
    assert poll.poll.allows_several_answers is True
    assert poll.text == "What's your favorite color?"
    assert poll.quoted_message is not None
    assert poll.quoted_message.type_message == ""


def test_history_entries_of_both_directions_decode_to_the_same_kinds() -> None:
    outgoing, incoming = recorded("history_both_directions.json")
    assert isinstance(outgoing, ga.TextMessage)
    assert isinstance(incoming, ga.TextMessage)
    assert (outgoing.type, outgoing.status_message, outgoing.send_by_api) == (
        "outgoing",
        ga.MessageStatus.READ,
        True,
    )
    assert (outgoing.sender_id, outgoing.sender_name) == (None, None)
    assert (incoming.type, incoming.status_message) == ("incoming", None)
    assert (incoming.sender_id, incoming.sender_name, incoming.sender_contact_name) == (
        "70000000012@c.us",
        "Rachel",
        "Rachel 2",
    )


def test_the_documented_kinds_each_decode_to_their_class() -> None:
    edited, reaction, update, invite, reply, sticker = recorded("documented_kinds.json")
    assert isinstance(edited, ga.EditedMessage)
    assert edited.edited_message_data == ga.EditedMessageData(
        text_message="Edited message", stanza_id="3PEAD8EDB7A9D438FF5E"
    )
    assert edited.text == "Edited message"
    assert isinstance(reaction, ga.ReactionMessage)
    assert reaction.text == "👍"
    assert reaction.quoted_message is not None
    assert reaction.quoted_message.stanza_id == "A16014FAC9F5382E7B9CEEFEF1FFEB6F"
    assert isinstance(update, ga.PollUpdateMessage)
    assert update.poll_message_data == ga.PollUpdate(
        stanza_id="BAE53AFDD5F0C000",
        name="Poll Name",
        votes=(
            ga.PollVote(option_name="Variant 1"),
            ga.PollVote(option_name="Variant 2", option_voters=("79001234568@c.us",)),
        ),
        multiple_answers=False,
    )
    assert isinstance(invite, ga.GroupInviteMessage)
    assert invite.group_invite_message_data is not None
    assert invite.group_invite_message_data.invite_code == "IkxSY8Bu1RRcYhq0"
    assert isinstance(reply, ga.ReplyMessage)
    assert reply.text == "Quote test"
    assert reply.extended_text_message is not None
    assert reply.extended_text_message.stanza_id == "3A6424373F90A939B3C8"
    assert isinstance(sticker, ga.StickerMessage)
    assert (sticker.is_animated, sticker.forwarded, sticker.sender_name) == (True, True, "Anna")


def test_a_contacts_array_is_read_wherever_the_list_was_put() -> None:
    messages = recorded("contacts_array_placements.json")
    assert len(messages) == 3
    for message in messages:
        assert isinstance(message, ga.ContactsArrayMessage)
        assert [contact.display_name for contact in message.contacts] == ["Sales"]


def test_the_2023_poll_format_reads_as_a_poll() -> None:
    (poll,) = recorded("poll_2023_format.json")
    assert isinstance(poll, ga.PollMessage)
    assert poll.poll_message_data is None
    assert poll.poll is not None
    assert poll.poll.selectable_options_count == 1
    assert poll.poll.allows_several_answers is False
    assert poll.text == "Poll Name"


def test_an_outgoing_entry_without_a_status_decodes() -> None:
    (message,) = recorded("outgoing_without_status.json")
    assert isinstance(message, ga.TextMessage)
    assert message.status_message is None
    assert message.text == "after re-scan"


@pytest.mark.parametrize("path", sorted((DATA / "recorded").glob("*.json")), ids=lambda p: p.name)
def test_every_message_keeps_its_wire_object_as_it_came(path: Path) -> None:
    wire = json.loads(path.read_bytes())
    if isinstance(wire, dict):  # getMessage's answer: one entry
        wire = [wire]
    messages = ga.decode_outgoing_messages(json.dumps(wire))
    assert [dict(message.raw) for message in messages] == wire


# Leaving malformed entries out, by choice.

GOOD_ENTRY = {
    "typeMessage": "textMessage", "idMessage": "A", "timestamp": 1,
    "statusMessage": "read", "chatId": "1@c.us",
}  # fmt: skip


def test_skipping_malformed_entries_keeps_the_others_and_names_each_left_out() -> None:
    malformed = [5, {**GOOD_ENTRY, "timestamp": "1"}]
    body = json.dumps([GOOD_ENTRY, *malformed, {**GOOD_ENTRY, "idMessage": "B"}])
    result = ga.decode_outgoing_messages(body, skip_malformed=True)
    assert isinstance(result, ga.PartialMessages)
    assert [m.id_message for m in result.messages] == ["A", "B"]
    assert result.left_out == (
        ga.MalformedEntry(1, 5, ("$[1]: expected object, got int",)),
        ga.MalformedEntry(2, malformed[1], ("$[2].timestamp: expected int, got str",)),
    )
    assert [entry.entry for entry in result.left_out] == malformed
    problem = result.problem
    assert problem is not None
    assert str(problem).startswith("left out 2 malformed lastOutgoingMessages entries: $[1]")
    assert problem.errors == (
        "$[1]: expected object, got int",
        "$[2].timestamp: expected int, got str",
    )
    # Strict, the same answer fails whole, naming the method and the same places.
    with pytest.raises(ga.ResponseValidationError, match="malformed lastOutgoingMessages") as info:
        ga.decode_outgoing_messages(body)
    assert info.value.errors == problem.errors


def test_skipping_an_answer_without_malformed_entries_reports_nothing() -> None:
    result = ga.decode_outgoing_messages(json.dumps([GOOD_ENTRY]), skip_malformed=True)
    assert result == ga.PartialMessages(decode_entries(GOOD_ENTRY))
    assert (result.left_out, result.problem) == ((), None)


@pytest.mark.parametrize("body", [b"[{", b'{"code": 200}', b"null", b"5"])
def test_skipping_cannot_save_an_answer_that_is_not_an_array(body: bytes) -> None:
    with pytest.raises(ga.ResponseValidationError):
        ga.decode_outgoing_messages(body, skip_malformed=True)


@pytest.mark.parametrize("flag", [1, "yes", None])
def test_skip_malformed_is_a_bool(flag: Any) -> None:
    with pytest.raises(ga.InvalidArgumentError, match="skip_malformed must be True or False"):
        ga.decode_outgoing_messages(b"[]", skip_malformed=flag)


def test_importing_the_package_leaves_the_converter_library_to_the_first_decode() -> None:
    # cattrs and msgspec (and typing_extensions with them) would be most of the import's
    # own cost, and asyncio some 15 ms more; a program that never decodes never needs the
    # first two, and one on trio never the last. A fresh interpreter shows what an
    # import loads. What the libraries imported at once load by themselves (anyio 4.14
    # brings typing_extensions) is theirs, not ours to put off.
    probe = (
        "import sys, httpx, anyio, attrs\n"
        "lazy = ('cattrs', 'msgspec', 'typing_extensions', 'asyncio')\n"
        "theirs = {m for m in lazy if m in sys.modules}\n"
        "import greenapi_async as ga\n"
        "loaded = sorted(m for m in lazy if m in sys.modules and m not in theirs)\n"
        'body = b\'[{"typeMessage": "textMessage", "idMessage": "A", "timestamp": 1,'
        ' "chatId": "1@c.us", "textMessage": "hi"}]\'\n'
        "(message,) = ga.decode_outgoing_messages(body)\n"
        "print(loaded, message.text, 'cattrs' in sys.modules)\n"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["[]", "hi", "True"]
