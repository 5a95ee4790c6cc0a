"""A media message's file: which messages have one, where it may come from, where it goes.

The file goes to a path (through a ``.part`` file renamed when complete) or to a binary
file object; the exchange with the media host is the transport's, like every request.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import IO, Final, TypeAlias

import anyio
import httpx

from ._errors import InvalidArgumentError
from ._models import AudioMessage, DocumentMessage, ImageMessage, StickerMessage, VideoMessage
from ._transport import Transport
from ._validation import fetchable_url

__all__ = ["DEFAULT_MAX_DOWNLOAD_BYTES", "Destination", "MediaMessage", "download_media"]

DEFAULT_MAX_DOWNLOAD_BYTES: Final = 100 * 1024 * 1024  # WhatsApp's own document limit

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
    transport: Transport,
    message: object,
    destination: Destination,
    *,
    max_bytes: int,
    seconds: float,
) -> int:
    """Stream the file of ``message`` to ``destination``; return the number of bytes.

    A path is written through a temporary ``.part`` file beside it and renamed when
    complete, so a failed download never leaves a truncated file under the final name.
    """
    url = _checked_url(message)
    if isinstance(destination, (str, os.PathLike)):
        return await _to_path(transport, url, Path(destination), max_bytes, seconds)
    # A text-mode file would fail on its first write with a bare TypeError.
    sink: object = destination
    if not hasattr(sink, "write") or isinstance(sink, io.TextIOBase):
        raise InvalidArgumentError("destination must be a path or a binary file object")
    return await transport.download(url, destination, max_bytes=max_bytes, seconds=seconds)


async def _to_path(
    transport: Transport, url: httpx.URL, target: Path, max_bytes: int, seconds: float
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
            size = await transport.download(url, sink, max_bytes=max_bytes, seconds=seconds)
        await anyio.Path(partial).replace(target)
    finally:
        # Synchronous on purpose: it must run even when the download is cancelled.
        partial.unlink(missing_ok=True)  # noqa: ASYNC240
    return size
