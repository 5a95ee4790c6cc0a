"""Every example in the README and docs/ runs, so that a renamed argument breaks the build.

How a page's fenced blocks are treated (``docs/contributing-docs.md`` says the same):

- ``python``: run as a script, top-level ``await`` allowed, in a temporary directory,
  against a fresh ``FakeGreenAPI.sandbox()`` served over HTTP on loopback, whose
  credentials are in ``GREENAPI_ID_INSTANCE``, ``GREENAPI_API_TOKEN`` and
  ``GREENAPI_API_URL``. ``__name__`` is not ``"__main__"``, so that an app's
  ``if __name__ == "__main__":`` server start is skipped.
- ``python`` after ``<!-- pytest -->``: a test file, run by pytest in a subprocess; every
  test in it must pass.
- ``python`` after ``<!-- continue -->``: runs in what the previous ``python`` block of the
  same page left behind (imports, variables), against the same fake.
- ``console``: each ``$ greenapi-async ...`` line runs with the same credentials and must
  exit 0. Other lines (``$ pip install ...``, output) are not run.
- Any other language (``json``, ``text``, ``sh``, ``toml``): shown, not run.
"""

from __future__ import annotations

import ast
import asyncio
import faulthandler
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from greenapi_async.testing import FakeGreenAPI, serve

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(
    r"^(?:<!-- (?P<marker>[a-z-]+) -->[ \t]*\n)?```(?P<lang>\w*)\n(?P<code>.*?)^```", re.M | re.S
)
BLOCK_TIMEOUT = 60.0

pytest_plugins = ["pytester"]


@attrs.frozen
class Block:
    page: Path
    line: int
    lang: str
    marker: str | None
    code: str

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks_of(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    return [
        Block(
            page,
            text.count("\n", 0, match.start("code")) + 1,
            match["lang"],
            match["marker"],
            match["code"],
        )
        for match in FENCE.finditer(text)
    ]


ALL_BLOCKS = [block for page in PAGES for block in blocks_of(page)]
MARKERS = {None, "pytest", "continue"}
LANGUAGES = {"python", "console", "json", "text", "sh", "toml"}


def _chains() -> list[list[Block]]:
    """Python blocks grouped so that each ``continue`` block runs after its predecessors."""
    chains: list[list[Block]] = []
    for block in ALL_BLOCKS:
        if block.lang != "python" or block.marker == "pytest":
            continue
        if block.marker == "continue":
            assert chains, f"{block.id}: nothing to continue"
            assert chains[-1][-1].page == block.page, f"{block.id}: continues another page"
            chains[-1].append(block)
        else:
            chains.append([block])
    return chains


@pytest.fixture
def sandbox_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[dict[str, str]]:
    fake = FakeGreenAPI.sandbox(rate_limit=True)
    instance = fake.instance
    with serve(fake) as url:
        env = {
            "GREENAPI_ID_INSTANCE": instance.id_instance,
            "GREENAPI_API_TOKEN": instance.api_token,
            "GREENAPI_API_URL": url,
        }
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(tmp_path)
        yield env


def test_every_block_uses_a_known_marker_and_the_docs_have_examples() -> None:
    assert {block.marker for block in ALL_BLOCKS} <= MARKERS
    run = [b for b in ALL_BLOCKS if b.lang in ("python", "console")]
    pages_with_examples = {b.page.name for b in run}
    assert len(run) >= 30, len(run)
    assert "README.md" in pages_with_examples
    # An unlabelled fence would silently never run; say what it is.
    unlabelled = [b.id for b in ALL_BLOCKS if not b.lang]
    assert not unlabelled, unlabelled
    # Code under a __main__ guard is skipped: it may only start a server, never the
    # program whose output the page shows.
    guarded = [
        b.id
        for b in ALL_BLOCKS
        if b.lang == "python"
        and '__name__ == "__main__"' in b.code
        and re.search(r"(asyncio|anyio)\.run\(", b.code.split('__name__ == "__main__"')[1])
    ]
    assert not guarded, guarded
    # Fences the extraction does not read (indented, as in a list or an admonition, or
    # written with tildes) would never run: none are allowed.
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        odd = re.findall(r"^(?:[ \t]+```|~~~).*$", text, re.M)
        assert not odd, (page.name, odd)
        # Every opening fence names a language this harness knows, with nothing after it
        # (```py or ```python title="x" would not be read as Python), and every one was
        # extracted.
        openers = re.findall(r"^```(.+)$", text, re.M)
        assert set(openers) <= LANGUAGES, (page.name, set(openers) - LANGUAGES)
        assert len(openers) == len(blocks_of(page)), page.name
        # A marker is an HTML comment on the line right before its fence, spelled exactly.
        for comment in re.finditer(r"^<!--.*-->[ \t]*$", text, re.M):
            marker = re.fullmatch(r"<!-- ([a-z-]+) -->", comment[0].strip())
            if marker is not None and marker[1] in MARKERS:
                after = text[comment.end() + 1 :].split("\n", 1)[0]
                assert after.startswith("```"), (page.name, comment[0], after)
            else:
                assert not re.search(r"pytest|continue", comment[0]), (page.name, comment[0])


async def _run_script(code: str, namespace: dict[str, Any], name: str) -> None:
    # An exception in a task the example started and never awaited must fail it too.
    unhandled: list[dict[str, Any]] = []
    asyncio.get_running_loop().set_exception_handler(lambda _, context: unhandled.append(context))
    compiled = compile(code, name, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    result = eval(compiled, namespace)  # noqa: S307 - our own documentation's examples
    if asyncio.iscoroutine(result):
        await result
    await asyncio.sleep(0)
    assert not unhandled, unhandled


@pytest.fixture
def hang_guard() -> Iterator[None]:
    # A whole program runs in its own event loop, where no timeout of ours can reach: if
    # it hangs, dump every thread's stack and end the run rather than stall CI.
    faulthandler.dump_traceback_later(BLOCK_TIMEOUT * 3, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.mark.parametrize("chain", _chains(), ids=lambda chain: chain[0].id)
@pytest.mark.usefixtures("hang_guard")
def test_python_example_runs(chain: list[Block], sandbox_env: dict[str, str]) -> None:
    namespace: dict[str, Any] = {"__name__": "docs_example"}
    for block in chain:
        if "asyncio.run(" in block.code or "anyio.run(" in block.code:
            # A complete program: it starts its own event loop.
            compiled = compile(block.code, block.id, "exec")
            exec(compiled, namespace)  # noqa: S102 - our own documentation's examples
        else:
            script = _run_script(block.code, namespace, block.id)
            asyncio.run(asyncio.wait_for(script, BLOCK_TIMEOUT))


@pytest.mark.parametrize(
    "block",
    [b for b in ALL_BLOCKS if b.lang == "python" and b.marker == "pytest"],
    ids=lambda block: block.id,
)
def test_pytest_example_passes(block: Block, pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_example=block.code)
    pytester.makeini(
        "[pytest]\nasyncio_mode = strict\nasyncio_default_fixture_loop_scope = function\n"
        "filterwarnings = error\n"
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) >= 1, result.stdout.str()
    assert set(outcomes) <= {"passed", "warnings"}, result.stdout.str()


def _commands(block: Block) -> list[list[str]]:
    return [
        shlex.split(line.removeprefix("$ "))
        for line in block.code.splitlines()
        if line.startswith("$ greenapi-async ")
    ]


@pytest.mark.parametrize(
    "block",
    [b for b in ALL_BLOCKS if b.lang == "console" and _commands(b)],
    ids=lambda block: block.id,
)
def test_console_example_runs(block: Block, sandbox_env: dict[str, str]) -> None:
    for command in _commands(block):
        if "|" in command:
            command = command[: command.index("|")]  # what is piped to is not ours to run
        result = subprocess.run(  # noqa: S603 - our own CLI, with our docs' arguments
            [sys.executable, "-m", "greenapi_async", *command[1:]],
            env={**os.environ, **sandbox_env},
            capture_output=True,
            text=True,
            timeout=BLOCK_TIMEOUT,
            check=False,
        )
        assert result.returncode == 0, (command, result.stdout, result.stderr)


def test_the_table_of_methods_in_the_docs_is_the_one_the_client_paces_by() -> None:
    # The one table the transport, the fake and the docs read: the page must not drift.
    from greenapi_async._methods import METHODS

    # The journals' rows on their page, the sends' and the queue's on theirs.
    pages = "".join(
        (ROOT / "docs" / name).read_text(encoding="utf-8") for name in ("journal.md", "sending.md")
    )
    rows = re.findall(r"^\| `(\w+)` \| (GET|POST) \| ([0-9.]+) \| (.*?) \|$", pages, re.M)
    documented = {
        name: (verb, float(rate), sorted(re.findall(r"`(\w+)=(\d+)`", defaults)))
        for name, verb, rate, defaults in rows
    }
    assert documented == {
        spec.name: (
            spec.verb,
            spec.rate,
            sorted((key, str(value)) for key, value in spec.defaults.items()),
        )
        for spec in METHODS.values()
    }


def _functions(source: str) -> dict[str, str]:
    """Each top-level function of ``source`` as its AST (so comments and layout don't count)."""
    return {
        node.name: ast.dump(node)
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef)
    }


@pytest.mark.parametrize(
    ("section", "example"), [("## FastAPI", "fastapi_app.py"), ("## aiohttp", "aiohttp_app.py")]
)
def test_the_integration_pages_apps_are_the_examples_apps(section: str, example: str) -> None:
    # The page says that these are the apps in examples/: the code must not drift apart.
    page = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    shown = _functions(blocks_of_section(page, section))
    examples = ROOT / "examples"
    shipped = {
        **_functions((examples / "delivery_report.py").read_text(encoding="utf-8")),
        **_functions((examples / example).read_text(encoding="utf-8")),
    }
    assert {"create_app", "summarize"} <= set(shown)
    for name, tree in shown.items():
        assert tree == shipped[name], f"{name} on the page differs from examples/"


def blocks_of_section(page: str, heading: str) -> str:
    """The first python block under ``heading``."""
    start = page.index(f"\n{heading}\n")
    match = FENCE.search(page, start)
    assert match is not None
    assert match["lang"] == "python"
    return match["code"]
