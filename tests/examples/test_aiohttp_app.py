"""examples/aiohttp_app.py, run in aiohttp's test server against the fake over real HTTP."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from greenapi_async.testing import FakeGreenAPI, Fault

from ..examples_path import load_example
from .conftest import (
    CHAT,
    FIRST,
    INSTANCES,
    QUESTION,
    SECOND,
    answer_to_a_send,
    assert_histories_of_a_chat,
)

example = load_example("aiohttp_app")

pytestmark = pytest.mark.asyncio


async def test_the_route_reports_status_counts_per_instance(
    two_instances: tuple[FakeGreenAPI, str],
) -> None:
    fake, base_url = two_instances
    app = example.create_app(INSTANCES, api_url=base_url)
    async with TestClient(TestServer(app)) as client:
        first = await client.get(f"/instances/{FIRST}/delivery", params={"minutes": "30"})
        second = await client.get(f"/instances/{SECOND}/delivery")
        assert first.status == 200
        assert (await first.json())["counts"] == {"read": 1, "delivered": 1, "noAccount": 1}
        assert (await second.json())["counts"] == {"pending": 1}
        apis = app[example.APIS]
    assert all(api.closed for api in apis.values())
    assert {r.id_instance for r in fake.requests} == {FIRST, SECOND}


async def test_bad_input_and_service_errors_are_clear(
    two_instances: tuple[FakeGreenAPI, str],
) -> None:
    fake, base_url = two_instances
    async with TestClient(TestServer(example.create_app(INSTANCES, api_url=base_url))) as client:
        assert (await client.get("/instances/42/delivery")).status == 404
        assert (await client.get(f"/instances/{FIRST}/delivery?minutes=x")).status == 400
        assert (await client.get(f"/instances/{FIRST}/delivery?minutes=0")).status == 400
        # A week at most, as in the FastAPI app.
        assert (await client.get(f"/instances/{FIRST}/delivery?minutes=10081")).status == 400
        fake.queue_fault(Fault.quota_exceeded())
        failed = await client.get(f"/instances/{FIRST}/delivery")
        assert failed.status == 502
        text = await failed.text()
    assert "quota" in text
    assert "firstToken1" not in text


async def test_a_chats_history_holds_both_directions_as_message_data(
    a_chat: tuple[FakeGreenAPI, str],
) -> None:
    fake, base_url = a_chat
    async with TestClient(TestServer(example.create_app(INSTANCES, api_url=base_url))) as client:
        history = await client.get(f"/instances/{FIRST}/chats/{CHAT}/history?count=5")
        body = await history.json()
        empty = await (await client.get(f"/instances/{SECOND}/chats/{CHAT}/history")).json()
    assert history.status == 200
    assert_histories_of_a_chat(fake, body, empty)


async def test_a_chat_id_of_the_wrong_form_is_a_400_that_names_it_and_the_form_meant(
    a_chat: tuple[FakeGreenAPI, str],
) -> None:
    fake, base_url = a_chat
    async with TestClient(TestServer(example.create_app(INSTANCES, api_url=base_url))) as client:
        history = await client.get(f"/instances/{FIRST}/chats/79001234567/history")
        send = await client.post(
            f"/instances/{FIRST}/chats/79001234567/messages", json={"text": "Hi"}
        )
        for refused in (history, send):
            assert refused.status == 400
            text = await refused.text()
            assert text.startswith("chat_id must be a chat id such as")
            assert "did you mean '79001234567@c.us'?" in text
    assert not fake.requests


async def test_history_and_send_map_bad_input_and_service_errors_as_the_delivery_route(
    a_chat: tuple[FakeGreenAPI, str],
) -> None:
    fake, base_url = a_chat
    async with TestClient(TestServer(example.create_app(INSTANCES, api_url=base_url))) as client:
        chat = f"/instances/{FIRST}/chats/{CHAT}"
        assert (await client.get(f"/instances/42/chats/{CHAT}/history")).status == 404
        unknown = f"/instances/42/chats/{CHAT}/messages"
        assert (await client.post(unknown, json={"text": "Hi"})).status == 404
        for count in ("0", "101", "x"):
            too_many = await client.get(f"{chat}/history", params={"count": count})
            assert too_many.status == 400
            assert await too_many.text() == "count must be a whole number from 1 to 100"
        for body, said in [
            (b"text=Hi", 'the body must be {"text": ..., "reply_to": ...}'),
            (b'["Hi"]', 'the body must be {"text": ..., "reply_to": ...}'),
            (b'{"reply_to": null}', "text must not be empty"),
            (b'{"text": null}', "text must be a str, not None"),
        ]:
            refused = await client.post(f"{chat}/messages", data=body)
            assert (refused.status, await refused.text()) == (400, said)
        fake.queue_fault(Fault.quota_exceeded())
        failed = await client.get(f"{chat}/history")
        fake.queue_fault(Fault(403, b"Forbidden").on("sendMessage"))
        forbidden = await client.post(f"{chat}/messages", json={"text": "Hi"})
        assert failed.status == forbidden.status == 502
        failed_text, forbidden_text = await failed.text(), await forbidden.text()
    assert "quota" in failed_text
    assert "403" in forbidden_text
    assert "firstToken1" not in failed_text + forbidden_text
    assert fake.instance.sends_taken == 0


async def test_a_reply_is_sent_quoting_the_message_it_answers(
    a_chat: tuple[FakeGreenAPI, str],
) -> None:
    fake, base_url = a_chat
    async with TestClient(TestServer(example.create_app(INSTANCES, api_url=base_url))) as client:
        response = await client.post(
            f"/instances/{FIRST}/chats/{CHAT}/messages",
            json={"text": "Tomorrow morning", "reply_to": QUESTION},
        )
        body = await response.json()
    assert response.status == 201
    (sent,) = fake.instance.sent
    assert body == answer_to_a_send(sent["idMessage"], "answer")
    assert sent["textMessage"] == "Tomorrow morning"
    assert sent["quotedMessage"]["stanzaId"] == QUESTION


async def test_a_send_whose_answer_was_lost_is_found_in_the_queue_not_sent_twice(
    a_chat: tuple[FakeGreenAPI, str],
) -> None:
    fake, base_url = a_chat
    fake.instance.authorized = False  # the phone is away: the message waits in the queue
    fake.queue_fault(Fault.taken_then_dropped().on("sendMessage"))
    async with TestClient(TestServer(example.create_app(INSTANCES, api_url=base_url))) as client:
        response = await client.post(
            f"/instances/{FIRST}/chats/{CHAT}/messages", json={"text": "Your code: 4321"}
        )
        body = await response.json()
    assert response.status == 201
    (queued,) = fake.instance.send_queue
    assert body == answer_to_a_send(queued["idMessage"], "queue")
    assert fake.instance.sends_taken == 1


async def test_a_send_not_confirmed_is_a_504_that_says_it_may_still_arrive(
    a_chat: tuple[FakeGreenAPI, str],
) -> None:
    fake, base_url = a_chat
    fake.queue_fault(Fault.taken_then_dropped().on("sendMessage"))
    app = example.create_app(INSTANCES, api_url=base_url, confirm_within=0)
    async with TestClient(TestServer(app)) as client:
        response = await client.post(
            f"/instances/{FIRST}/chats/{CHAT}/messages", json={"text": "Your code: 4321"}
        )
        text = await response.text()
    assert response.status == 504
    assert "it may still be delivered" in text
    assert "Do not send it again" in text
    assert "firstToken1" not in text
    assert fake.instance.sends_taken == 1


@pytest.mark.usefixtures("no_instances_in_env")
async def test_without_instances_in_the_environment_the_app_says_what_to_set() -> None:
    with pytest.raises(SystemExit, match="set GREENAPI_INSTANCES"):
        example.app_from_env()


async def test_the_app_serves_the_instances_the_sandbox_prints(
    two_instances: tuple[FakeGreenAPI, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, base_url = two_instances
    monkeypatch.delenv("GREENAPI_INSTANCES", raising=False)
    monkeypatch.setenv("GREENAPI_ID_INSTANCE", FIRST)
    monkeypatch.setenv("GREENAPI_API_TOKEN", INSTANCES[FIRST])
    monkeypatch.setenv("GREENAPI_API_URL", base_url)
    async with TestClient(TestServer(example.app_from_env())) as client:
        response = await client.get(f"/instances/{FIRST}/delivery")
        assert response.status == 200
