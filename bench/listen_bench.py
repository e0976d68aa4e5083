"""Listen benchmark: real-time factor per speaker on the seed article → bench/results/listen.json.

Real-time factor = synthesis wall time / audio duration (lower is faster; < 1 is faster than
real time). The cache is bypassed so every figure is a fresh synthesis.

    python bench/listen_bench.py [--article PATH] [--speakers piper,espeak] [--out bench/results/listen.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(os.environ.get("FACTDESK_SHARED_DATA", ROOT.parent / "shared" / "data")).parent / "seed" / "article.txt"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--article", type=Path, default=SEED)
    ap.add_argument("--speakers", default="piper,espeak")
    ap.add_argument("--format", default="ogg")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "listen.json")
    args = ap.parse_args()

    import psutil

    from factdesk.ingest import load_article
    from factdesk.listen import get_speaker, synthesize

    article = load_article(str(args.article))
    results = []
    for name in [s for s in args.speakers.split(",") if s]:
        t0 = time.perf_counter()
        speaker = get_speaker(name)
        speaker.speak("Warm up.")  # loads the model (Piper) / checks the binary (espeak)
        load_s = time.perf_counter() - t0
        with tempfile.TemporaryDirectory() as tmp:
            t1 = time.perf_counter()
            cpu0 = psutil.Process().cpu_times()
            audio = synthesize(article, Path(tmp) / f"seed.{args.format}", speaker=speaker, use_cache=False)
            synth_s = time.perf_counter() - t1
            cpu1 = psutil.Process().cpu_times()
            size = Path(audio.path).stat().st_size
        results.append(
            {
                "speaker": name,
                "voice": audio.voice,
                "format": args.format,
                "sample_rate": audio.sample_rate,
                "load_s": round(load_s, 3),
                "synth_s": round(synth_s, 3),
                "process_cpu_s": round((cpu1.user - cpu0.user) + (cpu1.system - cpu0.system), 3),
                "audio_s": audio.duration_s,
                "real_time_factor": round(synth_s / audio.duration_s, 4),
                "sentences": len(audio.sentences),
                "words": audio.words,
                "words_per_minute": round(audio.words / (audio.duration_s / 60), 1),
                "file_bytes": size,
            }
        )
        print(json.dumps(results[-1]))
    out = {
        "benchmark": "listen",
        "article": str(args.article),
        "article_words": article.word_count,
        "article_paragraphs": len(article.paragraphs),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_avg_1m_at_end": round(os.getloadavg()[0], 2),
            "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
        },
        "results": results,
        "note": "wall times on a machine shared with other jobs; real_time_factor = synth_s / audio_s",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
