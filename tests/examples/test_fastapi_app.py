"""examples/fastapi_app.py, served by uvicorn with its lifespan, against the fake over HTTP."""

from __future__ import annotations

import httpx
import pytest
import uvicorn

from greenapi_async.testing import FakeGreenAPI, Fault, serve

from ..examples_path import EXAMPLES, load_example
from .conftest import FIRST, INSTANCES, SECOND

example = load_example("fastapi_app")
create_app = example.create_app


def test_the_route_reports_status_counts_per_instance(
    two_instances: tuple[FakeGreenAPI, str],
) -> None:
    fake, fake_url = two_instances
    with serve(create_app(INSTANCES, api_url=fake_url)) as app_url:
        first = httpx.get(f"{app_url}/instances/{FIRST}/delivery", params={"minutes": 30})
        second = httpx.get(f"{app_url}/instances/{SECOND}/delivery")
    assert first.status_code == 200
    assert first.json()["counts"] == {"read": 1, "delivered": 1, "noAccount": 1}
    assert second.json()["counts"] == {"pending": 1}
    assert {r.query.get("minutes") for r in fake.requests} == {"30", "60"}
    # One shared pool served both instances; each request had its own credentials.
    assert {r.id_instance for r in fake.requests} == {FIRST, SECOND}
    assert all(r.token_valid for r in fake.requests)


def test_unknown_instances_and_service_errors_are_clear(
    two_instances: tuple[FakeGreenAPI, str],
) -> None:
    fake, fake_url = two_instances
    with serve(create_app(INSTANCES, api_url=fake_url)) as app_url:
        assert httpx.get(f"{app_url}/instances/42/delivery").status_code == 404
        assert httpx.get(f"{app_url}/instances/{FIRST}/delivery?minutes=0").status_code == 422
        fake.queue_fault(Fault(401, b'{"code":401,"description":"Unauthorized"}'))
        failed = httpx.get(f"{app_url}/instances/{FIRST}/delivery")
    assert failed.status_code == 502
    assert "401 Unauthorized" in failed.json()["detail"]
    assert "firstToken1" not in failed.text


def test_the_app_can_start_twice_with_fresh_clients(
    two_instances: tuple[FakeGreenAPI, str],
) -> None:
    _, fake_url = two_instances
    app = create_app(INSTANCES, api_url=fake_url)
    with serve(app) as app_url:
        assert httpx.get(f"{app_url}/instances/{FIRST}/delivery").status_code == 200
    with serve(app) as app_url:
        assert httpx.get(f"{app_url}/instances/{SECOND}/delivery").status_code == 200


@pytest.mark.parametrize(
    "environ",
    [
        {"GREENAPI_INSTANCES": f"{FIRST}:{INSTANCES[FIRST]},{SECOND}:{INSTANCES[SECOND]}"},
        # The three lines `greenapi-async sandbox` prints.
        {"GREENAPI_ID_INSTANCE": FIRST, "GREENAPI_API_TOKEN": INSTANCES[FIRST]},
    ],
    ids=["instances", "sandbox-variables"],
)
def test_uvicorn_factory_serves_the_instances_in_the_environment(
    two_instances: tuple[FakeGreenAPI, str],
    monkeypatch: pytest.MonkeyPatch,
    environ: dict[str, str],
) -> None:
    _, fake_url = two_instances
    for name, value in {**environ, "GREENAPI_API_URL": fake_url}.items():
        monkeypatch.setenv(name, value)
    # What `uvicorn --factory fastapi_app:app_from_env`, run in examples/, loads.
    monkeypatch.syspath_prepend(str(EXAMPLES))
    config = uvicorn.Config("fastapi_app:app_from_env", factory=True)
    config.load()
    with serve(config.loaded_app) as app_url:
        response = httpx.get(f"{app_url}/instances/{FIRST}/delivery")
    assert response.status_code == 200
    assert response.json()["counts"] == {"read": 1, "delivered": 1, "noAccount": 1}


@pytest.mark.usefixtures("no_instances_in_env")
def test_without_instances_in_the_environment_the_app_says_what_to_set() -> None:
    with pytest.raises(SystemExit, match="set GREENAPI_INSTANCES"):
        example.app_from_env()
