"""A FastAPI service reporting the delivery status of recent messages, per instance.

One ``httpx.AsyncClient`` (one connection pool) is opened in the lifespan and shared by a
``GreenAPI`` per configured instance. Run it with your instances::

    GREENAPI_INSTANCES="1101000001:token1,1101000002:token2" python examples/fastapi_app.py

then ``curl localhost:8000/instances/1101000001/delivery?minutes=60``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

import httpx
from delivery_report import parse_instances, summarize
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


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(
        create_app(
            parse_instances(os.environ["GREENAPI_INSTANCES"]),
            api_url=os.environ.get("GREENAPI_API_URL", "https://api.green-api.com"),
        )
    )
