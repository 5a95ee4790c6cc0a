"""The examples run for real against the fake served over HTTP on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from greenapi_async.testing import FakeGreenAPI, serve, text_message

FIRST, SECOND = "1101000001", "1101000002"
CHAT = "79001234567@c.us"
# The customer's question in CHAT, newer than the answer the shop sent before it.
QUESTION = "3EB0C767D097B7C7C030"


@pytest.fixture
def two_instances() -> Iterator[tuple[FakeGreenAPI, str]]:
    """A fake with two instances and a few messages each, served on 127.0.0.1."""
    fake = FakeGreenAPI(rate_limit=True)
    first = fake.add_instance(FIRST, "firstToken1")
    second = fake.add_instance(SECOND, "secondToken2")
    first.add(text_message("hi"), status="read")
    first.add(text_message("code 1234"), status="delivered")
    first.add(text_message("no whatsapp"), status="noAccount")
    second.add(text_message("hello"), status="pending")
    with serve(fake) as base_url:
        yield fake, base_url


def assert_histories_of_a_chat(fake: FakeGreenAPI, history: Any, empty: Any) -> None:
    """``a_chat``'s history of CHAT on FIRST (``count=5``) and on SECOND, as the apps serve them.

    Each message is ``ga.message_data()``: snake_case typed fields, no ``raw``.
    """
    assert (history["instance"], history["chat_id"]) == (FIRST, CHAT)
    question, answer = history["messages"]
    assert question["type_message"] == "textMessage"
    assert (question["type"], question["id_message"]) == ("incoming", QUESTION)
    assert (question["sender_name"], question["text_message"]) == ("Anna", "When will it arrive?")
    assert (answer["type"], answer["status_message"]) == ("outgoing", "")
    assert answer["text_message"] == "Your order has shipped"
    assert "raw" not in answer
    assert empty == {"instance": SECOND, "chat_id": CHAT, "messages": []}
    # The count asked for, and the app's default of 20.
    assert [r.json for r in fake.requests] == [
        {"chatId": CHAT, "count": 5},
        {"chatId": CHAT, "count": 20},
    ]


INSTANCES = {FIRST: "firstToken1", SECOND: "secondToken2"}


@pytest.fixture
def a_chat() -> Iterator[tuple[FakeGreenAPI, str]]:
    """FIRST has a chat with a message each way and one in another chat; SECOND none."""
    fake = FakeGreenAPI(rate_limit=True)
    first = fake.add_instance(FIRST, INSTANCES[FIRST])
    fake.add_instance(SECOND, INSTANCES[SECOND])
    now = int(fake.clock.now())
    first.add(text_message("Your order has shipped"), chat_id=CHAT, timestamp=now - 120)
    first.add_incoming(
        text_message("When will it arrive?"),
        chat_id=CHAT,
        sender_name="Anna",
        id_message=QUESTION,
        timestamp=now - 60,
    )
    first.add(text_message("Hello"), chat_id="79007654321@c.us", timestamp=now - 30)
    with serve(fake) as base_url:
        yield fake, base_url


@pytest.fixture
def no_instances_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """None of the variables the example apps read their instances from is set."""
    for name in ("GREENAPI_INSTANCES", "GREENAPI_ID_INSTANCE", "GREENAPI_API_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def answer_to_a_send(id_message: str, confirmed_by: str) -> dict[str, object]:
    """What the send routes answer for one send to CHAT that took one request."""
    return {"id_message": id_message, "chat_id": CHAT, "confirmed_by": confirmed_by, "attempts": 1}
