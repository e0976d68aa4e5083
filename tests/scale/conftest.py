"""Fixtures for the scale tests: a corpus of small articles on disk and a feed served on 127.0.0.1."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

TOPICS = [
    ("City council approves new tram line", "The city council of Leeds voted 31 to 12 on Tuesday to approve a 14-kilometre tram line.",
     "Councillor Maria Gomez said the line would cost 420 million pounds.", "Construction is due to start in 2027."),
    ("Drought cuts wheat harvest", "Farmers in Kansas harvested 240 million bushels of wheat this year, down from 330 million.",
     "The state agriculture department blamed the driest spring since 1956.", "Prices rose 8 percent in July."),
    ("Museum returns bronze statues", "The British Museum returned 31 bronze statues to Nigeria on Monday.",
     "Director Hartwig Fischer said the return followed two years of talks.", "The statues date from the 16th century."),
    ("Marathon record falls in Berlin", "Kenyan runner Eliud Kipchoge won the Berlin Marathon in 2 hours 1 minute and 9 seconds.",
     "It was his fifth victory in the German capital.", "About 45,000 runners took part."),
    ("Chipmaker posts record profit", "Taiwan Semiconductor Manufacturing Company reported a net profit of 9.3 billion dollars for the quarter.",
     "Chief executive C.C. Wei said demand for AI chips remained strong.", "The shares rose 4 percent in Taipei."),
    ("Measles cases rise", "The World Health Organization reported 320,000 measles cases in Europe last year.",
     "Officials said vaccination rates had fallen below 90 percent in several countries.", "Children under five were most affected."),
]


def article_text(i: int) -> str:
    title, a, b, c = TOPICS[i % len(TOPICS)]
    return f"{title} (edition {i})\n\n{a}\n\n{b} {c}\n\nThe report number {i} was published by the local desk.\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for i in range(16):
        (root / f"article-{i:02d}.txt").write_text(article_text(i), encoding="utf-8")
    (root / "broken.txt").write_bytes(b"")  # a bad page: recorded as failed, the batch goes on
    return root


class _Site:
    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.requests: list[str] = []


@pytest.fixture(scope="module")
def site():
    state = _Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            state.requests.append(self.path)
            ctype, body = state.pages.get(self.path, ("text/plain", b""))
            if self.path not in state.pages:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()


def html_page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang='en'><head><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1>{body}</article></body></html>").encode()


def rss(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{path}</link><guid>{base}{path}</guid></item>" for t, path in items
    )
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Desk</title><link>{base}/</link>"
            f"<description>news</description>{entries}</channel></rss>").encode()


def publish(site, n: int, start: int = 100, version: int = 0) -> list[tuple[str, str]]:
    items = []
    for i in range(start, start + n):
        title, a, b, c = TOPICS[i % len(TOPICS)]
        path = f"/news/{i}.html"
        extra = f" Update {version}: the figures were revised." if version else ""
        site.pages[path] = ("text/html; charset=utf-8",
                            html_page(f"{title} ({i})", [a, b + " " + c + extra, f"Filed as story {i} by the desk."]))
        items.append((f"{title} ({i})", path))
    site.pages["/feed.xml"] = ("application/rss+xml", rss(site.base, items))
    return items


@pytest.fixture
def scale_config(tmp_path):
    """A config file that lets factdesk fetch from 127.0.0.1 (tests only) and a store in tmp."""
    cfg = tmp_path / "factdesk.toml"
    cfg.write_text(f'db = "{tmp_path / "store.db"}"\n\n[sources]\nuse = ["local"]\n\n[http]\nallowed_hosts = ["127.0.0.1"]\n')
    from factdesk.commands.common import create_store

    create_store(str(tmp_path / "store.db"))  # batch and monitor use a store that exists
    return cfg
