"""A tiny bot function: which recent messages have not reached their recipient yet.

Install the package first (from a clone of the repository, until it is published)::

    python3 -m venv .venv && . .venv/bin/activate
    python -m pip install ".[sandbox]"

Run it against the built-in sandbox (no account, no variables needed)::

    python examples/delivery_report.py --sandbox

or against your instance, with GREENAPI_ID_INSTANCE and GREENAPI_API_TOKEN set (and
GREENAPI_API_URL, the host the console shows)::

    python examples/delivery_report.py

It also holds what the two web apps beside it share: reading their instances from the
environment (``instances_from_env``), the report they return (``summarize``) and what
they answer to a send (``sent_summary``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

import anyio

import greenapi_async as ga

# Every status that says the message will not arrive. yellowCard: WhatsApp has restricted
# the account for suspected spam, and the message was not sent.
FAILED = {
    ga.MessageStatus.NO_ACCOUNT,
    ga.MessageStatus.NOT_IN_GROUP,
    ga.MessageStatus.YELLOW_CARD,
    ga.MessageStatus.FAILED,
}
USAGE = """set GREENAPI_INSTANCES to your instances as id:token pairs separated by commas,
  GREENAPI_INSTANCES="1101000001:token1,1101000002:token2"
or, for one instance, GREENAPI_ID_INSTANCE and GREENAPI_API_TOKEN (what
`greenapi-async sandbox` prints); GREENAPI_API_URL is optional"""


def parse_instances(spec: str) -> dict[str, str]:
    """``"id:token,id:token"`` (as in GREENAPI_INSTANCES) -> ``{id: token}``."""
    instances = {}
    for item in filter(str.strip, spec.split(",")):
        id_instance, colon, token = item.partition(":")
        if not colon or not id_instance.strip() or not token.strip():
            # Never echo the item: it may hold a token.
            raise ValueError(f"GREENAPI_INSTANCES holds an item that is not id:token; {USAGE}")
        instances[id_instance.strip()] = token.strip()
    return instances


def instances_from_env(
    environ: Mapping[str, str] = os.environ,
) -> tuple[dict[str, str], str]:
    """The web apps' ``{id_instance: api_token}`` and API URL, from the environment."""
    api_url = environ.get("GREENAPI_API_URL") or "https://api.green-api.com"
    if environ.get("GREENAPI_INSTANCES"):
        return parse_instances(environ["GREENAPI_INSTANCES"]), api_url
    if environ.get("GREENAPI_ID_INSTANCE") and environ.get("GREENAPI_API_TOKEN"):
        return {environ["GREENAPI_ID_INSTANCE"]: environ["GREENAPI_API_TOKEN"]}, api_url
    raise ValueError(USAGE)


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


def sent_summary(sent: ga.SentMessage) -> dict[str, object]:
    """What a send route answers: the message's id, and how the service's taking it is known."""
    return {
        "id_message": sent.id_message,
        "chat_id": sent.chat_id,
        "confirmed_by": sent.confirmed_by,
        "attempts": sent.attempts,
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
    try:
        anyio.run(main, "--sandbox" in sys.argv)
    except ga.InvalidArgumentError as error:  # a variable missing or malformed
        sys.exit(f"delivery_report: {error}")
