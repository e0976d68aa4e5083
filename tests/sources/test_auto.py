"""``auto`` sources, the default: every free live source when the network answers, the store alone (with
one warning, at once) when it does not. The network probe is pointed at local servers and at a bound
port that never listens; nothing here reaches beyond 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest

from factdesk.evidence.sources import build_sources, collect_live
from factdesk.evidence.sources.network import NetworkProbe, forget_answers
from tests.helpers import run_cli
from tests.sources.conftest import CLAIMS, FACTCHECK, GDELT, RECENT, WIKI, live_args, make_article, source_config
from tests.sources.server import Reply


@pytest.fixture(autouse=True)
def fresh_answers():
    forget_answers()  # every test learns the network afresh
    yield
    forget_answers()


@pytest.fixture
def closed_port():
    """A local port that is bound and never listens: a connection to it is refused at once."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    yield f"127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


class CountingListener:
    """A local TCP port that accepts connections and counts them (the probe's stand-in for the network)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.address = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self.accepted = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            conn.close()

    def saw(self, n: int, wait_s: float = 5.0) -> bool:
        """Whether exactly ``n`` connections were accepted (the accepting thread may lag the connect)."""
        end = time.monotonic() + wait_s
        while self.accepted < n and time.monotonic() < end:
            time.sleep(0.01)
        time.sleep(0.05)  # and no more come
        return self.accepted == n

    def close(self) -> None:
        try:
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(); close alone leaves it listening
        except OSError:
            pass
        self.sock.close()


@pytest.fixture
def listener():
    lst = CountingListener()
    yield lst
    lst.close()


def _address(server) -> str:
    return urlsplit(server.base).netloc


def test_auto_asks_every_free_source_when_the_network_answers(server, tmp_path):
    cfg = source_config(server, tmp_path, ["auto"], network_probe=_address(server))
    names = [s.name for s in build_sources(cfg)]
    # Fact Check Tools has a key here; feeds has no feed, so auto leaves it out
    assert sorted(names) == ["claimreview", "gdelt", "web", "wikipedia"]
    live = collect_live(list(CLAIMS), make_article(), **live_args(cfg))
    assert not any("live sources skipped" in w for w in live.warnings), live.warnings
    assert {"wikipedia", "gdelt"} <= {d.source for d in live.documents}
    assert server.hits(WIKI) and server.hits(GDELT) and server.hits(FACTCHECK)
    assert live.prior_fact_checks["chad"][0].rating == "Mostly true"


def test_auto_leaves_out_the_fact_check_api_without_a_key_and_feeds_without_feeds(server, tmp_path):
    cfg = source_config(server, tmp_path, ["auto"], network_probe=_address(server),
                        sources_config={"claimreview": {"api_key": None}})
    assert sorted(s.name for s in build_sources(cfg)) == ["gdelt", "web", "wikipedia"]
    live = collect_live(list(CLAIMS), make_article(), **live_args(cfg))
    assert not any("claimreview" in w or "feeds" in w for w in live.warnings), live.warnings  # quietly
    with_feed = source_config(server, tmp_path, ["auto"], feeds=[server.url("/feeds/paris.rss")])
    assert "feeds" in [s.name for s in build_sources(with_feed)]


def test_auto_without_network_goes_on_locally_at_once_with_one_line(server, tmp_path, closed_port):
    # every service would hang for 20 s: waiting any of them out would show in the time
    for path in (WIKI, GDELT, FACTCHECK):
        server.route(path, Reply(body={}, delay=20))
    cfg = source_config(server, tmp_path, ["auto"], network_probe=closed_port,
                        sources_config={name: {"timeout_s": 20} for name in ("wikipedia", "gdelt", "claimreview")})
    start = time.perf_counter()
    live = collect_live(list(CLAIMS), make_article(links=[server.url("/news/lake-chad-fishermen")]),
                        **live_args(cfg))
    assert time.perf_counter() - start < 2.0
    assert server.hits() == []
    assert live.warnings == [f"live sources skipped: the network did not answer ({closed_port} within 1 s); "
                             "checked against the local store only"]
    assert live.documents == []


def test_sources_named_on_purpose_are_asked_without_a_probe(server, tmp_path, closed_port):
    cfg = source_config(server, tmp_path, ["wikipedia"], network_probe=closed_port)
    live = collect_live(list(CLAIMS), make_article(), **live_args(cfg))
    assert server.hits(WIKI) and not any("live sources skipped" in w for w in live.warnings)


def test_the_answer_is_remembered_in_the_process_and_on_disk(listener, tmp_path):
    memo = tmp_path / "network-probe.json"
    probe = NetworkProbe(listener.address, timeout_s=1.0, ttl_s=60, memo_path=memo)
    assert probe.reachable() and listener.saw(1)
    assert probe.reachable() and listener.saw(1)  # the process remembers
    forget_answers()  # another process: it reads the file
    assert NetworkProbe(listener.address, 1.0, 60, memo).reachable() and listener.saw(1)
    assert json.loads(memo.read_text())["reachable"] is True
    # an answer past its time is asked again: the network is gone now
    listener.close()
    data = json.loads(memo.read_text())
    memo.write_text(json.dumps({**data, "checked": data["checked"] - 61}))
    forget_answers()
    assert NetworkProbe(listener.address, 1.0, 60, memo).reachable() is False
    # another address is another question (a memo of one probe does not answer for another)
    other = CountingListener()
    try:
        assert NetworkProbe(other.address, 1.0, 60, memo).reachable() and other.saw(1)
    finally:
        other.close()


def test_the_probe_never_takes_longer_than_its_timeout(monkeypatch):
    """Name resolution has no timeout of its own: a lookup that hangs must not hold the check."""
    import factdesk.evidence.sources.network as network

    def hanging(address, timeout=None):
        time.sleep(5)
        raise OSError("no answer")

    monkeypatch.setattr(network.socket, "create_connection", hanging)
    start = time.perf_counter()
    assert NetworkProbe("news.invalid:443", timeout_s=0.5, ttl_s=0).reachable() is False
    assert time.perf_counter() - start < 1.0


def test_a_bad_probe_address_is_a_config_error(tmp_path):
    from factdesk.config import Config
    from factdesk.errors import ConfigError

    with pytest.raises(ConfigError, match="network_probe.*not host:port"):
        NetworkProbe.from_config(Config(db=str(tmp_path / "s.db"), sources={"network_probe": "wikipedia"}))


# -- through the CLI --------------------------------------------------------------------------------
ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A landmark in the spotlight</title>
<meta property="article:published_time" content="{published}"></head>
<body><article>
<h1>A landmark in the spotlight</h1>
<p>The Eiffel Tower is 330 metres tall, the company that runs the monument said on Monday.</p>
<p>Lake Chad has shrunk by 90 percent since the 1960s, according to researchers in the region.</p>
</article></body></html>
"""


def _cli_setup(server, tmp_path):
    article = tmp_path / "article.html"
    article.write_text(ARTICLE.replace("{published}", RECENT.strftime("%Y-%m-%dT%H:%M:%SZ")), encoding="utf-8")
    cfg = tmp_path / "factdesk.toml"
    cfg.write_text(f"""
db = "{tmp_path / 'store.db'}"

[http]
allowed_hosts = ["127.0.0.1"]

[sources.wikipedia]
base_url = "{server.url(WIKI)}"

[sources.gdelt]
base_url = "{server.url(GDELT)}"
rate_per_s = 50
burst = 10
""", encoding="utf-8")
    assert run_cli("store", "init", "--db", str(tmp_path / "store.db")).returncode == 0
    return article, cfg


@pytest.mark.slow
def test_check_uses_live_sources_by_default_and_goes_local_offline(server, tmp_path, closed_port):
    article, cfg = _cli_setup(server, tmp_path)
    online = run_cli("check", str(article), "--config", str(cfg), "-f", "json", "-q",
                     env={"FACTDESK_NETWORK_PROBE": _address(server)}, timeout=300)
    assert online.returncode == 0, online.stderr
    report = json.loads(online.stdout)
    assert server.hits(WIKI) and not any("live sources skipped" in w for w in report["warnings"])
    cited = {e["source"] for c in report["claims"] if c.get("verdict") for e in c["verdict"]["evidence"]}
    assert cited & {"wikipedia", "gdelt"}, report["claims"]  # live evidence reached the verdicts

    server.reset()
    start = time.perf_counter()
    offline = run_cli("check", str(article), "--config", str(cfg), "-f", "json", "-q",
                      env={"FACTDESK_NETWORK_PROBE": closed_port}, timeout=300)
    assert offline.returncode == 0, offline.stderr
    skipped = [w for w in json.loads(offline.stdout)["warnings"] if "live sources skipped" in w]
    assert len(skipped) == 1 and server.hits() == []
    assert offline.stderr.strip() == ""  # the line is in the report, nothing else is said


@pytest.mark.slow
def test_offline_keeps_everything_on_the_machine(server, tmp_path):
    article, cfg = _cli_setup(server, tmp_path)
    # the network answers and the config asks for auto sources: --offline still asks nothing
    proc = run_cli("check", str(article), "--config", str(cfg), "--offline", "-f", "json", "-q",
                   env={"FACTDESK_NETWORK_PROBE": _address(server)}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert server.hits() == [] and not (tmp_path / "http-cache.sqlite").exists()
    assert not any("live sources skipped" in w for w in json.loads(proc.stdout)["warnings"])
    url = run_cli("check", server.url("/stories/tower"), "--offline", "--config", str(cfg))
    assert url.returncode == 2 and "--offline fetches nothing" in url.stderr and server.hits() == []
    mixed = run_cli("check", str(article), "--offline", "--sources", "wikipedia", "--config", str(cfg))
    assert mixed.returncode == 2 and "--offline" in mixed.stderr
