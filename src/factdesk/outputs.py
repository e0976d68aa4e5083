"""Writing what a command produces, safely: every ``-o``, ``--out``, ``--timings`` and ``--json``.

A regular file (or a name that does not exist yet) is written through a temporary file created in
the target folder with an unpredictable name, exclusively and without following symbolic links
(``O_CREAT | O_EXCL | O_NOFOLLOW``), synced, then renamed over the target: a reader never sees half
a file, and a symbolic link planted at the target or at any temporary name is never written
through (a link at the target itself is replaced, like ``mv`` does). Character devices
(``/dev/null``, a terminal), named pipes and the standard streams (``/dev/stdout``,
``/dev/fd/N``) are written straight, never replaced. A directory, a block device, a path under a
file, an unwritable folder, a pipe nobody reads and a full disk are one :class:`OutputError`
naming the path; whatever was written for a failed command is removed (temporary files, and the
folders it created for them).

>>> write_output(Path("/tmp/report.json"), '{"ok": true}\\n')      # doctest: +SKIP
>>> preflight(Path("/tmp/report.json"))   # before long work: fails now rather than after it  # doctest: +SKIP
>>> with OutputSet() as outs:                                      # doctest: +SKIP
...     outs.add(Path("talk.ogg"), source=Path("/cache/abc.ogg"))  # several outputs: all or nothing
...     outs.add(Path("talk.ogg.json"), '{"sentences": []}')
"""

from __future__ import annotations

import errno
import io
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from factdesk.errors import FactdeskError

__all__ = ["OutputError", "OutputSet", "StdoutError", "Target", "guard_stdout", "is_stream", "preflight",
           "preflight_dir", "prepare_dir", "silence_stdout", "write_output", "write_stdout"]

#: temporary names start like this (hidden, next to the target)
_TMP_PREFIX = "."
_TMP_SUFFIX = ".tmp"
#: bytes of the target's name kept in a temporary name (NAME_MAX is 255)
_NAME_KEEP = 120
_STD_NAMES = {"/dev/stdout": 1, "/dev/stderr": 2}
_FD_PATH = re.compile(r"/(?:dev/fd|proc/self/fd)/(\d{1,4})")
_COPY_CHUNK = 1 << 20


class OutputError(FactdeskError):
    """An output cannot be written where it was asked for; the message names the path and why."""


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENXIO:
        return "no process is reading it"
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) and not exc.strerror:
        return "a part of the path is a file, not a folder"
    return exc.strerror or str(exc)


def _fail(path: Path | str, why: str) -> OutputError:
    return OutputError(f"cannot write {path}: {why}")


def _std_fd(path: Path) -> int | None:
    """The descriptor a path names when it is one of this process's own streams."""
    text = os.fspath(path)
    if text in _STD_NAMES:
        return _STD_NAMES[text]
    match = _FD_PATH.fullmatch(text)
    return int(match.group(1)) if match else None


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise _fail(path, "a part of the path is a file, not a folder") from None
    except OSError as exc:
        raise _fail(path, _reason(exc)) from None


def _kind(path: Path) -> str:
    """``fd``, ``stream`` (write straight) or ``file`` (temporary + rename); refuses the rest."""
    if _std_fd(path) is not None:
        return "fd"
    st = _lstat(path)
    if st is None or stat.S_ISLNK(st.st_mode):
        if st is not None:
            try:
                if stat.S_ISDIR(os.stat(path).st_mode):
                    raise _fail(path, "is a directory")
            except OSError:
                pass  # a dangling link: replaced like any other link
        return "file"
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        raise _fail(path, "is a directory")
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return "stream"
    raise _fail(path, "is a block device or another special file (refused)")


def _existing_ancestor(folder: Path, target: Path) -> tuple[Path, list[Path]]:
    """The nearest folder of ``target`` that exists, and the missing ones below it (outermost first)."""
    missing: list[Path] = []
    current = folder
    while True:
        try:
            st = os.stat(current)
        except FileNotFoundError:
            missing.append(current)
            if current.parent == current:
                raise _fail(target, "no such folder") from None
            current = current.parent
            continue
        except NotADirectoryError:
            raise _fail(target, "a part of the path is a file, not a folder") from None
        except OSError as exc:
            raise _fail(target, _reason(exc)) from None
        if not stat.S_ISDIR(st.st_mode):
            raise _fail(target, f"{current} is a file, not a folder")
        return current, list(reversed(missing))


def _make_dirs(folder: Path, target: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return what was created (to undo on failure)."""
    _, missing = _existing_ancestor(folder, target)
    created: list[Path] = []
    try:
        for d in missing:
            os.mkdir(d)
            created.append(d)
    except OSError as exc:
        _remove_dirs(created)
        raise _fail(target, _reason(exc)) from None
    return created


def _remove_dirs(created: Iterable[Path]) -> None:
    for d in reversed(list(created)):
        try:
            os.rmdir(d)
        except OSError:
            pass


def _create_temp(folder: Path, name: str, mode: int = 0o666) -> tuple[int, Path]:
    """An exclusive, unpredictable, never-followed temporary file in ``folder``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _ in range(16):
        tmp = folder / f"{_TMP_PREFIX}{name[:_NAME_KEEP]}.{secrets.token_hex(8)}{_TMP_SUFFIX}"
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue  # something already there (planted or not): never touch it, pick another name
    raise OSError(errno.EEXIST, "could not create a temporary file")


def _probe(folder: Path, target: Path) -> None:
    """Prove that a file can be created in ``folder`` (nearest existing folder of ``target``)."""
    try:
        fd, tmp = _create_temp(folder, target.name or "output")
    except OSError as exc:
        raise _fail(target, _reason(exc)) from None
    os.close(fd)
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _open_stream(path: Path) -> int:
    """Open a character device, a named pipe or a socket for writing, never waiting for a reader."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise _fail(path, _reason(exc)) from None
    os.set_blocking(fd, True)
    return fd


def is_stream(path: Path | Target) -> bool:
    """``True`` when ``path`` is written straight (a device, a pipe, a standard stream), not replaced."""
    return _kind(Path(path)) != "file"


class Target:
    """An output checked before the work (see :func:`preflight`): a pipe or a device is opened at once
    and held open until it is written, as a shell's ``> FILE`` does, so its reader is neither kept
    waiting nor handed an early end of file. Pass it to :func:`write_output` or :meth:`OutputSet.add`."""

    def __init__(self, path: Path, fd: int | None = None) -> None:
        self.path, self.fd = Path(path), fd

    def __fspath__(self) -> str:
        return os.fspath(self.path)

    def __str__(self) -> str:
        return str(self.path)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __del__(self) -> None:  # a command that failed before writing: the reader sees the end
        try:
            self.close()
        except OSError:
            pass


def preflight(path: Path | Target) -> Target:
    """Check, before any long work, that ``path`` can be written; leaves nothing behind.

    Refuses a directory, a block device, a path under a file, a folder where no file can be
    created, and a named pipe no process reads (a pipe or a device is opened now and held: write
    to the returned :class:`Target`). A full disk shows only when writing.
    """
    if isinstance(path, Target):
        return path
    path = Path(path)
    kind = _kind(path)
    if kind == "fd":
        return Target(path)
    if kind == "stream":
        return Target(path, _open_stream(path))
    ancestor, _ = _existing_ancestor(path.parent, path)
    _probe(ancestor, path)
    return Target(path)


def preflight_dir(path: Path) -> None:
    """Check, before any long work, that an output folder can be created or written; leaves nothing."""
    path = Path(path)
    st = _lstat(path)
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise _fail(path, "is a symbolic link (give the folder it points to)")
        if not stat.S_ISDIR(st.st_mode):
            raise _fail(path, "exists and is not a folder")
        _probe(path, path / "output")
        return
    ancestor, _ = _existing_ancestor(path.parent, path)
    _probe(ancestor, path)


def prepare_dir(path: Path) -> list[Path]:
    """Create (or reuse) an output folder that is a real folder, not a link; returns the folders
    created (so a caller can remove them if it fails before writing anything)."""
    path = Path(path)
    preflight_dir(path)
    created = _make_dirs(path, path)
    st = _lstat(path)
    if st is None or stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        _remove_dirs(created)
        raise _fail(path, "is not a folder (it changed while being created)")
    return created


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _copy_into(fd: int, source: Path) -> None:
    with open(source, "rb") as src:
        while chunk := src.read(_COPY_CHUNK):
            _write_all(fd, chunk)


class _Pending:
    """One output staged in a temporary file (or waiting to be streamed)."""

    def __init__(self, path: Path, data: bytes | None, source: Path | None, held: Target | None = None) -> None:
        self.path, self.data, self.source, self.held = path, data, source, held
        self.kind = "stream" if held is not None and held.fd is not None else _kind(path)
        self.tmp: Path | None = None
        self.created: list[Path] = []

    def _fill(self, fd: int) -> None:
        if self.source is not None:
            _copy_into(fd, self.source)
        else:
            _write_all(fd, self.data or b"")

    def stage(self) -> None:
        if self.kind != "file":
            return
        folder = self.path.parent
        self.created = _make_dirs(folder, self.path)
        st = _lstat(self.path)
        keep_mode = stat.S_IMODE(st.st_mode) & 0o777 if st is not None and stat.S_ISREG(st.st_mode) else None
        try:
            fd, self.tmp = _create_temp(folder, self.path.name)
        except OSError as exc:
            raise _fail(self.path, _reason(exc)) from None
        try:
            if keep_mode is not None:
                os.fchmod(fd, keep_mode)
            self._fill(fd)
            os.fsync(fd)
        except OSError as exc:
            raise _fail(self.path, _reason(exc)) from None
        finally:
            os.close(fd)

    def stream(self) -> None:
        if self.kind == "fd":
            fd = _std_fd(self.path)
            assert fd is not None
            if fd in (1, 2):
                try:
                    (sys.stdout if fd == 1 else sys.stderr).flush()
                except (OSError, ValueError):
                    pass
            try:
                self._fill(fd)
            except OSError as exc:
                raise _fail(self.path, _reason(exc)) from None
        elif self.kind == "stream":
            held = self.held if self.held is not None and self.held.fd is not None else None
            fd = held.fd if held is not None else _open_stream(self.path)
            try:
                self._fill(fd)
            except OSError as exc:
                raise _fail(self.path, _reason(exc)) from None
            finally:
                if held is not None:
                    held.close()
                else:
                    os.close(fd)

    def commit(self) -> None:
        if self.tmp is None:
            return
        st = _lstat(self.path)
        if st is not None and not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
            raise _fail(self.path, "is no longer a regular file (it changed while writing)")
        try:
            os.replace(self.tmp, self.path)
        except OSError as exc:
            raise _fail(self.path, _reason(exc)) from None
        self.tmp = None
        _sync_dir(self.path.parent)

    def discard(self) -> None:
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None
        _remove_dirs(self.created)
        self.created = []


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class OutputSet:
    """Several outputs written all or nothing: every file is staged in its temporary first, then the
    pipes and devices are written, then every file is renamed into place. If anything fails (or the
    ``with`` block raises), the staged files and the folders made for them are removed.

    Renaming is the last step and does not fail in practice (same folder, checked types); a pipe or
    a device, once written, cannot be taken back, which is why they are written after the files.
    """

    def __init__(self) -> None:
        self._items: list[_Pending] = []

    def add(self, path: Path | Target, data: bytes | str | None = None, *, source: Path | None = None) -> None:
        """Queue ``data`` (text is UTF-8) or a copy of the file ``source`` for ``path``."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        held = path if isinstance(path, Target) else None
        self._items.append(_Pending(Path(path), raw, Path(source) if source is not None else None, held))

    def commit(self) -> None:
        try:
            for item in self._items:
                item.stage()
            for item in self._items:
                item.stream()
            for item in self._items:
                item.commit()
        except BaseException:
            self.discard()
            raise
        self._items = []

    def discard(self) -> None:
        for item in self._items:
            item.discard()
        self._items = []

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


def write_output(path: Path | Target, data: bytes | str | None = None, *, source: Path | None = None) -> None:
    """Write ``data`` (or a copy of ``source``) to ``path`` safely (see the module docstring)."""
    with OutputSet() as outs:
        outs.add(path, data, source=source)


class StdoutError(OSError):
    """A write to standard output failed (a full disk, a closed pipe): raised by :func:`guard_stdout`'s
    stream so the CLI can tell it from other I/O errors and say it in one line."""


class _GuardedStdout(io.RawIOBase):
    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data) -> int:  # type: ignore[override]
        try:
            return os.write(self._fd, data)
        except OSError as exc:
            raise StdoutError(exc.errno, exc.strerror) from None

    def close(self) -> None:  # the descriptor is the process's; never closed here
        self.flush()


def guard_stdout():
    """Route the process's standard output through a stream whose failures are :class:`StdoutError`
    (only when ``sys.stdout`` is the real descriptor 1, not a test's capture). Returns the stream it
    replaced (``None`` when it left ``sys.stdout`` alone), to put back with ``sys.stdout = …``."""
    out = sys.stdout
    try:
        fd = out.fileno() if out is not None else -1
    except (AttributeError, OSError, ValueError):
        return None
    if fd != 1 or isinstance(getattr(getattr(out, "buffer", None), "raw", None), _GuardedStdout):
        return None
    out.flush()
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(_GuardedStdout(fd)), encoding=out.encoding, errors=out.errors,
                                  line_buffering=out.line_buffering)
    return out


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output and flush; a closed or full stdout is one ``OutputError``."""
    stream = sys.stdout
    if stream is None:
        raise OutputError("cannot write to standard output: it is closed")
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError) as exc:
        silence_stdout()
        why = _reason(exc) if isinstance(exc, OSError) else "it is closed"
        raise OutputError(f"cannot write to standard output: {why}") from None


def silence_stdout() -> None:
    """After a failed write to stdout: point it at /dev/null, so the interpreter's final flush of what
    is still buffered neither fails nor prints a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
