"""The package's version: the one place it is written (pyproject.toml reads it here)."""

from __future__ import annotations

__all__ = ["USER_AGENT", "__version__"]

# A literal rather than importlib.metadata: reading the distribution's metadata cost
# about 10 ms of every `import greenapi_async`.
__version__ = "0.1.0"

USER_AGENT = f"greenapi-async/{__version__}"
