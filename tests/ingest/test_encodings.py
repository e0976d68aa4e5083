"""Pages that are not UTF-8: charset from the HTTP header, from <meta>, or from nowhere (detected)."""

from __future__ import annotations

import asyncio

import pytest

from factdesk.ingest import article_from_bytes, fetch_article
from factdesk.ingest.detect import decode_bytes, detect_encoding

TEXTS = {
    "fr": ("Le conseil vote le budget", "Le conseil municipal a voté mardi un budget de 4,2 millions d’euros pour "
           "rénover les écoles, après un débat très animé sur la part réservée aux crèches.",
           "Les travaux commenceront à l’été et dureront dix-huit mois, selon l’adjointe chargée de l’éducation."),
    "ru": ("Совет утвердил бюджет", "Городской совет во вторник утвердил бюджет на ремонт школ, после долгих "
           "споров о том, сколько денег получат детские сады в следующем году.",
           "Работы начнутся летом и продлятся восемнадцать месяцев, сообщила заместитель мэра."),
    "ja": ("市議会が予算を承認", "市議会は火曜日、市内の小中学校十二校の改修に充てる新しい予算を賛成多数で承認した。"
           "保育所への配分を巡っては、与党と野党の間で三時間を超える長い議論が続き、採決は深夜にまでずれ込んだ。"
           "反対した議員は、子育て世帯への支援が後回しにされていると批判した。",
           "工事は夏休みに合わせて始まり、十八か月続く見通しだと副市長は記者会見で述べた。"
           "工事期間中、一部の学校では体育館が使えなくなるため、近くの公民館を代わりに利用する計画だという。"),
    "zh": ("市议会批准预算", "市议会周二以多数票批准了用于翻修全市十二所中小学的新预算，此前议员们就托儿所的拨款比例"
           "进行了超过三个小时的激烈辩论，表决一直拖到深夜才结束。投反对票的议员批评说，对有孩子家庭的支持被放在了次要位置。",
           "副市长在记者会上表示，工程将配合暑假于夏季开工，预计持续十八个月。施工期间部分学校的体育馆将无法使用，"
           "学生们将改用附近的社区活动中心。"),
    "lv": ("Dome apstiprina budžetu", "Pilsētas dome otrdien apstiprināja budžetu skolu renovācijai pēc ilgām "
           "debatēm par to, cik naudas saņems bērnudārzi nākamgad.",
           "Darbi sāksies vasarā un ilgs astoņpadsmit mēnešus, sacīja mēra vietniece."),
}


def page(lang: str, meta: str | None = None) -> str:
    title, p1, p2 = TEXTS[lang]
    head = f'<meta charset="{meta}">' if meta else ""
    return (f'<!DOCTYPE html><html lang="{lang}"><head>{head}<title>{title}</title></head><body>'
            f'<nav><a href="/">Home</a></nav><article><h1>{title}</h1><p>{p1}</p><p>{p2}</p></article></body></html>')


@pytest.mark.parametrize("lang, charset, declared", [
    ("fr", "cp1252", "iso-8859-1"),      # read as windows-1252, as browsers do: ’ survives
    ("fr", "cp1252", None),
    ("ru", "cp1251", "windows-1251"),
    ("ru", "cp1251", None),
    ("ja", "shift_jis", "shift_jis"),
    ("ja", "shift_jis", None),
    ("zh", "gb18030", "gb2312"),         # declared gb2312, written with GB18030-only characters? still read
    ("zh", "gb18030", None),
    ("lv", "cp1257", None),              # several charsets read it; <html lang="lv"> picks windows-1257
])
def test_legacy_charsets(lang, charset, declared):
    data = page(lang, declared).encode(charset)
    art = article_from_bytes(data, origin=f"{lang}.html")
    title, p1, p2 = TEXTS[lang]
    assert art.title == title
    assert art.paragraphs == [p1, p2]


def test_utf8_bytes_under_a_default_latin1_declaration_are_utf8():
    data = page("fr", "iso-8859-1").encode("utf-8")
    assert article_from_bytes(data, origin="x.html").paragraphs[0] == TEXTS["fr"][1]


def test_a_declared_charset_that_does_not_fit_falls_back():
    data = page("ru", "utf-8").encode("cp1251")  # says UTF-8, is windows-1251
    assert article_from_bytes(data, origin="x.html").paragraphs[1] == TEXTS["ru"][2]


def test_detection_reads_text_not_markup():
    # a long ASCII head (scripts, styles) before a little legacy-encoded text
    text = "<script>" + "var x = 1;" * 3000 + "</script>" + page("ru")
    assert detect_encoding(text.encode("cp1251")) == "cp1251"


def test_undecodable_bytes_keep_a_clear_error():
    from factdesk.errors import InputError

    with pytest.raises(InputError, match="undecodable bytes"):
        decode_bytes(bytes(range(0x80, 0x100)) * 3, origin="x")


def test_charset_from_the_http_header(http_server, local_http):
    from factdesk.config import Config

    # the server says windows-1251; the page declares nothing (conftest serves page("ru") encoded so)
    art = asyncio.run(fetch_article(http_server + "/cp1251.html", Config(http=local_http)))
    assert art.paragraphs == [TEXTS["ru"][1], TEXTS["ru"][2]]
