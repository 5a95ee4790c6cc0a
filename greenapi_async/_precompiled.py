"""The decoder's generated functions, compiled ahead of time into a module of the package.

Why: the first decode of a journal generates a function for each kind it holds and
for each nested object (see ``_fastpath``), and compiling their source is most of what
that first decode costs above cattrs' own: tens of ms for every kind, about 10 for a
usual journal's, in every fresh process (each CLI run, each worker). The same functions,
written out in ``_precompiled_code.py``, are compiled once, by the install or the first
import that may write Python's bytecode cache, and from then on unmarshalled from that
cache in well under a millisecond, all of them.

A generated source is looked up there by its digest; what is found is the code Python
compiles from that very source (``tests/test_precompiled.py`` compares both, and fails
when the file no longer holds every source the models generate). A source not found, a
module whose bytecode Python cannot cache, or one that fails to import: the source is
compiled as before, slower and never different.

``nox -s precompile`` writes the file again from the models, in a fresh interpreter, so
that it holds the package's own functions and nothing else.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import os
import sys
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Final

__all__ = ["function_code", "module_text", "written"]

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
    module = _module()
    function = getattr(module, _digest_name(source), None) if module is not None else None
    if not isinstance(function, types.FunctionType):
        return None
    code = function.__code__.replace(co_name=_GENERATED_NAME, co_firstlineno=1)
    if sys.version_info >= (3, 11):
        code = code.replace(co_qualname=_GENERATED_NAME)
    return code


@functools.cache
def _module() -> types.ModuleType | None:
    """The module of compiled functions, if Python has or may write its bytecode cache.

    Without a cache, importing it would compile every function the package has, more
    than the few a process needs; each source is then compiled when it is needed.
    """
    spec = importlib.util.find_spec(_MODULE)
    if spec is None or spec.cached is None:
        return None
    cached = Path(spec.cached)
    if not cached.exists() and not _may_write(cached):
        return None
    try:
        return importlib.import_module(_MODULE)
    except Exception:  # noqa: BLE001 - any failure: each source is compiled instead
        return None


def _may_write(cached: Path) -> bool:
    """Whether an import would write the bytecode cache file ``cached``."""
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
