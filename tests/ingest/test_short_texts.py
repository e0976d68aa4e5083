"""Any text with at least one sentence is an article (title optional): a two-sentence paste is a fair
thing to check. Text with no sentence at all (a menu, a word) is still refused with one line."""

from __future__ import annotations

import json

import pytest

from factdesk.errors import InputError
from factdesk.ingest import article_from_text
from tests.helpers import run_cli


@pytest.mark.parametrize(
    "text, title, paragraphs",
    [
        ("Bukele said crime fell.", "", ["Bukele said crime fell."]),
        ("The unemployment rate fell to 3.5% in May. Wages rose 4%.", "",
         ["The unemployment rate fell to 3.5% in May. Wages rose 4%."]),
        ("Inflation hit 9 percent in 2022", "", ["Inflation hit 9 percent in 2022"]),  # a line without its full stop
        ("Jobs report\nThe unemployment rate fell to 3.5% in May.", "Jobs report",
         ["The unemployment rate fell to 3.5% in May."]),
        ("The mayor opened the bridge on Monday.\n\nIt cost 40 million euros, the council said.", "",
         ["The mayor opened the bridge on Monday.", "It cost 40 million euros, the council said."]),
    ],
)
def test_a_text_with_one_sentence_is_an_article(text, title, paragraphs):
    article = article_from_text(text)
    assert (article.title, article.paragraphs) == (title, paragraphs)


@pytest.mark.parametrize("text", ["hello", "Home | About | Contact", "Home\nNews\nSport\nWeather\nContact us",
                                  "Breaking News Live Updates"])
def test_text_without_a_sentence_is_still_refused(text):
    with pytest.raises(InputError, match="no article found"):
        article_from_text(text)


@pytest.mark.slow
def test_check_a_two_sentence_paste_through_the_cli():
    paste = "Bukele said the murder rate fell by 70 percent in 2023. Critics disputed the figure."
    proc = run_cli("check", "-", "--offline", "-f", "json", "-q", input=paste, timeout=300)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["article"]["paragraphs"] == [paste] and report["article"]["title"] == ""
    assert any("70 percent" in c["text"] for c in report["claims"]), report["claims"]
    menu = run_cli("check", "-", "--offline", input="Home\nNews\nSport\n")
    assert menu.returncode == 2 and "no article found" in menu.stderr and "Traceback" not in menu.stderr
