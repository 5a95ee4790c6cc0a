"""What sending gives back: a message the service took, and one waiting in its send queue."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs

from ._attrs_methods import AttrsMethods

__all__ = ["ConfirmedBy", "QueuedMessage", "SentMessage"]

ConfirmedBy = Literal["answer", "queue", "journal"]


@attrs.frozen(eq=False, repr=False)
class SentMessage(AttrsMethods):
    """A message the service took from this client, and how the client knows it did.

    Attributes:
        id_message: the message's id, as the journals and ``get_message`` give it.
        chat_id: the chat it was sent to.
        method: the send method, e.g. ``"sendMessage"``.
        attempted_at: the unix time the first send request started.
        confirmed_by: ``"answer"``: the service answered with the id; ``"queue"`` or
            ``"journal"``: the answer was lost, and the message was found there.
        attempts: how many send requests were made (more than 1 only where an unknown
            outcome was looked for, not found, and the message sent again).

    """

    id_message: str
    chat_id: str
    method: str
    attempted_at: float
    confirmed_by: ConfirmedBy
    attempts: int = 1


@attrs.frozen(eq=False, repr=False)
class QueuedMessage(AttrsMethods):
    """A message waiting in the instance's send queue (``showMessagesQueue``).

    The body's fields are typed; a field the send did not give is None. ``body`` keeps
    the body exactly as the service listed it, fields this version does not know included.

    Attributes:
        id_message: the id the message will have once sent.
        method: the send method that queued it, e.g. ``"sendMessage"`` (the wire's ``type``).
        chat_id: the chat it goes to.
        message: the text of a ``sendMessage``, or the question of a ``sendPoll``.
        url_file: the file's URL of a ``sendFileByUrl``.
        file_name: the file's name of a ``sendFileByUrl``.
        caption: the caption of a ``sendFileByUrl``.
        latitude: the latitude of a ``sendLocation``.
        longitude: the longitude of a ``sendLocation``.
        name_location: the place's name of a ``sendLocation``.
        address: the address of a ``sendLocation``.
        contact: the contact object of a ``sendContact`` (``phoneContact``, ``firstName``...).
        options: the option names of a ``sendPoll``.
        multiple_answers: whether a ``sendPoll`` allows several answers.
        quoted_message_id: the message it replies to.
        link_preview: whether a ``sendMessage`` shows a link's preview.
        body: the body as the service listed it.

    """

    id_message: str
    method: str
    chat_id: str | None = None
    message: str | None = None
    url_file: str | None = None
    file_name: str | None = None
    caption: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    name_location: str | None = None
    address: str | None = None
    contact: Mapping[str, Any] | None = None
    options: tuple[str, ...] | None = None
    multiple_answers: bool | None = None
    quoted_message_id: str | None = None
    link_preview: bool | None = None
    body: Mapping[str, Any] = attrs.field(factory=dict, repr=False, hash=False)
