"""The README's examples run: a renamed argument or fixture breaks the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
MARKER = "<!-- this block runs in the test suite: tests/test_readme.py -->"

pytest_plugins = ["pytester"]


def marked_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    pattern = re.escape(MARKER) + r"\s*```python\n(.*?)```"
    return re.findall(pattern, text, flags=re.DOTALL)


def test_the_readme_marks_its_runnable_blocks() -> None:
    assert len(marked_blocks()) == 2


@pytest.mark.parametrize("index", [0, 1], ids=["plugin-example", "receipts-bot"])
def test_each_marked_example_passes_as_a_users_test_file(
    pytester: pytest.Pytester, index: int
) -> None:
    block = marked_blocks()[index]
    pytester.makepyfile(test_my_bot=block)
    pytester.makeini(
        "[pytest]\nasyncio_mode = strict\nasyncio_default_fixture_loop_scope = function\n"
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
