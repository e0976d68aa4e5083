/* factdesk pages: live progress (SSE), highlight → Fact Checker panel, Listen with follow-along.
   Everything here is progressive enhancement: the pages read fine without it. */
(function () {
  "use strict";

  // -- progress page ---------------------------------------------------------------------------
  function watchProgress(section) {
    var bar = document.getElementById("progress-bar");
    var stage = document.getElementById("progress-stage");
    var text = document.getElementById("progress-text");
    var page = section.dataset.page;
    var finished = false;
    function show(data) {
      if (!data || !data.progress) return;
      bar.value = data.progress.fraction;
      bar.textContent = Math.round(data.progress.fraction * 100) + "%";
      stage.textContent = data.progress.stage;
      text.textContent = data.progress.message;
    }
    function finish() { if (!finished) { finished = true; window.location.assign(page); } }
    function poll() {
      fetch(section.dataset.events.replace(/\/events$/, ""), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          show(data);
          if (data.status === "done" || data.status === "failed") finish(); else setTimeout(poll, 1500);
        })
        .catch(function () { setTimeout(poll, 3000); });
    }
    if (!window.EventSource) { poll(); return; }
    var source = new EventSource(section.dataset.events);
    source.addEventListener("progress", function (e) { show(JSON.parse(e.data)); });
    source.addEventListener("done", function (e) { show(JSON.parse(e.data)); source.close(); finish(); });
    source.addEventListener("failed", function () { source.close(); finish(); });
    source.onerror = function () { source.close(); if (!finished) poll(); };
  }

  // -- highlights → panel ----------------------------------------------------------------------
  function openClaims(ids, focus) {
    var cards = ids.map(function (id) { return document.getElementById("claim-" + id); })
      .filter(function (card) { return card; });
    if (!cards.length) return;
    document.querySelectorAll(".claim.active, .hl.active").forEach(function (el) { el.classList.remove("active"); });
    cards.forEach(function (card) {
      card.classList.add("active");
      var details = card.querySelector("details.evidence");
      if (details) details.open = true;
      var parent = card.closest("details.unchecked");
      if (parent) parent.open = true;
    });
    document.querySelectorAll('.hl[data-claim="' + ids[0] + '"]').forEach(function (el) { el.classList.add("active"); });
    cards[0].scrollIntoView({ block: "nearest", behavior: "smooth" });
    if (focus) cards[0].focus({ preventScroll: true });
    if (history.replaceState) history.replaceState(null, "", "#claim-" + ids[0]);
  }

  function wireHighlights() {
    document.querySelectorAll("a.hl[data-claim]").forEach(function (link) {
      link.addEventListener("click", function (e) {
        e.preventDefault();
        openClaims((link.dataset.claims || link.dataset.claim).split(" "), true);
      });
    });
    var m = /^#claim-([0-9a-f]+)$/.exec(window.location.hash);
    if (m) {
      var link = document.querySelector('a.hl[data-claims~="' + m[1] + '"]');
      openClaims(link ? link.dataset.claims.split(" ") : [m[1]], false);
    }
  }

  // -- Listen ------------------------------------------------------------------------------------
  function textPosition(root, offset) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node, seen = 0;
    while ((node = walker.nextNode())) {
      if (seen + node.data.length >= offset) return { node: node, offset: offset - seen };
      seen += node.data.length;
    }
    return null;
  }

  function locate(paragraphs, sentence) {
    // Returns {p, start, end} in paragraph-local offsets, whatever convention the span uses.
    var want = (sentence.text || "").trim().slice(0, 24);
    var span = sentence.span;
    var i, p, text, off;
    if (span && span.length === 2) {
      for (i = 0; i < paragraphs.length; i++) {        // offsets into the whole body
        p = paragraphs[i]; off = +p.dataset.offset; text = p.textContent;
        if (span[0] >= off && span[0] < off + text.length) {
          if (!want || text.slice(span[0] - off).trim().indexOf(want) === 0)
            return { p: p, start: span[0] - off, end: Math.min(span[1] - off, text.length) };
        }
      }
      var k = sentence.paragraph;                        // offsets inside one paragraph
      if (k !== null && k !== undefined && paragraphs[k]) {
        text = paragraphs[k].textContent;
        if (text.slice(span[0]).trim().indexOf(want) === 0)
          return { p: paragraphs[k], start: span[0], end: Math.min(span[1], text.length) };
      }
    }
    if (!want) return null;
    for (i = 0; i < paragraphs.length; i++) {           // last resort: find the words
      text = paragraphs[i].textContent;
      var at = text.indexOf(want);
      if (at >= 0) return { p: paragraphs[i], start: at, end: Math.min(at + sentence.text.trim().length, text.length) };
    }
    return null;
  }

  function wireListen(report) {
    var button = document.getElementById("listen");
    var player = document.getElementById("player");
    var now = document.getElementById("now-reading");
    var nowText = document.getElementById("now-reading-text");
    var errorBox = document.getElementById("listen-error");
    var title = document.getElementById("story-title");
    var paragraphs = Array.prototype.slice.call(document.querySelectorAll("#story-body p[data-offset]"));
    if (!button || !player) return;
    button.hidden = false;
    var sentences = null, current = -1, loading = null;
    var canHighlight = window.CSS && CSS.highlights && window.Highlight;

    function loadTimings() {
      if (!loading) {
        loading = fetch(report.dataset.timings, { headers: { Accept: "application/json" } })
          .then(function (r) { if (!r.ok) throw new Error("timings " + r.status); return r.json(); })
          .then(function (t) { sentences = t.sentences || []; return sentences; })
          .catch(function () { sentences = []; return sentences; });
      }
      return loading;
    }

    function clear() {
      if (canHighlight) CSS.highlights.delete("reading");
      title.classList.remove("reading-title");
    }

    function mark(index) {
      if (index === current) return;
      current = index;
      document.body.dataset.readingSentence = String(index);
      clear();
      if (index < 0) { now.hidden = true; return; }
      var s = sentences[index];
      now.hidden = false;
      nowText.textContent = s.text;
      if (s.paragraph === null || s.paragraph === undefined || s.paragraph < 0) {
        title.classList.add("reading-title");
        return;
      }
      var where = locate(paragraphs, s);
      if (!where || !canHighlight) return;
      var a = textPosition(where.p, where.start), b = textPosition(where.p, where.end);
      if (!a || !b) return;
      var range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      CSS.highlights.set("reading", new Highlight(range));
      var rect = range.getBoundingClientRect();
      if (rect.top < 0 || rect.bottom > window.innerHeight) {
        where.p.scrollIntoView({ block: "center", behavior: "smooth" });
      }
    }

    function follow() {
      if (!sentences) return;
      var t = player.currentTime, found = -1;
      for (var i = 0; i < sentences.length; i++) {
        if (t >= sentences[i].start_s && t < sentences[i].end_s) { found = i; break; }
      }
      mark(found);
    }

    function setPressed(on) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.querySelector(".listen-label").textContent = on ? "Pause" : "Listen to the article";
      button.querySelector(".listen-icon").textContent = on ? "❚❚" : "▶";
    }

    button.addEventListener("click", function () {
      if (!player.paused) { player.pause(); return; }
      button.disabled = true;
      button.querySelector(".listen-label").textContent = "Preparing audio…";
      loadTimings().then(function () {
        button.disabled = false;
        return player.play();
      }).catch(function (err) {
        button.disabled = false;
        setPressed(false);
        errorBox.hidden = false;
        errorBox.textContent = "The audio could not be played (" + (err && err.message ? err.message : "error") + ").";
      });
    });
    player.addEventListener("play", function () { setPressed(true); loadTimings(); });
    player.addEventListener("pause", function () { setPressed(false); });
    player.addEventListener("ended", function () { setPressed(false); mark(-1); });
    player.addEventListener("timeupdate", follow);
    player.addEventListener("seeked", follow);
    player.addEventListener("error", function () {
      errorBox.hidden = false;
      errorBox.textContent = "The audio is not available right now.";
      button.disabled = false;
      setPressed(false);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var progress = document.getElementById("progress");
    if (progress) watchProgress(progress);
    var report = document.getElementById("report");
    if (report) { wireHighlights(); wireListen(report); }
  });
})();
