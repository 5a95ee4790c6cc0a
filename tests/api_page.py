"""Write docs/api.md: the public API as plain Markdown, readable where the site is not built.

docs/reference.md is rendered by mkdocstrings for the documentation site; on GitHub it
shows only its directives. This page holds the same names, signatures and docstrings as
text. ``python -m tests.api_page`` writes it; ``tests/test_api_page.py`` fails when it
is not current.
"""

from __future__ import annotations

import enum
import inspect
from pathlib import Path
from types import ModuleType

import attrs

import greenapi_async
import greenapi_async.testing

PAGE = Path(__file__).resolve().parent.parent / "docs" / "api.md"

INTRO = """\
# API reference (plain text)

Every public name of `greenapi_async` and `greenapi_async.testing`, with its signature
and docstring, generated from the code by `python -m tests.api_page` (a test fails when
this page is not current). The [API reference](reference.md) of the documentation site
shows the same, rendered; the guides say how the pieces fit together.
"""


class _Annotation(str):
    """An annotation as written in the code (a string, under postponed evaluation)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


def _unquoted(annotation: object) -> object:
    return _Annotation(annotation) if isinstance(annotation, str) else annotation


def _signature(name: str, value: object) -> str:
    try:
        signature = inspect.signature(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):  # builtins and some enums have none to show
        return name
    signature = signature.replace(
        parameters=[
            parameter.replace(annotation=_unquoted(parameter.annotation))
            for parameter in signature.parameters.values()
        ],
        return_annotation=_unquoted(signature.return_annotation),
    )
    return f"{name}{signature}"


def _docstring(value: object) -> str:
    return inspect.getdoc(value) or "(no docstring)"


def _block(text: str) -> str:
    return f"```text\n{text}\n```\n"


def _members(cls: type) -> list[str]:
    """The public methods and properties a class defines itself, with their docstrings."""
    parts = []
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(member, property):
            parts.append(f"#### `{cls.__name__}.{name}` (property)\n\n{_block(_docstring(member))}")
        elif inspect.isfunction(member):
            shown = _signature(name, member).replace("(self, ", "(").replace("(self)", "()")
            parts.append(
                f"#### `{cls.__name__}.{name}`\n\n{_block(shown)}\n{_block(_docstring(member))}"
            )
    return parts


def _entry(module: str, name: str, value: object) -> str:
    heading = f"### `{module}.{name}`\n"
    if isinstance(value, type) and issubclass(value, enum.Enum):
        members = "\n".join(f"{member.name} = {member.value!r}" for member in value)
        return "\n".join([heading, _block(_docstring(value)), _block(members)])
    if isinstance(value, type):
        lines = [heading]
        if attrs.has(value):
            fields = ", ".join(field.alias or field.name for field in attrs.fields(value))
            lines.append(_block(f"{name}({fields})"))
        elif not issubclass(value, BaseException):
            lines.append(_block(_signature(name, value)))
        lines.append(_block(_docstring(value)))
        lines.extend(_members(value))
        return "\n".join(lines)
    if callable(value):
        return "\n".join([heading, _block(_signature(name, value)), _block(_docstring(value))])
    return "\n".join([heading, _block(repr(value))])


def _section(title: str, module: ModuleType) -> str:
    names = [name for name in module.__all__ if not name.startswith("__")]
    entries = [_entry(module.__name__, name, getattr(module, name)) for name in names]
    return "\n".join([f"## {title}\n", *entries])


def render() -> str:
    """The page, as the code stands."""
    return (
        "\n".join(
            [
                INTRO,
                _section("`greenapi_async`", greenapi_async),
                _section("`greenapi_async.testing`", greenapi_async.testing),
            ]
        ).rstrip()
        + "\n"
    )


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE}")
