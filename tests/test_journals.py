"""The journal methods, each end to end against the fake over real HTTP, on asyncio and trio.

One table of methods drives these tests: a new journal method is added to ``JOURNALS``
and gets every case here (what it answers, its faults, its argument checks).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import attrs
import pytest

import greenapi_async as ga
from greenapi_async._methods import METHODS, Answer, MethodSpec
from greenapi_async.testing import (
    FakeClock,
    FakeGreenAPI,
    FakeInstance,
    Fault,
    image_message,
    text_message,
)

from .conftest import ServeFake, data_bytes

pytestmark = pytest.mark.anyio

NOW = 1_764_000_000


CHAT = "79001234567@c.us"  # where the fake puts a message unless told otherwise


@attrs.frozen
class Journal:
    """One journal method: how to call it, and how to put an entry in it on the fake.

    ``call`` gives a list of messages (``getMessage``'s one message in a list) or, with
    ``skip_malformed=True``, a ``PartialMessages``; ``refused`` are arguments it must
    refuse before any request.
    """

    name: str
    call: Callable[..., Awaitable[Any]]
    add: Callable[..., dict[str, Any]]
    refused: tuple[dict[str, Any], ...]

    @property
    def spec(self) -> MethodSpec:
        """Its row in the table of methods: what the tests select it by."""
        return METHODS[self.name]


async def _in_a_list(message: Awaitable[ga.Message]) -> list[ga.Message]:
    return [await message]


_WINDOW_REFUSED = ({"minutes": 0}, {"minutes": "60"}, {"minutes": 525_601}, {"skip_malformed": 1})
_CHAT_IDS_REFUSED = (
    {"chat_id": "79001234567"},  # a phone number alone
    {"chat_id": "+7 900 123-45-67@c.us"},
    {"chat_id": "79001234567@s.whatsapp.net"},
    {"chat_id": " 79001234567@c.us"},
    {"chat_id": ""},
    {"chat_id": None},
)

JOURNALS = [
    Journal(
        "lastOutgoingMessages",
        lambda api, **options: api.journals.last_outgoing_messages(**options),
        lambda instance, content, **options: instance.add(content, **options),
        _WINDOW_REFUSED,
    ),
    Journal(
        "lastIncomingMessages",
        lambda api, **options: api.journals.last_incoming_messages(**options),
        lambda instance, content, **options: instance.add_incoming(content, **options),
        _WINDOW_REFUSED,
    ),
    Journal(
        "getChatHistory",
        lambda api, chat_id=CHAT, **options: api.journals.chat_history(chat_id, **options),
        lambda instance, content, **options: instance.add_incoming(content, **options),
        (
            *_CHAT_IDS_REFUSED,
            {"count": 0},
            {"count": "5"},
            {"count": True},
            {"count": 2.0},
            {"skip_malformed": 1},
        ),
    ),
    Journal(
        "getMessage",
        lambda api, chat_id=CHAT, id_message="M1": _in_a_list(
            api.journals.get_message(chat_id, id_message)
        ),
        lambda instance, content, **options: instance.add(content, **options),
        (*_CHAT_IDS_REFUSED, {"id_message": ""}, {"id_message": 5}, {"id_message": " M1"}),
    ),
]
# Selected by what the table says of each method, never by position.
WINDOWED = [journal for journal in JOURNALS if journal.spec.windowed]
LISTS = [journal for journal in JOURNALS if journal.spec.answer is Answer.MESSAGES]


def test_every_method_of_the_table_has_its_row_here() -> None:
    reads_messages = (Answer.MESSAGES, Answer.MESSAGE)
    assert sorted(journal.name for journal in JOURNALS) == sorted(
        name for name, spec in METHODS.items() if spec.answer in reads_messages
    )
    # Each selection holds some methods and not all of them.
    assert 0 < len(WINDOWED) < len(JOURNALS)
    assert 0 < len(LISTS) < len(JOURNALS)


def journal_ids(journal: Journal) -> str:
    return journal.name


@pytest.fixture(params=JOURNALS, ids=journal_ids)
def journal(request: pytest.FixtureRequest) -> Journal:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def fake() -> FakeGreenAPI:
    fake = FakeGreenAPI(clock=FakeClock(NOW), rate_limit=False)
    fake.add_instance()
    return fake


@pytest.fixture
def served(fake: FakeGreenAPI, serve_fake: ServeFake) -> str:
    return serve_fake(fake)


def client(fake: FakeGreenAPI, base_url: str, **options: Any) -> ga.GreenAPI:
    instance = fake.instance
    options = {"rate_limit": False, "max_retries": 2, "timeout": 5.0, **options}
    return ga.GreenAPI(instance.id_instance, instance.api_token, api_url=base_url, **options)


@pytest.mark.parametrize("journal", WINDOWED, ids=journal_ids)
async def test_each_journal_shows_its_own_direction_within_the_window(
    fake: FakeGreenAPI, served: str, journal: Journal
) -> None:
    instance = fake.instance
    # A recent entry in every journal, each its own id: this one must show its own only.
    for each in WINDOWED:
        each.add(instance, text_message(each.name), id_message=each.name, timestamp=NOW - 60)
    journal.add(instance, image_message("older"), id_message="OLD", timestamp=NOW - 7200)
    async with client(fake, served) as api:
        recent = await journal.call(api, minutes=5)
        whole_day = await journal.call(api)
    (message,) = recent
    own = journal.name
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
    # Retried or typed is the question here; how long a retry waits is test_retry_policy's.
    async with client(fake, served, timeout=0.3, retry_backoff=0.01) as api:
        with anyio.fail_after(15):
            if outcome is None:
                (message,) = await journal.call(api)
                assert message.id_message == "M1"
            else:
                with pytest.raises(outcome) as caught:
                    await journal.call(api)
                assert journal.name in str(caught.value)


@pytest.mark.parametrize(
    ("journal", "options"),
    [(journal, options) for journal in JOURNALS for options in journal.refused],
    ids=[f"{journal.name}-{options}" for journal in JOURNALS for options in journal.refused],
)
async def test_wrong_arguments_are_refused_before_any_request(
    fake: FakeGreenAPI, served: str, journal: Journal, options: dict[str, Any]
) -> None:
    async with client(fake, served) as api:
        with pytest.raises(ga.InvalidArgumentError) as caught:
            await journal.call(api, **options)
    assert not fake.requests
    (argument,) = options
    assert str(caught.value).startswith(argument)  # the message names what was wrong


@pytest.mark.parametrize("journal", LISTS, ids=journal_ids)
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


def test_the_sandbox_gives_chats_a_history_of_both_directions() -> None:
    instance = FakeGreenAPI.sandbox(count=40).instance
    by_chat: dict[str, set[str]] = {}
    for message in instance.messages:
        by_chat.setdefault(message["chatId"], set()).add(message["type"])
    assert any(directions == {"outgoing", "incoming"} for directions in by_chat.values())


# Chat history: both directions of one chat, newest first.


async def test_a_history_interleaves_both_directions_of_its_chat_newest_first(
    fake: FakeGreenAPI, served: str
) -> None:
    instance = fake.instance
    instance.add(text_message("first"), id_message="O1", timestamp=NOW - 300, status="read")
    instance.add_incoming(text_message("reply"), id_message="I1", timestamp=NOW - 200)
    instance.add(text_message("again"), id_message="O2", timestamp=NOW - 100)
    instance.add_incoming(text_message("last"), id_message="I2", timestamp=NOW - 50)
    instance.add(text_message("elsewhere"), chat_id="79007654321@c.us", timestamp=NOW)
    instance.add(text_message("a day ago"), id_message="O0", timestamp=NOW - 90_000)
    async with client(fake, served) as api:
        newest = await api.journals.chat_history(CHAT, 3)
        every = await api.journals.chat_history(CHAT)
    assert [(m.id_message, m.type) for m in newest] == [
        ("I2", "incoming"),
        ("O2", "outgoing"),
        ("I1", "incoming"),
    ]
    # The history is not a window of time: a day-old message is in it.
    assert [m.id_message for m in every] == ["I2", "O2", "I1", "O1", "O0"]
    outgoing = every[3]
    # As the live service sends a history: outgoing entries carry an empty status.
    assert (outgoing.status_message, outgoing.send_by_api, outgoing.sender_id) == ("", True, None)
    assert (every[0].sender_id, every[0].status_message) == (CHAT, None)
    assert [(r.method, r.api_method, r.json, r.query) for r in fake.requests] == [
        ("POST", "getChatHistory", {"chatId": CHAT, "count": 3}, {}),
        ("POST", "getChatHistory", {"chatId": CHAT}, {}),  # the service's default of 100
    ]


async def test_a_chat_without_messages_has_an_empty_history(
    fake: FakeGreenAPI, served: str
) -> None:
    fake.instance.add(text_message("not here"))
    async with client(fake, served) as api:
        assert await api.journals.chat_history("120363043968066561@g.us") == []


@pytest.mark.parametrize(
    "chat_id", ["79001234567@c.us", "79001234567-1581234048@g.us", "12345678901234@lid"]
)
async def test_every_documented_chat_id_form_is_accepted(
    fake: FakeGreenAPI, served: str, chat_id: str
) -> None:
    fake.instance.add_incoming(text_message("hello"), chat_id=chat_id, id_message="M1")
    async with client(fake, served) as api:
        (message,) = await api.journals.chat_history(chat_id)
        same = await api.journals.get_message(chat_id, "M1")
    assert message.chat_id == same.chat_id == chat_id


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("79001234567", "a phone number alone is not a chat id"),
        ("+79001234567", "a phone number alone is not a chat id; a chat id has digits only"),
        ("+7 900 123-45-67@c.us", "a chat id has digits only before the '@', no '+', spaces"),
        ("79001234567@C.US", "its suffix is lower case"),
        (" 79001234567@c.us\n", "it has white space or a line break around it"),
    ],
)
async def test_a_chat_id_one_step_from_a_valid_one_is_refused_with_the_one_meant(
    fake: FakeGreenAPI, written: str, why: str
) -> None:
    async with fake.connect() as api:
        with pytest.raises(ga.InvalidArgumentError) as refused:
            await api.journals.chat_history(written)
    assert f"({why}" in str(refused.value)
    assert str(refused.value).endswith("did you mean '79001234567@c.us'?)")
    assert not fake.requests


async def test_an_older_group_id_keeps_its_dash_in_the_one_meant(fake: FakeGreenAPI) -> None:
    async with fake.connect() as api:
        with pytest.raises(ga.InvalidArgumentError, match=r"did you mean '7900-1581234048@g\.us'"):
            await api.journals.chat_history("7900-1581234048@G.us")


# A single message.


async def test_one_message_of_either_direction_comes_by_its_id(
    fake: FakeGreenAPI, served: str
) -> None:
    fake.instance.add(image_message("the plan"), id_message="OUT", status="delivered")
    fake.instance.add_incoming(text_message("thanks"), id_message="IN", sender_name="Anna")
    async with client(fake, served) as api:
        sent = await api.journals.get_message(CHAT, "OUT")
        received = await api.journals.get_message(CHAT, "IN")
    assert isinstance(sent, ga.ImageMessage)
    assert (sent.type, sent.text, sent.status_message) == ("outgoing", "the plan", "")
    assert isinstance(received, ga.TextMessage)
    assert (received.type, received.text, received.sender_name) == ("incoming", "thanks", "Anna")
    assert fake.requests[0].json == {"chatId": CHAT, "idMessage": "OUT"}


@pytest.mark.parametrize(
    ("chat_id", "id_message"),
    [(CHAT, "NO-SUCH-ID"), ("79007654321@c.us", "M1")],
    ids=["unknown-id", "id-of-another-chat"],
)
async def test_a_message_that_is_not_there_is_a_typed_error_raised_at_once(
    fake: FakeGreenAPI, served: str, chat_id: str, id_message: str
) -> None:
    fake.instance.add(text_message("here"), id_message="M1")
    async with client(fake, served, max_retries=3) as api:
        with pytest.raises(ga.MessageNotFoundError) as caught:
            await api.journals.get_message(chat_id, id_message)
    error = caught.value
    assert isinstance(error, ga.BadRequestError)
    assert (error.status_code, error.method, error.attempts) == (400, "getMessage", 1)
    assert "notfound" in error.body
    assert len(fake.requests) == 1  # "not there" does not change on a retry


@pytest.mark.parametrize(
    ("description", "ask"),
    [
        ("instance account not authorized", lambda api: api.journals.get_message(CHAT, "M1")),
        # getMessage's not-found is of its id or chat, not of anything else
        ("instance not found", lambda api: api.journals.get_message(CHAT, "M1")),
        # and a list method's not-found is no missing message
        ("chatId not found", lambda api: api.journals.chat_history(CHAT)),
    ],
    ids=["getMessage, another 400", "getMessage, not found of something else", "history"],
)
async def test_a_400_that_is_no_missing_message_stays_a_plain_bad_request(
    fake: FakeGreenAPI,
    served: str,
    description: str,
    ask: Callable[[ga.GreenAPI], Awaitable[object]],
) -> None:
    fake.instance.add(text_message("here"), id_message="M1")
    fake.queue_fault(Fault(400, b'{"code":400,"description":"%s"}' % description.encode()))
    async with client(fake, served) as api:
        with pytest.raises(ga.BadRequestError) as caught:
            await ask(api)
    assert type(caught.value) is ga.BadRequestError


# Answers that are not the shape asked for.


@pytest.mark.parametrize("journal", LISTS, ids=journal_ids)
@pytest.mark.parametrize("body", [b"", b" \r\n", b"{}", b"\xef\xbb\xbf"], ids=repr)
async def test_an_empty_answer_where_a_list_is_expected_is_an_empty_journal(
    fake: FakeGreenAPI, served: str, journal: Journal, body: bytes
) -> None:
    fake.queue_fault(Fault.malformed(body))
    async with client(fake, served) as api:
        assert await journal.call(api) == []


@pytest.mark.parametrize("journal", LISTS, ids=journal_ids)
@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b'{"description": "nothing"}', "$: expected array, got object"),
        (b"null", "$: expected array, got null"),
        (b'"[]"', "$: expected array, got str"),
    ],
)
async def test_any_other_answer_where_a_list_is_expected_is_refused(
    fake: FakeGreenAPI, served: str, journal: Journal, body: bytes, problem: str
) -> None:
    fake.queue_fault(Fault.malformed(body))
    async with client(fake, served) as api:
        with pytest.raises(ga.ResponseValidationError) as caught:
            await journal.call(api)
    assert str(caught.value) == f"malformed {journal.name} response: {problem}"


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"", "$: expected a message, got an empty answer"),
        (b"{}", "$: expected a message, got an empty answer"),
        (b"[]", "$: expected object, got array"),
        (b'[{"typeMessage": "textMessage"}]', "$: expected object, got array"),
        (
            b'{"typeMessage": "textMessage", "idMessage": "M1", "chatId": "79001234567@c.us",'
            b' "textMessage": "hi", "timestamp": "soon"}',
            "$.timestamp: expected int, got str",
        ),
        (
            b'{"typeMessage": "textMessage", "idMessage": "M1", "chatId": "79001234567@c.us",'
            b' "textMessage": "hi", "timestamp": 1e400}',
            "$.timestamp: the number 1e400 is out of range",
        ),
    ],
)
async def test_an_answer_to_get_message_that_is_not_one_message_is_refused(
    fake: FakeGreenAPI, served: str, body: bytes, problem: str
) -> None:
    fake.queue_fault(Fault.malformed(body))
    async with client(fake, served) as api:
        with pytest.raises(ga.ResponseValidationError) as caught:
            await api.journals.get_message(CHAT, "M1")
    assert str(caught.value).startswith(f"malformed getMessage response: {problem}")


# Shapes recorded from the live service, through each method (tests/data/recorded).


async def test_recorded_incoming_entries_decode_with_their_senders(
    fake: FakeGreenAPI, served: str
) -> None:
    fake.queue_fault(Fault.malformed(data_bytes("recorded/incoming_with_senders.json")))
    async with client(fake, served) as api:
        text, link, image, location, contact = await api.journals.last_incoming_messages()
    assert [type(m) for m in (text, link, image, location, contact)] == [
        ga.TextMessage,
        ga.ExtendedTextMessage,
        ga.ImageMessage,
        ga.LocationMessage,
        ga.ContactMessage,
    ]
    assert all(m.type == "incoming" and m.status_message is None for m in (text, link, image))
    assert (text.sender_id, text.sender_name, text.sender_contact_name) == (
        "11001234567@c.us",
        "Nikolay",
        None,
    )
    assert (link.sender_id, link.sender_contact_name, link.text) == (
        "70000000012@c.us",
        "Rachel 2",
        "https://green-api.com",
    )
    assert (image.chat_id, image.sender_id, image.text) == (
        "12345678901234@lid",
        "12345678901234@lid",
        "File description",
    )
    assert [m.forwarded for m in (text, link, image, location, contact)] == [
        False,
        True,
        False,
        True,
        False,
    ]
    assert (location.sender_name, contact.sender_contact_name) == ("Pavel", "Pavel (work)")


async def test_a_recorded_history_mixes_directions_with_empty_statuses(
    fake: FakeGreenAPI, served: str
) -> None:
    fake.queue_fault(Fault.malformed(data_bytes("recorded/history_live_empty_statuses.json")))
    async with client(fake, served) as api:
        sent, reaction, contact = await api.journals.chat_history("120363410406221140@g.us")
    assert isinstance(sent, ga.ExtendedTextMessage)
    assert isinstance(reaction, ga.ReactionMessage)
    assert isinstance(contact, ga.ContactMessage)
    assert [(m.type, m.status_message) for m in (sent, reaction, contact)] == [
        ("outgoing", ""),
        ("incoming", None),
        ("outgoing", ""),
    ]
    assert (sent.text, sent.forwarded, sent.send_by_api) == ("New message", True, True)
    assert (reaction.text, reaction.sender_id) == ("👍", "79001234568@c.us")
    assert reaction.quoted_message is not None
    assert reaction.quoted_message.stanza_id == contact.id_message


async def test_a_recorded_single_message_says_it_was_deleted(
    fake: FakeGreenAPI, served: str
) -> None:
    fake.queue_fault(Fault.malformed(data_bytes("recorded/get_message_deleted.json")))
    async with client(fake, served) as api:
        message = await api.journals.get_message("120363410406221140@g.us", "BAE5DCC8C1092AA9")
    assert isinstance(message, ga.ExtendedTextMessage)
    assert (message.is_deleted, message.deleted_message_id) == (True, "BAE588DA94C72DC2")
    assert (message.text, message.status_message, message.is_edited) == ("New message", "", False)
