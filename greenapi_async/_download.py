"""Streaming a media message's file to a path or a binary file object."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO, Final, TypeAlias

import anyio
import httpx

from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    DownloadTooLargeError,
    InvalidArgumentError,
)
from ._models import AudioMessage, DocumentMessage, ImageMessage, StickerMessage, VideoMessage
from ._redaction import redact_urls
from ._validation import validate_api_url

__all__ = ["DEFAULT_MAX_DOWNLOAD_BYTES", "Destination", "MediaMessage", "download_media"]

DEFAULT_MAX_DOWNLOAD_BYTES: Final = 100 * 1024 * 1024  # WhatsApp's own document limit
_CHUNK: Final = 64 * 1024

MediaMessage: TypeAlias = (
    ImageMessage | VideoMessage | DocumentMessage | AudioMessage | StickerMessage
)
Destination: TypeAlias = str | os.PathLike[str] | IO[bytes]
_MEDIA: Final = (ImageMessage, VideoMessage, DocumentMessage, AudioMessage, StickerMessage)


def _checked_url(message: object) -> str:
    if not isinstance(message, _MEDIA):
        raise InvalidArgumentError(
            f"only image, video, document, audio and sticker messages can be downloaded, "
            f"not a {type(message).__name__}"
        )
    if not message.download_url:
        raise InvalidArgumentError(
            f"message {message.id_message} has no download_url (the service sent none)"
        )
    try:
        # The same rule as for the API host: https only (http for loopback test servers),
        # so that a journal entry cannot send the SDK to a plain-text or odd URL.
        validate_api_url(message.download_url)
    except InvalidArgumentError:
        raise InvalidArgumentError(
            f"message {message.id_message} has a download_url that is not https"
        ) from None
    return message.download_url


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
    url = _checked_url(message)
    shown = redact_urls(url)
    if isinstance(destination, (str, os.PathLike)):
        target = Path(destination)
        partial = target.with_name(target.name + ".part")
        try:
            with partial.open("wb") as sink:
                size = await _stream(http, url, shown, sink, max_bytes, seconds, headers)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        return size
    if not hasattr(destination, "write"):
        raise InvalidArgumentError("destination must be a path or a binary file object")
    return await _stream(http, url, shown, destination, max_bytes, seconds, headers)


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
    try:
        with anyio.fail_after(seconds):
            async with http.stream("GET", url, headers=headers, timeout=seconds) as response:
                if not response.is_success:
                    body = (await response.aread())[:2000].decode("utf-8", errors="replace")
                    failure = APIStatusError(
                        f"{response.status_code} from GET {shown}: {' '.join(body.split())}",
                        status_code=response.status_code,
                        body=redact_urls(body),
                        url=shown,
                        method="download",
                    )
                else:
                    announced = response.headers.get("content-length")
                    if announced and announced.isdigit() and int(announced) > max_bytes:
                        failure = _too_large(shown, max_bytes)
                    else:
                        async for chunk in response.aiter_bytes(_CHUNK):
                            written += len(chunk)
                            if written > max_bytes:
                                failure = _too_large(shown, max_bytes)
                                break
                            sink.write(chunk)
    except (TimeoutError, httpx.TimeoutException):
        failure = APITimeoutError(
            f"GET {shown} timed out after {seconds:g}s", url=shown, method="download"
        )
    except httpx.HTTPError as exc:
        failure = APIConnectionError(
            f"GET {shown} failed: {type(exc).__name__}: {redact_urls(str(exc))}",
            url=shown,
            method="download",
        )
    if failure is not None:
        # Raised outside the except blocks: no httpx exception rides along.
        raise failure
    with contextlib.suppress(AttributeError, OSError):
        sink.flush()
    return written


def _too_large(shown: str, max_bytes: int) -> DownloadTooLargeError:
    return DownloadTooLargeError(
        f"GET {shown}: the file is larger than max_bytes={max_bytes}", max_bytes=max_bytes
    )
