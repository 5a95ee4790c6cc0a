"""The decoder's generated functions, compiled ahead of time into a module of the package.

Why: the first decode of a journal generates a function for each kind it holds and
for each nested object (see ``_fastpath``), and compiling their source costs about 18 ms
for every kind, 7 for a usual journal's, in every fresh process (each CLI run, each
worker): a large part of a first answer's start-up. The same functions,
written out in ``_precompiled_code.py``, are compiled once, by the install or the first
import that may write Python's bytecode cache, and from then on unmarshalled from that
cache in well under a millisecond, all of them.

A generated source is looked up there by its digest, so a stale file can only miss,
never give another source's code; what is found is the code Python compiles from that
very source (``tests/test_precompiled.py`` compares both for every function, and fails
when the file no longer holds every source the models generate). A source not found, a
module without a valid bytecode cache where none may be written, or one that fails to
load: the source is compiled as before, slower and never different.

``nox -s precompile`` writes the file again from the models, in a fresh interpreter, so
that it holds the package's own functions and nothing else.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.machinery
import importlib.util
import os
import sys
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

__all__ = ["function_code", "module_text", "written"]

_FILE: Final = "_precompiled_code.py"
_MODULE: Final = f"{__package__}._precompiled_code"
_GENERATED_NAME: Final = "structure"
_HEADER: Final = '''\
"""The decoder's generated functions, compiled ahead of time (see ``_precompiled``).

Written by ``nox -s precompile`` from the models: do not edit.
"""

# fmt: off
'''


def _digest_name(source: str) -> str:
    """The name of the function of ``source`` in the module: its digest's first 96 bits."""
    return f"_{hashlib.sha256(source.encode()).hexdigest()[:24]}"


def function_code(source: str) -> types.CodeType | None:
    """The code of the one function ``source`` defines, as compiled ahead, or None.

    Its name, first line and file are those of ``source`` compiled alone; the caller
    names the file.
    """
    functions = _functions()
    function = functions.get(_digest_name(source)) if functions is not None else None
    if not isinstance(function, types.FunctionType):
        return None
    code = function.__code__.replace(co_name=_GENERATED_NAME, co_firstlineno=1)
    if sys.version_info >= (3, 11):
        code = code.replace(co_qualname=_GENERATED_NAME)
    return code


class _NotCachedError(Exception):
    """The module's bytecode cache is missing or stale, and is not to be written."""


class _CachedOnlyLoader(importlib.machinery.SourceFileLoader):
    """A loader that takes a module's code from its bytecode cache, or refuses.

    Python's own loader checks the cache against the source (its time and size, or its
    hash) and compiles the source when they do not match: this one refuses instead.
    """

    # Typeshed's signature differs between Python versions; the loader calls it positionally.
    def source_to_code(self, *_: Any, **__: Any) -> types.CodeType:  # type: ignore[override]
        raise _NotCachedError


@functools.cache
def _functions() -> dict[str, object] | None:
    """The functions of the module of compiled code, by name, if its bytecode may be had.

    Read by Python's own loader from the file beside this one, not imported: a loader of
    another kind in the way (pytest rewrites the modules of a package that is a plugin
    of its) would compile it again in every process, and it needs no place in
    ``sys.modules``. With no valid cache, the module is compiled, and its cache written,
    only where Python writes caches: compiling it costs several times what one process
    saves, so otherwise each source is compiled when it is needed.
    """
    origin = Path(__file__).with_name(_FILE)
    try:
        cached = Path(importlib.util.cache_from_source(str(origin)))
        writes = _may_write(cached)
        loader = importlib.machinery.SourceFileLoader if writes else _CachedOnlyLoader
        code = loader(_MODULE, str(origin)).get_code(_MODULE)
        if code is None:
            return None
        namespace: dict[str, object] = {"__name__": _MODULE, "__file__": str(origin)}
        exec(code, namespace)  # noqa: S102 - the package's own module
    except Exception:  # noqa: BLE001 - no cache, no file, any failure: compiled as needed
        return None
    return namespace


def _may_write(cached: Path) -> bool:
    """Whether Python would write the bytecode cache file ``cached``."""
    if sys.dont_write_bytecode:
        return False
    folder = cached.parent if cached.parent.exists() else cached.parent.parent
    return os.access(folder, os.W_OK)


def module_text(sources: Iterable[str]) -> str:
    """The text of the module that holds the functions ``sources`` define, by digest."""
    prefix = f"def {_GENERATED_NAME}("
    functions = []
    for source in sorted(set(sources), key=_digest_name):
        if not source.startswith(prefix):
            raise ValueError(f"not a generated function: {source[:40]!r}")
        functions.append(f"def {_digest_name(source)}({source[len(prefix) :]}")
    return _HEADER + "\n\n".join(functions)


def written() -> str:  # pragma: no cover - run in a fresh interpreter (nox -s precompile)
    """The module's text for the functions the models generate, from a fresh interpreter's hooks."""
    from . import _converter, _fastpath, _models  # not at import: _fastpath imports this

    converter = _converter._build_converter(detailed=False)
    for kind in _models.KIND_BY_TAG.values():
        converter.get_structure_hook(kind)
    return module_text(_fastpath.generated_sources())
