"""Claim types, read from the parse of the sentence (rules that say why, not a black box).

Order matters: a question is rhetorical before anything else; commentary and forecasts are not
checked; speech comes next (a quote with a number is still a quote: check who said it first);
then number, comparison, causal, date, event, and plain factual.

>>> classify(nlp("Unemployment fell to 3.9 percent in May."), speech=None)
('number', None)
>>> classify(nlp("This latest exchange highlights the complex intersection of policy."), speech=None)
('opinion', 'interpretive commentary: the sentence says what something means or shows, not what happened')
"""

from __future__ import annotations

import re

from factdesk.claims.decontext import is_future

NUMBER_ENTS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
DATE_ENTS = frozenset({"DATE", "TIME"})
CAUSAL = re.compile(
    r"\b(because|due to|as a result|resulted in|results in|led to|leads to|caused|causes|thanks to|"
    r"owing to|driven by|blamed (?:on|for)|responsible for|contributed to|so that|therefore|reduced|"
    r"increased|boosted|triggered|sparked)\b",
    re.I,
)
COMPARATIVE_TAGS = frozenset({"JJR", "RBR", "JJS", "RBS"})
SIGNIFICANCE_VERBS = frozenset(
    """highlight underscore illustrate show demonstrate reflect signal reveal underline epitomize
    symbolize represent exemplify mark raise""".split()
)
EVALUATIVE = frozenset(
    """provocative diplomatic complex remarkable troubling shameful disgraceful outrageous shocking
    brilliant terrible awful wonderful excellent great bad good unacceptable ridiculous absurd
    important crucial essential disturbing alarming worrying concerning impressive disappointing
    controversial bold reckless dangerous unfair fair wrong right questionable laudable admirable
    pointless meaningless encouraging heartbreaking tragic""".split()
)
#: verbs that interpret rather than report, whatever the subject ("The dispute reflects a deeper crisis")
INTERPRETIVE_VERBS = frozenset({"highlight", "underscore", "illustrate", "reflect", "epitomize", "epitomise", "symbolize",
                                "symbolise", "underline", "exemplify", "signal"})
#: subjects that report evidence: "The study highlights…" may still be checkable
EVIDENCE_NOUNS = frozenset({"study", "report", "data", "survey", "research", "poll", "analysis", "figures", "statistics", "census"})
#: stance markers: the writer gives an impression, not a fact
STANCE = re.compile(r"\b(it remains to be seen|remains to be seen|it will be interesting|i'm curious|i am curious|"
                    r"it's important to|it is important to|arguably|certainly|undoubtedly|clearly|obviously|"
                    r"in my view|in my opinion|i think|i believe|i hope|i feel)\b", re.I)
OPINION_VERBS = frozenset({"think", "believe", "feel", "hope", "wish", "guess", "suppose", "reckon"})
HEDGED_MODALS = frozenset({"might", "could", "may", "should", "must", "ought"})
PAST_TAGS = frozenset({"VBD", "VBN"})


def classify(doc, *, speech: str | None, quote_mask: list[bool] | None = None) -> tuple[str, str | None]:
    """(type, reason-if-unchecked) for one sentence's parse. ``speech`` is direct|indirect|report|None."""
    return modality(doc, speech=speech, quote_mask=quote_mask) or (content_type(doc, speech=speech, quote_mask=quote_mask), None)


def modality(doc, *, speech: str | None, quote_mask: list[bool] | None = None) -> tuple[str, str] | None:
    """``(opinion | prediction | rhetorical, reason)`` when the sentence does not assert a fact, else None."""
    text = doc.text.strip()
    mask = quote_mask or [False] * len(doc)
    outside = [t for t in doc if not mask[t.i]]
    outside_text = " ".join(t.text for t in outside)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    root = roots[0] if roots else None

    if speech is None and text.endswith("?"):
        return "rhetorical", "a question, not an assertion"
    if speech is None and root is not None:
        subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        demonstrative = bool(subj) and any(w.lower_ in ("this", "that", "these", "those", "such") for w in subj[0].subtree if w.i <= subj[0].i)
        numeric = any(e.label_ in NUMBER_ENTS for e in doc.ents)
        subj_words = {w.lower_ for w in subj[0].subtree} if subj else set()
        interpretive = root.lemma_.lower() in INTERPRETIVE_VERBS and bool(subj) and not subj_words & EVIDENCE_NOUNS
        if (root.lemma_.lower() in SIGNIFICANCE_VERBS and demonstrative or interpretive) and not numeric:
            return "opinion", "interpretive commentary: the sentence says what something means or shows, not what happened"
        if root.lemma_.lower() in OPINION_VERBS and subj and subj[0].lower_ in ("i", "we"):
            return "opinion", "a personal view (first person belief)"
        hedge = STANCE.search(outside_text.replace("’", "'"))
        if hedge or root.lemma_.lower() in ("seem", "appear"):
            word = hedge.group(0) if hedge else root.text
            return "opinion", f"a hedged impression or stance ('{word}'), not an assertion of fact"
        acomps = [c for c in root.children if c.dep_ in ("acomp", "attr")]
        if root.lemma_ == "be" and acomps:
            words = {w.lower_ for a in acomps for w in a.subtree if w.pos_ == "ADJ"}
            if words and words <= EVALUATIVE | {"both", "very", "quite", "deeply", "highly"} and not any(e.label_ in NUMBER_ENTS for e in doc.ents):
                return "opinion", "an evaluation (" + ", ".join(sorted(words & EVALUATIVE)) + "), not a verifiable fact"
        modal = [c for c in root.children if c.dep_ == "aux" and c.lower_ in HEDGED_MODALS]
        if modal and modal[0].lower_ in ("should", "must", "ought"):
            return "opinion", f"a prescription ('{modal[0].text}'), not a verifiable fact"
        if is_future(doc):
            return "prediction", "about the future: it cannot be checked yet"
        if modal:
            return "prediction", f"a possibility ('{modal[0].text}'), not an assertion of fact"
    return None


def content_type(doc, *, speech: str | None, quote_mask: list[bool] | None = None) -> str:
    """What a checked claim asserts: quote, attribution, number, comparison, causal, date, event, factual."""
    mask = quote_mask or [False] * len(doc)
    outside = [t for t in doc if not mask[t.i]]
    outside_text = " ".join(t.text for t in outside)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    root = roots[0] if roots else None
    if speech == "direct" or (speech == "indirect"):
        return "quote"
    if speech == "report":
        return "attribution"
    labels = {e.label_ for e in doc.ents}
    if labels & NUMBER_ENTS or any(t.like_num and not mask[t.i] and t.ent_type_ not in DATE_ENTS for t in doc):
        return "number"
    if any(t.tag_ in COMPARATIVE_TAGS for t in outside) and (" than " in f" {outside_text} " or any(t.tag_ in ("JJS", "RBS") for t in outside) or " most " in f" {outside_text.lower()} "):
        return "comparison"
    if CAUSAL.search(outside_text):
        return "causal"
    if labels & DATE_ENTS:
        return "date"
    if root is not None and root.tag_ in PAST_TAGS | {"VBZ", "VBP"} and root.lemma_ != "be" and any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
        if root.tag_ in PAST_TAGS or any(c.dep_ == "aux" and c.lemma_ == "have" for c in root.children):
            return "event"
    return "factual"
