"""Maps and data files appear whole or not at all, whatever stops the run.

The interrupt tests run the real command line in a child process whose ``os.fsync`` is
made to pause: the new file is then fully written to its temp file but not yet renamed,
the last moment an interrupt can strike.  Each test's docstring carries ``fault:`` and
``outcome:`` lines for ``docs/hardening.md``.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from corridormap._atomic import atomic_open, write_bytes, write_text

ROOT = Path(__file__).resolve().parent.parent
OLD = '{"type": "FeatureCollection", "features": []}\n'

# Runs corridormap's CLI, pausing ("touch the marker, then wait") either halfway
# through the first write to the temp file or once it is complete, just before the rename.
PAUSING_CLI = """
import os, sys, time
marker, where, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
def pause():
    open(marker, "w").close()
    time.sleep(120)
if where == "rename":
    real_fsync = os.fsync
    def pausing_fsync(fd):
        pause()
        real_fsync(fd)
    os.fsync = pausing_fsync
else:
    real_fdopen = os.fdopen
    class HalfWriter:
        def __init__(self, handle):
            self._handle = handle
        def __enter__(self):
            self._handle.__enter__()
            return self
        def __exit__(self, *exc):
            return self._handle.__exit__(*exc)
        def write(self, text):
            half = len(text) // 2
            self._handle.write(text[:half])
            self._handle.flush()
            pause()
            return self._handle.write(text[half:])
        def __getattr__(self, name):
            return getattr(self._handle, name)
    os.fdopen = lambda fd, *args, **kwargs: HalfWriter(real_fdopen(fd, *args, **kwargs))
from corridormap.cli import main
main(argv)
"""


def leftovers(folder: Path) -> list[str]:
    """Temp files of atomic writes still in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _hangup_as_from_a_terminal() -> None:
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    # Likewise SIGINT, which a shell without job control ignores in background jobs.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_paused(tmp_path: Path, where: str, *args: str) -> subprocess.Popen[str]:
    """Start the CLI with ``args``; return once it waits at ``where`` (write|rename)."""
    marker = tmp_path / "paused"
    child = subprocess.Popen(
        [sys.executable, "-c", PAUSING_CLI, str(marker), where, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # As from a terminal: under `nohup` the test runner ignores SIGHUP, the child
        # would inherit that, and the CLI rightly leaves an ignored signal ignored.
        preexec_fn=_hangup_as_from_a_terminal,
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        if child.poll() is not None:
            raise AssertionError(f"child ended early: {child.communicate()}")
        if time.monotonic() > deadline:  # a hang guard, not a timing assertion
            child.kill()
            raise AssertionError("child never reached the write")
        time.sleep(0.05)
    return child


@pytest.mark.parametrize("where", ["write", "rename"])
@pytest.mark.parametrize(
    ("signum", "code"),
    [
        pytest.param(signal.SIGTERM, 143, id="SIGTERM"),
        pytest.param(signal.SIGINT, 130, id="SIGINT"),
        pytest.param(signal.SIGHUP, 129, id="SIGHUP"),
    ],
)
def test_interrupt_mid_write_keeps_the_old_file_and_removes_the_temp(
    tmp_path: Path, signum: signal.Signals, code: int, where: str
) -> None:
    """fault: SIGTERM, SIGINT or SIGHUP while `places --format geojson -o FILE` is
    halfway through writing the new file to its temp, or has written it all but not
    renamed it
    outcome: exit 128+signal with one line "interrupted (SIG...)"; the old FILE intact;
    no temp file left"""
    out = tmp_path / "places.geojson"
    out.write_text(OLD)
    child = start_paused(tmp_path, where, "places", "seeds/", "--format", "geojson", "-o", str(out))
    (temp,) = leftovers(tmp_path)  # the new file, half or wholly written, not renamed
    assert (tmp_path / temp).stat().st_size > 0
    child.send_signal(signum)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == code, stderr
    assert stderr.strip().splitlines() == [f"corridormap: interrupted ({signum.name})"]
    assert out.read_text() == OLD
    assert leftovers(tmp_path) == []


def test_sigkill_before_rename_keeps_the_old_map(tmp_path: Path) -> None:
    """fault: SIGKILL (no clean-up possible) halfway through `map -o FILE` writing the
    new map
    outcome: the old FILE intact; only a hidden .FILE.*.tmp may remain, never a
    truncated FILE; the next run replaces FILE and leaves no new temp"""
    out = tmp_path / "map.html"
    out.write_text("<!DOCTYPE html><title>old good map</title>\n")
    old = out.read_bytes()
    child = start_paused(
        tmp_path, "write", "-q", "map", "seeds/", "--routing", "schematic", "-o", str(out)
    )
    child.kill()
    child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert out.read_bytes() == old
    (orphan,) = leftovers(tmp_path)
    assert orphan.startswith(".map.html.")
    done = subprocess.run(
        [sys.executable, "-m", "corridormap", "-q", "map", "seeds/", "--routing", "schematic",
         "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert "old good map" not in out.read_text()
    assert leftovers(tmp_path) == [orphan]


def test_crash_mid_write_keeps_the_old_file(tmp_path: Path) -> None:
    """fault: an exception raised after half of the new content is written
    outcome: the exception propagates; the old file intact; no temp file left"""
    out = tmp_path / "data.json"
    out.write_text(OLD)

    def crash() -> None:
        with atomic_open(out) as handle:
            handle.write('{"type": "FeatureCollection", "features": [')
            handle.flush()
            raise RuntimeError("crash")

    with pytest.raises(RuntimeError, match="crash"):
        crash()
    assert out.read_text() == OLD
    assert leftovers(tmp_path) == []


def test_keyboard_interrupt_mid_write_keeps_the_old_file(tmp_path: Path) -> None:
    """fault: KeyboardInterrupt while writing (binary mode)
    outcome: the old file intact; no temp file left"""
    out = tmp_path / "tiles.bin"
    out.write_bytes(b"old")

    def interrupted() -> None:
        with atomic_open(out, "wb") as handle:
            handle.write(b"new" * 1000)  # type: ignore[arg-type]
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert out.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_concurrent_writers_never_interleave(tmp_path: Path) -> None:
    """fault: eight threads write different 1 MB contents to the same file at once
    outcome: the file ends as exactly one writer's content; no temp file left"""
    out = tmp_path / "shared.json"
    contents = [json.dumps({"writer": k, "pad": str(k) * 1_000_000}) for k in range(8)]
    threads = [threading.Thread(target=write_text, args=(out, c)) for c in contents]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out.read_text() in contents
    assert leftovers(tmp_path) == []


def test_replacing_keeps_the_file_mode_and_writes_through_symlinks(tmp_path: Path) -> None:
    """input: an existing output file with mode 0600, reached through a symlink
    outcome: the file the link points to is replaced with mode 0600 kept; the link
    stays a link"""
    real = tmp_path / "real.html"
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.html"
    link.symlink_to(real)
    write_bytes(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_unwritable_output_is_one_line_exit_1(tmp_path: Path) -> None:
    """fault: -o names a path under a regular file (its directory cannot exist)
    outcome: exit 1, one line naming the path; no traceback"""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    target = blocker / "out.json"
    done = subprocess.run(
        [sys.executable, "-m", "corridormap", "places", "seeds/", "--format", "json",
         "-o", str(target)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("corridormap: error: ")
    assert str(blocker) in line


def test_no_temp_file_when_the_run_fails_before_writing(tmp_path: Path) -> None:
    """fault: `map` on a missing input with -o FILE
    outcome: exit 2; FILE never created; no temp file"""
    out = tmp_path / "m.html"
    done = subprocess.run(
        [sys.executable, "-m", "corridormap", "map", str(tmp_path / "missing.txt"), "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ},
    )  # fmt: skip
    assert done.returncode == 2
    assert not out.exists()
    assert leftovers(tmp_path) == []
