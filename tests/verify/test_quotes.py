"""Quote checks: verbatim, trimmed, paraphrased, altered, not found, and attribution."""

import pytest

from factdesk.verify.quotes import check_quote, quoted_spans

SOURCES = [
    '"We will not raise taxes this year," finance minister Paul Grant told parliament on Monday.',  # politics
    'Coach Maria Lopez said: "The team played with courage and we deserved the win."',  # sport
    '"The data show the treatment cut deaths by 30 percent," said Dr Amal Nasser, who led the trial.',  # science
]


@pytest.mark.parametrize(
    "quote, speaker, kind",
    [
        ("We will not raise taxes this year.", "Paul Grant", "verbatim"),
        ("we deserved the win", "Maria Lopez", "trimmed"),
        ("We will raise taxes this year.", "Paul Grant", "altered"),
        ("The data show the treatment cut deaths by 50 percent", "Amal Nasser", "altered"),
        ("The team played with courage and we deserved the loss.", "Maria Lopez", "altered"),
        ("We won't be raising taxes this year", "Paul Grant", "paraphrased"),
        ("Our hospitals are overwhelmed by patients.", "Amal Nasser", "not_found"),
    ],
)
def test_kinds(quote, speaker, kind):
    res = check_quote(quote, speaker, SOURCES)
    assert res.kind == kind, res


def test_attribution_to_someone_else():
    res = check_quote("We will not raise taxes this year.", "Maria Lopez", SOURCES)
    assert res.kind == "verbatim"
    assert res.attributed is False
    assert check_quote("We will not raise taxes this year.", "Grant", SOURCES).attributed is True


def test_altered_reports_changed_words():
    res = check_quote("The data show the treatment cut deaths by 50 percent", "Amal Nasser", SOURCES)
    assert any("50" in c and "30" in c for c in res.changed)


def test_quoted_spans_or_whole_text():
    assert quoted_spans('He said "prices will fall next year" and left.') == ["prices will fall next year"]
    assert quoted_spans("No quotation marks here at all.") == ["No quotation marks here at all."]
