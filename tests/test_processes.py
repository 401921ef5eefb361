"""The session-end check fails a run that leaves a process behind (tests/processes.py)."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests import processes

REPO = Path(__file__).resolve().parents[1]


def _run_pytest(tmp_path, body, *options):
    (tmp_path / "test_inner.py").write_text(textwrap.dedent(body))
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.processes", "-p", "no:cacheprovider"]
        + ["-p", "no:django", "--rootdir", str(tmp_path), str(tmp_path / "test_inner.py")]
        + list(options),
        cwd=tmp_path,
        env={**processes.os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("options", [(), ("-n", "2")], ids=["one process", "xdist"])
def test_a_run_that_leaves_a_process_behind_fails_and_the_process_is_ended(tmp_path, options):
    """Under xdist the worker that started it has exited by then: the controller finds the
    orphan by the run's marker."""
    pid_file = tmp_path / "pid"
    result = _run_pytest(
        tmp_path,
        f"""
        import subprocess
        from pathlib import Path

        def test_starts_a_process_and_forgets_it():
            # A new session, as a daemon: not even a child of the run any more.
            process = subprocess.Popen(["sleep", "600"], start_new_session=True)
            Path({str(pid_file)!r}).write_text(str(process.pid))
        """,
        *options,
    )
    pid = int(pid_file.read_text())
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    assert "1 process(es) started by the tests outlived them" in result.stdout
    assert f"pid {pid}: sleep 600" in result.stdout
    assert not _alive(pid)  # ended by the check


def _alive(pid):
    """Running, not a zombie waiting to be reaped by init."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_a_run_that_stops_what_it_started_passes(tmp_path):
    result = _run_pytest(
        tmp_path,
        """
        from tests import processes

        def test_starts_and_stops_a_process_group():
            leader = processes.start(["sh", "-c", "sleep 600 & sleep 600"])
            processes.stop(leader)  # the group: the shell and its sleeping child
        """,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "outlived" not in result.stdout
