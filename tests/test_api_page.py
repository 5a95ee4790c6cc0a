"""docs/api.md, the plain-text API reference, is what the code says now."""

from __future__ import annotations

from .api_page import PAGE, render


def test_the_plain_api_page_is_current() -> None:
    # Regenerate with: python -m tests.api_page
    assert PAGE.read_text(encoding="utf-8") == render()


def test_the_plain_api_page_holds_every_public_name() -> None:
    import greenapi_async as ga
    import greenapi_async.testing as testing

    page = PAGE.read_text(encoding="utf-8")
    names = [f"greenapi_async.{n}" for n in ga.__all__ if n != "__version__"]
    names += [f"greenapi_async.testing.{n}" for n in testing.__all__]
    assert [name for name in names if f"### `{name}`" not in page] == []
