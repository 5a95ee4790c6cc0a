"""The journal watchers: exact event sequences against the fake, on asyncio and trio.

``watch_outgoing`` and ``watch_incoming`` share their machinery; what they share is tested
on both (the ``watched`` fixture), and what is theirs alone on each.
"""

from __future__ import annotations

import inspect
import itertools
import json
import logging
import random
import re
import ssl
import time
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any, get_args

import anyio
import attrs
import httpx
import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import greenapi_async as ga
from greenapi_async.testing import (
    FakeClock,
    FakeGreenAPI,
    Fault,
    extended_text_message,
    image_message,
    poll_message,
    reaction_message,
    serve,
    text_message,
)

from .conftest import (
    API_URL,
    ID_INSTANCE,
    TOKEN,
    MachineClocks,
    clocks_follow_the_service,
    data_bytes,
    loop_monotonic,
    virtual_time,
)
from .loopback import LoopbackServer, Reply

pytestmark = pytest.mark.anyio

NOW = 1_764_000_000

Watcher = ga.OutgoingWatcher | ga.IncomingWatcher


@attrs.frozen
class Watched:
    """One journal's watcher: how to start it, and how to put an entry in its journal."""

    name: str
    watch: Callable[..., Watcher]
    add: Callable[..., dict[str, Any]]
    # What the summary of a new message's event shows as its status: the fake's default
    # for an outgoing one; an incoming one has none.
    fresh: str
    # The filters only this journal's watcher has.
    own_filters: tuple[str, ...]

    def state(self, state: object) -> object:
        """A state of this journal's watcher from the fields of an outgoing one."""
        if self.name == "lastIncomingMessages" and isinstance(state, dict):
            return {**state, "journal": self.name}
        return state


OUTGOING = Watched(
    "lastOutgoingMessages",
    lambda api, *args, **options: api.journals.watch_outgoing(*args, **options),
    lambda instance, content, **options: instance.add(content, **options),
    fresh="sent",
    own_filters=("statuses",),
)
INCOMING = Watched(
    "lastIncomingMessages",
    lambda api, *args, **options: api.journals.watch_incoming(*args, **options),
    lambda instance, content, **options: instance.add_incoming(content, **options),
    fresh="-",
    own_filters=("senders",),
)


@pytest.fixture(params=[OUTGOING, INCOMING], ids=lambda watched: watched.name)
def watched(request: pytest.FixtureRequest) -> Watched:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def fast_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Poll every 10 ms: the logic under test is the same at any interval."""
    monkeypatch.setattr(ga.OutgoingWatcher, "MIN_INTERVAL", 0.01)
    monkeypatch.setattr(ga.IncomingWatcher, "MIN_INTERVAL", 0.01)


@pytest.fixture
def fake() -> FakeGreenAPI:
    fake = FakeGreenAPI(clock=FakeClock(NOW), rate_limit=False)
    fake.add_instance()
    return fake


@pytest.fixture
async def api(fake: FakeGreenAPI) -> AsyncIterator[ga.GreenAPI]:
    async with fake.connect(max_retries=0) as api:
        yield api


def summary(events: Sequence[object]) -> list[tuple[str | None, str, str | None]]:
    """(id, status, previous status) of each event; an incoming message has neither."""
    rows = []
    for event in events:
        if isinstance(event, ga.StatusChange):
            message, previous = event.message, event.previous_status
        else:
            assert isinstance(event, get_args(ga.Message))
            message, previous = event, None
        status = "-" if message.status_message is None else str(message.status_message)
        rows.append((message.id_message, status, None if previous is None else str(previous)))
    return rows


async def take(watcher: Watcher, count: int) -> list[Any]:
    events = []
    with anyio.fail_after(5):
        async for event in watcher:
            events.append(event)
            if len(events) == count:
                break
    return events


async def nothing_more(watcher: Watcher) -> None:
    with anyio.move_on_after(0.2) as scope:
        event = await watcher.__anext__()
        raise AssertionError(f"unexpected event: {event}")
    assert scope.cancelled_caught


# Outgoing only: statuses.


async def test_statuses_move_along_and_each_step_is_one_event(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    journal = fake.instance
    sent = journal.add(text_message("Hi"), id_message="A", status="pending")
    async with api.journals.watch_outgoing(0.01) as watcher:
        assert await watcher.poll() == []  # the baseline: already there, not reported
        for _ in range(3):
            fake.clock.advance(5)
            journal.advance_status(sent["idMessage"])
        fake.clock.advance(5)
        journal.add(image_message(), id_message="B", status="pending")
        changes = await take(watcher, 2)
        await nothing_more(watcher)
    assert summary(changes) == [("A", "read", "pending"), ("B", "pending", None)]
    assert changes[1].is_new


async def test_every_intermediate_status_seen_by_a_poll_is_reported_once(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    journal = fake.instance
    journal.add(text_message("Hi"), id_message="A", status="pending")
    async with api.journals.watch_outgoing(0.01) as watcher:
        await watcher.poll()
        seen = []
        for status in ("sent", "delivered", "read"):
            journal.set_status("A", status)
            seen += await watcher.poll()
            seen += await watcher.poll()  # the same state again: nothing new
        journal.set_status("A", "delivered")  # flip-flops back...
        seen += await watcher.poll()
        journal.set_status("A", "read")  # ...and forth: read was already reported
        seen += await watcher.poll()
    assert summary(seen) == [
        ("A", "sent", "pending"),
        ("A", "delivered", "sent"),
        ("A", "read", "delivered"),
    ]


async def test_a_restarted_watcher_neither_misses_nor_repeats(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    journal = fake.instance
    journal.add(text_message(), id_message="A", status="sent")
    async with api.journals.watch_outgoing(0.01) as first:
        await first.poll()
        journal.set_status("A", "delivered")
        assert summary(await first.poll()) == [("A", "delivered", "sent")]
        saved = json.dumps(first.state)  # e.g. written to disk before a restart
    # While the bot is down, A is read and B is sent.
    journal.set_status("A", "read")
    journal.add(text_message(), id_message="B")
    async with api.journals.watch_outgoing(0.01, state=json.loads(saved)) as second:
        changes = await second.poll()
        assert summary(changes) == [("A", "read", "delivered"), ("B", "sent", None)]
        assert await second.poll() == []


async def test_filters_by_chat_kind_and_status_reached(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    journal = fake.instance
    watcher = api.journals.watch_outgoing(
        0.01, chats={"1@c.us"}, kinds={"text"}, statuses={ga.MessageStatus.READ, "failed"}
    )
    async with watcher:
        await watcher.poll()
        journal.add(text_message(), id_message="other chat", chat_id="2@c.us", status="read")
        journal.add(image_message(), id_message="image", chat_id="1@c.us", status="read")
        journal.add(text_message(), id_message="sent", chat_id="1@c.us", status="sent")
        journal.add(text_message(), id_message="read", chat_id="1@c.us", status="read")
        journal.add(text_message(), id_message="failed", chat_id="1@c.us", status="failed")
        assert summary(await watcher.poll()) == [("read", "read", None), ("failed", "failed", None)]
        journal.set_status("sent", "read")
        assert summary(await watcher.poll()) == [("sent", "read", "sent")]


async def test_the_baseline_remembers_the_whole_default_window(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), id_message="hours ago", timestamp=NOW - 5 * 3600)
    async with api.journals.watch_outgoing(0.01) as watcher:
        await watcher.poll()
        assert fake.requests[-1].query == {"minutes": "1440"}
        fake.instance.set_status("hours ago", "read")
        assert summary(await watcher.poll()) == [("hours ago", "read", "sent")]


async def test_an_id_listed_twice_reports_the_newest_entry_and_chains_statuses(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    add = fake.instance.add
    add(text_message("first"), id_message="SAME", timestamp=NOW - 30, status="read")
    add(text_message("edited"), id_message="SAME", timestamp=NOW - 20, status="read")
    add(text_message(), id_message="TWO", timestamp=NOW - 25, status="sent")
    add(text_message(), id_message="TWO", timestamp=NOW - 15, status="delivered")
    async with api.journals.watch_outgoing(0.01, backfill=True) as watcher:
        changes = await watcher.poll()
    assert summary(changes) == [
        ("SAME", "read", None),
        ("TWO", "sent", None),
        ("TWO", "delivered", "sent"),
    ]
    first = changes[0].message
    assert isinstance(first, ga.TextMessage)
    assert first.text_message == "edited"  # the message as the journal shows it now


async def test_two_statuses_of_one_message_in_the_same_second_come_in_their_order(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    # Listed newest first, as the service does: delivered above sent.
    fake.instance.add(text_message(), id_message="TIE", timestamp=NOW - 5, status="delivered")
    fake.instance.add(text_message(), id_message="TIE", timestamp=NOW - 5, status="sent")
    fake.instance.messages.reverse()
    async with api.journals.watch_outgoing(0.01, backfill=True) as watcher:
        assert summary(await watcher.poll()) == [
            ("TIE", "sent", None),
            ("TIE", "delivered", "sent"),
        ]


@virtual_time
async def test_backoff_after_a_day_of_failures_stays_finite_and_capped(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    # Past 1,024 failures an uncapped doubling would overflow a float.
    failures = 1_100
    fake.queue_fault(Fault(500), times=failures)
    fake.instance.add(text_message(), id_message="A", timestamp=NOW - 10)
    failed_at: list[float] = []
    async with api.journals.watch_outgoing(
        5.0, backfill=True, on_error=lambda error: failed_at.append(anyio.current_time())
    ) as watcher:
        started = anyio.current_time()
        change = await watcher.__anext__()  # once the service is back
        ended = anyio.current_time()
    assert change.message.id_message == "A"
    assert len(failed_at) == failures
    waits = [later - earlier for earlier, later in itertools.pairwise([*failed_at, ended])]
    # The interval doubled after each failure, capped at a minute; the first try was at once.
    assert failed_at[0] == started
    assert waits == pytest.approx([10.0, 20.0, 40.0] + [60.0] * (failures - 3))


@virtual_time
async def test_polls_are_an_interval_apart_from_start_to_start_however_long_events_take(
    fake: FakeGreenAPI, api: ga.GreenAPI, machine_clocks: MachineClocks
) -> None:
    machine_clocks.real_monotonic = loop_monotonic  # the interval the watcher measures
    fake.instance.add(text_message(), id_message="A", status="pending")
    started = anyio.current_time()
    async with api.journals.watch_outgoing(5.0, backfill=True) as watcher:
        async for change in watcher:
            fake.instance.advance_status("A")
            await anyio.sleep(3)  # the bot takes three seconds over each event
            if change.message.status_message == ga.MessageStatus.DELIVERED:
                break
    assert [request.at - started for request in fake.requests] == pytest.approx([0, 5, 10])


@virtual_time
async def test_a_watcher_resumed_from_an_older_state_polls_at_once(
    fake: FakeGreenAPI, api: ga.GreenAPI, machine_clocks: MachineClocks
) -> None:
    machine_clocks.real_monotonic = loop_monotonic
    saved = {"version": 1, "last_poll": NOW - 600, "seen": {}}
    fake.instance.add(text_message(), id_message="A")
    started = anyio.current_time()
    async with api.journals.watch_outgoing(5.0, state=saved) as watcher:
        assert summary([await watcher.__anext__()]) == [("A", "sent", None)]
    assert anyio.current_time() == started
    assert [request.query for request in fake.requests] == [{"minutes": "13"}]


@pytest.mark.parametrize(
    ("given", "tag"),
    [
        ("text", "textMessage"),
        ("TEXT", "textMessage"),
        ("textmessage", "textMessage"),
        ("ExtendedText", "extendedTextMessage"),
        ("pollMessage", "pollMessage"),
        ("reaction", "reactionMessage"),
        ("reactionMessage", "reactionMessage"),
        ("buttons", "buttonsMessage"),  # a kind this version does not model
    ],
)
async def test_kinds_are_named_in_any_case_or_as_wire_tags(
    fake: FakeGreenAPI, api: ga.GreenAPI, given: str, tag: str
) -> None:
    contents = [
        text_message(),
        extended_text_message(),
        poll_message(),
        reaction_message(stanza_id="A"),
        {"typeMessage": "buttonsMessage"},
        image_message(),
    ]
    for content in contents:
        fake.instance.add(content, id_message=content["typeMessage"], timestamp=NOW - 10)
    async with api.journals.watch_outgoing(0.01, backfill=True, kinds=[given]) as watcher:
        assert [change.message.type_message for change in await watcher.poll()] == [tag]


GOOD_STATE = {"version": 1, "last_poll": 1_764_000_000.5, "seen": {"A": ["sent", "read"]}}


async def test_an_outgoing_state_keeps_its_format(api: ga.GreenAPI) -> None:
    # States saved before the incoming watcher existed carry no "journal" key, and load.
    assert api.journals.watch_outgoing(0.01, state=GOOD_STATE).state == GOOD_STATE
    assert list(api.journals.watch_outgoing(0.01).state) == ["version", "last_poll", "seen"]


# Both journals: the machinery they share.


async def test_backfill_reports_the_first_window_in_timestamp_order(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    watched.add(fake.instance, text_message(), id_message="new", timestamp=NOW - 10)
    watched.add(fake.instance, text_message(), id_message="old", timestamp=NOW - 100)
    watched.add(fake.instance, text_message(), id_message="too old", timestamp=NOW - 2 * 86400)
    async with watched.watch(api, 0.01, backfill=True) as watcher:
        assert summary(await watcher.poll()) == [
            ("old", watched.fresh, None),
            ("new", watched.fresh, None),
        ]


# The order of a journal's events, as documented: by second; within a second, messages
# in the journal's order, and the entries of one message by status. Each (message,
# status) once, carrying its newest entry; a later status of a message follows the
# earlier one. Journals come newest first, or (to cover what else may come) any order.
_RANK = {"pending": 0, "sent": 1, "delivered": 2, "read": 3}
journal_entries = st.lists(
    st.tuples(
        st.sampled_from(["A", "B", "C", "D", None]),
        st.integers(NOW - 3, NOW) | st.integers(NOW - 10_000, NOW),
        st.sampled_from([*_RANK, "failed", "yellowCard", ""]),
    ),
    max_size=12,
)


def expected_events(
    entries: list[dict[str, Any]], incoming: bool
) -> list[tuple[str | None, str | None, str | None]]:
    """(id, text, previous status) of each event a backfill reports, by the documented rule."""

    def status_of(entry: dict[str, Any]) -> str:
        return "" if incoming else str(entry["statusMessage"])

    first_at: dict[tuple[int, str | None], int] = {}
    for index, entry in enumerate(entries):
        first_at.setdefault((entry["timestamp"], entry.get("idMessage")), index)
    in_order = sorted(
        entries,
        key=lambda e: (
            e["timestamp"],
            first_at[(e["timestamp"], e.get("idMessage"))],
            _RANK.get(status_of(e), len(_RANK)),
        ),
    )
    events: dict[tuple[str, str], tuple[str, str | None]] = {}
    latest: dict[str, str] = {}
    for entry in in_order:
        id_message = entry.get("idMessage")
        if not id_message:
            continue
        key = (id_message, status_of(entry))
        if key in events:
            events[key] = (entry["textMessage"], events[key][1])
            continue
        events[key] = (entry["textMessage"], latest.get(id_message) or None)
        latest[id_message] = status_of(entry)
    return [(id_message, text, previous) for (id_message, _), (text, previous) in events.items()]


@pytest.mark.parametrize("incoming", [False, True], ids=["outgoing", "incoming"])
@settings(max_examples=150, deadline=None)
@given(entries=journal_entries, newest_first=st.booleans())
def test_events_of_a_journal_come_in_the_documented_order(
    entries: list[tuple[str | None, int, str]], newest_first: bool, incoming: bool
) -> None:
    journal: list[dict[str, Any]] = []
    for index, (id_message, timestamp, status) in enumerate(entries):
        entry = {
            **text_message(f"entry {index}"),
            "timestamp": timestamp,
            "chatId": "79001234567@c.us",
        }
        if id_message is not None:
            entry["idMessage"] = id_message
        if incoming:
            entry.update(type="incoming", senderId="79001234567@c.us", senderName="Anna")
        else:
            entry.update(type="outgoing", statusMessage=status)
        journal.append(entry)
    if newest_first:  # as the service lists them; entries of one second keep their order
        journal.sort(key=lambda entry: entry["timestamp"], reverse=True)
    body = msgspec.json.encode(journal)

    async def backfill() -> list[tuple[str | None, str | None, str | None]]:
        answer = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
        async with (
            httpx.AsyncClient(transport=answer) as http,
            ga.GreenAPI(ID_INSTANCE, TOKEN, api_url=API_URL, http_client=http) as api,
        ):
            watch = api.journals.watch_incoming if incoming else api.journals.watch_outgoing
            watcher = watch(1.0, backfill=True)
            events = await watcher.poll()
        rows = []
        for event in events:
            message, previous = (
                (event.message, event.previous_status)
                if isinstance(event, ga.StatusChange)
                else (event, None)
            )
            rows.append(
                (message.id_message, message.text, None if previous is None else str(previous))
            )
        return rows

    assert anyio.run(backfill) == expected_events(journal, incoming)


async def test_the_baseline_is_not_reported_and_a_new_message_is_once(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    watched.add(fake.instance, text_message(), id_message="before", timestamp=NOW - 3600)
    async with watched.watch(api, 0.01) as watcher:
        assert await watcher.poll() == []
        fake.clock.advance(5)
        watched.add(fake.instance, text_message(), id_message="after")
        assert summary(await take(watcher, 1)) == [("after", watched.fresh, None)]
        await nothing_more(watcher)


async def test_a_message_that_appears_late_is_still_reported(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    async with watched.watch(api, 0.01) as watcher:
        await watcher.poll()
        fake.clock.advance(90)
        # Sent 100 s ago, shown only now: inside the margin of the next window.
        watched.add(fake.instance, text_message("late"), id_message="late", timestamp=NOW - 10)
        assert summary(await take(watcher, 1)) == [("late", watched.fresh, None)]


@pytest.mark.usefixtures("machine_clocks")
async def test_the_first_window_is_the_journals_default_and_later_ones_cover_the_gap(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    watched.add(fake.instance, text_message(), id_message="hours ago", timestamp=NOW - 5 * 3600)
    async with watched.watch(api, 0.01, margin=90) as watcher:
        await watcher.poll()
        fake.clock.advance(600)
        await watcher.poll()
    first, second = fake.requests
    assert (first.api_method, first.query) == (watched.name, {"minutes": "1440"})
    # 600 s since the last poll (and the milliseconds the test took) and 90 s of margin:
    # 11.5 minutes, rounded up.
    assert (second.api_method, second.query) == (watched.name, {"minutes": "12"})


async def test_transient_failures_back_off_and_the_watch_goes_on(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    errors: list[ga.GreenAPIError] = []
    async with watched.watch(api, 0.01, on_error=errors.append) as watcher:
        await watcher.poll()
        fake.queue_fault(Fault(500), times=2)
        fake.queue_fault(Fault.rate_limited())
        fake.queue_fault(Fault.malformed())
        watched.add(fake.instance, text_message(), id_message="after")
        assert summary(await take(watcher, 1)) == [("after", watched.fresh, None)]
    assert [type(e) for e in errors] == [
        ga.ServerError,
        ga.ServerError,
        ga.RateLimitError,
        ga.ResponseValidationError,
    ]


async def test_a_transient_failure_is_logged_with_the_journals_name(
    fake: FakeGreenAPI,
    api: ga.GreenAPI,
    watched: Watched,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with watched.watch(api, 0.01) as watcher:
        await watcher.poll()
        fake.queue_fault(Fault(500))
        watched.add(fake.instance, text_message(), id_message="after")
        with caplog.at_level(logging.WARNING, logger="greenapi_async"):
            await take(watcher, 1)
    (record,) = [r for r in caplog.records if r.getMessage().startswith("watching ")]
    assert record.getMessage().startswith(f"watching {watched.name}: ")
    assert record.getMessage().endswith("; retrying")


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault(401, b'{"code":401,"description":"Unauthorized"}'), ga.AuthenticationError),
        (Fault(403, b'{"code":403,"description":"Forbidden"}'), ga.PermissionDeniedError),
        (Fault.quota_exceeded(), ga.QuotaExceededError),
    ],
)
async def test_authentication_and_quota_errors_end_the_watch(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched, fault: Fault, error: type[Exception]
) -> None:
    async with watched.watch(api, 0.01) as watcher:
        await watcher.poll()
        fake.queue_fault(fault)
        with pytest.raises(error):
            await take(watcher, 1)


async def test_messages_that_arrive_while_the_bot_is_down_come_after_a_restart(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    watched.add(fake.instance, text_message(), id_message="A")
    async with watched.watch(api, 0.01) as first:
        await first.poll()
        fake.clock.advance(5)
        watched.add(fake.instance, text_message(), id_message="B")
        assert summary(await first.poll()) == [("B", watched.fresh, None)]
        saved = json.dumps(first.state)  # e.g. written to disk before a restart
    fake.clock.advance(5)
    watched.add(fake.instance, text_message(), id_message="C")  # while the bot is down
    async with watched.watch(api, 0.01, state=json.loads(saved)) as second:
        assert summary(await second.poll()) == [("C", watched.fresh, None)]
        assert await second.poll() == []


async def test_filters_by_chat_and_kind(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    instance = fake.instance
    async with watched.watch(api, 0.01, chats={"1@c.us"}, kinds={"text"}) as watcher:
        await watcher.poll()
        watched.add(instance, text_message(), id_message="other chat", chat_id="2@c.us")
        watched.add(instance, image_message(), id_message="image", chat_id="1@c.us")
        watched.add(instance, text_message(), id_message="wanted", chat_id="1@c.us")
        assert summary(await watcher.poll()) == [("wanted", watched.fresh, None)]
        assert await watcher.poll() == []  # what a filter left out is not reported later


async def test_cancelling_the_consumer_stops_polling_at_once(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    watcher = watched.watch(api, 0.01)
    with anyio.move_on_after(0.3):
        async for _ in watcher:
            pass
    polls = len(fake.requests)
    assert polls > 3
    await anyio.sleep(0.2)
    assert len(fake.requests) == polls


async def test_messages_that_left_the_journal_are_forgotten(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    for n in range(50):
        watched.add(fake.instance, text_message(), id_message=f"M{n}")
    async with watched.watch(api, 0.01, forget_after=0.05) as watcher:
        await watcher.poll()
        assert len(watcher.state["seen"]) == 50
        fake.clock.advance(24 * 3600)  # every message leaves the journal's window
        await anyio.sleep(0.1)
        await watcher.poll()
        assert watcher.state["seen"] == {}


@pytest.mark.parametrize("still_shown", ["first listed", "last listed"])
async def test_only_the_messages_the_journal_stopped_showing_are_forgotten(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched, still_shown: str
) -> None:
    for n in range(4):
        watched.add(fake.instance, text_message(), id_message=f"M{n}", timestamp=NOW - n)
    kept = fake.instance.messages[0 if still_shown == "first listed" else -1]
    async with watched.watch(api, 0.01, forget_after=0.3) as watcher:
        await watcher.poll()
        await anyio.sleep(0.2)
        fake.instance.messages[:] = [kept]  # the others leave the journal
        await watcher.poll()
        await anyio.sleep(0.2)  # the others were last shown forget_after ago; it was not
        fake.instance.messages.clear()
        await watcher.poll()
        assert list(watcher.state["seen"]) == [kept["idMessage"]]


async def test_aclose_ends_the_iteration(api: ga.GreenAPI, watched: Watched) -> None:
    watcher = watched.watch(api, 0.01)
    await watcher.aclose()
    assert [event async for event in watcher] == []


@pytest.mark.parametrize(
    "options",
    [{"interval": 0}, {"interval": "5"}, {"margin": -1}, {"forget_after": 0}],
)
async def test_bad_options_are_argument_errors(
    api: ga.GreenAPI, watched: Watched, options: dict[str, object]
) -> None:
    with pytest.raises(ga.InvalidArgumentError):
        watched.watch(api, **options)


@pytest.mark.parametrize(
    "state",
    [
        {},
        "x",
        ["version", "last_poll", "seen"],
        {**GOOD_STATE, "version": 99},
        {**GOOD_STATE, "version": True},  # equal to 1, and still not a version
        {**GOOD_STATE, "version": "1"},
        {**GOOD_STATE, "extra": 1},
        {"version": 1, "seen": {}},
        {**GOOD_STATE, "last_poll": "-inf"},
        {**GOOD_STATE, "last_poll": float("-inf")},
        {**GOOD_STATE, "last_poll": float("inf")},
        {**GOOD_STATE, "last_poll": float("nan")},
        {**GOOD_STATE, "last_poll": -1},
        {**GOOD_STATE, "last_poll": True},
        {**GOOD_STATE, "last_poll": 10**400},
        {**GOOD_STATE, "last_poll": "1764000000"},
        {**GOOD_STATE, "seen": {"A": "read"}},  # a string is not a list of statuses
        {**GOOD_STATE, "seen": {"A": ["read", 1]}},
        {**GOOD_STATE, "seen": {"A": None}},
        {**GOOD_STATE, "seen": {1: ["read"]}},
        {**GOOD_STATE, "seen": [["A", ["read"]]]},
        {**GOOD_STATE, "seen": None},
    ],
)
async def test_a_state_not_in_this_versions_format_is_refused(
    api: ga.GreenAPI, watched: Watched, state: object
) -> None:
    with pytest.raises(ga.InvalidArgumentError, match="state must be a value of"):
        watched.watch(api, 0.01, state=watched.state(state))


async def test_a_state_in_this_versions_format_is_taken_as_it_is(
    api: ga.GreenAPI, watched: Watched
) -> None:
    for state in (GOOD_STATE, {**GOOD_STATE, "last_poll": None}, {**GOOD_STATE, "seen": {}}):
        own = watched.state(state)
        assert watched.watch(api, 0.01, state=own).state == own


@pytest.mark.parametrize("value", ["79001234567@c.us", b"text", 5, ["text", 5], [None]])
async def test_filters_must_be_collections_of_strings(
    api: ga.GreenAPI, watched: Watched, value: object
) -> None:
    # A bare string would be taken as a set of one-character names and match nothing.
    for option in ("chats", "kinds", *watched.own_filters):
        with pytest.raises(ga.InvalidArgumentError, match=f"{option} must"):
            watched.watch(api, 0.01, **{option: value})


@pytest.mark.parametrize(
    ("option", "value", "problem"),
    [
        ("chats", ["79001234567"], "did you mean '79001234567@c.us'"),
        ("chats", ["79001234567@s.whatsapp.net"], "chats must be a chat id"),
        ("kinds", ["imag"], "did you mean 'image'"),
        ("kinds", ["txtMessage"], "did you mean 'textMessage'"),
    ],
)
async def test_a_filter_value_that_can_match_nothing_is_refused(
    api: ga.GreenAPI, watched: Watched, option: str, value: list[str], problem: str
) -> None:
    # A typo would otherwise filter every event out and look like a quiet journal.
    with pytest.raises(ga.InvalidArgumentError, match=re.escape(problem)):
        watched.watch(api, 0.01, **{option: value})


async def test_a_status_filter_refuses_typos(fake: FakeGreenAPI, api: ga.GreenAPI) -> None:
    with pytest.raises(ga.InvalidArgumentError, match="did you mean 'delivered'"):
        api.journals.watch_outgoing(statuses={"delivred"})
    with pytest.raises(ga.InvalidArgumentError, match="did you mean 'yellowCard'"):
        api.journals.watch_outgoing(statuses={"yelowCard"})
    api.journals.watch_outgoing(statuses={"someNewStatus"})  # one the service may add


async def test_statuses_are_compared_in_any_case(fake: FakeGreenAPI, api: ga.GreenAPI) -> None:
    fake.instance.add(text_message(), id_message="R", status="read", timestamp=NOW - 10)
    fake.instance.add(text_message(), id_message="Y", status="yellowCard", timestamp=NOW - 10)
    statuses = {"READ", "yellowcard"}
    async with api.journals.watch_outgoing(0.01, backfill=True, statuses=statuses) as watcher:
        changes = await watcher.poll()
    assert sorted(str(change.message.id_message) for change in changes) == ["R", "Y"]


async def test_a_senders_filter_takes_chat_ids_only(api: ga.GreenAPI) -> None:
    with pytest.raises(ga.InvalidArgumentError, match=re.escape("did you mean '79007654321@c.us'")):
        api.journals.watch_incoming(senders=["79007654321"])


@pytest.mark.parametrize(
    "kinds",
    [{"interactiveButtons"}, {"INTERACTIVEBUTTONS"}, {"interactivebuttons", "text"}],
)
async def test_a_kind_filter_matches_wire_tags_that_do_not_end_in_message(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched, kinds: set[str]
) -> None:
    async with watched.watch(api, 0.01, kinds=kinds) as watcher:
        await watcher.poll()
        watched.add(fake.instance, {"typeMessage": "interactiveButtons"}, id_message="buttons")
        watched.add(fake.instance, image_message(), id_message="image")
        assert summary(await watcher.poll()) == [("buttons", watched.fresh, None)]


async def test_events_not_yet_handled_survive_a_restart(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    async with watched.watch(api, 0.01) as first:
        await first.poll()
        for n in range(3):
            watched.add(fake.instance, text_message(), id_message=f"M{n}")
        (handled,) = await take(first, 1)
        saved = first.state  # saved after handling the first event only
    assert summary([handled]) == [("M0", watched.fresh, None)]
    async with watched.watch(api, 0.01, state=saved) as second:
        assert summary(await second.poll()) == [
            ("M1", watched.fresh, None),
            ("M2", watched.fresh, None),
        ]


async def test_a_state_saved_before_the_first_poll_still_takes_a_baseline(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    watched.add(fake.instance, text_message(), id_message="old")
    saved = watched.watch(api, 0.01).state
    async with watched.watch(api, 0.01, state=saved) as watcher:
        assert await watcher.poll() == []


@pytest.mark.parametrize(
    "fault",
    [
        Fault(499, b'{"code":499}'),
        Fault(400, b'{"code":400,"description":"Instance is starting"}'),
    ],
    ids=["499", "instance-starting"],
)
async def test_499_and_a_starting_instance_are_ridden_out(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched, fault: Fault
) -> None:
    errors: list[ga.GreenAPIError] = []
    async with watched.watch(api, 0.01, on_error=errors.append) as watcher:
        await watcher.poll()
        fake.queue_fault(fault, times=2)
        watched.add(fake.instance, text_message(), id_message="after")
        assert summary(await take(watcher, 1)) == [("after", watched.fresh, None)]
    assert len(errors) == 2


async def test_a_journal_over_the_size_cap_ends_the_watch(
    fake: FakeGreenAPI, watched: Watched
) -> None:
    for n in range(20):
        watched.add(fake.instance, text_message("x" * 100), id_message=f"M{n}")
    async with fake.connect(max_retries=0, max_response_bytes=1024) as api:
        errors: list[ga.GreenAPIError] = []
        async with watched.watch(api, 0.01, on_error=errors.append) as watcher:
            with pytest.raises(ga.ResponseTooLargeError):
                await take(watcher, 1)
        assert errors == []


async def test_a_wrong_url_ends_the_watch(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    async with watched.watch(api, 0.01) as watcher:
        await watcher.poll()
        fake.queue_fault(Fault(404, b'{"code":404,"description":"Not Found"}'))
        with pytest.raises(ga.APIStatusError, match="404"):
            await take(watcher, 1)


def _untrusted_certificate() -> Exception:
    # What httpx raises when the server's certificate is not trusted.
    error = httpx.ConnectError("certificate verify failed")
    error.__cause__ = ssl.SSLCertVerificationError(
        1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"
    )
    return error


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (_untrusted_certificate, "certificate verify failed"),
        (lambda: httpx.TooManyRedirects("redirect loop"), "redirect loop"),
        (lambda: httpx.UnsupportedProtocol("ftp://"), "ftp://"),
    ],
    ids=["untrusted-certificate", "redirect-loop", "unsupported-protocol"],
)
async def test_a_failure_that_waiting_cannot_fix_ends_the_watch(
    failure: Callable[[], Exception], message: str
) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise failure()

    errors: list[ga.GreenAPIError] = []
    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(fail)) as http,
        ga.GreenAPI("1101000001", "token1", http_client=http, max_retries=0) as api,
        api.journals.watch_outgoing(1.0, on_error=errors.append) as watcher,
    ):
        with pytest.raises(ga.APIConnectionError, match=message) as caught:
            await take(watcher, 1)
    assert errors == []
    assert caught.value.transient is False


async def test_an_id_listed_twice_in_one_answer_is_one_event_with_the_newest_entry(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    # Green API's own example response repeats an idMessage.
    watched.add(fake.instance, text_message("first"), id_message="DUP", timestamp=NOW - 20)
    watched.add(fake.instance, text_message("edited"), id_message="DUP", timestamp=NOW - 10)
    async with watched.watch(api, 0.01, backfill=True) as watcher:
        events = await watcher.poll()
        assert summary(events) == [("DUP", watched.fresh, None)]
        assert await watcher.poll() == []
    assert summary(events)[0][0] == "DUP"
    (message,) = [e.message if isinstance(e, ga.StatusChange) else e for e in events]
    assert message.text == "edited"  # the message as the journal shows it now


async def test_an_entry_without_an_id_is_skipped(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    entry = watched.add(fake.instance, text_message("no id"), id_message="X")
    del entry["idMessage"]
    watched.add(fake.instance, text_message(), id_message="Y")
    async with watched.watch(api, 0.01, backfill=True) as watcher:
        assert summary(await watcher.poll()) == [("Y", watched.fresh, None)]


async def test_a_malformed_entry_is_left_out_and_reported_once_not_a_stall(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    watched.add(fake.instance, text_message("fine"), id_message="GOOD", timestamp=NOW - 20)
    bad = watched.add(
        fake.instance, text_message("odd", sendByApi="yes"), id_message="BAD", timestamp=NOW - 10
    )
    errors: list[ga.GreenAPIError] = []
    async with watched.watch(api, 0.01, backfill=True, on_error=errors.append) as w:
        assert summary(await w.poll()) == [("GOOD", watched.fresh, None)]
        (error,) = errors
        assert isinstance(error, ga.ResponseValidationError)
        assert "$[0].sendByApi: expected bool, got str" in error.errors
        assert watched.name in str(error)
        assert await w.poll() == []
        assert len(errors) == 1  # the same problem is not reported at every poll
        watched.add(fake.instance, text_message(), id_message="NEWER", timestamp=NOW - 5)
        assert summary(await w.poll()) == [("NEWER", watched.fresh, None)]
        assert len(errors) == 1  # nor again when newer messages push it down the journal

        bad["sendByApi"] = True  # the service corrects the entry
        assert summary(await w.poll()) == [("BAD", watched.fresh, None)]


@pytest.mark.parametrize("incoming", [False, True], ids=["outgoing", "incoming"])
async def test_an_entry_already_reported_is_read_by_its_id_time_and_status_alone(
    incoming: bool,
) -> None:
    entry: dict[str, Any] = {
        **text_message("fine"),
        "idMessage": "SEEN",
        "timestamp": NOW - 20,
        "chatId": "79001234567@c.us",
    }
    if incoming:
        entry.update(type="incoming", senderId="79001234567@c.us", senderName="Anna")
    else:
        entry.update(type="outgoing", statusMessage="sent", sendByApi=True)
    journals = [
        [entry],
        [{**entry, "chatId": 5}],  # could hide no event: not decoded again, not reported
        [{**entry, "timestamp": "late"}],  # not known by its time: decoded, left out
    ]
    if not incoming:  # a new status may be an event: decoded, and left out
        journals.append([{**entry, "statusMessage": "delivered", "chatId": 5}])
        journals.append([{**entry, "statusMessage": "delivered"}])
    bodies = iter(msgspec.json.encode(journal) for journal in journals)
    answer = httpx.MockTransport(lambda request: httpx.Response(200, content=next(bodies)))
    errors: list[ga.GreenAPIError] = []
    async with (
        httpx.AsyncClient(transport=answer) as http,
        ga.GreenAPI(ID_INSTANCE, TOKEN, api_url=API_URL, http_client=http, rate_limit=False) as api,
    ):
        watch = api.journals.watch_incoming if incoming else api.journals.watch_outgoing
        watcher = watch(0.01, backfill=True, on_error=errors.append)
        assert [row[0] for row in summary(await watcher.poll())] == ["SEEN"]
        assert await watcher.poll() == []
        assert errors == []
        assert await watcher.poll() == []
        assert [error.errors for error in errors] == [  # type: ignore[attr-defined]
            ("$[0].timestamp: expected int, got str",)
        ]
        if not incoming:
            assert await watcher.poll() == []
            assert errors[1].errors == ("$[0].chatId: expected str, got int",)  # type: ignore[attr-defined]
            assert summary(await watcher.poll()) == [("SEEN", "delivered", "sent")]


async def test_an_entry_only_the_slower_parser_reads_costs_at_most_itself(
    loopback: LoopbackServer,
) -> None:
    first, second, third = json.loads(data_bytes("recorded/incoming_with_senders.json"))[:3]
    half_emoji = {**first, "textMessage": "cut \ud83d"}  # an emoji cut in half
    # A number no float can hold, written where the journal's JSON has a timestamp.
    journal = json.dumps([third, {**second, "timestamp": 0}, half_emoji])
    journal = journal.replace('"timestamp": 0', '"timestamp": 1e400')
    newer = {**third, "idMessage": "NEWER", "timestamp": third["timestamp"] + 1}
    loopback.queue(Reply(body=journal.encode()))
    loopback.default = Reply(body=journal.replace("[", f"[{json.dumps(newer)}, ", 1).encode())
    errors: list[ga.GreenAPIError] = []
    api = ga.GreenAPI(ID_INSTANCE, TOKEN, api_url=loopback.url, rate_limit=False)
    async with api, api.journals.watch_incoming(0.01, backfill=True, on_error=errors.append) as w:
        reported = await w.poll()
        assert [message.id_message for message in reported] == [
            first["idMessage"],
            third["idMessage"],
        ]
        assert reported[0].text == "cut \ufffd"
        (error,) = errors
        assert isinstance(error, ga.ResponseValidationError)
        assert error.errors == ("$[1].timestamp: the number 1e400 is out of range",)
        # The next window covers the time since this poll, not since the first one: the
        # entry does not hold the watcher back, nor is it reported again.
        assert [message.id_message for message in await w.poll()] == ["NEWER"]
        assert len(errors) == 1
    # The default margin of 180 s, and the milliseconds since the first poll.
    assert loopback.received[1].path.endswith("?minutes=4")


@pytest.mark.parametrize("age", [20, 3_600], ids=["within-the-margin", "an-hour-old"])
async def test_an_on_error_that_raises_ends_the_poll_and_loses_no_event(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched, age: int
) -> None:
    # The next poll reaches back to the failed one's window, however far that went.
    watched.add(fake.instance, text_message(), id_message="GOOD", timestamp=NOW - age)
    bad = watched.add(
        fake.instance, text_message(sendByApi="yes"), id_message="BAD", timestamp=NOW - 9
    )

    def fatal(error: ga.GreenAPIError) -> None:
        raise error

    async with watched.watch(api, 0.01, backfill=True, on_error=fatal) as watcher:
        with pytest.raises(ga.ResponseValidationError, match="left out 1 malformed"):
            await watcher.poll()
        fake.instance.messages.remove(bad)
        assert summary(await watcher.poll()) == [("GOOD", watched.fresh, None)]


# Resuming: a restarted watcher reports what the journal still shows and it had not handed
# over, however old, whatever the backfill, outage or number of restarts.


@pytest.fixture
def machine_clocks(fake: FakeGreenAPI, monkeypatch: pytest.MonkeyPatch) -> MachineClocks:
    """Give this machine the fake service's clocks, so that an outage can be an advance."""
    return clocks_follow_the_service(fake, monkeypatch)


def resumed(
    api: ga.GreenAPI, watched: Watched, state: dict[str, object], **options: Any
) -> Watcher:
    # Through JSON, as a bot saves it to disk.
    return watched.watch(api, 0.01, state=json.loads(json.dumps(state)), **options)


@pytest.mark.usefixtures("machine_clocks")
async def test_a_backfill_interrupted_after_one_event_is_resumed_whole(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    for n in range(3):
        watched.add(fake.instance, text_message(), id_message=f"M{n}", timestamp=NOW - 3600 + n)
    async with watched.watch(api, 0.01, backfill=True) as first:
        (handled,) = await take(first, 1)
        saved = first.state
    assert summary([handled]) == [("M0", watched.fresh, None)]
    for restart in range(2):  # and again, from a state saved by a resumed watcher
        async with resumed(api, watched, saved, backfill=True) as watcher:
            (handled,) = await take(watcher, 1)
            saved = watcher.state
        assert summary([handled]) == [(f"M{restart + 1}", watched.fresh, None)]
    async with resumed(api, watched, saved) as last:
        await nothing_more(last)


@pytest.mark.usefixtures("machine_clocks")
async def test_events_of_an_outage_survive_a_restart_after_the_first_is_handled(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    for n in range(3):
        fake.instance.add(text_message(), id_message=f"M{n}")
    async with api.journals.watch_outgoing(0.01) as watcher:
        await watcher.poll()  # the baseline
        saved = watcher.state
    for n in range(3):  # the bot is down for an hour; the messages are delivered
        fake.clock.advance(20 * 60)
        fake.instance.set_status(f"M{n}", "delivered")
    async with resumed(api, OUTGOING, saved) as watcher:
        (handled,) = await take(watcher, 1)
        saved = watcher.state
    assert summary([handled]) == [("M0", "delivered", "sent")]
    async with resumed(api, OUTGOING, saved) as watcher:
        rest = await take(watcher, 2)
        await nothing_more(watcher)
    assert summary(rest) == [("M1", "delivered", "sent"), ("M2", "delivered", "sent")]


@pytest.mark.usefixtures("machine_clocks")
async def test_messages_of_an_outage_survive_a_restart_after_the_first_is_handled(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    async with watched.watch(api, 0.01) as watcher:
        await watcher.poll()  # the baseline
        saved = watcher.state
    for n in range(3):  # the bot is down for an hour; messages come and go
        fake.clock.advance(20 * 60)
        watched.add(fake.instance, text_message(), id_message=f"M{n}")
    async with resumed(api, watched, saved) as watcher:
        (handled,) = await take(watcher, 1)
        saved = watcher.state
    assert summary([handled]) == [("M0", watched.fresh, None)]
    async with resumed(api, watched, saved) as watcher:
        rest = await take(watcher, 2)
        await nothing_more(watcher)
    assert summary(rest) == [("M1", watched.fresh, None), ("M2", watched.fresh, None)]


@pytest.mark.usefixtures("machine_clocks")
async def test_a_state_saved_after_aclose_still_reaches_back_to_dropped_events(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    for n in range(2):
        watched.add(fake.instance, text_message(), id_message=f"M{n}", timestamp=NOW - 7200)
    async with watched.watch(api, 0.01, backfill=True) as first:
        await take(first, 1)
    fake.clock.advance(600)
    async with resumed(api, watched, first.state) as second:
        assert summary(await take(second, 1)) == [("M1", watched.fresh, None)]


# The wall clock may step back (an NTP correction): windows are measured on a clock that
# does not, and a state from the future asks for the journal's whole default window.


async def test_a_wall_clock_step_back_during_an_outage_loses_no_message(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched, machine_clocks: MachineClocks
) -> None:
    async with watched.watch(api, 0.01, margin=90) as watcher:
        await watcher.poll()  # the baseline
        for n in range(3):  # twenty minutes of failed polls, say; messages come
            fake.clock.advance(400)
            watched.add(fake.instance, text_message(), id_message=f"M{n}")
        machine_clocks.step_wall_clock(-15 * 60)
        reported = await watcher.poll()
    assert summary(reported) == [(f"M{n}", watched.fresh, None) for n in range(3)]
    # 1,200 s since the last poll and 90 s of margin, as the monotonic clock counts them.
    assert fake.requests[-1].query == {"minutes": "22"}


async def test_a_state_from_the_future_asks_for_the_journals_default_window(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched, machine_clocks: MachineClocks
) -> None:
    async with watched.watch(api, 0.01) as watcher:
        await watcher.poll()  # the baseline, while the wall clock was an hour ahead
        saved = watcher.state
    machine_clocks.step_wall_clock(-3600)
    fake.clock.advance(20 * 60)  # the bot is down for twenty minutes
    watched.add(fake.instance, text_message(), id_message="meanwhile", timestamp=NOW + 60)
    async with resumed(api, watched, saved) as watcher:
        assert summary(await watcher.poll()) == [("meanwhile", watched.fresh, None)]
    assert fake.requests[-1].query == {"minutes": "1440"}


async def test_a_state_saved_after_a_wall_clock_step_is_in_the_clocks_new_time(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched, machine_clocks: MachineClocks
) -> None:
    async with watched.watch(api, 0.01, margin=90) as watcher:
        await watcher.poll()  # the baseline
        fake.clock.advance(60)
        machine_clocks.step_wall_clock(-10 * 60)
        saved = watcher.state
    # The poll was a minute ago, by the clock as it is now.
    assert saved["last_poll"] == pytest.approx(machine_clocks.time() - 60, abs=0.5)
    fake.clock.advance(30 * 60)  # down for half an hour
    watched.add(fake.instance, text_message(), id_message="early", timestamp=NOW + 120)
    async with resumed(api, watched, saved, margin=90) as watcher:
        assert summary(await watcher.poll()) == [("early", watched.fresh, None)]
    # 31 minutes since the poll, and 90 s of margin.
    assert fake.requests[-1].query == {"minutes": "33"}


# aclose() from another task ends the iteration at once, with no further request.


@pytest.mark.parametrize("waiting", ["an-interval", "a-back-off", "an-answer"])
async def test_aclose_from_another_task_ends_the_iteration_at_once(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched, waiting: str
) -> None:
    watched.add(fake.instance, text_message(), id_message="M0")
    watcher = watched.watch(api, 3600, backfill=True)
    events: list[object] = []

    async def iterate() -> None:
        events.extend([event async for event in watcher])

    if waiting == "a-back-off":
        fake.queue_fault(Fault(500), times=1)
    elif waiting == "an-answer":
        fake.queue_fault(Fault(200, delay=3600), times=1)
    with anyio.fail_after(5):
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(iterate)
            await anyio.wait_all_tasks_blocked()
            requests = len(fake.requests)
            # Closed with the client, as a program that shuts down does.
            await watcher.aclose()
            await api.aclose()
    assert len(fake.requests) == requests
    assert summary(events) == ([] if waiting != "an-interval" else [("M0", watched.fresh, None)])


async def test_a_state_saved_before_the_first_poll_of_a_backfill_backfills(
    fake: FakeGreenAPI, api: ga.GreenAPI, watched: Watched
) -> None:
    watched.add(fake.instance, text_message(), id_message="old", timestamp=NOW - 3600)
    saved = watched.watch(api, 0.01, backfill=True).state
    async with resumed(api, watched, saved, backfill=True) as watcher:
        assert summary(await watcher.poll()) == [("old", watched.fresh, None)]


_STATUSES = ("pending", "sent", "delivered", "read", "failed", "noAccount", "yellowCard")
Pair = tuple[str, str]


async def random_restarts(fake: FakeGreenAPI, watched: Watched, seed: int) -> None:
    """Random journals, consumption, save points, outages and restarts, on the fake.

    Every (message, status) pair the journal showed when some request was made is
    reported once, except a baseline's (when not backfilling, the first request of a
    watcher started without a state that had polled; the count starts over there) and
    except a pair the journal replaced by a newer status while the bot was stopped after
    fetching it: no request can show it any more, and the newer status is reported in
    its place. The bot saves ``watcher.state`` after handling each event, as the docs
    show, and when it stops cleanly; a crash keeps the state saved after the last event.
    Incoming messages have no status: each is one pair, with the status ``-``, and only
    new ones arrive.
    """
    rng = random.Random(seed)
    journal = fake.instance
    incoming = watched is INCOMING
    backfill = rng.random() < 0.5
    ids: list[str] = []

    def add(age: float) -> None:
        options = {} if incoming else {"status": rng.choice(_STATUSES[:2])}
        message = watched.add(
            journal,
            text_message(),
            id_message=f"M{len(ids)}",
            timestamp=int(fake.clock.now() - age),
            **options,
        )
        ids.append(message["idMessage"])

    for _ in range(rng.randint(0, 12)):
        add(age=rng.uniform(0, 20 * 3600))  # within the first window, however old

    requests_noted = 0
    shown: set[Pair] = set()
    baseline: set[Pair] = set()
    baseline_pending = not backfill
    replaced_while_stopped: set[Pair] = set()
    held_when_stopped: set[Pair] | None = None  # what a stopped watcher may have fetched
    reported: list[Pair] = []

    def now_shown() -> set[Pair]:
        entries = journal.incoming_journal(1440) if incoming else journal.journal(1440)
        return {(m["idMessage"], m.get("statusMessage", "-")) for m in entries}

    def note_requests() -> None:
        # The journal changes only in change_journal(), which calls this first: requests
        # made since the last change saw the journal as it is now.
        nonlocal requests_noted, baseline_pending, held_when_stopped
        if len(fake.requests) > requests_noted:
            if held_when_stopped is not None:
                # The restarted watcher's first request: what it cannot see was replaced.
                replaced_while_stopped.update(held_when_stopped - now_shown())
                held_when_stopped = None
            if baseline_pending:
                baseline.update(now_shown() - set(reported))
                baseline_pending = False
            shown.update(now_shown())
            replaced_while_stopped.difference_update(now_shown())  # back, as statuses may go
            requests_noted = len(fake.requests)

    def change_journal() -> None:
        note_requests()
        fake.clock.advance(rng.choice([0, 1, 30, 200]))
        for _ in range(rng.randint(0, 3)):
            if ids and rng.random() < 0.7 and not incoming:
                journal.set_status(rng.choice(ids), rng.choice(_STATUSES))
            else:
                add(age=0)

    state: dict[str, Any] = {}  # the last one saved

    async def consume(watcher: Watcher, count: int, wait: float) -> None:
        nonlocal state
        for _ in range(count):
            with anyio.move_on_after(wait) as scope:
                event = await watcher.__anext__()
            if scope.cancelled_caught:
                return
            ((id_message, status, _),) = summary([event])
            reported.append((id_message or "", status))
            state = watcher.state  # saved after handling the event

    async with fake.connect(max_retries=0) as api:
        watcher = watched.watch(api, 0.01, backfill=backfill)
        state = watcher.state
        for _ in range(rng.randint(5, 30)):
            action = rng.random()
            if action < 0.35:
                change_journal()
            elif action < 0.75:
                await consume(watcher, rng.randint(1, 4), wait=0.05)
            else:  # the bot stops, maybe for an hour, and starts again from its state
                await watcher.aclose()
                if rng.random() < 0.5:
                    state = watcher.state  # a clean stop saves it again; a crash does not
                note_requests()
                baseline_pending = not backfill and state["last_poll"] is None
                if baseline_pending:
                    # Starting over: a state that never polled has handed out nothing, and
                    # what earlier watchers fetched is the new baseline's, or gone.
                    assert not reported
                    shown.clear()
                    baseline.clear()
                    replaced_while_stopped.clear()
                    held_when_stopped = None
                else:
                    held_when_stopped = (held_when_stopped or set()) | (shown - set(reported))
                for _ in range(rng.randint(0, 2)):
                    fake.clock.advance(rng.choice([0, 60, 1800, 3600]))
                    change_journal()
                watcher = watched.watch(
                    api, 0.01, backfill=backfill, state=json.loads(json.dumps(state))
                )
        # The journal no longer changes: everything it shows now must come out.
        await consume(watcher, 10_000, wait=0.5)
        await watcher.aclose()
        note_requests()
    assert len(reported) == len(set(reported)), f"seed {seed}: a pair came twice: {reported}"
    expected = shown - baseline - replaced_while_stopped
    assert set(reported) == expected, (
        f"seed {seed}, backfill={backfill}: missed {sorted(expected - set(reported))}, "
        f"unexpected {sorted(set(reported) - expected)}, baseline {sorted(baseline)}, "
        f"replaced while stopped {sorted(replaced_while_stopped)}"
    )


# On virtual time: a wait for an event that does not come costs nothing, and a busy
# machine cannot make a watcher late for one.
@virtual_time
@pytest.mark.usefixtures("machine_clocks")
@pytest.mark.parametrize("seed", range(12))
async def test_random_restarts_neither_miss_nor_repeat(
    fake: FakeGreenAPI, watched: Watched, seed: int
) -> None:
    await random_restarts(fake, watched, seed)


@virtual_time
@pytest.mark.slow
async def test_random_restarts_over_many_seeds(
    monkeypatch: pytest.MonkeyPatch, watched: Watched
) -> None:
    # Bounded in count and in time; each run takes about a tenth of a second. Timed by
    # perf_counter, which the machine clocks that follow the fake leave alone.
    started = time.perf_counter()
    runs = 0
    for seed in range(1_000, 2_000):
        fake = FakeGreenAPI(clock=FakeClock(NOW), rate_limit=False)
        fake.add_instance()
        with monkeypatch.context() as patches:
            clocks_follow_the_service(fake, patches)
            await random_restarts(fake, watched, seed)
        runs += 1
        if time.perf_counter() - started > 60:
            break
    print(f"random restarts: {runs} seeds in {time.perf_counter() - started:.0f} s")
    assert runs >= 100


# Incoming only: messages as events, senders, and a state of its own.


async def test_incoming_events_are_the_messages_themselves(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    inbox = fake.instance
    async with api.journals.watch_incoming(0.01) as watcher:
        await watcher.poll()
        inbox.add_incoming(text_message("Where is my order?"), id_message="T", sender_name="Anna")
        inbox.add_incoming(image_message("The parcel"), id_message="I", sender_name="Jonas")
        seen = []
        for message in await take(watcher, 2):
            match message:
                case ga.TextMessage(sender_name=name, text_message=text):
                    seen.append(f"{name}: {text}")
                case ga.ImageMessage(sender_name=name, caption=caption):
                    seen.append(f"{name} sent a photo: {caption}")
    assert seen == ["Anna: Where is my order?", "Jonas sent a photo: The parcel"]


async def test_an_incoming_message_shown_again_is_not_reported_again(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    inbox = fake.instance
    async with api.journals.watch_incoming(0.01) as watcher:
        await watcher.poll()
        entry = inbox.add_incoming(text_message("Hi"), id_message="IN")
        assert summary(await watcher.poll()) == [("IN", "-", None)]
        # Edited by its sender, stamped anew, even given a status: still the same message.
        fake.clock.advance(30)
        entry.update(textMessage="Hi!", isEdited=True, timestamp=NOW + 30, statusMessage="read")
        assert await watcher.poll() == []


async def test_incoming_messages_filtered_by_sender(fake: FakeGreenAPI, api: ga.GreenAPI) -> None:
    inbox = fake.instance
    group = "120363043968066561@g.us"
    async with api.journals.watch_incoming(0.01, senders=["79007654321@c.us"]) as watcher:
        await watcher.poll()
        inbox.add_incoming(text_message(), id_message="Anna", chat_id="79007654321@c.us")
        inbox.add_incoming(text_message(), id_message="Jonas", chat_id="4915112345678@c.us")
        inbox.add_incoming(
            text_message(),
            id_message="Anna in a group",
            chat_id=group,
            sender_id="79007654321@c.us",
        )
        inbox.add_incoming(
            text_message(),
            id_message="Jonas in a group",
            chat_id=group,
            sender_id="4915112345678@c.us",
        )
        assert summary(await watcher.poll()) == [
            ("Anna", "-", None),
            ("Anna in a group", "-", None),
        ]


async def test_an_incoming_state_names_its_journal(api: ga.GreenAPI) -> None:
    state = api.journals.watch_incoming(0.01).state
    assert state == {
        "version": 1,
        "journal": "lastIncomingMessages",
        "last_poll": None,
        "seen": {},
    }


@pytest.mark.parametrize(
    ("saved_by", "given_to"), [(OUTGOING, INCOMING), (INCOMING, OUTGOING)], ids=["out-in", "in-out"]
)
async def test_a_state_of_the_other_journal_is_refused_naming_it(
    fake: FakeGreenAPI, api: ga.GreenAPI, saved_by: Watched, given_to: Watched
) -> None:
    async with saved_by.watch(api, 0.01) as watcher:
        await watcher.poll()
        state = json.loads(json.dumps(watcher.state))
    with pytest.raises(ga.InvalidArgumentError, match=f"state of a {saved_by.name} watcher"):
        given_to.watch(api, 0.01, state=state)


async def test_an_outgoing_state_may_name_its_own_journal(api: ga.GreenAPI) -> None:
    state = {**GOOD_STATE, "journal": "lastOutgoingMessages"}
    assert api.journals.watch_outgoing(0.01, state=state).state["seen"] == GOOD_STATE["seen"]
    with pytest.raises(ga.InvalidArgumentError, match="'journal' must be"):
        api.journals.watch_outgoing(0.01, state={**GOOD_STATE, "journal": "lastOutgoing"})


async def test_an_incoming_state_naming_no_known_journal_is_refused(api: ga.GreenAPI) -> None:
    for journal in ("lastIncomingMessage", None, 1, ["lastIncomingMessages"]):
        state = {**GOOD_STATE, "journal": journal}
        with pytest.raises(ga.InvalidArgumentError, match="state must be a value of"):
            api.journals.watch_incoming(0.01, state=state)


async def test_watch_incoming_over_real_http(fake: FakeGreenAPI) -> None:
    inbox = fake.instance
    inbox.add_incoming(text_message("before"), id_message="OLD", timestamp=NOW - 600)
    with serve(fake) as base_url:
        async with (
            ga.GreenAPI(
                inbox.id_instance, inbox.api_token, api_url=base_url, rate_limit=False
            ) as api,
            api.journals.watch_incoming(0.01) as watcher,
        ):
            assert await watcher.poll() == []
            inbox.add_incoming(text_message("Where is my order?"), sender_name="Anna")
            inbox.add(text_message("sent, not received"))
            (message,) = await take(watcher, 1)
    assert isinstance(message, ga.TextMessage)
    assert (message.type, message.sender_name, message.text) == (
        "incoming",
        "Anna",
        "Where is my order?",
    )
    assert {request.api_method for request in fake.requests} == {"lastIncomingMessages"}


def test_both_watchers_take_the_same_options_with_the_same_defaults() -> None:
    def shared(method: Callable[..., object], own: str) -> list[inspect.Parameter]:
        parameters = inspect.signature(method).parameters
        return [parameter for name, parameter in parameters.items() if name != own]

    assert shared(ga.Journals.watch_outgoing, "statuses") == shared(
        ga.Journals.watch_incoming, "senders"
    )
