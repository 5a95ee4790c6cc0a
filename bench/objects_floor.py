"""Floors of decoding into the message classes: the objects alone, then with the reads.

``objects_floor``: every message of a journal that greenapi_async decoded once is built
again with the same field values, by the cheapest means these classes allow: the fast
path's builder, a plain slot store a field, then the swap to the public class
(``greenapi_async._fastpath``). Its ``raw`` is the entry just parsed, as the SDK's is. No
key is looked up and no value checked or converted: what is left is allocating the
objects and their parts, storing their fields, and the collection they cause, with the
values read from the decoded messages, which it keeps alive for that: a floor of the
building, not quite of a decoder, which reads from the entries instead (see
``reads_floor``).

``reads_floor`` adds what any decoder must also do: each key the entry has read once,
by a subscript, into its field, the parts from their nested objects, and the absent
fields set to None. So that nothing else is timed, the code is made for each kind and
set of keys (nested ones included) met in the journal, and which code builds which
entry is found before the clock starts. Still nothing checked or converted; what a
decoder adds beyond it is finding its way among the shapes, and its checks.

``reads_floor(..., checked=True)`` adds the least check a decoder that refuses a value
of the wrong type can make: one exact type test a key read, against the type the
entry's value has (known beforehand, so no choice between types is made), and a test
that each nested object is a dict. No range, no status looked up, no shape found.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Union, get_args, get_origin

import attrs

from greenapi_async._fastpath import _builder_for
from greenapi_async._models import wire_key

# Builds one object: from (a message to copy, its entry), or from (the entry) alone.
Builder = Callable[..., Any]


def _part_class(type_: Any) -> tuple[str, type[Any]] | None:
    """``("one", cls)`` for ``cls | None``, ``("many", cls)`` for ``tuple[cls, ...]``."""
    args = get_args(type_)
    if get_origin(type_) in (types.UnionType, Union):
        classes = [arg for arg in args if isinstance(arg, type) and attrs.has(arg)]
        return ("one", classes[0]) if classes else None
    if get_origin(type_) is tuple and args and isinstance(args[0], type) and attrs.has(args[0]):
        return ("many", args[0])
    return None


def _field_lines(field: attrs.Attribute[Any]) -> list[str]:
    """Source that stores ``field`` on ``built``, copied from ``template``."""
    name = field.name
    if field.alias == "raw":
        return [f"    built.{name} = raw"]
    part = _part_class(field.type)
    if part is None:
        return [f"    built.{name} = template.{name}"]
    if part[0] == "one":
        value = f"template.{name}"
        return [f"    built.{name} = None if {value} is None else build_{name}({value}, None)"]
    return [f"    built.{name} = tuple([build_{name}(v, None) for v in template.{name}])"]


def _generated(cls: type[Any], lines: list[str], namespace: dict[str, Any]) -> Builder:
    builder = _builder_for(cls)
    if builder is None:
        raise TypeError(f"{cls.__qualname__} has no builder: the floor needs the fast path's")
    namespace.update(Builder=builder, cls=cls)
    source = [lines[0], "    built = Builder()", *lines[1:], "    built.__class__ = cls"]
    exec("\n".join([*source, "    return built"]), namespace)  # noqa: S102 - made above
    built: Builder = namespace["build"]
    return built


def _copier(cls: type[Any], made: dict[type[Any], Builder]) -> Builder:
    """A function that builds a ``cls`` with the values of ``template``, ``raw`` its entry."""
    if cls not in made:
        namespace: dict[str, Any] = {}
        lines = ["def build(template, raw):"]
        for field in attrs.fields(cls):
            part = _part_class(field.type)
            if part is not None:
                namespace[f"build_{field.name}"] = _copier(part[1], made)
            lines += _field_lines(field)
        made[cls] = _generated(cls, lines, namespace)
    return made[cls]


def _reader(
    cls: type[Any], raw: Mapping[str, Any], made: dict[Any, Builder], *, checked: bool
) -> Builder:
    """A function that builds a ``cls`` from an object with exactly ``raw``'s keys."""
    namespace: dict[str, Any] = {"Wrong": TypeError}
    lines = ["def build(raw):"]
    shape: list[Any] = [cls, checked]
    for index, field in enumerate(attrs.fields(cls)):
        name, key = field.name, wire_key(field.name.lstrip("_"))
        part = _part_class(field.type)
        value = raw.get(key)
        if field.alias == "raw":
            lines.append(f"    built.{name} = raw")
            continue
        if key not in raw:
            lines.append(f"    built.{name} = None")
            continue
        read = f"raw[{key!r}]"
        if checked:
            namespace[f"t{index}"] = value.__class__
            lines += [
                f"    v{index} = {read}",
                f"    if v{index}.__class__ is not t{index}: raise Wrong",
            ]
            read = f"v{index}"
        if part is None or value is None:
            lines.append(f"    built.{name} = {read}")
            shape.append(key)
        elif part[0] == "one":
            namespace[name] = _reader(part[1], value, made, checked=checked)
            lines.append(f"    built.{name} = {name}({read})")
            shape.append((key, namespace[name]))
        else:
            namespace[name] = tuple(_reader(part[1], item, made, checked=checked) for item in value)
            pairs = f"zip({name}, {read})"
            lines.append(f"    built.{name} = tuple([build(item) for build, item in {pairs}])")
            shape.append((key, namespace[name]))
    signature = tuple(shape)
    if signature not in made:
        made[signature] = _generated(cls, lines, namespace)
    return made[signature]


def objects_floor(templates: Sequence[Any]) -> Callable[[Iterable[Any]], list[Any]]:
    """A function that builds ``templates`` again, each with the entry given as its ``raw``.

    ``templates`` are the messages greenapi_async decoded from a journal; the function
    takes the same journal's entries, freshly parsed, in the same order.
    """
    made: dict[type[Any], Builder] = {}
    kept = [(template, _copier(template.__class__, made)) for template in templates]

    def rebuild(entries: Iterable[Any]) -> list[Any]:
        pairs = zip(kept, entries, strict=True)
        return [build(template, entry) for (template, build), entry in pairs]

    return rebuild


def reads_floor(
    templates: Sequence[Any], entries: Sequence[Mapping[str, Any]], *, checked: bool = False
) -> Callable[[Iterable[Any]], list[Any]]:
    """A function that builds each of ``entries``, freshly parsed again.

    ``templates`` are the messages greenapi_async decoded from them: they say each
    entry's class. Unchecked, or ``checked``: one exact type test a key.
    """
    made: dict[Any, Builder] = {}
    builders = [
        _reader(template.__class__, entry, made, checked=checked)
        for template, entry in zip(templates, entries, strict=True)
    ]

    def build_all(parsed: Iterable[Any]) -> list[Any]:
        return [build(entry) for build, entry in zip(builders, parsed, strict=True)]

    return build_all
