"""A watcher decodes only the entries that may be news, and sees exactly what a full decode shows.

An entry of a message the watcher has reported in its status becomes a ``Known`` (its id,
timestamp and status), not a message. The reference is the same decode told that nothing
was reported: every entry decoded or left out, as ``skip_malformed=True`` does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import anyio
import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

import greenapi_async as ga
from greenapi_async._converter import (
    MAX_TIMESTAMP,
    Known,
    WatchedJournal,
    decode_messages_partially,
    decode_watched,
)
from greenapi_async.testing import FakeGreenAPI

METHOD = "lastOutgoingMessages"
STATUS_KEY = "statusMessage"
SEEDED = FakeGreenAPI().instance.seed(60, seed=23)
IDS = ("A", "B", "C", "")
STATUSES = ("sent", "delivered", "read", "played", "")
NOW = 1_764_000_000


@st.composite
def watched_entries(draw: st.DrawFn) -> Any:
    """An entry of a journal: usually a real one with its id, time and status redrawn."""
    if draw(st.integers(0, 19)) == 0:
        return draw(st.sampled_from([5, "entry", [], None, {}]))
    entry = dict(draw(st.sampled_from(SEEDED)))
    for key, values in (
        ("idMessage", [*IDS, 7, None]),
        ("timestamp", [NOW, NOW, NOW + 1, NOW + 2, -1, MAX_TIMESTAMP + 1, True, "1", 1.5]),
        (STATUS_KEY, [*STATUSES, None, 3]),
    ):
        choice = draw(st.sampled_from([*values, "absent"]))
        if choice == "absent":
            entry.pop(key, None)
        else:
            entry[key] = choice
    if draw(st.booleans()):  # something else off, which only a full decode sees
        entry[draw(st.sampled_from(["sendByApi", "chatId", "typeMessage"]))] = [1]
    return entry


reported_maps = st.dictionaries(
    st.sampled_from(IDS), st.lists(st.sampled_from(STATUSES), max_size=3), max_size=4
)


def _is_known(entry: Any, reported: Mapping[str, Sequence[str]], status_key: str | None) -> bool:
    """The contract: an entry of a message reported in its status, with a valid time."""
    if type(entry) is not dict:
        return False
    message_id, timestamp = entry.get("idMessage"), entry.get("timestamp")
    status = entry.get(status_key) if status_key else None
    return (
        type(message_id) is str
        and message_id in reported
        and message_id != ""
        and type(timestamp) is int
        and 0 <= timestamp <= MAX_TIMESTAMP
        and (status is None or type(status) is str)
        and (status or "") in reported[message_id]
    )


def _status_key(message: ga.OutgoingMessage | Known, status_key: str | None) -> str:
    status = message.status_message if status_key else None
    return "" if status is None else str(status)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(watched_entries(), max_size=8),
    reported_maps,
    st.sampled_from([STATUS_KEY, None]),
)
def test_only_entries_reported_in_their_status_are_known_the_rest_decode_in_full(
    entries: list[Any], reported: dict[str, list[str]], status_key: str | None
) -> None:
    body = msgspec.json.encode(entries)
    watched = decode_watched(body, method=METHOD, reported=reported, status_key=status_key)
    full = decode_messages_partially(body, method=METHOD)
    left_out = {entry.index: entry for entry in full.left_out}
    decoded = iter(full.messages)
    expected: list[ga.OutgoingMessage | Known] = []
    for index, entry in enumerate(entries):
        message = None if index in left_out else next(decoded)
        if _is_known(entry, reported, status_key):
            status = entry.get(status_key) if status_key else None
            known = Known(entry["idMessage"], entry["timestamp"], status)
            expected.append(known)
            if message is not None:  # what it stands for is what a full decode reads
                assert (message.id_message, message.timestamp) == known[:2]
                assert _status_key(message, status_key) == _status_key(known, status_key)
        elif message is not None:
            expected.append(message)
    assert list(watched.entries) == expected
    known_indexes = {i for i, e in enumerate(entries) if _is_known(e, reported, status_key)}
    assert [(e.index, e.errors) for e in watched.journal.left_out] == [
        (e.index, e.errors) for i, e in left_out.items() if i not in known_indexes
    ]
    assert watched.journal.messages == [e for e in expected if not isinstance(e, Known)]
    assert (watched.journal.problem is None) == (not watched.journal.left_out)


def test_a_journal_whose_every_entry_is_reported_builds_no_message() -> None:
    entries = [dict(entry) for entry in SEEDED[:20]]
    reported = {entry["idMessage"]: [entry["statusMessage"]] for entry in entries}
    watched = decode_watched(
        msgspec.json.encode(entries), method=METHOD, reported=reported, status_key=STATUS_KEY
    )
    assert watched.journal.messages == []
    assert watched.entries == [
        Known(entry["idMessage"], entry["timestamp"], entry["statusMessage"]) for entry in entries
    ]


# The watchers, fed the same journals one poll after another: through decode_watched as
# GreenAPI's are, and through the reference, which decodes every entry.


def _watcher(direction: str, fetch: Any, backfill: bool) -> ga.OutgoingWatcher | ga.IncomingWatcher:
    options: dict[str, Any] = {
        "interval": 1.0,
        "margin": 180.0,
        "backfill": backfill,
        "chats": None,
        "kinds": None,
        "state": None,
        "on_error": None,
        "forget_after": 86_400.0,
    }
    if direction == "outgoing":
        return ga.OutgoingWatcher(fetch, statuses=None, **options)
    return ga.IncomingWatcher(fetch, senders=None, **options)


def _fetches(bodies: list[bytes]) -> tuple[Any, Any]:
    def fetch_of(reference: bool) -> Any:
        left = iter(bodies)

        async def fetch(
            minutes: int, reported: Mapping[str, Sequence[str]], status_key: str | None
        ) -> WatchedJournal:
            seen = {} if reference else reported
            return decode_watched(next(left), method=METHOD, reported=seen, status_key=status_key)

        return fetch

    return fetch_of(False), fetch_of(True)


def _events(events: list[Any]) -> list[tuple[Any, ...]]:
    return [
        (event.message, event.previous_status) if isinstance(event, ga.StatusChange) else (event,)
        for event in events
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(watched_entries(), max_size=6), min_size=1, max_size=5),
    st.sampled_from(["outgoing", "incoming"]),
    st.booleans(),
)
def test_a_watcher_reports_what_it_would_decoding_every_entry(
    journals: list[list[Any]], direction: str, backfill: bool
) -> None:
    bodies = [msgspec.json.encode(journal) for journal in journals]
    fetch, reference_fetch = _fetches(bodies)
    watcher = _watcher(direction, fetch, backfill)
    reference = _watcher(direction, reference_fetch, backfill)

    async def both() -> None:
        for _ in bodies:
            assert _events(await watcher.poll()) == _events(await reference.poll())
            assert watcher.state["seen"] == reference.state["seen"]

    anyio.run(both)
