"""``Fault``: a misbehaviour of the fake service, scripted by a test for its next requests."""

from __future__ import annotations

from typing import Final

import attrs

from .. import _json
from .._methods import METHODS

__all__ = ["JSON_HEADERS", "Fault"]

JSON_HEADERS: Final = (("content-type", "application/json"),)


def _method_name(name: object) -> str | None:
    # Spelt as the table spells it, so that a typo fails here rather than never firing.
    if name is None:
        return None
    for known in METHODS:
        if isinstance(name, str) and name.lower() == known.lower():
            return known
    raise ValueError(f"Fault method must be one of {', '.join(METHODS)}, not {name!r}")


@attrs.frozen
class Fault:
    """A scripted misbehaviour for the next request the fake receives.

    By default the fault answers instead of the fake, which then does nothing else: a
    send is not taken. ``delay`` seconds pass first; then ``status``, ``headers`` and
    ``body`` are sent as given, or, when ``status`` is None, the fake performs the request
    and sends its own answer.

    ``taken``: the fake performs the request first (a send is queued), then waits
    ``delay`` and answers with the fault, or with its own answer when ``status`` is
    None: the answer of a request the service did carry out is lost or late.

    ``dropped``: the connection is closed halfway through the answer: the status line,
    headers promising the whole body, half of it, then nothing.

    ``method``: the fault waits for a request of that method (any case), and requests
    of other methods pass it by; None (the default) takes the next request of any
    method. ``fault.on(method)`` is the same fault for one method.

    Use the class methods for the service's usual failures.
    """

    status: int | None = 500
    body: bytes = b'{"code":500,"description":"Internal Server Error"}'
    headers: tuple[tuple[str, str], ...] = JSON_HEADERS
    delay: float = 0.0
    taken: bool = False
    dropped: bool = False
    method: str | None = attrs.field(default=None, converter=_method_name)

    def on(self, method: str) -> Fault:
        """A copy of the fault for the next request of ``method`` only, e.g. ``"sendMessage"``."""
        return attrs.evolve(self, method=method)

    def applies_to(self, method: str | None) -> bool:
        """Whether a request of API ``method`` (None: not a route of the API) takes it."""
        return self.method is None or (method is not None and method.lower() == self.method.lower())

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
        """A normal answer, ``seconds`` late: the request is performed when they end."""
        return cls(status=None, body=b"", delay=seconds)

    @classmethod
    def dropped_connection(cls) -> Fault:
        """The connection closes halfway through an answer, the request not performed."""
        return cls(200, b'{"idMessage":"BAE5FA4E0000FFFF"}', dropped=True)

    @classmethod
    def taken_then_dropped(cls) -> Fault:
        """The request is performed, then the connection closes halfway through its answer."""
        return cls(status=None, body=b"", taken=True, dropped=True)

    @classmethod
    def taken_then_bad_gateway(cls) -> Fault:
        """The request is performed, then a proxy's 502 page comes instead of its answer."""
        return attrs.evolve(cls.bad_gateway(), taken=True)

    @classmethod
    def taken_then_stalled(cls, seconds: float) -> Fault:
        """The request is performed, and its answer comes ``seconds`` later.

        A client whose timeout is shorter gives up without the answer.
        """
        return cls(status=None, body=b"", delay=seconds, taken=True)
