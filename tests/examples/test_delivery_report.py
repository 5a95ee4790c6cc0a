"""examples/delivery_report.py: the report, and the web apps' instances from the environment."""

from __future__ import annotations

import pytest

from greenapi_async.testing import FakeGreenAPI, text_message

from ..examples_path import load_example

example = load_example("delivery_report")


@pytest.mark.asyncio
@pytest.mark.parametrize("status", ["noAccount", "notInGroup", "yellowCard", "failed"])
async def test_every_status_that_will_not_arrive_is_reported(status: str) -> None:
    fake = FakeGreenAPI()
    fake.add_instance().add(text_message("hi"), chat_id="79001234567@c.us", status=status)
    async with fake.connect() as api:
        assert list(await example.undelivered(api)) == ["79001234567@c.us"]


@pytest.mark.parametrize(
    ("environ", "instances"),
    [
        (
            {"GREENAPI_INSTANCES": "1101000001:tokenA, 1101000002:tokenB"},
            {"1101000001": "tokenA", "1101000002": "tokenB"},
        ),
        # What `greenapi-async sandbox` prints, as it prints it.
        (
            {"GREENAPI_ID_INSTANCE": "1101000001", "GREENAPI_API_TOKEN": "tokenA"},
            {"1101000001": "tokenA"},
        ),
    ],
)
def test_instances_come_from_either_form_of_the_environment(
    environ: dict[str, str], instances: dict[str, str]
) -> None:
    api_url = "http://127.0.0.1:8080"
    assert example.instances_from_env({**environ, "GREENAPI_API_URL": api_url}) == (
        instances,
        api_url,
    )
    assert example.instances_from_env(environ)[1] == "https://api.green-api.com"


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"GREENAPI_INSTANCES": "1101000001"},
        {"GREENAPI_INSTANCES": "1101000001:"},
        {"GREENAPI_ID_INSTANCE": "1"},
    ],
    ids=["unset", "no-colon", "no-token", "no-token-variable"],
)
def test_missing_or_malformed_instances_say_what_to_set(environ: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="GREENAPI_INSTANCES") as caught:
        example.instances_from_env(environ)
    assert "id:token" in str(caught.value)
    assert "4242" not in str(caught.value)
