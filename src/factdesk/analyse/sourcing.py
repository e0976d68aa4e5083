"""Sourcing: who is quoted, in what role, how much, directly or not; vague and missing attributions.

Built on the spaCy parse: a speech verb (say, write, argue, …) with a subject names the speaker;
quotation marks make a quote direct, a clausal complement without them makes it indirect; a
pronoun subject is resolved to the last person named before it. Subjects such as "analysts",
"critics" or "some" with no name are vague attributions.

>>> from factdesk.claims.nlp import load_nlp
>>> from factdesk.models import Article
>>> art = Article(title="t", paragraphs=['Mayor Dana Whitfield said the plan "will create four thousand new jobs." Critics argue it costs too much.'])
>>> s = analyse_sourcing(art, [], load_nlp())
>>> s.voices[0].speaker, s.voices[0].role, s.voices[0].direct_quotes
('Dana Whitfield', 'Mayor', 1)
>>> s.vague[0]["phrase"]
'Critics argue'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from factdesk.models import Article, Claim, QuotedVoice

SPEECH_LEMMAS = frozenset(
    """say write add tell argue claim suggest affirm insist contend state note warn describe explain announce
    report allege assert believe acknowledge admit deny confirm estimate predict testify tweet post respond
    reply declare maintain caution stress emphasise emphasize recall complain concede""".split()
)
ING_FORMS = frozenset({w + "ing" for w in SPEECH_LEMMAS} | {w[:-1] + "ing" for w in SPEECH_LEMMAS if w.endswith("e")})
VAGUE_HEADS = frozenset(
    """analyst analysts critic critics expert experts observer observers official officials source sources some many
    people others insider insiders commentator commentators report reports study studies scientist scientists
    researcher researchers activist activists supporter supporters opponent opponents resident residents
    organization organizations organisation organisations group groups voice voices lawmaker lawmakers
    economist economists person anyone everyone someone""".split()
)
PRONOUNS = {"he": "PERSON", "she": "PERSON", "they": None, "it": "ORG"}
QUOTE_RE = re.compile(r"[“\"]([^”\"]{3,}?)[”\"]")
PASSIVE_VAGUE_RE = re.compile(
    r"\b(?:it (?:is|was|has been) (?:said|believed|reported|claimed|thought|alleged|widely (?:said|believed|reported))"
    r"|according to (?:some |many |several )?(?:sources|reports|experts|analysts|critics|officials|observers|insiders)"
    r"|some (?:say|said|argue|believe|claim)|many (?:say|believe|argue)|(?:is|are|was|were) (?:widely )?(?:seen|viewed|regarded) as)\b",
    re.IGNORECASE,
)
ROLE_GLUE = frozenset({"of", "former", "vice", "u.s.", "state", "the"})
ROLE_WORDS = frozenset(
    """president secretary senator sen. governor mayor minister chair chairman chairwoman chief executive ceo
    director judge justice leader spokesman spokeswoman spokesperson prime king queen ambassador general
    commissioner councillor councilor representative rep. dr. professor prof. head founder manager officer
    editor attorney lawyer chancellor deputy""".split()
)


@dataclass
class Sourcing:
    voices: list[QuotedVoice] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    vague: list[dict[str, Any]] = field(default_factory=list)
    unattributed_claims: list[str] = field(default_factory=list)
    unattributed_sentences: list[dict[str, Any]] = field(default_factory=list)
    balance: dict[str, Any] = field(default_factory=dict)


def _speech_verb(sent):
    # the small pipeline sometimes tags "writing:" or "saying" as a noun; the -ing form in a verb slot counts
    return [t for t in sent if (t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in SPEECH_LEMMAS)
            or (t.dep_ in ("advcl", "xcomp", "conj") and t.text.lower() in ING_FORMS)]


def _subject(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    # "…," he wrote  /  "…," wrote Clinton: subject may hang off the head
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return _subject(verb.head)
    return None


def _full_name(tok, doc) -> str | None:
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
            return ent.text
    if tok.pos_ == "PROPN":
        left = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        return " ".join([t.text for t in left] + [tok.text])
    return None


def _role_of(name: str, doc) -> str | None:
    """Title before the first mention ("Mayor Dana Whitfield") or an appositive after it."""
    for ent in doc.ents:
        if ent.text != name:
            continue
        words = []
        i = ent.start - 1
        while i >= 0 and (doc[i].text.lower() in ROLE_WORDS or doc[i].text.lower() in ROLE_GLUE or (doc[i].pos_ in ("PROPN", "ADJ", "NOUN") and doc[i].is_title
                                                                   and doc[i].ent_type_ in ("", "NORP", "GPE"))):
            words.insert(0, doc[i].text)
            i -= 1
            if len(words) >= 6:
                break
        while words and words[0].lower() in ROLE_GLUE - {"former", "vice"}:
            words.pop(0)
        if words and any(w.lower() in ROLE_WORDS for w in words):
            # drop nationality/affiliation words that precede the title ("El Salvadoran President")
            while words and words[0].lower() not in ROLE_WORDS and len(words) > 1 and doc[ent.start - len(words)].ent_type_:
                words.pop(0)
            return " ".join(words)
        root = ent.root
        for child in root.children:
            if child.dep_ == "appos":
                return doc[child.left_edge.i : child.right_edge.i + 1].text.strip(" ,")
    return None


class _Resolver:
    """Maps pronouns, surnames and titles to the full name of the person last named as a subject.

    The small English pipeline often labels a surname alone as an organisation ("Bukele" → ORG);
    a surname that matches a person named earlier is taken as that person.
    """

    def __init__(self, doc) -> None:
        self.doc = doc
        self.persons: list[str] = []
        self.names: list[str] = []
        self.last_subject: dict[str, str] = {}
        self.last_any: dict[str, str] = {}
        self._roles: dict[str, str | None] = {}

    def see(self, sent) -> None:
        for ent in sent.ents:
            if ent.label_ not in ("PERSON", "ORG"):
                continue
            name = self.canonical(ent.text)
            label = "PERSON" if (ent.label_ == "PERSON" or name in self.persons) else ent.label_
            if label == "PERSON" and name not in self.persons:
                self.persons.append(name)
            if name not in self.names:
                self.names.append(name)
            self.last_any[label] = name
            root = ent.root
            if root.dep_ in ("nsubj", "nsubjpass", "poss") or root.head.dep_ in ("nsubj", "nsubjpass"):
                self.last_subject[label] = name

    def note_speaker(self, name: str) -> None:
        if name not in self.persons:
            self.persons.append(name)
        self.last_subject["PERSON"] = name

    def canonical(self, name: str) -> str:
        name = re.sub(r"['’]s$", "", name.strip())
        for full in self.persons + self.names:
            if name != full and (full.endswith(" " + name) or full.split()[-1] == name):
                return full
        return name

    def role(self, name: str) -> str | None:
        if name not in self._roles:
            self._roles[name] = _role_of(name, self.doc)
        return self._roles[name]

    def resolve(self, tok, doc) -> tuple[str | None, bool]:
        """(speaker, vague)."""
        low = tok.text.lower()
        if low in PRONOUNS:
            label = PRONOUNS[low] or "PERSON"
            return self.last_subject.get(label) or self.last_any.get(label), False
        name = _full_name(tok, doc)
        if name:
            return self.canonical(name), False
        lemma = tok.lemma_.lower()
        if lemma in ROLE_WORDS:
            for person in reversed(self.persons):
                role = self.role(person)
                if role and lemma in role.lower():
                    return person, False
            phrase = doc[tok.left_edge.i : tok.i + 1].text
            return phrase, False
        if lemma in VAGUE_HEADS or low in VAGUE_HEADS:
            return None, True
        return None, False


def analyse_sourcing(article: Article, claims: list[Claim], nlp, doc=None) -> Sourcing:
    """Quoted voices, direct and indirect quotes, vague attributions and unattributed claims.

    ``doc`` is the spaCy parse of ``article.body`` when the caller already has it.
    """
    body = article.body
    doc = doc if doc is not None else nlp(body)
    out = Sourcing()
    voices: dict[str, QuotedVoice] = {}
    resolver = _Resolver(doc)
    attributed_spans: list[tuple[int, int]] = []
    prev_speaker: str | None = None
    for sent in quote_balanced_sentences(doc):
        s_start, s_end = sent.start_char, sent.end_char
        quotes = [m for m in QUOTE_RE.finditer(body, s_start, s_end)]
        verbs = _speech_verb(sent)
        speaker, vague_phrase = None, None
        for verb in verbs:
            subj = _subject(verb)
            if subj is None:
                continue
            resolver.see(sent) if subj.text.lower() not in PRONOUNS else None
            name, vague = resolver.resolve(subj, doc)
            if vague:
                vague_phrase = doc[subj.left_edge.i : verb.i + 1].text
                continue
            if name:
                speaker = name
                if subj.text.lower() not in PRONOUNS and " " in name:
                    resolver.note_speaker(name)  # whoever speaks is a person, whatever the NER label
                break
        resolver.see(sent)
        if vague_phrase or PASSIVE_VAGUE_RE.search(sent.text):
            m = PASSIVE_VAGUE_RE.search(sent.text)
            phrase = vague_phrase or (m.group(0) if m else "")
            out.vague.append({"phrase": phrase, "sentence": sent.text.strip(), "span": [s_start, s_end],
                              "reason": f"'{phrase}' names no one: the reader cannot check who says this"})
            attributed_spans.append((s_start, s_end))
        if speaker is None and quotes and not verbs and prev_speaker and _all_quote(sent.text):
            speaker = prev_speaker  # a quotation that continues the previous speaker's words
        prev_speaker = speaker
        if speaker:
            attributed_spans.append((s_start, s_end))
            v = voices.setdefault(speaker, QuotedVoice(speaker=speaker, role=resolver.role(speaker)))
            quotes = [q for q in quotes if len(q.group(1).split()) >= 4]  # titles and scare quotes are not quotations
            if quotes:
                for q in quotes:
                    v.direct_quotes += 1
                    v.words += len(q.group(1).split())
                    out.quotes.append({"speaker": speaker, "kind": "direct", "text": q.group(1), "span": [q.start(1), q.end(1)]})
            else:
                verb = next(v for v in verbs if _subject(v) is not None)
                comp = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "dobj")]
                words = doc[comp[0].left_edge.i : comp[0].right_edge.i + 1] if comp else sent
                v.indirect_quotes += 1
                v.words += len([t for t in words if not t.is_punct])
                out.quotes.append({"speaker": speaker, "kind": "indirect", "text": words.text,
                                   "span": [words.start_char, words.end_char]})
        elif quotes and not vague_phrase:
            for q in quotes:
                if len(q.group(1).split()) >= 4:  # a titled work or scare quote is not a quotation
                    out.quotes.append({"speaker": None, "kind": "direct", "text": q.group(1), "span": [q.start(1), q.end(1)]})
    out.voices = sorted(voices.values(), key=lambda v: (-v.words, v.speaker))
    _unattributed(out, doc, claims, attributed_spans)
    _balance(out)
    return out


def _all_quote(text: str) -> bool:
    stripped = QUOTE_RE.sub("", text).strip(" .,;:!?")
    return len(stripped.split()) <= 2


def quote_balanced_sentences(doc):
    """spaCy sentences, merged while a quotation is still open (a quote may span sentences)."""
    out, start = [], None
    depth = 0
    for sent in doc.sents:
        if start is None:
            start = sent.start
        text = sent.text
        depth += text.count("“") - text.count("”") + (text.count('"') % 2)
        if depth <= 0 or depth % 2 == 0 and "“" not in text and "”" not in text:
            out.append(doc[start : sent.end])
            start, depth = None, 0
    if start is not None:
        out.append(doc[start : len(doc)])
    return out


def _unattributed(out: Sourcing, doc, claims: list[Claim], attributed: list[tuple[int, int]]) -> None:
    def is_attributed(span: tuple[int, int]) -> bool:
        return any(a < span[1] and span[0] < b for a, b in attributed)

    if claims:
        for c in claims:
            if c.origin != "article" or c.type in ("opinion", "rhetorical") or c.speaker:
                continue
            if c.type in ("quote", "attribution") or is_attributed(tuple(c.span)):
                continue
            out.unattributed_claims.append(c.id)
            out.unattributed_sentences.append({"claim_id": c.id, "text": c.text, "span": list(c.span)})
        return
    for sent in doc.sents:
        span = (sent.start_char, sent.end_char)
        factual = any(t.like_num for t in sent) or any(e.label_ in ("PERSON", "ORG", "GPE", "DATE", "PERCENT", "MONEY", "CARDINAL") for e in sent.ents)
        if factual and not is_attributed(span) and not QUOTE_RE.search(sent.text) and not sent.text.strip().endswith("?"):
            out.unattributed_sentences.append({"claim_id": None, "text": sent.text.strip(), "span": list(span)})


def _balance(out: Sourcing) -> None:
    total = sum(v.words for v in out.voices)
    top = out.voices[0] if out.voices else None
    share = round(top.words / total, 3) if top and total else 0.0
    text = (f"{len(out.voices)} named voice{'s' if len(out.voices) != 1 else ''} quoted"
            + (f"; {top.speaker} has {share:.0%} of the quoted words" if top and total else "")
            + (f"; {len(out.vague)} vague attribution{'s' if len(out.vague) != 1 else ''}" if out.vague else ""))
    out.balance = {
        "named_voices": len(out.voices),
        "vague_attributions": len(out.vague),
        "quoted_words": total,
        "top_voice": top.speaker if top else None,
        "top_share": share,
        "one_sided": bool(len(out.voices) <= 1 or share >= 0.75),
        "text": text,
    }
