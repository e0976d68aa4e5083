"""Where batch results go: one JSON report per article (written atomically), a manifest, the store.

The output directory is the batch's memory: a job whose report file exists and parses is done,
so re-running a batch skips it. Each result is written exactly once per key (a retried job that
finishes twice overwrites the same file with the same content, and the manifest keeps one line).
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any


class BatchOutput:
    def __init__(self, out_dir: str | Path, store=None) -> None:
        self.dir = Path(out_dir)
        self.reports = self.dir / "reports"
        self.errors = self.dir / "errors"
        self.reports.mkdir(parents=True, exist_ok=True)
        self.errors.mkdir(parents=True, exist_ok=True)
        self.manifest = self.dir / "manifest.jsonl"
        self.store = store
        self._lock = threading.Lock()
        self._written: set[str] = set()
        self._recorded_done = self._manifest_done_keys()

    def _manifest_done_keys(self) -> set[str]:
        keys: set[str] = set()
        if self.manifest.is_file():
            for line in self.manifest.read_text(encoding="utf-8", errors="replace").splitlines():
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
        path = self.report_path(key)
        if not path.is_file():
            return False
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
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
                _atomic_write(self.report_path(key), result["report"])
                (self.errors / f"{key}.json").unlink(missing_ok=True)
                if self.store is not None:
                    meta = {k: result.get(k) for k in ("title", "url", "content_hash")}
                    self.store.save_report(key, result["report"], meta)
            else:
                _atomic_write(self.errors / f"{key}.json", json.dumps({"key": key, "error": result["error"],
                                                                        "label": label}))
            self._append_manifest({"key": key, "status": result["status"], "label": label,
                                   "error": result.get("error"), "title": result.get("title")})
            if result["status"] == "done":
                self._recorded_done.add(key)
        return True

    def _append_manifest(self, line: dict[str, Any]) -> None:
        with self.manifest.open("a+b") as fh:
            if fh.tell() > 0:  # a line torn by a crash mid-write: end it, so this record stays whole
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    fh.write(b"\n")
            fh.write((json.dumps(line) + "\n").encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)
