"""Equality, hashing and repr for the package's frozen attrs classes, read from their fields.

attrs generates these three methods for each class it builds and compiles their source
at import. For the message classes (some thirty, a kind's with about twenty fields) that
was over a third of what building them cost: 59 ms beyond the libraries before, 37 after,
in fresh interpreters (bench/import_time.py), on a machine where ``import httpx`` takes
140; each of the package's other frozen classes spends about half a millisecond on them.
Written once here, they read each class's fields as attrs would: a field's ``eq`` says
whether it is compared, its ``hash`` (``eq`` when unset) whether it is hashed, its
``repr`` whether it is shown. A class takes them by deriving from ``AttrsMethods``,
declared ``eq=False, repr=False`` so that attrs adds none of its own;
tests/test_models.py holds them to what attrs generates for the same fields.
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Callable
from typing import Any, NamedTuple

import attrs

__all__ = ["AttrsMethods"]


class _Reads(NamedTuple):
    """What the three methods read of one class's objects."""

    compared: Callable[[Any], tuple[Any, ...]]
    hashed: Callable[[Any], tuple[Any, ...]]
    shown: tuple[str, ...]


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of the attributes ``names`` of an object, as a tuple."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    # attrgetter of one name gives its value rather than a tuple, and of none fails.
    return lambda obj: tuple(getattr(obj, name) for name in names)


_READS: dict[type[Any], _Reads] = {}


def _reads(cls: type[Any]) -> _Reads:
    """What the methods read of ``cls``'s objects, worked out at its first use."""
    reads = _READS.get(cls)
    if reads is None:
        reads = _READS[cls] = _reads_of(cls)
    return reads


def _reads_of(cls: type[Any]) -> _Reads:
    fields = attrs.fields(cls)
    if any(field.eq_key is not None or callable(field.repr) for field in fields):
        raise TypeError(f"{cls.__qualname__}: a field compares by key or shows by a function")
    # A field's hash follows its eq unless set apart (an unknown kind's raw: compared,
    # not hashed).
    hashed = (field for field in fields if (field.eq if field.hash is None else field.hash))
    return _Reads(
        compared=_getter(tuple(field.name for field in fields if field.eq)),
        hashed=_getter(tuple(field.name for field in hashed)),
        shown=tuple(field.name for field in fields if field.repr),
    )


def eq(self: Any, other: object) -> bool:
    """Equal when of the same class with equal compared fields, as attrs' ``__eq__``."""
    cls: type[Any] = type(self)
    if type(other) is not cls:
        refused: bool = NotImplemented  # Python then asks the other side, then identity
        return refused
    compared = _reads(cls).compared
    # Field by field with ==, as attrs does: a tuple's own == would take a value that
    # is the same object for equal, a NaN included.
    return all(mine == theirs for mine, theirs in zip(compared(self), compared(other), strict=True))


def hash_of(self: Any) -> int:
    """The hash of the class and the hashed fields, as attrs' ``__hash__`` of a frozen class."""
    cls: type[Any] = type(self)
    return hash((cls, *_reads(cls).hashed(self)))


# The objects whose repr each thread is making: an object met again inside its own repr
# (through a list passed to a field, say) shows as ``...``, as attrs shows it.
_IN_REPR = threading.local()


def repr_of(self: Any) -> str:
    """``Name(field=value, ...)`` of the shown fields, as attrs' ``__repr__``."""
    making: set[int] = _IN_REPR.__dict__.setdefault("ids", set())
    if id(self) in making:
        return "..."
    making.add(id(self))
    try:
        cls: type[Any] = type(self)
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _reads(cls).shown)
        return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({shown})"
    finally:
        making.discard(id(self))


class AttrsMethods:
    """The base of a frozen attrs class declared ``eq=False, repr=False``: the three methods.

    It adds no field and no slot, and is no attrs class itself.
    """

    __slots__ = ()
    __eq__ = eq
    __hash__ = hash_of
    __repr__ = repr_of
