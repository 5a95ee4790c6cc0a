"""The greenapi-async command: sandbox runs, filters, JSON, errors and exit codes."""

from __future__ import annotations

import contextlib
import getpass
import io
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

import greenapi_async._json
from greenapi_async._methods import METHODS
from greenapi_async.testing import (
    FakeClock,
    FakeGreenAPI,
    Fault,
    image_message,
    serve,
    text_message,
)

from .conftest import ServeFake
from .console_script import command_line
from .loopback import LoopbackServer, Reply

# The exit codes docs/cli.md documents.
EXIT_API_ERROR = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_LIMIT = 4
EXIT_NETWORK = 5
EXIT_BAD_RESPONSE = 6
EXIT_DELIVERY_FAILED = 7
EXIT_DELIVERY_TIMEOUT = 8
EXIT_NOT_CONFIRMED = 9
EXIT_INTERRUPTED = 130
EXIT_OUTPUT_CLOSED = 141


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = command_line(*argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch, serve_fake: ServeFake) -> FakeGreenAPI:
    """A fake on real HTTP, with the environment pointing at it."""
    fake = FakeGreenAPI(rate_limit=False)
    instance = fake.add_instance("1101000001", "cliToken42")
    instance.add(text_message("first line\nsecond line"), chat_id="79001111111@c.us")
    instance.add(text_message("read one"), chat_id="79002222222@c.us", status="read")
    monkeypatch.setenv("GREENAPI_ID_INSTANCE", "1101000001")
    monkeypatch.setenv("GREENAPI_API_TOKEN", "cliToken42")
    monkeypatch.setenv("GREENAPI_API_URL", serve_fake(fake))
    return fake


def test_the_sandbox_prints_a_table_of_realistic_messages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "last-outgoing", "--sandbox")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["TIME", "CHAT", "KIND", "STATUS", "PREVIEW"]
    assert lines[-1].endswith("message(s).")
    assert any("@g.us" in line for line in lines)
    assert any(" read " in line for line in lines)


def test_json_output_is_one_snake_case_array(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "last-outgoing", "--sandbox", "--json", "--kind", "poll")
    assert code == 0
    messages = json.loads(out)
    assert messages
    assert {m["type_message"] for m in messages} == {"pollMessage"}
    assert {"id_message", "status_message", "chat_id", "poll_message_data"} <= set(messages[0])


def test_filters_by_chat_status_and_kind(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "last-outgoing", "--status", "READ", "--json")
    assert code == 0
    assert [m["text_message"] for m in json.loads(out)] == ["read one"]
    code, out, _ = run(capsys, "last-outgoing", "--chat", "79001111111@c.us")
    assert "first line second line" in out
    assert "read one" not in out
    code, out, _ = run(capsys, "last-outgoing", "--kind", "image")
    assert out.strip() == "0 of 2 outgoing messages in this window matched --kind image."


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--status", "delivred"], "did you mean 'delivered'?"),
        (["--status", "nonsense"], "known statuses: pending, sent, delivered, read"),
        (["--kind", "imag"], "did you mean 'image'?"),
        (["--kind", "nonsense"], "known kinds: text, extendedText, image"),
        (["--kind", "Textmesage"], "did you mean 'textMessage'?"),
        (["--chat", "79001111111"], "did you mean '79001111111@c.us'?"),
        (["--chat", "anna"], "'79001234567@c.us' (a person)"),
        (["--chat", "79001111111@c.us "], "white space"),
    ],
)
def test_a_filter_value_that_cannot_match_is_refused_not_shown_as_an_empty_journal(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    code, out, err = run(capsys, "last-outgoing", *argv)
    assert (code, out) == (EXIT_USAGE, "")
    assert err.startswith(f"greenapi-async: error: {argv[0]} ")
    assert expected in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "tag"),
    [
        (["--kind", "buttonsMessage"], "buttonsMessage"),
        (["--kind", "interactiveButtons"], "interactiveButtons"),
        (["--status", "played"], None),
    ],
)
def test_a_kind_or_status_the_sdk_does_not_model_is_taken_when_the_journal_has_it(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str], argv: list[str], tag: str | None
) -> None:
    # Not in the journal yet: a wire tag as the service writes it still filters (nothing),
    # and says how many it looked at.
    if tag is not None:
        code, out, err = run(capsys, "last-outgoing", *argv)
        assert (code, err) == (0, "")
        assert out.strip() == f"0 of 2 outgoing messages in this window matched {' '.join(argv)}."
    served.instance.add(
        {"typeMessage": tag or "textMessage"},
        id_message="new",
        status="played" if tag is None else "sent",
    )
    code, out, err = run(capsys, "last-outgoing", *argv, "--json")
    assert (code, err) == (0, "")
    assert [m["id_message"] for m in json.loads(out)] == ["new"]


def test_json_output_that_matched_nothing_says_so_on_stderr(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "last-outgoing", "--kind", "image", "--status", "read", "--json")
    assert (code, json.loads(out)) == (0, [])
    assert (
        err.strip() == "0 of 2 outgoing messages in this window matched --status read --kind image."
    )


def test_a_filtered_table_counts_what_matched_of_the_window(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv, footer in (
        (["--status", "read"], "1 of 2 message(s) matched."),
        ([], "2 message(s)."),
    ):
        code, out, _ = run(capsys, "last-outgoing", *argv)
        assert (code, out.splitlines()[-1]) == (0, footer)


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_the_table_fits_the_terminal_width(
    served: FakeGreenAPI,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    columns: int,
) -> None:
    served.instance.add(text_message("a long text " * 20), chat_id="120363043968066561@g.us")
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run(capsys, "last-outgoing")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= columns
    assert "…" in out


def test_the_table_keeps_its_preview_width_when_not_on_a_terminal(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    served.instance.add(text_message("word " * 30), chat_id="120363043968066561@g.us")
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out, _ = run(capsys, "last-outgoing")
    assert code == 0
    assert max(len(line.split("  ")[-1]) for line in out.splitlines()) == 48


def test_watch_help_gives_the_interval_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        command_line("watch", "--help")
    assert "seconds between polls (default 5)" in " ".join(capsys.readouterr().out.split())


def test_minutes_are_sent_to_the_service(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "last-outgoing", "--minutes", "15")[0] == 0
    assert served.requests[-1].query == {"minutes": "15"}
    for out_of_range in ("0", "525601", "9" * 50):
        code, _, err = run(capsys, "last-outgoing", "--minutes", out_of_range)
        assert code == EXIT_USAGE
        assert "--minutes must be from 1 to 525600" in err


@pytest.mark.parametrize(
    ("fault", "code", "hint"),
    [
        (Fault(401, b'{"code":401,"description":"Unauthorized"}'), EXIT_AUTH, "TOKEN"),
        (Fault(403, b'{"code":403,"description":"Forbidden"}'), EXIT_AUTH, "INSTANCE"),
        (Fault.rate_limited(retry_after=600), EXIT_LIMIT, "wait"),
        (Fault.quota_exceeded(), EXIT_LIMIT, "quota"),
        (Fault.malformed(), EXIT_BAD_RESPONSE, "report"),
        (Fault(400, b'{"code":400,"description":"Bad"}'), EXIT_API_ERROR, "expired"),
        (Fault(418, b"teapot"), EXIT_API_ERROR, "teapot"),
        # A description that would forge a line and clear the screen: one visible line.
        (
            Fault(400, b'{"code":400,"description":"Bad\\nforged\\u001b[2J"}'),
            EXIT_API_ERROR,
            "Bad\\nforged\\x1b[2J",
        ),
    ],
)
def test_errors_are_one_line_with_a_distinct_exit_code(
    served: FakeGreenAPI,
    capsys: pytest.CaptureFixture[str],
    fault: Fault,
    code: int,
    hint: str,
) -> None:
    served.queue_fault(fault, times=5)
    exit_code, out, err = run(capsys, "last-outgoing")
    assert exit_code == code
    assert out == ""
    assert err.startswith("greenapi-async: error: ")
    assert err.count("\n") == 1
    assert hint in err
    assert "cliToken42" not in err
    assert "Traceback" not in err


def test_an_unreachable_host_is_a_network_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GREENAPI_ID_INSTANCE", "1")
    monkeypatch.setenv("GREENAPI_API_TOKEN", "abc")
    code, _, err = run(capsys, "last-outgoing", "--api-url", "http://127.0.0.1:9")
    assert code == EXIT_NETWORK
    assert "check the network" in err


def test_missing_credentials_point_to_the_sandbox(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GREENAPI_ID_INSTANCE", raising=False)
    code, _, err = run(capsys, "last-outgoing")
    assert code == EXIT_USAGE
    assert "--sandbox" in err


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("GREENAPI_ID_INSTANCE", "1101000001 ", "GREENAPI_ID_INSTANCE"),
        ("GREENAPI_API_TOKEN", "cliToken42\n", "GREENAPI_API_TOKEN"),
        ("GREENAPI_API_URL", " http://127.0.0.1:9", "GREENAPI_API_URL"),
    ],
)
def test_a_credential_with_stray_white_space_names_its_variable(
    served: FakeGreenAPI,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    named: str,
) -> None:
    monkeypatch.setenv(variable, value)
    code, out, err = run(capsys, "last-outgoing")
    assert (code, out) == (EXIT_USAGE, "")
    assert err.startswith(f"greenapi-async: error: {named} must ")
    assert "white space" in err
    assert "cliToken42" not in err
    assert not served.requests


@pytest.mark.parametrize(
    ("option", "value"), [("--id-instance", "11O1"), ("--api-url", "ftp://example.com")]
)
def test_a_bad_credential_option_names_the_option(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    code, _, err = run(capsys, "last-outgoing", option, value)
    assert code == EXIT_USAGE
    assert err.startswith(f"greenapi-async: error: {option} must ")


def test_the_token_is_never_a_flag_and_not_read_without_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit) as caught:
        command_line("last-outgoing", "--api-token", "x")
    assert caught.value.code == EXIT_USAGE
    monkeypatch.setenv("GREENAPI_ID_INSTANCE", "1")
    monkeypatch.delenv("GREENAPI_API_TOKEN", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal
    capsys.readouterr()
    code, _, err = run(capsys, "last-outgoing")
    assert code == EXIT_USAGE
    assert "never taken as a command-line option" in err


def test_the_token_is_asked_for_without_echo_on_a_terminal(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GREENAPI_API_TOKEN")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    asked = []

    def fake_getpass(prompt: str) -> str:
        asked.append(prompt)
        return "cliToken42"

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    code, out, _ = run(capsys, "last-outgoing")
    assert code == 0
    assert asked == ["apiTokenInstance (not echoed): "]
    assert "read one" in out


def test_help_has_examples_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        command_line("last-outgoing", "--help")
    out = capsys.readouterr().out
    assert "greenapi-async last-outgoing --sandbox" in out
    assert "exit codes:" in out


def main_help() -> str:
    """What ``greenapi-async --help`` prints."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        command_line("--help")
    return out.getvalue()


def help_examples() -> list[str]:
    """The example lines of ``greenapi-async --help``, each without its description."""
    section = main_help().split("\nexamples:\n", 1)[1].split("\n\n", 1)[0]
    # An example, then two spaces or more, then what it does.
    return [re.split(r" {2,}", line.strip())[0] for line in section.splitlines()]


# What cannot run as a command that ends on its own, and why; every other example runs.
NOT_ONE_SHOT = {
    # Serves until interrupted, on a fixed port: the sandbox command's own tests cover it.
    "greenapi-async sandbox --port 8080",
}


@pytest.fixture
def served_sandbox(monkeypatch: pytest.MonkeyPatch, serve_fake: ServeFake) -> FakeGreenAPI:
    """The sandbox on real HTTP, with the environment pointing at it as at an account."""
    fake = FakeGreenAPI.sandbox(rate_limit=False)
    monkeypatch.setenv("GREENAPI_ID_INSTANCE", fake.instance.id_instance)
    monkeypatch.setenv("GREENAPI_API_TOKEN", fake.instance.api_token)
    monkeypatch.setenv("GREENAPI_API_URL", serve_fake(fake))
    return fake


def test_the_help_shows_examples_that_cannot_all_run_on_their_own_only_for_a_reason() -> None:
    examples = help_examples()
    assert set(examples) >= NOT_ONE_SHOT
    assert len(examples) > len(NOT_ONE_SHOT) + 5


@pytest.mark.parametrize("example", [line for line in help_examples() if line not in NOT_ONE_SHOT])
def test_every_example_of_the_help_works_on_the_sandbox_as_shown(
    served_sandbox: FakeGreenAPI, capsys: pytest.CaptureFixture[str], example: str
) -> None:
    argv = shlex.split(example)[1:]
    if "|" in argv:
        argv = argv[: argv.index("|")]  # what is piped to (jq) is not ours to run
    if argv[0] == "watch" and "--count" not in argv:
        # It runs until interrupted, as a user stops it: here, after its first event.
        with until_interrupted(*argv) as process:
            assert process.stdout is not None
            out = process.stdout.readline()
    else:
        code, out, err = run(capsys, *argv)
        assert (code, err) == (0, ""), example
    # An example that shows nothing would teach nothing.
    assert out.strip(), example
    assert not re.match(r"(No|0 of) ", out), (example, out)


def commands() -> set[str]:
    """The commands ``greenapi-async --help`` lists."""
    listed = main_help().split("\n  COMMAND\n", 1)[1].split("\n\n", 1)[0]
    return set(re.findall(r"^ {4}(\S+)", listed, re.MULTILINE))


def test_every_command_has_an_example_in_the_help() -> None:
    shown = {shlex.split(example)[1] for example in help_examples()}
    assert shown == commands()
    assert {"last-outgoing", "last-incoming", "send", "sandbox"} <= shown


# Each command that calls the service, run once against `served`; the sandbox calls none.
CALLING_RUNS = {
    "last-outgoing": ["last-outgoing"],
    "last-incoming": ["last-incoming"],
    "history": ["history", "79001111111@c.us"],
    "message": ["message", "79001111111@c.us", "{id}"],
    "watch": ["watch", "--backfill", "--count", "1"],
    "send": ["send", "79001111111@c.us", "Hello"],
}
# The methods of the table that no command calls, and why; every other is called.
NOT_CALLED_BY_A_COMMAND = {
    # The command line sends text only.
    "sendFileByUrl",
    "sendLocation",
    "sendContact",
    "sendPoll",
    # Asked only when a send's answer was lost: test_sending covers it.
    "showMessagesQueue",
}


def test_the_commands_call_every_method_of_the_table_but_those_named(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    assert set(CALLING_RUNS) == commands() - {"sandbox"}
    an_id = served.instance.messages[0]["idMessage"]
    for argv in CALLING_RUNS.values():
        code, _, err = run(capsys, *(arg.format(id=an_id) for arg in argv))
        assert code == 0, (argv, err)
    called = {request.api_method for request in served.requests}
    assert called | NOT_CALLED_BY_A_COMMAND == set(METHODS)
    assert not called & NOT_CALLED_BY_A_COMMAND


def test_the_sandboxs_last_hour_has_read_messages(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("last-outgoing", "--sandbox", "--minutes", "60", "--status", "read")
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    header, *rows, _, total = out.splitlines()
    assert header.split() == ["TIME", "CHAT", "KIND", "STATUS", "PREVIEW"]
    assert rows
    assert all(row.split()[4] == "read" for row in rows)
    assert re.fullmatch(rf"{len(rows)} of \d+ message\(s\) matched\.", total)


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "greenapi_async", "last-outgoing", "--sandbox", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)


def _take_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextlib.contextmanager
def until_interrupted(*argv: str) -> Iterator[subprocess.Popen[str]]:
    """A command that runs until Ctrl-C, in a process; at the end, Ctrl-C must end it."""
    with subprocess.Popen(  # noqa: S603 - the test's own arguments
        [sys.executable, "-m", "greenapi_async", *argv],
        stdout=subprocess.PIPE,
        text=True,
        # Ctrl-C as a terminal delivers it, even when the test run itself was started in
        # the background: a shell's background jobs ignore SIGINT, and so would the
        # command, which inherits that.
        preexec_fn=_take_ctrl_c,
    ) as process:
        try:
            yield process
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=30) == EXIT_INTERRUPTED
        finally:
            if process.poll() is None:
                process.kill()


@contextlib.contextmanager
def sandbox_command(*argv: str) -> Iterator[tuple[str, dict[str, str]]]:
    """``greenapi-async sandbox`` in a process: its first line, and the variables it says to set."""
    with until_interrupted("sandbox", "--port", "0", *argv) as process:
        assert process.stdout is not None
        first = process.stdout.readline()
        exports = (process.stdout.readline() for _ in range(3))
        yield first, dict(line.strip().removeprefix("export ").split("=", 1) for line in exports)


def journal_through_the_command(env: dict[str, str]) -> list[dict[str, object]]:
    result = subprocess.run(
        [sys.executable, "-m", "greenapi_async", "last-outgoing", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    messages: list[dict[str, object]] = json.loads(result.stdout)
    return messages


# Whatever address it listens on, the sandbox prints a URL the SDK accepts: a loopback one.
@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])  # noqa: S104 - the case under test
def test_the_sandbox_command_serves_until_interrupted(host: str) -> None:
    with sandbox_command("--seed", "3", "--host", host) as (first, env):
        assert first.startswith("Fake Green API at http://")
        assert env["GREENAPI_API_URL"].startswith("http://127.0.0.1:")
        assert len(journal_through_the_command(env)) > 10


def test_a_lively_sandbox_moves_its_messages_along() -> None:
    with sandbox_command("--lively") as (_, env):
        first = journal_through_the_command(env)
        time.sleep(3)
        second = journal_through_the_command(env)
    assert first != second


def test_a_reader_that_stops_early_ends_the_command_quietly() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "greenapi_async", "last-outgoing", "--sandbox"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        # Closed before the command (which first starts a server) can print anything.
        process.stdout.close()
        errors = process.stderr.read()
        assert process.wait(timeout=60) == EXIT_OUTPUT_CLOSED
    assert b"Traceback" not in errors


def test_watch_prints_events_from_the_lively_sandbox(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "watch", "--sandbox", "--interval", "1", "--count", "2", "--json")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert len(events) == 2
    assert all("status_message" in event["message"] for event in events)
    assert all("previous_status" in event for event in events)


def test_watch_prints_readable_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "watch", "--sandbox", "--interval", "1", "--count", "1")
    assert code == 0
    assert "Watching instance 1101000001" in err
    assert "(new)" in out or "(was " in out


@pytest.mark.parametrize("argv", [["--interval", "0.5"], ["--count", "0"]])
def test_watch_refuses_bad_options(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, "watch", "--sandbox", *argv)
    assert code == EXIT_USAGE
    assert "must be" in err


@pytest.mark.parametrize(
    "argv", [("sandbox", "--port", "0"), ("last-outgoing", "--sandbox"), ("watch", "--sandbox")]
)
def test_without_the_sandbox_extra_the_command_says_what_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # what a missing package looks like
    code, _, err = run(capsys, *argv)
    assert code == EXIT_USAGE
    assert "pip install 'greenapi-async[sandbox]'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("zone", ["JST-9", "<+14>-14", "<-12>+12", "UTC0"])
def test_the_table_shows_every_timestamp_the_decoder_accepts_in_any_time_zone(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    # The decoder's bounds, 1970 and the last second of 9999: east of UTC the latter is
    # in year 10000, west of it the former is in 1969. The fake's clock at 0 shows both.
    fake = FakeGreenAPI(clock=FakeClock(0), rate_limit=False)
    instance = fake.add_instance("1101000001", "cliToken42")
    for timestamp in (0, 253_402_300_799):
        for content in (text_message("bound"), {"typeMessage": "interactiveButtons"}):
            instance.add(content, timestamp=timestamp)
    monkeypatch.setenv("TZ", zone)  # POSIX rules: no time zone database needed
    time.tzset()
    try:
        with serve(fake) as base_url:
            monkeypatch.setenv("GREENAPI_ID_INSTANCE", "1101000001")
            monkeypatch.setenv("GREENAPI_API_TOKEN", "cliToken42")
            monkeypatch.setenv("GREENAPI_API_URL", base_url)
            code, out, err = run(capsys, "last-outgoing")
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert (code, err) == (0, "")
    assert out.count("bound") == 2
    assert "4 message(s)." in out
    if zone == "JST-9":
        assert "9999-12-31 23:59:59 UTC" in out  # year 10000 in Tokyo
        assert "1970-01-01 09:00:00" in out


def test_a_kind_filter_matches_a_wire_tag_that_does_not_end_in_message(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    served.instance.add({"typeMessage": "interactiveButtons"}, id_message="buttons")
    for given in ("interactiveButtons", "INTERACTIVEBUTTONS"):
        code, out, _ = run(capsys, "last-outgoing", "--kind", given, "--json")
        assert code == 0
        assert [m["id_message"] for m in json.loads(out)] == ["buttons"]


def test_last_incoming_lists_who_sent_what(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    served.instance.add_incoming(
        text_message("Where is my order?"), chat_id="79007654321@c.us", sender_name="Anna"
    )
    code, out, err = run(capsys, "last-incoming")
    assert (code, err) == (0, "")
    header, row = out.splitlines()[:2]
    assert header.split() == ["TIME", "CHAT", "KIND", "FROM", "PREVIEW"]
    assert "Anna" in row
    assert "Where is my order?" in row
    assert "first line" not in out  # the outgoing journal's messages are not listed
    code, out, _ = run(capsys, "last-incoming", "--json", "--chat", "79007654321@c.us")
    (message,) = json.loads(out)
    assert (message["type"], message["sender_name"]) == ("incoming", "Anna")
    code, out, _ = run(capsys, "last-incoming", "--chat", "1@c.us")
    assert out.strip() == "0 of 1 incoming messages in this window matched --chat 1@c.us."


def test_last_incoming_on_the_sandbox(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "last-incoming", "--sandbox", "--json")
    assert (code, err) == (0, "")
    messages = json.loads(out)
    assert messages
    assert {m["type"] for m in messages} == {"incoming"}
    assert all(m["sender_id"] for m in messages)


def test_history_lists_a_chat_of_both_directions_newest_first(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    chat = "79001111111@c.us"
    later = int(time.time()) + 60
    served.instance.add_incoming(
        text_message("thanks!"), chat_id=chat, sender_name="Anna", timestamp=later
    )
    code, out, err = run(capsys, "history", chat)
    assert (code, err) == (0, "")
    header, *rows = out.strip().splitlines()
    assert header.split() == ["TIME", "CHAT", "KIND", "FROM", "PREVIEW"]
    assert "Anna" in rows[0]
    assert "thanks!" in rows[0]
    assert " me " in rows[1]
    assert "first line second line" in rows[1]
    assert "read one" not in out  # another chat's
    code, out, _ = run(capsys, "history", chat, "--count", "1", "--json")
    (message,) = json.loads(out)
    assert (message["type"], message["sender_name"], message["text_message"]) == (
        "incoming",
        "Anna",
        "thanks!",
    )
    assert served.requests[-1].json == {"chatId": chat, "count": 1}
    code, out, _ = run(capsys, "history", "79009999999@c.us")
    assert out.strip() == "No messages in this chat."


def test_message_shows_one_message_in_full(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    served.instance.add(
        text_message("a long text " * 10), chat_id="79003333333@c.us", id_message="LONG"
    )
    code, out, err = run(capsys, "message", "79003333333@c.us", "LONG")
    assert (code, err) == (0, "")
    fields = dict(line.split(":", 1) for line in out.splitlines())
    assert fields["id"].strip() == "LONG"
    assert fields["direction"].strip() == "outgoing, sent through the API"
    assert fields["text"].strip() == ("a long text " * 10).strip()  # not cut to a preview
    code, out, _ = run(capsys, "message", "79003333333@c.us", "LONG", "--json")
    assert json.loads(out)["id_message"] == "LONG"
    code, out, _ = run(capsys, "message", "79003333333@c.us", "LONG", "--raw")
    assert json.loads(out)["statusMessage"] == ""  # as the service sends it there


def test_message_that_is_not_there_is_one_line_and_exit_1(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "message", "79001111111@c.us", "NO-SUCH-ID")
    assert (code, out) == (1, "")
    assert "ID message notfound" in err
    assert "check the message id" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["history", "79001234567"], "did you mean '79001234567@c.us'"),
        (["history", "+79001234567"], "did you mean '79001234567@c.us'"),
        (["history", "79001234567@C.US"], "did you mean '79001234567@c.us'"),
        (["history", "79001234567@c.us", "--count", "0"], "--count must be 1 or more"),
        (["message", "+79001234567", "ID"], "CHAT_ID must be a chat id"),
        (["message", "79001234567@c.us", " ID"], "ID_MESSAGE must be a message id"),
        (["send", "79001234567", "Hi"], "did you mean '79001234567@c.us'"),
        (["send", "79001234567@c.us", ""], "TEXT must not be empty"),
        (["send", "79001234567@c.us", "Hi", "--reply-to", " ID"], "--reply-to must be"),
        (["send", "79001234567@c.us", "Hi", "--wait", "read", "--timeout", "0"], "--timeout"),
        (["send", "79001234567@c.us", "Hi", "--confirm-within", "-1"], "--confirm-within"),
        # watch refuses a filter that can match nothing
        (["watch", "--chat", "79001234567"], "did you mean '79001234567@c.us'"),
        (["watch", "--kind", "nonsense"], "--kind 'nonsense' is none of the kinds"),
        (["watch", "--status", "delivred"], "did you mean 'delivered'"),
        (["watch", "--incoming", "--kind", "imag"], "did you mean 'image'"),
    ],
)
def test_bad_arguments_are_refused_before_asking_for_credentials(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    problem: str,
) -> None:
    monkeypatch.delenv("GREENAPI_ID_INSTANCE", raising=False)
    code, out, err = run(capsys, *argv)
    assert (code, out) == (EXIT_USAGE, "")
    assert problem in err


def test_history_and_message_on_the_sandbox(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "history", "12025550123@c.us", "--sandbox", "--json")
    assert (code, err) == (0, "")
    history = json.loads(out)
    assert {m["type"] for m in history} == {"incoming", "outgoing"}
    newest = history[0]
    code, out, err = run(
        capsys, "message", "12025550123@c.us", newest["id_message"], "--sandbox", "--json"
    )
    assert (code, err) == (0, "")
    shown = json.loads(out)
    # Each --sandbox run seeds its own fake, its times counted from when it starts.
    same = ("id_message", "type", "type_message", "chat_id", "sender_id")
    assert {key: shown[key] for key in same} == {key: newest[key] for key in same}


def test_watch_incoming_prints_one_line_per_message_received(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = served.instance
    inbox.add_incoming(
        text_message("Where is my order?"), chat_id="79007654321@c.us", sender_name="Anna"
    )
    inbox.add_incoming(
        text_message("Me too"),
        chat_id="120363043968066561@g.us",
        sender_id="4915112345678@c.us",
        sender_name="Jonas",
    )
    code, out, err = run(capsys, "watch", "--incoming", "--backfill", "--count", "2")
    assert code == 0
    assert "Watching instance 1101000001" in err
    lines = out.splitlines()
    assert len(lines) == 2
    # time, chat, sender, kind, text; the outgoing journal's messages are not printed.
    assert [line.split("  ")[1:] for line in lines] == [
        ["79007654321@c.us", "Anna", "text", "Where is my order?"],
        ["120363043968066561@g.us", "Jonas", "text", "Me too"],
    ]
    assert {request.api_method for request in served.requests} == {"lastIncomingMessages"}


def test_watch_incoming_filters_by_chat_and_kind_and_prints_json(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = served.instance
    inbox.add_incoming(text_message("other chat"), chat_id="79001111111@c.us")
    inbox.add_incoming(image_message("a photo"), chat_id="79007654321@c.us")
    inbox.add_incoming(text_message("wanted"), chat_id="79007654321@c.us", sender_name="Anna")
    argv = ["watch", "--incoming", "--backfill", "--count", "1", "--json"]
    code, out, _ = run(capsys, *argv, "--chat", "79007654321@c.us", "--kind", "TEXT")
    assert code == 0
    (line,) = out.splitlines()
    message = json.loads(line)
    assert (message["type"], message["sender_name"], message["text_message"]) == (
        "incoming",
        "Anna",
        "wanted",
    )


def test_watch_filters_outgoing_events_by_status_and_backfills(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["watch", "--backfill", "--status", "READ", "--count", "1", "--json"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    (line,) = out.splitlines()
    event = json.loads(line)
    assert (event["previous_status"], event["message"]["text_message"]) == (None, "read one")


@pytest.mark.parametrize(
    ("argv", "where"),
    [
        (["watch", "--sandbox", "--incoming", "--status", "read"], "--incoming"),
        (["last-incoming", "--sandbox", "--status", "read"], "last-incoming"),
        (["last-incoming", "--status", "read"], "last-incoming"),  # before credentials
    ],
)
def test_a_status_filter_on_received_messages_is_refused_saying_why(
    capsys: pytest.CaptureFixture[str], argv: list[str], where: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (EXIT_USAGE, "")
    assert err == (
        f"greenapi-async: error: --status does not go with {where}: received messages have none\n"
    )


def test_watch_incoming_on_the_lively_sandbox(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["watch", "--incoming", "--sandbox", "--interval", "1", "--count", "1", "--json"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    (line,) = out.splitlines()
    message = json.loads(line)
    assert message["type"] == "incoming"
    assert message["sender_id"]


# What any WhatsApp contact can put in a text or a name: an OSC 52 clipboard write, a
# screen clear, a title change, a bidi override, a forged line.
HOSTILE = "\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2J\x1b]0;title\x07\u202eevil\nforged line"
# Those the table must never print raw (a newline is the end of a row, so not listed).
RAW_CONTROLS = ("\x1b", "\x07", "\u202e")
HOSTILE_CHAT = "79005555555@c.us"


@pytest.fixture
def hostile(served: FakeGreenAPI) -> FakeGreenAPI:
    """The served fake, with entries whose every shown field holds control characters."""
    served.instance.add_incoming(
        text_message(HOSTILE), chat_id=HOSTILE_CHAT, sender_name=HOSTILE, id_message="IN"
    )
    served.instance.add(
        image_message(HOSTILE), chat_id=HOSTILE_CHAT, status=HOSTILE, id_message="OUT"
    )
    served.instance.add(
        {"typeMessage": "weird\x1b[2JMessage", "chatId": "7900\x1b[2J@c.us"}, id_message="KIND"
    )
    return served


@pytest.mark.parametrize(
    "argv",
    [
        ["last-incoming"],
        ["last-outgoing"],
        ["history", HOSTILE_CHAT],
        ["message", HOSTILE_CHAT, "IN"],
        ["message", HOSTILE_CHAT, "OUT"],
        ["watch", "--incoming", "--backfill", "--count", "1"],
        ["watch", "--backfill", "--chat", HOSTILE_CHAT, "--count", "1"],
    ],
    ids=lambda argv: "-".join(argv[:2]),
)
def test_control_characters_from_the_service_are_printed_as_visible_escapes(
    hostile: FakeGreenAPI, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert not [char for char in RAW_CONTROLS if char in out + err]
    assert "\\x1b]52;c;" in out  # seen, not obeyed
    assert not [line for line in out.splitlines() if line.startswith("forged line")]


def test_message_shows_a_texts_newlines_as_escapes_on_one_line(
    hostile: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "message", HOSTILE_CHAT, "IN")
    assert code == 0
    fields = dict(line.split(":", 1) for line in out.splitlines())
    assert fields["text"].strip() == (
        "\\x1b]52;c;ZWNobyBwd25lZA==\\x07\\x1b[2J\\x1b]0;title\\x07\\u202eevil\\nforged line"
    )
    assert HOSTILE.replace("\n", "\\n").replace("\x1b", "\\x1b")[:20] in fields["direction"]


@pytest.mark.parametrize(
    "argv",
    [
        ["last-incoming", "--json"],
        ["last-incoming", "--raw"],
        ["message", HOSTILE_CHAT, "IN", "--json"],
        ["watch", "--incoming", "--backfill", "--count", "1", "--json"],
    ],
    ids=lambda argv: "-".join(argv[:1] + argv[-1:]),
)
def test_json_output_holds_no_raw_control_characters_and_reads_back_exact(
    hostile: FakeGreenAPI, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert not [char for char in (*RAW_CONTROLS, "\u2028") if char in out]
    found = json.loads(out.splitlines()[0] if argv[0] == "watch" else out)
    message = found[0] if isinstance(found, list) else found
    text = message.get("text_message", message.get("textMessage"))
    assert text == HOSTILE


def nested(depth: int) -> object:
    value: object = "bottom"
    for _ in range(depth):
        value = {"inner": value}
    return value


@pytest.mark.parametrize("form", ["--json", "--raw"])
def test_an_entry_of_an_unknown_kind_nested_hundreds_deep_prints_as_json(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    served.instance.add({"typeMessage": "futureMessage", "deep": nested(330)}, id_message="DEEP")
    code, out, err = run(capsys, "last-outgoing", form, "--kind", "futureMessage")
    assert (code, err) == (0, "")
    (message,) = json.loads(out)
    raw = message["raw"] if form == "--json" else message
    assert raw["deep"] == nested(330)


@pytest.mark.parametrize(
    "argv", [["last-outgoing", "--json"], ["last-outgoing", "--raw"], ["watch", "--json"]]
)
def test_json_too_deep_to_print_is_one_line_and_the_malformed_response_code(
    loopback: LoopbackServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    # The parser gives up on nesting before the encoder does here (it runs deeper in the
    # stack), so the encoder is made to fail as it does on a Python whose C recursion
    # limit makes the two meet: the output, one level deeper than the answer, fails.
    def nested_too_deeply(value: object, **options: object) -> bytes:
        raise RecursionError("maximum recursion depth exceeded while serializing an object")

    monkeypatch.setattr(greenapi_async._json, "dumps", nested_too_deeply)
    entry = {"typeMessage": "futureMessage", "idMessage": "X", "timestamp": int(time.time())}
    loopback.default = Reply(200, json.dumps([entry]).encode())
    monkeypatch.setenv("GREENAPI_ID_INSTANCE", "1101000001")
    monkeypatch.setenv("GREENAPI_API_TOKEN", "cliToken42")
    monkeypatch.setenv("GREENAPI_API_URL", loopback.url)
    code, out, err = run(capsys, *argv, *(["--backfill", "--count", "1"] * (argv[0] == "watch")))
    assert (code, out) == (EXIT_BAD_RESPONSE, "")
    assert err.splitlines()[-1] == (
        "greenapi-async: error: the answer is nested too deeply to print as JSON"
    )
    assert "Traceback" not in err


def test_a_sandbox_port_that_is_taken_is_one_line_and_the_usage_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        code, out, err = run(capsys, "sandbox", "--port", str(port))
    assert (code, out) == (EXIT_USAGE, "")
    assert err == (
        f"greenapi-async: error: port {port} is in use: choose another --port, or leave it out\n"
    )


@pytest.mark.parametrize("port", ["70000", "65536", "-1"])
def test_a_sandbox_port_out_of_range_is_one_line_and_the_usage_code(
    capsys: pytest.CaptureFixture[str], port: str
) -> None:
    code, out, err = run(capsys, "sandbox", "--port", port)
    assert (code, out) == (EXIT_USAGE, "")
    assert err == "greenapi-async: error: --port must be from 0 to 65535 (0: any free one)\n"


def test_end_of_input_at_the_token_prompt_is_one_line_and_the_usage_code(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GREENAPI_API_TOKEN")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)

    def ctrl_d(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", ctrl_d)
    code, out, err = run(capsys, "last-outgoing")
    assert (code, out) == (EXIT_USAGE, "")
    assert err.startswith("greenapi-async: error: no token given")
    assert "GREENAPI_API_TOKEN" in err
    assert err.count("\n") == 1


def test_message_with_an_id_that_is_not_utf8_is_a_usage_error_before_any_request(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    # What Python makes of an argument whose bytes are not UTF-8: a lone surrogate.
    bad_id = os.fsdecode(b"BAE5\xff")
    code, out, err = run(capsys, "message", "79001111111@c.us", bad_id)
    assert (code, out) == (EXIT_USAGE, "")
    assert err == (
        "greenapi-async: error: ID_MESSAGE must be text that can be encoded as UTF-8: "
        "it holds a lone surrogate (U+DCFF) at position 4\n"
    )
    assert not served.requests


def test_send_prints_the_id_of_the_message_the_service_took(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    served.instance.add_incoming(
        text_message("Where is it?"), chat_id="79001111111@c.us", id_message="Q1"
    )
    code, out, err = run(capsys, "send", "79001111111@c.us", "Hello\nthere", "--reply-to", "Q1")
    assert (code, err) == (0, "")
    (taken,) = served.instance.send_queue + served.instance.sent
    assert out == f"{taken['idMessage']}\n"
    request = served.requests[-1]
    assert request.json == {
        "chatId": "79001111111@c.us",
        "message": "Hello\nthere",
        "quotedMessageId": "Q1",
    }


def test_send_json_says_how_the_message_was_confirmed(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "send", "79001111111@c.us", "Hi", "--json")
    assert (code, err) == (0, "")
    shown = json.loads(out)
    assert shown["chat_id"] == "79001111111@c.us"
    assert (shown["method"], shown["confirmed_by"], shown["attempts"]) == (
        "sendMessage",
        "answer",
        1,
    )
    assert set(shown) == {
        "id_message",
        "chat_id",
        "method",
        "attempted_at",
        "confirmed_by",
        "attempts",
    }


def test_send_wait_prints_the_status_reached(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    served.instance.delivery_schedule = (0.0, 0.0)  # read as soon as it is sent
    code, out, err = run(capsys, "send", "79001111111@c.us", "Hi", "--wait", "delivered")
    assert (code, err) == (0, "")
    id_line, status_line = out.splitlines()
    assert id_line == served.instance.sent[0]["idMessage"]
    assert status_line == "read"  # past the status waited for
    code, out, err = run(capsys, "send", "79001111111@c.us", "Hi", "--wait", "read", "--json")
    assert (code, err) == (0, "")
    shown = json.loads(out)
    assert shown["status"] == "read"
    assert shown["message"]["id_message"] == shown["id_message"]


def test_send_to_a_number_without_whatsapp_exits_with_the_delivery_failure(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    served.instance.without_whatsapp.add("79000000000@c.us")
    code, out, err = run(capsys, "send", "79000000000@c.us", "Hi", "--wait", "read")
    assert code == EXIT_DELIVERY_FAILED
    assert out == f"{served.instance.sent[0]['idMessage']}\n"  # the id came first
    assert "noAccount" in err
    assert "no WhatsApp account" in err


def test_send_waiting_past_its_timeout_exits_with_its_own_code(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "send", "79001111111@c.us", "Hi", "--wait", "read", "--timeout", "0.2"
    )
    assert code == EXIT_DELIVERY_TIMEOUT
    assert "sent" in err  # the last status the journal showed


def test_a_send_not_confirmed_exits_with_its_own_code_and_says_not_to_resend_blindly(
    served: FakeGreenAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    served.queue_fault(Fault.taken_then_bad_gateway().on("sendMessage"))
    code, out, err = run(capsys, "send", "79001111111@c.us", "Hi", "--confirm-within", "0")
    assert (code, out) == (EXIT_NOT_CONFIRMED, "")
    assert "may still be delivered" in err
    assert "last-outgoing --chat 79001111111@c.us" in err
    assert served.instance.sends_taken == 1


def test_send_on_the_sandbox_is_delivered(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "send", "79001234567@c.us", "Hi", "--sandbox")
    assert (code, err) == (0, "")
    assert out.strip()
