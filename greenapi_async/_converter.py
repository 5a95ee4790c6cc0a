"""Turning journal JSON into message objects: one cattrs converter, built once.

The converter reads each field from its wire key (``_models`` is the schema), dispatches
each entry on ``typeMessage`` through one table of the known kinds, in which a tag of no
known kind finds ``UnknownMessage``'s reader, and checks scalars strictly: cattrs'
defaults would turn ``None`` into ``"None"``, ``1.9`` into ``1`` and ``"5"`` into ``5``,
hiding a broken response behind plausible data.

cattrs defines the structure: the detailed converter, the one that explains, builds each
class with its generated hooks and says where a response went wrong in wire terms
(``$[3].timestamp``). Decoding runs its twin without detailed validation, in which each
class's hook is the generated fast path of ``_fastpath`` instead, several times faster;
only when that fails does the detailed converter decode again, to say why.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import types
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import (
    TYPE_CHECKING,
    Any,
    Final,
    Literal,
    NamedTuple,
    TypeAlias,
    Union,
    get_args,
    get_origin,
    overload,
)

import attrs

from . import _json
from ._attrs_methods import AttrsMethods
from ._errors import LOCAL_FAILURES, InvalidArgumentError, ResponseValidationError
from ._fastpath import make_fast_structure_fn
from ._methods import LAST_OUTGOING_MESSAGES
from ._models import (
    COMMON_FIELDS,
    ENTRY_FIELDS,
    KIND_BY_TAG,
    USUAL_KEY_SETS,
    USUAL_PART_KEY_SETS,
    Contact,
    ContactsArrayMessage,
    Message,
    MessageStatus,
    Presence,
    UnknownMessage,
    wire_key,
    wire_of,
)
from ._validation import validate_flag

# cattrs (and typing_extensions, which it brings) is imported where a converter is built,
# on the first decode: importing it was a third of what ``import greenapi_async`` cost
# beyond httpx, and a program that never decodes a journal never needs it.
if TYPE_CHECKING:
    import cattrs

__all__ = [
    "MAX_TIMESTAMP",
    "Known",
    "MalformedEntry",
    "PartialMessages",
    "WatchedJournal",
    "decode_message",
    "decode_messages",
    "decode_messages_partially",
    "decode_outgoing_messages",
    "decode_watched",
    "malformed_response",
    "parse_answer",
]

_TAG_KEY: Final = "typeMessage"
_STATUS_BY_WIRE: Final[Mapping[str, MessageStatus]] = {s.value: s for s in MessageStatus}
_JSON_TYPE_NAMES: Final[Mapping[type, str]] = {
    str: "str",
    int: "int",
    float: "float",
    bool: "bool",
    type(None): "null",
    list: "array",
    dict: "object",
}
_MAX_REPORTED_ERRORS: Final = 10
# The cyclic garbage collector is paused while a body this large or larger (about a
# thousand messages) is parsed and turned into objects. Every dict and message allocated
# counts towards the collector's thresholds, so a decode of 100,000 messages triggers many
# collections, each walking the growing young generations and finding nothing: parsed
# JSON and message objects hold no reference cycles. The collection it postpones runs at
# the caller's next allocation and walks the objects once; measured with it (bench/
# decode.py), pausing cut a 100,000-message call by a fifth, and decoding journal after
# journal by a quarter at 10,000 messages and by half at 100,000, where the objects of
# one die before a collection ever reaches them. At 10,000 one call is about even.
# Its previous state is restored whatever happens, so no global state is changed
# after the call; a caller who disabled the collector keeps it disabled. Smaller bodies
# rarely trigger a collection at all.
_PAUSE_COLLECTOR_FROM_BYTES: Final = 256 * 1024
_KNOWN_KINDS: Final = frozenset(KIND_BY_TAG.values())
_RAW: Final = "_raw"  # the field that keeps the wire object (``raw`` shows it)


class _WrongTypeError(Exception):
    """A wire value of the wrong JSON type; the path is added by whoever reports it."""

    def __init__(self, expected: str, value: object, *, got: str | None = None) -> None:
        self.expected = expected
        self.got = got or _json_type_name(value)
        super().__init__(f"expected {expected}, got {self.got}")


# Exact type checks (not isinstance): bool is an int subclass, and True must not pass
# for a timestamp. The JSON parser only ever produces exact builtin types.
def _structure_str(value: object, _: object) -> str:
    if type(value) is str:
        return value
    raise _WrongTypeError("str", value)


def _structure_int(value: object, _: object) -> int:
    if type(value) is int:
        return value
    raise _WrongTypeError("int", value)


def _structure_float(value: object, _: object) -> float:
    # JSON has one number type: a latitude of 55 arrives as an int and is still valid.
    if type(value) is float or type(value) is int:
        return float(value)
    raise _WrongTypeError("float", value)


# datetime's range, so that timestamp_utc can never fail on a decoded message; a
# timestamp in milliseconds (a plausible service bug) lands far outside it. Every field
# the schema says counts seconds since the epoch is checked against it.
MAX_TIMESTAMP: Final = 253_402_300_799  # 9999-12-31T23:59:59Z
_UNIX_SECONDS_RANGE: Final = (0, MAX_TIMESTAMP)


def _structure_timestamp(value: object, _: object) -> int:
    if type(value) is int and 0 <= value <= MAX_TIMESTAMP:
        return value
    if type(value) is int:
        raise _WrongTypeError("unix seconds", value, got=f"{value}, out of range")
    raise _WrongTypeError("int", value)


def _structure_optional_timestamp(value: object, _: object) -> int | None:
    return None if value is None else _structure_timestamp(value, _)


def _structure_bool(value: object, _: object) -> bool:
    if type(value) is bool:
        return value
    raise _WrongTypeError("bool", value)


# Optional scalars get one function each: cattrs' generic optional hook dispatches on the
# inner type at every call, which was the largest single cost of a decode.
def _structure_optional_str(value: object, _: object) -> str | None:
    if value is None or type(value) is str:
        return value
    raise _WrongTypeError("str", value)


def _structure_optional_int(value: object, _: object) -> int | None:
    if value is None or type(value) is int:
        return value
    raise _WrongTypeError("int", value)


def _structure_optional_float(value: object, _: object) -> float | None:
    return None if value is None else _structure_float(value, _)


def _structure_optional_bool(value: object, _: object) -> bool | None:
    if value is None or type(value) is bool:
        return value
    raise _WrongTypeError("bool", value)


_OPTIONAL_SCALAR_HOOKS: Final[Mapping[type, Callable[[object, object], Any]]] = {
    str: _structure_optional_str,
    int: _structure_optional_int,
    float: _structure_optional_float,
    bool: _structure_optional_bool,
}


def _structure_status(value: object, _: object) -> MessageStatus | str | None:
    if value is None:
        return None  # incoming entries have none, and some outgoing ones lack it
    if type(value) is str:
        # A status we have never seen stays the wire string ("" included): kept.
        return _STATUS_BY_WIRE.get(value, value)
    raise _WrongTypeError("str", value)


def _structure_str_or_int(value: object, _: object) -> str | int | None:
    if value is None or type(value) is str or type(value) is int:
        return value
    raise _WrongTypeError("str or int", value)


def _field_hook(converter: cattrs.Converter, field: attrs.Attribute[Any]) -> Any:
    """The hook of one field: its type's, or the range check of seconds since the epoch."""
    if not wire_of(field).unix_seconds:
        return converter.get_structure_hook(field.type)
    return _structure_optional_timestamp if _is_optional(field.type) else _structure_timestamp


def _unknown_kind_reader(converter: cattrs.Converter) -> Callable[[Any, Any], UnknownMessage]:
    """The reader of an entry whose ``typeMessage`` is of no known kind.

    It reads the fields every entry has (the schema's ``COMMON_FIELDS``), each that has
    the documented type; the others are None.
    """
    fields = attrs.fields_dict(attrs.resolve_types(UnknownMessage))
    reads = [
        (name, wire_key(name), _field_hook(converter, fields[name]), fields[name].type)
        for name in COMMON_FIELDS
    ]

    def structure_unknown(value: Mapping[str, Any], _: object) -> UnknownMessage:
        tag = value.get(_TAG_KEY)
        return UnknownMessage(
            tag if type(tag) is str else "",
            value,
            **{name: _lenient(value.get(key), hook, type_) for name, key, hook, type_ in reads},
        )

    return structure_unknown


def _lenient(value: object, hook: Callable[[Any, Any], Any], type_: Any) -> Any:
    # A malformed field of an unknown kind is not ours to refuse, and raw keeps it.
    if value is None:
        return None
    try:
        return hook(value, type_)
    except LOCAL_FAILURES:
        raise  # this process's trouble, not the entry's
    except Exception:  # noqa: BLE001 - whatever the field's hook refuses, it is not read
        return None


def _is_modelled_attrs_class(cls: Any) -> bool:
    return attrs.has(cls) and cls is not UnknownMessage


def _camel_case_hook_factory(
    converter: cattrs.Converter, *, detailed: bool
) -> Callable[[type[Any]], Callable[[Any, Any], Any]]:
    def factory(cls: type[Any]) -> Callable[[Any, Any], Any]:
        if not detailed:
            fast = _fast_hook(converter, cls)
            if fast is not None:
                return fast
        return _cattrs_hook(converter, cls)

    return factory


def _fast_hook(converter: cattrs.Converter, cls: type[Any]) -> Callable[[Any, Any], Any] | None:
    """The generated fast path of a class, its field lists computed from the schema."""
    fields = attrs.fields(cls)
    kind = cls in _KNOWN_KINDS

    # A combination naming a set the class has no field in is not a shape the class has.
    sets_with_fields = {name for field in fields for name in wire_of(field).key_sets}

    def named(presence: Presence) -> list[str]:
        return [field.name for field in fields if wire_of(field).presence is presence]

    return make_fast_structure_fn(
        cls,
        key_for=wire_key,
        int_ranges={f.name: _UNIX_SECONDS_RANGE for f in fields if wire_of(f).unix_seconds},
        string_lookups={MessageStatus | str | None: _STATUS_BY_WIRE},
        hook_for=converter.get_structure_hook,
        # A kind's entries reach its hook through a dispatch that has checked for a dict.
        check_dict=not kind,
        unread_keys=(_TAG_KEY,) if kind else (),
        read_late=named(Presence.SOMETIMES),
        read_last=named(Presence.RARE),
        usual_keys=[
            {field.name for field in fields if wire_of(field).key_sets & set(combination)}
            for combination in (USUAL_KEY_SETS if kind else USUAL_PART_KEY_SETS)
            if sets_with_fields.issuperset(combination)
        ],
        whole_object=_RAW,
    )


def _cattrs_hook(converter: cattrs.Converter, cls: type[Any]) -> Callable[[Any, Any], Any]:
    """The hook cattrs generates for a class, each field read from its wire key.

    The detailed converter's, which explains a failure field by field; the fast one's
    too for a class the fast path cannot generate, which none of the models is.
    """
    from cattrs.gen import make_dict_structure_fn, override  # see the imports

    fields = attrs.fields(attrs.resolve_types(cls))
    overrides = {
        field.name: override(
            rename=wire_key(field.name),
            # Only a count of seconds needs more than its type's hook.
            struct_hook=_field_hook(converter, field) if wire_of(field).unix_seconds else None,
        )
        for field in fields
    }
    keeps_raw = _RAW in overrides
    if keeps_raw:
        overrides[_RAW] = override(omit=True)
    generated = make_dict_structure_fn(cls, converter, **overrides)  # type: ignore[arg-type]

    def structure_object(value: Any, target: Any) -> Any:
        # Without this, a string where an object belongs fails deep inside the
        # generated code with a message about string indices.
        if type(value) is not dict:
            raise _WrongTypeError("object", value)
        result = generated(value, target)
        if keeps_raw:
            # The wire object itself, as the fast path keeps it: not a copy.
            object.__setattr__(result, _RAW, value)
        return result

    return structure_object


def _is_optional(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) in (types.UnionType, Union) and len(args) == 2 and type(None) in args


def _optional_hook_factory(
    converter: cattrs.Converter,
) -> Callable[[Any], Callable[[Any, Any], Any]]:
    def factory(type_: Any) -> Callable[[Any, Any], Any]:
        (inner,) = (arg for arg in get_args(type_) if arg is not type(None))
        scalar_hook = _OPTIONAL_SCALAR_HOOKS.get(inner)
        if scalar_hook is not None:
            return scalar_hook
        inner_hook = converter.get_structure_hook(inner)

        def structure_optional(value: Any, _: Any) -> Any:
            return None if value is None else inner_hook(value, inner)

        return structure_optional

    return factory


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _strict_tuple_hook_factory(
    converter: cattrs.Converter, *, detailed: bool
) -> Callable[[Any], Callable[[Any, Any], Any]]:
    from cattrs.errors import (  # see the imports
        IterableValidationError,
        IterableValidationNote,
    )

    def factory(type_: Any) -> Callable[[Any, Any], Any]:
        item_type = get_args(type_)[0]
        structure_item = converter.get_structure_hook(item_type)

        def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
            # cattrs would iterate a string or an object's keys; only an array is one.
            if type(value) is not list:
                raise _WrongTypeError("array", value)
            if not detailed:
                return tuple(structure_item(item, item_type) for item in value)
            items, errors = [], []
            for index, item in enumerate(value):
                try:
                    items.append(structure_item(item, item_type))
                except Exception as exc:  # noqa: BLE001, PERF203 - collected for the detailed report
                    # What cattrs' own generated hooks do; add_note() needs Python 3.11.
                    exc.__notes__ = [  # type: ignore[attr-defined]
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"item {index}", index, item_type),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError("invalid items", errors, type_)
            return tuple(items)

        return structure_tuple

    return factory


def _build_converter(*, detailed: bool) -> cattrs.Converter:
    import cattrs  # see the imports

    converter = cattrs.Converter(detailed_validation=detailed)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(MessageStatus | str | None, _structure_status)
    converter.register_structure_hook(str | int | None, _structure_str_or_int)
    converter.register_structure_hook_factory(_is_optional, _optional_hook_factory(converter))
    converter.register_structure_hook_factory(
        _is_homogeneous_tuple, _strict_tuple_hook_factory(converter, detailed=detailed)
    )
    converter.register_structure_hook_factory(
        _is_modelled_attrs_class, _camel_case_hook_factory(converter, detailed=detailed)
    )
    # Every hook is registered before any class's hook is made: registering one later
    # would drop those cattrs keeps, and the next request for one would make it again.
    hooks_by_tag = _HooksByTag(converter)

    def structure_message(value: Any, _: Any) -> Message:
        if type(value) is not dict:
            raise _WrongTypeError("object", value)
        # An unhashable tag (a list, say) would fail the dict lookup; any tag that is
        # not a string is as unknown as a new kind.
        tag = value.get(_TAG_KEY)
        result: Message = hooks_by_tag[tag if type(tag) is str else None](value, None)
        return result

    converter.register_structure_hook(Message, structure_message)
    if not detailed:
        converter.register_structure_hook_func(
            lambda type_: type_ == list[Message], _journal_hook_of(hooks_by_tag, structure_message)
        )
    return converter


# Where the service has documented the list of a contactsArrayMessage, besides
# ``contacts`` at the top level: its docs disagree, and no journal recording shows it.
_OTHER_CONTACTS_HOLDERS: Final = ("messageData", "contactsArrayMessageData")


def _contacts_wherever_they_are(
    converter: cattrs.Converter, structure_entry: Callable[[Any, Any], ContactsArrayMessage]
) -> Callable[[Any, Any], ContactsArrayMessage]:
    """Read a contactsArrayMessage's list wherever the service put it."""
    structure_contacts = converter.get_structure_hook(tuple[Contact, ...])

    def structure(value: Any, target: Any) -> ContactsArrayMessage:
        message = structure_entry(value, target)
        if "contacts" in value:
            return message
        for key in _OTHER_CONTACTS_HOLDERS:
            holder = value.get(key)
            if type(holder) is dict and holder.get("contacts") is not None:
                contacts = structure_contacts(holder["contacts"], tuple[Contact, ...])
                return attrs.evolve(message, contacts=contacts)
        return message

    return structure


class _HooksByTag(dict[Any, Callable[[Any, Any], Any]]):
    """The dispatch: each known kind's hook by its ``typeMessage`` (the schema's ``KIND_BY_TAG``).

    A tag of no known kind gets the unknown kind's reader. Only reached with tags that
    are str or another hashable JSON value (int, float, bool, None): each is as unknown
    as a kind this version does not model.

    A kind's hook is made when its first entry comes, not all at once: generating a
    class's hook (and the hooks of the classes it holds) is most of what a program's
    first decode costs, and a journal holds a few of the kinds, rarely all.
    """

    def __init__(self, converter: cattrs.Converter) -> None:
        super().__init__()
        self._converter = converter

    def __missing__(self, tag: object) -> Callable[[Any, Any], Any]:
        kind = KIND_BY_TAG.get(tag) if type(tag) is str else None
        if kind is None:
            return self._unknown
        hook = self._converter.get_structure_hook(kind)
        if kind is ContactsArrayMessage:
            hook = _contacts_wherever_they_are(self._converter, hook)
        self[tag] = hook
        return hook

    @functools.cached_property
    def _unknown(self) -> Callable[[Any, Any], UnknownMessage]:
        return _unknown_kind_reader(self._converter)


def _journal_hook_of(
    hooks_by_tag: _HooksByTag, structure_message: Callable[[Any, Any], Message]
) -> Callable[[list[Any], Any], list[Message]]:
    """Structure a whole journal with one loop and one dict lookup per message.

    It is ``structure_message``'s dispatch written out, so that a message costs one call
    into its kind's hook rather than two: at journal sizes that is a tenth of the decode.
    """

    def structure_journal(value: list[Any], _: Any) -> list[Message]:
        with contextlib.suppress(Exception):  # the one dispatch, below, says what was wrong
            # The common case in one comprehension: every entry a dict with a tag.
            return [hooks_by_tag[item[_TAG_KEY]](item, None) for item in value]
        # An entry that is not a dict, has no tag or an unhashable one, or does not
        # decode: each through the dispatch itself, which checks all that.
        return [structure_message(item, None) for item in value]

    return structure_journal


@functools.cache
def _journal_hook() -> Callable[[Any, Any], list[Message]]:
    # Built on first use, not at import: generating the hooks is most of what importing
    # this module would otherwise cost, and a program may import the SDK and never decode.
    hook: Callable[[Any, Any], list[Message]] = _build_converter(detailed=False).get_structure_hook(
        list[Message]
    )
    return hook


@functools.cache
def _detailed_converter() -> cattrs.Converter:
    # Built on first failure only: a client that never sees a bad response never pays.
    return _build_converter(detailed=True)


def _describe(exc: BaseException, path: str) -> list[str]:
    """Flatten a cattrs error tree into ``path: problem`` lines in wire terms."""
    # Only called with what the detailed converter raised: cattrs is imported by then.
    from cattrs.errors import ClassValidationError, IterableValidationError

    if isinstance(exc, IterableValidationError):
        items, rest = exc.group_exceptions()
        found = [line for e, item in items for line in _describe(e, f"{path}[{item.index}]")]
        return found + [line for e in rest for line in _describe(e, path)]
    if isinstance(exc, ClassValidationError):
        fields, rest = exc.group_exceptions()
        found = [
            line for e, field in fields for line in _describe(e, f"{path}.{wire_key(field.name)}")
        ]
        return found + [line for e in rest for line in _describe(e, path)]
    if isinstance(exc, _WrongTypeError):
        return [f"{path}: {exc}"]
    if isinstance(exc, KeyError):
        return [f"{path}: required key is missing"]
    # Anything else is a bug in a hook; its type says more than its text could leak.
    return [f"{path}: invalid value ({type(exc).__name__})"]


def _explain(data: list[Any], method: str) -> ResponseValidationError:
    return malformed_response(_problems(data), method)


def malformed_response(problems: tuple[str, ...], method: str) -> ResponseValidationError:
    """The error of an answer whose entries are malformed, one ``$[i].key: ...`` line each."""
    return ResponseValidationError(
        f"malformed {method} response: {_summary(problems)}", errors=problems
    )


def _unreadable(problem: str, method: str) -> ResponseValidationError:
    # A body of the wrong shape: there is no entry to name, only the body.
    return ResponseValidationError(f"malformed {method} response: {problem}", errors=(problem,))


def _problems(data: list[Any]) -> tuple[str, ...]:
    """What is wrong with a list that does not decode, one ``$[i].key: ...`` line each."""
    try:
        _detailed_converter().structure(data, list[Message])
    except LOCAL_FAILURES:
        raise
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message
        # cattrs gathers what its hooks raise into exception groups: a failure of this
        # process found among them is raised, not described as the response's fault.
        local = next(_local_failures_in(exc), None)
        if local is not None:
            raise local from None
        return tuple(_describe(exc, "$"))
    return ("$: the response could not be decoded",)  # pragma: no cover - one configuration


def _local_failures_in(exc: BaseException) -> Iterator[BaseException]:
    if isinstance(exc, LOCAL_FAILURES):
        yield exc
    for inner in getattr(exc, "exceptions", ()):
        yield from _local_failures_in(inner)


def _summary(problems: tuple[str, ...]) -> str:
    shown = "; ".join(problems[:_MAX_REPORTED_ERRORS])
    more = len(problems) - _MAX_REPORTED_ERRORS
    return shown + (f" (and {more} more)" if more > 0 else "")


@attrs.frozen(eq=False, repr=False)
class MalformedEntry(AttrsMethods):
    """An entry of an answer that was left out because it does not decode.

    Attributes:
        index: its position in the answer, as in ``$[3]``.
        entry: the entry as it came (any JSON value).
        errors: what is wrong with it, in wire terms: ``$[3].timestamp: expected int,
            got str``.

    """

    index: int
    entry: Any = attrs.field(eq=False, repr=False)
    errors: tuple[str, ...]


@attrs.frozen(eq=False, repr=False)
class PartialMessages(AttrsMethods):
    """The messages of an answer without its malformed entries, and what was left out.

    What ``skip_malformed=True`` returns: one odd entry costs that entry, not the whole
    answer. A strict call raises ``problem`` instead.

    Attributes:
        messages: one message per entry that decoded, in the answer's order.
        left_out: the entries that did not, in the answer's order; empty if none.
        method: the Green API method that answered, named in ``problem``.

    """

    messages: list[Message] = attrs.field(hash=False)
    left_out: tuple[MalformedEntry, ...] = ()
    method: str = LAST_OUTGOING_MESSAGES.name

    @property
    def problem(self) -> ResponseValidationError | None:
        """What was left out, as the error a strict call raises; None when nothing was."""
        if not self.left_out:
            return None
        errors = tuple(line for entry in self.left_out for line in entry.errors)
        count = len(self.left_out)
        return ResponseValidationError(
            f"left out {count} malformed {self.method} "
            f"{'entry' if count == 1 else 'entries'}: {_summary(errors)}",
            errors=errors,
        )


Body: TypeAlias = bytes | bytearray | memoryview | str


def decode_messages(body: Body, *, method: str) -> list[Message]:
    """Decode an answer that is a list of messages, strictly: any malformed entry raises.

    The one decoder of every journal method that answers a list; ``method`` is named
    in the errors.
    """
    _check_body(body)
    # One pause for the parse and the objects made from it: see _collector_paused.
    with _collector_paused(len(body)):
        data, problem, unreadable = _parse(body)
        messages = None if data is None or unreadable else _structure_journal(data)
    if messages is not None:
        return messages
    if data is None:
        # Raised outside the except blocks, so that no exception holding parts of the
        # body rides along as __context__: the message says all that is needed.
        raise _unreadable(problem, method)
    if unreadable:
        # Every malformed entry named, those with unreadable numbers among them.
        errors = tuple(
            line for entry in _decode_each(enumerate(data), unreadable)[1] for line in entry.errors
        )
        raise malformed_response(errors, method)
    raise _explain(data, method)  # with the collector running: this path allocates freely


def decode_messages_partially(body: Body, *, method: str) -> PartialMessages:
    """Decode like ``decode_messages``, leaving out the entries that are malformed.

    A body that is not a JSON array still raises ``ResponseValidationError``: there are
    no entries to keep.
    """
    _check_body(body)
    with _collector_paused(len(body)):
        data, problem, unreadable = _parse(body)
        messages = None if data is None or unreadable else _structure_journal(data)
        # Made while paused: see _collector_paused.
        whole = None if messages is None else PartialMessages(messages, method=method)
    if whole is not None:
        return whole
    if data is None:
        raise _unreadable(problem, method)
    kept, left_out = _decode_each(enumerate(data), unreadable)
    return PartialMessages(kept, left_out, method)


class Known(NamedTuple):
    """An entry of a message already reported in its status, read no further than that.

    What ``decode_watched`` gives in place of a message that cannot be news: its id,
    timestamp and status as a decoded message would hold them (a status as its wire
    string), which is all a watcher reads of an entry it has reported.
    """

    id_message: str
    timestamp: int
    status_message: str | None


# tuple.__new__ called from C: a NamedTuple's own __new__ is a Python function, and the
# one Known a steady journal's every entry becomes would cost half as much again.
_known: Final[Callable[[tuple[str, int, str | None]], Known]] = functools.partial(
    tuple.__new__, Known
)
_ID_KEY: Final = wire_key(ENTRY_FIELDS.id_message.name)
_TIMESTAMP_KEY: Final = wire_key(ENTRY_FIELDS.timestamp.name)


@attrs.frozen(eq=False, repr=False)
class WatchedJournal(AttrsMethods):
    """A journal as a watcher reads it: each entry decoded or known, and what was left out.

    Attributes:
        entries: in the answer's order, a message for each entry that may be news and
            decoded, a ``Known`` for each entry of a message reported in its status.
        journal: the messages decoded and the entries left out (``left_out``, ``problem``).

    """

    entries: Sequence[Message | Known]
    journal: PartialMessages


def decode_watched(
    body: Body,
    *,
    method: str,
    reported: Mapping[str, Collection[str]],
    status_key: str | None,
) -> WatchedJournal:
    """Decode like ``decode_messages_partially``, but only the entries that may be news.

    ``reported`` maps each message id a watcher has reported to the statuses it reported
    it in; ``status_key`` is the wire key of what makes an entry a new event besides its
    id (None: nothing does, every status counts as ""). An entry whose id and status are
    there, with a timestamp a message may hold, cannot be an event: it becomes a
    ``Known``, and the rest of it is neither structured nor checked. A watcher polling
    a steady journal then builds no message at all; every other entry is decoded, or
    left out, exactly as ``decode_messages_partially`` does.
    """
    if not reported:  # nothing can be known: every entry decoded, as it would be
        journal = decode_messages_partially(body, method=method)
        return WatchedJournal(journal.messages, journal)
    _check_body(body)
    with _collector_paused(len(body)):
        data, problem, unreadable = _parse(body)
        if data is not None:
            # A number in the body that could not be read: each entry is decoded, to
            # tell which holds it (rare; nothing is known then).
            slots, fresh = _known_or_fresh(data, reported, status_key, know_none=bool(unreadable))
            decoded = None if unreadable else _structure_journal([entry for _, entry in fresh])
    if data is None:
        raise _unreadable(problem, method)
    left_out: tuple[MalformedEntry, ...] = ()
    if decoded is None:  # with the collector running: this path allocates freely
        decoded, left_out = _decode_each(fresh, unreadable)
    if left_out:
        dropped = {entry.index for entry in left_out}
        slots = [
            slot for index, slot in enumerate(slots) if slot is not None or index not in dropped
        ]
    in_order = iter(decoded)
    entries = [next(in_order) if slot is None else slot for slot in slots]
    return WatchedJournal(entries, PartialMessages(decoded, left_out, method))


def _known_or_fresh(
    data: list[Any],
    reported: Mapping[str, Collection[str]],
    status_key: str | None,
    *,
    know_none: bool,
) -> tuple[list[Known | None], list[tuple[int, Any]]]:
    """Each entry's ``Known``, or None for one to decode; and those, with their indexes.

    ``know_none``: know no entry. One loop, written out: it is all a steady journal costs
    beyond its parse.
    """
    if know_none:
        return [None] * len(data), list(enumerate(data))
    slots: list[Known | None] = []
    fresh: list[tuple[int, Any]] = []
    for index, entry in enumerate(data):
        if entry.__class__ is dict:
            message_id = entry.get(_ID_KEY)
            if message_id.__class__ is str and message_id:
                statuses = reported.get(message_id)
                if statuses is not None:
                    timestamp = entry.get(_TIMESTAMP_KEY)
                    status = entry.get(status_key) if status_key else None
                    if (
                        timestamp.__class__ is int
                        and 0 <= timestamp <= MAX_TIMESTAMP
                        and (status is None or status.__class__ is str)
                        and (status or "") in statuses
                    ):
                        slots.append(_known((message_id, timestamp, status)))
                        continue
        slots.append(None)
        fresh.append((index, entry))
    return slots, fresh


def _decode_each(
    data: Iterable[tuple[int, Any]], unreadable: tuple[_json.Unreadable, ...]
) -> tuple[list[Message], tuple[MalformedEntry, ...]]:
    """Decode entries one by one: the messages, and the entries that are malformed.

    ``data`` gives each entry with its index in the answer. An entry holding a number
    that could not be read is malformed, wherever the number stands: a message must not
    carry a value its type cannot hold, not even in ``raw``.
    """
    unreadable_in: dict[int, list[str]] = {}
    for found in unreadable:
        # The document is a list: each path starts at its entry's index.
        unreadable_in.setdefault(int(found.path[0]), []).append(_unreadable_line(found))
    kept: list[Message] = []
    left_out: list[MalformedEntry] = []
    for index, entry in data:
        lines = unreadable_in.get(index)
        one = None if lines else _structure_journal([entry])
        if one is not None:
            kept.extend(one)
            continue
        errors = tuple(lines) if lines else _entry_problems(entry, f"$[{index}]")
        left_out.append(MalformedEntry(index, entry, errors))
    return kept, tuple(left_out)


def _unreadable_line(found: _json.Unreadable) -> str:
    """What is wrong where an unreadable number stands: ``$[3].timestamp: the number ...``."""
    path = "".join(f"[{step}]" if type(step) is int else f".{step}" for step in found.path)
    return f"${path}: {found.problem}"


def decode_message(body: Body, *, method: str) -> Message:
    """Decode an answer that is one message (``getMessage``'s), strictly.

    Its rules are the lists': the same kinds, the same checks, errors naming the wire
    path (``$.timestamp``) and ``method``. An empty body or object holds no message: that
    is a malformed answer, not a message of no kind.
    """
    _check_body(body)
    data, problem, unreadable = _parse_json(body)
    if data is _NOTHING or data == {}:
        problem = "$: expected a message, got an empty answer"
    elif not problem and type(data) is not dict:
        problem = f"$: expected object, got {_json_type_name(data)}"
    if problem:
        raise _unreadable(problem, method)
    if unreadable:
        raise malformed_response(tuple(_unreadable_line(found) for found in unreadable), method)
    messages = _structure_journal([data])
    if messages is not None:
        return messages[0]
    raise malformed_response(_entry_problems(data, "$"), method)


def parse_answer(body: Body, *, method: str) -> Any:
    """The JSON value of an answer that is not made of messages (None for an empty body).

    The checks of the journals' bodies, and their errors: a body that is not JSON, or that
    holds a number no float or int can hold, is a ``ResponseValidationError`` naming
    ``method``.
    """
    _check_body(body)
    data, problem, unreadable = _parse_json(body)
    if problem:
        raise _unreadable(problem, method)
    if unreadable:
        raise malformed_response(tuple(_unreadable_line(found) for found in unreadable), method)
    return None if data is _NOTHING else data


def _entry_problems(entry: Any, path: str) -> tuple[str, ...]:
    """What is wrong with one entry that does not decode, its lines starting at ``path``."""
    return tuple(line.replace("$[0]", path, 1) for line in _problems([entry]))


@overload
def decode_outgoing_messages(
    body: Body, *, skip_malformed: Literal[False] = False
) -> list[Message]: ...
@overload
def decode_outgoing_messages(body: Body, *, skip_malformed: Literal[True]) -> PartialMessages: ...
def decode_outgoing_messages(
    body: Body, *, skip_malformed: bool = False
) -> list[Message] | PartialMessages:
    """Decode a ``lastOutgoingMessages`` response body into message objects, without I/O.

    An entry of a kind this version does not model becomes an ``UnknownMessage``; a
    status it does not know stays a ``str``.

    Args:
        body: the response body, UTF-8 JSON (a leading byte order mark is ignored).
        skip_malformed: leave out the entries that do not decode and return a
            ``PartialMessages`` that lists them, rather than raise.

    Returns:
        One message per entry, in the journal's order (newest first); with
        ``skip_malformed=True``, a ``PartialMessages`` holding them.

    Raises:
        ResponseValidationError: the body is not JSON or not an array, or (unless
            ``skip_malformed``) an entry of a known kind is off; the message names the
            place, e.g. ``$[3].timestamp: expected int, got str``, and ``.errors`` lists
            them all.
        InvalidArgumentError: ``body`` is not bytes, bytearray, memoryview or str, or
            ``skip_malformed`` is not a bool.

    """
    validate_flag("skip_malformed", skip_malformed)
    method = LAST_OUTGOING_MESSAGES.name
    if skip_malformed:
        return decode_messages_partially(body, method=method)
    return decode_messages(body, method=method)


def _check_body(body: object) -> None:
    if not isinstance(body, (bytes, bytearray, memoryview, str)):
        raise InvalidArgumentError(f"body must be bytes or str, not {type(body).__name__}")


class _collector_paused:  # noqa: N801 - used like a function: with _collector_paused(n)
    """Pause the cyclic collector for a large body (see _PAUSE_COLLECTOR_FROM_BYTES).

    A class, not a generator: ``gc.enable()`` must be the last thing done. Every object
    the decode made is still in the youngest generation, so the first allocation after
    it starts a collection that walks them all; a generator's ``StopIteration`` was such
    an allocation, and cost a 100,000-message decode a fifth of its time. The caller
    returns its list without allocating, and that collection finds the objects freed
    or, kept, runs at the caller's next allocation, where it would have run anyway.
    """

    __slots__ = ("_pause",)

    def __init__(self, body_size: int) -> None:
        self._pause = body_size >= _PAUSE_COLLECTOR_FROM_BYTES and gc.isenabled()

    def __enter__(self) -> None:
        if self._pause:
            gc.disable()

    def __exit__(self, *exc_info: object) -> None:
        if self._pause:
            gc.enable()


def _parse(
    body: bytes | bytearray | memoryview | str,
) -> tuple[list[Any] | None, str, tuple[_json.Unreadable, ...]]:
    """Parse the body: the JSON array, or None and what is wrong with the body.

    Also the numbers in it that could not be read, each in an entry (see ``_json``).
    An empty body and an empty object are an empty list: third-party clients have seen
    the service answer an empty journal so, and neither can mean anything else. Any
    other object (an error report, say) is refused, never taken for a journal.
    """
    data, problem, unreadable = _parse_json(body)
    if type(data) is list:
        return data, "", unreadable
    if data is _NOTHING or data == {}:
        return [], "", ()
    if problem:
        return None, problem, ()
    return None, f"$: expected array, got {_json_type_name(data)}", ()


_NOTHING: Final[Any] = object()  # what an empty body parses to


def _parse_json(
    body: bytes | bytearray | memoryview | str,
) -> tuple[Any, str, tuple[_json.Unreadable, ...]]:
    """Parse the body: its JSON value (``_NOTHING`` for an empty body), or a problem.

    Also the numbers in it that could not be read (see ``_json``).
    """
    text = _without_bom(body)
    try:
        value, unreadable = _json.parse(text)
    except _json.InvalidJSONError as exc:
        # Looked at only here, as the parser refuses an empty document: a body that parses
        # pays nothing for it.
        if not (text if isinstance(text, str) else bytes(text)).strip():
            return _NOTHING, "", ()
        return None, f"response is not valid JSON: {exc}", ()
    return value, "", unreadable


def _json_type_name(value: object) -> str:
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def _structure_journal(data: list[Any]) -> list[Message] | None:
    """The messages, or None when any entry is off (the detailed pass then says how)."""
    try:
        return _journal_hook()(data, list[Message])
    except LOCAL_FAILURES:
        raise  # this process's trouble, not the response's
    except Exception:  # noqa: BLE001 - any failure is explained by the detailed pass
        return None


def _without_bom(
    body: bytes | bytearray | memoryview | str,
) -> bytes | bytearray | memoryview | str:
    # Some servers and proxies put a byte order mark before UTF-8 JSON; the parser refuses it.
    if isinstance(body, str):
        return body.removeprefix("\ufeff")
    if bytes(body[:3]) == b"\xef\xbb\xbf":
        return body[3:]
    return body
