"""Keeping the API token out of everything a user might print, log or report.

Green API puts the token in the URL path (``/waInstance{id}/{method}/{token}``), and httpx
prints full URLs in its INFO log line, in ``repr(request)`` and in its status errors. We
redact by the URL's shape, so the httpx log filter needs no registry of live secrets, and
by the exact token wherever a body or message may echo it back.
"""

from __future__ import annotations

import logging
import re
from typing import Final

__all__ = ["REDACTED", "install_httpx_log_filter", "redact", "redact_urls"]

REDACTED: Final = "***"

# The segment after the method name is the token. Matching the shape rather than the
# token itself also covers clients other than ours that share the httpx logger.
_TOKEN_IN_PATH: Final = re.compile(r"(/waInstance[0-9]+/[A-Za-z]+/)[^/?#\s\"'<>]+")

# httpx logs its request line on "httpx"; httpcore's trace lines name only host and port,
# and are covered too in case that changes.
_HTTP_LOGGERS: Final = ("httpx", "httpcore.http11", "httpcore.http2", "httpcore.connection")


def redact_urls(text: str) -> str:
    """Replace the token segment of every Green API URL in ``text``."""
    return _TOKEN_IN_PATH.sub(rf"\g<1>{REDACTED}", text)


def redact(text: str, token: str) -> str:
    """Remove ``token`` and any Green API URL's token segment from ``text``."""
    return redact_urls(text.replace(token, REDACTED))


class _RedactingFilter(logging.Filter):
    """Rewrites a record's message with URL tokens redacted; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_urls(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        return True


_FILTER: Final = _RedactingFilter("greenapi_async.redaction")


def install_httpx_log_filter() -> None:
    """Attach the redacting filter to the loggers httpx and httpcore write to (idempotent)."""
    for name in (*_HTTP_LOGGERS, "greenapi_async"):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
