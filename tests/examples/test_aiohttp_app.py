"""examples/aiohttp_app.py, run in aiohttp's test server against the fake over real HTTP."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from greenapi_async.testing import FakeGreenAPI, Fault

from ..examples_path import load_example
from .conftest import FIRST, INSTANCES, SECOND

example = load_example("aiohttp_app")

pytestmark = pytest.mark.asyncio


async def test_the_route_reports_status_counts_per_instance(
    two_instances: tuple[FakeGreenAPI, str],
) -> None:
    fake, base_url = two_instances
    app = example.create_app(INSTANCES, api_url=base_url)
    async with TestClient(TestServer(app)) as client:
        first = await client.get(f"/instances/{FIRST}/delivery", params={"minutes": "30"})
        second = await client.get(f"/instances/{SECOND}/delivery")
        assert first.status == 200
        assert (await first.json())["counts"] == {"read": 1, "delivered": 1, "noAccount": 1}
        assert (await second.json())["counts"] == {"pending": 1}
        apis = app[example.APIS]
    assert all(api.closed for api in apis.values())
    assert {r.id_instance for r in fake.requests} == {FIRST, SECOND}


async def test_bad_input_and_service_errors_are_clear(
    two_instances: tuple[FakeGreenAPI, str],
) -> None:
    fake, base_url = two_instances
    async with TestClient(TestServer(example.create_app(INSTANCES, api_url=base_url))) as client:
        assert (await client.get("/instances/42/delivery")).status == 404
        assert (await client.get(f"/instances/{FIRST}/delivery?minutes=x")).status == 400
        assert (await client.get(f"/instances/{FIRST}/delivery?minutes=0")).status == 400
        fake.queue_fault(Fault.quota_exceeded())
        failed = await client.get(f"/instances/{FIRST}/delivery")
        assert failed.status == 502
        text = await failed.text()
    assert "quota" in text
    assert "firstToken1" not in text


@pytest.mark.usefixtures("no_instances_in_env")
async def test_without_instances_in_the_environment_the_app_says_what_to_set() -> None:
    with pytest.raises(SystemExit, match="set GREENAPI_INSTANCES"):
        example.app_from_env()


async def test_the_app_serves_the_instances_the_sandbox_prints(
    two_instances: tuple[FakeGreenAPI, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, base_url = two_instances
    monkeypatch.delenv("GREENAPI_INSTANCES", raising=False)
    monkeypatch.setenv("GREENAPI_ID_INSTANCE", FIRST)
    monkeypatch.setenv("GREENAPI_API_TOKEN", INSTANCES[FIRST])
    monkeypatch.setenv("GREENAPI_API_URL", base_url)
    async with TestClient(TestServer(example.app_from_env())) as client:
        response = await client.get(f"/instances/{FIRST}/delivery")
        assert response.status == 200
