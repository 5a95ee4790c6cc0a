"""A floor of the first decode: the message classes built by cattrs' own generated hooks.

What a decoder made with cattrs over these classes pays the first time it decodes a
journal: cattrs generates, and compiles, a structure function for each class it meets,
each field read from its camelCase key, behind a dispatch on ``typeMessage``. None of
greenapi_async's checks and no fast path: a floor, not a rival (it takes values the SDK
refuses, and keeps no ``raw``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs
import msgspec
from cattrs.gen import make_dict_structure_fn, override


def first_decode(
    body: bytes,
    kinds: Mapping[str, type[Any]],
    passed: tuple[Any, ...],
    key_for: Callable[[str], str],
) -> list[Any]:
    """The entries of ``body``, each built as the class ``kinds`` gives its tag.

    ``passed`` are the field types taken as they come (the unions cattrs has no hook for);
    ``key_for`` gives a field's wire key (the models' own ``wire_key``).
    """
    # Without detailed validation: cattrs' cheaper hooks. The default's wrap every field
    # in error handling of its own, and took about 10 ms more here.
    converter = cattrs.Converter(detailed_validation=False)
    for type_ in passed:
        converter.register_structure_hook(type_, lambda value, _: value)

    def hook(cls: type[Any]) -> Any:
        renamed = {
            field.name: override(rename=key_for(field.name))
            for field in attrs.fields(cls)
            if field.init and field.alias != "raw"
        }
        # cattrs types its overrides as its keyword options; they go by field name.
        return make_dict_structure_fn(cls, converter, **renamed)  # type: ignore[arg-type]

    converter.register_structure_hook_factory(attrs.has, hook)
    entries = msgspec.json.decode(body)
    return [converter.structure(entry, kinds[entry["typeMessage"]]) for entry in entries]
