"""The ``greenapi-async`` command as installed, run in the test's process."""

from __future__ import annotations

import importlib.metadata
import sys
import unittest.mock

__all__ = ["command_line"]

# The command as installed: the console script pyproject.toml declares.
(_ENTRY_POINT,) = importlib.metadata.entry_points(group="console_scripts", name="greenapi-async")
_command = _ENTRY_POINT.load()


def command_line(*argv: str) -> int:
    """Run the command in this process as its console script does: argv from sys.argv."""
    with unittest.mock.patch.object(sys, "argv", ["greenapi-async", *argv]):
        code = _command()
    assert isinstance(code, int)
    return code
