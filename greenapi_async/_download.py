"""Streaming a media message's file to a path or a binary file object."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path
from typing import IO, Final, TypeAlias

import anyio
import httpx

from ._errors import (
    LOCAL_FAILURES,
    DownloadTooLargeError,
    InvalidArgumentError,
)
from ._models import AudioMessage, DocumentMessage, ImageMessage, StickerMessage, VideoMessage
from ._redaction import longest_secret_form, redact_secrets, redacting, shown_url
from ._retry import parse_retry_after
from ._transport import (
    error_body,
    exchange_failure,
    read_until,
    status_error,
    undefined_status_error,
)
from ._validation import fetchable_url

__all__ = ["DEFAULT_MAX_DOWNLOAD_BYTES", "Destination", "MediaMessage", "download_media"]

DEFAULT_MAX_DOWNLOAD_BYTES: Final = 100 * 1024 * 1024  # WhatsApp's own document limit
_ERROR_BODY_CHARS: Final = 2_000  # of an error page, kept in the exception's .body

MediaMessage: TypeAlias = (
    ImageMessage | VideoMessage | DocumentMessage | AudioMessage | StickerMessage
)
Destination: TypeAlias = str | os.PathLike[str] | IO[bytes]
_MEDIA: Final = (ImageMessage, VideoMessage, DocumentMessage, AudioMessage, StickerMessage)


def _checked_url(message: object) -> httpx.URL:
    if not isinstance(message, _MEDIA):
        raise InvalidArgumentError(
            f"only image, video, document, audio and sticker messages can be downloaded, "
            f"not a {type(message).__name__}"
        )
    if not message.download_url:
        raise InvalidArgumentError(
            f"message {message.id_message} has no download_url (the service sent none)"
        )
    # The API host's rule (https, or http for loopback test servers; no credentials), so
    # that a journal entry cannot send the SDK to a plain-text or odd URL. A query is
    # kept: a CDN's pre-signed URL carries its signature there. A fragment is dropped, as
    # every HTTP client does: it is never sent.
    name = f"the download_url of message {message.id_message}"
    return fetchable_url(message.download_url, name).copy_with(fragment=None)


async def download_media(
    http: httpx.AsyncClient,
    message: object,
    destination: Destination,
    *,
    max_bytes: int,
    seconds: float,
    headers: dict[str, str],
) -> int:
    """Stream the file of ``message`` to ``destination``; return the number of bytes.

    A path is written through a temporary ``.part`` file beside it and renamed when
    complete, so a failed download never leaves a truncated file under the final name.
    """
    checked = _checked_url(message)
    url = str(checked)
    shown = shown_url(url)
    if not isinstance(destination, (str, os.PathLike)):
        # A text-mode file would fail on its first write with a bare TypeError.
        sink: object = destination
        if not hasattr(sink, "write") or isinstance(sink, io.TextIOBase):
            raise InvalidArgumentError("destination must be a path or a binary file object")
    # The query of a pre-signed URL is a secret while the download runs: httpx's request
    # line, an exception's text and an error body echoing the request hide it too.
    query = checked.query.decode("ascii")
    with redacting(query) if query else contextlib.nullcontext():
        if isinstance(destination, (str, os.PathLike)):
            target = Path(destination)
            return await _to_path(http, url, shown, target, max_bytes, seconds, headers)
        return await _stream(http, url, shown, destination, max_bytes, seconds, headers)


async def _to_path(
    http: httpx.AsyncClient,
    url: str,
    shown: str,
    target: Path,
    max_bytes: int,
    seconds: float,
    headers: dict[str, str],
) -> int:
    if not target.name or await anyio.Path(target).is_dir():
        raise InvalidArgumentError(f"destination {str(target)!r} is a directory, not a file")
    if not await anyio.Path(target.parent).is_dir():
        raise InvalidArgumentError(f"the directory of {str(target)!r} does not exist")
    # A partial file of our own, unique beside the target: concurrent downloads to one
    # path cannot mix their bytes, and a user's own "x.part" is never touched.
    handle, partial_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    partial = Path(partial_name)
    try:
        with os.fdopen(handle, "wb") as sink:
            size = await _stream(http, url, shown, sink, max_bytes, seconds, headers)
        await anyio.Path(partial).replace(target)
    finally:
        # Synchronous on purpose: it must run even when the download is cancelled.
        partial.unlink(missing_ok=True)  # noqa: ASYNC240
    return size


async def _stream(
    http: httpx.AsyncClient,
    url: str,
    shown: str,
    sink: IO[bytes],
    max_bytes: int,
    seconds: float,
    headers: dict[str, str],
) -> int:
    written = 0
    failure: Exception | None = None
    # A failure to write locally (a full disk, a closed file object) is the caller's to
    # see as it is, not a network error: kept apart from the catch-all below.
    sink_error: Exception | None = None
    try:
        with anyio.fail_after(seconds):
            async with http.stream("GET", url, headers=headers, timeout=seconds) as response:
                undefined = undefined_status_error(response.status_code, url=shown)
                if undefined is not None:
                    failure = undefined
                elif not response.is_success:
                    # Redacted before it is cut to length, so that no cut leaves the
                    # start of a token behind: a page is read with room for the longest
                    # form of a token, at up to four bytes a character (UTF-32).
                    limit = 4 * (_ERROR_BODY_CHARS + longest_secret_form())
                    start, whole = await _start_of(response, limit)
                    report = error_body(start, response, redact_secrets, whole=whole)
                    # The same class an API call's status gets: a 429 is a RateLimitError...
                    failure = status_error(
                        f"{response.status_code} from GET {shown}: {report.detail}",
                        status_code=response.status_code,
                        retry_after=parse_retry_after(response.headers),
                        payload=report.payload,
                        body=report.text[:_ERROR_BODY_CHARS],
                        url=shown,
                        method="download",
                    )
                else:
                    announced = response.headers.get("content-length")
                    if announced and announced.isdigit() and int(announced) > max_bytes:
                        failure = _too_large(shown, max_bytes)
                    else:

                        def take(chunk: bytes) -> bool:
                            nonlocal written, failure, sink_error
                            written += len(chunk)
                            if written > max_bytes:
                                failure = _too_large(shown, max_bytes)
                                return False
                            try:
                                sink.write(chunk)
                            except Exception as exc:  # noqa: BLE001 - raised as it is, below
                                sink_error = exc
                                return False
                            return True

                        await read_until(response, take)
    except LOCAL_FAILURES:
        raise  # this process's trouble, not the media host's
    except Exception as exc:  # noqa: BLE001 - every other failure is mapped, not raised
        failure = exchange_failure(
            exc,
            http,
            verb="GET",
            url=shown,
            method="download",
            seconds=seconds,
            scrub=redact_secrets,
        ).error
    if sink_error is not None:
        raise sink_error
    if failure is not None:
        # Raised outside the except blocks: no httpx exception rides along.
        raise failure
    with contextlib.suppress(AttributeError, OSError):
        sink.flush()
    return written


async def _start_of(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """The first ``limit`` bytes of the body, and whether they are the whole body.

    An error page is reported, not stored: its start is enough, however large it is.
    """
    parts: list[bytes] = []
    size = 0

    def take(chunk: bytes) -> bool:
        nonlocal size
        parts.append(chunk)
        size += len(chunk)
        return size <= limit

    await read_until(response, take)
    start = b"".join(parts)
    return start[:limit], len(start) <= limit


def _too_large(shown: str, max_bytes: int) -> DownloadTooLargeError:
    return DownloadTooLargeError(
        f"GET {shown}: the file is larger than max_bytes={max_bytes}", max_bytes=max_bytes
    )
