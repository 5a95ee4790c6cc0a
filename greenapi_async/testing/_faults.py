"""``Fault``: a misbehaviour of the fake service, scripted by a test for its next requests."""

from __future__ import annotations

from typing import Final

import attrs

from .. import _json

__all__ = ["JSON_HEADERS", "Fault"]

JSON_HEADERS: Final = (("content-type", "application/json"),)


@attrs.frozen
class Fault:
    """A scripted misbehaviour for the next request(s) the fake receives.

    ``delay`` seconds pass before the answer; then ``status``, ``headers`` and ``body``
    are sent as given, or, when ``status`` is None, the answer the fake would have given.
    Use the class methods for the service's usual failures.
    """

    status: int | None = 500
    body: bytes = b'{"code":500,"description":"Internal Server Error"}'
    headers: tuple[tuple[str, str], ...] = JSON_HEADERS
    delay: float = 0.0

    @classmethod
    def rate_limited(cls, retry_after: float | None = None) -> Fault:
        """429, with ``Retry-After`` when given."""
        headers = JSON_HEADERS + (
            (("retry-after", f"{retry_after:g}"),) if retry_after is not None else ()
        )
        return cls(429, b'{"code":429,"description":"Too Many Requests"}', headers)

    @classmethod
    def bad_gateway(cls) -> Fault:
        """502 with the HTML page a proxy sends."""
        page = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
        return cls(502, page, (("content-type", "text/html"),))

    @classmethod
    def quota_exceeded(cls) -> Fault:
        """466 with the service's ``invokeStatus`` body."""
        body = {
            "invokeStatus": {
                "method": "lastOutgoingMessages",
                "used": 201,
                "total": 200,
                "status": "QUOTE_EXCEEDED",
                "description": "Monthly quota has been exceeded. Upgrade the tariff.",
            }
        }
        return cls(466, _json.dumps(body))

    @classmethod
    def malformed(cls, body: bytes = b'[{"idMessage": "BAE5', status: int = 200) -> Fault:
        """A 200 whose body is not a journal (truncated JSON by default)."""
        return cls(status, body)

    @classmethod
    def slow(cls, seconds: float) -> Fault:
        """A normal answer, ``seconds`` late."""
        return cls(status=None, body=b"", delay=seconds)
