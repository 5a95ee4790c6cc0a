"""Property tests under a line tracer: hypothesis' search untraced, each example traced.

Under coverage's line tracer, hypothesis' own code (generating, recording, choosing the
next example) runs two to three times slower, and it is most of a large property's
time. What matters to coverage is the package's code, which only a test's body runs:
so the search runs with the tracer off, and each example's body with it on. A strategy
that runs code of the package while drawing (``st.builds`` of a model class) is drawn
untraced too: what it runs there is not measured, and a line only such a draw reaches
would show as missed in the coverage report.
"""

from __future__ import annotations

import contextlib
import inspect
import sys
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["search_untraced"]


@contextlib.contextmanager
def search_untraced(test: Callable[..., Any]) -> Iterator[None]:
    """While calling ``test`` (made by ``@given``), trace only the bodies of its examples.

    Nothing changes for a test that is not a property, an async one (whose body its
    runner's plugin drives), or with no tracer installed. Coverage takes
    ``sys.settrace()`` of the tracer it installed as that tracer again.
    """
    given: Any = getattr(test, "hypothesis", None)
    tracer = sys.gettrace()
    body = getattr(given, "inner_test", None)
    if tracer is None or body is None or inspect.iscoroutinefunction(body):
        yield
        return

    def traced(*args: Any, **kwargs: Any) -> Any:
        sys.settrace(tracer)
        try:
            return body(*args, **kwargs)
        finally:
            sys.settrace(None)

    given.inner_test = traced
    sys.settrace(None)
    try:
        yield
    finally:
        sys.settrace(tracer)
        given.inner_test = body
