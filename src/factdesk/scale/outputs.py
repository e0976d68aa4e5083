"""Where batch results go: one JSON report per article (written atomically), a manifest, the store.

The output directory is the batch's memory: a job whose report file exists and parses is done,
so re-running a batch skips it. Each result is written exactly once per key (a retried job that
finishes twice overwrites the same file with the same content, and the manifest keeps one line).

Files are written with :mod:`factdesk.outputs` (unpredictable temporary names, never through a
symbolic link); ``reports/`` and ``errors/`` must be real folders and the manifest a regular file,
so a link planted at any of these names is refused, never followed.
"""

from __future__ import annotations

import json
import os
import threading
import stat
from pathlib import Path
from typing import Any

from factdesk.outputs import OutputError, prepare_dir, write_output


class BatchOutput:
    def __init__(self, out_dir: str | Path, store=None) -> None:
        self.dir = Path(out_dir)
        self.reports = self.dir / "reports"
        self.errors = self.dir / "errors"
        self.manifest = self.dir / "manifest.jsonl"
        created = prepare_dir(self.dir)
        try:
            if self.manifest.is_symlink() or (self.manifest.exists() and not self.manifest.is_file()):
                raise OutputError(f"cannot write {self.manifest}: not a regular file (a link or a folder is refused)")
            created += prepare_dir(self.reports)
            created += prepare_dir(self.errors)
        except OutputError:
            for d in reversed(created):  # a refused folder leaves nothing this run made
                try:
                    d.rmdir()
                except OSError:
                    pass
            raise
        self.store = store
        self._lock = threading.Lock()
        self._written: set[str] = set()
        self._recorded_done = self._manifest_done_keys()

    def _manifest_done_keys(self) -> set[str]:
        keys: set[str] = set()
        data = _read_regular(self.manifest)
        if data is not None:
            for line in data.decode("utf-8", errors="replace").splitlines():
                try:
                    row = json.loads(line)
                except ValueError:
                    continue  # a line torn by a crash
                if isinstance(row, dict) and row.get("status") == "done":
                    keys.add(str(row.get("key")))
        return keys

    def ensure_recorded(self, key: str, label: str = "") -> None:
        """A report on disk whose manifest line was lost to a crash gets its line now."""
        with self._lock:
            if key in self._recorded_done or key in self._written:
                return
            self._append_manifest({"key": key, "status": "done", "label": label, "error": None, "title": None})
            self._recorded_done.add(key)

    def report_path(self, key: str) -> Path:
        return self.reports / f"{key}.json"

    def is_done(self, key: str) -> bool:
        data = _read_regular(self.report_path(key))
        if data is None:
            return False
        try:
            json.loads(data.decode("utf-8"))
        except ValueError:
            return False  # a torn file from a crash: do it again
        return True

    def write(self, result: dict[str, Any], label: str = "") -> bool:
        """Record one result; returns False if this key was already recorded in this run."""
        key = result["key"]
        with self._lock:
            if key in self._written:
                return False
            self._written.add(key)
            if result["status"] == "done":
                if self.store is not None:  # first: the file on disk marks the key done for a rerun
                    meta = {k: result.get(k) for k in ("title", "url", "content_hash")}
                    self.store.save_report(key, result["report"], meta)
                _atomic_write(self.report_path(key), result["report"])
                (self.errors / f"{key}.json").unlink(missing_ok=True)
            else:
                _atomic_write(self.errors / f"{key}.json", json.dumps({"key": key, "error": result["error"],
                                                                        "label": label}))
            self._append_manifest({"key": key, "status": result["status"], "label": label,
                                   "error": result.get("error"), "title": result.get("title")})
            if result["status"] == "done":
                self._recorded_done.add(key)
        return True

    def _append_manifest(self, line: dict[str, Any]) -> None:
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            fd = os.open(self.manifest, flags, 0o666)
        except OSError as exc:
            raise OutputError(f"cannot write {self.manifest}: {exc.strerror or exc}") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OutputError(f"cannot write {self.manifest}: not a regular file")
        with os.fdopen(fd, "a+b") as fh:
            if fh.tell() > 0:  # a line torn by a crash mid-write: end it, so this record stays whole
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    fh.write(b"\n")
            fh.write((json.dumps(line) + "\n").encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())


def _atomic_write(path: Path, text: str) -> None:
    write_output(path, text)


def _read_regular(path: Path) -> bytes | None:
    """The bytes of a regular file; ``None`` when it is missing, a link or anything else."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        try:
            return fh.read()
        except OSError:
            return None
