"""watch_outgoing: exact event sequences against the fake, on asyncio and trio."""

from __future__ import annotations

import json
import random
import ssl
import time
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest

import greenapi_async as ga
from greenapi_async.testing import FakeClock, FakeGreenAPI, Fault, image_message, text_message

pytestmark = pytest.mark.anyio

NOW = 1_764_000_000


@pytest.fixture(autouse=True)
def fast_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Poll every 10 ms: the logic under test is the same at any interval."""
    monkeypatch.setattr(ga.OutgoingWatcher, "MIN_INTERVAL", 0.01)


@pytest.fixture
def fake() -> FakeGreenAPI:
    fake = FakeGreenAPI(clock=FakeClock(NOW), rate_limit=False)
    fake.add_instance()
    return fake


@pytest.fixture
async def api(fake: FakeGreenAPI) -> AsyncIterator[ga.GreenAPI]:
    async with fake.connect(max_retries=0) as api:
        yield api


def summary(changes: list[ga.StatusChange]) -> list[tuple[str | None, str, str | None]]:
    return [
        (
            change.message.id_message,
            str(change.message.status_message),
            None if change.previous_status is None else str(change.previous_status),
        )
        for change in changes
    ]


async def take(watcher: ga.OutgoingWatcher, count: int) -> list[ga.StatusChange]:
    changes = []
    with anyio.fail_after(5):
        async for change in watcher:
            changes.append(change)
            if len(changes) == count:
                break
    return changes


async def nothing_more(watcher: ga.OutgoingWatcher) -> None:
    with anyio.move_on_after(0.2) as scope:
        change = await watcher.__anext__()
        raise AssertionError(f"unexpected event: {change}")
    assert scope.cancelled_caught


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


async def test_backfill_reports_the_first_window_in_timestamp_order(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), id_message="new", timestamp=NOW - 10)
    fake.instance.add(text_message(), id_message="old", timestamp=NOW - 100)
    fake.instance.add(text_message(), id_message="too old", timestamp=NOW - 2 * 86400)
    async with api.journals.watch_outgoing(0.01, backfill=True) as watcher:
        assert [c.message.id_message for c in await watcher.poll()] == ["old", "new"]


async def test_a_message_that_appears_late_is_still_reported(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    async with api.journals.watch_outgoing(0.01) as watcher:
        await watcher.poll()
        fake.clock.advance(90)
        # Sent 100 s ago, shown only now: inside the margin of the next window.
        fake.instance.add(text_message("late"), id_message="late", timestamp=NOW - 10)
        assert summary(await take(watcher, 1)) == [("late", "sent", None)]


async def test_transient_failures_back_off_and_the_watch_goes_on(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    errors: list[ga.GreenAPIError] = []
    async with api.journals.watch_outgoing(0.01, on_error=errors.append) as watcher:
        await watcher.poll()
        fake.queue_fault(Fault(500), times=2)
        fake.queue_fault(Fault.rate_limited())
        fake.queue_fault(Fault.malformed())
        fake.instance.add(text_message(), id_message="after")
        assert summary(await take(watcher, 1)) == [("after", "sent", None)]
    assert [type(e) for e in errors] == [
        ga.ServerError,
        ga.ServerError,
        ga.RateLimitError,
        ga.ResponseValidationError,
    ]


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault(401, b'{"code":401,"description":"Unauthorized"}'), ga.AuthenticationError),
        (Fault(403, b'{"code":403,"description":"Forbidden"}'), ga.PermissionDeniedError),
        (Fault.quota_exceeded(), ga.QuotaExceededError),
    ],
)
async def test_authentication_and_quota_errors_end_the_watch(
    fake: FakeGreenAPI, api: ga.GreenAPI, fault: Fault, error: type[Exception]
) -> None:
    async with api.journals.watch_outgoing(0.01) as watcher:
        await watcher.poll()
        fake.queue_fault(fault)
        with pytest.raises(error):
            await take(watcher, 1)


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


async def test_cancelling_the_consumer_stops_polling_at_once(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    watcher = api.journals.watch_outgoing(0.01)
    with anyio.move_on_after(0.3):
        async for _ in watcher:
            pass
    polls = len(fake.requests)
    assert polls > 3
    await anyio.sleep(0.2)
    assert len(fake.requests) == polls


async def test_messages_that_left_the_journal_are_forgotten(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    for n in range(50):
        fake.instance.add(text_message(), id_message=f"M{n}")
    async with api.journals.watch_outgoing(0.01, forget_after=0.05) as watcher:
        await watcher.poll()
        assert len(watcher.state["seen"]) == 50
        fake.clock.advance(24 * 3600)  # every message leaves the journal's window
        await anyio.sleep(0.1)
        await watcher.poll()
        assert watcher.state["seen"] == {}


async def test_aclose_ends_the_iteration(api: ga.GreenAPI) -> None:
    watcher = api.journals.watch_outgoing(0.01)
    await watcher.aclose()
    assert [change async for change in watcher] == []


@pytest.mark.parametrize(
    "options",
    [{"interval": 0}, {"interval": "5"}, {"margin": -1}, {"forget_after": 0}],
)
async def test_bad_options_are_argument_errors(
    api: ga.GreenAPI, options: dict[str, object]
) -> None:
    with pytest.raises(ga.InvalidArgumentError):
        api.journals.watch_outgoing(**options)  # type: ignore[arg-type]


GOOD_STATE = {"version": 1, "last_poll": 1_764_000_000.5, "seen": {"A": ["sent", "read"]}}


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
    api: ga.GreenAPI, state: object
) -> None:
    with pytest.raises(ga.InvalidArgumentError, match="state must be a value of"):
        api.journals.watch_outgoing(0.01, state=state)  # type: ignore[arg-type]


async def test_a_state_in_this_versions_format_is_taken_as_it_is(api: ga.GreenAPI) -> None:
    for state in (GOOD_STATE, {**GOOD_STATE, "last_poll": None}, {**GOOD_STATE, "seen": {}}):
        assert api.journals.watch_outgoing(0.01, state=state).state == state


@pytest.mark.parametrize("option", ["chats", "kinds", "statuses"])
@pytest.mark.parametrize("value", ["79001234567@c.us", b"text", 5, ["text", 5], [None]])
async def test_filters_must_be_collections_of_strings(
    api: ga.GreenAPI, option: str, value: object
) -> None:
    # A bare string would be taken as a set of one-character names and match nothing.
    with pytest.raises(ga.InvalidArgumentError, match=f"{option} must"):
        api.journals.watch_outgoing(0.01, **{option: value})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kinds",
    [{"interactiveButtons"}, {"INTERACTIVEBUTTONS"}, {"interactivebuttons", "text"}],
)
async def test_a_kind_filter_matches_wire_tags_that_do_not_end_in_message(
    fake: FakeGreenAPI, api: ga.GreenAPI, kinds: set[str]
) -> None:
    async with api.journals.watch_outgoing(0.01, kinds=kinds) as watcher:
        await watcher.poll()
        fake.instance.add({"typeMessage": "interactiveButtons"}, id_message="buttons")
        fake.instance.add(image_message(), id_message="image")
        assert summary(await watcher.poll()) == [("buttons", "sent", None)]


async def test_events_not_yet_handled_survive_a_restart(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    async with api.journals.watch_outgoing(0.01) as first:
        await first.poll()
        for n in range(3):
            fake.instance.add(text_message(), id_message=f"M{n}")
        (handled,) = await take(first, 1)
        saved = first.state  # saved after handling the first event only
    assert handled.message.id_message == "M0"
    async with api.journals.watch_outgoing(0.01, state=saved) as second:
        assert summary(await second.poll()) == [("M1", "sent", None), ("M2", "sent", None)]


async def test_a_state_saved_before_the_first_poll_still_takes_a_baseline(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), id_message="old")
    saved = api.journals.watch_outgoing(0.01).state
    async with api.journals.watch_outgoing(0.01, state=saved) as watcher:
        assert await watcher.poll() == []


async def test_the_baseline_remembers_the_whole_default_window(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), id_message="hours ago", timestamp=NOW - 5 * 3600)
    async with api.journals.watch_outgoing(0.01) as watcher:
        await watcher.poll()
        assert fake.requests[-1].query == {"minutes": "1440"}
        fake.instance.set_status("hours ago", "read")
        assert summary(await watcher.poll()) == [("hours ago", "read", "sent")]


@pytest.mark.parametrize(
    "fault",
    [
        Fault(499, b'{"code":499}'),
        Fault(400, b'{"code":400,"description":"Instance is starting"}'),
    ],
    ids=["499", "instance-starting"],
)
async def test_499_and_a_starting_instance_are_ridden_out(
    fake: FakeGreenAPI, api: ga.GreenAPI, fault: Fault
) -> None:
    errors: list[ga.GreenAPIError] = []
    async with api.journals.watch_outgoing(0.01, on_error=errors.append) as watcher:
        await watcher.poll()
        fake.queue_fault(fault, times=2)
        fake.instance.add(text_message(), id_message="after")
        assert summary(await take(watcher, 1)) == [("after", "sent", None)]
    assert len(errors) == 2


async def test_a_journal_over_the_size_cap_ends_the_watch(fake: FakeGreenAPI) -> None:
    for n in range(20):
        fake.instance.add(text_message("x" * 100), id_message=f"M{n}")
    async with fake.connect(max_retries=0, max_response_bytes=1024) as api:
        errors: list[ga.GreenAPIError] = []
        async with api.journals.watch_outgoing(0.01, on_error=errors.append) as watcher:
            with pytest.raises(ga.ResponseTooLargeError):
                await take(watcher, 1)
        assert errors == []


async def test_a_wrong_url_ends_the_watch(fake: FakeGreenAPI, api: ga.GreenAPI) -> None:
    async with api.journals.watch_outgoing(0.01) as watcher:
        await watcher.poll()
        fake.queue_fault(Fault(404, b'{"code":404,"description":"Not Found"}'))
        with pytest.raises(ga.APIStatusError, match="404"):
            await take(watcher, 1)


async def test_a_certificate_that_fails_verification_ends_the_watch() -> None:
    # What httpx raises when the server's certificate is not trusted: waiting won't fix it.
    def untrusted(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("certificate verify failed") from ssl.SSLCertVerificationError(
            1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"
        )

    errors: list[ga.GreenAPIError] = []
    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(untrusted)) as http,
        ga.GreenAPI("1101000001", "token1", http_client=http, max_retries=0) as api,
        api.journals.watch_outgoing(1.0, on_error=errors.append) as watcher,
    ):
        with pytest.raises(ga.APIConnectionError, match="certificate verify failed"):
            await take(watcher, 1)
    assert errors == []


def test_backoff_after_a_day_of_failures_stays_finite_and_capped() -> None:
    async def never_called(minutes: int) -> ga.PartialMessages:
        raise AssertionError

    watcher = ga.OutgoingWatcher(
        never_called,
        interval=5.0,
        margin=180.0,
        backfill=False,
        chats=None,
        kinds=None,
        statuses=None,
        state=None,
        on_error=None,
        forget_after=86_400.0,
    )
    assert watcher._next_delay(5_000) == 60.0


async def test_an_id_listed_twice_in_one_answer_is_one_event(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    # Green API's own example response repeats an idMessage.
    fake.instance.add(text_message(), id_message="DUP", timestamp=NOW - 20, status="read")
    fake.instance.add(text_message(), id_message="DUP", timestamp=NOW - 10, status="read")
    async with api.journals.watch_outgoing(0.01, backfill=True) as watcher:
        assert summary(await watcher.poll()) == [("DUP", "read", None)]
        assert await watcher.poll() == []


@pytest.mark.parametrize(
    ("given", "tag"),
    [
        ("text", "textMessage"),
        ("TEXT", "textMessage"),
        ("textmessage", "textMessage"),
        ("ExtendedText", "extendedTextMessage"),
        ("pollMessage", "pollMessage"),
        ("reaction", "reactionMessage"),  # a kind this version does not model
        ("reactionMessage", "reactionMessage"),
    ],
)
def test_kinds_are_named_in_any_case_or_as_wire_tags(given: str, tag: str) -> None:
    from greenapi_async._watch import normal_kind

    assert normal_kind(given) == tag


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


async def test_a_malformed_entry_is_left_out_and_reported_once_not_a_stall(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    good = fake.instance.add(text_message("fine"), id_message="GOOD", timestamp=NOW - 20)
    bad = fake.instance.add(
        text_message("odd", sendByApi="yes"), id_message="BAD", timestamp=NOW - 10
    )
    errors: list[ga.GreenAPIError] = []
    async with api.journals.watch_outgoing(0.01, backfill=True, on_error=errors.append) as w:
        assert summary(await w.poll()) == [("GOOD", "sent", None)]
        (error,) = errors
        assert isinstance(error, ga.ResponseValidationError)
        assert "$[0].sendByApi: expected bool, got str" in error.errors
        assert await w.poll() == []
        assert len(errors) == 1  # the same problem is not reported at every poll
        fake.instance.add(text_message(), id_message="NEWER", timestamp=NOW - 5)
        assert summary(await w.poll()) == [("NEWER", "sent", None)]
        assert len(errors) == 1  # nor again when newer messages push it down the journal

        bad["sendByApi"] = True  # the service corrects the entry
        assert summary(await w.poll()) == [("BAD", "sent", None)]
    assert good["idMessage"] == "GOOD"


async def test_an_on_error_that_raises_ends_the_poll_and_loses_no_event(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), id_message="GOOD", timestamp=NOW - 20)
    bad = fake.instance.add(text_message(sendByApi="yes"), id_message="BAD", timestamp=NOW - 9)

    def fatal(error: ga.GreenAPIError) -> None:
        raise error

    async with api.journals.watch_outgoing(0.01, backfill=True, on_error=fatal) as watcher:
        with pytest.raises(ga.ResponseValidationError, match="left out 1 malformed"):
            await watcher.poll()
        fake.instance.messages.remove(bad)
        assert summary(await watcher.poll()) == [("GOOD", "sent", None)]


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


# Resuming: a restarted watcher reports what the journal still shows and it had not handed
# over, however old, whatever the backfill, outage or number of restarts.


@pytest.fixture
def wall_clock_is_the_services(fake: FakeGreenAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    """Give this machine the fake service's clock, so that an outage can be an advance."""
    monkeypatch.setattr(time, "time", fake.clock.now)


def resumed(api: ga.GreenAPI, state: dict[str, object], **options: Any) -> ga.OutgoingWatcher:
    # Through JSON, as a bot saves it to disk.
    return api.journals.watch_outgoing(0.01, state=json.loads(json.dumps(state)), **options)


@pytest.mark.usefixtures("wall_clock_is_the_services")
async def test_a_backfill_interrupted_after_one_event_is_resumed_whole(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    for n in range(3):
        fake.instance.add(text_message(), id_message=f"M{n}", timestamp=NOW - 3600 + n)
    async with api.journals.watch_outgoing(0.01, backfill=True) as first:
        (handled,) = await take(first, 1)
        saved = first.state
    assert handled.message.id_message == "M0"
    for restart in range(2):  # and again, from a state saved by a resumed watcher
        async with resumed(api, saved, backfill=True) as watcher:
            (handled,) = await take(watcher, 1)
            saved = watcher.state
        assert handled.message.id_message == f"M{restart + 1}"
    async with resumed(api, saved) as last:
        await nothing_more(last)


@pytest.mark.usefixtures("wall_clock_is_the_services")
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
    async with resumed(api, saved) as watcher:
        (handled,) = await take(watcher, 1)
        saved = watcher.state
    assert summary([handled]) == [("M0", "delivered", "sent")]
    async with resumed(api, saved) as watcher:
        rest = await take(watcher, 2)
        await nothing_more(watcher)
    assert summary(rest) == [("M1", "delivered", "sent"), ("M2", "delivered", "sent")]


@pytest.mark.usefixtures("wall_clock_is_the_services")
async def test_a_state_saved_after_aclose_still_reaches_back_to_dropped_events(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    for n in range(2):
        fake.instance.add(text_message(), id_message=f"M{n}", timestamp=NOW - 7200)
    async with api.journals.watch_outgoing(0.01, backfill=True) as first:
        await take(first, 1)
    fake.clock.advance(600)
    async with resumed(api, first.state) as second:
        assert summary(await take(second, 1)) == [("M1", "sent", None)]


async def test_a_state_saved_before_the_first_poll_of_a_backfill_backfills(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), id_message="old", timestamp=NOW - 3600)
    saved = api.journals.watch_outgoing(0.01, backfill=True).state
    async with resumed(api, saved, backfill=True) as watcher:
        assert summary(await watcher.poll()) == [("old", "sent", None)]


_STATUSES = ("pending", "sent", "delivered", "read", "failed", "noAccount", "yellowCard")
Pair = tuple[str, str]


async def random_restarts(fake: FakeGreenAPI, seed: int) -> None:
    """Random journals, consumption, save points, outages and restarts, on the fake.

    Every (message, status) pair the journal showed when some request was made is
    reported once, except a baseline's (when not backfilling, the first request of a
    watcher started without a state that had polled) and except a pair the journal
    replaced by a newer status while the bot was stopped after fetching it: no request
    can show it any more, and the newer status is reported in its place. The bot saves
    ``watcher.state`` after handling each event, as the docs show, and when it stops
    cleanly; a crash keeps the state saved after the last event.
    """
    rng = random.Random(seed)
    journal = fake.instance
    backfill = rng.random() < 0.5
    ids: list[str] = []

    def add(age: float) -> None:
        message = journal.add(
            text_message(),
            id_message=f"M{len(ids)}",
            status=rng.choice(_STATUSES[:2]),
            timestamp=int(fake.clock.now() - age),
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
        return {(m["idMessage"], m["statusMessage"]) for m in journal.journal(1440)}

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
            if ids and rng.random() < 0.7:
                journal.set_status(rng.choice(ids), rng.choice(_STATUSES))
            else:
                add(age=0)

    state: dict[str, Any] = {}  # the last one saved

    async def consume(watcher: ga.OutgoingWatcher, count: int, wait: float) -> None:
        nonlocal state
        for _ in range(count):
            with anyio.move_on_after(wait) as scope:
                change = await watcher.__anext__()
            if scope.cancelled_caught:
                return
            reported.append((change.message.id_message or "", str(change.message.status_message)))
            state = watcher.state  # saved after handling the event

    async with fake.connect(max_retries=0) as api:
        watcher = api.journals.watch_outgoing(0.01, backfill=backfill)
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
                held_when_stopped = (held_when_stopped or set()) | (shown - set(reported))
                for _ in range(rng.randint(0, 2)):
                    fake.clock.advance(rng.choice([0, 60, 1800, 3600]))
                    change_journal()
                watcher = api.journals.watch_outgoing(
                    0.01, backfill=backfill, state=json.loads(json.dumps(state))
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


@pytest.mark.usefixtures("wall_clock_is_the_services")
@pytest.mark.parametrize("seed", range(4))
async def test_random_restarts_neither_miss_nor_repeat(fake: FakeGreenAPI, seed: int) -> None:
    await random_restarts(fake, seed)


@pytest.mark.slow
async def test_random_restarts_over_many_seeds(monkeypatch: pytest.MonkeyPatch) -> None:
    # Bounded in count and in time; each run is about half a second.
    started = time.monotonic()
    runs = 0
    for seed in range(1_000, 1_400):
        fake = FakeGreenAPI(clock=FakeClock(NOW), rate_limit=False)
        fake.add_instance()
        monkeypatch.setattr(time, "time", fake.clock.now)
        await random_restarts(fake, seed)
        runs += 1
        if time.monotonic() - started > 60:
            break
    print(f"random restarts: {runs} seeds in {time.monotonic() - started:.0f} s")
    assert runs >= 20
