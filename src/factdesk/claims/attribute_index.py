"""spaCy's attribute ruler with an indexed matcher: the same annotations, an eighth of the time.

``en_core_web_sm`` ships an ``attribute_ruler`` with 179 rules (the tag map: TAG → POS and MORPH,
plus lemma and POS exceptions). spaCy runs them through a general ``Matcher``, which tries every
rule on every token, with a Python call per set-valued predicate (``{"IN": [...]}``): ≈ 12 % of the
whole pipeline's time on a news article, as much as the parser.

Almost all rules look at one token and only at its TAG, LOWER, DEP and IS_SPACE values, so which
of them match depends only on those four values. :class:`IndexedAttributeRuler` works that out
once per distinct combination (a dict lookup per token afterwards) and leaves the nine other
rules (several tokens, or several alternatives: "gon na", "y' all", "There is") to a ``Matcher``
of their own, which runs only on a doc where some token passes the first-token test of one of
them. It overrides ``match`` only: it returns the same sorted ``(rule, match_id, start, end)``
list as spaCy's ``AttributeRuler.match``, and spaCy's own ``set_annotations`` applies it, so tags,
POS, morphology and lemmas are unchanged (tests/claims/test_nlp.py compares both; so did 30,000
sentences of the shared corpora, 405,000 tokens, without a difference).
"""

from __future__ import annotations

import re

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler

FACTORY = "factdesk_attribute_ruler"
#: the token attributes the indexed (single-token) rules may test, in ``Doc.to_array`` order
_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
#: distinct (TAG, LOWER, DEP, IS_SPACE) combinations remembered (a long-running server stays bounded)
MAX_CACHED = 200_000


def _simple_test(token_pattern: dict):
    """A predicate over (tag, lower, dep, is_space) for a one-token pattern, or None if the pattern
    uses anything but equality, IN / NOT_IN and REGEX (``re.search``, as the Matcher does) on those
    four attributes."""
    tests = []
    for key, value in token_pattern.items():
        if key not in _KEYS:
            return None
        pos = _KEYS.index(key)
        if isinstance(value, (str, bool)):
            tests.append((pos, "==", value))
        elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN"):
            op, values = next(iter(value.items()))
            if not all(isinstance(v, str) for v in values):
                return None
            tests.append((pos, op, frozenset(values)))
        elif isinstance(value, dict) and len(value) == 1 and isinstance(value.get("REGEX"), str):
            tests.append((pos, "REGEX", re.compile(value["REGEX"])))
        else:
            return None
    return tuple(tests)


def _passes(tests, signature) -> bool:
    for pos, op, value in tests:
        got = signature[pos]
        if op == "==":
            if got != value:
                return False
        elif op == "IN":
            if got not in value:
                return False
        elif op == "NOT_IN":
            if got in value:
                return False
        elif not value.search(got):  # REGEX
            return False
    return True


class IndexedAttributeRuler(AttributeRuler):
    """``AttributeRuler`` whose one-token rules are looked up per (TAG, LOWER, DEP, IS_SPACE)."""

    def clear(self) -> None:
        super().clear()
        self._index = None

    def add(self, patterns, attrs, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._index = None  # rebuilt on the next call

    def _build(self) -> None:
        simple: list[tuple[int, int, tuple]] = []  # (rule, match_id, tests)
        rest = Matcher(self.vocab, validate=self.validate)
        #: tests of the first token of every other rule: where no token passes one, they cannot match
        starts: list[tuple | None] = []
        for rule in range(len(self.attrs)):
            key = str(rule)
            match_id = self.vocab.strings[key]
            alternatives = self.matcher.get(key)[1]
            tests = _simple_test(alternatives[0][0]) if len(alternatives) == 1 and len(alternatives[0]) == 1 else None
            if tests is None:
                rest.add(key, alternatives)
                starts += [_simple_test(alt[0]) if alt and "OP" not in alt[0] else None for alt in alternatives]
            else:
                simple.append((rule, match_id, tests))
        if any(t is None for t in starts):
            starts = None  # a rule the index cannot screen for: always run the matcher
        self._index = (simple, rest if len(rest) else None, starts, {})

    def match(self, doc):
        if getattr(self, "_index", None) is None:
            self._build()
        simple, rest, starts, cache = self._index
        strings = self.vocab.strings
        matches = []
        run_rest = rest is not None and starts is None
        for i, row in enumerate(doc.to_array(_ARRAY_ATTRS).tolist()):
            key = tuple(row)
            found = cache.get(key)
            if found is None:
                if len(cache) >= MAX_CACHED:
                    cache.clear()
                tag, lower, dep, space = key
                signature = (strings[tag], strings[lower], strings[dep], bool(space))
                found = cache[key] = (
                    tuple((rule, match_id) for rule, match_id, tests in simple if _passes(tests, signature)),
                    any(_passes(tests, signature) for tests in starts or ()),
                )
            matches += [(rule, match_id, i, i + 1) for rule, match_id in found[0]]
            run_rest = run_rest or found[1]
        if run_rest:
            matches += [(int(strings[m_id]), m_id, s, e) for m_id, s, e in rest(doc, allow_missing=True, as_spans=False)]
        matches.sort()
        return matches


def _make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


if not Language.has_factory(FACTORY):  # registered once per process, however this module is reached
    Language.factory(FACTORY, default_config={"validate": False})(_make_indexed_attribute_ruler)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replace ``nlp``'s attribute ruler (if enabled and still spaCy's own) by the indexed one, same rules."""
    if name not in nlp.pipe_names:
        return
    old = nlp.get_pipe(name)
    if type(old) is not AttributeRuler:
        return
    new = nlp.replace_pipe(name, FACTORY, config={"validate": old.validate})
    new.add_patterns(old.patterns)
