"""A FastAPI service over several instances: delivery status, a chat's history, replies.

One ``httpx.AsyncClient`` (one connection pool) is opened in the lifespan and shared by a
``GreenAPI`` per configured instance. Install the package (from a clone of the
repository, until it is published) and the framework, in a virtual environment::

    python -m pip install ".[sandbox]" fastapi uvicorn

Then say which instances to serve: ``GREENAPI_INSTANCES`` as ``id:token`` pairs
separated by commas, or, for one instance, ``GREENAPI_ID_INSTANCE`` and
``GREENAPI_API_TOKEN`` (the three ``export`` lines ``greenapi-async sandbox`` prints
work as they are); ``GREENAPI_API_URL`` is optional. Run it from ``examples/``::

    export GREENAPI_INSTANCES="1101000001:token1,1101000002:token2"
    python fastapi_app.py
    # or, with uvicorn's own options:
    uvicorn --factory fastapi_app:app_from_env --port 8000

then ``curl "localhost:8000/instances/1101000001/delivery?minutes=60"``, or
``curl "localhost:8000/instances/1101000001/chats/79001234567@c.us/history?count=20"``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager

import httpx
from delivery_report import instances_from_env, sent_summary, summarize
from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseModel

import greenapi_async as ga


class NewMessage(BaseModel):
    """The body of a send: the text, and the id of a message of the chat it replies to."""

    text: str
    reply_to: str | None = None


@contextmanager
def service_errors() -> Iterator[None]:
    """The SDK's errors as this service's statuses."""
    # Their messages are safe to show: the SDK keeps the token out of them.
    try:
        yield
    except ga.InvalidArgumentError as error:  # refused before any request: the input
        raise HTTPException(422, str(error)) from None
    except ga.SendNotConfirmedError as error:
        raise HTTPException(
            504, f"{error}. Do not send it again: look for it in the chat's history first."
        ) from None
    except ga.RateLimitError as error:
        raise HTTPException(429, str(error)) from None
    except ga.GreenAPIError as error:
        raise HTTPException(502, str(error)) from None


def create_app(
    instances: Mapping[str, str],
    *,
    api_url: str = "https://api.green-api.com",
    confirm_within: float = 150,
) -> FastAPI:
    """The service, for the given ``{id_instance: api_token}``.

    ``confirm_within``: the seconds a send whose answer was lost is looked for before it
    is sent again; 0 answers 504 at once instead.
    """
    apis: dict[str, ga.GreenAPI] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=50)) as http:
            for id_instance, token in instances.items():
                apis[id_instance] = ga.GreenAPI(
                    id_instance,
                    token,
                    api_url=api_url,
                    http_client=http,
                    confirm_within=confirm_within,
                )
            try:
                yield
            finally:
                for api in apis.values():
                    await api.aclose()
                apis.clear()

    app = FastAPI(title="Chats and delivery status", lifespan=lifespan)

    def api_of(id_instance: str) -> ga.GreenAPI:
        api = apis.get(id_instance)
        if api is None:
            raise HTTPException(404, f"instance {id_instance} is not configured")
        return api

    @app.get("/instances/{id_instance}/delivery")
    async def delivery(
        id_instance: str, minutes: int = Query(60, ge=1, le=10080)
    ) -> dict[str, object]:
        with service_errors():
            messages = await api_of(id_instance).journals.last_outgoing_messages(minutes=minutes)
        return {"instance": id_instance, **summarize(messages)}

    @app.get("/instances/{id_instance}/chats/{chat_id}/history")
    async def history(
        id_instance: str, chat_id: str, count: int = Query(20, ge=1, le=100)
    ) -> dict[str, object]:
        with service_errors():
            messages = await api_of(id_instance).journals.chat_history(chat_id, count)
        return {
            "instance": id_instance,
            "chat_id": chat_id,
            "messages": [ga.message_data(message) for message in messages],
        }

    @app.post("/instances/{id_instance}/chats/{chat_id}/messages", status_code=201)
    async def send(id_instance: str, chat_id: str, body: NewMessage) -> dict[str, object]:
        with service_errors():
            sent = await api_of(id_instance).sending.send_text(
                chat_id, body.text, quoted_message_id=body.reply_to
            )
        return sent_summary(sent)

    return app


def app_from_env() -> FastAPI:
    """The service for the instances in the environment: ``uvicorn --factory`` calls it."""
    try:
        instances, api_url = instances_from_env()
    except ValueError as error:
        raise SystemExit(f"fastapi_app: {error}") from None
    return create_app(instances, api_url=api_url)


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app_from_env())
