"""A user's bot test written with nothing but the plugin's fixtures (as in the README)."""

from __future__ import annotations

import importlib.metadata

import pytest

import greenapi_async as ga
from greenapi_async.testing import FakeGreenAPI, image_message, text_message

from .examples_path import load_example

undelivered = load_example("delivery_report").undelivered

# The README and docs/testing.md show users these fixtures under pytest-asyncio, and promise
# they work there; the tests marked ``asyncio`` below are that promise checked as users write
# it, so they stay on pytest-asyncio (for green_api_server, nothing else in the suite checks
# it). The ``anyio`` test checks the same fixtures on asyncio and trio (conftest's
# ``anyio_backend``), and docs/testing.md's own anyio example runs green_api_server on both.


@pytest.mark.asyncio
async def test_the_report_lists_what_is_not_delivered_yet(
    green_api_fake: FakeGreenAPI, green_api_client: ga.GreenAPI
) -> None:
    journal = green_api_fake.instance
    waiting = journal.add(text_message("Your code is 1234"), chat_id="79001111111@c.us")
    journal.add(image_message("Receipt"), chat_id="79002222222@c.us", status="read")
    journal.add(text_message("Hi"), chat_id="79003333333@c.us", status="noAccount")

    report = await undelivered(green_api_client)

    assert report == {
        "79001111111@c.us": [waiting["idMessage"]],
        "79003333333@c.us": [journal.messages[2]["idMessage"]],
    }
    journal.advance_status(waiting["idMessage"])  # sent -> delivered
    assert "79001111111@c.us" not in await undelivered(green_api_client)


@pytest.mark.anyio
async def test_the_fixtures_work_under_anyio_on_both_backends(
    green_api_fake: FakeGreenAPI, green_api_client: ga.GreenAPI
) -> None:
    green_api_fake.instance.add(text_message("hello"))
    (message,) = await green_api_client.journals.last_outgoing_messages()
    assert isinstance(message, ga.TextMessage)


@pytest.mark.asyncio
async def test_the_server_fixture_serves_the_same_fake_over_http(
    green_api_fake: FakeGreenAPI, green_api_server: str
) -> None:
    instance = green_api_fake.instance
    instance.add(text_message("over http"))
    async with ga.GreenAPI(
        instance.id_instance, instance.api_token, api_url=green_api_server, rate_limit=False
    ) as api:
        (message,) = await api.journals.last_outgoing_messages()
    assert message.id_message == instance.messages[0]["idMessage"]


def test_the_plugin_is_registered_through_its_entry_point(
    pytestconfig: pytest.Config,
) -> None:
    (entry_point,) = (
        entry_point
        for entry_point in importlib.metadata.entry_points(group="pytest11")
        if entry_point.dist is not None and entry_point.dist.name == "greenapi-async"
    )
    # pytest loads a pytest11 entry point under its name: the module it names is the
    # plugin in use, without this test naming the module.
    plugin = pytestconfig.pluginmanager.get_plugin(entry_point.name)
    assert plugin is not None
    assert plugin is entry_point.load()
    assert {"green_api_fake", "green_api_client", "green_api_server"} <= set(vars(plugin))
