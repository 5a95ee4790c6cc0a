"""An aiohttp service over several instances: delivery status, a chat's history, replies.

A ``cleanup_ctx`` opens one shared ``httpx.AsyncClient`` and a ``GreenAPI`` per configured
instance, and closes them on shutdown. Install the package (from a clone of the
repository, until it is published) and the framework, in a virtual environment::

    python -m pip install ".[sandbox]" aiohttp

Then say which instances to serve: ``GREENAPI_INSTANCES`` as ``id:token`` pairs
separated by commas, or, for one instance, ``GREENAPI_ID_INSTANCE`` and
``GREENAPI_API_TOKEN`` (the three ``export`` lines ``greenapi-async sandbox`` prints
work as they are); ``GREENAPI_API_URL`` is optional. Run it from ``examples/``::

    export GREENAPI_INSTANCES="1101000001:token1"
    python aiohttp_app.py

then ``curl "localhost:8080/instances/1101000001/delivery?minutes=60"``, or
``curl "localhost:8080/instances/1101000001/chats/79001234567@c.us/history?count=20"``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import contextmanager

import httpx
from aiohttp import web
from delivery_report import instances_from_env, sent_summary, summarize

import greenapi_async as ga

APIS: web.AppKey[dict[str, ga.GreenAPI]] = web.AppKey("apis", dict)


@contextmanager
def service_errors() -> Iterator[None]:
    """The SDK's errors as this service's statuses."""
    # Their messages are safe to show: the SDK keeps the token out of them.
    try:
        yield
    except ga.InvalidArgumentError as error:  # refused before any request: the input
        raise web.HTTPBadRequest(text=str(error)) from None
    except ga.SendNotConfirmedError as error:
        raise web.HTTPGatewayTimeout(
            text=f"{error}. Do not send it again: look for it in the chat's history first."
        ) from None
    except ga.RateLimitError as error:
        raise web.HTTPTooManyRequests(text=str(error)) from None
    except ga.GreenAPIError as error:
        raise web.HTTPBadGateway(text=str(error)) from None


def api_of(request: web.Request) -> ga.GreenAPI:
    """The client of the instance the request names; a 404 if it is not configured."""
    id_instance = request.match_info["id_instance"]
    api = request.app[APIS].get(id_instance)
    if api is None:
        raise web.HTTPNotFound(text=f"instance {id_instance} is not configured")
    return api


def whole_number(request: web.Request, name: str, default: int, most: int) -> int:
    """The query parameter ``name``, from 1 to ``most``; a 400 that says so otherwise."""
    try:
        value = int(request.query.get(name, default))
    except ValueError:
        value = 0
    if not 1 <= value <= most:
        raise web.HTTPBadRequest(text=f"{name} must be a whole number from 1 to {most}")
    return value


def create_app(
    instances: Mapping[str, str],
    *,
    api_url: str = "https://api.green-api.com",
    confirm_within: float = 150,
) -> web.Application:
    """The service, for the given ``{id_instance: api_token}``.

    ``confirm_within``: the seconds a send whose answer was lost is looked for before it
    is sent again; 0 answers 504 at once instead.
    """

    async def green_api_clients(app: web.Application) -> AsyncIterator[None]:
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=50)) as http:
            app[APIS] = {
                id_instance: ga.GreenAPI(
                    id_instance,
                    token,
                    api_url=api_url,
                    http_client=http,
                    confirm_within=confirm_within,
                )
                for id_instance, token in instances.items()
            }
            try:
                yield
            finally:
                for api in app[APIS].values():
                    await api.aclose()

    async def delivery(request: web.Request) -> web.Response:
        api = api_of(request)
        minutes = whole_number(request, "minutes", 60, 10080)
        with service_errors():
            messages = await api.journals.last_outgoing_messages(minutes=minutes)
        return web.json_response({"instance": api.id_instance, **summarize(messages)})

    async def history(request: web.Request) -> web.Response:
        api = api_of(request)
        chat_id = request.match_info["chat_id"]
        count = whole_number(request, "count", 20, 100)
        with service_errors():
            messages = await api.journals.chat_history(chat_id, count)
        return web.json_response(
            {
                "instance": api.id_instance,
                "chat_id": chat_id,
                "messages": [ga.message_data(message) for message in messages],
            }
        )

    async def send(request: web.Request) -> web.Response:
        api = api_of(request)
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise web.HTTPBadRequest(text='the body must be {"text": ..., "reply_to": ...}')
        with service_errors():
            sent = await api.sending.send_text(
                request.match_info["chat_id"],
                body.get("text", ""),
                quoted_message_id=body.get("reply_to"),
            )
        return web.json_response(sent_summary(sent), status=201)

    app = web.Application()
    app.cleanup_ctx.append(green_api_clients)
    app.router.add_get("/instances/{id_instance}/delivery", delivery)
    app.router.add_get("/instances/{id_instance}/chats/{chat_id}/history", history)
    app.router.add_post("/instances/{id_instance}/chats/{chat_id}/messages", send)
    return app


def app_from_env() -> web.Application:
    """The service for the instances in the environment."""
    try:
        instances, api_url = instances_from_env()
    except ValueError as error:
        raise SystemExit(f"aiohttp_app: {error}") from None
    return create_app(instances, api_url=api_url)


if __name__ == "__main__":
    web.run_app(app_from_env())
