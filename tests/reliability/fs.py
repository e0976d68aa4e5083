"""File-system tools for the hostile output and input tests: a snapshot of a folder tree (to prove a
failed command left it as it found it), a folder no one can write to (even root), named pipes, and
the one-line error check."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path


def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under ``root`` (not following links): type, size, mode, content hash or link target,
    modification time. Two equal snapshots mean nothing was created, removed or changed."""
    import hashlib

    out: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            st = os.lstat(path)
            rel = str(path.relative_to(root))
            if stat.S_ISLNK(st.st_mode):
                out[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(st.st_mode):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                out[rel] = ("file", st.st_size, stat.S_IMODE(st.st_mode), digest, st.st_mtime_ns)
            elif stat.S_ISDIR(st.st_mode):
                out[rel] = ("dir", stat.S_IMODE(st.st_mode))
            else:
                out[rel] = ("other", stat.S_IFMT(st.st_mode))
    return out


def _chattr(flag: str, path: Path) -> None:
    subprocess.run(["chattr", flag, str(path)], check=True, capture_output=True)


@contextlib.contextmanager
def read_only_dir(path: Path) -> Iterator[Path]:
    """``path`` (a folder) made unwritable for the duration: ``chattr +i`` when running as root (root
    ignores permission bits), mode 0555 otherwise."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        _chattr("+i", path)
        try:
            yield path
        finally:
            _chattr("-i", path)
    else:
        old = stat.S_IMODE(path.stat().st_mode)
        path.chmod(0o555)
        try:
            yield path
        finally:
            path.chmod(old)


def new_store(path: Path) -> Path:
    """An empty evidence store at ``path`` (stores are created on purpose; what ``store init`` does)."""
    from factdesk.evidence.store import open_store

    open_store(str(path)).close()
    return path


def make_fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def one_error_line(stderr: str) -> str:
    """The single non-blank stderr line, which must start with ``error:`` (no traceback)."""
    assert "Traceback" not in stderr, stderr[-3000:]
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr[-3000:]
    assert lines[0].startswith("error: "), lines[0]
    return lines[0]
