"""Every example in the README and docs/ runs, so that a renamed argument breaks the build.

How a page's fenced blocks are treated (``docs/contributing-docs.md`` says the same):

- ``python``: run as a script, top-level ``await`` allowed, in a temporary directory,
  against a fresh ``FakeGreenAPI.sandbox()`` served over HTTP on loopback, whose
  credentials are in ``GREENAPI_ID_INSTANCE``, ``GREENAPI_API_TOKEN`` and
  ``GREENAPI_API_URL``. ``__name__`` is not ``"__main__"``, so that an app's
  ``if __name__ == "__main__":`` server start is skipped.
- ``python`` after ``<!-- pytest -->``: a test file, run by pytest (pytester, in this
  process, as a session of its own with this package's plugin); every test in it must
  pass, without a warning.
- ``python`` after ``<!-- continue -->``: runs in what the previous ``python`` block of the
  same page left behind (imports, variables), against the same fake.
- ``console``: each ``$ greenapi-async ...`` line runs (up to a ``|``: what is piped to is
  not ours to run) and must exit 0. The lines after it, up to the next ``$`` line, are its
  output: they must be what it prints (standard output and error, as a terminal shows
  them; trailing white space aside). A line ``...`` stands for any number of lines left
  out; a command shown without output is not compared, and one piped to another program
  may show none (it would be that program's). Other ``$`` lines (``$ pip install ...``)
  are not run. A page's commands run in order against one ``FakeGreenAPI.sandbox()``
  served on loopback, whose credentials are in the environment; ``--sandbox`` starts its
  own, as it does for a user, so such a command is a test of its own. Each runs in the
  test's process, through the function the installed ``greenapi-async`` script calls,
  with its arguments in ``sys.argv``: starting an interpreter per command would cost a
  second and a half each, and ``tests/test_cli.py`` runs the script itself.

  What would change from run to run is pinned, not normalised away: the sandbox's clock
  starts at ``DOCS_START``, 2026-11-28 12:00:00 UTC (``tests/docs_clock.py``), instead of
  now; the time zone is UTC; no terminal width is set (``COLUMNS``). Ids of messages sent
  during the run need nothing: a sandbox numbers them from ``BAE5FA4E00000001``. One
  normalisation is left: ``watch`` prints events at the moments they happen during its
  run, so each time it prints (table or ``"timestamp"``) may be ``EVENT_SLACK`` seconds
  from the one shown; every other time must be exact.
- Any other language (``json``, ``text``, ``sh``, ``toml``): shown, not run.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import datetime
import difflib
import faulthandler
import io
import re
import shlex
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from greenapi_async.testing import FakeGreenAPI, serve

from .console_script import command_line
from .docs_clock import sandbox_clock_at_docs_start

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
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) >= 1, result.stdout.str()
    assert set(outcomes) <= {"passed", "warnings"}, result.stdout.str()


@attrs.frozen
class Command:
    """A ``$ greenapi-async ...`` line of a console block, and the output shown after it."""

    block: Block
    line: int
    argv: list[str]
    piped: bool
    shown: list[str]

    @property
    def id(self) -> str:
        return f"{self.block.page.relative_to(ROOT)}:{self.line}"

    @property
    def own_sandbox(self) -> bool:
        return "--sandbox" in self.argv


def _commands(block: Block) -> list[Command]:
    """Each ``$ greenapi-async`` line of ``block``, with the lines up to the next ``$``."""
    commands: list[Command] = []
    shown: list[str] | None = None  # the output of the command being read, if it is ours
    for number, line in enumerate(block.code.splitlines(), start=block.line):
        if line.startswith("$ "):
            shown = None
            if line.startswith("$ greenapi-async "):
                argv = shlex.split(line.removeprefix("$ "))
                piped = "|" in argv
                if piped:
                    argv = argv[: argv.index("|")]  # what is piped to is not ours to run
                shown = []
                commands.append(Command(block, number, argv, piped, shown))
        elif shown is not None:
            shown.append(line.rstrip())
    for command in commands:
        while command.shown and not command.shown[-1]:
            command.shown.pop()
    return commands


CONSOLE_COMMANDS = [
    command
    for page in PAGES
    for block in blocks_of(page)
    if block.lang == "console"
    for command in _commands(block)
]
# A page's commands run in order against the page's sandbox; one with --sandbox starts
# its own, so it runs on its own (and, waiting on the lively sandbox, beside the others).
PAGE_COMMANDS = {
    page: commands
    for page in PAGES
    if (commands := [c for c in CONSOLE_COMMANDS if c.block.page == page and not c.own_sandbox])
}
SANDBOX_COMMANDS = [command for command in CONSOLE_COMMANDS if command.own_sandbox]
# `watch` prints events at the moments they happen during its run: their times may be
# this many seconds from those shown. Every other time printed is exact.
EVENT_SLACK = 3
_WHEN = re.compile(r"(?P<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)|\"timestamp\": ?(?P<unix>\d+)")
_ANY_LINES = "..."  # a line of its own in shown output: any number of lines left out


def _seconds(moment: str) -> int:
    """A time as the commands print it here (in UTC), or a JSON timestamp, in Unix seconds."""
    if moment.isdigit():
        return int(moment)
    when = datetime.datetime.strptime(moment, "%Y-%m-%d %H:%M:%S")
    return int(when.replace(tzinfo=datetime.timezone.utc).timestamp())


def _shown_pattern(shown: list[str], *, slack: bool) -> tuple[re.Pattern[str], list[int]]:
    """A pattern of the shown output, and the moments it shows where times may move."""
    pieces: list[str] = []
    moments: list[int] = []
    for line in shown:
        if line == _ANY_LINES:
            pieces.append(r"(?:[^\n]*\n)*?")
            continue
        at = 0
        for match in _WHEN.finditer(line) if slack else ():
            pieces.append(re.escape(line[at : match.start()]))
            if match["unix"] is not None:
                pieces.append(re.escape(match[0][: -len(match["unix"])]) + r"(\d+)")
            else:
                pieces.append(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)")
            moments.append(_seconds(match["unix"] or match["time"]))
            at = match.end()
        pieces.append(re.escape(line[at:]) + "\n")
    return re.compile("".join(pieces)), moments


def _prints_what_is_shown(command: Command, printed: str) -> bool:
    slack = command.argv[1] == "watch"
    pattern, shown_moments = _shown_pattern(command.shown, slack=slack)
    lines = [line.rstrip() for line in printed.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    match = pattern.fullmatch("".join(f"{line}\n" for line in lines))
    if match is None:
        return False
    return all(
        abs(_seconds(printed) - shown) <= EVENT_SLACK
        for printed, shown in zip(match.groups(), shown_moments, strict=True)
    )


@pytest.fixture
def docs_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A reader's shell as the pages assume it: in UTC, no terminal width, an empty folder."""
    for name in ("COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.chdir(tmp_path)
    time.tzset()
    try:
        yield
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.fixture
def docs_sandbox_env(monkeypatch: pytest.MonkeyPatch, docs_terminal: None) -> Iterator[None]:
    """The page's sandbox, started at the moment the pages show, its credentials set."""
    # Without the rate limit: a reader types commands seconds apart, here they follow
    # each other within the second, and only the client's wait after a 429 would differ.
    with sandbox_clock_at_docs_start():
        fake = FakeGreenAPI.sandbox(rate_limit=False)
    with serve(fake) as url:
        monkeypatch.setenv("GREENAPI_ID_INSTANCE", fake.instance.id_instance)
        monkeypatch.setenv("GREENAPI_API_TOKEN", fake.instance.api_token)
        monkeypatch.setenv("GREENAPI_API_URL", url)
        yield


def _run_as_typed(command: Command) -> None:
    """Run ``command`` as the shell would (in this process), and compare what it prints."""
    # Shown after a pipe, output is the other program's, which is not ours to run.
    assert not (command.piped and command.shown), f"{command.id}: output after a pipe"
    printed = io.StringIO()  # standard output and error, as a terminal shows both
    with (
        pytest.MonkeyPatch.context() as patches,
        contextlib.redirect_stdout(printed),
        contextlib.redirect_stderr(printed),
        sandbox_clock_at_docs_start(),
    ):
        # No terminal behind the output, as in a pipe: tables keep their own widths.
        patches.setattr(sys, "__stdout__", printed)
        try:
            code: object = command_line(*command.argv[1:])
        except SystemExit as exit_:  # --help, and argparse's usage errors
            code = exit_.code
    assert code in (0, None), (command.id, printed.getvalue())
    if command.shown and not _prints_what_is_shown(command, printed.getvalue()):
        diff = difflib.unified_diff(
            command.shown, printed.getvalue().splitlines(), "shown", "printed", lineterm=""
        )
        pytest.fail(f"{command.id}: the page shows another output\n" + "\n".join(diff))


@pytest.mark.parametrize("page", PAGE_COMMANDS, ids=lambda page: page.name)
@pytest.mark.usefixtures("docs_sandbox_env", "hang_guard")
def test_console_examples_run_and_print_what_the_page_shows(page: Path) -> None:
    for command in PAGE_COMMANDS[page]:
        _run_as_typed(command)


# A --sandbox command starts its own sandbox: the page's is not served for it.
@pytest.mark.parametrize("command", SANDBOX_COMMANDS, ids=lambda command: command.id)
@pytest.mark.usefixtures("docs_terminal", "hang_guard")
def test_sandbox_console_examples_print_what_the_page_shows(command: Command) -> None:
    _run_as_typed(command)


def _shown(command_line: str, *shown: str) -> Command:
    block = Block(ROOT / "README.md", 1, "console", None, "")
    return Command(block, 1, shlex.split(command_line), False, list(shown))


def test_the_output_shown_is_compared_exactly_but_for_the_moments_of_watch_events() -> None:
    row = "2026-11-28 11:54:50  4915112345678@c.us  video  delivered  clip-2.mp4"
    later = row.replace(":50", ":52")
    table = _shown("greenapi-async last-outgoing", "TIME", row, "...", "", "37 message(s).")
    assert _prints_what_is_shown(table, f"TIME\n{row}\nmore\nrows\n\n37 message(s).\n")
    assert _prints_what_is_shown(table, f"TIME\n{row}\n\n37 message(s).\n")
    assert not _prints_what_is_shown(table, f"TIME\n{later}\n\n37 message(s).\n")
    assert not _prints_what_is_shown(table, f"TIME\n{row}\n\n36 message(s).\n")
    assert not _prints_what_is_shown(table, f"TIME\n{row}\n")
    events = _shown("greenapi-async watch --sandbox", row, '{"timestamp":1795867202}')
    assert _prints_what_is_shown(events, f'{later}\n{{"timestamp":1795867205}}\n')
    assert not _prints_what_is_shown(events, f'{later}\n{{"timestamp":1795867206}}\n')
    assert not _prints_what_is_shown(
        events, f'{row.replace(":50", ":59")}\n{{"timestamp":1795867202}}\n'
    )
    assert not _prints_what_is_shown(
        events, f'{later.replace("video", "image")}\n{{"timestamp":1795867202}}\n'
    )


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
