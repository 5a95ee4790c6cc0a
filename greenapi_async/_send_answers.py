"""Reading what the send methods and the send queue answer."""

from __future__ import annotations

import typing
from collections.abc import Mapping
from typing import Any, Final

import attrs

from ._converter import Body, malformed_response, parse_answer
from ._models import wire_key
from ._sent import QueuedMessage

__all__ = ["decode_queue", "sent_id"]


def sent_id(body: Body, *, method: str) -> str:
    """The id in a send's answer, ``{"idMessage": "..."}``; anything else is malformed.

    A malformed answer to a send leaves its outcome unknown: the caller looks for the
    message rather than trust or repeat it.
    """
    data = parse_answer(body, method=method)
    id_message = data.get("idMessage") if isinstance(data, dict) else None
    if isinstance(id_message, str) and id_message:
        return id_message
    problem = "$.idMessage: expected a non-empty string"
    if not isinstance(data, dict):
        problem = '$: expected an object such as {"idMessage": "BAE5F4886AFB3C57"}'
    raise malformed_response((problem,), method)


# What a body field's value must be, by the type QueuedMessage declares for it (None
# aside). A bool is an int to Python, never a coordinate: _value_fits says so.
_ACCEPTED: Final[Mapping[object, tuple[type, ...]]] = {
    str: (str,),
    float: (float, int),
    bool: (bool,),
    Mapping: (dict,),
}
# Not body fields, or not one value per key: `options` is a list of {optionName}.
_NOT_PLAIN: Final = frozenset({"id_message", "method", "body", "options"})


def _body_fields() -> dict[str, tuple[str, tuple[type, ...]]]:
    """Each plain body field of QueuedMessage, by wire key: its name and accepted types."""
    fields: dict[str, tuple[str, tuple[type, ...]]] = {}
    for field in attrs.fields(attrs.resolve_types(QueuedMessage)):
        if field.name in _NOT_PLAIN:
            continue
        (declared,) = (t for t in typing.get_args(field.type) if t is not type(None))
        fields[wire_key(field.name)] = (
            field.name,
            _ACCEPTED[typing.get_origin(declared) or declared],
        )
    return fields


_FIELDS: Final = _body_fields()


def _value_fits(value: object, types: tuple[type, ...]) -> bool:
    return isinstance(value, types) and not (isinstance(value, bool) and bool not in types)


def decode_queue(body: Body, *, method: str, skip_malformed: bool = False) -> list[QueuedMessage]:
    """The messages of a ``showMessagesQueue`` answer, in its order.

    An entry is ``{"idMessage": ..., "type": <send method>, "body": {...}}``; an older
    form spells the id ``messageID``. An empty body is an empty queue. A malformed entry
    raises a ``ResponseValidationError`` naming it, or with ``skip_malformed`` is left out.
    """
    data = parse_answer(body, method=method)
    if data is None or data == {}:
        return []
    if not isinstance(data, list):
        raise malformed_response(("$: expected an array of queued messages",), method)
    queued: list[QueuedMessage] = []
    problems: list[str] = []
    for index, entry in enumerate(data):
        message = _queued(entry, f"$[{index}]", problems)
        if message is not None:
            queued.append(message)
    if problems and not skip_malformed:
        raise malformed_response(tuple(problems), method)
    return queued


def _queued(entry: object, path: str, problems: list[str]) -> QueuedMessage | None:
    if not isinstance(entry, dict):
        problems.append(f"{path}: expected an object")
        return None
    id_message = entry.get("idMessage", entry.get("messageID"))
    method = entry.get("type")
    body = entry.get("body", {})
    found = len(problems)
    if not isinstance(id_message, str) or not id_message:
        problems.append(f"{path}.idMessage: expected a non-empty string")
    if not isinstance(method, str) or not method:
        problems.append(f"{path}.type: expected the send method's name")
    if not isinstance(body, dict):
        problems.append(f"{path}.body: expected an object")
        body = {}
    fields: dict[str, Any] = {}
    for key, (name, types) in _FIELDS.items():
        value = body.get(key)
        if value is None:
            continue
        if not _value_fits(value, types):
            problems.append(f"{path}.body.{key}: expected {types[0].__name__}")
            continue
        fields[name] = value
    options = body.get("options")
    if options is not None:
        names = (
            [o.get("optionName") if isinstance(o, dict) else None for o in options]
            if isinstance(options, list)
            else None
        )
        if names is None or not all(isinstance(n, str) for n in names):
            problems.append(f"{path}.body.options: expected an array of {{optionName}}")
        else:
            fields["options"] = tuple(names)
    if len(problems) > found or not isinstance(id_message, str) or not isinstance(method, str):
        return None
    return QueuedMessage(id_message=id_message, method=method, body=body, **fields)
