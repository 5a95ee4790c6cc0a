"""An aiohttp service reporting the delivery status of recent messages, per instance.

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

then ``curl "localhost:8080/instances/1101000001/delivery?minutes=60"``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping

import httpx
from aiohttp import web
from delivery_report import instances_from_env, summarize

import greenapi_async as ga

APIS: web.AppKey[dict[str, ga.GreenAPI]] = web.AppKey("apis", dict)


def create_app(
    instances: Mapping[str, str], *, api_url: str = "https://api.green-api.com"
) -> web.Application:
    """The service, for the given ``{id_instance: api_token}``."""

    async def green_api_clients(app: web.Application) -> AsyncIterator[None]:
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=50)) as http:
            app[APIS] = {
                id_instance: ga.GreenAPI(id_instance, token, api_url=api_url, http_client=http)
                for id_instance, token in instances.items()
            }
            try:
                yield
            finally:
                for api in app[APIS].values():
                    await api.aclose()

    async def delivery(request: web.Request) -> web.Response:
        id_instance = request.match_info["id_instance"]
        api = request.app[APIS].get(id_instance)
        if api is None:
            raise web.HTTPNotFound(text=f"instance {id_instance} is not configured")
        try:
            minutes = int(request.query.get("minutes", "60"))
            messages = await api.journals.last_outgoing_messages(minutes=minutes)
        except (ValueError, ga.InvalidArgumentError):
            raise web.HTTPBadRequest(text="minutes must be a whole number >= 1") from None
        except ga.RateLimitError as error:
            raise web.HTTPTooManyRequests(text=str(error)) from None
        except ga.GreenAPIError as error:
            # The message is safe to show: the SDK keeps the token out of it.
            raise web.HTTPBadGateway(text=str(error)) from None
        return web.json_response({"instance": id_instance, **summarize(messages)})

    app = web.Application()
    app.cleanup_ctx.append(green_api_clients)
    app.router.add_get("/instances/{id_instance}/delivery", delivery)
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
