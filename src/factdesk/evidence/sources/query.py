"""Query formulation per source: each service is asked the way it answers best.

- **Wikipedia** searches titles and text: the claims' named entities (most mentioned first), and
  for a claim that names none, its key words.
- **ClaimReview** (Fact Check Tools) matches whole claims: the claim text itself, then four key words
  of it when the sentence found nothing.
- **GDELT** searches news by phrase inside a date window: an entity phrase (plus a key word of the
  claim) and the days around the article's date.

>>> from factdesk.models import Claim
>>> c = Claim(id="c1", text="NASA launched the Artemis I mission in November 2022.", sentence="",
...           span=(0, 0), paragraph=0, checkworthiness=0.9, checked=True,
...           entities=[{"text": "NASA", "label": "ORG"}, {"text": "November 2022", "label": "DATE"}])
>>> [q.text for q in wikipedia_queries([c])]
['NASA']
>>> [q.text for q in gdelt_queries([c], Article(title='t', paragraphs=['p']))]
['NASA launched']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from factdesk.models import Article, Claim

#: entity labels that make poor search terms on their own
NON_TOPICAL = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told according added new one two three
    year years last first week month day today yesterday may might must shall per cent percent
    mr mrs ms dr""".split()
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
_CAPS = re.compile(r"\b(?:[A-Z][\w'’\-]*\.?)(?:\s+(?:of|the|de|van|von|al|bin)?\s*[A-Z][\w'’\-]*)*")


@dataclass
class Query:
    """One question for a service, and the claims it serves."""

    text: str
    claim_ids: list[str] = field(default_factory=list)
    start: datetime | None = None
    end: datetime | None = None


def keywords(text: str, limit: int = 6) -> list[str]:
    """Content words of ``text`` in order, without stopwords or repeats.

    >>> keywords("The judge said that the order was unlawful and the order stands.")
    ['judge', 'order', 'unlawful', 'stands']
    """
    seen: dict[str, None] = {}
    for word in _WORD.findall(text):
        low = word.lower().replace("’", "'")
        if len(low) < 3 or low in STOPWORDS:
            continue
        seen.setdefault(low, None)
        if len(seen) >= limit:
            break
    return list(seen)


def claim_entities(claim: Claim) -> list[str]:
    """The topical named entities of a claim (from the claims stage), else its capitalised phrases."""
    names = [e.get("text", "").strip() for e in claim.entities if e.get("label") not in NON_TOPICAL]
    names = [n for n in names if len(n) >= 2]
    if not names:
        for match in _CAPS.finditer(claim.text):
            phrase = match.group(0).strip().rstrip(".")
            first = match.start() == 0 or claim.text[: match.start()].rstrip().endswith((".", "!", "?", '"', "“"))
            if (" " in phrase or not first) and phrase.lower() not in STOPWORDS and len(phrase) >= 2:
                names.append(phrase)
    out: dict[str, None] = {}
    for n in names:
        out.setdefault(re.sub(r"^(?:the|The)\s+", "", n), None)
    return list(out)


def entity_queries(claims: list[Claim]) -> list[Query]:
    """One query per named entity of the claims, most mentioned first."""
    by_entity: dict[str, Query] = {}
    counts: Counter[str] = Counter()
    for claim in claims:
        for name in claim_entities(claim):
            key = name.lower()
            counts[key] += 1
            query = by_entity.setdefault(key, Query(name))
            if claim.id not in query.claim_ids:
                query.claim_ids.append(claim.id)
    order = {k: i for i, k in enumerate(by_entity)}
    return [by_entity[k] for k in sorted(by_entity, key=lambda k: (-counts[k], order[k]))]


def keyword_queries(claims: list[Claim], words: int = 3) -> list[Query]:
    """Key words of each claim that are not already part of one of its entity names."""
    out = []
    for claim in claims:
        names = " ".join(claim_entities(claim)).lower()
        chosen = [w for w in keywords(claim.text, 10) if w not in names][:words]
        if chosen:
            out.append(Query(" ".join(chosen), [claim.id]))
    return out


def wikipedia_queries(claims: list[Claim], limit: int = 20) -> list[Query]:
    """Entity titles shared by the claims (most mentioned first), then key words of entity-less claims."""
    with_entities = {i for q in entity_queries(claims) for i in q.claim_ids}
    rest = [c for c in claims if c.id not in with_entities]
    return _dedupe(entity_queries(claims) + keyword_queries(rest))[:limit]


def claimreview_query(claim: Claim, max_chars: int = 200) -> Query:
    """The claim text, cut at a word boundary (the first question to Fact Check Tools)."""
    text = claim.text.strip()
    if len(text) > max_chars:
        text = text[:max_chars].rsplit(" ", 1)[0]
    return Query(text, [claim.id])


def claimreview_fallback_query(claim: Claim, terms: int = 4) -> Query | None:
    """Four key words of the claim: asked only when the whole sentence found nothing (a search that
    needs every word rarely matches a reworded fact-check by the sentence; see docs/sources.md).

    >>> from factdesk.models import Claim
    >>> c = Claim(id="c", text="Drinking hot water kills the coronavirus.", sentence="", span=(0, 0),
    ...           paragraph=0, checkworthiness=0.9, checked=True)
    >>> claimreview_fallback_query(c).text
    'drinking hot water kills'
    """
    words = keywords(claim.text, terms)
    if len(words) < 2 or " ".join(words) == claim.text.strip().lower():
        return None
    return Query(" ".join(words), [claim.id])


def article_date(article: Article, claims: list[Claim]) -> datetime | None:
    """The article's publication date, else the latest absolute date in its claims."""
    candidates = [article.published] + [d for c in claims for d in c.dates]
    for value in candidates:
        parsed = parse_date(value)
        if parsed is not None:
            return parsed
    return None


#: GDELT DOC 2.0 searches "a rolling window of the last 3 months" (GDELT DOC 2.0 API debuts); a
#: day short of 3 calendar months keeps every asked start inside it
GDELT_HISTORY = timedelta(days=89)


@dataclass
class Window:
    """The dates a GDELT query covers; ``wanted_start`` is set when the window had to be clipped."""

    start: datetime
    end: datetime
    wanted_start: datetime | None = None
    center: datetime | None = None

    @property
    def empty(self) -> bool:
        return self.end <= self.start


def gdelt_window(claims: list[Claim], article: Article, *, window_days: int = 30,
                 now: datetime | None = None) -> Window:
    """±``window_days`` around the article's date, clipped to GDELT's last 3 months.

    An article older than that gets an empty window (nothing to ask) or a clipped one; the caller
    says so in a warning. "Now" is taken to the hour, so the checks of one hour ask the same
    question (and the second is answered by the cache).
    """
    now = (now or datetime.now(timezone.utc)).replace(minute=0, second=0, microsecond=0)
    center = article_date(article, claims)
    if center is None or center > now:
        start, end = now - timedelta(days=window_days), now
    else:
        start, end = center - timedelta(days=window_days), min(now, center + timedelta(days=window_days))
    earliest = now - GDELT_HISTORY
    if start < earliest:
        return Window(max(start, earliest), end, wanted_start=start, center=center)
    return Window(start, end, center=center)


def gdelt_queries(claims: list[Claim], article: Article, *, window_days: int = 30, limit: int = 10,
                  now: datetime | None = None, window: Window | None = None) -> list[Query]:
    """An entity phrase (plus one key word of a claim naming it) and a date window per query."""
    window = window or gdelt_window(claims, article, window_days=window_days, now=now)
    if window.empty:
        return []
    start, end = window.start, window.end
    by_id = {c.id: c for c in claims}
    queries: list[Query] = []
    for q in entity_queries(claims) or keyword_queries(claims, words=2):
        if len(q.text) < 3:
            continue  # GDELT refuses very short terms
        phrase = f'"{q.text}"' if " " in q.text and q.claim_ids and q.text in claim_entities(by_id[q.claim_ids[0]]) else q.text
        claim = by_id[q.claim_ids[0]] if q.claim_ids else None
        extra = [w for w in keywords(claim.text if claim else "", 10) if w not in q.text.lower()][:1]
        queries.append(Query(" ".join([phrase, *extra]), list(q.claim_ids), start, end))
    return _dedupe(queries)[:limit]


def claim_terms(claims: list[Claim]) -> set[str]:
    """Lower-cased key words and entity names of all claims (for relevance filters)."""
    terms: set[str] = set()
    for claim in claims:
        terms.update(keywords(claim.text, 12))
        terms.update(n.lower() for n in claim_entities(claim))
    return terms


def _dedupe(queries: list[Query]) -> list[Query]:
    out: dict[str, Query] = {}
    for q in queries:
        key = q.text.lower()
        if key in out:
            out[key].claim_ids.extend(i for i in q.claim_ids if i not in out[key].claim_ids)
        else:
            out[key] = q
    return list(out.values())


def parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value[:10]), datetime.min.time())
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
