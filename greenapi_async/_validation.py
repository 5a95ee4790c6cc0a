"""Checks of the arguments users pass in, made before any I/O.

Messages name the argument and what it accepts. They never echo the API token.
"""

from __future__ import annotations

import ipaddress
import math
import re
from typing import Final, cast

import httpx

from ._errors import InvalidArgumentError
from ._redaction import shown_url

__all__ = [
    "DEFAULT_API_URL",
    "DEFAULT_CONFIRM_WITHIN",
    "MAX_MINUTES",
    "describe",
    "fetchable_url",
    "minutes_covering",
    "validate_api_token",
    "validate_api_url",
    "validate_byte_limit",
    "validate_chat_id",
    "validate_count",
    "validate_flag",
    "validate_id_instance",
    "validate_id_message",
    "validate_max_retries",
    "validate_minutes",
    "validate_retry_backoff",
    "validate_seconds",
    "validate_timeout",
]

DEFAULT_API_URL: Final = "https://api.green-api.com"
DEFAULT_CONFIRM_WITHIN: Final = 150.0
"""Seconds a lost send is looked for: the journal can lag a send by about two minutes."""
# The longest journal window asked for: a year, far beyond the service's 24-hour default
# and anything it keeps, yet small enough that no int the service must parse is absurd.
MAX_MINUTES: Final = 525_600


def minutes_covering(seconds: float) -> int:
    """The journal window, in whole minutes, that reaches ``seconds`` back (1 at least).

    Capped at ``MAX_MINUTES``: asked to reach further, ask for all the service can keep.
    """
    return min(MAX_MINUTES, max(1, math.ceil(seconds / 60)))


# ASCII only: str.isdigit() would also accept digits of other scripts.
_DIGITS: Final = re.compile(r"[0-9]+")
_TOKEN: Final = re.compile(r"[A-Za-z0-9]+")
_LETTER: Final = re.compile(r"[A-Za-z]")
# Far beyond any real instance id, and short of int-to-str conversion limits.
_MAX_ID_DIGITS: Final = 30
_MAX_ID: Final = 10**_MAX_ID_DIGITS


def _is_plain_int(value: object) -> bool:
    # bool is a subclass of int, but True is never a sensible count or id.
    return isinstance(value, int) and not isinstance(value, bool)


def validate_id_instance(value: object, *, name: str = "id_instance") -> str:
    """Return the instance id as its digit string.

    ``name`` starts the message: the argument's, or the variable or option it came from.
    """
    if _is_plain_int(value) and 0 <= value < _MAX_ID:  # type: ignore[operator]
        return str(value)
    if isinstance(value, str) and len(value) <= _MAX_ID_DIGITS and _DIGITS.fullmatch(value):
        return value
    # An instance id is no secret: showing the refused one finds the typo. But a value
    # with letters in it may be the token, passed where the id goes: never shown.
    if isinstance(value, str) and _LETTER.search(value):
        shown = (
            f"a string of {len(value)} characters with letters in it (is it the token? "
            "the instance id and the token may be swapped)"
        )
    else:
        shown = _shown_text(value) if isinstance(value, str) else describe(value)
    raise InvalidArgumentError(
        f"{name} must be a non-negative int or a string of digits such as "
        f"'1101000001', not {shown}{_stray_space(value)}"
    )


def validate_api_token(value: object, *, name: str = "api_token") -> str:
    """Return the token unchanged if it has the documented shape.

    ``name`` starts the message: the argument's, or the variable it came from.
    """
    if isinstance(value, str) and _TOKEN.fullmatch(value):
        return value
    # The rejected value may be a real secret with a typo: say what is wrong, never what it is.
    what = "an empty string" if value == "" else f"a value of type {type(value).__name__}"
    if isinstance(value, str) and value:
        what = "a string with characters other than A-Z, a-z and 0-9"
    raise InvalidArgumentError(
        f"{name} must be the instance's apiTokenInstance (letters and digits only), "
        f"not {what}{_stray_space(value)}"
    )


def _stray_space(value: object) -> str:
    # A value pasted from a console or read from a file often brings a space or a line
    # break along, which no message showing the value (or hiding it) makes visible.
    if isinstance(value, str) and value.strip() and value != value.strip():
        return " (it has white space or a line break around it: remove it)"
    return ""


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_api_url(value: object, *, name: str = "api_url") -> str:
    """Return the API base URL without a trailing slash.

    Only https is accepted, except plain http to a loopback host, for local test servers.
    ``name`` starts the message: the argument's, or the variable or option it came from.
    """
    if not isinstance(value, str):
        raise InvalidArgumentError(f"{name} must be a str, not {describe(value)}")
    _refuse_unencodable(value, name)
    if _stray_space(value):
        raise InvalidArgumentError(
            f"{name} must be a URL such as {DEFAULT_API_URL!r}, not {shown_url(value)!r}"
            f"{_stray_space(value)}"
        )
    url = fetchable_url(value, name)
    # httpx drops an empty "?" or "#", which would still end the instance path early.
    if url.query or url.fragment or "?" in value or "#" in value:
        raise InvalidArgumentError(
            f"{name} must not carry a query or a fragment: "
            "the instance id and token are passed separately"
        )
    # A method's whole URL, pasted from the console, holds the token in its path: it
    # would be shown in every repr and error. A path prefix (a proxy's) is fine.
    if "/wainstance" in url.path.lower():
        raise InvalidArgumentError(
            f"{name} must be the service's address only, such as {DEFAULT_API_URL!r}, not a "
            "method's URL: the instance id and the token are passed separately"
        )
    return str(url).rstrip("/")


def fetchable_url(value: str, name: str) -> httpx.URL:
    """Parse a URL the SDK may send a request to: the API host's and media hosts' rule.

    Absolute, https (plain http only to a loopback host, for local test servers), and
    without credentials. ``name`` starts the messages, which show the URL without its
    credentials and with its query as ``?***``.
    """
    _refuse_unencodable(value, name)
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL:
        url = None
    if url is not None and url.scheme and url.scheme not in ("http", "https"):
        raise _not_https(name, value)
    if url is None or not url.host:
        raise InvalidArgumentError(
            f"{name} must be an absolute URL such as {DEFAULT_API_URL!r}, not {shown_url(value)!r}"
        )
    if url.scheme == "http" and not _is_loopback(url.host):
        raise _not_https(name, value)
    if url.userinfo:
        raise InvalidArgumentError(f"{name} must not carry credentials, not {shown_url(value)!r}")
    return url


def _not_https(name: str, value: str) -> InvalidArgumentError:
    return InvalidArgumentError(
        f"{name} must use https (http is allowed only for 127.0.0.1, localhost and ::1), "
        f"not {shown_url(value)!r}"
    )


def validate_flag(name: str, value: object) -> bool:
    """Return ``value`` if it is a bool: ``1`` or ``"yes"`` for a switch is a mistake."""
    if isinstance(value, bool):
        return value
    raise InvalidArgumentError(
        f"{name} must be True or False, not a value of type {type(value).__name__}"
    )


def _seconds(value: object) -> float | None:
    """A finite int or float as seconds; None for anything else (a bool, a str, nan...)."""
    if not (_is_plain_int(value) or isinstance(value, float)):
        return None
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except OverflowError:  # an int beyond any float
        return None
    return seconds if math.isfinite(seconds) else None


def validate_timeout(value: object) -> float:
    """Return the timeout in seconds as a float."""
    seconds = _seconds(value)
    if seconds is not None and seconds > 0:
        return seconds
    raise InvalidArgumentError(
        f"timeout must be a positive, finite number of seconds, not {describe(value)}"
    )


def validate_retry_backoff(value: object) -> float:
    """Return the wait before the first retry in seconds; 0 retries at once."""
    return validate_seconds(value, name="retry_backoff")


def validate_confirm_within(value: object, *, name: str = "confirm_within") -> float:
    """Return seconds to look for a send whose answer was lost; 0 never looks nor resends."""
    return validate_seconds(
        value, name=name, meaning=" (0: never resend a send whose outcome is unknown)"
    )


def validate_seconds(value: object, *, name: str, meaning: str = "") -> float:
    """Return a finite number of seconds >= 0 (not a bool); ``name`` is the argument's."""
    seconds = _seconds(value)
    if seconds is not None and seconds >= 0:
        return seconds
    raise InvalidArgumentError(
        f"{name} must be a finite number of seconds >= 0{meaning}, not {describe(value)}"
    )


def validate_max_retries(value: object) -> int:
    """Return the retry count."""
    if _is_plain_int(value) and value >= 0:  # type: ignore[operator]
        return value  # type: ignore[return-value]
    raise InvalidArgumentError(f"max_retries must be an int >= 0, not {describe(value)}")


def validate_byte_limit(value: object, *, name: str) -> int:
    """Return a size limit in bytes; ``name`` is the argument's, for the message."""
    if _is_plain_int(value) and value > 0:  # type: ignore[operator]
        return value  # type: ignore[return-value]
    raise InvalidArgumentError(f"{name} must be an int > 0 (bytes), not {describe(value)}")


def validate_minutes(value: object) -> int | None:
    """Return the journal window in minutes, or None for the server's default."""
    if value is None:
        return None
    if _is_plain_int(value) and 1 <= value <= MAX_MINUTES:  # type: ignore[operator]
        # The number itself: an int subclass (an IntEnum on Python 3.10) may print as
        # its name, which would go into the query.
        return int(cast("int", value))
    raise InvalidArgumentError(
        f"minutes must be an int from 1 to {MAX_MINUTES} (a year) or None, not {describe(value)}"
    )


# The documented forms: a person (79001234567@c.us), a group (120363043968066561@g.us,
# or the older 79001234567-1581234048@g.us) and a linked id (12345678901234@lid).
_CHAT_ID: Final = re.compile(r"[0-9]+@c\.us|[0-9]+(?:-[0-9]+)?@g\.us|[0-9]+@lid")
_CHAT_ID_FORMS: Final = (
    "'79001234567@c.us' (a person), '120363043968066561@g.us' (a group) "
    "or '12345678901234@lid' (a linked id)"
)
# Far beyond any real chat id or message id, so that a message can show what was wrong.
_MAX_SHOWN_CHARS: Final = 64


def validate_chat_id(value: object, *, name: str = "chat_id") -> str:
    """Return a chat id in one of the forms the service documents."""
    if isinstance(value, str) and _CHAT_ID.fullmatch(value):
        return value
    if isinstance(value, str):
        _refuse_unencodable(value, name)
    hint = _chat_id_hint(value) or _stray_space(value)
    raise InvalidArgumentError(
        f"{name} must be a chat id such as {_CHAT_ID_FORMS}, not {_shown_text(value)}{hint}"
    )


# What people write in a phone number that a chat id leaves out: "+7 (900) 123-45-67".
_NUMBER_DRESSING: Final = re.compile(r"[\s+()\-.]")


def _chat_id_hint(value: object) -> str:
    """The chat id a near miss meant, and why, as the end of a message; "" if none.

    A phone number alone, one written with ``+``, spaces, dashes or brackets, and an
    upper-case suffix (``@C.US``) are each one obvious step from a chat id.
    """
    if not isinstance(value, str):
        return ""
    local, at, suffix = value.strip().partition("@")
    suffix = suffix.lower() if at else "c.us"
    # The number as written first: a dash belongs in an older group id (79001234567-1581234048).
    number = next(
        (
            candidate
            for candidate in (local, _NUMBER_DRESSING.sub("", local))
            if _CHAT_ID.fullmatch(f"{candidate}@{suffix}")
        ),
        None,
    )
    if number is None:
        return ""
    meant = f"{number}@{suffix}"
    reasons = []
    if not at:
        reasons.append("a phone number alone is not a chat id")
    if number != local:
        reasons.append("a chat id has digits only before the '@', no '+', spaces or dashes")
    if at and not value.strip().endswith(f"@{suffix}"):
        reasons.append("its suffix is lower case")
    if value != value.strip():
        reasons.append("it has white space or a line break around it")
    return f" ({'; '.join(reasons)}: did you mean '{meant}'?)"


def validate_count(value: object) -> int | None:
    """Return how many messages to ask for, or None for the service's default."""
    if value is None:
        return None
    if _is_plain_int(value) and 1 <= value < _MAX_ID:  # type: ignore[operator]
        return value  # type: ignore[return-value]
    raise InvalidArgumentError(f"count must be an int >= 1 or None, not {describe(value)}")


def validate_id_message(value: object, *, name: str = "id_message") -> str:
    """Return a message id: a non-empty string, as the journals show it."""
    if isinstance(value, str) and value.strip() == value and value:
        _refuse_unencodable(value, name)
        return value
    raise InvalidArgumentError(
        f"{name} must be a message id such as 'BAE5F4886F6F2D05' (a non-empty string "
        f"without spaces around it), not {_shown_text(value)}"
    )


def validate_text(value: object, *, name: str, max_chars: int) -> str:
    """Return text of 1 to ``max_chars`` characters that can be sent as UTF-8."""
    if not isinstance(value, str):
        raise InvalidArgumentError(f"{name} must be a str, not {describe(value)}")
    if not value:
        raise InvalidArgumentError(f"{name} must not be empty")
    if len(value) > max_chars:
        raise InvalidArgumentError(
            f"{name} must be at most {max_chars:,} characters long, not {len(value):,}"
        )
    _refuse_unencodable(value, name)
    return value


def validate_coordinate(value: object, *, name: str, limit: int) -> float:
    """Return a latitude (``limit`` 90) or a longitude (180): a finite number within it."""
    number = _seconds(value)  # the same rule: a finite int or float, not a bool
    if number is None or not -limit <= number <= limit:
        raise InvalidArgumentError(
            f"{name} must be a finite number from {-limit} to {limit}, not {describe(value)}"
        )
    return value  # type: ignore[return-value]  # as given: an int stays an int on the wire


def validate_http_url(value: object, *, name: str) -> str:
    """Return an absolute http or https URL with a host, such as a file's to send."""
    if not isinstance(value, str):
        raise InvalidArgumentError(f"{name} must be a str, not {describe(value)}")
    _refuse_unencodable(value, name)
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host:
        raise InvalidArgumentError(
            f"{name} must be an absolute http(s) URL such as "
            f"'https://example.com/report.pdf', not {_shown_text(value)}"
        )
    return value


def validate_file_name(value: object, *, name: str = "file_name") -> str:
    """Return a file's name with an extension, as the service requires (``report.pdf``)."""
    text = validate_text(value, name=name, max_chars=_MAX_FILE_NAME_CHARS)
    stem, dot, extension = text.rpartition(".")
    if not (dot and stem.strip() and extension.strip()) or "/" in text or "\\" in text:
        raise InvalidArgumentError(
            f"{name} must be a file's name with an extension, such as 'report.pdf', "
            f"not {_shown_text(value)}"
        )
    return text


_MAX_FILE_NAME_CHARS: Final = 255


def validate_phone(value: object, *, name: str = "phone") -> int:
    """Return a phone number as the int the service takes: digits only, as int or str."""
    if _is_plain_int(value) and 0 < value < _MAX_ID:  # type: ignore[operator]
        return value  # type: ignore[return-value]
    if isinstance(value, str) and _DIGITS.fullmatch(value) and len(value) <= _MAX_ID_DIGITS:
        return int(value)
    raise InvalidArgumentError(
        f"{name} must be a phone number in digits only, such as 79001234567 or "
        f"'79001234567' (no '+', spaces or dashes), not {_shown_text(value)}"
    )


def _refuse_unencodable(value: str, name: str) -> None:
    r"""Refuse text that cannot be written as UTF-8, and so cannot go into a URL or a body.

    Python's str can hold what UTF-8 cannot encode: a lone surrogate, which ``json.loads``
    makes of an escape such as ``"\ud83d"`` and Python of a command-line argument or an
    environment variable whose bytes are not UTF-8. Sent on, it would fail in the HTTP
    client, which the caller would see as a network error. The message says where it
    is rather than show it: it cannot be printed either.
    """
    if value.isascii():  # the usual case, and the quickest check
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidArgumentError(
            f"{name} must be text that can be encoded as UTF-8: it holds a lone surrogate "
            f"(U+{ord(value[error.start]):04X}) at position {error.start}"
        ) from None


def _shown_text(value: object) -> str:
    # Chat and message ids are not secrets: showing the refused one finds the typo. Only
    # its start is shown, as a value of any size may come from a program's bug.
    if isinstance(value, str):
        if value == "":
            return "an empty string"
        if len(value) > _MAX_SHOWN_CHARS:
            return f"{value[:_MAX_SHOWN_CHARS]!r}... ({len(value):,} characters)"
        return repr(value)
    return describe(value)


def describe(value: object) -> str:
    """Name a refused value for a message: small scalars as they are, others by type."""
    if _is_plain_int(value) and abs(value) >= _MAX_ID:  # type: ignore[arg-type]
        return "an int too large to be meant"
    if isinstance(value, (bool, int, float)) or value is None:
        return repr(value)
    return f"a value of type {type(value).__name__}"
