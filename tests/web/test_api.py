"""The REST API through a real ``factdesk serve`` (uvicorn subprocess on 127.0.0.1) and httpx."""

from __future__ import annotations

import json
import time
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from factdesk.models import PARAGRAPH_SEPARATOR, Report
from tests.conftest import SEED
from tests.web.conftest import WEB_DATA, wait_done

SEED_TITLE = "Bukele Challenges Clinton on Salvadoran Prison Conditions Amid Deportation Controversy"


def _problem(resp, status: int) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    body = resp.json()
    assert body["status"] == status and body["title"] and "Traceback" not in resp.text
    return body


def test_health_and_openapi(server):
    with server.client() as client:
        health = client.get("/api/health").json()
        assert health["status"] == "ok" and set(health["jobs"]) == {"queued", "running", "done", "failed"}
        spec = client.get("/api/openapi.json").json()
        docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/checks/{job_id}/claimreview" in docs.text
    assert "http://" not in docs.text.replace("http://127.0.0.1:8000", "") and "https://" not in docs.text  # no CDN
    paths = set(spec["paths"])
    for path in ("/api/checks", "/api/checks/{job_id}", "/api/checks/{job_id}/audio",
                 "/api/checks/{job_id}/audio/timings", "/api/checks/{job_id}/claimreview", "/api/health"):
        assert path in paths
    body = spec["paths"]["/api/checks"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)


def test_seed_report_is_the_full_contract(seed_check):
    report = Report.model_validate(seed_check["report"])
    assert report.article.title == SEED_TITLE
    assert len(report.article.paragraphs) == 12 and len(report.article.comments) == 9
    checked = [c for c in report.claims if c.checked]
    assert checked and all(c.verdict is not None for c in checked)
    body = report.article.body
    for claim in report.claims:  # spans are offsets into the body, inside the claim's paragraph
        start = report.article.paragraph_offsets()[claim.paragraph]
        assert start <= claim.span[0] < claim.span[1] <= start + len(report.article.paragraphs[claim.paragraph])
        assert PARAGRAPH_SEPARATOR not in body[claim.span[0]:claim.span[1]]
    cited = {ev.url for c in checked for ev in c.verdict.evidence}
    assert any(u and u.startswith("http://127.0.0.1/fixtures/") for u in cited), cited


def test_upload_then_follow_its_progress_stream(server):
    data = (WEB_DATA / "plain_article.txt").read_bytes()
    with server.client() as client:
        resp = client.post("/api/checks", files={"file": ("bikes.txt", data, "text/plain")})
        assert resp.status_code == 202, resp.text
        job = resp.json()
        assert resp.headers["location"] == f"/api/checks/{job['id']}" and job["status"] in ("queued", "running")
        events = []
        with client.stream("GET", f"/api/checks/{job['id']}/events", timeout=120) as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            name = None
            for line in stream.iter_lines():
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    events.append((name, json.loads(line[6:])))
        body = client.get(f"/api/checks/{job['id']}").json()
    assert events[-1][0] == "done", events[-1]
    fractions = [data["progress"]["fraction"] for _, data in events]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert {data["progress"]["stage"] for _, data in events} & {"claims", "evidence", "verify", "analyse"}
    assert body["status"] == "done"
    assert body["report"]["article"]["title"] == "City Council Approves New Bike Lanes on Harbour Road"


def test_a_late_subscriber_still_sees_every_stage(server):
    """The stream replays the stages a check passed through, even when it joins after the end."""
    data = (WEB_DATA / "plain_article.txt").read_bytes()
    with server.client() as client:
        job = client.post("/api/checks", files={"file": ("bikes.txt", data, "text/plain")}).json()
        for _ in range(600):
            if client.get(f"/api/checks/{job['id']}").json()["status"] in ("done", "failed"):
                break
            time.sleep(0.1)
        events = []
        with client.stream("GET", f"/api/checks/{job['id']}/events", timeout=60) as stream:
            name = None
            for line in stream.iter_lines():
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    events.append((name, json.loads(line[6:])))
    stages = [d["progress"]["stage"] for n, d in events if n == "progress"]
    assert {"claims", "evidence", "verify", "analyse"} <= set(stages)
    assert stages.index("claims") < stages.index("verify") < stages.index("analyse")
    assert all(d["status"] == "running" for n, d in events if n == "progress" and d["progress"]["stage"] != "queued")
    fractions = [d["progress"]["fraction"] for _, d in events]
    assert fractions == sorted(fractions) and events[-1][0] == "done" and fractions[-1] == 1.0


def test_html_and_url_inputs(server):
    html = (
        "<html><head><title>Dam opens in the valley</title></head><body><article><h1>Dam opens in the valley</h1>"
        "<p>The new dam on the Rio Verde opened on Friday after six years of building, the water agency said.</p>"
        "<p>It holds 300 million cubic metres of water and will supply 2 million people.</p></article></body></html>"
    )

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            payload = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            return None

    site = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{site.server_address[1]}/news/dam"
    try:
        with server.client() as client:
            by_html = client.post("/api/checks", json={"html": html}).json()
            by_url = client.post("/api/checks", json={"url": url}).json()
            done_html = wait_done(client, by_html["id"])
            done_url = wait_done(client, by_url["id"])
    finally:
        site.shutdown()
    for body in (done_html, done_url):
        assert body["status"] == "done", body
        article = body["report"]["article"]
        assert article["title"] == "Dam opens in the valley"
        assert any("300 million cubic metres" in p for p in article["paragraphs"])
    assert done_url["report"]["article"]["url"] == url


def test_audio_and_sentence_timings(server, seed_check):
    job = seed_check["id"]
    report = Report.model_validate(seed_check["report"])
    with server.client(timeout=180) as client:
        timings = client.get(f"/api/checks/{job}/audio/timings").json()
        audio = client.get(f"/api/checks/{job}/audio")
        wav = client.get(f"/api/checks/{job}/audio", params={"format": "wav"})
        bad = client.get(f"/api/checks/{job}/audio", params={"format": "flac"})
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/ogg"
    assert audio.content[:4] == b"OggS" and len(audio.content) > 10_000
    assert wav.status_code == 200 and wav.content[:4] == b"RIFF" and wav.content[8:12] == b"WAVE"
    _problem(bad, 422)
    sentences = timings["sentences"]
    assert timings["duration_s"] > 10 and len(sentences) > 12
    assert sentences[0]["paragraph"] is None  # the title is read first
    starts = [s["start_s"] for s in sentences]
    assert starts == sorted(starts) and sentences[-1]["end_s"] <= timings["duration_s"] + 0.5
    offsets = report.article.paragraph_offsets()
    for s in sentences[1:]:  # each body sentence's span lies inside its paragraph of article.body
        p = s["paragraph"]
        lo, hi = offsets[p], offsets[p] + len(report.article.paragraphs[p])
        assert lo <= s["span"][0] < s["span"][1] <= hi, s


def test_claimreview(server, seed_check):
    with server.client() as client:
        resp = client.get(f"/api/checks/{seed_check['id']}/claimreview")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("application/ld+json")
    reviews = json.loads(resp.text)
    claims = seed_check["report"]["claims"] + seed_check["report"]["comment_claims"]
    # reviewed: the checked claims whose verdict cites evidence, unless nothing relevant was found
    resting = [c["text"] for c in claims if c["verdict"] and c["verdict"]["evidence"]
               and c["verdict"]["undecided"] != "nothing_relevant"]
    unfounded = [c["text"] for c in claims if c["verdict"] and (not c["verdict"]["evidence"]
                                                                or c["verdict"]["undecided"] == "nothing_relevant")]
    assert unfounded, "the seed has claims nothing relevant was found for"
    assert [r["claimReviewed"] for r in reviews] == resting and resting
    for review in reviews:
        assert review["@type"] == "ClaimReview" and review["claimReviewed"]
        assert review["url"].startswith(f"{server.base_url}/checks/{seed_check['id']}#claim-")


@pytest.mark.parametrize(
    "payload, status, needle",
    [
        ({"text": "   \n  "}, 422, "empty"),
        ({"text": "A title", "url": "https://example.org/a"}, 422, "exactly one"),
        ({}, 422, "exactly one"),
        ({"url": "ftp://example.org/story"}, 422, "http"),
        ({"url": "http://10.1.2.3/story"}, 422, "private"),
        ({"url": "http://169.254.169.254/latest/meta-data/"}, 422, "private"),
        ({"url": "http://[::1]:8080/"}, 422, "private"),
        ({"text": "x", "sources": ["no such source!"]}, 422, "source"),
        ({"text": "x", "extra": 1}, 422, "extra"),
        ({"text": "A title\n\nA body sentence.", "sources": ["nosuchsource"]}, 422, "unknown source"),
    ],
)
def test_bad_input_is_a_problem(server, payload, status, needle):
    with server.client() as client:
        body = _problem(client.post("/api/checks", json=payload), status)
    assert needle in body["detail"].lower()


def test_malformed_requests(server):
    with server.client() as client:
        _problem(client.post("/api/checks", content=b"{not json", headers={"content-type": "application/json"}), 422)
        _problem(client.post("/api/checks", content=b"text=hi", headers={"content-type": "text/csv"}), 415)
        _problem(client.post("/api/checks", content=b"x" * (2 * 1024 * 1024 + 1),
                             headers={"content-type": "application/json"}), 413)
        _problem(client.post("/api/checks", files={"file": ("x.bin", b"\x00\x01\x02\xff" * 500, "application/octet-stream")}), 422)
        _problem(client.post("/api/checks", files={"file": ("empty.txt", b"", "text/plain")}), 422)
        _problem(client.get("/api/checks/0123abcd"), 404)
        _problem(client.get("/api/checks/not-a-job/audio"), 404)
        _problem(client.get("/api/nothing-here"), 404)
        _problem(client.delete("/api/checks/0123abcd"), 405)


def test_seed_file_matches(seed_check):
    # the report holds exactly the seed's body paragraphs (nothing dropped or invented by the web layer)
    seed_lines = {ln.strip() for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()}
    for paragraph in seed_check["report"]["article"]["paragraphs"]:
        assert paragraph in seed_lines


def test_download_the_report_in_each_format(server, seed_check):
    from factdesk.report import render

    job = seed_check["id"]
    report = Report.model_validate(seed_check["report"])
    with server.client() as client:
        got = {fmt: client.get(f"/api/checks/{job}/report", params={"format": fmt})
               for fmt in ("json", "markdown", "html", "text", "claimreview")}
        bad = client.get(f"/api/checks/{job}/report", params={"format": "pdf"})
        missing = client.get("/api/checks/0123456789abcdef0123456789abcdef/report")
        claimreview = client.get(f"/api/checks/{job}/claimreview").text
    for fmt, resp in got.items():
        assert resp.status_code == 200, (fmt, resp.text)
        assert resp.headers["content-disposition"].startswith("attachment; filename=\"factdesk-"), fmt
    assert Report.model_validate_json(got["json"].text) == report
    assert got["markdown"].text == render(report, "markdown")
    assert got["markdown"].headers["content-type"].startswith("text/markdown")
    assert got["html"].text == render(report, "html")
    assert "Fact check" in got["text"].text and "\x1b" not in got["text"].text
    assert got["claimreview"].text == claimreview
    _problem(bad, 422)
    _problem(missing, 404)


def test_check_an_article_again_with_other_sources(server, seed_check):
    job = seed_check["id"]
    with server.client() as client:
        resp = client.post(f"/api/checks/{job}/rerun", json={"sources": ["local"]})
        assert resp.status_code == 202, resp.text
        new = resp.json()
        assert new["id"] != job and resp.headers["location"] == f"/api/checks/{new['id']}"
        assert new["links"]["report"] == f"/api/checks/{new['id']}/report"
        body = wait_done(client, new["id"])
        _problem(client.post(f"/api/checks/{job}/rerun", json={"sources": ["nosuchsource"]}), 422)
        _problem(client.post(f"/api/checks/{job}/rerun", json={"sources": ["Bad Name!"]}), 422)
        _problem(client.post("/api/checks/0123456789abcdef0123456789abcdef/rerun", json={}), 404)
    assert body["status"] == "done"
    assert body["report"]["article"] == seed_check["report"]["article"]
