"""Import time of greenapi_async against httpx alone, in fresh interpreters."""

from __future__ import annotations

import statistics
import subprocess
import sys

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
            ).stdout
        )
        for _ in range(repetitions)
    ]
    return statistics.median(runs)


def import_table(repetitions: int) -> str:
    """A Markdown table comparing the two imports, interleaved run by run."""
    samples: dict[str, list[float]] = {"httpx": [], "greenapi_async": []}
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
