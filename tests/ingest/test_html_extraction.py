"""What the HTML layer adds to trafilatura, and what it must never take away."""

from __future__ import annotations

import pytest
import trafilatura

from factdesk.errors import InputError
from factdesk.ingest import article_from_bytes, article_from_html

PROSE = ("The committee published its findings on Tuesday after a review that lasted eleven months and "
         "covered every district in the region, from the coast to the hill towns.")


def _page(title_tag: str, body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><title>{title_tag}</title>{head}</head><body>'
            f'<nav><a href="/">Home</a> <a href="/news">News</a></nav>{body}'
            f'<footer><p>© 2025 Example Media. All rights reserved.</p></footer></body></html>')


def test_no_space_is_invented_at_a_links_edge():
    html = _page("Court", "<article><h1>Court Hears the Case</h1><p>Chief Justice <a href='/r'>John Roberts</a>, "
                 "who served in the solicitor general’s office, asked the <b>first</b> question.</p>"
                 f"<p>{PROSE}</p></article>")
    art = article_from_html(html)
    assert "Chief Justice John Roberts, who served in the solicitor general’s office, asked the first question." \
        in art.paragraphs


def test_body_keeps_everything_trafilatura_alone_keeps():
    paras = [f"Paragraph {i} of the report says that {PROSE[4:]}" for i in range(8)]
    html = _page("Report | Example", "<article><h1>Report Published Today</h1>"
                 + "".join(f"<p>{p}</p>" for p in paras) + "</article>")
    alone = trafilatura.bare_extraction(html, include_comments=True)
    ours = " ".join(article_from_html(html).paragraphs)
    for line in alone.text.splitlines():
        if line.strip() and line.strip() != "Report Published Today":
            assert " ".join(line.split()) in ours


def test_title_drops_the_site_name():
    html = _page("Harbour Reopens After Three Weeks | Coast Gazette",
                 f"<article><p>{PROSE}</p><p>{PROSE}</p></article>",
                 head='<meta property="og:site_name" content="Coast Gazette">')
    assert article_from_html(html).title == "Harbour Reopens After Three Weeks"


def test_title_is_the_visible_headline_when_the_metadata_only_differs_in_quotes():
    html = _page("Gates on Russia: 'Being friendly doesn't make you friends' | Politics",
                 "<article><h1>Gates on Russia: ‘Being friendly doesn’t make you friends’</h1>"
                 f"<p>{PROSE}</p><p>{PROSE}</p></article>",
                 head="<meta property=\"og:title\" content=\"Gates on Russia: 'Being friendly doesn't make you friends' | Politics\">")
    assert article_from_html(html).title == "Gates on Russia: ‘Being friendly doesn’t make you friends’"


def test_a_share_label_never_replaces_a_title_without_spaces():
    body = ("<article><h1>短缺药品保供稳价 全力保障临床用药需求</h1><p>このニュースをシェア</p>"
            "<p>国家卫生健康委员会近日印发通知，要求各地加强短缺药品的监测预警，确保临床用药需求得到保障，"
            "并对价格异常波动的药品开展专项检查。</p><p>通知指出，各地要建立短缺药品清单管理制度，"
            "及时向社会公布供应情况，防止出现断供现象。</p></article>")
    art = article_from_html(_page("短缺药品保供稳价 全力保障临床用药需求-新华网", body))
    assert art.title == "短缺药品保供稳价 全力保障临床用药需求"
    assert any(p.startswith("国家卫生健康委员会") for p in art.paragraphs)


def test_a_chinese_article_is_an_article():
    # scripts without spaces are counted by characters: 15 "words" is not 15 whitespace tokens
    body = ("<article><h1>港特首就违建事件道歉</h1><p>香港特区行政长官周二在立法会就其住宅违建事件公开道歉，"
            "表示对事件处理不当负全部责任，并承诺全面配合屋宇署的调查。</p><p>多名议员在质询中追问违建工程的细节，"
            "包括工程何时开始、由谁负责以及为何在竞选期间没有披露。行政长官表示，他在入住前并不知道相关结构属于违建，"
            "发现后已立即拆除。</p><p>民主派议员随后提出不信任动议，但在建制派议员的反对下未获通过。"
            "有评论认为，事件对特区政府的公信力造成了一定影响。</p></article>")
    art = article_from_html(_page("港特首就违建事件道歉", body))
    assert art.paragraphs and art.paragraphs[0].startswith("香港特区行政长官")


def test_newsletter_form_text_is_not_article_text():
    body = (f"<article><h1>Budget Passed</h1><p>{PROSE}</p><p>{PROSE.replace('Tuesday', 'Monday')}</p>"
            "<form class='subscribe'><p>To confirm that you chose this newsletter yourself, please confirm it by e-mail.</p>"
            "<input type='email' name='email'><button>Sign up</button></form></article>")
    art = article_from_html(_page("Budget Passed", body))
    assert not any("confirm it by e-mail" in p for p in art.paragraphs)
    assert len(art.paragraphs) == 2


def test_a_form_that_wraps_the_page_is_not_cut():
    body = (f"<form id='aspnetForm' action='/default.aspx'><input type='hidden' name='__VIEWSTATE'>"
            f"<article><h1>Budget Passed</h1><p>{PROSE}</p><p>{PROSE.replace('Tuesday', 'Monday')}</p></article></form>")
    assert len(article_from_html(_page("Budget Passed", body)).paragraphs) == 2


def test_comment_text_in_the_body_is_moved_out():
    # a comment list trafilatura does not know as comments; the markup says it is one
    body = (f"<article><h1>Budget Passed</h1><p>{PROSE}</p></article>"
            "<div class='article-comments'><div class='comment'><span class='author'>Ann</span>"
            "<div class='comment-text'>I was at the meeting and it was longer than the report suggests.</div></div>"
            "<div class='comment'><span class='author'>Bo</span>"
            "<div class='comment-text'>The districts in the hills were hardly mentioned at all.</div></div></div>")
    art = article_from_html(_page("Budget Passed", body))
    assert [c.author for c in art.comments] == ["Ann", "Bo"]
    assert not any("hardly mentioned" in p for p in art.paragraphs)


def test_a_page_with_no_article_keeps_the_clear_error():
    with pytest.raises(InputError, match="no article found"):
        article_from_bytes(b"<html><body><nav><a href='/'>Home</a><a href='/n'>News</a></nav></body></html>",
                           origin="nav.html")


def test_br_separated_paragraphs_keep_their_links_and_their_text():
    # text in one <div> with <br><br> between paragraphs and links inside sentences
    parts = [f"In 2016, the director flew to a <a href='https://fair.example/2016'>security fair</a> in Las Vegas, "
             f"hoping to find new clients. {PROSE}",
             f"Weeks later, <a href='/reports/7'>a confidential report</a> described the plan in detail. {PROSE}",
             f"The company declined to comment.<br>Its lawyers said the claims were false. {PROSE}"]
    html = _page("Inside the Operation", "<article><h1>Inside the Operation</h1><div class='text'>"
                 + "<br><br>".join(parts) + "</div></article>")
    art = article_from_html(html, url="https://news.example/story")
    assert len(art.paragraphs) == 3
    assert art.paragraphs[0].startswith("In 2016, the director flew to a security fair in Las Vegas, hoping")
    assert "The company declined to comment. Its lawyers said the claims were false." in art.paragraphs[2]
    assert art.links == ["https://fair.example/2016", "https://news.example/reports/7"]


def test_control_characters_next_to_a_cut_out_section():
    # found by the fuzz target: lxml refuses to re-assign text holding control characters
    body = (f"<article><h1>Budget Passed</h1><p>{PROSE}</p></article><p>x<form><input type='email'>"
            "<p>Sign up for our newsletter today.</p></form>\x05 after the form.</p>"
            "<div class='comments'><div class='comment'><span class='author'>Ann</span>"
            "<div class='comment-text'>I was at the meeting.</div></div></div>\x05\x06 and after the comments.")
    art = article_from_html(_page("Budget Passed", body))
    assert art.comments[0].text == "I was at the meeting."
