"""Generated structure functions for the message classes: the decoder's fast path.

cattrs' generated hooks call one hook per field and then the class's ``__init__`` with a
keyword dict; a frozen attrs ``__init__`` then sets every field through
``object.__setattr__``. For a journal of 100,000 messages that per-field Python work is
most of the decode time. The functions made here do the same job with the checks written
inline (exact type tests, the same rules as the converter's hooks) and each slot written
through its own member descriptor, the way ``copy`` and ``pickle`` restore objects.

The result is the object ``__init__`` would build: the message classes have no
validators, converters or ``__attrs_post_init__`` (``make_fast_structure_fn`` refuses a
class that has), and a test compares both ways of building every kind. On any mismatch
the function raises; the caller then decodes again with cattrs' detailed validation,
which says what was wrong.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Callable, Mapping
from typing import Any, Final, Union, get_args, get_origin

import attrs

__all__ = ["FastPathMissError", "make_fast_structure_fn"]


class FastPathMissError(Exception):
    """The fast path could not decode a value; the detailed pass will say why."""


_NONE: Final = type(None)
_SCALARS: Final = (str, int, bool)


def _optional_inner(type_: Any) -> Any | None:
    args = get_args(type_)
    if get_origin(type_) in (types.UnionType, Union) and len(args) == 2 and _NONE in args:
        return args[0] if args[1] is _NONE else args[1]
    return None


def make_fast_structure_fn(
    cls: type[Any],
    *,
    key_for: Callable[[str], str],
    int_ranges: Mapping[str, tuple[int, int]],
    string_lookups: Mapping[Any, Mapping[str, Any]],
    hook_for: Callable[[Any], Callable[[Any, Any], Any]],
) -> Callable[[Mapping[str, Any], Any], Any] | None:
    """Generate ``structure(wire_dict, cls)`` for an attrs class, or None if unsupported.

    ``key_for`` maps a field name to its wire key. ``int_ranges`` gives, by field name,
    the inclusive range of an int field (the timestamp's). A field whose type
    is in ``string_lookups`` takes a string, replaced by its lookup value when it has one
    (``MessageStatus | str``). ``hook_for`` returns the converter's hook for any other
    type the generated code does not inline.
    """
    if getattr(cls, "__attrs_post_init__", None) is not None:
        return None
    fields = attrs.fields(attrs.resolve_types(cls))
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_Miss": FastPathMissError}
    body: list[str] = []
    setters = []
    for index, field in enumerate(fields):
        if field.validator is not None or field.converter is not None:
            return None
        var = f"v{index}"
        slot = inspect.getattr_static(cls, field.name, None)
        if not isinstance(slot, types.MemberDescriptorType):
            return None  # only slotted classes have a slot to write
        namespace[f"_set{index}"] = slot.__set__
        setters.append(f"    _set{index}(self, {var})")
        if not field.init:
            namespace[f"_default{index}"] = field.default
            body.append(f"    {var} = _default{index}")
            continue
        key = key_for(field.name)
        if field.default is attrs.NOTHING:
            body.append(f"    {var} = o[{key!r}]")
        elif field.default is None:
            # Most optional keys are absent: a membership test is cheaper than a call.
            body.append(f"    {var} = o[{key!r}] if {key!r} in o else None")
        else:
            return None  # a non-None default (a factory, say) is not needed by any model
        inner = _optional_inner(field.type)
        if field.name in int_ranges and field.type is int:
            low, high = int_ranges[field.name]
            body.append(
                f"    if {var}.__class__ is not int or not {low} <= {var} <= {high}: raise _Miss"
            )
        elif field.type in string_lookups:
            namespace[f"_lookup{index}"] = string_lookups[field.type]
            body.append(f"    if {var}.__class__ is not str: raise _Miss")
            body.append(f"    {var} = _lookup{index}.get({var}, {var})")
        elif field.type in _SCALARS:
            namespace[f"_type{index}"] = field.type
            body.append(f"    if {var}.__class__ is not _type{index}: raise _Miss")
        elif inner in _SCALARS:
            namespace[f"_type{index}"] = inner
            body.append(
                f"    if {var} is not None and {var}.__class__ is not _type{index}: raise _Miss"
            )
        else:
            namespace[f"_hook{index}"] = hook_for(inner if inner is not None else field.type)
            namespace[f"_type{index}"] = inner if inner is not None else field.type
            call = f"{var} = _hook{index}({var}, _type{index})"
            body.append(f"    if {var} is not None: {call}" if inner is not None else f"    {call}")
    source = "\n".join(
        ["def structure(o, _):", *body, "    self = _new(_cls)", *setters, "    return self"]
    )
    exec(compile(source, f"<greenapi_async fast structure {cls.__qualname__}>", "exec"), namespace)  # noqa: S102 - our own generated source
    generated: Callable[[Mapping[str, Any], Any], Any] = namespace["structure"]
    return generated
