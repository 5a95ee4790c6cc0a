"""The retry policy as pure functions: what a failure is, Retry-After, capped backoff."""

from __future__ import annotations

import email.utils
import math
import time
from datetime import datetime, timezone

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import greenapi_async as ga
from greenapi_async._retry import (
    Failure,
    RetryPolicy,
    call_retries_after,
    failure_of,
    parse_retry_after,
    send_retries_after,
    service_may_have_acted,
    watch_goes_on_after,
)

# 2025-11-29 16:00:00 UTC
NOW = 1_764_432_000.0


def test_retry_after_is_read_in_seconds_milliseconds_and_http_dates() -> None:
    now = 1_764_000_000.0
    http_date = email.utils.formatdate(now + 7, usegmt=True)
    assert parse_retry_after(httpx.Headers({"Retry-After": "3"})) == 3
    assert parse_retry_after(httpx.Headers({"Retry-After": "1.5"})) == 1.5
    assert parse_retry_after(httpx.Headers({"Retry-After-Ms": "250"})) == 0.25
    assert parse_retry_after(httpx.Headers({"Retry-After": http_date}), now=now) == 7
    past = email.utils.formatdate(now - 60, usegmt=True)
    assert parse_retry_after(httpx.Headers({"Retry-After": past}), now=now) == 0
    assert parse_retry_after(httpx.Headers({"Retry-After": "soon"})) is None
    assert parse_retry_after(httpx.Headers({"Retry-After": "-3"})) is None
    assert parse_retry_after(httpx.Headers({})) is None


def test_backoff_doubles_is_capped_and_jittered_down_only() -> None:
    policy = RetryPolicy(initial_delay=0.5, max_delay=8.0)
    for retry_number, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (5, 8.0), (9, 8.0)]:
        delays = [policy.delay(retry_number, None) for _ in range(200)]
        assert all(d is not None and 0.75 * ceiling <= d <= ceiling for d in delays)
        assert len(set(delays)) > 1
    assert policy.delay(1, 12.0) == 12.0
    assert policy.delay(1, 61.0) is None


def _status(cls: type[ga.APIStatusError], status_code: int) -> ga.APIStatusError:
    return cls("failed", status_code=status_code, body="", url="u", method="m")


def _connection(
    cls: type[ga.APIConnectionError] = ga.APIConnectionError, **facts: bool
) -> ga.APIConnectionError:
    return cls("failed", url="u", method="m", **facts)


# Each failure, what it is, and what a call, a watcher and a send make of it: (retry the
# call, the watch goes on, the service may have acted on it, a send is repeated at once).
FAILURES = [
    (_connection(reached_service=False), Failure.UNREACHED, (True, True, False, True)),
    (
        _connection(ga.APITimeoutError, reached_service=False),
        Failure.UNREACHED,
        (True, True, False, True),
    ),
    (_connection(), Failure.LOST, (True, True, True, False)),
    (_connection(ga.APITimeoutError), Failure.LOST, (True, True, True, False)),
    # An HTTP stack that failed once the request may have been out: nothing cures it,
    # and the service may have taken it all the same.
    (_connection(transient=False), Failure.FATAL, (False, False, True, False)),
    (
        _connection(transient=False, reached_service=False),
        Failure.FATAL,
        (False, False, False, False),
    ),
    (_status(ga.RateLimitError, 429), Failure.THROTTLED, (True, True, False, True)),
    (_status(ga.APIStatusError, 499), Failure.LOST, (True, True, True, False)),
    (_status(ga.ServerError, 500), Failure.LOST, (True, True, True, False)),
    (_status(ga.ServerError, 502), Failure.LOST, (True, True, True, False)),
    (_status(ga.ServerError, 599), Failure.LOST, (True, True, True, False)),
    (_status(ga.BadRequestError, 400), Failure.REFUSED, (False, True, False, False)),
    (_status(ga.MessageNotFoundError, 400), Failure.REFUSED, (False, True, False, False)),
    (_status(ga.AuthenticationError, 401), Failure.FATAL, (False, False, False, False)),
    (_status(ga.PermissionDeniedError, 403), Failure.FATAL, (False, False, False, False)),
    (_status(ga.APIStatusError, 404), Failure.FATAL, (False, False, False, False)),
    (_status(ga.QuotaExceededError, 466), Failure.FATAL, (False, False, False, False)),
    (ga.ResponseValidationError("not JSON"), Failure.GARBLED, (False, True, True, False)),
    # A success too large to read: the service took the request.
    (
        ga.ResponseTooLargeError("too large", max_bytes=1, status_code=200),
        Failure.FATAL,
        (False, False, True, False),
    ),
    (
        ga.ResponseTooLargeError("too large", max_bytes=1, status_code=502),
        Failure.FATAL,
        (False, False, False, False),
    ),
    (
        ga.DownloadTooLargeError("too large", max_bytes=1),
        Failure.FATAL,
        (False, False, False, False),
    ),
]


@pytest.mark.parametrize(
    ("error", "failure", "decisions"), FAILURES, ids=[f"{e!r}" for e, _, _ in FAILURES]
)
def test_each_failure_is_decided_once_and_each_caller_reads_that(
    error: ga.GreenAPIError, failure: Failure, decisions: tuple[bool, bool, bool, bool]
) -> None:
    assert failure_of(error) is failure
    assert (
        call_retries_after(error),
        watch_goes_on_after(error),
        service_may_have_acted(error),
        send_retries_after(error),
    ) == decisions


def test_every_kind_of_failure_is_among_those_decided() -> None:
    assert {failure for _, failure, _ in FAILURES} == set(Failure)


# Values that Python's float() or email.utils would read, or choke on, but that are not
# what RFC 9110 allows: each is ignored, as if the header were absent.
HOSTILE_NUMBERS = [
    "5_0",
    "+5",
    "-5",
    "-0",
    "5 0",
    "5\t0",
    "1e3",
    "0x10",
    "inf",
    "Infinity",
    "nan",
    "NaN",
    "5.",
    ".5",
    "1,5",
    "\u0665",  # ARABIC-INDIC DIGIT FIVE
    "\uff15",  # FULLWIDTH DIGIT FIVE
    "5\u00a0",  # a non-breaking space is not HTTP whitespace
    "1" * 5000,  # beyond the int-to-str limit
    "9" * 400,  # beyond a float
    "",
    " ",
]
HOSTILE_DATES = [
    "Mon, 01 Jan 99999999999999999999 00:00:00 GMT",
    "Mon, 01 Jan 10000 00:00:00 GMT",
    "Mon, 01 Jan 0000 00:00:00 GMT",
    "Mon, 01 Jan 1 00:00:00 GMT",
    "Mon, 31 Feb 2026 00:00:00 GMT",
    "Mon, 01 Jan 2026 24:00:00 GMT",
    "Mon, 01 Jan 2026 00:00:00 +0300",
    "Mon, 01 Jan 2026 00:00:00 EST",
    "Mon, 01 Jan 2026 00:00 GMT",
    "01 Jan 2026 00:00:00 GMT",
    "Mon, 1 Jan 2026 00:00:00 GMT",
    "mon, 01 jan 2026 00:00:00 gmt",
    "Mon,  01 Jan 2026 00:00:00 GMT",
    "Monday, 01-Jan-2026 00:00:00 GMT",
    "Mon Jan  1 00:00:00 99999999999999999999",
    "Mon, 01 Jan 2026 00:00:00 GMT, Tue, 02 Jan 2026 00:00:00 GMT",
]


@pytest.mark.parametrize("value", HOSTILE_NUMBERS + HOSTILE_DATES)
def test_a_retry_after_outside_the_http_grammar_is_ignored(value: str) -> None:
    assert parse_retry_after({"retry-after": value}, now=NOW) is None


@pytest.mark.parametrize("value", [*HOSTILE_NUMBERS, "Mon, 01 Jan 2026 00:00:00 GMT"])
def test_a_retry_after_ms_outside_its_grammar_is_ignored(value: str) -> None:
    assert parse_retry_after({"retry-after-ms": value}, now=NOW) is None
    # ... and Retry-After is read instead, as if Retry-After-Ms were absent.
    assert parse_retry_after({"retry-after-ms": value, "retry-after": "4"}, now=NOW) == 4


@pytest.mark.parametrize(
    ("header", "value", "seconds"),
    [
        ("retry-after", "0", 0),
        ("retry-after", "120", 120),
        ("retry-after", "007", 7),
        ("retry-after", "1.5", 1.5),
        ("retry-after", " \t30\t ", 30),  # optional whitespace around a field value
        ("retry-after", "Sat, 29 Nov 2025 16:00:07 GMT", 7),  # IMF-fixdate
        ("retry-after", "Sat, 29 Nov 2025 16:00:07 -0000", 7),  # as email.utils writes it
        ("retry-after", "Saturday, 29-Nov-25 16:00:07 GMT", 7),  # obsolete RFC 850
        ("retry-after", "Sat Nov 29 16:00:07 2025", 7),  # obsolete asctime
        ("retry-after", "Sat Dec  6 16:00:00 2025", 7 * 86_400),  # asctime's padded day
        ("retry-after", "Sat, 29 Nov 2025 15:00:00 GMT", 0),  # in the past: now
        ("retry-after-ms", "250", 0.25),
        ("retry-after-ms", "0.5", 0.0005),
    ],
)
def test_retry_after_in_the_http_grammar_is_read(header: str, value: str, seconds: float) -> None:
    assert parse_retry_after({header: value}, now=NOW) == pytest.approx(seconds)


def test_a_two_digit_year_more_than_50_years_ahead_is_in_the_past() -> None:
    # RFC 9110 5.6.7: now is 2025, so "75" is 2075 and "76" is 1976.
    in_2075 = datetime(2075, 11, 29, 16, tzinfo=timezone.utc).timestamp() - NOW
    assert parse_retry_after({"retry-after": "Friday, 29-Nov-75 16:00:00 GMT"}, now=NOW) == in_2075
    assert parse_retry_after({"retry-after": "Monday, 29-Nov-76 16:00:00 GMT"}, now=NOW) == 0


def test_a_retry_after_date_in_minus_zero_zone_is_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        now = 1_764_000_000.0
        header = email.utils.formatdate(now + 30)  # "... -0000"
        assert header.endswith("-0000")
        assert parse_retry_after(httpx.Headers({"Retry-After": header}), now=now) == 30
    finally:
        monkeypatch.undo()
        time.tzset()


@given(
    st.dictionaries(
        st.sampled_from(["retry-after", "retry-after-ms"]),
        st.one_of(
            st.text(),
            st.from_regex(r"[0-9._+\- eE]{1,30}", fullmatch=True),
            st.builds(
                email.utils.formatdate,
                st.floats(min_value=-6e10, max_value=2.5e11),  # years 1 to 9999
                usegmt=st.booleans(),
            ),
            # Date-shaped, with numbers of any size in any place.
            st.from_regex(
                r"(Mon|Monday), [0-9]{1,3}[ -](Jan|Feb)[ -][0-9]{1,25} "
                r"[0-9]{2}:[0-9]{2}:[0-9]{2} (GMT|-0000)",
                fullmatch=True,
            ),
        ),
    )
)
def test_parse_retry_after_never_raises_and_gives_none_or_finite_seconds(
    headers: dict[str, str],
) -> None:
    seconds = parse_retry_after(headers, now=NOW)
    assert seconds is None or (math.isfinite(seconds) and seconds >= 0)
