"""The suite's own helper: a property's search runs untraced, each example traced."""

from __future__ import annotations

import sys
import types
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from .hypothesis_tracing import search_untraced


def _drawn(value: int) -> int:
    return value


def _examined(value: int) -> int:
    return value


def test_under_a_tracer_only_the_examples_bodies_are_traced() -> None:
    seen: set[str] = set()

    def tracer(frame: types.FrameType, event: str, arg: Any) -> None:
        seen.add(frame.f_code.co_name)

    @settings(max_examples=5, database=None)
    @given(st.integers().map(_drawn))
    def prop(value: int) -> None:
        _examined(value)

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        with search_untraced(prop):
            prop()
        assert sys.gettrace() is tracer  # as it was before
    finally:
        sys.settrace(previous)
    assert "_examined" in seen
    assert "_drawn" not in seen
    assert prop.hypothesis.inner_test.__name__ == "prop"  # type: ignore[attr-defined]


def test_without_a_tracer_nothing_changes() -> None:
    @given(st.integers())
    def prop(value: int) -> None:
        assert sys.gettrace() is None

    previous = sys.gettrace()
    sys.settrace(None)
    try:
        with search_untraced(prop):
            prop()
    finally:
        sys.settrace(previous)
