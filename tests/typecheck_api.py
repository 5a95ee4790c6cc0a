"""Only type-checked (mypy --strict), never run: pins the public API's static types.

A change that breaks a user's typed code breaks this file first.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

import httpx
from typing_extensions import assert_type

import greenapi_async as ga


async def journal_types(http: httpx.AsyncClient) -> None:
    api = ga.GreenAPI(
        1101000001,
        "token",
        http_client=http,
        timeout=5,
        max_retries=0,
        retry_backoff=0.25,
        max_response_bytes=2**20,
    )
    assert_type(ga.GreenAPI.from_env(), ga.GreenAPI)
    async with api as opened:
        assert_type(opened, ga.GreenAPI)
        messages = await opened.journals.last_outgoing_messages(minutes=60)
        assert_type(messages, list[ga.OutgoingMessage])
        partial = await opened.journals.last_outgoing_messages(skip_malformed=True)
        assert_type(partial, ga.PartialMessages)
        assert_type(partial.messages, list[ga.Message])
        assert_type(partial.problem, ga.ResponseValidationError | None)
        for left_out in partial.left_out:
            assert_type(left_out, ga.MalformedEntry)
            assert_type(left_out.errors, tuple[str, ...])
        for message in messages:
            assert_type(message.type_message, str)
            assert_type(message.text, str | None)
            assert_type(message.forwarded, bool)
            assert_type(message.raw, Mapping[str, Any])
            match message:
                case ga.TextMessage():
                    assert_type(message.text_message, str | None)
                    assert_type(message.status_message, ga.MessageStatus | str | None)
                    assert_type(message.timestamp_utc, datetime)
                case ga.ImageMessage():
                    assert_type(message.download_url, str | None)
                case ga.LocationMessage(location=ga.Location(latitude=latitude)):
                    assert_type(latitude, float | None)
                case ga.UnknownMessage():
                    assert_type(message.id_message, str | None)
                    assert_type(message.timestamp_utc, datetime | None)
                case _:
                    pass
    assert_type(ga.decode_outgoing_messages(b"[]"), list[ga.OutgoingMessage])
    assert_type(ga.decode_outgoing_messages(b"[]", skip_malformed=True), ga.PartialMessages)
    await api.aclose()


async def watcher_types(api: ga.GreenAPI) -> None:
    async with api.journals.watch_outgoing(statuses={ga.MessageStatus.READ}) as outgoing:
        assert_type(outgoing, ga.OutgoingWatcher)
        assert_type(await outgoing.poll(), list[ga.StatusChange])
        async for change in outgoing:
            assert_type(change, ga.StatusChange)
        assert_type(outgoing.state, dict[str, Any])
    async with api.journals.watch_incoming(senders={"79001234567@c.us"}) as incoming:
        assert_type(incoming, ga.IncomingWatcher)
        assert_type(await incoming.poll(), list[ga.Message])
        async for message in incoming:
            assert_type(message, ga.Message)
        assert_type(incoming.state, dict[str, Any])


async def delivery_types(api: ga.GreenAPI, sent: ga.SentMessage) -> None:
    assert_type(await api.sending.wait_for_status(sent, "delivered"), ga.Message)
    statuses = {ga.MessageStatus.DELIVERED, "read"}
    assert_type(await api.sending.wait_for_status(sent, statuses, timeout=60), ga.Message)
    assert_type(api.sending.poll_interval, float)
    api.sending.poll_interval = 10
    try:
        await api.sending.wait_for_status(sent, ga.MessageStatus.READ, timeout=0)
    except ga.DeliveryFailedError as error:
        assert_type(error.entry, ga.Message)
        assert_type(error.status, str)
    except ga.DeliveryTimeoutError as error:
        assert_type(error.id_message, str)
        assert_type(error.last_status, str | None)


def error_types(error: ga.GreenAPIError) -> None:
    if isinstance(error, ga.RateLimitError):
        assert_type(error.retry_after, float | None)
        assert_type(error.status_code, int)
        assert_type(error.body, str)
    if isinstance(error, ga.APIConnectionError):
        assert_type(error.attempts, int)
    if isinstance(error, ga.ResponseValidationError):
        assert_type(error.errors, tuple[str, ...])
    if isinstance(error, ga.ResponseTooLargeError):
        assert_type(error.max_bytes, int)
        assert_type(error.status_code, int)


async def sending_types(http: httpx.AsyncClient) -> None:
    api = ga.GreenAPI(1101000001, "token", http_client=http, confirm_within=300)
    chat = "79001234567@c.us"
    assert_type(api.sending, ga.Sending)
    sent = await api.sending.send_text(chat, "Hi", quoted_message_id="M1", link_preview=False)
    assert_type(sent, ga.SentMessage)
    assert_type(sent.confirmed_by, Literal["answer", "queue", "journal"])
    assert_type(sent.attempted_at, float)
    assert_type(
        await api.sending.send_file_by_url(chat, "https://e.com/a.pdf", "a.pdf", caption="c"),
        ga.SentMessage,
    )
    assert_type(await api.sending.send_location(chat, 1, 2.5, name="n"), ga.SentMessage)
    assert_type(await api.sending.send_contact(chat, "79007654321"), ga.SentMessage)
    assert_type(
        await api.sending.send_poll(chat, "Q", ("a", "b"), confirm_within=0), ga.SentMessage
    )
    queued = await api.sending.queue()
    assert_type(queued, list[ga.QueuedMessage])
    assert_type(queued[0].options, tuple[str, ...] | None)
    try:
        await api.sending.send_text(chat, "Hi")
    except ga.SendNotConfirmedError as error:
        assert_type(error.attempted_at, tuple[float, ...])
        assert_type(error.last_error, ga.GreenAPIError)
        assert_type(error.attempts, int)
