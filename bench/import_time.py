"""Import time of greenapi_async against httpx alone, in fresh interpreters."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

# A user's install has bytecode caches; an environment that forbids writing them would
# measure the compiler instead of the import. The warm-up run below writes them.
_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}

_PROBE = "import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"


def import_seconds(module: str, repetitions: int) -> float:
    """Median seconds a fresh interpreter takes to import ``module``."""
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", _PROBE.format(module=module)],
                check=True,
                capture_output=True,
                text=True,
                env=_ENV,
            ).stdout
        )
        for _ in range(repetitions)
    ]
    return statistics.median(runs)


def import_table(repetitions: int) -> str:
    """A Markdown table comparing the two imports, interleaved run by run."""
    samples: dict[str, list[float]] = {"httpx": [], "greenapi_async": []}
    for module in samples:
        import_seconds(module, 1)  # compiles and caches the bytecode of a fresh install
    for _ in range(repetitions):
        for module, values in samples.items():
            values.append(import_seconds(module, 1))
    medians = {module: statistics.median(values) for module, values in samples.items()}
    extra = medians["greenapi_async"] - medians["httpx"]
    return "\n".join(
        [
            "| import | median ms |",
            "|---|---:|",
            *(
                f"| `import {module}` | {seconds * 1e3:.1f} |"
                for module, seconds in medians.items()
            ),
            f"| greenapi_async beyond httpx | {extra * 1e3:+.1f} |",
        ]
    )
