"""Atomic file writes: a temp file in the target's directory, fsync, then rename.

An interrupted run never leaves a half-written file where a good one was: an exception
or an interrupt (Ctrl-C, or SIGTERM, which the CLI turns into one) removes the temp
file and leaves the old one; only SIGKILL or a power cut can leave a hidden
``.NAME.*.tmp`` behind, never a truncated ``NAME``.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

# Read once: os.umask can only be read by setting it, which would race with other
# threads creating files.
_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO[str]]:
    """Open ``path`` for writing so it appears whole or not at all.

    Parameters
    ----------
    path : path-like
        Final destination.
    mode : {"w", "wb"}
        Text (UTF-8) or binary.

    Raises
    ------
    OSError
        If the directory cannot be created or written; the target is untouched.
    """
    target = Path(path)
    if target.is_symlink():
        # Replace what the link points to, not the link itself.
        target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600: keep the mode of the file being replaced, else give the
        # permissions a plain open() would.
        try:
            mode_bits = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            mode_bits = 0o666 & ~_UMASK
        os.chmod(tmp_name, mode_bits)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8)."""
    with atomic_open(path, "w") as handle:
        handle.write(text)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)  # type: ignore[arg-type]
