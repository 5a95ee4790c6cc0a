"""Start-up cost: importing greenapi_async, and its first decode, against httpx alone.

Each figure is one fresh interpreter, timed from inside from just before the import to
just after it (and after the first decode): the interpreter's own start is in neither.
The probes run interleaved, round by round, so that the machine's drift falls on all of
them alike; what greenapi_async costs beyond httpx is taken round by round, as the
difference of two runs side by side, and its median and interquartile range reported.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from journal import journal_body

# A user's install has bytecode caches; an environment that forbids writing them would
# measure the compiler instead of the import. The warm-up run below writes them.
_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}

# The libraries, then the message classes attrs makes, alone: _models.py imports only the
# libraries and its methods (_attrs_methods.py), so both are loaded from the package's
# folder as a bare package of their own, without the package's __init__ around them.
_LIBRARIES = "import httpx, anyio, attrs, cattrs, cattrs.gen, msgspec"
_MODELS_ALONE = (
    f"{_LIBRARIES}, importlib.util, sys, types; "
    "folder, = importlib.util.find_spec('greenapi_async').submodule_search_locations; "
    "bare = sys.modules['bare'] = types.ModuleType('bare'); bare.__path__ = [folder]; "
    "m = importlib.import_module('bare._models')"
)
# The body is read before the clock starts: reading a file is not the SDK's cost.
_PROBES = {
    "`import httpx`": "import httpx",
    # The floor: the libraries greenapi_async is made of, imported and nothing built.
    "`import httpx, anyio, attrs, cattrs, msgspec` (the libraries alone)": _LIBRARIES,
    "the libraries alone + the message classes (`_models.py`)": _MODELS_ALONE,
    # And a first decode of the journal into those classes by cattrs' own generated
    # hooks (bench/cattrs_floor.py): what any decoder made of these libraries pays.
    "the libraries alone + the message classes + cattrs' own first decode": (
        f"{_MODELS_ALONE}; "
        f"sys.path.insert(0, {str(Path(__file__).parent)!r}); import cattrs_floor; "
        "cattrs_floor.first_decode("
        "body, m.KIND_BY_TAG, (m.MessageStatus | str | None, str | int | None), m.wire_key)"
    ),
    "`import greenapi_async`": "import greenapi_async",
    "`import greenapi_async` + first decode of a 20-message journal": (
        "import greenapi_async; greenapi_async.decode_outgoing_messages(body)"
    ),
}
_BASELINE = "`import httpx`"
_TIMED = (
    "import time; body = open({path!r}, 'rb').read(); t = time.perf_counter(); {code}; "
    "print(time.perf_counter() - t)"
)


def _seconds(code: str, body_path: Path) -> float:
    """Seconds a fresh interpreter takes to run ``code`` (``body`` is the journal)."""
    completed = subprocess.run(
        [sys.executable, "-c", _TIMED.format(path=str(body_path), code=code)],
        check=True,
        capture_output=True,
        text=True,
        env=_ENV,
    )
    return float(completed.stdout)


def _median_and_iqr(values: list[float]) -> str:
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return f"{median * 1e3:.1f} | {(q3 - q1) * 1e3:.1f}"


def import_samples(repetitions: int) -> dict[str, list[float]]:
    """Seconds of each probe, one fresh interpreter per run, interleaved round by round."""
    samples: dict[str, list[float]] = {name: [] for name in _PROBES}
    with tempfile.TemporaryDirectory() as folder:
        body_path = Path(folder) / "journal.json"
        body_path.write_bytes(journal_body(20))
        for code in _PROBES.values():
            _seconds(code, body_path)  # compiles and caches the bytecode of a fresh install
        for _ in range(repetitions):
            for name, code in _PROBES.items():
                samples[name].append(_seconds(code, body_path))
    return samples


# Whole commands, as a shell runs them: the interpreter's start, the import, the work and
# the exit. The CLI's main job against its built-in sandbox, beside an interpreter that
# only imports httpx and one that does nothing.
_COMMANDS = {
    "`python -c pass`": ["-c", "pass"],
    "`python -c 'import httpx'`": ["-c", "import httpx"],
    "`python -m greenapi_async last-outgoing --sandbox`": [
        "-m",
        "greenapi_async",
        "last-outgoing",
        "--sandbox",
    ],
}


def command_samples(repetitions: int) -> dict[str, list[float]]:
    """Wall seconds of each command of ``_COMMANDS``, interleaved round by round."""
    samples: dict[str, list[float]] = {name: [] for name in _COMMANDS}
    with tempfile.TemporaryDirectory() as folder:  # the sandbox's files, if it writes any
        for round_ in range(repetitions + 1):  # the first round warms the caches up
            for name, arguments in _COMMANDS.items():
                started = time.perf_counter()
                subprocess.run(
                    [sys.executable, *arguments],
                    check=True,
                    capture_output=True,
                    env=_ENV,
                    cwd=folder,
                )
                if round_:
                    samples[name].append(time.perf_counter() - started)
    return samples


def import_table(repetitions: int) -> str:
    """Markdown tables: the probes and what each costs beyond ``import httpx``; commands."""
    commands = command_samples(repetitions)
    samples = import_samples(repetitions)
    baseline = samples[_BASELINE]
    rows = [f"| {name} | {_median_and_iqr(values)} |" for name, values in samples.items()]
    for name, values in samples.items():
        if name != _BASELINE:
            beyond = [value - base for value, base in zip(values, baseline, strict=True)]
            rows.append(f"| {name}, beyond `import httpx` | {_median_and_iqr(beyond)} |")
    return "\n".join(
        [
            f"{repetitions} fresh interpreters per row, interleaved; a row beyond `import "
            "httpx` is the median of the differences of runs side by side.",
            "",
            "| start-up | median ms | IQR ms |",
            "|---|---:|---:|",
            *rows,
            "",
            f"Whole commands, wall time from start to exit, {repetitions} runs each, interleaved:",
            "",
            "| command | median ms | IQR ms |",
            "|---|---:|---:|",
            *(f"| {name} | {_median_and_iqr(values)} |" for name, values in commands.items()),
        ]
    )


if __name__ == "__main__":
    print(import_table(int(sys.argv[1]) if len(sys.argv) > 1 else 15))
