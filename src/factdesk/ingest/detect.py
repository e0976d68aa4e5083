"""What is this input? Read it within a size cap, refuse binary data, decode it, tell HTML from text.

Every refusal is an ``InputError`` whose message names the input and what was wrong with it.

>>> sniff_kind("<!doctype html><html><body><p>Hi</p></body></html>")
'html'
>>> sniff_kind("A headline\\nA paragraph of prose.")
'text'
>>> decode_bytes(b"caf\\xc3\\xa9", origin="note.txt")
'café'
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from typing import BinaryIO, Literal

from factdesk.errors import InputError

InputKind = Literal["html", "feed", "text"]

#: magic numbers of common binary formats → a name a reader understands
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable program"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"RIFF", "a RIFF media file (audio/video/image)"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 media file"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 media file"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})["']""", re.I)
_HTML_START = re.compile(
    r"<\s*(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|article[\s>]|meta\s|title>|div[\s>]|p>)", re.I
)
_FEED_START = re.compile(r"<\s*(rss[\s>]|feed[\s>]|rdf:RDF[\s>])", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]{0,20}(\s[^<>]{0,400})?/?>")

#: bytes looked at when sniffing
SNIFF_BYTES = 8192


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data``, or ``None`` when it looks like text.

    >>> binary_kind(b"%PDF-1.7 ...")
    'a PDF document'
    >>> binary_kind("plain words".encode()) is None
    True
    """
    head = data[:SNIFF_BYTES]
    for bom, _ in _BOMS:
        if head.startswith(bom):
            return None
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if b"\x00" in head:
        return "binary data"
    if head:
        controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
        if controls / len(head) > 0.05:
            return "binary data"
    return None


def declared_encoding(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or an XML declaration names, if any (and Python knows it)."""
    head = data[:SNIFF_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


#: charsets a server or a page often declares by default while the bytes are really UTF-8
_DEFAULT_DECLARED = frozenset({"iso8859-1", "cp1252", "ascii", "iso8859-15"})


#: a declared charset → the superset browsers decode it with (the WHATWG Encoding Standard's
#: mapping: "iso-8859-1" is read as windows-1252, "gb2312" as GB18030, "shift_jis" as windows-31J…)
_SUPERSET = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "gb2312": "gb18030",
             "gbk": "gb18030", "shift_jis": "cp932", "euc_kr": "cp949", "tis-620": "cp874",
             "iso8859-11": "cp874", "big5": "big5hkscs"}


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except (LookupError, ValueError):
        return None


#: a page's language → the legacy charset its pages most often use (after the WHATWG HTML
#: standard's locale-based default); the tie-breaker when several charsets read the bytes equally well
_LOCALE_CHARSET = {
    **dict.fromkeys(("ar", "fa", "ur"), "cp1256"),
    **dict.fromkeys(("ba", "be", "bg", "kk", "ky", "mk", "ru", "sr", "tt", "uk"), "cp1251"),
    **dict.fromkeys(("cs", "hr", "hu", "pl", "ro", "sk", "sl", "bs"), "cp1250"),
    **dict.fromkeys(("lt", "lv"), "cp1257"),
    **dict.fromkeys(("tr", "az", "ku"), "cp1254"),
    "el": "cp1253", "he": "cp1255", "iw": "cp1255", "ja": "cp932", "ko": "cp949", "th": "cp874",
    "vi": "cp1258", "zh": "gb18030",
}
_LANG = re.compile(rb"""<html\b[^>]{0,400}?\blang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2,4}))?""", re.I)
_SCRIPT_STYLE = re.compile(rb"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_MARKUP = re.compile(rb"<[^>]{0,2000}>", re.S)


def _lang_hint(data: bytes) -> str | None:
    match = _LANG.search(data[:SNIFF_BYTES])
    if not match:
        return None
    lang = match.group(1).decode("ascii").lower()
    region = (match.group(2) or b"").decode("ascii").lower()
    return "zh-tw" if lang == "zh" and region in ("tw", "hk", "hant") else lang


def detect_encoding(data: bytes) -> str | None:
    """The most likely charset of undeclared, non-UTF-8 bytes, or ``None`` when nothing fits.

    charset-normalizer reads the page's text (markup, scripts and styles left out, since their
    ASCII says nothing about the charset); among the charsets that read it about equally well, the
    one usual for the page's ``<html lang>`` wins, then windows-1252.

    >>> detect_encoding("Übermäßige Gebühren für Bürger in München".encode("cp1252"))
    'cp1252'
    """
    from charset_normalizer import from_bytes

    sample = data[:4_000_000]
    text = _MARKUP.sub(b" ", _SCRIPT_STYLE.sub(b" ", sample))
    text = re.sub(rb"\s+", b" ", text)
    if not text.strip():
        text = sample
    results = list(from_bytes(text, steps=8, chunk_size=1024, threshold=0.3))
    if not results:
        return None
    best = min(results, key=lambda r: r.chaos)
    # every charset that reads the text about as well (charset-normalizer folds those that give
    # the very same text into one match: ``could_be_from_charset``)
    pool = [_codec(name) for r in results if r.chaos <= best.chaos + 0.01
            for name in (r.encoding, *r.could_be_from_charset)]
    lang = _lang_hint(sample)
    prefer = ["big5hkscs" if lang == "zh-tw" else _LOCALE_CHARSET.get(lang or ""), "cp1252"]
    for codec in prefer:
        if codec and codec in pool:
            return codec
    return _codec(results[0].encoding) if results[0].chaos <= best.chaos + 0.01 else _codec(best.encoding)


def _garbled(text: str) -> bool:
    """More than 5% control, unassigned, private-use or surrogate characters: not text."""
    import unicodedata

    head = text[:SNIFF_BYTES]
    if not head:
        return False
    bad = sum(1 for ch in head if ch not in "\t\n\r\f\x1b" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    return bad / len(head) > 0.05


def decode_bytes(data: bytes, *, origin: str, encoding: str | None = None) -> str:
    """Decode ``data``: a byte order mark wins, then the declared ``encoding`` (the HTTP header),
    then a ``<meta>``/XML declaration, then UTF-8, then the charset detected from the bytes.

    A declared Western default (ISO-8859-1, windows-1252, ASCII) gives way to UTF-8 when the bytes
    are valid UTF-8 — a page converted to UTF-8 that kept its old declaration. Raises
    ``InputError`` naming the first bad byte only when nothing decodes the bytes.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"{origin}: undecodable bytes ({codec} byte order mark, bad byte at "
                                 f"offset {exc.start})") from None
            if _garbled(text):  # binary data that happens to start like a byte order mark
                raise InputError(f"{origin}: binary file (its {codec} byte order mark does not give text)")
            return text
    declared = [c for c in (_codec(encoding), declared_encoding(data)) if c]
    utf8 = _is_utf8(data)
    if utf8 and (not declared or declared[0] in _DEFAULT_DECLARED or declared[0] == "utf-8") and not data.isascii():
        return data.decode("utf-8")
    for codec in [*(c for d in declared for c in (_SUPERSET.get(d), d) if c), "utf-8"]:
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    detected = detect_encoding(data)
    if detected:
        try:
            return data.decode(detected)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        raise InputError(
            f"{origin}: undecodable bytes: not valid UTF-8 (byte 0x{bad} at offset {exc.start}) and no "
            "charset recognised; save it as UTF-8 or declare its charset"
        ) from None
    raise AssertionError("unreachable")  # pragma: no cover


def sniff_kind(text: str) -> InputKind:
    """Tell HTML, an RSS/Atom feed and plain text apart by content (never by file name)."""
    head = text[:SNIFF_BYTES].lstrip("\ufeff \t\r\n")
    if head.startswith("<?xml") or head.startswith("<"):
        if _FEED_START.search(head[:2000]):
            return "feed"
        if _HTML_START.search(head[:4000]):
            return "html"
    # markup further down (a page saved with a leading comment, or a fragment): count tags
    if _HTML_START.search(head) and len(_TAG.findall(head)) >= 3:
        return "html"
    return "text"


def read_limited(stream: BinaryIO, *, limit: int, origin: str) -> bytes:
    """Read at most ``limit`` bytes from ``stream``; refuse (without reading on) if there are more."""
    chunks, size = [], 0
    while True:
        chunk = stream.read(min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise InputError(f"{origin}: input too large (over {_human(limit)}; limit is [ingest] max_input_bytes)")
    return b"".join(chunks)


def _special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (``None`` for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO); pipe it to '-' instead"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def read_path(path: str | os.PathLike[str], *, limit: int) -> bytes:
    """Read a file for ingest: it must exist, be a regular file, be non-empty and within ``limit``.

    The size is checked with ``stat`` before anything is read, so a huge file is refused at once.
    Anything but a regular file (a named pipe, a device, a socket) is refused without waiting on
    it: the file is opened without blocking and checked again on the open descriptor, so swapping
    a pipe in after the first check does not hang the reader either.
    """
    origin = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{origin}: no such file") from None
    except PermissionError:
        raise InputError(f"{origin}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{origin}: cannot read ({exc.strerror or exc})") from None
    special = _special_kind(st.st_mode)
    if special:
        raise InputError(f"{origin}: is {special}, not a file" if special == "a directory"
                         else f"{origin}: is {special}, not a regular file")
    if st.st_size > limit:
        raise InputError(f"{origin}: file too large ({_human(st.st_size)}; limit is {_human(limit)})")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except PermissionError:
        raise InputError(f"{origin}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{origin}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{origin}: cannot read ({exc.strerror or exc})") from None
    try:
        special = _special_kind(os.fstat(fd).st_mode)
        if special:
            raise InputError(f"{origin}: is {special}, not a regular file")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return read_limited(fh, limit=limit, origin=origin)
    except IsADirectoryError:
        raise InputError(f"{origin}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{origin}: cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def read_stdin(*, limit: int) -> bytes:
    """Read standard input within ``limit`` bytes (a closed stdin is an ``InputError``)."""
    if sys.stdin is None:  # the process was started with its standard input closed
        raise InputError("stdin: standard input is closed (pipe the article in, or give a path)")
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is None:  # pragma: no cover - replaced stdin without bytes
            return sys.stdin.read(limit + 1).encode("utf-8")
        return read_limited(stream, limit=limit, origin="stdin")
    except (OSError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "it is closed"
        raise InputError(f"stdin: cannot read ({why})") from None


def read_text_file(path: str | os.PathLike[str], *, limit: int) -> str:
    """The text of a file, read the way ``factdesk check`` reads one: size cap, no pipes or devices,
    binary refused, byte order marks (UTF-8/16/32) honoured, declared or detected charsets.

    >>> read_text_file("note.txt", limit=1 << 20)   # doctest: +SKIP
    'A headline\\nA paragraph.'
    """
    data = read_path(path, limit=limit)
    check_text_bytes(data, origin=str(path))
    return decode_bytes(data, origin=str(path))


def check_text_bytes(data: bytes, *, origin: str) -> None:
    """Refuse empty, whitespace-only and binary inputs with a clear message."""
    if not data:
        raise InputError(f"{origin}: empty input (0 bytes)")
    kind = binary_kind(data)
    if kind:
        raise InputError(f"{origin}: binary file ({kind}), not text or HTML")
    if not data[:SNIFF_BYTES].strip() and not data.strip():
        raise InputError(f"{origin}: empty input (only whitespace)")


def _human(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{int(size)} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"  # pragma: no cover
