"""The gate of the claim stage: does a statement assert anything a source could confirm or contradict?

A reader wants every verifiable statement of an article checked, not only the ones a debate-trained
model finds worth checking. A statement is **verifiable** when it asserts an event, a date, a number,
a property, a relation between named things, who said what (a named or identified speaker), or what
was decided, budgeted, approved, planned or scheduled ("will cost 310 million euros", "is due to
open in 2028" are records a source can confirm). It is not, and stays unchecked with its reason, when
it is only

- an ``opinion``: an evaluation ("was the best final the competition has seen", "remains a lifeline
  worth defending"), a superlative of a quality nothing measures ("the greatest sprint anyone has
  ever run"; "the tallest church" is measured), a sweeping comparison of an unmeasured degree ("No
  other shipwreck has gripped the public imagination so completely"), a judgement of what is
  deserved, a personal view, an interpretation ("This latest exchange highlights…"), or the quoted
  words of an unnamed person ("“It was ugly, but it was ours,” one elderly resident said");
- a ``prediction``: a forecast of what cannot be known yet ("is likely to rise", "could take longer",
  "analysts expect…", "is anyone's guess");
- ``rhetorical``: a question;
- an ``exhortation``: what the reader should do ("Readers should…", "Book a table well in advance");
- ``no_content``: nothing to check ("Here is what we know.", "This story will be updated.").

:func:`judge` decides from the parse with rules that say why (each rule is measured on the claims
evaluation articles, see ``factdesk eval claims``); the stage then lets the verifiability model
(:mod:`factdesk.claims.verifiability_model`) veto what the rules let through, when it is confident.

>>> judge(nlp("The line is due to open in 2028."))
Verifiability(verifiable=True, reason=None, why=None)
>>> judge(nlp("Prices are likely to rise."))
Verifiability(verifiable=False, reason='prediction', why="a forecast ('likely'): it cannot be checked yet")
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factdesk.claims.types import EVALUATIVE, EVIDENCE_NOUNS, INTERPRETIVE_VERBS, NUMBER_ENTS, OPINION_VERBS, SIGNIFICANCE_VERBS, STANCE

REASONS = ("opinion", "prediction", "rhetorical", "exhortation", "no_content")
#: the claim type an unchecked statement is reported with
REASON_TYPES = {"opinion": "opinion", "prediction": "prediction", "rhetorical": "rhetorical",
                "exhortation": "opinion", "no_content": None}


@dataclass(frozen=True)
class Verifiability:
    verifiable: bool
    #: opinion | prediction | rhetorical | exhortation | no_content (None when verifiable)
    reason: str | None = None
    #: the reason in words, for the report
    why: str | None = None
    #: the reason holds for every part of the sentence (a question, an instruction, an unnamed
    #: person's quote), not only for its main clause
    whole: bool = False


VERIFIABLE = Verifiability(True)


def _not(reason: str, why: str, *, whole: bool = False) -> Verifiability:
    return Verifiability(False, reason, why, whole or reason in ("rhetorical", "exhortation", "no_content"))


#: statements with nothing to check: signposts and housekeeping
NO_CONTENT = re.compile(
    r"^\W*(here\s+(is|are|'s|’s)\b|this (story|article|report|page) (will be|is being|has been) updated|"
    r"the story (continues|is developing)|more (details|information) (to follow|will follow)|"
    r"(watch|read|listen|see)\s+(more|below|here)\b|stay tuned)"
    r"|\b(has|have) raised (wider|broader|many|serious|new)? ?questions\.?$",
    re.I,
)
#: a forecast: the statement's truth is not known yet
HEDGES = re.compile(
    r"\b(likely|unlikely|probably|possibly|perhaps|presumably|almost certainly|in all likelihood|"
    r"(is|are|was|were) expected to|(is|are) forecast to|(is|are) projected to|(is|are) poised to|"
    r"set to (rise|fall|grow|increase|decrease|climb|drop|continue|soar|slump)|could well|may well|"
    r"on the way(?! (to|back|home|out|in|from|up|down)\b)|"
    r"(looks?|seems?) (certain|sure|bound|set) to|(is|are) (certain|sure|bound) to|(only )?a matter of time|sooner or later|"
    r"will (have a (hard|tough|difficult) time|struggle to|find it (hard|difficult|tough))|"
    r"will never (again )?be|(will|'ll) (always|forever) be|surely|on (this|that|current|recent|present) form)\b",
    re.I,
)
#: judgements no record settles: "No trip to San Francisco is complete without …", "Paris would not be Paris
#: without …", "have waited far too long"
_JUDGED = re.compile(r"\bno \w+(?: \w+){0,4} is complete without\b|\bwould (?:simply )?not be (\w+) without\b"
                     r"|\b(?:far|much|way|simply) too (?:long|much|many|little|few|late|slow|slowly|high|low|often)\b",
                     re.I)
#: the hedges a published forecast is told with ("is expected to", "is forecast to"): with a figure or a
#: date, what the forecast says can be checked against whoever published it
_FORECAST_PHRASE = re.compile(r"(is|are|was|were) (expected|forecast|projected) to", re.I)
_NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million billion half""".split())


def _specific_forecast(doc) -> bool:
    """A figure or a dated time in the sentence ("about 1,100 jobs", "seven months", "on 1 April"); not a
    decade ("in the mid-2030s")."""
    for e in doc.ents:
        if e.label_ in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
            return True
        if e.label_ == "DATE" and not re.search(r"\d0s\b", e.text) and (
                re.search(r"\d", e.text) or {w.lower_ for w in e} & _NUMBER_WORDS):
            return True
    return False


#: "Nothing … has matched its drama", "No other building carries so much of the city's memory": a
#: comparison with everything else on a quality nobody measures
UNRIVALLED_VERBS = frozenset({"match", "rival", "equal", "compare", "surpass", "beat", "outshine", "eclipse", "top"})
#: the size of a future effect is a forecast ("will be severely disrupted")
IMPACT = re.compile(r"\b(severely|badly|heavily|significantly|sharply|dramatically|seriously|hugely|massively|greatly)\b", re.I)
FORECAST_VERBS = frozenset({"expect", "predict", "forecast", "anticipate", "foresee"})
POSSIBILITY_MODALS = frozenset({"could", "may", "might"})
PRESCRIPTIVE_MODALS = frozenset({"should", "ought"})
#: subjects that address the public: "Readers should…", "Anyone who… should…", "Visitors must…"
GENERIC_PEOPLE = frozenset(
    """reader readers visitor visitors anyone anybody everyone everybody parent parents resident residents
    citizen citizens traveller travellers traveler travelers passenger passengers commuter commuters
    supporter supporters fan fans student students lover lovers people driver drivers motorist motorists
    politicians
    customer customers consumer consumers voter voters swimmer swimmers user users owner owners you we
    viewers listeners audiences tourists tourist cyclists pedestrians patients families city cities
    town towns country countries council councils government governments""".split()
)
#: judgements of quality: "the best final", "a perfect day", "madness"
EVALUATIVE_WORDS = EVALUATIVE | frozenset(
    """best worst finest greatest perfect beautiful ugly lovely stunning superb magnificent splendid
    dreadful horrible disastrous confident generous delicious mediocre bland tasty charming dull boring
    exciting thrilling memorable unforgettable spotless flawless impossible hard easy worth worthy
    madness scandal chaos disgrace triumph masterpiece tragedy catastrophe eternity nonsense shame
    handsome elegant graceful gorgeous glorious wonderful marvellous marvelous astonishing astounding amazing
    extraordinary remarkable breathtaking spectacular sublime exquisite majestic iconic fitting
    lifeline gem jewel treasure delight joy marvel wonder triumphant inspiring moving touching heartwarming
    pleasant grim bleak dismal""".split()
)
#: the dimensions a superlative or a comparison can be measured on ("the tallest church", "the most
#: visited museum", "taller than"); a superlative of anything else is a judgement ("the greatest
#: sprint", "the most astonishing machine", "one of the calmest journeys")
MEASURABLE_DEGREES = frozenset(
    """large big small old young new high low long short tall deep fast slow busy heavy light early late
    rich poor wealthy hot cold warm cool wet dry wide narrow cheap expensive costly deadly strong weak close
    near far loud bright dark thick thin steep dense populous visited watched viewed read played decorated
    successful capped common frequent powerful valuable profitable popular prolific recent used spoken cited
    followed downloaded streamed senior junior remote distant endangered polluted crowded congested
    northerly southerly easterly westerly many much few little numerous famous known
    well-known best-known""".split()
)
#: what a superlative such as "greatest" measures when it is a quantity ("the greatest number", "depth")
MEASURE_NOUNS = frozenset(
    """number amount share total depth height length distance margin increase rise fall drop decline loss
    gain growth rate speed temperature population majority turnout score attendance crowd audience sales
    revenue profit output production capacity""".split()
)
#: verbs of copular predication: "remains a lifeline", "became the first", "proved costly"
COPULAR = frozenset({"be", "remain", "stay", "become", "prove", "look", "sound", "seem", "appear", "feel"})
#: collective subjects personified as a mind ("the country is still arguing about…"): commentary
COLLECTIVES = frozenset({"country", "nation", "world", "public", "city", "town", "society", "continent", "region"})
MIND_VERBS = frozenset({"argue", "debate", "wonder", "grapple", "struggle", "puzzle", "agonise", "agonize", "dream",
                        "soul-search", "brood"})
#: a question nobody can answer yet: "is anyone's guess", "only time will tell"
OPEN_QUESTION = re.compile(r"\b(anyone\s*'?s guess|anybody\s*'?s guess|only time will tell|time will tell|"
                           r"(is|remains) an open question|(is|remains) unclear whether|nobody knows whether|"
                           r"no one knows whether)\b", re.I)
FACTUAL_SUPERLATIVES = frozenset({"largest", "biggest", "smallest", "oldest", "youngest", "newest", "highest",
                                  "lowest", "longest", "shortest", "tallest", "deepest", "first", "last",
                                  "fastest", "slowest", "busiest", "heaviest", "earliest", "latest", "most", "least"})
STANCE_PHRASES = re.compile(
    r"\b(by any measure|in every sense|hard to (think|imagine|believe|say|argue|overstate)|far from (spotless|perfect|clear|over|certain)|"
    r"(really|truly) (shines?|excels?|stands? out)|puts? a foot wrong|it is (hard|easy|difficult|impossible) to|"
    r"for (their|its|his|her) part, .* seem|quite simply|simply put|to put it simply|let'?s face it|"
    r"if ever there was)",
    re.I,
)
_UNNAMED = re.compile(r"^\W*(one|a|an|another|some|many|several|few|most|two|three|other|local)\b", re.I)
_ROLE_WORDS = frozenset({"the", "its", "his", "her", "their", "our", "my", "mr", "mrs", "ms", "dr", "dr."})
_INSTITUTION_SOURCE = re.compile(
    r"\b(from|at|of|for|with|by)\s+(the\s+)?(?:[A-Z][\w'’.-]*\s+)*(University|Institute|College|Agency|Ministry|"
    r"Council|Observatory|Laboratory|Centre|Center|Academy|Society|Survey|Commission|Office|Bank|Foundation|Museum|"
    r"Hospital|School|Department|Authority)\b")


def named_speaker(speaker: str | None, entities: list[dict[str, str]] | None = None, *, known: bool = False) -> bool:
    """Whether a speaker is named or identified ("Councillor Lukas Brändli", "the Progress Party",
    "Its director, Luc Vandersmissen") rather than anonymous ("one tourist from Lyon", "critics").
    ``known``: the article names the speaker (the mention table found them).

    >>> named_speaker("one tourist from Lyon"), named_speaker("The cellist Pedro Lourenço")
    (False, True)
    """
    if not speaker:
        return False
    if _UNNAMED.match(speaker):
        # "a team from the University of Padua", "researchers at the Met Office": identified by their
        # institution (unlike "one tourist from Lyon")
        return bool(_INSTITUTION_SOURCE.search(speaker))
    if known or speaker.lower() in ("he", "she", "they", "we", "i"):  # a pronoun points at someone the article named
        return True
    for e in entities or []:
        if e.get("label") in ("PERSON", "ORG") and e.get("text") and e["text"] in speaker:
            return True
    words = re.findall(r"[^\W\d_][\w'’.-]*", speaker)
    return any(w[:1].isupper() for w in words[1:])


def _root(doc):
    for t in doc:
        if t.dep_ == "ROOT":
            return t
    return None


def _subject(verb):
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj"):
            return c
    return None


def _named(tok) -> bool:
    return any(w.pos_ == "PROPN" or w.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for w in tok.subtree)


def judge(doc, *, speech: str | None = None, speaker_named: bool = False,
          quote_mask: list[bool] | None = None) -> Verifiability:
    """Whether one sentence (or one atom of it) is verifiable, and if not, why.

    ``speech`` (direct | indirect | report | None) and ``speaker_named`` come from the
    decontextualisation of the sentence: what a named or identified speaker said is a verifiable
    record whatever it says; the quoted words of an unnamed person are an opinion; what an unnamed
    source reported is judged by its content.
    """
    text = doc.text.strip()
    if not text or not any(t.is_alpha for t in doc):
        return _not("no_content", "nothing to check")
    if not any(t.pos_ in ("VERB", "AUX") for t in doc) and sum(t.is_alpha for t in doc) <= 3:
        return _not("no_content", "a fragment with nothing to check")
    mask = quote_mask or [False] * len(doc)
    if NO_CONTENT.search(text):
        return _not("no_content", "a signpost or housekeeping sentence: nothing to check")
    if speech in ("direct", "indirect") and speaker_named:
        return VERIFIABLE
    if speech == "direct":
        return _not("opinion", "the quoted words of an unnamed person: a view, not a checkable record", whole=True)
    if text.rstrip("”\"’' ").endswith("?"):
        return _not("rhetorical", "a question, not an assertion")
    root = _root(doc)
    if root is None:
        return VERIFIABLE
    if speech in ("indirect", "report"):
        content = [c for c in root.children if c.dep_ in ("ccomp", "xcomp")]
        if content and root.lemma_.lower() in ("argue", "believe", "think", "feel", "claim", "insist", "contend"):
            return _not("opinion", f"an unnamed source's view ('{root.text}'), not a checkable record", whole=True)
        if content:
            return _clause(doc, content[0], mask, reported=True)
        return VERIFIABLE
    return _clause(doc, root, mask)


def _clause(doc, root, mask: list[bool], *, reported: bool = False) -> Verifiability:
    outside = " ".join(t.text for t in doc if not mask[t.i]).replace("’", "'")
    subj = _subject(root)
    lemma = root.lemma_.lower()
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in aux}
    subj_words = {w.lower_ for w in subj.subtree} if subj is not None else set()
    generic = bool(subj_words & GENERIC_PEOPLE) and (subj is None or not _named(subj))
    numeric = any(e.label_ in NUMBER_ENTS for e in doc.ents)

    # what the reader should do
    first = next((t for t in doc if not t.is_punct), None)
    # a coordinated verb shares its head's subject and auxiliary ("Vantrel will invest … and receive …")
    root_finite = _subject(root) is not None or any(c.dep_ in ("aux", "auxpass") for c in root.children)
    imperative = [v for v in [root] + [c for c in root.children if c.dep_ == "conj"]
                  if v.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in v.children)
                  and (_subject(v) is None or (v.i > 0 and doc[v.i - 1].text == ","))
                  and (v is root or not root_finite or (v.i > 0 and doc[v.i - 1].text == ","))]
    # ("If you have not been in the water for a while, dig out your costume": the instruction after its condition)
    conditioned = bool(imperative) and imperative[0] is root and any(
        c.dep_ == "advcl" and c.i < root.i and any(m.lower_ in ("if", "when", "whether") for m in c.children)
        and doc[c.right_edge.i + 1].text == "," for c in root.children if c.right_edge.i + 1 < len(doc))
    if not reported and imperative and first is not None and (
            conditioned or first.i == imperative[0].i or first.i == root.i or (
                first.dep_ in ("npadvmod", "nsubj", "dep", "intj", "advmod") and first.i < imperative[0].i)):
        return _not("exhortation", f"an instruction to the reader ('{imperative[0].text}'), not a statement")
    if not reported and first is not None and first.lower_ in ("if", "unless", "when"):
        # "If you have not been since the fences went up, take a picnic …" (its condition parsed as the main
        # clause): a bare verb after the comma that closes a condition on "you" is an instruction
        told = next((t for t in doc if t.tag_ == "VB" and t.i > 1 and doc[t.i - 1].text == ","
                     and not any(c.dep_ in ("nsubj", "aux", "auxpass") for c in t.children)), None)
        if told is not None and any(w.lower_ == "you" for w in doc[:told.i]):
            return _not("exhortation", f"an instruction to the reader ('{told.text}'), not a statement")
    if first is not None and first.lower_ == "let" and first.i + 1 < len(doc) and doc[first.i + 1].lower_ in ("us", "'s", "’s"):
        return _not("exhortation", "an exhortation ('let us'), not a statement")
    if aux_words & PRESCRIPTIVE_MODALS or ("must" in aux_words and generic):
        word = next(a.text for a in aux if a.lower_ in PRESCRIPTIVE_MODALS | {"must"})
        if generic or subj is None:
            return _not("exhortation", f"tells people what to do ('{word}'), asserts nothing checkable")
        return _not("opinion", f"a prescription ('{word}'), not a verifiable fact")

    judged = _JUDGED.search(outside)
    if judged and not (numeric and " too " in f" {judged.group(0).lower()} "):  # ("six deaths, a figure … far too low")
        return _not("opinion", f"a judgement ('{judged.group(0).strip()}'), not a checkable fact")
    if subj is not None and subj.lower_ in ("one", "nobody") and (subj.lower_ == "nobody" or any(
            c.lower_ == "no" for c in subj.children)) and aux_words & {"can", "could", "will", "would"} \
            and lemma in {"forget", "ignore", "deny", "resist", "doubt", "imagine", "miss", "fail", "help"}:
        return _not("opinion", "a claim about what no one can do: a judgement, not a record")

    # forecasts
    hedge = HEDGES.search(outside)
    published = _specific_forecast(doc)  # "is expected to create about 1,100 jobs": a forecast one can look up
    if hedge and not (published and _FORECAST_PHRASE.fullmatch(hedge.group(0))):
        return _not("prediction", f"a forecast ('{hedge.group(0)}'): it cannot be checked yet")
    modal = aux_words & POSSIBILITY_MODALS
    if modal and not (root.tag_ == "VBN" and "have" in aux_words):
        word = next(iter(modal))
        return _not("prediction", f"a possibility ('{word}'), not an assertion of fact")
    if lemma in FORECAST_VERBS and subj is not None and not _named(subj) and root.tag_ != "VBD" and "had" not in aux_words \
            and not published:
        return _not("prediction", f"an expectation ('{root.text}'): it cannot be checked yet")
    if aux_words & {"will", "shall", "'ll", "wo"} and (IMPACT.search(outside) or root.lemma_ == "be" and any(
            w.lower_ == "enough" for c in root.children if c.dep_ in ("acomp", "attr") for w in c.subtree)):
        return _not("prediction", "a forecast of an effect: it cannot be checked yet")
    if any(t.lower_ == "few" and not mask[t.i] and (t.i == 0 or doc[t.i - 1].lower_ not in ("a", "the", "last", "next", "first"))
           for t in doc):
        return _not("opinion", "a vague generalisation ('few …'), not a checkable fact")
    question = OPEN_QUESTION.search(outside)
    if question:
        return _not("prediction", f"an open question ('{question.group(0)}'): nobody can check it yet")

    # judgements of what is deserved, of degree and of quality
    if lemma == "deserve" and not reported:
        if _generic_subject(subj):
            return _not("exhortation", f"what everyone deserves ('{root.text}'): a call, not a statement")
        return _not("opinion", f"a judgement of what is deserved ('{root.text}'), not a verifiable fact")
    if subj is not None and not numeric and (subj.lower_ in ("nothing", "nobody", "none") or any(
            c.dep_ == "det" and c.lower_ == "no" for c in subj.children)) and (
            lemma in UNRIVALLED_VERBS or re.search(r"\b(so|as) much\b", outside, re.I)):
        return _not("opinion", f"a comparison with everything else on an unmeasured quality ('{subj.text} … {root.text}')")
    degree = _unmeasured_degree(doc, root, subj, mask)
    if degree:
        return _not("opinion", f"a comparison with nothing measurable ('{degree}'), not a verifiable fact")
    if lemma in MIND_VERBS and subj is not None and (subj.lemma_.lower() in COLLECTIVES or subj.ent_type_ == "GPE"):
        return _not("opinion", f"commentary: a {subj.text} '{root.text}' as if it were one mind; nothing a source could confirm")

    # opinions
    demonstrative = subj is not None and any(w.lower_ in ("this", "that", "these", "those", "such")
                                             for w in subj.subtree if w.i <= subj.i)
    interpretive = lemma in INTERPRETIVE_VERBS and subj is not None and not subj_words & EVIDENCE_NOUNS
    if (lemma in SIGNIFICANCE_VERBS and demonstrative or interpretive) and not numeric:
        return _not("opinion", "interpretive commentary: says what something means, not what happened")
    if lemma in OPINION_VERBS and subj is not None and subj.lower_ in ("i", "we"):
        return _not("opinion", "a personal view (first person belief)")
    stance = STANCE.search(outside) or STANCE_PHRASES.search(outside)
    if stance or lemma in ("seem", "appear"):
        word = stance.group(0) if stance else root.text
        return _not("opinion", f"an impression or stance ('{word}'), not an assertion of fact")
    evaluation = _evaluation(doc, root, mask)
    if evaluation and not numeric:
        return _not("opinion", f"an evaluation ('{evaluation}'), not a verifiable fact")
    if _generic_subject(subj) and not numeric:
        # "Travellers who have never taken it are missing one of the calmest journeys in Europe"
        word = _judgement_in([w for c in root.rights if c.dep_ in ("dobj", "attr", "acomp", "oprd", "prep")
                              for w in c.subtree], doc, mask)
        if word:
            return _not("opinion", f"a judgement addressed to the reader ('{word}'), not a verifiable fact")
    return VERIFIABLE


def _generic_subject(subj) -> bool:
    """People in general, not people the article names: "Every town", "Travellers who…", "Anyone"."""
    if subj is None:
        return False
    dets = {c.lower_ for c in subj.children if c.dep_ == "det"}
    if dets & {"every", "any", "all", "each"}:
        return True
    if subj.tag_ == "NNS" and not dets and any(c.dep_ == "relcl" and any(w.lower_ == "who" for w in c.children)
                                                for c in subj.children):
        return True  # "Walkers who skip the old town…": whoever does so
    if subj.lower_ in GENERIC_PEOPLE and subj.pos_ in ("NOUN", "PRON") and not dets - {"all"}:
        return not any(w.ent_type_ in ("PERSON", "ORG", "NORP") for w in subj.subtree if w.i < subj.i)
    return False


def _superlative(w, doc) -> str | None:
    """A superlative of a quality nothing measures ("greatest", "most astonishing", "calmest"), if ``w`` is one."""
    if w.tag_ == "JJS" or (w.tag_ == "RBS" and w.lower_ in ("best", "worst")):
        base = w.lemma_.lower()
        if w.lower_ in FACTUAL_SUPERLATIVES or base in MEASURABLE_DEGREES or w.lower_ in ("most", "least"):
            return None
        if w.i + 1 < len(doc) and doc[w.i + 1].text == "-":
            return None  # "best-selling", "highest-paid": measured
        if w.head.lemma_.lower() in MEASURE_NOUNS:
            return None  # "the greatest number of…"
        return w.text
    if w.lower_ in ("most", "least") and w.tag_ == "RBS" and w.head.pos_ in ("ADJ", "ADV") and w.head.i > w.i:
        adj = w.head
        if adj.lemma_.lower() in MEASURABLE_DEGREES or adj.lower_.rstrip("ly") in MEASURABLE_DEGREES or adj.tag_ == "VBN":
            return None  # "the most visited", "most populous", "the most widely used"
        return f"{w.text} {adj.text}"
    return None


def _judgement_in(words, doc, mask: list[bool]) -> str | None:
    """An evaluative word or an unmeasured superlative among ``words`` (outside quotation marks)."""
    for w in words:
        if mask[w.i]:
            continue
        sup = _superlative(w, doc)
        if sup:
            return sup
        if w.lower_ in EVALUATIVE_WORDS and w.pos_ in ("ADJ", "NOUN") and not (w.i + 1 < len(doc) and doc[w.i + 1].text == "-"):
            return w.text
    return None


#: degree words of a comparison ("so completely", "as fine as", "more fitting", "quite like")
_DEGREE = frozenset({"so", "as", "more", "less", "quite", "better", "worse"})


def _unmeasured_degree(doc, root, subj, mask: list[bool]) -> str | None:
    """A sweeping negative comparison of an unmeasured quality: "No other shipwreck has gripped the
    public imagination so completely", "No final … has ended in a more fitting way", "No image …
    captures hope quite like …". With a measurable degree ("No building is taller") it is a fact."""
    if subj is None:
        return None
    negative = subj.lower_ in ("nothing", "nobody", "none", "no-one") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subj.children)
    if not negative:
        return None
    for w in doc[subj.i + 1:]:
        if mask[w.i]:
            continue
        if w.lower_ == "quite" and w.head.lower_ == "like":
            return "quite like"
        if w.lower_ in ("so", "as", "quite", "more", "less") and w.head.pos_ in ("ADJ", "ADV") and w.head.i > w.i:
            target = w.head
        elif w.tag_ in ("JJR", "RBR") and w.lower_ not in ("more", "less"):
            target = w
        else:
            continue  # "more goals", "less rain": a quantity
        if target.lemma_.lower() in MEASURABLE_DEGREES or target.lower_ in MEASURABLE_DEGREES:
            continue
        return doc[w.i:target.i + 1].text
    return None


def _evaluation(doc, root, mask: list[bool]) -> str | None:
    """The evaluative word a copular or descriptive main clause rests on ("was the best final",
    "is confident and generous", "is madness"), if the clause asserts nothing else."""
    if root.lemma_.lower() not in COPULAR:
        adverbs = [c for c in root.children if c.dep_ == "advmod" and c.lower_ in ("rarely", "really", "truly")]
        return adverbs[0].text if adverbs and any(c.dep_ in ("dobj", "attr") for c in root.children) and not any(
            e.label_ not in ("ORDINAL",) for e in doc.ents) else None
    preds = [c for c in root.children if c.dep_ in ("acomp", "attr", "oprd")]
    if not preds and root.lemma_ == "be":  # "It is the most astonishing machine humanity has ever built",
        # misparsed (the predicate read as a clause): only its superlative tells
        words = [w for c in root.rights if c.dep_ in ("ccomp", "xcomp", "dobj") for w in c.subtree if not mask[w.i]]
        return next((sup for w in words if (sup := _superlative(w, doc))), None) if not any(
            e.label_ in ("DATE", "TIME") for e in doc.ents) else None
    if not preds:
        return None
    words = [w for p in preds for w in p.subtree if not mask[w.i]]
    unmeasured = [w for w in words if _superlative(w, doc) and not (w.i + 1 < len(doc) and doc[w.i + 1].text == "-")]
    if any(w.ent_type_ and w.ent_type_ not in ("ORDINAL", "DATE", "TIME") for w in words) and not unmeasured:
        # "the best-placed club in Serie A": a fact about named things; but a quality nothing measures
        # stays a judgement wherever it is placed ("the most beautiful structure in the American West")
        return None
    if any(w.lower_ in FACTUAL_SUPERLATIVES and _superlative(w, doc) is None and w.lower_ not in ("most", "least")
           for w in words):
        return None  # "the tallest church", "the first woman": measured
    dated = any(e.label_ in ("DATE", "TIME") for e in doc.ents) or "record" in doc.text.lower()
    for w in words:
        sup = _superlative(w, doc)
        if sup and not dated:  # "the best finish since 1998", "the hottest day on record": a record
            return sup
        if w.lower_ in EVALUATIVE_WORDS and w.pos_ in ("ADJ", "NOUN", "ADV") and not (
                w.i + 1 < len(doc) and doc[w.i + 1].text == "-"):  # "best-selling" measures sales
            return w.text
    return None
