"""The messages of Green API's journals, as frozen attrs classes.

One set of classes serves every journal method and both directions. Each known
``typeMessage`` has its own class; the fields every entry has (who, when, which way) come
from a common base, and the fields of one direction are there too, ``None`` on entries of
the other: ``status_message`` and ``send_by_api`` on outgoing entries, ``sender_id``,
``sender_name`` and ``sender_contact_name`` on incoming ones. ``type`` says which.

Field names are the snake_case of the wire keys (``idMessage`` -> ``id_message``). Every
message keeps the wire object it was decoded from (the dict the JSON parser made, not a
copy), shown read-only by ``raw``, so a field this version does not model is never lost.
A ``typeMessage`` this version does not know becomes an ``UnknownMessage``, so a new
kind the service starts sending never breaks a call.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Any, ClassVar, Literal, TypeAlias

import attrs

__all__ = [
    "AudioMessage",
    "Contact",
    "ContactMessage",
    "ContactsArrayMessage",
    "DeletedMessage",
    "DeletedMessageData",
    "DocumentMessage",
    "EditedMessage",
    "EditedMessageData",
    "ExtendedText",
    "ExtendedTextMessage",
    "GroupInvite",
    "GroupInviteMessage",
    "ImageMessage",
    "Location",
    "LocationMessage",
    "Message",
    "MessageStatus",
    "OutgoingMessage",
    "PollData",
    "PollMessage",
    "PollOption",
    "PollUpdate",
    "PollUpdateMessage",
    "PollVote",
    "QuotedMessage",
    "ReactionMessage",
    "ReplyMessage",
    "StickerMessage",
    "TextMessage",
    "UnknownMessage",
    "VideoMessage",
]


class MessageStatus(str, enum.Enum):
    """The delivery statuses the service documents for an outgoing message.

    A status the service adds later is not an error: the message keeps it as the plain
    ``str`` it came as, so ``status_message`` is typed ``MessageStatus | str | None``.
    Members compare equal to their wire strings (``MessageStatus.READ == "read"``).
    """

    PENDING = "pending"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    NO_ACCOUNT = "noAccount"
    NOT_IN_GROUP = "notInGroup"
    YELLOW_CARD = "yellowCard"
    FAILED = "failed"

    # str() of a str-mixin enum is "MessageStatus.READ" before 3.11; the wire value reads
    # better in logs and f-strings on every version.
    __str__ = str.__str__


def _timestamp_utc(timestamp: int) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc)


# A slotted class has no ``__dict__`` for pickle to read on Python 3.10, and pickle's
# default for slots sets them with setattr, which a frozen class refuses. These two carry
# the fields and set them back as attrs does.
def _getstate(self: Any) -> dict[str, Any]:
    return {field.name: getattr(self, field.name) for field in attrs.fields(type(self))}


def _setstate(self: Any, state: Mapping[str, Any]) -> None:
    # Field by field: a key another version wrote and this one lacks is ignored.
    for field in attrs.fields(type(self)):
        if field.name in state:
            object.__setattr__(self, field.name, state[field.name])  # frozen: as attrs does


# Every class here is frozen, slotted and keyword-only, and pickles through the pair
# above: ``getstate_setstate=False``, or attrs would generate its own for each subclass.


def _tag(type_message: str) -> Any:
    # An argument, so that unstructuring a message (cattrs, the command line's --json)
    # gives the tag back; it can only ever be the class's own.
    return attrs.field(default=type_message, validator=attrs.validators.in_((type_message,)))


def _raw_field() -> Any:
    # The wire object, passed as ``raw=``: not compared, hashed or shown, so that a
    # message built by hand in a test equals the one decoded from the same fields. Kept
    # as the dict the JSON parser made; ``raw`` shows it read-only.
    return attrs.field(alias="raw", factory=dict, eq=False, repr=False)


def _read_only(wire: Mapping[str, Any]) -> Mapping[str, Any]:
    # A view made when asked for, not at decoding: most programs never look.
    return MappingProxyType(wire)


# Nested objects. Each public class derives directly from a private base, so that the
# decoder can fill its objects without a subclass of it (see _fastpath).


@attrs.frozen(kw_only=True, getstate_setstate=False)
class _Part:
    """The private base of the nested objects; it adds nothing but pickling."""

    __getstate__ = _getstate
    __setstate__ = _setstate


@attrs.frozen(kw_only=True, getstate_setstate=False)
class QuotedMessage(_Part):
    """The message a reply quotes: its id, author and kind, plus every wire field in ``raw``.

    The quoted content has the fields of its own kind (``textMessage``, ``contact``,
    ``downloadUrl``, ...), kept as they came in ``raw``.
    """

    stanza_id: str | None = None
    participant: str | None = None
    type_message: str | None = None
    _raw: Mapping[str, Any] = _raw_field()

    @property
    def raw(self) -> Mapping[str, Any]:
        """The quoted message's wire object as it came, read-only."""
        return _read_only(self._raw)

    @property
    def text(self) -> str | None:
        """The quoted message's text or caption, wherever its kind keeps it."""
        return _text_in(self.raw)


@attrs.frozen(kw_only=True, getstate_setstate=False)
class Location(_Part):
    """A geographic point with an optional name, address and map preview."""

    name_location: str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    jpeg_thumbnail: str | None = attrs.field(default=None, repr=False)
    is_forwarded: bool | None = None
    forwarding_score: int | None = None


@attrs.frozen(kw_only=True, getstate_setstate=False)
class Contact(_Part):
    """A shared contact card."""

    display_name: str | None = None
    vcard: str | None = None
    is_forwarded: bool | None = None
    forwarding_score: int | None = None


@attrs.frozen(kw_only=True, getstate_setstate=False)
class ExtendedText(_Part):
    """A text with a link preview; in a legacy reply, the id and author of what it quotes."""

    text: str | None = None
    description: str | None = None
    title: str | None = None
    preview_type: str | None = None
    jpeg_thumbnail: str | None = attrs.field(default=None, repr=False)
    stanza_id: str | None = None
    participant: str | None = None
    is_forwarded: bool | None = None
    forwarding_score: int | None = None


@attrs.frozen(kw_only=True, getstate_setstate=False)
class PollOption(_Part):
    """One answer a poll offers."""

    option_name: str


@attrs.frozen(kw_only=True, getstate_setstate=False)
class PollData(_Part):
    """A poll's question, answers and how many answers may be chosen.

    The current format says ``multiple_answers``; the 2023 format said
    ``selectable_options_count`` (1: one answer; 0: any number).
    """

    name: str | None = None
    options: tuple[PollOption, ...] = ()
    multiple_answers: bool | None = None
    selectable_options_count: int | None = None

    @property
    def allows_several_answers(self) -> bool | None:
        """Whether a voter may choose more than one answer, in either format."""
        if self.multiple_answers is not None:
            return self.multiple_answers
        if self.selectable_options_count is None:
            return None
        return self.selectable_options_count != 1


@attrs.frozen(kw_only=True, getstate_setstate=False)
class PollVote(_Part):
    """An answer of a poll and who chose it."""

    option_name: str
    option_voters: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, getstate_setstate=False)
class PollUpdate(_Part):
    """The state of a poll's votes after one was cast or withdrawn."""

    stanza_id: str | None = None  # the poll's own idMessage
    name: str | None = None
    votes: tuple[PollVote, ...] = ()
    multiple_answers: bool | None = None


@attrs.frozen(kw_only=True, getstate_setstate=False)
class EditedMessageData(_Part):
    """What an edit changed: the message's new text and the id of the message edited."""

    text_message: str | None = None
    stanza_id: str | None = None


@attrs.frozen(kw_only=True, getstate_setstate=False)
class DeletedMessageData(_Part):
    """Which message a deletion removed."""

    stanza_id: str | None = None


@attrs.frozen(kw_only=True, getstate_setstate=False)
class GroupInvite(_Part):
    """An invitation to join a group."""

    group_jid: str | None = None
    invite_code: str | None = None
    invite_expiration: str | int | None = None
    group_name: str | None = None
    caption: str | None = None
    name: str | None = None
    jpeg_thumbnail: str | None = attrs.field(default=None, repr=False)


# Messages. Every public class derives directly from a private base, never from another
# public class: ``match`` and ``isinstance`` on one kind never catch another.


@attrs.frozen(kw_only=True, getstate_setstate=False)
class _Entry:
    """Fields every journal entry has, whatever its kind and direction."""

    id_message: str
    timestamp: int
    chat_id: str
    type: str | None = None  # "outgoing" or "incoming"
    # Outgoing entries only.
    status_message: MessageStatus | str | None = None
    send_by_api: bool | None = None
    # Incoming entries only.
    sender_id: str | None = None
    sender_name: str | None = None
    sender_contact_name: str | None = None
    # Either direction.
    is_forwarded: bool | None = None
    forwarding_score: int | None = None
    is_edited: bool | None = None
    is_deleted: bool | None = None
    edited_message_id: str | None = None
    deleted_message_id: str | None = None
    quoted_message: QuotedMessage | None = None
    _raw: Mapping[str, Any] = _raw_field()

    __getstate__ = _getstate
    __setstate__ = _setstate
    # The nested objects (fields of the kind) that may say the message was forwarded.
    _NESTED_FORWARDING: ClassVar[tuple[str, ...]] = ()

    @property
    def raw(self) -> Mapping[str, Any]:
        """The wire object this message was decoded from, exactly as it came, read-only.

        Every key is there, those this version does not model included.
        """
        return _read_only(self._raw)

    @property
    def timestamp_utc(self) -> datetime:
        """``timestamp`` (the time of the last action on the message) as an aware UTC datetime."""
        return _timestamp_utc(self.timestamp)

    @property
    def text(self) -> str | None:
        """The message's text, whatever its kind: a text, a caption, a poll's question...

        ``None`` for a kind without text (a location, a contact) and for a media message
        without a caption.
        """
        return None

    @property
    def forwarded(self) -> bool:
        """Whether the message was forwarded, wherever the service said so.

        Media entries say it at the top level (``is_forwarded``); extended text, contact
        and location entries inside their nested object.
        """
        nested = (getattr(self, name) for name in self._NESTED_FORWARDING)
        return _is_forwarded(self.is_forwarded, self.forwarding_score) or any(
            _is_forwarded(holder.is_forwarded, holder.forwarding_score)
            for holder in nested
            if holder is not None
        )


def _text_or_preview(text_message: str | None, preview: ExtendedText | None) -> str | None:
    # The text at the top level, or the one inside the preview object.
    return text_message or (preview.text if preview is not None else None)


def _is_forwarded(flag: bool | None, score: int | None) -> bool:
    return bool(flag) or (score is not None and score > 0)


def _text_in(wire: Mapping[str, Any]) -> str | None:
    """The text of a wire object of any kind (a quoted message, an unknown kind)."""
    for value in (
        wire.get("textMessage"),
        wire.get("caption"),
        _inside(wire, "extendedTextMessage", "text"),
        _inside(wire, "pollMessageData", "name"),
    ):
        if isinstance(value, str) and value:
            return value
    return None


def _inside(wire: Mapping[str, Any], key: str, inner: str) -> object:
    holder = wire.get(key)
    return holder.get(inner) if isinstance(holder, Mapping) else None


@attrs.frozen(kw_only=True, getstate_setstate=False)
class TextMessage(_Entry):
    """A plain text message (``textMessage``)."""

    type_message: Literal["textMessage"] = _tag("textMessage")
    text_message: str | None = None

    @property
    def text(self) -> str | None:
        return self.text_message


@attrs.frozen(kw_only=True, getstate_setstate=False)
class ExtendedTextMessage(_Entry):
    """A text with a link preview (``extendedTextMessage``).

    Text sent through the API is journalled as this kind, with the text both in
    ``text_message`` and in ``extended_text_message.text``.
    """

    type_message: Literal["extendedTextMessage"] = _tag("extendedTextMessage")
    text_message: str | None = None
    extended_text_message: ExtendedText | None = None

    @property
    def text(self) -> str | None:
        return _text_or_preview(self.text_message, self.extended_text_message)

    _NESTED_FORWARDING = ("extended_text_message",)


@attrs.frozen(kw_only=True, getstate_setstate=False)
class _Media(_Entry):
    """Fields of a message that carries a file."""

    download_url: str | None = None
    caption: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    jpeg_thumbnail: str | None = attrs.field(default=None, repr=False)
    is_animated: bool | None = None
    video_note: bool | None = None

    @property
    def text(self) -> str | None:
        return self.caption


@attrs.frozen(kw_only=True, getstate_setstate=False)
class ImageMessage(_Media):
    """An image (``imageMessage``)."""

    type_message: Literal["imageMessage"] = _tag("imageMessage")


@attrs.frozen(kw_only=True, getstate_setstate=False)
class VideoMessage(_Media):
    """A video (``videoMessage``); a round video note has ``video_note`` true."""

    type_message: Literal["videoMessage"] = _tag("videoMessage")


@attrs.frozen(kw_only=True, getstate_setstate=False)
class DocumentMessage(_Media):
    """A document file (``documentMessage``)."""

    type_message: Literal["documentMessage"] = _tag("documentMessage")


@attrs.frozen(kw_only=True, getstate_setstate=False)
class AudioMessage(_Media):
    """An audio file or voice note (``audioMessage``)."""

    type_message: Literal["audioMessage"] = _tag("audioMessage")


@attrs.frozen(kw_only=True, getstate_setstate=False)
class StickerMessage(_Media):
    """A sticker (``stickerMessage``); ``is_animated`` says whether it moves."""

    type_message: Literal["stickerMessage"] = _tag("stickerMessage")


@attrs.frozen(kw_only=True, getstate_setstate=False)
class LocationMessage(_Entry):
    """A location (``locationMessage``)."""

    type_message: Literal["locationMessage"] = _tag("locationMessage")
    location: Location | None = None

    _NESTED_FORWARDING = ("location",)


@attrs.frozen(kw_only=True, getstate_setstate=False)
class ContactMessage(_Entry):
    """A contact card (``contactMessage``)."""

    type_message: Literal["contactMessage"] = _tag("contactMessage")
    contact: Contact | None = None

    _NESTED_FORWARDING = ("contact",)


@attrs.frozen(kw_only=True, getstate_setstate=False)
class ContactsArrayMessage(_Entry):
    """Several contact cards in one message (``contactsArrayMessage``).

    The service has documented the list in more than one place; ``contacts`` holds it
    from wherever it came.
    """

    type_message: Literal["contactsArrayMessage"] = _tag("contactsArrayMessage")
    contacts: tuple[Contact, ...] = ()


@attrs.frozen(kw_only=True, getstate_setstate=False)
class PollMessage(_Entry):
    """A poll (``pollMessage``), in the current format or the 2023 one.

    ``poll`` is whichever of ``poll_message_data`` (current) and ``poll_creation_message``
    (2023, with ``selectable_options_count``) the entry had.
    """

    type_message: Literal["pollMessage"] = _tag("pollMessage")
    poll_message_data: PollData | None = None
    poll_creation_message: PollData | None = None

    @property
    def poll(self) -> PollData | None:
        """The poll, in whichever format the entry gave it."""
        return self.poll_message_data or self.poll_creation_message

    @property
    def text(self) -> str | None:
        poll = self.poll
        return poll.name if poll is not None else None


@attrs.frozen(kw_only=True, getstate_setstate=False)
class PollUpdateMessage(_Entry):
    """Votes cast or withdrawn on a poll (``pollUpdateMessage``)."""

    type_message: Literal["pollUpdateMessage"] = _tag("pollUpdateMessage")
    poll_message_data: PollUpdate | None = None

    @property
    def text(self) -> str | None:
        update = self.poll_message_data
        return update.name if update is not None else None


@attrs.frozen(kw_only=True, getstate_setstate=False)
class ReplyMessage(_Entry):
    """A reply in the legacy format (``quotedMessage`` as the kind).

    The reply's text is in ``text_message``; the quoted message's id and author are in
    ``extended_text_message`` (``stanza_id``, ``participant``), or in ``quoted_message``
    when the entry has one. Replies in the current format are entries of the reply's own
    kind with a ``quoted_message``.
    """

    type_message: Literal["quotedMessage"] = _tag("quotedMessage")
    text_message: str | None = None
    extended_text_message: ExtendedText | None = None

    @property
    def text(self) -> str | None:
        return _text_or_preview(self.text_message, self.extended_text_message)

    _NESTED_FORWARDING = ("extended_text_message",)


@attrs.frozen(kw_only=True, getstate_setstate=False)
class EditedMessage(_Entry):
    """An edit of an earlier message (``editedMessage``): its new text and its id."""

    type_message: Literal["editedMessage"] = _tag("editedMessage")
    edited_message_data: EditedMessageData | None = None

    @property
    def text(self) -> str | None:
        data = self.edited_message_data
        return data.text_message if data is not None else None


@attrs.frozen(kw_only=True, getstate_setstate=False)
class DeletedMessage(_Entry):
    """The deletion of an earlier message (``deletedMessage``); the id is in its data."""

    type_message: Literal["deletedMessage"] = _tag("deletedMessage")
    deleted_message_data: DeletedMessageData | None = None


@attrs.frozen(kw_only=True, getstate_setstate=False)
class ReactionMessage(_Entry):
    """A reaction (``reactionMessage``): an emoji on another message.

    ``text`` is the emoji (empty when a reaction was taken back), wherever the entry put
    it; the message reacted to is ``quoted_message.stanza_id``.
    """

    type_message: Literal["reactionMessage"] = _tag("reactionMessage")
    text_message: str | None = None
    extended_text_message: ExtendedText | None = None
    extended_text_message_data: ExtendedText | None = None

    @property
    def text(self) -> str | None:
        for nested in (self.extended_text_message_data, self.extended_text_message):
            if nested is not None and nested.text is not None:
                return nested.text
        return self.text_message


@attrs.frozen(kw_only=True, getstate_setstate=False)
class GroupInviteMessage(_Entry):
    """An invitation to a group (``groupInviteMessage``)."""

    type_message: Literal["groupInviteMessage"] = _tag("groupInviteMessage")
    group_invite_message_data: GroupInvite | None = None

    @property
    def text(self) -> str | None:
        invite = self.group_invite_message_data
        return invite.caption if invite is not None else None


@attrs.frozen(getstate_setstate=False)
class UnknownMessage:
    """A message whose ``typeMessage`` this version does not model, is empty, or is missing.

    ``raw`` holds the wire object exactly as it came, so nothing is lost. The common
    fields are read from it when they have the documented type, else they are ``None``.
    """

    type_message: str
    # All it has: compared (two unknown entries differ by it), though not hashed.
    _raw: Mapping[str, Any] = attrs.field(alias="raw", hash=False, repr=False)
    id_message: str | None = attrs.field(default=None, kw_only=True)
    timestamp: int | None = attrs.field(default=None, kw_only=True)
    chat_id: str | None = attrs.field(default=None, kw_only=True)
    type: str | None = attrs.field(default=None, kw_only=True)
    status_message: MessageStatus | str | None = attrs.field(default=None, kw_only=True)
    send_by_api: bool | None = attrs.field(default=None, kw_only=True)
    sender_id: str | None = attrs.field(default=None, kw_only=True)
    sender_name: str | None = attrs.field(default=None, kw_only=True)
    sender_contact_name: str | None = attrs.field(default=None, kw_only=True)

    __getstate__ = _getstate
    __setstate__ = _setstate

    @property
    def raw(self) -> Mapping[str, Any]:
        """The wire object exactly as it came, read-only."""
        return _read_only(self._raw)

    @property
    def timestamp_utc(self) -> datetime | None:
        """``timestamp`` as an aware UTC datetime, or ``None`` when the entry had none."""
        return None if self.timestamp is None else _timestamp_utc(self.timestamp)

    @property
    def text(self) -> str | None:
        """The entry's text, when it has one where the known kinds keep theirs.

        ``textMessage``, ``caption``, ``extendedTextMessage.text`` or
        ``pollMessageData.name``, the first that is a non-empty string.
        """
        return _text_in(self.raw)

    @property
    def forwarded(self) -> bool:
        """Whether the entry says, at its top level, that it was forwarded."""
        flag, score = self.raw.get("isForwarded"), self.raw.get("forwardingScore")
        return flag is True or (type(score) is int and score > 0)


Message: TypeAlias = (
    TextMessage
    | ExtendedTextMessage
    | ImageMessage
    | VideoMessage
    | DocumentMessage
    | AudioMessage
    | StickerMessage
    | LocationMessage
    | ContactMessage
    | ContactsArrayMessage
    | PollMessage
    | PollUpdateMessage
    | ReplyMessage
    | EditedMessage
    | DeletedMessage
    | ReactionMessage
    | GroupInviteMessage
    | UnknownMessage
)
"""Any journal entry, of either direction; ``match`` on the classes to tell kinds apart."""

OutgoingMessage: TypeAlias = Message
"""The name of ``Message`` before incoming messages shared its classes; kept as an alias."""
