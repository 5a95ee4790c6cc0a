"""A FastAPI service reporting the delivery status of recent messages, per instance.

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

then ``curl "localhost:8000/instances/1101000001/delivery?minutes=60"``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

import httpx
from delivery_report import instances_from_env, summarize
from fastapi import FastAPI, HTTPException, Query

import greenapi_async as ga


def create_app(
    instances: Mapping[str, str], *, api_url: str = "https://api.green-api.com"
) -> FastAPI:
    """The service, for the given ``{id_instance: api_token}``."""
    apis: dict[str, ga.GreenAPI] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=50)) as http:
            for id_instance, token in instances.items():
                apis[id_instance] = ga.GreenAPI(
                    id_instance, token, api_url=api_url, http_client=http
                )
            try:
                yield
            finally:
                for api in apis.values():
                    await api.aclose()
                apis.clear()

    app = FastAPI(title="Delivery status", lifespan=lifespan)

    @app.get("/instances/{id_instance}/delivery")
    async def delivery(
        id_instance: str, minutes: int = Query(60, ge=1, le=10080)
    ) -> dict[str, object]:
        api = apis.get(id_instance)
        if api is None:
            raise HTTPException(404, f"instance {id_instance} is not configured")
        try:
            messages = await api.journals.last_outgoing_messages(minutes=minutes)
        except ga.RateLimitError as error:
            raise HTTPException(429, str(error)) from None
        except ga.GreenAPIError as error:
            # The message is safe to show: the SDK keeps the token out of it.
            raise HTTPException(502, str(error)) from None
        return {"instance": id_instance, **summarize(messages)}

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
