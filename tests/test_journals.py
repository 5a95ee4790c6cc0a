"""The journal methods, each end to end against the fake over real HTTP, on asyncio and trio.

One table of methods drives these tests: a new journal method is added to ``JOURNALS``
and gets every case here (what it answers, its faults, its argument checks).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import anyio
import attrs
import pytest

import greenapi_async as ga
from greenapi_async.testing import (
    FakeClock,
    FakeGreenAPI,
    FakeInstance,
    Fault,
    image_message,
    serve,
    text_message,
)

pytestmark = pytest.mark.anyio

NOW = 1_764_000_000


@attrs.frozen
class Journal:
    """One journal method: how to call it, and how to put an entry in it on the fake."""

    name: str
    call: Callable[..., Awaitable[Any]]
    add: Callable[..., dict[str, Any]]


JOURNALS = [
    Journal(
        "lastOutgoingMessages",
        lambda api, **options: api.journals.last_outgoing_messages(**options),
        lambda instance, content, **options: instance.add(content, **options),
    ),
    Journal(
        "lastIncomingMessages",
        lambda api, **options: api.journals.last_incoming_messages(**options),
        lambda instance, content, **options: instance.add_incoming(content, **options),
    ),
]


@pytest.fixture(params=JOURNALS, ids=lambda journal: journal.name)
def journal(request: pytest.FixtureRequest) -> Journal:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def fake() -> FakeGreenAPI:
    fake = FakeGreenAPI(clock=FakeClock(NOW), rate_limit=False)
    fake.add_instance()
    return fake


@pytest.fixture
def served(fake: FakeGreenAPI) -> Iterator[str]:
    with serve(fake) as base_url:
        yield base_url


def client(fake: FakeGreenAPI, base_url: str, **options: Any) -> ga.GreenAPI:
    instance = fake.instance
    options = {"rate_limit": False, "max_retries": 2, "timeout": 5.0, **options}
    return ga.GreenAPI(instance.id_instance, instance.api_token, api_url=base_url, **options)


async def test_each_journal_shows_its_own_direction_within_the_window(
    fake: FakeGreenAPI, served: str, journal: Journal
) -> None:
    instance = fake.instance
    instance.add(text_message("sent"), id_message="OUT", timestamp=NOW - 60)
    instance.add_incoming(
        text_message("received"), id_message="IN", sender_name="Anna", timestamp=NOW - 60
    )
    journal.add(instance, image_message("older"), id_message="OLD", timestamp=NOW - 7200)
    async with client(fake, served) as api:
        recent = await journal.call(api, minutes=5)
        whole_day = await journal.call(api)
    (message,) = recent
    own = "IN" if journal.name == "lastIncomingMessages" else "OUT"
    assert message.id_message == own
    assert [m.id_message for m in whole_day] == [own, "OLD"]  # newest first
    (request, _) = fake.requests
    assert (request.method, request.api_method, request.query) == (
        "GET",
        journal.name,
        {"minutes": "5"},
    )


async def test_an_incoming_entry_says_who_sent_it_and_has_no_status(
    fake: FakeGreenAPI, served: str
) -> None:
    fake.instance.add_incoming(
        text_message("Where is my order?"),
        chat_id="120363043968066561@g.us",
        sender_id="79007654321@c.us",
        sender_name="Anna",
    )
    async with client(fake, served) as api:
        (message,) = await api.journals.last_incoming_messages()
    assert isinstance(message, ga.TextMessage)
    assert (message.type, message.text, message.status_message) == (
        "incoming",
        "Where is my order?",
        None,
    )
    assert (message.chat_id, message.sender_id, message.sender_name) == (
        "120363043968066561@g.us",
        "79007654321@c.us",
        "Anna",
    )
    assert message.sender_contact_name == "Anna"


@pytest.mark.parametrize(
    ("faults", "outcome"),
    [
        ([Fault.rate_limited(retry_after=0.1)], None),
        ([Fault(500), Fault.bad_gateway()], None),
        ([Fault(499, b'{"code":499}')], None),
        ([Fault(401, b'{"code":401,"description":"Unauthorized"}')], ga.AuthenticationError),
        ([Fault(403, b"Forbidden")], ga.PermissionDeniedError),
        ([Fault.quota_exceeded()], ga.QuotaExceededError),
        ([Fault.malformed()], ga.ResponseValidationError),
        ([Fault.malformed(b'{"code":401,"description":"Unauthorized"}')], ga.AuthenticationError),
        ([Fault.slow(1.0)] * 3, ga.APITimeoutError),
    ],
    ids=[
        "429-retry-after",
        "500-then-502",
        "499",
        "401",
        "403",
        "466",
        "truncated-json",
        "401-body-on-200",
        "timeouts",
    ],
)
async def test_faults_are_retried_or_typed(
    fake: FakeGreenAPI,
    served: str,
    journal: Journal,
    faults: list[Fault],
    outcome: type[ga.GreenAPIError] | None,
) -> None:
    journal.add(fake.instance, text_message("after the fault"), id_message="M1")
    for fault in faults:
        fake.queue_fault(fault)
    async with client(fake, served, timeout=0.3) as api:
        with anyio.fail_after(15):
            if outcome is None:
                (message,) = await journal.call(api)
                assert message.id_message == "M1"
            else:
                with pytest.raises(outcome) as caught:
                    await journal.call(api)
                assert journal.name in str(caught.value)


@pytest.mark.parametrize(
    "options",
    [{"minutes": 0}, {"minutes": "60"}, {"minutes": 525_601}, {"skip_malformed": 1}],
    ids=["zero", "str", "over-a-year", "flag-not-bool"],
)
async def test_wrong_arguments_are_refused_before_any_request(
    fake: FakeGreenAPI, served: str, journal: Journal, options: dict[str, Any]
) -> None:
    async with client(fake, served) as api:
        with pytest.raises(ga.InvalidArgumentError):
            await journal.call(api, **options)
    assert not fake.requests


async def test_a_malformed_entry_can_be_left_out(
    fake: FakeGreenAPI, served: str, journal: Journal
) -> None:
    journal.add(fake.instance, text_message("fine"), id_message="GOOD", timestamp=NOW - 20)
    journal.add(fake.instance, text_message(textMessage=5), timestamp=NOW)
    async with client(fake, served) as api:
        result = await journal.call(api, skip_malformed=True)
    assert [m.id_message for m in result.messages] == ["GOOD"]
    assert result.method == journal.name
    assert [entry.errors for entry in result.left_out] == [
        ("$[0].textMessage: expected str, got int",)
    ]


def test_the_sandbox_fills_both_journals() -> None:
    instance: FakeInstance = FakeGreenAPI.sandbox(count=10).instance
    directions = [message.get("type") for message in instance.messages]
    assert directions.count("outgoing") == 10
    assert directions.count("incoming") == 5
