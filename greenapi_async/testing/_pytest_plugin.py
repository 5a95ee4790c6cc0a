"""pytest fixtures for testing a bot against the fake, registered on install (``pytest11``).

- ``green_api_fake``: a fresh ``FakeGreenAPI`` with one empty instance, frozen clock, no
  rate limit (so tests run at full speed).
- ``green_api_client``: a ``GreenAPI`` wired to that fake in-process, pacing off.
- ``green_api_server``: the fake served over real HTTP on 127.0.0.1 (needs the
  ``sandbox`` extra); its value is the base URL.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from .._client import GreenAPI
from ._fake import FakeGreenAPI
from ._serve import serve


@pytest.fixture
def green_api_fake() -> FakeGreenAPI:
    """A fresh fake Green API with one instance (``green_api_fake.instance``)."""
    fake = FakeGreenAPI(rate_limit=False)
    fake.add_instance()
    return fake


@pytest.fixture
def green_api_client(green_api_fake: FakeGreenAPI) -> GreenAPI:
    """A client for ``green_api_fake.instance`` that talks to the fake without sockets.

    Usable from any async test (asyncio or trio); it holds no connections, so there is
    nothing to close.
    """
    instance = green_api_fake.instance
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=green_api_fake))
    return GreenAPI(
        instance.id_instance,
        instance.api_token,
        api_url="https://fake.green-api.invalid",
        http_client=http,
        rate_limit=False,
    )


@pytest.fixture
def green_api_server(green_api_fake: FakeGreenAPI) -> Iterator[str]:
    """``green_api_fake`` over real HTTP on 127.0.0.1; the value is its base URL."""
    with serve(green_api_fake) as base_url:
        yield base_url
