"""The processes a test run starts, and the check that none outlives it.

`start()` runs a command in a session of its own (so its children, gunicorn's workers or
Celery's pool, are one process group) and remembers it; `stop()` ends the whole group, with
SIGTERM and, after a grace period, SIGKILL. Fixtures stop their processes in `finally`, so a
failing test stops them too.

The session-end check (`pytest_sessionfinish` in tests/conftest.py) finds what escaped: the
run puts a marker in its environment before anything starts (`mark_run`), every process
started by the run or by its children inherits it, also one that has lost its parent (a
Celery pool child whose main process was SIGKILLed) or daemonised itself. After the run,
every process still carrying the marker is a leak: the check names it, ends it and fails the
run. Under xdist the controller checks, after its workers have exited; the workers inherit
its marker.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

MARKER = "GHNT_TEST_RUN"

_started: list[subprocess.Popen] = []


def start(args, *, env=None, log: Path | None = None, cwd=None) -> subprocess.Popen:
    """Popen `args` in a new session, output appended to `log` (or discarded)."""
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (the child keeps it)
    try:
        process = subprocess.Popen(
            args,
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        if log:
            out.close()
    _started.append(process)
    return process


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def stop(process: subprocess.Popen | None, timeout: float = 20) -> None:
    """End the process and everything in its group (its children), whatever state it is in."""
    if process is None:
        return
    if process.poll() is None:
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait()
    # The leader is gone; children it left behind (a killed leader's pool) are not.
    _signal_group(process, signal.SIGKILL)
    if process in _started:
        _started.remove(process)


def stop_all() -> None:
    for process in list(_started):
        stop(process, timeout=10)


# The session-end check.


def mark_run() -> str:
    """Give this run (and everything it starts) a marker of its own; an xdist worker keeps
    its controller's."""
    marker = uuid.uuid4().hex
    os.environ[MARKER] = marker
    return marker


def _environ(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:  # gone, or not ours to read
        return b""


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return "?"


def _pids() -> list[int]:
    try:
        import psutil
    except ImportError:
        return [int(name) for name in os.listdir("/proc") if name.isdigit()]
    return psutil.pids()


def marked(marker: str, exclude: set[int]) -> dict[int, str]:
    """The living processes carrying `marker`: pid -> command line. Zombies show no
    environment and are not counted (their parent has simply not reaped them yet)."""
    needle = f"{MARKER}={marker}".encode()
    found = {}
    for pid in _pids():
        if pid in exclude:
            continue
        if needle in _environ(pid).split(b"\0"):
            found[pid] = _cmdline(pid)
    return found


def ancestors() -> set[int]:
    pids, pid = set(), os.getpid()
    while pid > 1:
        pids.add(pid)
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            break
        pid = int(stat.rsplit(")", 1)[1].split()[1])
    return pids


def leaked(marker: str, grace: float = 10) -> dict[int, str]:
    """Processes of the run still alive after `grace` seconds (ones that are stopping get
    the time to finish)."""
    if not Path("/proc/self/environ").exists():
        return {}
    exclude = ancestors()
    deadline = time.monotonic() + grace
    while True:
        found = marked(marker, exclude)
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.25)


def end(pids) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


# The hooks (tests/conftest.py imports them; `-p tests.processes` loads them in any run).


def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # an xdist worker keeps its controller's marker
        config._process_marker = mark_run()


@pytest.hookimpl(wrapper=True)
def pytest_sessionfinish(session):
    """Fail the run when a process it started is still alive once every fixture (and, under
    xdist, every worker) has finished."""
    result = yield
    marker = getattr(session.config, "_process_marker", None)
    found = leaked(marker) if marker else {}
    if found:
        end(found)
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = [f"{len(found)} process(es) started by the tests outlived them (now killed):"]
        lines += [f"  pid {pid}: {command[:300]}" for pid, command in sorted(found.items())]
        for line in lines:
            if reporter:
                reporter.write_line(line, red=True)
            else:
                print(line)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    return result
