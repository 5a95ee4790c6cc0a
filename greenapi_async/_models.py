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

These classes are also the schema the decoder works from: a field's wire key is the
camelCase of its name, and what else the decoder needs to know of a field (how often
entries carry its key, whether it counts seconds since the epoch) is declared with the
field, in its metadata (``_optional``, ``_UNIX_SECONDS``). Every list the decoder
reads fields by, the dispatch on ``typeMessage`` included, is computed from here.
Adding a field is its line here and its row in docs/messages.md, which
tests/test_schema_docs.py checks against these classes.
"""

# Deliberately no ``from __future__ import annotations``: the decoder reads each field's
# type at its first decode of a kind. Evaluated here, once, as the classes are made, an
# annotation costs less than resolving its string later, which ``typing.get_type_hints``
# compiles anew for every class that inherits it.

import enum
from collections.abc import Mapping
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Any, ClassVar, Final, Literal, TypeAlias, get_args

import attrs

from ._attrs_methods import AttrsMethods

__all__ = [
    "COMMON_FIELDS",
    "EDITS",
    "ENTRY_FIELDS",
    "FAILED_STATUSES",
    "INCOMING",
    "KIND_BY_TAG",
    "OUTGOING",
    "STATUS_ORDER",
    "USUAL_KEY_SETS",
    "USUAL_PART_KEY_SETS",
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
    "Presence",
    "QuotedMessage",
    "ReactionMessage",
    "ReplyMessage",
    "StickerMessage",
    "TextMessage",
    "UnknownMessage",
    "VideoMessage",
    "Wire",
    "wire_key",
    "wire_of",
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


STATUS_ORDER: Final[tuple[MessageStatus, ...]] = (
    MessageStatus.PENDING,
    MessageStatus.SENT,
    MessageStatus.DELIVERED,
    MessageStatus.READ,
)
"""The way a message goes; each status implies the ones before it, which it may skip."""

FAILED_STATUSES: Final[frozenset[MessageStatus]] = frozenset(
    {
        MessageStatus.NO_ACCOUNT,
        MessageStatus.NOT_IN_GROUP,
        MessageStatus.YELLOW_CARD,
        MessageStatus.FAILED,
    }
)
"""The statuses from which a message will not be delivered."""


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
# Likewise ``eq=False, repr=False``: equality, hashing and repr come from the private
# bases, read from each class's fields (see _attrs_methods).


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


# The schema: what the decoder needs to know of a field besides its name and its type.


class Presence(enum.Enum):
    """How many of a class's objects carry a field's key, most of them by default.

    The decoder looks for the keys most objects carry first, so that an object without
    the others skips them (see ``_fastpath``).
    """

    USUAL = "usual"  # most: looked for first
    SOMETIMES = "sometimes"  # some do, others not: looked for after the usual ones
    RARE = "rare"  # few: looked for last, each after a test that the key is there


# Sets of optional keys that the objects of one journal often carry all of and no other,
# besides their class's own: a direction's (``type`` is in both), the edit keys the live
# service puts on every entry, a newer file entry's preview, and the forwarding pair the
# live service puts on media entries and in extended text, contacts and locations. A
# field names the sets its key is in.
OUTGOING: Final = "outgoing"
INCOMING: Final = "incoming"
EDITS: Final = "edits"
FILE_PREVIEW: Final = "file preview"
FORWARDING: Final = "forwarding"
# The combinations entries come in: a direction's as documented, and as the live service
# sends them, with a file's preview and its forwarding pair. The decoder reads an object
# with exactly one of them (and its class's own keys) by plain subscripts; a combination
# names only sets its class has a field in, or the class has no such shape.
USUAL_KEY_SETS: Final = tuple(
    (direction, *others)
    for direction in (OUTGOING, INCOMING)
    for others in (
        (),
        (EDITS,),
        (FILE_PREVIEW,),
        (EDITS, FILE_PREVIEW),
        (EDITS, FILE_PREVIEW, FORWARDING),
    )
)
# Those of a nested object: its own keys alone, as documented, and with the forwarding pair.
USUAL_PART_KEY_SETS: Final = ((), (FORWARDING,))


@attrs.frozen(eq=False, repr=False)
class Wire(AttrsMethods):
    """What the decoder knows of one field, besides its name and type."""

    presence: Presence = Presence.USUAL
    key_sets: frozenset[str] = frozenset()  # the usual key sets (above) its key is in
    unix_seconds: bool = False  # an int of seconds since the epoch, within datetime's range


_WIRE: Final = "greenapi_async.wire"  # where a field's metadata keeps its Wire
_PLAIN: Final = Wire()
_UNIX_SECONDS: Final = {_WIRE: Wire(unix_seconds=True)}


def wire_of(field: "attrs.Attribute[Any]") -> Wire:
    """What the decoder knows of ``field``: the defaults for a field declared without."""
    wire: Wire = field.metadata.get(_WIRE, _PLAIN)
    return wire


def wire_key(name: str) -> str:
    """The wire key of the field ``name``: its camelCase (``id_message`` -> ``idMessage``)."""
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _optional(
    presence: Presence = Presence.USUAL, *, sets: tuple[str, ...] = (), shown: bool = True
) -> Any:
    """An optional field (None when its key is absent or null), with what the decoder knows."""
    return attrs.field(default=None, repr=shown, metadata={_WIRE: Wire(presence, frozenset(sets))})


def _in_signature_order(
    cls: type, fields: list["attrs.Attribute[Any]"]
) -> list["attrs.Attribute[Any]"]:
    """A message's fields in its signature's order: positional, then required, then the rest.

    attrs puts a base's fields before a subclass's. The fields every entry has are
    declared once, in a base that the known kinds and ``UnknownMessage`` share, and
    each narrows some; without this a known kind's id, time and chat, which it requires,
    would follow a dozen optional fields in its repr, ``attrs.fields()`` and the command
    line's JSON, and an unknown kind's tag would follow them all.
    """
    return sorted(fields, key=lambda field: (field.kw_only, field.default is not attrs.NOTHING))


# Nested objects. Each public class derives directly from a private base, so that the
# decoder can fill its objects without a subclass of it (see _fastpath).


@attrs.frozen(kw_only=True, getstate_setstate=False, eq=False, repr=False)
class _Part(AttrsMethods):
    """The private base of the nested objects: pickling, equality, hashing and repr.

    The last three are those attrs would otherwise generate for each class (see
    _attrs_methods).
    """

    __getstate__ = _getstate
    __setstate__ = _setstate


@attrs.frozen(kw_only=True, getstate_setstate=False, eq=False, repr=False)
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


@attrs.frozen(kw_only=True, getstate_setstate=False, eq=False, repr=False)
class Location(_Part):
    """A geographic point with an optional name, address and map preview."""

    name_location: str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    jpeg_thumbnail: str | None = attrs.field(default=None, repr=False)
    is_forwarded: bool | None = _optional(Presence.SOMETIMES, sets=(FORWARDING,))
    forwarding_score: int | None = _optional(Presence.SOMETIMES, sets=(FORWARDING,))


@attrs.frozen(kw_only=True, getstate_setstate=False, eq=False, repr=False)
class Contact(_Part):
    """A shared contact card."""

    display_name: str | None = None
    vcard: str | None = None
    is_forwarded: bool | None = _optional(Presence.SOMETIMES, sets=(FORWARDING,))
    forwarding_score: int | None = _optional(Presence.SOMETIMES, sets=(FORWARDING,))


@attrs.frozen(kw_only=True, getstate_setstate=False, eq=False, repr=False)
class ExtendedText(_Part):
    """A text with a link preview; in a legacy reply, the id and author of what it quotes."""

    text: str | None = None
    description: str | None = None
    title: str | None = None
    preview_type: str | None = None
    jpeg_thumbnail: str | None = attrs.field(default=None, repr=False)
    # Only in a reply of the legacy format.
    stanza_id: str | None = _optional(Presence.RARE)
    participant: str | None = _optional(Presence.RARE)
    is_forwarded: bool | None = _optional(Presence.SOMETIMES, sets=(FORWARDING,))
    forwarding_score: int | None = _optional(Presence.SOMETIMES, sets=(FORWARDING,))


@attrs.frozen(kw_only=True, getstate_setstate=False, eq=False, repr=False)
class PollOption(_Part):
    """One answer a poll offers."""

    option_name: str


@attrs.frozen(kw_only=True, getstate_setstate=False, eq=False, repr=False)
class PollData(_Part):
    """A poll's question, answers and how many answers may be chosen.

    The current format says ``multiple_answers``; the 2023 format said
    ``selectable_options_count`` (1: one answer; 0: any number).
    """

    name: str | None = None
    options: tuple[PollOption, ...] = ()
    multiple_answers: bool | None = None
    selectable_options_count: int | None = _optional(Presence.RARE)  # the 2023 format only

    @property
    def allows_several_answers(self) -> bool | None:
        """Whether a voter may choose more than one answer, in either format."""
        if self.multiple_answers is not None:
            return self.multiple_answers
        if self.selectable_options_count is None:
            return None
        return self.selectable_options_count != 1


@attrs.frozen(kw_only=True, getstate_setstate=False, eq=False, repr=False)
class PollVote(_Part):
    """An answer of a poll and who chose it."""

    option_name: str
    option_voters: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, getstate_setstate=False, eq=False, repr=False)
class PollUpdate(_Part):
    """The state of a poll's votes after one was cast or withdrawn."""

    stanza_id: str | None = None  # the poll's own idMessage
    name: str | None = None
    votes: tuple[PollVote, ...] = ()
    multiple_answers: bool | None = None


@attrs.frozen(kw_only=True, getstate_setstate=False, eq=False, repr=False)
class EditedMessageData(_Part):
    """What an edit changed: the message's new text and the id of the message edited."""

    text_message: str | None = None
    stanza_id: str | None = None


@attrs.frozen(kw_only=True, getstate_setstate=False, eq=False, repr=False)
class DeletedMessageData(_Part):
    """Which message a deletion removed."""

    stanza_id: str | None = None


@attrs.frozen(kw_only=True, getstate_setstate=False, eq=False, repr=False)
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


@attrs.frozen(kw_only=True, getstate_setstate=False, eq=False, repr=False)
class _Entry(AttrsMethods):
    """Fields every journal entry has, whatever its kind and direction.

    An entry of a kind this version does not model (``UnknownMessage``) has them too, all
    optional there; the known kinds require an id, a time and a chat (``_Known``). A field
    added here is a field of every message, ``UnknownMessage`` included.
    """

    id_message: str | None = None
    timestamp: int | None = attrs.field(default=None, metadata=_UNIX_SECONDS)
    chat_id: str | None = None
    type: str | None = _optional(sets=(OUTGOING, INCOMING))  # "outgoing" or "incoming"
    # Outgoing entries only.
    status_message: MessageStatus | str | None = _optional(sets=(OUTGOING,))  # noqa: RUF009 - an attrs field
    send_by_api: bool | None = _optional(sets=(OUTGOING,))
    # Incoming entries only.
    sender_id: str | None = _optional(Presence.SOMETIMES, sets=(INCOMING,))
    sender_name: str | None = _optional(Presence.SOMETIMES, sets=(INCOMING,))
    sender_contact_name: str | None = _optional(Presence.SOMETIMES, sets=(INCOMING,))
    # Either direction. Only media entries say at the top level that they were
    # forwarded, and only replies quote; every live entry has the edit keys, many older
    # ones have none.
    is_forwarded: bool | None = _optional(Presence.RARE, sets=(FORWARDING,))
    forwarding_score: int | None = _optional(Presence.RARE, sets=(FORWARDING,))
    is_edited: bool | None = _optional(Presence.SOMETIMES, sets=(EDITS,))
    is_deleted: bool | None = _optional(Presence.SOMETIMES, sets=(EDITS,))
    edited_message_id: str | None = _optional(Presence.SOMETIMES, sets=(EDITS,))
    deleted_message_id: str | None = _optional(Presence.SOMETIMES, sets=(EDITS,))
    quoted_message: QuotedMessage | None = _optional(Presence.RARE)  # noqa: RUF009 - an attrs field

    __getstate__ = _getstate
    __setstate__ = _setstate
    # The nested objects (fields of the kind) that may say the message was forwarded.
    _NESTED_FORWARDING: ClassVar[tuple[str, ...]] = ()

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


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class _Known(_Entry):
    """Fields every entry of a kind this version models has: it must have an id, a time, a chat.

    Every kind's class uses ``_in_signature_order``, so that these lead its fields.
    """

    id_message: str
    timestamp: int = attrs.field(metadata=_UNIX_SECONDS)
    chat_id: str
    _raw: Mapping[str, Any] = _raw_field()

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


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class TextMessage(_Known):
    """A plain text message (``textMessage``)."""

    type_message: Literal["textMessage"] = _tag("textMessage")
    text_message: str | None = None

    @property
    def text(self) -> str | None:
        return self.text_message


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class ExtendedTextMessage(_Known):
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


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class _Media(_Known):
    """Fields of a message that carries a file."""

    download_url: str | None = None
    caption: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    # Newer entries only, and a sticker's and a video's flags.
    jpeg_thumbnail: str | None = _optional(Presence.SOMETIMES, sets=(FILE_PREVIEW,), shown=False)
    is_animated: bool | None = _optional(Presence.SOMETIMES)
    video_note: bool | None = _optional(Presence.SOMETIMES)

    @property
    def text(self) -> str | None:
        return self.caption


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class ImageMessage(_Media):
    """An image (``imageMessage``)."""

    type_message: Literal["imageMessage"] = _tag("imageMessage")


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class VideoMessage(_Media):
    """A video (``videoMessage``); a round video note has ``video_note`` true."""

    type_message: Literal["videoMessage"] = _tag("videoMessage")


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class DocumentMessage(_Media):
    """A document file (``documentMessage``)."""

    type_message: Literal["documentMessage"] = _tag("documentMessage")


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class AudioMessage(_Media):
    """An audio file or voice note (``audioMessage``)."""

    type_message: Literal["audioMessage"] = _tag("audioMessage")


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class StickerMessage(_Media):
    """A sticker (``stickerMessage``); ``is_animated`` says whether it moves."""

    type_message: Literal["stickerMessage"] = _tag("stickerMessage")


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class LocationMessage(_Known):
    """A location (``locationMessage``)."""

    type_message: Literal["locationMessage"] = _tag("locationMessage")
    location: Location | None = None

    _NESTED_FORWARDING = ("location",)


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class ContactMessage(_Known):
    """A contact card (``contactMessage``)."""

    type_message: Literal["contactMessage"] = _tag("contactMessage")
    contact: Contact | None = None

    _NESTED_FORWARDING = ("contact",)


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class ContactsArrayMessage(_Known):
    """Several contact cards in one message (``contactsArrayMessage``).

    The service has documented the list in more than one place; ``contacts`` holds it
    from wherever it came.
    """

    type_message: Literal["contactsArrayMessage"] = _tag("contactsArrayMessage")
    contacts: tuple[Contact, ...] = ()


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class PollMessage(_Known):
    """A poll (``pollMessage``), in the current format or the 2023 one.

    ``poll`` is whichever of ``poll_message_data`` (current) and ``poll_creation_message``
    (2023, with ``selectable_options_count``) the entry had.
    """

    type_message: Literal["pollMessage"] = _tag("pollMessage")
    poll_message_data: PollData | None = None
    # The 2023 format only.
    poll_creation_message: PollData | None = _optional(Presence.RARE)  # noqa: RUF009 - an attrs field

    @property
    def poll(self) -> PollData | None:
        """The poll, in whichever format the entry gave it."""
        return self.poll_message_data or self.poll_creation_message

    @property
    def text(self) -> str | None:
        poll = self.poll
        return poll.name if poll is not None else None


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class PollUpdateMessage(_Known):
    """Votes cast or withdrawn on a poll (``pollUpdateMessage``)."""

    type_message: Literal["pollUpdateMessage"] = _tag("pollUpdateMessage")
    poll_message_data: PollUpdate | None = None

    @property
    def text(self) -> str | None:
        update = self.poll_message_data
        return update.name if update is not None else None


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class ReplyMessage(_Known):
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


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class EditedMessage(_Known):
    """An edit of an earlier message (``editedMessage``): its new text and its id."""

    type_message: Literal["editedMessage"] = _tag("editedMessage")
    edited_message_data: EditedMessageData | None = None

    @property
    def text(self) -> str | None:
        data = self.edited_message_data
        return data.text_message if data is not None else None


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class DeletedMessage(_Known):
    """The deletion of an earlier message (``deletedMessage``); the id is in its data."""

    type_message: Literal["deletedMessage"] = _tag("deletedMessage")
    deleted_message_data: DeletedMessageData | None = None


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class ReactionMessage(_Known):
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


@attrs.frozen(
    kw_only=True,
    getstate_setstate=False,
    eq=False,
    repr=False,
    field_transformer=_in_signature_order,
)
class GroupInviteMessage(_Known):
    """An invitation to a group (``groupInviteMessage``)."""

    type_message: Literal["groupInviteMessage"] = _tag("groupInviteMessage")
    group_invite_message_data: GroupInvite | None = None

    @property
    def text(self) -> str | None:
        invite = self.group_invite_message_data
        return invite.caption if invite is not None else None


@attrs.frozen(getstate_setstate=False, eq=False, repr=False, field_transformer=_in_signature_order)
class UnknownMessage(_Entry):
    """A message whose ``typeMessage`` this version does not model, is empty, or is missing.

    ``raw`` holds the wire object exactly as it came, so nothing is lost. The fields every
    message has are read from it when they have the documented type, else they are ``None``.
    """

    type_message: str
    # All it has: compared (two unknown entries differ by it), though not hashed.
    _raw: Mapping[str, Any] = attrs.field(alias="raw", hash=False, repr=False)

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
        return _is_forwarded(self.is_forwarded, self.forwarding_score)


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

# Computed from the classes above: the dispatch on ``typeMessage``, and the fields an
# entry of any kind has, which an entry of a kind this version does not model is read for.
KIND_BY_TAG: Final[Mapping[str, type[Message]]] = {
    attrs.fields(kind).type_message.default: kind
    for kind in get_args(Message)
    if kind is not UnknownMessage
}
ENTRY_FIELDS: Final = attrs.fields(_Entry)
"""The fields every message has, for code that names one: ``ENTRY_FIELDS.id_message``."""
COMMON_FIELDS: Final = tuple(field.name for field in ENTRY_FIELDS)
