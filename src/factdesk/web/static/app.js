/* factdesk pages: live progress (SSE), highlight → its verdict (the Fact Checker panel, or in place under
   its sentence at phone width), Listen with its length and follow-along, and the reader's own checks
   (check again with other sources, check one claim) through the REST API.
   Everything here is progressive enhancement: the pages read fine without it. */
(function () {
  "use strict";

  var NARROW = "(max-width: 900px)";
  var WORDS = null;  // the report vocabulary's words (a JSON data block on the page)

  function words() {
    if (!WORDS) {
      var block = document.getElementById("vocabulary");
      WORDS = block ? JSON.parse(block.textContent) : { verdict: {}, confidence: {}, undecided: {}, stance: {} };
    }
    return WORDS;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

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

  // -- highlights → verdicts -------------------------------------------------------------------
  function cardsFor(ids) {
    return ids.map(function (id) { return document.getElementById("claim-" + id); })
      .filter(function (card) { return card; });
  }

  function markActive(ids) {
    document.querySelectorAll(".claim.active, .hl.active").forEach(function (node) { node.classList.remove("active"); });
    cardsFor(ids).forEach(function (card) { card.classList.add("active"); });
    document.querySelectorAll('.hl[data-claims~="' + ids[0] + '"]').forEach(function (node) { node.classList.add("active"); });
  }

  function openInPanel(ids, focus) {
    var cards = cardsFor(ids);
    if (!cards.length) return;
    markActive(ids);
    cards.forEach(function (card) {
      var details = card.querySelector("details.evidence");
      if (details) details.open = true;
      var parent = card.closest("details.unchecked");
      if (parent) parent.open = true;
    });
    cards[0].scrollIntoView({ block: "nearest", behavior: "smooth" });
    if (focus) cards[0].focus({ preventScroll: true });
    if (history.replaceState) history.replaceState(null, "", "#claim-" + ids[0]);
  }

  // A copy of a card to show in place: no ids (they stay the panel's), without the sentence (it is just
  // above), its evidence one tap away.
  function inlineCopy(card) {
    var copy;
    if (card.tagName === "LI") {  // a statement not checked: a line of the panel's list
      copy = el("div", "claim " + (card.querySelector(".badge") || card).className.replace("badge", "").trim());
      Array.prototype.forEach.call(card.childNodes, function (child) { copy.appendChild(child.cloneNode(true)); });
    } else {
      copy = card.cloneNode(true);
    }
    copy.classList.remove("active");
    copy.removeAttribute("id");
    copy.removeAttribute("tabindex");
    copy.removeAttribute("aria-labelledby");
    copy.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    copy.querySelectorAll(".claim-sentence").forEach(function (node) { node.remove(); });
    copy.querySelectorAll("details.evidence").forEach(function (d) { d.open = false; });
    return copy;
  }

  function closeInPlace(box, focusBack) {
    var link = box.opener;
    box.remove();
    if (link) {
      link.setAttribute("aria-expanded", "false");
      if (focusBack) link.focus();
    }
    document.querySelectorAll(".hl.active").forEach(function (node) { node.classList.remove("active"); });
  }

  // At phone width the verdict opens under its sentence, not 7,000 px further down in the panel.
  function openInPlace(link, ids) {
    var sentence = link.closest(".sent") || link.closest("mark") || link;
    var key = ids.join(" ");
    var open = document.querySelectorAll(".inline-verdict");
    var same = false;
    open.forEach(function (box) {
      if (box.opener === link || box.dataset.claims === key) same = true;
      closeInPlace(box, false);
    });
    if (same) return;  // a second click closes it
    var cards = cardsFor(ids);
    if (!cards.length) return;
    var box = el("div", "inline-verdict");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Verdict on this sentence");
    box.tabIndex = -1;
    box.dataset.claims = key;
    box.opener = link;
    var close = el("button", "inline-close", "Close");
    close.type = "button";
    close.addEventListener("click", function () { closeInPlace(box, true); });
    box.appendChild(close);
    cards.forEach(function (card) { box.appendChild(inlineCopy(card)); });
    box.addEventListener("keydown", function (e) { if (e.key === "Escape") closeInPlace(box, true); });
    sentence.after(box);
    link.setAttribute("aria-expanded", "true");
    markActive(ids);
    box.focus({ preventScroll: true });
    // keep the words clicked in sight, and the verdict under them: scroll no more than needed
    var h = window.innerHeight, boxTop = box.getBoundingClientRect().top, linkTop = link.getBoundingClientRect().top;
    var by = Math.min(Math.max(0, boxTop - h * 0.6), linkTop - h * 0.1);
    if (by) window.scrollBy(0, by);
  }

  function wireHighlights() {
    var narrow = window.matchMedia ? window.matchMedia(NARROW) : { matches: false };
    document.querySelectorAll("a.hl[data-claim]").forEach(function (link) {
      link.setAttribute("aria-expanded", "false");
      link.addEventListener("click", function (e) {
        e.preventDefault();
        var ids = (link.dataset.claims || link.dataset.claim).split(" ");
        if (narrow.matches) openInPlace(link, ids); else openInPanel(ids, true);
      });
    });
    var m = /^#claim-([0-9a-f]+)$/.exec(window.location.hash);
    if (m) {
      var link = document.querySelector('a.hl[data-claims~="' + m[1] + '"]');
      openInPanel(link ? link.dataset.claims.split(" ") : [m[1]], false);
    }
  }

  // -- Listen ------------------------------------------------------------------------------------
  function durationText(seconds) {  // as report/vocabulary.py duration_text: 3:35, 1:02:05
    var total = Math.round(seconds), h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return h ? h + ":" + pad(m) + ":" + pad(s) : m + ":" + pad(s);
  }

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
    var length = document.getElementById("listen-length");
    var title = document.getElementById("story-title");
    var paragraphs = Array.prototype.slice.call(document.querySelectorAll("#story-body p[data-offset]"));
    if (!button || !player) return;
    button.hidden = false;
    var sentences = null, current = -1, loading = null;
    var canHighlight = window.CSS && CSS.highlights && window.Highlight;

    // The timings (a small JSON document) give the length before anything is played or downloaded.
    function loadTimings() {
      if (!loading) {
        loading = fetch(report.dataset.timings, { headers: { Accept: "application/json" } })
          .then(function (r) { if (!r.ok) throw new Error("timings " + r.status); return r.json(); })
          .then(function (t) {
            sentences = t.sentences || [];
            if (length && typeof t.duration_s === "number") {
              length.textContent = durationText(t.duration_s);
              length.dataset.seconds = String(t.duration_s);
              button.setAttribute("title", "Listen to the article (" + durationText(t.duration_s) + ")");
            }
            return sentences;
          })
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
    loadTimings();
  }

  // -- the reader's own checks (REST API) --------------------------------------------------------
  // The page's writes carry its CSRF token (the session cookie alone does not let them through).
  function postJSON(url, body, token, csrf) {
    var headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (token) headers.Authorization = "Bearer " + token;
    if (csrf) headers["X-CSRF-Token"] = csrf;
    return fetch(url, { method: "POST", headers: headers, body: JSON.stringify(body), credentials: "same-origin" })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (data) {
          if (!r.ok) throw new Error(data.detail || data.title || ("the server answered " + r.status));
          return data;
        });
      });
  }

  function chosenSources(fieldsetId) {
    var fieldset = fieldsetId ? document.getElementById(fieldsetId) : null;
    if (!fieldset) return null;  // the server's default
    return Array.prototype.map.call(fieldset.querySelectorAll('input[name="sources"]:checked'),
      function (box) { return box.value; });
  }

  function tokenOf(form) {
    var field = form.querySelector('input[name="token"]');
    return field ? field.value.trim() : "";
  }

  function csrfOf(form) {
    var field = form.querySelector('input[name="csrf"]');
    return field ? field.value : "";
  }

  function percent(p) {  // as Python's f"{p:.0%}": half to even on the float p * 100
    var x = p * 100, f = Math.floor(x), r = x - f;
    return (r > 0.5 ? f + 1 : r < 0.5 ? f : (f % 2 === 0 ? f : f + 1)) + "%";
  }

  function confidenceText(v) {  // as report/vocabulary.py confidence_text: "high confidence (91%)"
    var w = words(), level = v.confidence_level;
    if (!level) level = v.confidence >= w.thresholds.high ? "high" : v.confidence >= w.thresholds.medium ? "medium" : "low";
    return w.confidence[level] + " (" + percent(v.confidence) + ")";
  }

  function safeUrl(url) { return /^https?:\/\/\S+$/i.test(url || "") ? url : null; }

  // A claim's card, as report/templates/_claim.html.j2 draws it (every string set as text).
  function claimCard(claim) {
    var w = words(), v = claim.verdict;
    var key = v ? v.label : (claim.checked ? "pending" : "unchecked");
    var card = el("article", "claim v-" + key);
    var line = el("p", "verdict-line");
    line.appendChild(el("span", "badge v-" + key, w.verdict[key] || key));
    if (v && v.label === "not_enough_evidence") {
      var kind = v.undecided || (v.evidence && v.evidence.length ? "unsettled" : "nothing_relevant");
      line.appendChild(el("span", "kind", w.undecided[kind]));
    }
    if (v) line.appendChild(el("span", "confidence", confidenceText(v)));
    line.appendChild(el("span", "muted", "· " + claim.type));
    card.appendChild(line);
    card.appendChild(el("p", "claim-text", claim.text));
    if (!v) {
      card.appendChild(el("p", "reason muted", claim.reason || "No verdict was reached."));
      return card;
    }
    if (v.rationale) card.appendChild(el("p", "rationale", v.rationale));
    var details = el("details", "evidence");
    details.open = true;
    details.appendChild(el("summary", null, "Evidence (" + v.evidence.length + ")"));
    if (v.evidence.length) {
      var list = el("ul", "evidence-list");
      list.setAttribute("aria-label", "Evidence");
      v.evidence.forEach(function (ev) {
        var item = el("li", "evidence-item stance-" + ev.stance);
        item.appendChild(el("span", "stance", w.stance[ev.stance] || ev.stance));
        item.appendChild(el("blockquote", null, ev.text));
        var cite = el("p", "cite");
        var url = safeUrl(ev.url);
        if (url) {
          var a = el("a", null, ev.title || ev.publisher || url);
          a.href = url;
          a.rel = "nofollow noopener noreferrer";
          cite.appendChild(a);
        } else {
          cite.appendChild(document.createTextNode(ev.title || ev.source));
        }
        cite.appendChild(el("span", "muted", " · " + ev.source + (ev.published ? " · " + ev.published : "") +
          " · weight " + Number(ev.score).toFixed(2)));
        item.appendChild(cite);
        list.appendChild(item);
      });
      details.appendChild(list);
    } else {
      details.appendChild(el("p", "muted", "No evidence sentence was found for this claim."));
    }
    card.appendChild(details);
    return card;
  }

  function wireClaimCheck(form) {
    var status = form.querySelector(".form-status");
    var result = form.querySelector(".claim-result");
    var button = form.querySelector('button[type="submit"]');
    form.hidden = false;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var text = form.querySelector("textarea").value.trim();
      var sources = chosenSources(form.dataset.sources);
      if (!text) { status.textContent = "Write the claim to check first."; return; }
      if (sources && !sources.length) { status.textContent = "Choose at least one evidence source."; return; }
      status.textContent = "Checking the claim…";
      result.textContent = "";
      button.disabled = true;
      postJSON("/api/claims", { claims: [text], sources: sources }, tokenOf(form), csrfOf(form))
        .then(function (body) {
          status.textContent = "Checked.";
          (body.claims || []).forEach(function (claim) { result.appendChild(claimCard(claim)); });
          if (body.warnings && body.warnings.length) {
            var warn = el("ul", "warnings");
            body.warnings.forEach(function (w) { warn.appendChild(el("li", null, w)); });
            result.appendChild(warn);
          }
        })
        .catch(function (err) { status.textContent = "The claim could not be checked: " + err.message; })
        .then(function () { button.disabled = false; });
    });
  }

  function wireRerun(form) {
    var status = form.querySelector(".form-status");
    var button = form.querySelector('button[type="submit"]');
    form.hidden = false;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var sources = chosenSources("rerun-sources");
      if (sources && !sources.length) { status.textContent = "Choose at least one evidence source."; return; }
      status.textContent = "Starting a new check…";
      button.disabled = true;
      postJSON(form.dataset.rerun, { sources: sources }, tokenOf(form), csrfOf(form))
        .then(function (job) { window.location.assign(job.links.page); })
        .catch(function (err) {
          status.textContent = "The article could not be checked again: " + err.message;
          button.disabled = false;
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var progress = document.getElementById("progress");
    if (progress) watchProgress(progress);
    var report = document.getElementById("report");
    if (report) { wireHighlights(); wireListen(report); }
    document.querySelectorAll("form[data-claim-check]").forEach(wireClaimCheck);
    var rerun = document.getElementById("rerun-form");
    if (rerun) wireRerun(rerun);
  });
})();
