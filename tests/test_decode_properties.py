"""Property tests of the decoder: whatever arrives, a list or a ResponseValidationError."""

from __future__ import annotations

import json
from typing import Any, get_args

from hypothesis import given, settings
from hypothesis import strategies as st

import greenapi_async as ga

KNOWN_TAGS = {
    "textMessage",
    "imageMessage",
    "videoMessage",
    "documentMessage",
    "audioMessage",
    "stickerMessage",
    "locationMessage",
    "contactMessage",
    "extendedTextMessage",
    "pollMessage",
}
STATUSES = {status.value for status in ga.MessageStatus}

# Integers of any size: the parser reads every one exactly, so each round-trips.
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=25,
)
wire_keys = st.sampled_from(
    ["idMessage", "timestamp", "statusMessage", "typeMessage", "chatId", "textMessage",
     "location", "contact", "pollMessageData", "quotedMessage", "sendByApi", "caption"]
)  # fmt: skip
message_like = st.dictionaries(
    wire_keys, json_values | st.sampled_from(sorted(KNOWN_TAGS)), max_size=8
)


def decode_or_error(body: str | bytes) -> list[ga.OutgoingMessage] | ga.ResponseValidationError:
    # Anything other than these two outcomes propagates and fails the test.
    try:
        return ga.decode_outgoing_messages(body)
    except ga.ResponseValidationError as error:
        return error


def decodes_or_refuses(value: Any) -> None:
    outcome = decode_or_error(json.dumps(value))
    if isinstance(outcome, ga.ResponseValidationError):
        assert outcome.errors
        assert all(problem.startswith("$") for problem in outcome.errors)
    else:
        assert len(outcome) == len(value)


@settings(max_examples=300)
@given(json_values)
def test_any_json_value_is_a_list_or_a_response_validation_error(value: Any) -> None:
    decodes_or_refuses(value)


@settings(max_examples=300)
@given(st.lists(message_like, max_size=6))
def test_any_list_of_message_like_objects_is_a_list_or_a_validation_error(
    value: list[dict[str, Any]],
) -> None:
    decodes_or_refuses(value)


@given(st.binary(max_size=64))
def test_any_bytes_are_a_list_or_a_response_validation_error(body: bytes) -> None:
    # Any other exception fails the test; what comes back must be one of the two, whole.
    outcome = decode_or_error(body)
    if isinstance(outcome, ga.ResponseValidationError):
        assert outcome.errors
        assert str(outcome).startswith("malformed lastOutgoingMessages response: ")
    else:
        assert all(isinstance(message, get_args(ga.Message)) for message in outcome)


common_fields = st.fixed_dictionaries(
    {
        "idMessage": st.text(min_size=1, max_size=24),
        "timestamp": st.integers(min_value=0, max_value=253_402_300_799),
        "statusMessage": st.sampled_from(sorted(STATUSES)) | st.text(max_size=12),
        "chatId": st.text(max_size=30),
    },
    optional={
        "sendByApi": st.booleans(),
        "isForwarded": st.booleans(),
        "forwardingScore": st.integers(min_value=0, max_value=1000),
        "type": st.just("outgoing"),
    },
)


@given(common_fields, st.text(max_size=50) | st.none())
def test_generated_text_messages_survive_field_for_field(
    common: dict[str, Any], text: str | None
) -> None:
    wire = {**common, "typeMessage": "textMessage", "textMessage": text}
    (message,) = ga.decode_outgoing_messages(json.dumps([wire]))
    assert isinstance(message, ga.TextMessage)
    assert message.id_message == wire["idMessage"]
    assert message.timestamp == wire["timestamp"]
    assert message.status_message == wire["statusMessage"]
    assert message.chat_id == wire["chatId"]
    assert message.text_message == text
    assert message.send_by_api == wire.get("sendByApi")
    assert message.forwarding_score == wire.get("forwardingScore")


@given(
    common_fields,
    st.floats(-90, 90) | st.integers(-90, 90),
    st.floats(-180, 180),
    st.text(max_size=20),
)
def test_generated_locations_survive_field_for_field(
    common: dict[str, Any], latitude: float, longitude: float, name: str
) -> None:
    location = {"nameLocation": name, "latitude": latitude, "longitude": longitude}
    wire = {**common, "typeMessage": "locationMessage", "location": location}
    (message,) = ga.decode_outgoing_messages(json.dumps([wire]))
    assert isinstance(message, ga.LocationMessage)
    assert message.location == ga.Location(
        name_location=name, latitude=float(latitude), longitude=longitude
    )


@given(
    common_fields,
    st.text(max_size=20).filter(lambda tag: tag not in KNOWN_TAGS),
    st.dictionaries(st.text(max_size=8), json_values, max_size=4),
)
def test_unknown_kinds_come_back_whole(
    common: dict[str, Any], tag: str, extra: dict[str, Any]
) -> None:
    wire = {**extra, **common, "typeMessage": tag}
    (message,) = ga.decode_outgoing_messages(json.dumps([wire]))
    assert isinstance(message, ga.UnknownMessage)
    assert message.type_message == tag
    assert dict(message.raw) == wire
    assert message.status_message == wire["statusMessage"]


@given(st.text(max_size=20).filter(lambda status: status not in STATUSES))
def test_unknown_statuses_stay_plain_strings(status: str) -> None:
    wire = {
        "idMessage": "A",
        "timestamp": 1,
        "statusMessage": status,
        "typeMessage": "textMessage",
        "chatId": "1@c.us",
    }
    (message,) = ga.decode_outgoing_messages(json.dumps([wire]))
    assert type(message.status_message) is str
    assert message.status_message == status
