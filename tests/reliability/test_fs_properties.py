"""Properties (hypothesis): a command that fails leaves the file system as it found it, and one that
succeeds changes only what it was asked to write, never what a link points to.

Each example builds a small folder of hostile shapes (files, folders, a read-only folder, a named pipe,
links to a victim file, to a folder, and dangling) and picks an output path among them (the shape
itself, a name inside it, a name below that, ``/proc``, ``/dev/full``). The writer itself is tried on
many examples in-process; the real CLI (``schema -o``, ``batch --out``) on fewer, one subprocess each.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import run_cli
from tests.reliability.fs import new_store, read_only_dir, snapshot

SHAPES = ["file", "dir", "ro-dir", "fifo", "link-to-victim", "link-to-dir", "dangling-link", "missing"]
NAMES = st.sampled_from(["out.json", "a", ".hidden", "with space", "ünïcode.txt", "x.tmp", "report.json.tmp"])

layouts = st.lists(st.tuples(st.sampled_from(SHAPES), NAMES), min_size=1, max_size=4, unique_by=lambda t: t[1])
targets = st.one_of(
    st.tuples(st.just("shape"), st.integers(0, 3), st.sampled_from([0, 1, 2]), NAMES),
    st.tuples(st.just("abs"), st.just(0), st.just(0), st.sampled_from(["/proc/out.json", "/proc/fd-x/out",
                                                                        "/dev/full"])),
)


@contextlib.contextmanager
def built(layout):
    """A fresh folder with ``layout``; read-only folders stay read-only while the block runs."""
    with tempfile.TemporaryDirectory(prefix="factdesk-prop-") as tmp, contextlib.ExitStack() as stack:
        root = Path(tmp) / "work"
        root.mkdir()
        victim_dir = Path(tmp) / "victim-dir"
        victim_dir.mkdir()
        victim = victim_dir / "victim.txt"
        victim.write_text("precious\n")
        names = []
        for shape, name in layout:
            path = root / name
            if shape == "file":
                path.write_text("old content\n")
            elif shape == "dir":
                path.mkdir()
            elif shape == "ro-dir":
                path.mkdir()
                (path / "inside.txt").write_text("kept\n")
            elif shape == "fifo":
                os.mkfifo(path)
            elif shape == "link-to-victim":
                path.symlink_to(victim)
            elif shape == "link-to-dir":
                path.symlink_to(victim_dir)
            elif shape == "dangling-link":
                path.symlink_to(Path(tmp) / "nowhere")
            names.append(name)
        for shape, name in layout:
            if shape == "ro-dir":
                stack.enter_context(read_only_dir(root / name))
        try:
            yield root, victim_dir, names
        finally:
            stack.close()


def target_path(root: Path, names: list[str], target) -> Path:
    kind, index, depth, name = target
    if kind == "abs":
        return Path(name)
    base = root / names[index % len(names)]
    return base if depth == 0 else base / name if depth == 1 else base / name / "deeper.json"


def _changes(before: dict, after: dict) -> set[str]:
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def _resolved(target: Path) -> Path:
    """Where ``target`` lands: its folder resolved (a link to a folder in the path is followed, as
    the user named it), its own name never (a link there is replaced)."""
    parent = target.parent
    while not parent.exists() and parent != parent.parent:  # folders still to be created
        parent = parent.parent
    return Path(os.path.realpath(parent)) / target.relative_to(parent)


def _allowed(base: Path, target: Path) -> set[str]:
    """Entries under ``base`` a successful write to ``target`` may create or change: the target and
    the folders made for it."""
    try:
        rel = _resolved(target).relative_to(os.path.realpath(base))
    except ValueError:
        return set()
    parts = rel.parts
    return {str(Path(*parts[: i + 1])) for i in range(len(parts))}


def _check(root: Path, victim_dir: Path, target: Path, ok: bool, before: dict, victim_before: dict) -> None:
    after, victim_after = snapshot(root), snapshot(victim_dir)
    assert victim_after.get("victim.txt") == victim_before["victim.txt"], "a link was written through"
    if not ok:
        assert after == before, f"failed but changed {_changes(before, after)}"
        assert victim_after == victim_before, f"failed but changed {_changes(victim_before, victim_after)}"
    else:
        assert _changes(before, after) <= _allowed(root, target), _changes(before, after)
        assert _changes(victim_before, victim_after) <= _allowed(victim_dir, target)
        if target.is_relative_to(root):
            assert _resolved(target).is_file() and not target.is_symlink()


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(layout=layouts, target=targets)
def test_the_writer_fails_cleanly_or_writes_only_its_target(layout, target):
    from factdesk.outputs import OutputError, write_output

    with built(layout) as (root, victim_dir, names):
        path = target_path(root, names, target)
        before, victim_before = snapshot(root), snapshot(victim_dir)
        try:
            write_output(path, '{"ok": true}\n')
            ok = True
        except OutputError as exc:
            ok = False
            assert str(exc).startswith(f"cannot write {path}") and "\n" not in str(exc)
        _check(root, victim_dir, path, ok, before, victim_before)
        if ok and path.is_relative_to(root):
            assert path.read_text() == '{"ok": true}\n'


@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(layout=layouts, target=targets)
def test_schema_output_fails_cleanly_or_writes_only_its_target(layout, target):
    with built(layout) as (root, victim_dir, names):
        path = target_path(root, names, target)
        before, victim_before = snapshot(root), snapshot(victim_dir)
        proc = run_cli("schema", "-o", str(path), timeout=60)
        assert proc.returncode in (0, 2) and "Traceback" not in proc.stderr, proc.stderr
        if proc.returncode:
            assert len(proc.stderr.strip().splitlines()) == 1 and proc.stderr.startswith("error: ")
        _check(root, victim_dir, path, proc.returncode == 0, before, victim_before)


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(layout=layouts, target=targets)
def test_batch_out_fails_cleanly_or_writes_only_inside_its_folder(layout, target):
    import json

    with built(layout) as (root, victim_dir, names), tempfile.TemporaryDirectory() as side:
        source = Path(side) / "articles.jsonl"
        source.write_text(json.dumps({"id": "a", "text": "Home\nNews\nSport\nWeather\n"}) + "\n")
        path = target_path(root, names, target)
        before, victim_before = snapshot(root), snapshot(victim_dir)
        proc = run_cli("batch", str(source), "--out", str(path), "--db", str(new_store(Path(side) / "s.db")),
                       timeout=120)
        assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr, proc.stderr  # 1: the article failed
        after, victim_after = snapshot(root), snapshot(victim_dir)
        assert victim_after.get("victim.txt") == victim_before["victim.txt"], "a link was written through"
        if proc.returncode == 2:
            assert after == before, f"failed but changed {_changes(before, after)}"
            assert victim_after == victim_before
        else:
            for base, old, new in ((root, before, after), (victim_dir, victim_before, victim_after)):
                inside = _allowed(base, path)
                changed = _changes(old, new)
                assert all(c in inside or any(c.startswith(i + os.sep) for i in inside) for c in changed), changed
