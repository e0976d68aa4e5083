"""The comment section: generic, templated, near-duplicate, machine-written and coordinated comments.

Every flag comes with a human-readable reason and the scores behind it; nothing here claims
certainty about who wrote a comment. The work is linear in the number of comments (MinHash + LSH
buckets, exact skeleton hashes, capped inverted indexes), so a section of 100,000 comments is
analysed in seconds (see ``bench/comments_bench.py``).

>>> from factdesk.models import Article, Comment
>>> art = Article(title="Stadium expansion approved", paragraphs=["The council said the stadium will hold 90,000."],
...               comments=[Comment(index=0, text="It holds 60,000, not 90,000. I have a season ticket."),
...                         Comment(index=1, text="Transparency and accountability are important here.")])
>>> out, summary = CommentAnalyser().analyse(art)
>>> "generic" in out[0].flags, "generic" in out[1].flags
(False, True)
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from datasketch import MinHash, MinHashLSH

from factdesk.analyse.machine import MachineWrittenModel, load_machine_model
from factdesk.analyse.phrases import CORRECTION_RE, NUMBER_WORDS, PERSONAL_RE, STOCK_RE, STOPWORDS
from factdesk.analyse.textutil import DIGIT_RE, Parsed, normalise, parsed, shingles, words
from factdesk.analyse.vocab import common_words
from factdesk.models import Article, Claim, Comment

ENTITY_LABELS = {
    "PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT",
}


@dataclass(frozen=True)
class CommentSettings:
    """Thresholds, each justified by a measurement in ``docs/analysis.md``."""

    #: specificity evidence below this (in "fact units") makes a comment generic
    generic_below: float = 1.0
    #: MinHash/LSH Jaccard threshold over word 3-shingles for near-duplicates
    near_duplicate_jaccard: float = 0.5
    #: Jaccard threshold over masked sentence skeletons (word 2-shingles) for templates
    template_jaccard: float = 0.5
    #: a skeleton sentence needs this many tokens, this many of them unmasked
    template_min_tokens: int = 5
    template_min_literal: int = 4
    #: machine-written score at or above which the flag is raised (None: the model's measured
    #: threshold); no flag at all when the model's measurement does not beat chance
    machine_written_at: float | None = None
    #: smallest group of linked comments reported as coordinated
    coordinated_min_size: int = 3
    #: shared distinctive word 3-grams that link two comments
    coordinated_shared_phrases: int = 2
    #: ignore 3-grams shared by more comments than this (common phrasing)
    phrase_posting_cap: int = 50
    #: two generic comments posted this close (seconds) are linked by timing
    timing_window_s: float = 120.0
    num_perm: int = 64
    #: LSH candidate threshold = decision threshold minus this margin
    lsh_margin: float = 0.2
    seed: int = 1


# -- the article's own vocabulary -----------------------------------------------------------------
@dataclass
class ArticleProfile:
    """What is specific to one article: its entities, numbers, topic words and phrasing."""

    topic_terms: set[str] = field(default_factory=set)  # headline / most-mentioned names (weak evidence)
    entity_terms: set[str] = field(default_factory=set)  # other named things in the article (strong)
    content_words: set[str] = field(default_factory=set)  # lower-case content words of the body
    numbers: set[str] = field(default_factory=set)
    body_6grams: set[str] = field(default_factory=set)
    content_stems: set[str] = field(default_factory=set)  # content words minus topic words, stemmed
    headline_names: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, article: Article, claims: list[Claim] | None = None, nlp: Any = None, doc: Any = None) -> "ArticleProfile":
        """``doc``: the spaCy parse of ``article.body`` if the caller has one (the title is parsed here)."""
        body = normalise(article.body)
        title = normalise(article.title)
        prof = cls()
        toks = [t.lower() for t in words(body)]
        title_toks = {t.lower() for t in words(title)}
        counts = Counter(toks)
        prof.content_words = {t for t in counts if t not in STOPWORDS and not DIGIT_RE.search(t) and len(t) > 2}
        prof.numbers = {t for t in counts if DIGIT_RE.search(t)}
        prof.body_6grams = set(shingles(toks, 6))
        names: Counter[str] = Counter()
        if nlp is not None or doc is not None:
            docs = [doc if doc is not None else nlp(article.body)] + ([nlp(article.title)] if nlp is not None else [])
            for d in docs:
                for ent in d.ents:
                    if ent.label_ in ENTITY_LABELS:
                        names[normalise(ent.text)] += 1
        else:
            for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*|[A-Z]{2,})\b", title + ". " + body):
                names[m.group(1)] += 1
        for claim in claims or []:
            for ent in claim.entities:
                if ent.get("label") in ENTITY_LABELS and ent.get("text"):
                    names[normalise(ent["text"])] += 1
            prof.numbers.update(n.lower() for n in claim.numbers)
        for name, n in names.items():
            name_toks = [t.lower().removesuffix("'s") for t in words(name) if t.lower() not in STOPWORDS]
            if not name_toks:
                continue
            in_title = any(t in title_toks or t + "n" in title_toks or t + "an" in title_toks for t in name_toks)
            target = prof.topic_terms if (in_title or n >= 3) else prof.entity_terms
            target.update(name_toks)
            if in_title:
                prof.headline_names.append(name)
        prof.entity_terms -= prof.topic_terms
        common = common_words()
        prof.content_stems = {stem(t) for t in prof.content_words
                              if t not in prof.topic_terms and len(t) > 3 and t not in common}
        # the title's content words are topic words too (used to mask templates)
        prof.topic_terms.update(t for t in title_toks if t not in STOPWORDS and len(t) > 2)
        return prof


# -- per-comment signals --------------------------------------------------------------------------
@dataclass
class Specificity:
    score: float  # 0-1
    units: float  # raw evidence, in "fact units"
    numbers: list[str]
    article_names: list[str]
    topic_names: list[str]
    new_names: list[str]
    quoted: bool
    personal: bool
    correction: bool
    stock: list[str]
    stock_density: float


def stem(word: str) -> str:
    """A crude suffix-stripper, enough to match "charging" with "charge".

    >>> stem("charging"), stem("batteries"), stem("voted")
    ('charg', 'batter', 'vot')
    """
    for suf in ("ies", "ing", "ed", "es", "s", "e", "y"):
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            return word[: -len(suf)]
    return word


def _proper_nouns(text: "str | Parsed") -> list[str]:
    """Capitalised words not opening a sentence, plus acronyms, as lower-case tokens."""
    out = []
    for toks in parsed(text).sentence_tokens:
        for i, t in enumerate(toks):
            if t == "I" or t.startswith("I'"):
                continue
            if (t[:1].isupper() and i > 0) or (len(t) > 1 and t.isupper() and t.isalpha()):
                out.append(t.lower().removesuffix("'s"))
            elif i == 0 and t[:1].isupper():
                out.append("^" + t.lower().removesuffix("'s"))  # sentence-initial: only counts if known
    return out


def specificity(text: "str | Parsed", profile: ArticleProfile) -> Specificity:
    """How much a comment says that is specific to this article (numbers, names, first-hand detail)."""
    pt = parsed(text)
    low = pt.low
    toks = pt.low_tokens
    numbers = [t for t in toks if DIGIT_RE.search(t) or t in NUMBER_WORDS]
    article_names, topic_names, new_names = [], [], []
    for t in _proper_nouns(pt):
        initial = t.startswith("^")
        t = t.lstrip("^")
        if t in profile.entity_terms:
            article_names.append(t)
        elif t in profile.topic_terms:
            topic_names.append(t)
        elif not initial and t not in STOPWORDS and t not in profile.content_words:
            new_names.append(t)
    shared_words = {stem(t) for t in toks if t not in STOPWORDS and len(t) > 3} & profile.content_stems
    quoted = any(g in profile.body_6grams for g in shingles(toks, 6)) if len(toks) >= 6 else False
    personal = bool(PERSONAL_RE.search(low))
    stock_spans = [m.span() for m in STOCK_RE.finditer(low)]
    stock = [low[a:b] for a, b in stock_spans]
    covered = sum(len(low[a:b].split()) for a, b in stock_spans)
    density = min(1.0, covered / max(1, len(toks)))
    units = (
        min(2.0, 1.0 * len(numbers))
        + min(2.0, 1.0 * len(set(article_names)))
        + min(1.2, 0.6 * len(set(new_names)))
        + min(0.4, 0.2 * len(set(topic_names)))
        + min(0.6, 0.2 * len(shared_words))
        + (0.8 if quoted else 0.0)
        + (0.7 if personal else 0.0)
    )
    correction = bool(CORRECTION_RE.search(low)) and (bool(numbers) or bool(article_names) or bool(new_names))
    if correction:
        units += 0.4
    units = max(0.0, units - 0.5 * density)  # stock phrasing dilutes what little there is
    return Specificity(
        score=round(1.0 - math.exp(-units), 4),
        units=round(units, 4),
        numbers=numbers,
        article_names=sorted(set(article_names)),
        topic_names=sorted(set(topic_names)),
        new_names=sorted(set(new_names)),
        quoted=quoted,
        personal=personal,
        correction=correction,
        stock=stock,
        stock_density=round(density, 4),
    )


def skeleton_sentences(text: "str | Parsed", profile: ArticleProfile, settings: CommentSettings) -> list[str]:
    """Sentences with names, numbers and topic words masked: what is left is the template.

    >>> p = ArticleProfile(topic_terms={"prison"})
    >>> skeleton_sentences("This is a complex prison issue with valid concerns on both sides.", p, CommentSettings())
    ['this is a complex <t> issue with valid concerns on both sides']
    """
    out = []
    for toks in parsed(text).sentence_tokens:
        sk = []
        for i, t in enumerate(toks):
            lt = t.lower().removesuffix("'s")
            if DIGIT_RE.search(t) or lt in NUMBER_WORDS:
                sk.append("<n>")
            elif lt in profile.topic_terms or lt in profile.entity_terms:
                sk.append("<t>")
            elif t[:1].isupper() and i > 0 and t != "I":
                sk.append("<e>")
            else:
                sk.append(t.lower())
        literal = sum(1 for t in sk if not t.startswith("<"))
        if len(sk) >= settings.template_min_tokens and literal >= settings.template_min_literal:
            # collapse runs of masks so "<e> <e>" and "<e>" give one skeleton
            collapsed = [t for i, t in enumerate(sk) if not (t.startswith("<") and i and sk[i - 1] == t)]
            out.append(" ".join(collapsed))
    return out


# -- union-find ------------------------------------------------------------------------------------
class _DSU:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return out


def _lsh_groups(shingle_sets: list[list[str]], threshold: float, settings: CommentSettings) -> tuple[_DSU, dict[int, list[tuple[int, float]]]]:
    """Group items whose estimated Jaccard ≥ threshold, in linear time over LSH buckets.

    Exact duplicates are grouped by hash first; within each LSH bucket every pair is checked when
    the bucket is small, and only first/neighbour pairs when it is large, which keeps the cost
    linear even when one bucket holds thousands of comments.
    """
    n = len(shingle_sets)
    dsu = _DSU(n)
    partners: dict[int, list[tuple[int, float]]] = defaultdict(list)
    by_key: dict[tuple[str, ...], int] = {}
    reps: list[int] = []
    for i, sh in enumerate(shingle_sets):
        if not sh:
            continue
        key = tuple(sorted(set(sh)))
        first = by_key.setdefault(key, i)
        if first != i:
            dsu.union(first, i)
            if len(partners[i]) < 3:
                partners[i].append((first, 1.0))
            if len(partners[first]) < 3:
                partners[first].append((i, 1.0))
        else:
            reps.append(i)
    if len(reps) < 2:
        return dsu, partners
    sets = [set(shingle_sets[i]) for i in reps]
    hashes = MinHash.bulk([[s.encode() for s in st] for st in sets], num_perm=settings.num_perm, seed=settings.seed)
    # LSH finds candidates at a lower threshold (few misses); the exact Jaccard of the shingle
    # sets then decides, so the threshold means what it says.
    lsh = MinHashLSH(threshold=max(0.2, threshold - settings.lsh_margin), num_perm=settings.num_perm)
    with lsh.insertion_session() as session:
        for j, mh in enumerate(hashes):
            session.insert(j, mh, check_duplication=False)
    seen_pairs: set[tuple[int, int]] = set()
    for table in lsh.hashtables:
        for bucket_key in table.keys():
            members = sorted(table.get(bucket_key))
            if len(members) < 2:
                continue
            if len(members) <= 12:  # small bucket: every pair
                candidates = [(x, y) for k, x in enumerate(members) for y in members[k + 1 :]]
            else:  # large bucket: against the first member and the previous one (stays linear)
                candidates = [(members[0], y) for y in members[1:]] + list(zip(members[1:], members[2:]))
            for pair in candidates:
                if pair in seen_pairs:
                    continue
                seen_pairs.add(pair)
                sa, sb = sets[pair[0]], sets[pair[1]]
                jac = len(sa & sb) / len(sa | sb)
                if jac >= threshold:
                    a, b = reps[pair[0]], reps[pair[1]]
                    dsu.union(a, b)
                    if len(partners[a]) < 3:
                        partners[a].append((b, round(jac, 3)))
                    if len(partners[b]) < 3:
                        partners[b].append((a, round(jac, 3)))
    return dsu, partners


def _parse_time(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _show(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# -- the analyser ------------------------------------------------------------------------------------
class CommentAnalyser:
    """Flag the comments of one article (see the module docstring for an example)."""

    def __init__(self, settings: CommentSettings | None = None, machine: MachineWrittenModel | None = None) -> None:
        self.settings = settings or CommentSettings()
        self.machine = machine or load_machine_model()

    def analyse(
        self, article: Article, claims: list[Claim] | None = None, nlp: Any = None, doc: Any = None
    ) -> tuple[list[Comment], dict[str, Any]]:
        """Return the comments with flags, reasons and scores, and the section summary.

        ``nlp`` (spaCy) finds the article's entities; ``doc`` is its parse of the body if already made.
        """
        s = self.settings
        comments = article.comments
        n = len(comments)
        if n == 0:
            return [], {"count": 0, "flags": {}, "clusters": [], "near_duplicate_pairs": [], "text": "No comments."}
        profile = ArticleProfile.build(article, claims, nlp, doc)
        flags: list[list[str]] = [[] for _ in range(n)]
        reasons: list[list[str]] = [[] for _ in range(n)]
        scores: list[dict[str, float]] = [{} for _ in range(n)]
        # each distinct text is tokenised and scored once (copies are common in big sections)
        first_of: dict[str, int] = {}
        uniq: list[Parsed] = []
        slot: list[int] = []
        for c in comments:
            key = c.text
            if key not in first_of:
                first_of[key] = len(uniq)
                uniq.append(Parsed(c.text))
            slot.append(first_of[key])
        texts = [uniq[k].norm for k in slot]
        low_tokens = [uniq[k].low_tokens for k in slot]
        uniq_specs = [specificity(u, profile) for u in uniq]
        specs = [uniq_specs[k] for k in slot]

        # generic
        for i, sp in enumerate(specs):
            scores[i]["specificity"] = sp.score
            scores[i]["stock_phrase_density"] = sp.stock_density
            if sp.units < s.generic_below:
                flags[i].append("generic")
                what = "no number, no named person, place or organisation from the article"
                if sp.topic_names:
                    what += f" beyond the headline's {', '.join(sp.topic_names)}"
                what += ", no first-hand detail"
                msg = f"could sit under any article on this subject: {what}"
                if sp.stock:
                    msg += "; stock phrases: " + ", ".join(f"'{p}'" for p in dict.fromkeys(sp.stock))
                reasons[i].append(msg)

        # near-duplicates (whole comments, word 3-shingles)
        nd_dsu, nd_partners = _lsh_groups([shingles(t, 3) for t in low_tokens], s.near_duplicate_jaccard, s)
        nd_groups = [g for g in nd_dsu.groups().values() if len(g) > 1]
        pairs: list[dict[str, Any]] = []
        for group in nd_groups:
            for i in group:
                flags[i].append("near_duplicate")
                shown = nd_partners.get(i) or [(j, 0.0) for j in group if j != i][:1]
                best = max((j for _, j in shown), default=0.0)
                scores[i]["near_duplicate_jaccard"] = best
                others = ", ".join(f"#{comments[j].index} (Jaccard ≈ {jac:.2f})" for j, jac in shown)
                reasons[i].append(f"nearly the same words as comment {others}" if len(group) == 2 else
                                  f"one of {len(group)} near-identical comments, e.g. {others}")
                for j, jac in shown:
                    if i < j and len(pairs) < 200:
                        pairs.append({"a": comments[i].index, "b": comments[j].index, "jaccard": jac})

        # templates (masked sentence skeletons shared between different comments)
        sk_owner: list[int] = []
        sk_text: list[str] = []
        uniq_skeletons = [list(dict.fromkeys(skeleton_sentences(u, profile, s))) for u in uniq]
        for i, k in enumerate(slot):
            for sk in uniq_skeletons[k]:
                sk_owner.append(i)
                sk_text.append(sk)
        tp_dsu, _ = _lsh_groups([shingles(sk.split(), 2) for sk in sk_text], s.template_jaccard, s)
        template_groups: list[dict[str, Any]] = []
        comment_templates: dict[int, list[int]] = defaultdict(list)
        for members in tp_dsu.groups().values():
            owners = sorted({sk_owner[m] for m in members})
            if len(owners) < 2:
                continue
            tid = len(template_groups)
            template_groups.append({"skeleton": sk_text[members[0]], "comments": owners})
            for o in owners:
                comment_templates[o].append(tid)
        for i, tids in comment_templates.items():
            flags[i].append("templated")
            scores[i]["templates_shared"] = float(len(tids))
            for tid in tids[:2]:
                g = template_groups[tid]
                others = [comments[o].index for o in g["comments"][:7] if o != i][:5]
                n_others = len(g["comments"]) - 1
                more = f" and {n_others - 5} more" if n_others > 5 else ""
                reasons[i].append(
                    f"shares the skeleton \"{_show(g['skeleton'])}\" (names and topic words masked) with comment "
                    + ", ".join(f"#{o}" for o in others) + more
                )

        # reads like generated text: a score always, a flag only from a model measured better than chance
        uniq_probs = self.machine.predict_many(uniq, uniq_specs)
        probs = [uniq_probs[k] for k in slot]
        flag_at = self.machine.flag_at if s.machine_written_at is None else s.machine_written_at
        for i, (p, why) in enumerate(probs):
            scores[i]["machine_written"] = round(p, 4)
            if self.machine.show_flag and p >= flag_at:
                flags[i].append("machine_written")
                reasons[i].append(self.machine.describe(p) + (": " + "; ".join(why) if why else ""))

        # coordination: link comments by template, near-duplicate, distinctive shared phrasing, timing
        co = _DSU(n)
        link_kind: dict[int, set[str]] = defaultdict(set)
        for g in nd_groups:
            for i in g[1:]:
                co.union(g[0], i)
            for i in g:
                link_kind[i].add("near-identical text")
        for g in template_groups:
            owners = g["comments"]
            for i in owners[1:]:
                co.union(owners[0], i)
            for i in owners:
                link_kind[i].add("a shared template")
        # distinctive shared phrasing: word 3-grams (not all function words, not from the article)
        # indexed per distinct text; copies of one text are already linked as near-duplicates
        rep_of = {k: i for i, k in reversed(list(enumerate(slot)))}
        postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for k, u in enumerate(uniq):
            toks = u.low_tokens
            grams = {tuple(toks[j : j + 3]) for j in range(len(toks) - 2)}
            for g in grams:
                if not (g[0] in STOPWORDS and g[1] in STOPWORDS and g[2] in STOPWORDS):
                    postings[g].append(rep_of[k])
        shared: Counter[tuple[int, int]] = Counter()
        body_text = " ".join(t.lower() for t in words(article.body))
        for g, members in postings.items():
            if 1 < len(members) <= s.phrase_posting_cap and " ".join(g) not in body_text:
                for a_idx in range(len(members)):
                    for b_idx in range(a_idx + 1, len(members)):
                        pair = (members[a_idx], members[b_idx])
                        shared[pair] += 1
        for (a, b), k in shared.items():
            if k >= s.coordinated_shared_phrases:
                co.union(a, b)
                link_kind[a].add("shared phrasing")
                link_kind[b].add("shared phrasing")
        times = [(_parse_time(c.posted), i) for i, c in enumerate(comments)]
        timed = sorted((t, i) for t, i in times if t is not None)
        for (t1, a), (t2, b) in zip(timed, timed[1:]):
            if t2 - t1 <= s.timing_window_s and "generic" in flags[a] and "generic" in flags[b]:
                co.union(a, b)
                link_kind[a].add("posting time")
                link_kind[b].add("posting time")
        clusters: list[dict[str, Any]] = []
        cluster_of: dict[int, int] = {}
        for members in sorted(co.groups().values(), key=lambda g: (-len(g), g[0])):
            if len(members) < s.coordinated_min_size:
                continue
            cid = len(clusters) + 1
            kinds = sorted(set().union(*(link_kind[i] for i in members)))
            ts = [times[i][0] for i in members if times[i][0] is not None] if timed else []
            window = f"; posted within {int((max(ts) - min(ts)) // 60)} min" if len(ts) >= 2 else ""
            shown = [comments[i].index for i in members]
            clusters.append({"id": cid, "comments": shown[:100], "size": len(members), "links": kinds})
            for i in members:
                flags[i].append("coordinated")
                cluster_of[i] = cid
                scores[i]["cluster_size"] = float(len(members))
                others = [f"#{x}" for x in shown[:9] if x != comments[i].index][:8]
                more = f" and {len(members) - 9} more" if len(members) > 9 else ""
                reasons[i].append(
                    f"cluster {cid}: linked to comment {', '.join(others)}{more} by {', '.join(kinds)}{window}"
                )

        out = [
            c.model_copy(update={"flags": flags[i], "reasons": reasons[i], "scores": scores[i], "cluster": cluster_of.get(i)})
            for i, c in enumerate(comments)
        ]
        summary = _summary(out, clusters, pairs, template_groups)
        return out, summary


def _summary(out: list[Comment], clusters: list[dict], pairs: list[dict], templates: list[dict]) -> dict[str, Any]:
    n = len(out)
    counts = {f: sum(1 for c in out if f in c.flags) for f in ("generic", "templated", "near_duplicate", "machine_written", "coordinated")}
    specific = sum(1 for c in out if "generic" not in c.flags)
    parts = [f"{n} comment{'s' if n != 1 else ''}"]
    if counts["generic"]:
        parts.append(f"{counts['generic']} generic (could sit under any article)")
    if counts["templated"]:
        parts.append(f"{counts['templated']} built on shared templates")
    if counts["near_duplicate"]:
        parts.append(f"{counts['near_duplicate']} near-duplicates")
    if counts["machine_written"]:
        parts.append(f"{counts['machine_written']} that read like generated text (a measured score, not proof of authorship)")
    if clusters:
        parts.append(f"{len(clusters)} coordinated cluster{'s' if len(clusters) != 1 else ''} "
                     f"(largest: {clusters[0]['size']} comments)")
    parts.append(f"{specific} engage with specifics of the article")
    return {
        "count": n,
        "flags": counts,
        "specific": specific,
        "clusters": clusters[:50],
        "templates": [{"skeleton": t["skeleton"], "comments": [out[i].index for i in t["comments"]][:50]} for t in templates[:50]],
        "near_duplicate_pairs": pairs,
        "text": "; ".join(parts) + ".",
    }
