"""The decoder's functions compiled ahead: the same code, every one of them, and used."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import msgspec
import pytest

import greenapi_async as ga
from greenapi_async import _precompiled_code
from greenapi_async._fastpath import compiled_function
from greenapi_async._precompiled import function_code
from greenapi_async.testing import FakeGreenAPI

# What a user's interpreter has: leave to Python whether it writes its bytecode cache.
_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def _run(code: str, cache: Path, *args: str, **env: str) -> str:
    """What ``code`` prints, run with ``args`` in a fresh interpreter caching in ``cache``."""
    finished = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env={**_ENV, "PYTHONPYCACHEPREFIX": str(cache), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


def test_the_precompiled_module_holds_the_functions_the_models_generate(tmp_path: Path) -> None:
    # A model changed without `nox -s precompile` leaves its functions compiled at run
    # time: right, and slower to start. This says which file to write again.
    code = "import sys, greenapi_async._precompiled as p; sys.stdout.write(p.written())"
    written = _run(code, tmp_path)
    kept = Path(inspect.getfile(_precompiled_code)).read_text(encoding="utf-8")
    assert written == kept, "greenapi_async/_precompiled_code.py is stale: run nox -s precompile"


def _precompiled_sources() -> list[str]:
    """The generated source of each function the module holds, as the decoder makes it."""
    functions = [value for name, value in vars(_precompiled_code).items() if name.startswith("_")]
    sources = []
    for function in functions:
        if not inspect.isfunction(function):
            continue
        source = inspect.getsource(function)
        sources.append(source.replace(f"def {function.__name__}(", "def structure(", 1))
    return sources


def test_every_precompiled_function_is_the_code_its_source_compiles_to() -> None:
    sources = _precompiled_sources()
    assert len(sources) > 20  # a kind each, shared by kinds of the same fields, and parts
    for source in sources:
        found = function_code(source)
        assert found is not None
        compiled = compiled_function(source)
        assert found.replace(co_filename="x") == compiled.replace(co_filename="x")
        assert (found.co_name, found.co_firstlineno) == ("structure", 1)
        if sys.version_info >= (3, 11):  # code objects compare equal whatever their qualname
            assert found.co_qualname == "structure"


def test_a_source_not_precompiled_is_not_found() -> None:
    (source, *_) = _precompiled_sources()
    assert function_code(source.replace("raise _Miss", "raise _Miss  ", 1)) is None


# Decodes a journal; prints how many kinds it held, how many of the decoder's functions
# were compiled, and how many times the module of precompiled functions was.
_PROBE = """
    import sys
    compiled = []
    def watch(event, args):
        if event == "compile":
            compiled.append(str(args[1]))
    sys.addaudithook(watch)
    import greenapi_async as ga
    messages = ga.decode_outgoing_messages(open(sys.argv[1], "rb").read())
    ours = compiled.count("<greenapi_async fast structure>")
    whole = sum(name.endswith("_precompiled_code.py") for name in compiled)
    print(len({type(message) for message in messages}), ours, whole)
"""


def _probe(body: Path, cache: Path, **env: str) -> tuple[int, int, int]:
    printed = _run(_PROBE, cache, str(body), **env)
    kinds, compiled, whole = map(int, printed.split())
    return kinds, compiled, whole


@pytest.fixture
def journal_of_every_kind(tmp_path: Path) -> Path:
    body = tmp_path / "journal.json"
    body.write_bytes(msgspec.json.encode(FakeGreenAPI().instance.seed(300, seed=11)))
    return body


def test_a_first_decode_of_every_kind_compiles_none_of_the_decoders_functions(
    journal_of_every_kind: Path, tmp_path: Path
) -> None:
    # Decoding compiles a function for each kind and nested object it meets; once the
    # bytecode cache holds the precompiled module, a fresh process compiles none. The
    # first process writes that cache (in a folder of the test's own), as a user's first
    # run does where the install did not; an install's cache serves a process that
    # writes none.
    kinds = len(ga.OutgoingMessage.__args__)
    cache = tmp_path / "cache"
    assert _probe(journal_of_every_kind, cache) == (kinds, 0, 1)
    assert _probe(journal_of_every_kind, cache) == (kinds, 0, 0)
    assert _probe(journal_of_every_kind, cache, PYTHONDONTWRITEBYTECODE="1") == (kinds, 0, 0)


def test_without_a_bytecode_cache_each_function_is_compiled_when_needed(tmp_path: Path) -> None:
    # Compiling the module with no cache to write would cost every process all of the
    # package's functions: only those a journal needs are compiled.
    body = tmp_path / "texts.json"
    text = {"typeMessage": "textMessage", "idMessage": "M", "timestamp": 1, "chatId": "1@c.us"}
    body.write_bytes(msgspec.json.encode([text]))
    empty = tmp_path / "empty"
    kinds, compiled, whole = _probe(body, empty, PYTHONDONTWRITEBYTECODE="1")
    assert (kinds, whole) == (1, 0)
    assert 0 < compiled < len(_precompiled_sources()) // 4  # a text's and its quote's
