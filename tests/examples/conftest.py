"""The examples run for real against the fake served over HTTP on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from greenapi_async.testing import FakeGreenAPI, serve, text_message

FIRST, SECOND = "1101000001", "1101000002"


@pytest.fixture
def two_instances() -> Iterator[tuple[FakeGreenAPI, str]]:
    """A fake with two instances and a few messages each, served on 127.0.0.1."""
    fake = FakeGreenAPI(rate_limit=True)
    first = fake.add_instance(FIRST, "firstToken1")
    second = fake.add_instance(SECOND, "secondToken2")
    first.add(text_message("hi"), status="read")
    first.add(text_message("code 1234"), status="delivered")
    first.add(text_message("no whatsapp"), status="noAccount")
    second.add(text_message("hello"), status="pending")
    with serve(fake) as base_url:
        yield fake, base_url


INSTANCES = {FIRST: "firstToken1", SECOND: "secondToken2"}


@pytest.fixture
def no_instances_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """None of the variables the example apps read their instances from is set."""
    for name in ("GREENAPI_INSTANCES", "GREENAPI_ID_INSTANCE", "GREENAPI_API_TOKEN"):
        monkeypatch.delenv(name, raising=False)
