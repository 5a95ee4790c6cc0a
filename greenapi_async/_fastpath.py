"""Generated structure functions for the message classes: the decoder's fast path.

cattrs' generated hooks call one hook per field and then the class's ``__init__`` with a
keyword dict; a frozen attrs ``__init__`` then sets every field through
``object.__setattr__``. For a journal of 100,000 messages that per-field Python work is
most of the decode time. The functions made here do the same job with the checks written
inline (exact type tests, the same rules as the converter's hooks) and the slots written
on a private *builder*: a sibling of the message class, derived from the same private
base, with the same slots, that adds nothing but plain attribute assignment (see
``_builder_for``). Once every slot is set, the object's ``__class__`` becomes the message
class itself, so what the caller gets is an ordinary, frozen instance of the public class,
and no public class ever has a subclass it did not have.

The result is the object ``__init__`` would build: the message classes have no
validators, converters or ``__attrs_post_init__`` (``make_fast_structure_fn`` refuses a
class that has), and a test compares both ways of building every kind. On any mismatch
the function raises; the caller then decodes again with cattrs' detailed validation,
which says what was wrong.

A generated function's source is where tracebacks and ``inspect.getsource()`` find it,
as cattrs' own is: a reader can see what decoding a kind runs.
"""

from __future__ import annotations

import builtins
import functools
import inspect
import linecache
import types
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Final, TypeAlias, Union, get_args, get_origin

import attrs

from ._precompiled import function_code

__all__ = [
    "FastPathMissError",
    "compiled_function",
    "generated_sources",
    "make_fast_structure_fn",
]


class FastPathMissError(Exception):
    """The fast path could not decode a value; the detailed pass will say why."""


_NONE: Final = type(None)
# attrs runs these from __init__; a class that has one is built the slow, honest way.
_INIT_HOOKS: Final = ("__attrs_pre_init__", "__attrs_post_init__")
_BUILDERS: Final[dict[type[Any], type[Any] | None]] = {}


def _builder_for(cls: type[Any]) -> type[Any] | None:
    """Return the private sibling of ``cls`` that the generated code fills in, or None.

    Why: a frozen attrs class defines ``__setattr__`` and ``__delattr__`` in Python to refuse
    writes, so each field costs a call to ``object.__setattr__`` (or to a slot descriptor's
    ``__set__``), about 40 ns; 15 fields are most of a text message's decode time. A class
    that puts ``object``'s own methods back has the generic attribute setter again, so
    ``self.field = value`` is a specialised slot store of a few ns.

    The builder derives from the base of ``cls`` and declares the same slots, so both
    have the same memory layout, which is what makes the final ``obj.__class__ = cls``
    legal; after it the object is an ordinary instance of the frozen class and nothing of
    the builder remains. It is not a subclass of ``cls``: ``cls.__subclasses__()`` and
    strategies that walk it (cattrs' ``include_subclasses``) never see it. Only a class
    whose direct base is private (named with a leading underscore) gets one: the
    builder is a subclass of that base. None when ``cls`` does not qualify, or when the
    interpreter refuses the swap of classes; the caller then builds the slow way. No
    global state changes: each builder is made once and kept here, never handed out.
    """
    if cls in _BUILDERS:
        return _BUILDERS[cls]
    builder: type[Any] | None = None
    (base,) = cls.__bases__ if len(cls.__bases__) == 1 else (None,)
    own_slots = cls.__dict__.get("__slots__")
    if base is not None and base.__name__.startswith("_") and own_slots is not None:
        namespace = {
            "__slots__": tuple(own_slots),
            "__setattr__": object.__setattr__,  # both, or the slot stays the Python one
            "__delattr__": object.__delattr__,
            # Calling the class with no arguments is then cheaper than ``object.__new__``.
            "__init__": object.__init__,
            "__module__": cls.__module__,
            "__doc__": f"Private builder of {cls.__qualname__} objects; never handed out.",
        }
        candidate: type[Any] | None = type(f"_{cls.__name__}Builder", (base,), namespace)
        try:
            candidate().__class__ = cls  # type: ignore[misc]
        except TypeError:  # the layouts differ after all
            candidate = None
        builder = candidate
    _BUILDERS[cls] = builder
    return builder


_SCALARS: Final = (str, int, bool)


def _int_as_float(value: object) -> float:
    if isinstance(value, int) and value.__class__ is int:  # not a bool
        return float(value)
    raise FastPathMissError


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
    check_dict: bool = True,
    unread_keys: Collection[str] = (),
    read_late: Sequence[str] = (),
    read_last: Sequence[str] = (),
    usual_keys: Sequence[Collection[str]] = (),
    whole_object: str | None = None,
) -> Callable[[Mapping[str, Any], Any], Any] | None:
    """Generate ``structure(wire_dict, cls)`` for an attrs class, or None if unsupported.

    ``key_for`` maps a field name to its wire key. ``int_ranges`` gives, by field name,
    the inclusive range of an int field (the timestamp's). A field whose type
    is in ``string_lookups`` takes a string, replaced by its lookup value when it has one
    (``MessageStatus | str``). ``hook_for`` returns the converter's hook for any other
    type the generated code does not inline. ``check_dict=False`` leaves out the test
    that the value is a dict, for a caller that has made it already.

    A field without a default is required: its key must be there. A field whose default
    is None or an empty tuple is optional: an absent key gives the default, and so does
    a null for the first. Any other default (a factory, say) makes the class unsupported.
    Optional keys are looked up while the dict may still hold one: the code counts the
    keys it has not yet accounted for, and once none are left, the fields still to read
    are their defaults without a lookup. ``unread_keys`` are keys the dict may have that no
    field reads (the tag): a field named by one of them gets its constant default, which
    its validator, if any, must accept. ``read_late`` names, in the order to read them,
    optional fields that some entries have and others lack, read after the class's
    other fields so that an entry without them skips them this way; ``read_last`` names,
    likewise, the fields that are rarely present, read after all the others, each with a
    membership test first.
    ``usual_keys`` lists sets of optional fields that entries often have all of and no
    other, together with the class's own (the optional fields named in no set, nor in
    ``read_late`` or ``read_last``). For each set the class has, the code first tries
    an entry with exactly that many keys by plain subscripts; a key the entry lacks
    sends it on to the reads above.
    ``whole_object`` names a field that gets the wire object itself; it reads no key.
    """
    if any(getattr(cls, hook, None) is not None for hook in _INIT_HOOKS):
        return None
    fields = attrs.fields(attrs.resolve_types(cls))
    # A field whose key is unread (the tag) keeps its constant default: the dispatch has
    # matched the key's value to it already.
    constants = {
        field.name
        for field in fields
        if key_for(field.name) in unread_keys and isinstance(field.default, _SCALARS)
    }
    read = {key_for(field.name) for field in fields if field.init and field.name not in constants}
    if set(unread_keys) & read:
        return None  # a key both read and counted as unread would skip a field
    plan = _Plan(
        cls,
        key_for=key_for,
        int_ranges=int_ranges,
        string_lookups=string_lookups,
        hook_for=hook_for,
        constants=constants,
        read_late=read_late,
        read_last=read_last,
        whole_object=whole_object,
    )
    # One field that plain assignment cannot build refuses the whole class.
    if not all(plan.add(index, field) for index, field in enumerate(fields)):
        return None
    # Asked for only once every field qualifies: a builder, once made, is kept for good.
    builder = _builder_for(cls)
    if builder is None:
        return None
    plan.namespace["_builder"] = builder
    source = _source(
        plan,
        check_dict=check_dict,
        unread_keys=unread_keys,
        read_late=read_late,
        read_last=read_last,
        usual_keys=usual_keys,
    )
    return _defined(cls, source, plan.namespace)


# The checks of one field's value, as lines: ``_checks`` with all but ``null`` bound.
_Checks: TypeAlias = Callable[..., list[str]]
# An optional field: its variable, its wire key and its checks.
_OptionalField: TypeAlias = tuple[str, str, _Checks]
# The read of an optional field: its variable and its block of lines.
_Read: TypeAlias = tuple[str, list[str]]


class _Plan:
    """How the generated function reads and sets each field of a class: its parts.

    Why a step of its own: what each field needs (a read, a default, a constant, the
    wire object itself) is decided here, field by field, and the assembly (``_source``)
    only arranges the parts in the order the reads run. ``add`` returns False for a
    field that ``__init__`` would do more with than assign; the class then has no fast path.
    """

    def __init__(
        self,
        cls: type[Any],
        *,
        key_for: Callable[[str], str],
        int_ranges: Mapping[str, tuple[int, int]],
        string_lookups: Mapping[Any, Mapping[str, Any]],
        hook_for: Callable[[Any], Callable[[Any, Any], Any]],
        constants: Collection[str],
        read_late: Sequence[str],
        read_last: Sequence[str],
        whole_object: str | None,
    ) -> None:
        self._cls = cls
        self._key_for = key_for
        self._int_ranges = int_ranges
        self._string_lookups = string_lookups
        self._hook_for = hook_for
        self._constants = constants
        self._read_late = read_late
        self._read_last = read_last
        self._whole_object = whole_object
        # What the names of the generated code stand for.
        self.namespace: dict[str, Any] = {"_cls": cls, "_Miss": FastPathMissError}
        self.values: dict[str, str] = {}  # by field name: the expression its slot is set to
        # The reads of the required fields, as function lines, and how many keys they read.
        self.required: list[str] = []
        self.required_keys = 0
        # By field name, in field order: the variable, key and checks of each optional field.
        self.optional: dict[str, _OptionalField] = {}
        # By variable: what an optional field is when its key is absent, its default.
        self.absent: dict[str, str] = {}
        # The reads of the optional fields: in field order, those of ``read_late`` and
        # those of ``read_last`` by field name.
        self.common: list[_Read] = []
        self.late: dict[str, _Read] = {}
        self.rare: dict[str, _Read] = {}

    def add(self, index: int, field: attrs.Attribute[Any]) -> bool:
        """Plan the field at ``index``; False if plain assignment cannot build it."""
        if field.converter is not None:
            return False
        constant = field.name in self._constants
        if field.validator is not None and not _accepts(field, constant):
            return False
        slot = inspect.getattr_static(self._cls, field.name, None)
        if not isinstance(slot, types.MemberDescriptorType):
            return False  # only slotted classes have a slot to write
        if field.name == self._whole_object:
            self.values[field.name] = "o"
            return True
        if not field.init or constant:
            return self._add_fixed(index, field)
        var = f"v{index}"
        self.values[field.name] = var
        key = self._key_for(field.name)
        checks = functools.partial(
            _checks,
            field,
            var,
            index,
            self.namespace,
            self._int_ranges,
            self._string_lookups,
            self._hook_for,
        )
        if field.default is attrs.NOTHING:
            self.required.extend(_required_read(var, key, checks))
            self.required_keys += 1
            return True
        return self._add_optional(index, field, var, key, checks)

    def _add_fixed(self, index: int, field: attrs.Attribute[Any]) -> bool:
        """A field that no key sets (``init=False``, or the tag's constant): its default."""
        if not isinstance(field.default, _SCALARS):
            return False  # a factory, or no default: __init__ would do more than assign
        self.namespace[f"_default{index}"] = field.default
        self.values[field.name] = f"_default{index}"
        return True

    def _add_optional(
        self, index: int, field: attrs.Attribute[Any], var: str, key: str, checks: _Checks
    ) -> bool:
        """A field whose key may be absent: its default, and its read in its group.

        Each read is a block of its own, nested below the previous one inside ``if
        left:`` (see ``_grouped_reads``), so that once the dict has no key left to
        account for, one test skips every field still to read.
        """
        absent = self._absent_value(index, field)
        if absent is None:
            return False  # a factory, say: __init__ would do more than assign
        if absent == "None" and _NONE not in get_args(field.type):
            # Its checks would refuse a null that its absent key reads as: not generated.
            return False
        self.absent[var] = absent
        self.optional[field.name] = (var, key, checks)
        if field.name in self._read_last:
            self.rare[field.name] = (var, _rare_read(var, key, checks))
        elif field.name in self._read_late:
            self.late[field.name] = (var, _usual_read(var, key, absent, checks))
        else:
            self.common.append((var, _usual_read(var, key, absent, checks)))
        return True

    def _absent_value(self, index: int, field: attrs.Attribute[Any]) -> str | None:
        """The expression of an optional field's default, or None for a default not supported."""
        if field.default is None:
            return "None"
        if field.default == () and type(field.default) is tuple:
            # Immutable, so every object may share it, as __init__ shares it. The key
            # with null is not absent: the field's type, an array, is checked.
            self.namespace[f"_default{index}"] = field.default
            return f"_default{index}"
        return None


def _required_read(var: str, key: str, checks: _Checks) -> list[str]:
    """The read of a required field, as function lines: a missing key raises ``KeyError``."""
    return [f"    {var} = o[{key!r}]", *(f"    {line}" for line in checks())]


def _rare_read(var: str, key: str, checks: _Checks) -> list[str]:
    """The read of a field that is usually absent (``read_last``).

    Why: for a missing key a membership test is cheaper than ``get()``.
    """
    return [
        f"if {key!r} in o:",
        f"    {var} = o[{key!r}]",
        "    left -= 1",
        *(f"    {line}" for line in checks()),
    ]


def _usual_read(var: str, key: str, absent: str, checks: _Checks) -> list[str]:
    """The read of an optional field whose key is usually there; ``absent`` is its default.

    Why: such a key costs one lookup with get() rather than two (a test, then the read).
    For a field whose default is None, an absent key and a null read the same: None,
    valid for it. A null then leaves ``left`` one too high, which only costs the lookups
    of the rest; it never skips a key the dict has.
    """
    if absent == "None":
        return [
            f"{var} = o.get({key!r})",
            f"if {var} is not None:",
            "    left -= 1",
            # get() returned something: the checks need not allow for None.
            *(f"    {line}" for line in checks(null=False)),
        ]
    # get() returns the default object itself only when the key is absent.
    return [
        f"{var} = o.get({key!r}, {absent})",
        f"if {var} is not {absent}:",
        "    left -= 1",
        *(f"    {line}" for line in checks()),
    ]


def _source(
    plan: _Plan,
    *,
    check_dict: bool,
    unread_keys: Collection[str],
    read_late: Sequence[str],
    read_last: Sequence[str],
    usual_keys: Sequence[Collection[str]],
) -> str:
    """The source of ``structure(o, _)``, assembled from the plan of a class's fields.

    In the order they run: the test that the value is a dict, the required reads, the
    count of keys left to account for, the usual shapes, then the groups of general
    reads, and the object built from what they read.

    Why the general reads end in one build: each copy of the build is a block of
    stores to compile at the first decode of a kind, and an entry that takes those
    reads pays only the few stores of its group defaults for sharing it. A usual shape
    keeps a build of its own, its defaults as constants: those are most entries.
    """
    groups = [
        group
        for group in (
            plan.common,
            [plan.late[name] for name in read_late if name in plan.late],
            [plan.rare[name] for name in read_last if name in plan.rare],
        )
        if group
    ]
    lines = [
        "def structure(o, _):",
        *(["    if o.__class__ is not dict: raise _Miss"] if check_dict else []),
        *plan.required,
    ]
    if groups:
        unread = " - ".join(f"({key!r} in o)" for key in unread_keys)
        left = f"    left = len(o) - {plan.required_keys}" + (f" - {unread}" if unread else "")
        lines.append(left)
    shapes = _shapes(plan.optional, usual_keys, {*read_late, *read_last})
    lines.extend(_usual_shapes(shapes, plan.optional, plan.values, plan.absent))
    lines.extend(_grouped_reads(groups, plan.absent))
    lines.extend(_built(plan.values))
    return "\n".join(lines) + "\n"


def _shapes(
    optional: Collection[str], usual_keys: Sequence[Collection[str]], elsewhere: Collection[str]
) -> list[list[str]]:
    """The usual shapes a class has: each the optional fields of one of ``usual_keys``.

    Each shape adds the class's own optional fields (those named in no set of
    ``usual_keys``, nor ``elsewhere``), in field order: an empty set gives the shape of
    those alone. A set that gives no field, or a shape already there, gives no shape.
    """
    named = {name for keys in usual_keys for name in keys} | set(elsewhere)
    own = [name for name in optional if name not in named]
    shapes: list[list[str]] = []
    for keys in usual_keys:
        shape = [name for name in optional if name in keys or name in own]
        if shape and shape not in shapes:
            shapes.append(shape)
    return shapes


def _grouped_reads(groups: Sequence[Sequence[_Read]], absent: Mapping[str, str]) -> list[str]:
    """The general reads, group after group, as function lines.

    Why groups: most entries have none of the keys of the later groups. Each group's
    reads run under ``if left:``, so once the earlier ones account for every key the
    later ones cost one test each; their variables keep the defaults set first.
    ``absent`` gives every optional field's value when its key is absent.
    """
    lines = _defaults([var for group in groups for var, _ in group], absent)
    for group in groups:
        lines.extend(_nested_under_left([block for _, block in group]))
    return lines


def _defaults(variables: Sequence[str], absent: Mapping[str, str]) -> list[str]:
    """Lines that set each of ``variables`` to its field's default, one line a default."""
    return [
        f"    {' = '.join(var for var in variables if absent[var] == default)} = {default}"
        for default in dict.fromkeys(absent[var] for var in variables)
    ]


def _defined(
    cls: type[Any], source: str, namespace: dict[str, Any]
) -> Callable[[Mapping[str, Any], Any], Any]:
    """The function ``source`` defines, its globals ``namespace``, its source kept for linecache.

    Why linecache: tracebacks and ``inspect.getsource()`` find the source there, under
    a file name that names the class.
    """
    filename = f"<greenapi_async fast structure {cls.__module__}.{cls.__qualname__}>"
    namespace["__builtins__"] = builtins.__dict__  # what ``exec`` would give it
    code = _function_code(source).replace(co_filename=filename)
    # No modification time: linecache keeps the entry for as long as the process runs.
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    return types.FunctionType(code, namespace)


# By source, the code of each function generated in this process, in the order generated.
_FUNCTION_CODE: Final[dict[str, types.CodeType]] = {}


def generated_sources() -> list[str]:
    """The source of every function this process has generated, in the order generated."""
    return list(_FUNCTION_CODE)


def _function_code(source: str) -> types.CodeType:
    """The code of the function ``source`` defines: compiled ahead, or else here, once.

    Why once: kinds with the same fields (the four media kinds) generate the same source,
    the values that differ being in the namespace it runs in, and compiling it is most
    of what generating a hook costs, a few ms each.
    """
    code = _FUNCTION_CODE.get(source)
    if code is None:
        code = function_code(source) or compiled_function(source)
        _FUNCTION_CODE[source] = code
    return code


def compiled_function(source: str) -> types.CodeType:
    """The code of the one function ``source`` defines, compiled from it now."""
    # Not with this module's future imports: compiled as the precompiled module is.
    module = compile(source, "<greenapi_async fast structure>", "exec", dont_inherit=True)
    (code,) = (const for const in module.co_consts if isinstance(const, types.CodeType))
    return code


def _usual_shapes(
    shapes: Sequence[Sequence[str]],
    optional: Mapping[str, _OptionalField],
    values: Mapping[str, str],
    absent: Mapping[str, str],
) -> list[str]:
    """Lines that try the usual shapes, one ``if``/``elif`` branch a count of keys.

    An entry read whole by a shape is built and returned in its branch. The shapes
    of one count are tried in turn within their branch; an entry that none reads goes
    on to the general reads.
    """
    lines: list[str] = []
    by_count: dict[int, list[Sequence[str]]] = {}
    for shape in shapes:
        by_count.setdefault(len(shape), []).append(shape)
    for branch, (count, same) in enumerate(by_count.items()):
        lines.append(f"    {'elif' if branch else 'if'} left == {count}:")
        for shape in same:
            lines.extend(_usual_shape(shape, optional, values, absent))
    return lines


def _usual_shape(
    shape: Sequence[str],
    optional: Mapping[str, _OptionalField],
    values: Mapping[str, str],
    absent: Mapping[str, str],
) -> list[str]:
    """Lines that build an entry whose optional keys are exactly ``shape``'s, as function lines.

    Why: most entries of a journal carry the same keys. When the count of keys left to
    account for is the shape's, one subscript per key (no ``get()`` call, no counting)
    reads them all, or a missing one raises ``KeyError`` and the entry goes on to the
    general reads, which find it has other keys. A null passes the checks of a field
    whose default is None, as its absent key would (``_add_optional`` takes only such
    fields whose type admits None). ``absent`` gives each optional
    field its value when its key is absent; the fields the shape has no key for get
    it, as a constant of the build.
    """
    reads = [optional[name] for name in shape]
    lines = [
        "        try:",
        *(f"            {var} = o[{key!r}]" for var, key, _ in reads),
        "        except KeyError:",
        "            pass",
        "        else:",
    ]
    # The check of a present value comes first, so that it costs one test, not two.
    lines.extend(f"            {line}" for _, _, checks in reads for line in checks())
    read = {var for var, _, _ in reads}
    unread = {var: default for var, default in absent.items() if var not in read}
    lines.extend(f"        {line}" for line in _built(values, unread))
    return lines


def _built(values: Mapping[str, str], unread: Mapping[str, str] | None = None) -> list[str]:
    """Lines that make the object, set every slot and hand it out, as function lines.

    ``values`` maps each field to the expression its slot gets; a field whose expression
    is a key of ``unread`` was not read and gets the default ``unread`` gives it instead.
    """
    unread = unread or {}
    return [
        "    self = _builder()",
        *(f"    self.{name} = {unread.get(v, v)}" for name, v in values.items()),
        "    self.__class__ = _cls",
        "    return self",
    ]


def _nested_under_left(blocks: Sequence[Sequence[str]]) -> list[str]:
    """The reads, each block under ``if left:`` inside the one before, as function lines.

    Read in order, the blocks run while keys remain; the first ``left`` found zero skips
    them all at once, which costs one test instead of one per field still to read.
    """
    lines: list[str] = []
    for depth, block in enumerate(blocks):
        indent = "    " * (depth + 2)
        lines.append(f"{indent[4:]}if left:")
        lines.extend(f"{indent}{line}" for line in block)
    return lines


def _accepts(field: attrs.Attribute[Any], constant: bool) -> bool:
    """Whether a field's validator is satisfied without running it on every object.

    Only a constant field's is: it is run once, here, on the constant.
    """
    if not constant or field.validator is None:
        return False
    try:
        field.validator(None, field, field.default)
    except Exception:  # noqa: BLE001 - any refusal: the slow, honest way then
        return False
    return True


def _checks(
    field: attrs.Attribute[Any],
    var: str,
    index: int,
    namespace: dict[str, Any],
    int_ranges: Mapping[str, tuple[int, int]],
    string_lookups: Mapping[Any, Mapping[str, Any]],
    hook_for: Callable[[Any], Callable[[Any, Any], Any]],
    *,
    null: bool = True,
) -> list[str]:
    """Lines that check (and where needed convert) the value read into ``var``.

    ``null=False`` when the code around them has made sure the value is not None.
    """
    inner = _optional_inner(field.type)
    not_null = f" and {var} is not None" if null else ""
    if field.name in int_ranges and field.type is int:
        low, high = int_ranges[field.name]
        return [f"if {var}.__class__ is not int or not {low} <= {var} <= {high}: raise _Miss"]
    if field.type in string_lookups:
        namespace[f"_lookup{index}"] = string_lookups[field.type]
        checks = [
            f"if {var}.__class__ is not str: raise _Miss",
            f"{var} = _lookup{index}.get({var}, {var})",
        ]
        if null and _NONE in get_args(field.type):  # optional: null stays None
            return [f"if {var} is not None:", *(f"    {line}" for line in checks)]
        return checks
    if field.type in _SCALARS:
        namespace[f"_type{index}"] = field.type
        return [f"if {var}.__class__ is not _type{index}: raise _Miss"]
    if inner is float:
        # JSON has one number type: an int is a valid float (a latitude of 55), a bool not.
        namespace["_int_as_float"] = _int_as_float
        return [f"if {var}.__class__ is not float{not_null}: {var} = _int_as_float({var})"]
    if inner in _SCALARS:
        namespace[f"_type{index}"] = inner
        return [f"if {var}.__class__ is not _type{index}{not_null}: raise _Miss"]
    namespace[f"_hook{index}"] = hook_for(inner if inner is not None else field.type)
    namespace[f"_type{index}"] = inner if inner is not None else field.type
    call = f"{var} = _hook{index}({var}, _type{index})"
    return [f"if {var} is not None: {call}" if inner is not None and null else call]
