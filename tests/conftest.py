"""Shared fixtures: credentials, a client factory, the event loops, the secret-hygiene guard."""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any, Final

import attrs
import pytest
import trio.testing
from hypothesis import HealthCheck, settings

import greenapi_async as ga
from greenapi_async.testing import FakeClock, FakeGreenAPI, serve

from .hypothesis_tracing import search_untraced
from .loopback import LoopbackServer

# Property tests check behaviour, not speed: hypothesis' deadline and its slow-input
# health check time each example on the wall clock, and fail on a loaded machine for
# no fault of the code.
settings.register_profile(
    "greenapi_async", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("greenapi_async")


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Generator[None, object, object]:
    # A property test's search runs untraced, its examples traced (hypothesis_tracing).
    with search_untraced(pyfuncitem.obj):
        return (yield)


ID_INSTANCE = "1101000001"
# Shaped like a real apiTokenInstance; distinctive enough that a substring match is proof.
TOKEN = "d75b3a66374942c5b3c019c698abc2067e151558acbd412480"
API_URL = "https://1101.api.green-api.com"
JOURNAL_URL = f"{API_URL}/waInstance{ID_INSTANCE}/lastOutgoingMessages/{TOKEN}"
DATA = Path(__file__).parent / "data"

MakeClient = Callable[..., ga.GreenAPI]


def data_bytes(name: str) -> bytes:
    return (DATA / name).read_bytes()


class _Recorder(logging.Handler):
    """Checks each record as it is emitted and keeps only those that leak the token.

    Keeping every record would make a load test's memory grow with its request count.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.leaks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = _render(record)
        if TOKEN in text:
            self.leaks.append(text)


def _render(record: logging.LogRecord) -> str:
    try:
        message = record.getMessage()
    except (TypeError, ValueError):  # a malformed log call; show its parts instead
        message = f"{record.msg!r} % {record.args!r}"
    return f"{record.name} {record.levelname} {message} {record.exc_text or ''}"


@pytest.fixture(autouse=True)
def no_terminal_size_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test, and every command it starts, without COLUMNS and LINES set.

    pytest-xdist's workers set them (80 by 24): a command the test runs would take them for
    a terminal's size and cut its table's previews, as it does on no one's terminal.
    """
    for name in ("COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def token_never_logged() -> Iterator[_Recorder]:
    """Capture every log record at DEBUG from every logger; fail if one shows the token."""
    recorder = _Recorder()
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(recorder)
    root.setLevel(logging.DEBUG)
    try:
        yield recorder
    finally:
        root.removeHandler(recorder)
        root.setLevel(previous_level)
    assert not recorder.leaks, f"the API token appeared in log records: {recorder.leaks}"


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def every_record(token_never_logged: _Recorder) -> Iterator[list[logging.LogRecord]]:
    """Every record of every logger, DEBUG included, as a handler on the root receives it."""
    keep = _Keep()
    root = logging.getLogger()
    root.addHandler(keep)  # token_never_logged has set the root logger to DEBUG
    try:
        yield keep.records
    finally:
        root.removeHandler(keep)


@pytest.fixture(autouse=True)
def token_never_in_errors_or_warnings(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[None]:
    """Record every SDK exception built and every warning issued; fail if one shows the token.

    That covers every GreenAPIError and InvalidArgumentError a test sees, whether the
    test catches it, expects it, or lets it fail the test.
    """
    built: list[Exception] = []
    for cls in (ga.GreenAPIError, ga.InvalidArgumentError):
        original_init = cls.__init__

        def recording_init(
            self: Exception, *args: Any, _original: Any = original_init, **kwargs: Any
        ) -> None:
            _original(self, *args, **kwargs)
            built.append(self)

        monkeypatch.setattr(cls, "__init__", recording_init)
    with warnings.catch_warnings(record=True) as issued:
        warnings.simplefilter("always")
        yield
    leaks = [
        repr(error)
        for error in built
        if TOKEN in f"{error!s} {error!r} {error.args!r} {vars(error)!r}"
    ]
    leaks += [str(warning.message) for warning in issued if TOKEN in str(warning.message)]
    assert not leaks, f"the API token appeared in errors or warnings: {leaks}"
    # Warnings are re-issued so that pytest's own handling (filterwarnings=error) applies.
    for warning in issued:
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str | tuple[str, dict[str, Any]]:
    """Run every ``pytest.mark.anyio`` test on both event loops the SDK supports.

    A module whose tests need one loop (aiohttp runs on asyncio only) overrides this; a
    test marked ``virtual_time`` runs on trio with a clock of its own (see below).
    """
    if request.param == VIRTUAL_TIME_BACKEND:
        # Time moves only when every task sleeps, and then at once to the next wake-up:
        # a sleep of an hour takes no time, and anyio.current_time() tells how long each
        # sleep was, to the nanosecond.
        return "trio", {"clock": trio.testing.MockClock(autojump_threshold=0)}
    return str(request.param)


VIRTUAL_TIME_BACKEND = "trio-virtual-time"
virtual_time = pytest.mark.parametrize("anyio_backend", [VIRTUAL_TIME_BACKEND], indirect=True)
"""Run a test on trio with a virtual clock, to measure the waits of a client or a watcher."""


@pytest.fixture
def make_client() -> MakeClient:
    """Build clients for the test instance with pacing off unless asked for."""

    def make(**options: Any) -> ga.GreenAPI:
        options.setdefault("api_url", API_URL)
        options.setdefault("rate_limit", False)
        return ga.GreenAPI(ID_INSTANCE, TOKEN, **options)

    return make


@pytest.fixture
def loopback() -> Iterator[LoopbackServer]:
    """A real HTTP server on 127.0.0.1 that plays queued replies."""
    with LoopbackServer() as server:
        yield server


@attrs.define
class _Stand:
    """An ASGI app that hands each connection to the app the running test stood in it."""

    app: Any

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)


@pytest.fixture(scope="session")
def _one_server() -> Iterator[tuple[_Stand, str]]:
    # Starting and stopping a uvicorn server takes a fifth of a second: one server for
    # the whole run, serving each test's own fake in turn, saves a minute of waiting.
    stand = _Stand(FakeGreenAPI())
    with serve(stand) as url:
        yield stand, url


ServeFake = Callable[[FakeGreenAPI], str]


@pytest.fixture
def serve_fake(_one_server: tuple[_Stand, str]) -> Iterator[ServeFake]:
    """``serve_fake(fake)``: the URL at which ``fake`` answers over real HTTP, for this test.

    As ``greenapi_async.testing.serve(fake)`` does, without starting a server per test;
    a test of the server itself (keep-alive, shutdown) uses ``serve``.
    """
    stand, url = _one_server
    idle = stand.app

    def serve_here(fake: FakeGreenAPI) -> str:
        stand.app = fake
        return url

    try:
        yield serve_here
    finally:
        stand.app = idle


@attrs.define
class MachineClocks:
    """This machine's clocks, moved by the fake service's, so that an outage is an advance.

    The monotonic clock runs on as it does, plus every advance; the wall clock is the
    service's, plus any step it was given (an NTP correction).
    """

    service: FakeClock
    started: float  # the service's time when the clocks began to follow it
    real_monotonic: Callable[[], float] = time.monotonic
    stepped: float = 0.0

    def time(self) -> float:
        return self.service.now() + self.stepped

    def monotonic(self) -> float:
        return self.real_monotonic() + (self.service.now() - self.started)

    def step_wall_clock(self, seconds: float) -> None:
        self.stepped += seconds


_REAL_MONOTONIC: Final = time.monotonic


def loop_monotonic() -> float:
    """Trio's clock inside a trio run (virtual on virtual time), else the real monotonic one.

    Given to ``MachineClocks.real_monotonic`` in a test on virtual time, it makes the
    intervals a watcher measures the ones its sleeps took.
    """
    try:
        return trio.current_time()
    except RuntimeError:  # not in a trio run
        return _REAL_MONOTONIC()


def clocks_follow_the_service(fake: FakeGreenAPI, monkeypatch: pytest.MonkeyPatch) -> MachineClocks:
    clocks = MachineClocks(fake.clock, started=fake.clock.now())
    monkeypatch.setattr(time, "time", clocks.time)
    monkeypatch.setattr(time, "monotonic", clocks.monotonic)
    return clocks
