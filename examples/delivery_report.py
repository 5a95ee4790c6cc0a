"""A tiny bot function: which recent messages have not reached their recipient yet.

Run it against the built-in sandbox (no account needed)::

    python examples/delivery_report.py --sandbox

or against your instance, with GREENAPI_ID_INSTANCE and GREENAPI_API_TOKEN set::

    python examples/delivery_report.py
"""

from __future__ import annotations

import sys

import anyio

import greenapi_async as ga

FAILED = {ga.MessageStatus.NO_ACCOUNT, ga.MessageStatus.NOT_IN_GROUP, ga.MessageStatus.FAILED}


def parse_instances(spec: str) -> dict[str, str]:
    """``"id:token,id:token"`` (as in GREENAPI_INSTANCES) -> ``{id: token}``."""
    pairs = (item.split(":", 1) for item in spec.split(",") if item.strip())
    return {id_instance.strip(): token.strip() for id_instance, token in pairs}


def summarize(messages: list[ga.OutgoingMessage]) -> dict[str, object]:
    """Count messages by status and list each one briefly: what a status endpoint returns."""
    counts: dict[str, int] = {}
    for message in messages:
        status = str(message.status_message)
        counts[status] = counts.get(status, 0) + 1
    return {
        "counts": counts,
        "messages": [
            {
                "id": message.id_message,
                "chat_id": message.chat_id,
                "kind": message.type_message,
                "status": str(message.status_message),
                "timestamp": message.timestamp,
            }
            for message in messages
        ],
    }


async def undelivered(api: ga.GreenAPI, minutes: int = 60) -> dict[str, list[str]]:
    """Message ids by chat that are still pending or sent, or failed, in the window."""
    report: dict[str, list[str]] = {}
    for message in await api.journals.last_outgoing_messages(minutes=minutes):
        if message.status_message in {ga.MessageStatus.PENDING, ga.MessageStatus.SENT, *FAILED}:
            report.setdefault(message.chat_id or "?", []).append(message.id_message or "?")
    return report


async def main(use_sandbox: bool) -> None:
    if use_sandbox:
        from greenapi_async.testing import FakeGreenAPI

        async with FakeGreenAPI.sandbox().connect() as api:
            print(await undelivered(api, minutes=1440))
    else:
        async with ga.GreenAPI.from_env() as api:
            print(await undelivered(api))


if __name__ == "__main__":
    anyio.run(main, "--sandbox" in sys.argv)
