"""Snapshot the JSON reports of a fixed set of articles, to show that a restructuring changes nothing.

    python scripts/snapshot_reports.py snap OUT.json      # run every article through the real CLI
    python scripts/snapshot_reports.py diff A.json B.json # exit 1 and list the differences, if any

Each article is checked with ``factdesk check -f json --sources local`` against a fresh SQLite store
that holds the article's own evidence file where it has one (so verification has something to
weigh). Timings, creation times and ids are dropped before comparing; everything else must match.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VOLATILE = {"timings", "created", "id", "version", "passage_id", "load_seconds"}


def articles() -> list[tuple[str, Path, Path | None]]:
    """(name, article, evidence JSONL or None): the seed, the verify cases, the web and ingest samples."""
    out: list[tuple[str, Path, Path | None]] = [("seed", SHARED / "seed" / "article.txt", None)]
    for txt in sorted((ROOT / "tests/data/verify").glob("*.txt")):
        ev = txt.with_name(txt.stem + "_evidence.jsonl")
        out.append((f"verify/{txt.stem}", txt, ev if ev.exists() else None))
    for txt in sorted((ROOT / "tests/data/web").glob("*_article.txt")):
        out.append((f"web/{txt.stem}", txt, ROOT / "tests/data/web/evidence.jsonl"))
    for f in sorted((ROOT / "tests/data/ingest").iterdir()):
        if f.suffix in {".txt", ".html"}:
            out.append((f"ingest/{f.name}", f, None))
    cases = ROOT / "tests/data/cases"
    if cases.is_dir():
        for case in sorted(p for p in cases.iterdir() if (p / "article.txt").exists()):
            out.append((f"cases/{case.name}", case / "article.txt", case / "evidence.jsonl"))
    return out


def _strip(obj):
    if isinstance(obj, dict):
        return {k: _strip(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [_strip(v) for v in obj]
    if isinstance(obj, float):
        return round(obj, 3)
    return obj


def snap(out: Path) -> None:
    exe = str(Path(sys.executable).with_name("factdesk"))
    result: dict[str, object] = {}
    env = os.environ | {"FACTDESK_CONFIG": "/nonexistent-factdesk-config.toml"}
    with tempfile.TemporaryDirectory() as tmp:
        env["FACTDESK_DATA_DIR"] = tmp
        for name, article, evidence in articles():
            db = Path(tmp) / (name.replace("/", "_") + ".db")
            if evidence is not None:
                subprocess.run([exe, "store", "add", str(evidence), "--db", str(db), "-q"], check=True, env=env,
                               capture_output=True)
            else:
                subprocess.run([exe, "store", "add", str(ROOT / "tests/data/web/evidence.jsonl"), "--db", str(db),
                                "-q"], check=True, env=env, capture_output=True)
            proc = subprocess.run([exe, "check", str(article), "-f", "json", "--sources", "local", "--db", str(db),
                                   "-q"], env=env, capture_output=True, text=True)
            if proc.returncode != 0:
                result[name] = {"exit": proc.returncode, "stderr": proc.stderr.strip()[-300:]}
            else:
                result[name] = _strip(json.loads(proc.stdout))
            print(f"{name}: exit {proc.returncode}", file=sys.stderr)
    out.write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def _diff(a, b, path: str, found: list[str]) -> None:
    if type(a) is not type(b):
        found.append(f"{path}: {a!r:.80} != {b!r:.80}")
    elif isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                found.append(f"{path}.{k}: only in {'B' if k not in a else 'A'}")
            else:
                _diff(a[k], b[k], f"{path}.{k}", found)
    elif isinstance(a, list):
        if len(a) != len(b):
            found.append(f"{path}: {len(a)} items != {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            _diff(x, y, f"{path}[{i}]", found)
    elif a != b:
        found.append(f"{path}: {a!r:.80} != {b!r:.80}")


def diff(a: Path, b: Path) -> int:
    found: list[str] = []
    _diff(json.loads(a.read_text()), json.loads(b.read_text()), "", found)
    for line in found[:200]:
        print(line)
    print(f"{len(found)} difference(s)")
    return 1 if found else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "snap":
        snap(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "diff":
        sys.exit(diff(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
