"""Floors of decoding into the message classes: the objects alone, then with the reads.

``objects_floor``: every message of a journal that greenapi_async decoded once is built
again with the same field values, by the cheapest means these classes allow: the fast
path's builder, a plain slot store a field, then the swap to the public class
(``greenapi_async._fastpath``). Its ``raw`` is the entry just parsed, as the SDK's is. No
key is looked up and no value checked or converted: what is left is allocating the
objects and their parts, storing their fields, and the collection they cause. Any
decoder that returns these objects, and keeps each entry as it came, does at least that.

``reads_floor`` adds what any decoder must also do: each entry's class found from its
``typeMessage``, and each field read from its wire key (``entry.get``), the parts from
their nested objects. Still nothing checked or converted; what a decoder adds beyond it
is its checks.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Union, get_args, get_origin

import attrs

from greenapi_async._fastpath import _builder_for
from greenapi_async._models import wire_key

# (the message to copy, or None; the entry or nested object to read, or None) -> object
Builder = Callable[[Any, Any], Any]


def _part_class(type_: Any) -> tuple[str, type[Any]] | None:
    """``("one", cls)`` for ``cls | None``, ``("many", cls)`` for ``tuple[cls, ...]``."""
    args = get_args(type_)
    if get_origin(type_) in (types.UnionType, Union):
        classes = [arg for arg in args if isinstance(arg, type) and attrs.has(arg)]
        return ("one", classes[0]) if classes else None
    if get_origin(type_) is tuple and args and isinstance(args[0], type) and attrs.has(args[0]):
        return ("many", args[0])
    return None


def _field_lines(field: attrs.Attribute[Any], *, reads: bool) -> list[str]:
    """Source that stores ``field`` on ``built``, copied from ``template`` or read from ``raw``."""
    name, key = field.name, wire_key(field.name.lstrip("_"))
    if field.alias == "raw":
        return [f"    built.{name} = raw"]
    source = f"raw.get({key!r})" if reads else f"template.{name}"
    part = _part_class(field.type)
    if part is None:
        return [f"    built.{name} = {source}"]
    call = f"build_{name}(None, value)" if reads else f"build_{name}(value, None)"
    if part[0] == "one":
        return [f"    value = {source}", f"    built.{name} = None if value is None else {call}"]
    return [f"    built.{name} = tuple([{call} for value in {source} or ()])"]


def _builder(cls: type[Any], made: dict[type[Any], Builder], *, reads: bool) -> Builder:
    if cls in made:
        return made[cls]
    builder = _builder_for(cls)
    if builder is None:
        raise TypeError(f"{cls.__qualname__} has no builder: the floor needs the fast path's")
    namespace: dict[str, Any] = {"Builder": builder, "cls": cls}
    lines = ["def build(template, raw):", "    built = Builder()"]
    for field in attrs.fields(cls):
        part = _part_class(field.type)
        if part is not None:
            namespace[f"build_{field.name}"] = _builder(part[1], made, reads=reads)
        lines += _field_lines(field, reads=reads)
    lines += ["    built.__class__ = cls", "    return built"]
    exec("\n".join(lines), namespace)  # noqa: S102 - source made above from the model's fields
    made[cls] = namespace["build"]
    return made[cls]


def objects_floor(templates: Sequence[Any]) -> Callable[[Iterable[Any]], list[Any]]:
    """A function that builds ``templates`` again, each with the entry given as its ``raw``.

    ``templates`` are the messages greenapi_async decoded from a journal; the function
    takes the same journal's entries, freshly parsed, in the same order.
    """
    made: dict[type[Any], Builder] = {}
    kept = [(template, _builder(template.__class__, made, reads=False)) for template in templates]

    def rebuild(entries: Iterable[Any]) -> list[Any]:
        pairs = zip(kept, entries, strict=True)
        return [build(template, entry) for (template, build), entry in pairs]

    return rebuild


def reads_floor(templates: Sequence[Any]) -> Callable[[Iterable[Any]], list[Any]]:
    """A function that builds each entry as the class of its ``typeMessage``, unchecked.

    ``templates`` (messages greenapi_async decoded) say which classes the kinds are.
    """
    made: dict[type[Any], Builder] = {}
    by_tag = {
        template.type_message: _builder(template.__class__, made, reads=True)
        for template in templates
    }

    def build_all(entries: Iterable[Any]) -> list[Any]:
        return [by_tag[entry["typeMessage"]](None, entry) for entry in entries]

    return build_all
