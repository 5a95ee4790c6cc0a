"""Messages as JSON-ready data, for a web endpoint, a log or a queue.

One shape, the one ``greenapi-async ... --json`` prints: a message's typed fields under
their snake_case names, its ``type_message`` first, nested objects as objects, tuples
as arrays, statuses as their wire strings. The entry as the service sent it (``raw``,
in the wire's camelCase) is added on request; an unknown kind and a quoted message,
whose typed fields say little, always carry theirs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, get_args

import attrs

from ._errors import InvalidArgumentError
from ._models import Message, MessageStatus, QuotedMessage, UnknownMessage
from ._validation import describe, validate_flag

# cattrs is imported where its converter is built, on first use: see _converter.
if TYPE_CHECKING:
    import cattrs

__all__ = ["message_data"]

# The wire objects that say more than the typed fields: shown as "raw" always.
_RAW_SHOWN: Final = (UnknownMessage, QuotedMessage)


def message_data(message: Message, *, with_raw: bool = False) -> dict[str, Any]:
    """The message as JSON-ready data, as ``greenapi-async ... --json`` prints it.

    Its typed fields, snake_case, ``type_message`` first; nested objects as dicts,
    tuples as lists, a ``MessageStatus`` as its wire string. Only ``str``, ``int``,
    ``float``, ``bool``, ``None``, lists and dicts: ``json.dumps`` (or FastAPI, or
    aiohttp's ``json_response``) takes it as it is.

    Args:
        message: a message of any kind, as the journal methods return it.
        with_raw: add ``"raw"``, the entry as the service sent it (camelCase wire
            keys). An ``UnknownMessage`` always carries it, as its fields say little.

    Raises:
        InvalidArgumentError: ``message`` is not a message, or ``with_raw`` is not a bool.

    """
    validate_flag("with_raw", with_raw)
    if not isinstance(message, _MESSAGE_CLASSES):
        raise InvalidArgumentError(f"message must be a Message, not {describe(message)}")
    data: dict[str, Any] = _converter().unstructure(message)
    shaped = {"type_message": data.pop("type_message"), **data}
    if with_raw and "raw" not in shaped:
        shaped["raw"] = dict(message.raw)
    return shaped


_MESSAGE_CLASSES: Final = get_args(Message)


@functools.cache
def _converter() -> cattrs.Converter:
    import cattrs
    from cattrs.gen import make_dict_unstructure_fn, override

    converter = cattrs.Converter()
    # A status as its wire string: a MessageStatus is a str, but not only one.
    converter.register_unstructure_hook(
        MessageStatus | str | None,
        lambda status: status.value if isinstance(status, MessageStatus) else status,
    )

    def unstructure_fn(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
        # The wire object is JSON data already, as the parser made it: handed on as it
        # is. Unstructured, it would cost a Python call per level of nesting, and an
        # entry nested a few hundred deep would end in a RecursionError.
        raw = (
            override(rename="raw", unstruct_hook=dict) if cls in _RAW_SHOWN else override(omit=True)
        )
        return make_dict_unstructure_fn(cls, converter, _raw=raw)

    converter.register_unstructure_hook_factory(
        lambda cls: attrs.has(cls) and "_raw" in attrs.fields_dict(cls), unstructure_fn
    )
    return converter
