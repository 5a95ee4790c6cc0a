"""When to retry a request, and how long to wait first.

Small pure functions of a status code, headers and an attempt number, so the transport's
loop stays readable and the policy can be tested without any I/O.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Mapping
from datetime import timezone
from typing import Final

import attrs

__all__ = ["RetryPolicy", "is_retryable_status", "parse_retry_after"]

# 499 is the service's "client closed the connection"; its docs advise retrying it.
_RETRYABLE_STATUSES: Final = frozenset({429, 499})


def is_retryable_status(status_code: int) -> bool:
    """Whether a GET that got this status may succeed if sent again."""
    return status_code in _RETRYABLE_STATUSES or status_code >= 500


def parse_retry_after(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """Seconds to wait from ``Retry-After`` or ``Retry-After-Ms``; None when absent or unreadable.

    ``Retry-After`` may be delta-seconds or an HTTP date; a date in the past means now.
    """
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            value = float(milliseconds) / 1000
        except ValueError:
            pass
        else:
            if value >= 0:
                return value
    header = headers.get("retry-after")
    if header is None:
        return None
    try:
        seconds = float(header)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError, IndexError):
            return None
        if moment.tzinfo is None:
            # "-0000" parses as naive; HTTP dates are always UTC.
            moment = moment.replace(tzinfo=timezone.utc)
        seconds = moment.timestamp() - (time.time() if now is None else now)
        return max(seconds, 0.0)
    return seconds if seconds >= 0 else None


@attrs.frozen
class RetryPolicy:
    """Exponential backoff with jitter, capped, honouring what the server asks for.

    ``max_retry_after``: a ``Retry-After`` longer than this is not waited out inside one
    call; the error is raised with ``retry_after`` set, and the caller decides.
    """

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def delay(self, retry_number: int, retry_after: float | None) -> float | None:
        """Seconds to sleep before retry ``retry_number`` (1-based); None means do not retry."""
        if retry_after is not None:
            return retry_after if retry_after <= self.max_retry_after else None
        backoff = min(self.initial_delay * 2 ** (retry_number - 1), self.max_delay)
        # Up to 25% less, so that many clients failing together do not retry in lockstep.
        jitter = 1 - 0.25 * random.random()  # noqa: S311 - jitter, not crypto
        return float(backoff * jitter)
