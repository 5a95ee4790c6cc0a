"""examples/fastapi_app.py, served by uvicorn with its lifespan, against the fake over HTTP."""

from __future__ import annotations

import httpx
import pytest
import uvicorn

from greenapi_async.testing import FakeGreenAPI, Fault, serve

from ..examples_path import EXAMPLES, load_example
from .conftest import (
    CHAT,
    FIRST,
    INSTANCES,
    QUESTION,
    SECOND,
    answer_to_a_send,
    assert_histories_of_a_chat,
)

example = load_example("fastapi_app")
create_app = example.create_app


def test_the_route_reports_status_counts_per_instance(
    two_instances: tuple[FakeGreenAPI, str],
) -> None:
    fake, fake_url = two_instances
    with serve(create_app(INSTANCES, api_url=fake_url)) as app_url:
        first = httpx.get(f"{app_url}/instances/{FIRST}/delivery", params={"minutes": 30})
        second = httpx.get(f"{app_url}/instances/{SECOND}/delivery")
    assert first.status_code == 200
    assert first.json()["counts"] == {"read": 1, "delivered": 1, "noAccount": 1}
    assert second.json()["counts"] == {"pending": 1}
    assert {r.query.get("minutes") for r in fake.requests} == {"30", "60"}
    # One shared pool served both instances; each request had its own credentials.
    assert {r.id_instance for r in fake.requests} == {FIRST, SECOND}
    assert all(r.token_valid for r in fake.requests)


def test_unknown_instances_and_service_errors_are_clear(
    two_instances: tuple[FakeGreenAPI, str],
) -> None:
    fake, fake_url = two_instances
    with serve(create_app(INSTANCES, api_url=fake_url)) as app_url:
        assert httpx.get(f"{app_url}/instances/42/delivery").status_code == 404
        assert httpx.get(f"{app_url}/instances/{FIRST}/delivery?minutes=0").status_code == 422
        fake.queue_fault(Fault(401, b'{"code":401,"description":"Unauthorized"}'))
        failed = httpx.get(f"{app_url}/instances/{FIRST}/delivery")
    assert failed.status_code == 502
    assert "401 Unauthorized" in failed.json()["detail"]
    assert "firstToken1" not in failed.text


def test_the_app_can_start_twice_with_fresh_clients(
    two_instances: tuple[FakeGreenAPI, str],
) -> None:
    _, fake_url = two_instances
    app = create_app(INSTANCES, api_url=fake_url)
    with serve(app) as app_url:
        assert httpx.get(f"{app_url}/instances/{FIRST}/delivery").status_code == 200
    with serve(app) as app_url:
        assert httpx.get(f"{app_url}/instances/{SECOND}/delivery").status_code == 200


def test_a_chats_history_holds_both_directions_as_message_data(
    a_chat: tuple[FakeGreenAPI, str],
) -> None:
    fake, fake_url = a_chat
    with serve(create_app(INSTANCES, api_url=fake_url)) as app_url:
        history = httpx.get(f"{app_url}/instances/{FIRST}/chats/{CHAT}/history?count=5")
        empty = httpx.get(f"{app_url}/instances/{SECOND}/chats/{CHAT}/history")
    assert history.status_code == 200
    assert_histories_of_a_chat(fake, history.json(), empty.json())


def test_a_chat_id_of_the_wrong_form_is_a_422_that_names_it_and_the_form_meant(
    a_chat: tuple[FakeGreenAPI, str],
) -> None:
    fake, fake_url = a_chat
    with serve(create_app(INSTANCES, api_url=fake_url)) as app_url:
        history = httpx.get(f"{app_url}/instances/{FIRST}/chats/79001234567/history")
        send = httpx.post(
            f"{app_url}/instances/{FIRST}/chats/79001234567/messages", json={"text": "Hi"}
        )
    for refused in (history, send):
        assert refused.status_code == 422
        assert refused.json()["detail"].startswith("chat_id must be a chat id such as")
        assert "did you mean '79001234567@c.us'?" in refused.json()["detail"]
    assert not fake.requests


def test_history_and_send_map_bad_input_and_service_errors_as_the_delivery_route(
    a_chat: tuple[FakeGreenAPI, str],
) -> None:
    fake, fake_url = a_chat
    with serve(create_app(INSTANCES, api_url=fake_url)) as app_url:
        chat = f"{app_url}/instances/{FIRST}/chats/{CHAT}"
        assert httpx.get(f"{app_url}/instances/42/chats/{CHAT}/history").status_code == 404
        unknown = f"{app_url}/instances/42/chats/{CHAT}/messages"
        assert httpx.post(unknown, json={"text": "Hi"}).status_code == 404
        assert httpx.get(f"{chat}/history?count=0").status_code == 422
        assert httpx.get(f"{chat}/history?count=101").status_code == 422
        assert httpx.post(f"{chat}/messages", json={"reply_to": QUESTION}).status_code == 422
        empty = httpx.post(f"{chat}/messages", json={"text": ""})
        assert (empty.status_code, empty.json()["detail"]) == (422, "text must not be empty")
        fake.queue_fault(Fault.quota_exceeded())
        failed = httpx.get(f"{chat}/history")
        fake.queue_fault(Fault(403, b"Forbidden").on("sendMessage"))
        refused = httpx.post(f"{chat}/messages", json={"text": "Hi"})
    assert failed.status_code == refused.status_code == 502
    assert "quota" in failed.json()["detail"]
    assert "403" in refused.json()["detail"]
    assert "firstToken1" not in failed.text + refused.text
    assert fake.instance.sends_taken == 0


def test_a_reply_is_sent_quoting_the_message_it_answers(
    a_chat: tuple[FakeGreenAPI, str],
) -> None:
    fake, fake_url = a_chat
    with serve(create_app(INSTANCES, api_url=fake_url)) as app_url:
        response = httpx.post(
            f"{app_url}/instances/{FIRST}/chats/{CHAT}/messages",
            json={"text": "Tomorrow morning", "reply_to": QUESTION},
        )
    assert response.status_code == 201
    (sent,) = fake.instance.sent
    assert response.json() == answer_to_a_send(sent["idMessage"], "answer")
    assert sent["textMessage"] == "Tomorrow morning"
    assert sent["quotedMessage"]["stanzaId"] == QUESTION


def test_a_send_whose_answer_was_lost_is_found_in_the_queue_not_sent_twice(
    a_chat: tuple[FakeGreenAPI, str],
) -> None:
    fake, fake_url = a_chat
    fake.instance.authorized = False  # the phone is away: the message waits in the queue
    fake.queue_fault(Fault.taken_then_dropped().on("sendMessage"))
    with serve(create_app(INSTANCES, api_url=fake_url)) as app_url:
        response = httpx.post(
            f"{app_url}/instances/{FIRST}/chats/{CHAT}/messages", json={"text": "Your code: 4321"}
        )
    assert response.status_code == 201
    (queued,) = fake.instance.send_queue
    assert response.json() == answer_to_a_send(queued["idMessage"], "queue")
    assert fake.instance.sends_taken == 1


def test_a_send_not_confirmed_is_a_504_that_says_it_may_still_arrive(
    a_chat: tuple[FakeGreenAPI, str],
) -> None:
    fake, fake_url = a_chat
    fake.queue_fault(Fault.taken_then_dropped().on("sendMessage"))
    app = create_app(INSTANCES, api_url=fake_url, confirm_within=0)
    with serve(app) as app_url:
        response = httpx.post(
            f"{app_url}/instances/{FIRST}/chats/{CHAT}/messages", json={"text": "Your code: 4321"}
        )
    assert response.status_code == 504
    detail = response.json()["detail"]
    assert "it may still be delivered" in detail
    assert "Do not send it again" in detail
    assert "firstToken1" not in detail
    assert fake.instance.sends_taken == 1


@pytest.mark.parametrize(
    "environ",
    [
        {"GREENAPI_INSTANCES": f"{FIRST}:{INSTANCES[FIRST]},{SECOND}:{INSTANCES[SECOND]}"},
        # The three lines `greenapi-async sandbox` prints.
        {"GREENAPI_ID_INSTANCE": FIRST, "GREENAPI_API_TOKEN": INSTANCES[FIRST]},
    ],
    ids=["instances", "sandbox-variables"],
)
def test_uvicorn_factory_serves_the_instances_in_the_environment(
    two_instances: tuple[FakeGreenAPI, str],
    monkeypatch: pytest.MonkeyPatch,
    environ: dict[str, str],
) -> None:
    _, fake_url = two_instances
    for name, value in {**environ, "GREENAPI_API_URL": fake_url}.items():
        monkeypatch.setenv(name, value)
    # What `uvicorn --factory fastapi_app:app_from_env`, run in examples/, loads.
    monkeypatch.syspath_prepend(str(EXAMPLES))
    config = uvicorn.Config("fastapi_app:app_from_env", factory=True)
    config.load()
    with serve(config.loaded_app) as app_url:
        response = httpx.get(f"{app_url}/instances/{FIRST}/delivery")
    assert response.status_code == 200
    assert response.json()["counts"] == {"read": 1, "delivered": 1, "noAccount": 1}


@pytest.mark.usefixtures("no_instances_in_env")
def test_without_instances_in_the_environment_the_app_says_what_to_set() -> None:
    with pytest.raises(SystemExit, match="set GREENAPI_INSTANCES"):
        example.app_from_env()
