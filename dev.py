#!/usr/bin/env python3
"""Set up the project's virtual environment, then run the bot or the tests.

    python3 dev.py run [htx-bot arguments]   # install if needed, then `htx-bot run`
    python3 dev.py test [pytest arguments]   # install if needed, then ruff + pytest (in
                                             # parallel: one worker per core, pytest-xdist)
    python3 dev.py lock                      # refresh requirements/lock.txt, then the tests

Only the standard library is used here, so a fresh machine with Python >= 3.11 needs
nothing else. The venv lives in .venv and gets exactly the versions (and hashes) of
requirements/lock.txt; it is reinstalled when the lock or pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"
LOCK = ROOT / "requirements" / "lock.txt"
BUILD_IN = ROOT / "requirements" / "build.in"
# The tool that writes the lock; pinned so that a refresh is the same on every machine.
UV = "uv==0.13.9"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (ROOT / "pyproject.toml", LOCK):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _pip() -> list[str]:
    return [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]


def ensure_venv() -> None:
    """Create .venv and install the locked versions, then the project itself without deps."""
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    if not (BIN / "python").exists():
        print("[dev] creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("[dev] installing the locked versions of requirements/lock.txt into .venv", flush=True)
    subprocess.run([*_pip(), "install", "--require-hashes", "-r", str(LOCK)], check=True)
    # The build backend (setuptools) comes from the lock too, hence no build isolation.
    subprocess.run(
        [*_pip(), "install", "--no-deps", "--no-build-isolation", "-e", str(ROOT)], check=True
    )
    STAMP.write_text(_fingerprint())


def refresh_lock() -> int:
    """Write a new lock of the newest versions pyproject allows, install it, run the tests."""
    ensure_venv()
    subprocess.run([*_pip(), "install", UV], check=True)
    uv = shutil.which("uv", path=str(BIN)) or str(BIN / "uv")
    subprocess.run(
        [uv, "pip", "compile", "--quiet", "--upgrade", "--universal", "--generate-hashes",
         "--python-version", "3.11", "--extra", "test", "--custom-compile-command",
         "python3 dev.py lock", "pyproject.toml", str(BUILD_IN.relative_to(ROOT)),
         "-o", str(LOCK.relative_to(ROOT))],
        check=True, cwd=ROOT,
    )
    return test([])


def _workers(rest: list[str]) -> list[str]:
    """pytest-xdist's options: tests in parallel processes, one per core (HTX_TEST_WORKERS
    sets how many; 0 runs them in this process), unless the arguments already say."""
    said = any(a.startswith(("-n", "--numprocesses", "--dist")) or a == "no:xdist"
               for a in rest)
    workers = os.environ.get("HTX_TEST_WORKERS", "logical")
    if said or workers == "0":
        return []
    # worksteal: a worker that runs out of tests takes some of another's queue.
    return ["-n", workers, "--dist", "worksteal"]


def test(rest: list[str]) -> int:
    """Run ruff, then pytest; fail if either fails."""
    ensure_venv()
    lint = subprocess.call([str(BIN / "ruff"), "check", "."], cwd=ROOT)
    tests = subprocess.call(
        [str(BIN / "python"), "-m", "pytest", *_workers(rest), *rest], cwd=ROOT
    )
    return tests or lint


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "lock"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "lock":
        return refresh_lock()
    if command == "test":
        return test(rest)
    ensure_venv()
    return subprocess.call([str(BIN / "htx-bot"), *(rest or ["run"])], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
