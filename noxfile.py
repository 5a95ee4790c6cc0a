"""Development tasks: ``nox -s tests``, ``nox -s lint``, ``nox -s typecheck``.

Sessions run on the interpreter that runs nox, so that CI (which has one Python and
treats a missing interpreter as an error) tests exactly what is installed there. Run
``nox -s tests_all`` to test every Python version the package supports that is present.
"""

from __future__ import annotations

import os

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True

PYPROJECT = nox.project.load_toml("pyproject.toml")
SUPPORTED_PYTHONS = nox.project.python_versions(PYPROJECT)


def _install_package_and(session: nox.Session, group: str, *install_options: str) -> None:
    # A regular (non-editable) install, as a user gets it: tests see the wheel's files only.
    session.install(
        ".[sandbox]", *nox.project.dependency_groups(PYPROJECT, group), *install_options
    )


def _run_tests(session: nox.Session, *install_options: str) -> None:
    _install_package_and(session, "test", *install_options)
    # The examples' tests need their frameworks: the `examples` session runs them. The
    # slow load and cancellation runs have their own session, tests_slow.
    # Two workers a core (pytest-xdist): much of the suite's time is spent waiting on
    # loopback servers, the lively sandbox and subprocesses, not computing, and a worker
    # that waits leaves its core to another. Coverage measures each worker from its start
    # (pyproject.toml: patch = ["subprocess"]) and combines what they measured.
    workers = str(2 * (os.cpu_count() or 1))
    pytest_args = ("--ignore=tests/examples", "-m", "not slow", "-n", workers, *session.posargs)
    # Bytecode is cached even where the environment asks Python not to write it: each
    # worker, and each command a test starts, would otherwise compile every module it
    # imports (and pytest rewrite the assertions of every plugin's package) from source,
    # a third of the run's time spent collecting.
    session.env["PYTHONDONTWRITEBYTECODE"] = ""
    session.run("coverage", "erase")
    session.run("coverage", "run", "-m", "pytest", *pytest_args)
    session.run("coverage", "combine", "--quiet")
    session.run("coverage", "report", "--fail-under=90")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite with coverage on the current interpreter."""
    _run_tests(session)


@nox.session
def tests_slow(session: nox.Session) -> None:
    """Run the load, soak and cancellation tests (bounded; a few minutes)."""
    _install_package_and(session, "test")
    session.run("pytest", "--ignore=tests/examples", "-m", "slow", "-s", *session.posargs)


@nox.session(python=SUPPORTED_PYTHONS)
def tests_all(session: nox.Session) -> None:
    """Run the test suite on every supported Python version."""
    _run_tests(session)


@nox.session(venv_backend="uv")
def tests_lowest(session: nox.Session) -> None:
    """Run the test suite with every dependency at the lowest version pyproject.toml allows.

    This is what makes the lower bounds in pyproject.toml true rather than hopeful.
    """
    _run_tests(session, "--resolution", "lowest-direct")
    session.run("uv", "pip", "list", external=True)


@nox.session
def examples(session: nox.Session) -> None:
    """Run the FastAPI and aiohttp examples for real against the fake (their own deps)."""
    session.install(".[sandbox]", *nox.project.dependency_groups(PYPROJECT, "test", "examples"))
    session.run("pytest", "tests/examples", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Run the benchmarks side by side with the alternatives; write docs/benchmarks.md."""
    session.install(".[sandbox,aiohttp]", *nox.project.dependency_groups(PYPROJECT, "bench"))
    session.run("python", "bench/run.py", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """Type-check the package, the tests and this file with mypy --strict."""
    _install_package_and(session, "typecheck")
    session.run("mypy")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site into site/ (mkdocs --strict: any warning fails)."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "docs"))
    session.run("mkdocs", "build", "--strict", *session.posargs)
    # The API reference must render every public name: a name added to __all__ without
    # an entry in docs/reference.md fails here.
    session.run(
        "python",
        "-c",
        "import pathlib, sys, greenapi_async as ga, greenapi_async.testing as t;"
        "page = pathlib.Path('site/reference/index.html').read_text(encoding='utf-8');"
        "names = [f'greenapi_async.{n}' for n in ga.__all__ if n != '__version__']"
        " + [f'greenapi_async.testing.{n}' for n in t.__all__];"
        "missing = [n for n in names if f'id=\"{n}\"' not in page];"
        "sys.exit(f'not in the API reference: {missing}' if missing else 0)",
    )


@nox.session
def precompile(session: nox.Session) -> None:
    """Write greenapi_async/_precompiled_code.py again from the models (after changing one)."""
    session.install(".")
    session.run(
        "python",
        "-c",
        "import pathlib, sys, greenapi_async._precompiled as p;"
        "pathlib.Path(sys.argv[1]).write_text(p.written(), encoding='utf-8')",
        "greenapi_async/_precompiled_code.py",
    )
