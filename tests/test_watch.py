"""watch_outgoing: exact event sequences against the fake, on asyncio and trio."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import anyio
import pytest

import greenapi_async as ga
from greenapi_async.testing import FakeClock, FakeGreenAPI, Fault, image_message, text_message

pytestmark = pytest.mark.anyio

NOW = 1_764_000_000


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


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


@pytest.mark.parametrize("state", [{}, {"version": 99, "last_poll": None, "seen": {}}, "x"])
async def test_a_foreign_state_is_refused(api: ga.GreenAPI, state: object) -> None:
    with pytest.raises(ga.InvalidArgumentError, match="state must be"):
        api.journals.watch_outgoing(0.01, state=state)  # type: ignore[arg-type]


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


async def test_a_wrong_url_ends_the_watch(fake: FakeGreenAPI, api: ga.GreenAPI) -> None:
    async with api.journals.watch_outgoing(0.01) as watcher:
        await watcher.poll()
        fake.queue_fault(Fault(404, b'{"code":404,"description":"Not Found"}'))
        with pytest.raises(ga.APIStatusError, match="404"):
            await take(watcher, 1)


def test_backoff_after_a_day_of_failures_stays_finite_and_capped() -> None:
    watcher = ga.OutgoingWatcher(
        lambda minutes: None,
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


def test_decoding_while_skipping_names_each_malformed_entry() -> None:
    from greenapi_async._converter import decode_skipping_malformed

    entry = {
        "typeMessage": "textMessage", "idMessage": "A", "timestamp": 1,
        "statusMessage": "read", "chatId": "1@c.us",
    }  # fmt: skip
    body = json.dumps([entry, 5, {**entry, "timestamp": "1"}, {**entry, "idMessage": "B"}])
    kept = decode_skipping_malformed(body.encode())
    assert [m.id_message for m in kept] == ["A", "B"]
    assert kept.problem is not None
    assert kept.problem.errors == (
        "$[1]: expected object, got int",
        "$[2].timestamp: expected int, got str",
    )
    assert decode_skipping_malformed(json.dumps([entry]).encode()).problem is None
    with pytest.raises(ga.ResponseValidationError, match="not valid JSON"):
        decode_skipping_malformed(b"[{")


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
