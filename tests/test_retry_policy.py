"""The retry policy as pure functions: Retry-After parsing and capped, jittered backoff."""

from __future__ import annotations

import email.utils

import httpx

from greenapi_async._retry import RetryPolicy, is_retryable_status, parse_retry_after


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


def test_only_429_499_and_5xx_statuses_are_retryable() -> None:
    assert [
        s for s in (400, 401, 403, 404, 429, 466, 499, 500, 502, 503, 599) if is_retryable_status(s)
    ] == [429, 499, 500, 502, 503, 599]
