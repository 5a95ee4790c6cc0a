"""When to try again, and how long to wait first: for calls, downloads and watchers.

One decision says what a failure is (``failure_of``): whether the request reached the
service, whether the service refused it for now or for good, whether its answer was lost
or garbled. What each caller does with it is one line below it: a call retries what a
second try may fix (``call_retries_after``), a watcher waits out whatever time may fix
(``watch_goes_on_after``), and a request that must not be repeated blindly asks whether
the service may have acted on it (``service_may_have_acted``): a send is repeated at
once only where the service certainly did not take it (``send_retries_after``). Small
pure functions of an error, headers and an attempt number, testable without any I/O.
"""

from __future__ import annotations

import enum
import functools
import math
import random
import re
import time
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Final

import attrs

from ._attrs_methods import AttrsMethods
from ._errors import (
    APIConnectionError,
    APIStatusError,
    BadRequestError,
    GreenAPIError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    ServerError,
)

__all__ = [
    "Failure",
    "RetryPolicy",
    "call_retries_after",
    "failure_of",
    "parse_retry_after",
    "send_retries_after",
    "service_may_have_acted",
    "watch_goes_on_after",
]


class Failure(enum.Enum):
    """What a failed request says about the service, and about trying again."""

    UNREACHED = "the request never reached the service"
    THROTTLED = "the service refused it for now (429), having done nothing"
    LOST = "the request may have reached the service; no answer came back"
    GARBLED = "the service answered, but not as the API documents"
    REFUSED = "the service refused the request as it was (400)"
    FATAL = "nothing the caller waits for will fix it"


# 499 is the service's "client closed the connection": its docs advise retrying it. Like
# a 5xx, it comes after the request reached the service.
_LOST_STATUSES: Final = frozenset({499})


def failure_of(error: GreenAPIError) -> Failure:
    """The one decision of what ``error`` is; every policy below reads it.

    Authentication (401), permission (403) and quota (466) errors, the other 4xx, a body
    over its size cap (the same request gets the same answer), a certificate that fails
    verification and a failure of the HTTP stack itself are ``FATAL``. A 400 is
    ``REFUSED``: for a read, what an instance that is starting answers.
    """
    if isinstance(error, APIConnectionError):
        if not error.transient:
            return Failure.FATAL
        return Failure.LOST if error.reached_service else Failure.UNREACHED
    if isinstance(error, RateLimitError):
        return Failure.THROTTLED
    if isinstance(error, ServerError) or (
        isinstance(error, APIStatusError) and error.status_code in _LOST_STATUSES
    ):
        return Failure.LOST
    if isinstance(error, BadRequestError):
        return Failure.REFUSED
    if isinstance(error, ResponseValidationError) and not isinstance(error, ResponseTooLargeError):
        return Failure.GARBLED
    return Failure.FATAL


def call_retries_after(error: GreenAPIError) -> bool:
    """Whether a call (a read) or a download may succeed if sent again in a moment.

    A garbled answer is not retried: the same request would most likely get it again.
    """
    return failure_of(error) in (Failure.UNREACHED, Failure.THROTTLED, Failure.LOST)


def send_retries_after(error: GreenAPIError) -> bool:
    """Whether a send may be sent again, as it was, without looking for it first.

    Only where the service certainly did not take it: the request never reached it, or
    it refused it for now (429) having done nothing. Whatever else may have reached it
    (``service_may_have_acted``) is looked for before any second send.
    """
    return failure_of(error) in (Failure.UNREACHED, Failure.THROTTLED)


def watch_goes_on_after(error: GreenAPIError) -> bool:
    """Whether a watcher should back off and poll again after ``error``, or end with it.

    Wider than a call's retries: a watcher runs for weeks, so a 400 from an instance that
    is starting up, and a garbled answer, are waited out too.
    """
    return failure_of(error) is not Failure.FATAL


def service_may_have_acted(error: GreenAPIError) -> bool:
    """Whether the service may have acted on a request that failed with ``error``.

    Such a request must not be sent again before looking for what it did: its answer
    was lost or garbled, or it failed for good after it may have reached the service (a
    success too large to read, an HTTP stack that failed once the request was out). One
    that never reached the service, or that it refused, did nothing.
    """
    if failure_of(error) in (Failure.LOST, Failure.GARBLED):
        return True
    if isinstance(error, ResponseTooLargeError):
        return error.status_code < 400
    return isinstance(error, APIConnectionError) and error.reached_service


def parse_retry_after(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """Seconds to wait from ``Retry-After-Ms`` or ``Retry-After``; None when absent or unreadable.

    ``Retry-After`` is delta-seconds or an HTTP-date (RFC 9110, section 10.2.3); a date in
    the past means now. ``Retry-After-Ms`` is milliseconds. Both numbers are ASCII digits
    with an optional decimal fraction; a value outside that grammar is ignored, as if the
    header were absent, and the result is always finite.
    """
    milliseconds = _number(headers.get("retry-after-ms"))
    if milliseconds is not None:
        return milliseconds / 1000
    header = headers.get("retry-after")
    if header is None:
        return None
    seconds = _number(header)
    if seconds is not None:
        return seconds
    now = time.time() if now is None else now
    moment = _http_date(header.strip(_OWS), now)
    return None if moment is None else max(moment - now, 0.0)


# RFC 9110's delta-seconds is 1*DIGIT; a decimal fraction is accepted too, as servers
# (and greenapi_async.testing) send one for waits under a second. Only ASCII digits:
# float() would also take "5_0", "+5", "1e3", "inf", "nan" and digits of other scripts.
_NUMBER: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# Optional whitespace around a field value is not part of it (RFC 9110, section 5.5).
_OWS: Final = " \t"


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    value = value.strip(_OWS)
    if not _NUMBER.fullmatch(value):
        return None
    number = float(value)  # a digit string too long for a float is inf, not an error
    return number if math.isfinite(number) else None


_MONTHS: Final = (
    *("Jan", "Feb", "Mar", "Apr", "May", "Jun"),
    *("Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
)
_MONTH: Final = f"(?P<month>{'|'.join(_MONTHS)})"
_TIME: Final = r"(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})"
_DAY_NAME: Final = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"


@functools.cache  # compiled at first use: few answers carry a date, and imports are timed
def _http_dates() -> tuple[re.Pattern[str], ...]:
    """The three forms of RFC 9110, section 5.6.7, case-sensitive as it says.

    IMF-fixdate's zone may also be +0000 or -0000, the same instant as GMT, which is
    what Python's email.utils.formatdate() writes by default.
    """
    return (
        re.compile(
            rf"{_DAY_NAME}, (?P<day>[0-9]{{2}}) {_MONTH} (?P<year>[0-9]{{4}}) {_TIME}"
            r" (?:GMT|[+-]0000)"
        ),
        re.compile(
            r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), "
            rf"(?P<day>[0-9]{{2}})-{_MONTH}-(?P<year>[0-9]{{2}}) {_TIME} GMT"
        ),
        re.compile(
            rf"{_DAY_NAME} {_MONTH} (?P<day>[0-9]{{2}}| [0-9]) {_TIME} (?P<year>[0-9]{{4}})"
        ),
    )


def _http_date(value: str, now: float) -> float | None:
    """The unix time of an HTTP-date, or None if ``value`` is not one or names no real time."""
    for form in _http_dates():
        match = form.fullmatch(value)
        if match is not None:
            break
    else:
        return None
    year = int(match["year"])
    if len(match["year"]) == 2:
        # RFC 850's two-digit year: the one within 50 years ahead of now, or else in
        # the past (RFC 9110, section 5.6.7).
        this_year = datetime.fromtimestamp(now, timezone.utc).year
        ahead = (year - this_year) % 100
        year = this_year + (ahead - 100 if ahead > 50 else ahead)
    try:
        moment = datetime(
            year,
            _MONTHS.index(match["month"]) + 1,
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
            # A leap second (60) is read as the second before it.
            min(int(match["second"]), 59),
            tzinfo=timezone.utc,
        )
    except ValueError:  # year 0, 31 February, 25 o'clock...
        return None
    return moment.timestamp()


@attrs.frozen(eq=False, repr=False)
class RetryPolicy(AttrsMethods):
    """Exponential backoff with jitter, capped, honouring what the server asks for.

    ``max_delay`` defaults to 16 times ``initial_delay``: four doublings, so that the
    client's one ``retry_backoff`` setting scales the whole curve (0.5 s to 8 s by
    default). ``max_retry_after``: a ``Retry-After`` longer than this is not waited out
    inside one call; the error is raised with ``retry_after`` set, and the caller decides.
    """

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = attrs.field(
        default=attrs.Factory(lambda policy: 16 * policy.initial_delay, takes_self=True)
    )
    max_retry_after: float = 60.0

    def delay(self, retry_number: int, retry_after: float | None) -> float | None:
        """Seconds to sleep before retry ``retry_number`` (1-based); None means do not retry."""
        if retry_after is not None:
            return retry_after if retry_after <= self.max_retry_after else None
        # The exponent is capped: past about a thousand doublings a float overflows, and
        # long before that the delay is max_delay anyway.
        backoff = min(self.initial_delay * 2.0 ** min(retry_number - 1, 64), self.max_delay)
        # Up to 25% less, so that many clients failing together do not retry in lockstep.
        jitter = 1 - 0.25 * random.random()  # noqa: S311 - jitter, not crypto
        return float(backoff * jitter)
