"""One call of the client for each method of the table: its verb, and how to make it.

Tests that must cover every method take them from here; ``test_every_method_of_the_
client_is_checked`` fails when the table gains a method this does not call.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import greenapi_async as ga

__all__ = ["CALLS"]

CALLS: dict[str, tuple[str, Callable[[ga.GreenAPI], Awaitable[object]]]] = {
    "lastOutgoingMessages": ("GET", lambda api: api.journals.last_outgoing_messages()),
    "lastIncomingMessages": ("GET", lambda api: api.journals.last_incoming_messages()),
    "getChatHistory": ("POST", lambda api: api.journals.chat_history("79001234567@c.us")),
    "getMessage": ("POST", lambda api: api.journals.get_message("79001234567@c.us", "BAE5")),
    # confirm_within=0: a lost answer ends the call, rather than a search of the queue.
    "sendMessage": (
        "POST",
        lambda api: api.sending.send_text("79001234567@c.us", "Hi", confirm_within=0),
    ),
    "sendFileByUrl": (
        "POST",
        lambda api: api.sending.send_file_by_url(
            "79001234567@c.us", "https://example.com/a.pdf", "a.pdf", confirm_within=0
        ),
    ),
    "sendLocation": (
        "POST",
        lambda api: api.sending.send_location("79001234567@c.us", 1.5, 2.5, confirm_within=0),
    ),
    "sendContact": (
        "POST",
        lambda api: api.sending.send_contact("79001234567@c.us", 79007654321, confirm_within=0),
    ),
    "sendPoll": (
        "POST",
        lambda api: api.sending.send_poll("79001234567@c.us", "Q", ["a", "b"], confirm_within=0),
    ),
    "showMessagesQueue": ("GET", lambda api: api.sending.queue()),
}
