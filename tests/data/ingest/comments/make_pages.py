"""Build the comment-section pages of this folder: ``html/*.html`` and ``cases.jsonl``.

    python tests/data/ingest/comments/make_pages.py

Each page is a news or blog article (hand-written, in ``content.py``) on a small site with the
usual chrome (navigation, share bar, newsletter form, related links, footer), and a comment
section written the way one system writes it: WordPress (three generations of themes), Drupal 7
and 10, Discourse's reader view, XenForo, Disqus as rendered in the browser and its WordPress
fallback, schema.org ``Comment`` microdata and JSON-LD (nested replies and ``parentItem``),
Blogger (current and classic), Ghost's comment widget as rendered, Medium-like responses, Reddit
(old and new), Hacker News, Stack Exchange, Coral, Commento, Isso, Substack, and news-site reader
comment lists in five languages, plus two pages whose comment section is empty or closed.

``cases.jsonl`` holds one line per page in the ``factdesk eval ingest`` format, with three more
keys the tests read: ``system``, ``comment_authors`` and ``reply_to`` (per comment, in page order;
``null`` where the markup shows no author or no thread).
"""

from __future__ import annotations

import html as _html
import json
from datetime import datetime
from pathlib import Path

from content import ARTICLES, THREADS

HERE = Path(__file__).resolve().parent
ART = {a[0]: a for a in ARTICLES}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def e(text: str) -> str:
    return _html.escape(text, quote=True)


def dt(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def long_date(iso: str) -> str:  # March 4, 2025 at 9:02 am
    d = dt(iso)
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year} at {d.strftime('%I:%M').lstrip('0')} {'am' if d.hour < 12 else 'pm'}"


def eu_date(iso: str) -> str:  # 4 March 2025 at 09:02
    d = dt(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year} at {d:%H:%M}"


def drupal_date(iso: str) -> str:  # Tue, 03/04/2025 - 09:02
    d = dt(iso)
    return f"{d:%a, %m/%d/%Y - %H:%M}"


def dfs(thread: list[tuple]) -> list[tuple[int, int]]:
    """(original index, depth) in the order a nested thread shows the comments."""
    order: list[tuple[int, int]] = []

    def visit(i: int, depth: int) -> None:
        order.append((i, depth))
        for j, c in enumerate(thread):
            if c[3] == i:
                visit(j, depth + 1)

    for i, c in enumerate(thread):
        if c[3] is None:
            visit(i, 0)
    return order


def children(thread: list[tuple], i: int | None) -> list[int]:
    return [j for j, c in enumerate(thread) if c[3] == i]


# -- the site around the article -----------------------------------------------------------------
def related_titles(slug: str) -> list[str]:
    others = [a for a in ARTICLES if a[0] != slug]
    k = [a[0] for a in ARTICLES].index(slug)
    return [others[k % len(others)][4], others[(k + 5) % len(others)][4]]


CHROME = {
    "en": {"nav": ["Home", "News", "Business", "Culture", "Opinion"],
           "newsletter": "Get our morning briefing delivered to your inbox every weekday.",
           "subscribe": "Sign up", "related": "More stories", "share": ["Share on Facebook", "Share on X", "Copy link"],
           "form_note": "Your email address will not be published. Required fields are marked",
           "leave": "Leave a Reply", "post": "Post Comment", "rights": "All rights reserved."},
    "de": {"nav": ["Startseite", "Politik", "Wirtschaft", "Kultur", "Sport"],
           "newsletter": "Erhalten Sie jeden Morgen die wichtigsten Nachrichten aus der Region per E-Mail.",
           "subscribe": "Anmelden", "related": "Mehr zum Thema", "share": ["Auf Facebook teilen", "Per E-Mail teilen"],
           "form_note": "Ihre E-Mail-Adresse wird nicht veröffentlicht.", "leave": "Kommentar schreiben",
           "post": "Absenden", "rights": "Alle Rechte vorbehalten."},
    "fr": {"nav": ["Accueil", "Politique", "Économie", "Culture", "Sports"],
           "newsletter": "Recevez chaque matin l'essentiel de l'actualité régionale dans votre boîte mail.",
           "subscribe": "S'inscrire", "related": "À lire aussi", "share": ["Partager sur Facebook", "Partager par e-mail"],
           "form_note": "Votre adresse e-mail ne sera pas publiée.", "leave": "Laisser un commentaire",
           "post": "Publier", "rights": "Tous droits réservés."},
    "es": {"nav": ["Portada", "Local", "Economía", "Cultura", "Deportes"],
           "newsletter": "Recibe cada mañana las noticias más importantes de la comarca en tu correo.",
           "subscribe": "Suscribirme", "related": "Te puede interesar", "share": ["Compartir en Facebook", "Compartir por correo"],
           "form_note": "Tu dirección de correo electrónico no será publicada.", "leave": "Deja un comentario",
           "post": "Enviar", "rights": "Todos los derechos reservados."},
    "it": {"nav": ["Home", "Cronaca", "Economia", "Cultura", "Sport"],
           "newsletter": "Ricevi ogni mattina le notizie più importanti del territorio nella tua casella di posta.",
           "subscribe": "Iscriviti", "related": "Leggi anche", "share": ["Condividi su Facebook", "Condividi via e-mail"],
           "form_note": "Il tuo indirizzo email non sarà pubblicato.", "leave": "Lascia un commento",
           "post": "Invia", "rights": "Tutti i diritti riservati."},
    "nl": {"nav": ["Home", "Regio", "Economie", "Cultuur", "Sport"],
           "newsletter": "Ontvang elke ochtend het belangrijkste nieuws uit de regio in je mailbox.",
           "subscribe": "Aanmelden", "related": "Zie ook", "share": ["Deel op Facebook", "Deel via e-mail"],
           "form_note": "Je e-mailadres wordt niet gepubliceerd.", "leave": "Plaats een reactie",
           "post": "Versturen", "rights": "Alle rechten voorbehouden."},
}


def site_header(art) -> str:
    c = CHROME[art[1]]
    links = "".join(f'<li><a href="/{e(n.lower())}/">{e(n)}</a></li>' for n in c["nav"])
    return (f'<header class="site-header"><a class="logo" href="/">{e(art[2])}</a>'
            f'<nav class="main-nav"><ul>{links}</ul></nav></header>')


def share_bar(art) -> str:
    c = CHROME[art[1]]
    return '<div class="share-bar">' + "".join(f'<a class="share" href="#">{e(s)}</a>' for s in c["share"]) + "</div>"


def newsletter(art) -> str:
    c = CHROME[art[1]]
    return (f'<aside class="newsletter"><form action="/subscribe" method="post"><p>{e(c["newsletter"])}</p>'
            f'<input type="email" name="email" placeholder="you@example.org">'
            f'<button type="submit">{e(c["subscribe"])}</button></form></aside>')


def related(art) -> str:
    c = CHROME[art[1]]
    items = "".join(f'<li><a href="/story/{i}">{e(t)}</a></li>' for i, t in enumerate(related_titles(art[0])))
    return f'<aside class="related"><h3>{e(c["related"])}</h3><ul>{items}</ul></aside>'


def footer(art) -> str:
    c = CHROME[art[1]]
    year = dt(art[6]).year
    return (f'<footer class="site-footer"><p>© {year} {e(art[2])}. {e(c["rights"])}</p>'
            f'<p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · <a href="/contact">Contact</a></p></footer>')


def comment_form(art) -> str:
    c = CHROME[art[1]]
    return (f'<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">{e(c["leave"])}</h3>'
            f'<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">'
            f'<p class="comment-notes"><span id="email-notes">{e(c["form_note"])}</span> <span class="required">*</span></p>'
            f'<p class="comment-form-comment"><label for="comment">Comment</label><textarea id="comment" name="comment"></textarea></p>'
            f'<p class="comment-form-author"><label for="author">Name</label><input id="author" name="author" type="text"></p>'
            f'<p class="comment-form-email"><label for="email">Email</label><input id="email" name="email" type="email"></p>'
            f'<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="{e(c["post"])}"></p>'
            f'</form></div>')


def article_block(art, *, h1_class="entry-title", wrapper="article", byline=True, cls="post") -> str:
    slug, lang, site, section, title, author, date, paras = art
    d = dt(date)
    by = (f'<div class="byline">By <span class="author">{e(author)}</span> · '
          f'<time datetime="{date}">{MONTHS[d.month - 1]} {d.day}, {d.year}</time></div>') if byline else ""
    body = "".join(f"<p>{e(p)}</p>" for p in paras)
    return (f'<{wrapper} class="{cls}"><header><span class="section">{e(section)}</span>'
            f'<h1 class="{h1_class}">{e(title)}</h1>{by}</header>{share_bar(art)}'
            f'<div class="entry-content">{body}</div></{wrapper}>')


def page(art, middle: str, *, head: str = "", body_class: str = "single") -> str:
    slug, lang, site, section, title, author, date, paras = art
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<title>{e(title)} | {e(site)}</title>'
            f'<meta property="og:title" content="{e(title)}"><meta property="og:site_name" content="{e(site)}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">{head}</head>'
            f'<body class="{body_class}">{site_header(art)}<main id="main" class="site-main">{middle}</main>'
            f'{related(art)}{newsletter(art)}{footer(art)}</body></html>\n')


# -- comment systems ---------------------------------------------------------------------------
def wp_current(art, thread):
    """WordPress 6 classic themes (Twenty Twenty-One): comments.php + Walker_Comment (html5)."""
    n = len(thread)

    def li(i, depth):
        a, when, text, _ = thread[i]
        kids = children(thread, i)
        inner = "".join(li(j, depth + 1) for j in kids)
        return (f'<li id="comment-{100 + i}" class="comment {"even" if i % 2 == 0 else "odd"} '
                f'{"thread-even" if depth == 0 else ""} depth-{depth + 1}{" parent" if kids else ""}">'
                f'<article id="div-comment-{100 + i}" class="comment-body"><footer class="comment-meta">'
                f'<div class="comment-author vcard"><img alt="" src="/avatar.png" class="avatar avatar-60 photo" height="60" width="60">'
                f'<b class="fn">{e(a)}</b> <span class="says">says:</span></div>'
                f'<div class="comment-metadata"><a href="#comment-{100 + i}"><time datetime="{when}+00:00">{long_date(when)}</time></a></div>'
                f'</footer><div class="comment-content"><p>{e(text)}</p></div>'
                f'<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#respond">Reply</a></div></article>'
                + (f'<ol class="children">{inner}</ol>' if kids else "") + "</li>")

    items = "".join(li(i, 0) for i in children(thread, None))
    title = art[4]
    return (f'<div id="comments" class="comments-area default-max-width show-avatars">'
            f'<h2 class="comments-title">{n} thoughts on &ldquo;{e(title)}&rdquo;</h2>'
            f'<ol class="comment-list">{items}</ol>{comment_form(art)}</div>'), "nested"


def wp_legacy(art, thread):
    """WordPress 2.x/3.x themes (Kubrick, Twenty Ten): ol.commentlist, cite.fn, div.commentmetadata."""
    def li(i):
        a, when, text, _ = thread[i]
        kids = children(thread, i)
        inner = "".join(li(j) for j in kids)
        return (f'<li class="comment byuser" id="li-comment-{200 + i}"><div id="comment-{200 + i}">'
                f'<div class="comment-author vcard"><img src="/avatar.png" class="avatar" height="40" width="40">'
                f'<cite class="fn">{e(a)}</cite> <span class="says">says:</span></div>'
                f'<div class="comment-meta commentmetadata"><a href="#comment-{200 + i}">{long_date(when)}</a></div>'
                f'<p>{e(text)}</p><div class="reply"><a class="comment-reply-link" href="#">Reply</a></div></div>'
                + (f'<ul class="children">{inner}</ul>' if kids else "") + "</li>")

    items = "".join(li(i) for i in children(thread, None))
    return (f'<h3 id="comments">{len(thread)} Responses to &#8220;{e(art[4])}&#8221;</h3>'
            f'<ol class="commentlist">{items}</ol>{comment_form(art)}'), "nested"


def wp_block(art, thread):
    """WordPress block themes (Twenty Twenty-Four): core/comments with the comment template blocks."""
    def li(i):
        a, when, text, _ = thread[i]
        kids = children(thread, i)
        inner = "".join(li(j) for j in kids)
        return (f'<li id="comment-{300 + i}" class="comment even thread-even depth-1">'
                f'<div class="wp-block-group is-layout-constrained"><div class="wp-block-group is-layout-flex">'
                f'<div class="wp-block-avatar"><img alt="" src="/a.png" class="avatar"></div>'
                f'<div class="wp-block-group"><div class="wp-block-comment-author-name"><a rel="external nofollow ugc" href="#">{e(a)}</a></div>'
                f'<div class="wp-block-comment-date"><time datetime="{when}+00:00"><a href="#comment-{300 + i}">{long_date(when)}</a></time></div>'
                f'<div class="wp-block-comment-content"><p>{e(text)}</p></div>'
                f'<div class="wp-block-comment-reply-link"><a class="comment-reply-link" href="#">Reply</a></div>'
                f'</div></div></div>' + (f'<ol class="children">{inner}</ol>' if kids else "") + "</li>")

    items = "".join(li(i) for i in children(thread, None))
    return (f'<div class="wp-block-comments"><h2 class="wp-block-comments-title">{len(thread)} responses to '
            f'&ldquo;{e(art[4])}&rdquo;</h2><ol class="wp-block-comment-template">{items}</ol>'
            f'{comment_form(art)}</div>'), "nested"


def drupal7(art, thread):
    """Drupal 7 (Bartik): div#comments.comment-wrapper, replies in div.indented after their parent."""
    def block(i):
        a, when, text, _ = thread[i]
        kids = children(thread, i)
        subject = " ".join(text.split()[:4]) + "…"
        out = (f'<a id="comment-{400 + i}"></a><div class="comment comment-by-anonymous clearfix">'
               f'<div class="attribution"><div class="comment-submitted"><p class="commenter-name">'
               f'<span class="username">{e(a)}</span></p><p class="comment-time">{drupal_date(when)}</p>'
               f'<p class="comment-permalink"><a href="#comment-{400 + i}" class="permalink">Permalink</a></p></div></div>'
               f'<div class="comment-text"><div class="comment-arrow"></div><h3><a href="#comment-{400 + i}" class="permalink">{e(subject)}</a></h3>'
               f'<div class="content"><div class="field field-name-comment-body field-type-text-long field-label-hidden">'
               f'<div class="field-items"><div class="field-item even"><p>{e(text)}</p></div></div></div></div>'
               f'<ul class="links inline"><li class="comment-reply first last"><a href="#">reply</a></li></ul></div></div>')
        if kids:
            out += '<div class="indented">' + "".join(block(j) for j in kids) + "</div>"
        return out

    items = "".join(block(i) for i in children(thread, None))
    return (f'<div id="comments" class="comment-wrapper"><h2 class="title">Comments</h2>{items}'
            f'<h2 class="title comment-form">Add new comment</h2><form class="comment-form" action="/comment/reply" method="post">'
            f'<div class="form-item"><label>Your name</label><input type="text" name="name"></div>'
            f'<div class="form-item"><label>E-mail</label><input type="email" name="mail">'
            f'<div class="description">The content of this field is kept private and will not be shown publicly.</div></div>'
            f'<input type="submit" value="Save"></form></div>'), "nested"


def drupal10(art, thread):
    """Drupal 10 (Olivero): section.comments, article.comment.js-comment, div.indented replies."""
    def block(i):
        a, when, text, _ = thread[i]
        kids = children(thread, i)
        out = (f'<article data-comment-user-id="0" id="comment-{500 + i}" class="comment js-comment by-anonymous-user">'
               f'<span class="hidden" data-comment-timestamp="{int(dt(when).timestamp())}"></span>'
               f'<div class="comment__picture-wrapper"><div class="comment__picture"><img src="/u.png" alt=""></div></div>'
               f'<div class="comment__text-wrapper"><footer class="comment__meta">'
               f'<p class="comment__author"><span>{e(a)}</span></p>'
               f'<p class="comment__time">{drupal_date(when)}</p></footer>'
               f'<div class="comment__content"><div class="clearfix text-formatted field field--name-comment-body field--type-text-long field--label-hidden field__item">'
               f'<p>{e(text)}</p></div></div>'
               f'<ul class="links inline comment__links"><li class="comment-reply"><a href="#" class="comment__links-link">Reply</a></li></ul>'
               f'</div></article>')
        if kids:
            out += '<div class="indented">' + "".join(block(j) for j in kids) + "</div>"
        return out

    items = "".join(block(i) for i in children(thread, None))
    return (f'<section data-drupal-selector="comments" class="comments"><h2 class="comments__title">Comments</h2>'
            f'{items}<h2 class="add-comment__heading">Add new comment</h2></section>'), "nested"


def microdata(art, thread):
    """schema.org BlogPosting with Comment items (microdata), replies nested in their parent."""
    def item(i):
        a, when, text, _ = thread[i]
        kids = children(thread, i)
        return (f'<div class="reader-note" itemprop="comment" itemscope itemtype="https://schema.org/Comment">'
                f'<div class="note-head"><span itemprop="author" itemscope itemtype="https://schema.org/Person">'
                f'<span itemprop="name">{e(a)}</span></span> — <time itemprop="dateCreated" datetime="{when}">{eu_date(when)}</time></div>'
                f'<div itemprop="text"><p>{e(text)}</p></div>'
                + ("".join(item(j) for j in kids)) + "</div>")

    items = "".join(item(i) for i in children(thread, None))
    return f'<section class="notes"><h2>{len(thread)} reader notes</h2>{items}</section>', "nested"


def jsonld_nested(art, thread):
    """JSON-LD: the article's comment array, each reply nested in its parent's ``comment``."""
    def obj(i):
        a, when, text, _ = thread[i]
        o = {"@type": "Comment", "author": {"@type": "Person", "name": a}, "dateCreated": when, "text": text}
        kids = children(thread, i)
        if kids:
            o["comment"] = [obj(j) for j in kids]
        return o

    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": art[4],
            "author": {"@type": "Person", "name": art[5]}, "datePublished": art[6],
            "commentCount": len(thread), "comment": [obj(i) for i in children(thread, None)]}
    head = f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
    # the page shows the comments as plain blocks without any comment class
    shown = "".join(f'<div class="box"><strong>{e(thread[i][0])}</strong><p>{e(thread[i][2])}</p></div>'
                    for i, _ in dfs(thread))
    return f'<div class="below-article">{shown}</div>', "nested", head


def jsonld_parentitem(art, thread):
    """JSON-LD: flat Comment objects, each reply pointing to its parent with parentItem."""
    items = []
    for i, (a, when, text, parent) in enumerate(thread):
        o = {"@type": "Comment", "@id": f"#comment-{i + 1}", "author": {"@type": "Person", "name": a},
             "dateCreated": when, "text": text,
             "parentItem": {"@id": f"#comment-{parent + 1}"} if parent is not None else {"@id": "#article"}}
        items.append(o)
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "BlogPosting", "@id": "#article", "headline": art[4], "datePublished": art[6],
         "author": {"@type": "Person", "name": art[5]}, "commentCount": len(thread)}, *items]}
    head = f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
    return '<div id="comments-root" data-app="comments"></div>', "flat", head


def discourse(art, thread):
    """Discourse's reader view (no JavaScript): the topic's first post and its replies as Comment."""
    slug, lang, site, section, title, author, date, paras = art
    first = "".join(f"<p>{e(p)}</p>" for p in paras)
    posts = [(f'<div id="post_1" itemscope itemtype="http://schema.org/DiscussionForumPosting" class="topic-body crawler-post">'
              f'<div class="crawler-post-meta"><span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person">'
              f'<a itemprop="url" href="/u/{author.split()[0].lower()}"><span itemprop="name">{e(author)}</span></a></span>'
              f'<link itemprop="mainEntityOfPage" href="/t/{slug}/1"><span class="crawler-post-infos">'
              f'<time itemprop="datePublished" datetime="{date}Z" class="post-time">{MONTHS[dt(date).month - 1]} {dt(date).day}, {dt(date).year}, {dt(date):%I:%M%p}</time>'
              f'<meta itemprop="dateModified" content="{date}Z"><span itemprop="position">1</span></span></div>'
              f'<div class="post" itemprop="text">{first}</div>'
              f'<div itemprop="interactionStatistic" itemscope itemtype="http://schema.org/InteractionCounter">'
              f'<meta itemprop="interactionType" content="http://schema.org/LikeAction"><meta itemprop="userInteractionCount" content="12">'
              f'<span class="post-likes">12 Likes</span></div></div>')]
    for n, (a, when, text, parent) in enumerate(thread, start=2):
        posts.append(
            f'<div id="post_{n}" itemprop="comment" itemscope itemtype="http://schema.org/Comment" class="topic-body crawler-post">'
            f'<div class="crawler-post-meta"><span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person">'
            f'<a itemprop="url" href="/u/{a.split()[0].lower()}"><span itemprop="name">{e(a)}</span></a></span>'
            f'<span class="crawler-post-infos"><time itemprop="datePublished" datetime="{when}Z" class="post-time">'
            f'{MONTHS[dt(when).month - 1]} {dt(when).day}, {dt(when).year}, {dt(when):%I:%M%p}</time>'
            f'<span itemprop="position">{n}</span></span></div>'
            f'<div class="post" itemprop="text"><p>{e(text)}</p></div></div>')
    middle = (f'<div id="main-outlet" class="wrap" role="main"><div id="topic-title"><h1><a href="/t/{slug}/1">{e(title)}</a></h1>'
              f'<div class="topic-category"><span class="category-name">{e(section)}</span></div></div>'
              + "".join(posts) + '<div role="navigation" class="crawler-nav"><a href="/latest">Latest topics</a></div></div>')
    return middle, "flat", "", "whole"


def xenforo(art, thread):
    """XenForo 2 thread: article.message with data-author, div.bbWrapper, schema.org markup."""
    slug, lang, site, section, title, author, date, paras = art
    first = "<br>\n".join(e(p) for p in paras)

    def msg(n, a, when, html_text, itemtype, prop):
        return (f'<article class="message message--post js-post" data-author="{e(a)}" data-content="post-{n}" id="js-post-{n}" '
                f'itemscope itemtype="https://schema.org/{itemtype}"{prop}><div class="message-inner">'
                f'<div class="message-cell message-cell--user"><h4 class="message-name"><a class="username" itemprop="name">{e(a)}</a></h4></div>'
                f'<div class="message-cell message-cell--main"><header class="message-attribution"><ul class="message-attribution-main">'
                f'<li class="u-concealed"><a href="#post-{n}"><time class="u-dt" dir="auto" datetime="{when}+0000" itemprop="datePublished">'
                f'{MONTHS[dt(when).month - 1][:3]} {dt(when).day}, {dt(when).year}</time></a></li></ul></header>'
                f'<div class="message-content js-messageContent"><div class="message-userContent lbContainer js-lbContainer">'
                f'<article class="message-body js-selectToQuote"><div itemprop="text"><div class="bbWrapper">{html_text}</div></div></article>'
                f'</div></div><footer class="message-footer"><div class="message-actionBar actionBar"><a class="actionBar-action">Like</a>'
                f'<a class="actionBar-action">Reply</a></div></footer></div></div></article>')

    posts = [msg(1, author, date, first, "DiscussionForumPosting", "")]
    for n, (a, when, text, parent) in enumerate(thread, start=2):
        posts.append(msg(n, a, when, e(text), "Comment", ' itemprop="comment"'))
    middle = (f'<div class="p-body-header"><div class="p-title"><h1 class="p-title-value">{e(title)}</h1></div></div>'
              f'<div class="block block--messages"><div class="block-container lbContainer"><div class="block-body js-replyNewMessageContainer">'
              + "".join(posts) + '</div></div></div>')
    return middle, "flat", "", "whole"


def disqus_rendered(art, thread):
    """Disqus's embed as a browser renders it (the iframe's document inlined, as --render does)."""
    def li(i):
        a, when, text, _ = thread[i]
        kids = children(thread, i)
        d = dt(when)
        return (f'<li class="post" id="post-{600 + i}"><div role="alert"></div><div class="post-content" data-role="post-content">'
                f'<div class="indicator"></div><div class="avatar hovercard"><a class="user" href="#"><img alt="Avatar" src="/a.jpg"></a></div>'
                f'<div class="post-body"><header class="comment__header"><span class="post-byline"><span class="author publisher-anchor-color">'
                f'<a href="#">{e(a)}</a></span></span><span class="post-meta"><span class="bullet time-ago-bullet" aria-hidden="true">•</span>'
                f'<a href="#comment-{600 + i}" data-role="relative-time" class="time-ago" title="{d:%A}, {MONTHS[d.month - 1]} {d.day}, {d.year} {d:%I:%M %p}">'
                f'{3 + i} hours ago</a></span></header><div class="post-body-inner"><div class="post-message-container" data-role="message-container">'
                f'<div class="publisher-anchor-color" data-role="message-content"><div class="post-message " data-role="message" dir="auto">'
                f'<div><p>{e(text)}</p></div></div></div></div></div><footer class="comment__footer"><menu class="comment-footer__menu">'
                f'<li class="voting" data-role="voting"><a href="#" class="vote-up count-3" title="Vote up"><span class="updatable count">3</span></a></li>'
                f'<li class="reply" data-role="reply-link"><a href="#"><span class="text">Reply</span></a></li>'
                f'<li class="comment__share"><a class="toggle"><span class="text">Share ›</span></a></li></menu></footer></div></div>'
                + (f'<ul class="children" data-role="children">' + "".join(li(j) for j in kids) + "</ul>" if kids else "")
                + "</li>")

    items = "".join(li(i) for i in children(thread, None))
    return (f'<div id="disqus_thread"><div data-factdesk-frame="https://disqus.com/embed/comments/">'
            f'<div id="layout" data-tracking-area="layout"><div id="main-nav"><nav class="nav nav-primary"><ul>'
            f'<li class="nav-tab nav-tab--primary tab-conversation active"><a class="publisher-nav-color"><span class="comment-count">{len(thread)} comments</span></a></li>'
            f'</ul></nav></div><section id="conversation" data-role="main" data-tracking-area="main"><div class="post-list-container">'
            f'<ul id="post-list" class="post-list">{items}</ul></div></section></div></div></div>'
            f'<script>var disqus_config = function () {{ this.page.identifier = "{art[0]}"; }};</script>'
            f'<script async src="https://example-news.disqus.com/embed.js"></script>'), "nested"


def disqus_wp_fallback(art, thread):
    """The Disqus WordPress plugin's server-side fallback list inside #disqus_thread (flat)."""
    items = "".join(
        f'<li class="comment" id="dsq-comment-{700 + i}"><div id="dsq-comment-header-{700 + i}" class="dsq-comment-header">'
        f'<cite id="dsq-cite-{700 + i}"><span id="dsq-author-user-{700 + i}">{e(a)}</span></cite></div>'
        f'<div id="dsq-comment-body-{700 + i}" class="dsq-comment-body"><div id="dsq-comment-message-{700 + i}" class="dsq-comment-message">'
        f'<p>{e(text)}</p></div></div></li>' for i, (a, when, text, _) in enumerate(thread))
    return (f'<div id="disqus_thread"><ul id="dsq-comments">{items}</ul></div>'
            f'<script type="text/javascript">var disqus_url = "https://example.org/{art[0]}/";</script>'), "flat"


def blogger(art, thread):
    """Blogger's current comment threads (threaded comments, layouts widget)."""
    def li(i):
        a, when, text, _ = thread[i]
        kids = children(thread, i)
        d = dt(when)
        inner = ""
        if kids:
            inner = ('<div class="comment-replies"><div class="comment-thread inline-thread"><span class="thread-toggle thread-expanded">'
                     '<span class="thread-arrow"></span><span class="thread-count"><a target="_self">Replies</a></span></span>'
                     '<ol class="thread-chrome thread-expanded"><div>' + "".join(li(j) for j in kids) + "</div></ol></div></div>")
        return (f'<li class="comment" id="c{900 + i}"><div class="avatar-image-container"><img src="/b.png" alt=""></div>'
                f'<div class="comment-block"><div class="comment-header"><cite class="user"><a href="#" rel="nofollow">{e(a)}</a></cite>'
                f'<span class="icon user"></span><span class="datetime secondary-text"><a rel="nofollow" href="#c{900 + i}">'
                f'{MONTHS[d.month - 1]} {d.day}, {d.year} at {d.strftime("%I:%M %p").lstrip("0")}</a></span></div>'
                f'<p class="comment-content">{e(text)}</p><span class="comment-actions secondary-text">'
                f'<a class="comment-reply" target="_self">Reply</a><span class="item-control blog-admin"><a target="_self" href="#">Delete</a></span></span>'
                f'</div>{inner}<div class="comment-replybox-single"></div></li>')

    items = "".join(li(i) for i in children(thread, None))
    return (f'<div class="comments" id="comments"><a name="comments"></a><h4>{len(thread)} comments:</h4>'
            f'<div class="comments-content"><div id="comment-holder"><div class="comment-thread toplevel-thread">'
            f'<ol id="top-ra">{items}</ol></div></div><div class="continue"><a class="comment-reply" target="_self">Add comment</a></div>'
            f'</div><p class="comment-footer"><a href="#">Post a Comment</a></p></div>'), "nested"


def blogger_classic(art, thread):
    """Classic Blogger templates: dl#comments-block with dt/dd pairs."""
    items = "".join(
        f'<dt class="comment-author" id="c{950 + i}"><a name="c{950 + i}"></a><a href="#" rel="nofollow">{e(a)}</a> said...</dt>'
        f'<dd class="comment-body"><p>{e(text)}</p></dd>'
        f'<dd class="comment-footer"><span class="comment-timestamp"><a href="#c{950 + i}" title="comment permalink">'
        f'{dt(when).day} {MONTHS[dt(when).month - 1]} {dt(when).year} at {dt(when):%H:%M}</a></span></dd>'
        for i, (a, when, text, _) in enumerate(thread))
    return (f'<div id="comments"><a name="comments"></a><h4>{len(thread)} comments:</h4>'
            f'<dl id="comments-block">{items}</dl><p class="comment-footer"><a href="#">Post a Comment</a></p></div>'), "flat"


def ghost(art, thread):
    """Ghost (Casper) with its comments widget as rendered: utility-class markup, no comment classes."""
    blocks = []
    for i, (a, when, text, parent) in enumerate(thread):
        blocks.append(
            f'<div class="flex w-full flex-row"><div class="mr-3 flex flex-col items-center justify-start">'
            f'<div class="flex h-10 w-10 items-center justify-center rounded-full"><span class="text-md font-semibold">{e(a[0])}</span></div></div>'
            f'<div class="grow"><div class="mb-2 flex items-baseline font-sans text-[14px]"><div>'
            f'<h4 class="text-[rgb(23,23,23] font-sans text-[17px] font-bold tracking-tight">{e(a)}</h4>'
            f'<div class="flex items-baseline pr-4 font-sans text-[14px] tracking-tight text-neutral-400"><span>'
            f'<span title="{when}">{2 + i} hours ago</span></span></div></div></div>'
            f'<div class="mb-2 mt-0.5 flex flex-row items-center gap-4 pr-4"><p class="gh-comment-content text-md mb-[8px] text-neutral-900">{e(text)}</p></div>'
            f'<div class="flex gap-5"><button class="group flex items-center font-sans text-sm">Like</button>'
            f'<button class="group flex items-center font-sans text-sm">Reply</button></div></div></div>')
    return (f'<section class="article-comments gh-canvas"><div data-factdesk-frame="https://example.ghost.io/comments">'
            f'<div class="px-3 pb-2 pt-3"><div class="flex w-full items-baseline justify-between">'
            f'<h2 class="text-[2.8rem] font-bold tracking-tighter">{len(thread)} comments</h2></div>'
            + "".join(blocks) + '</div></div></section>'
            f'<script defer src="https://cdn.jsdelivr.net/ghost/comments-ui@~0.x/umd/comments-ui.min.js" '
            f'data-ghost-comments="https://example.ghost.io/" data-api="https://example.ghost.io/ghost/api/content/"></script>'), "flat"


def medium(art, thread):
    """Medium-like responses: a "Responses (n)" heading, then obfuscated-class blocks."""
    blocks = []
    for i, (a, when, text, parent) in enumerate(thread):
        d = dt(when)
        blocks.append(
            f'<div class="ab cd ef"><div class="gh ij"><div class="kl mn"><a href="/@{a.split()[0].lower()}" rel="noopener">'
            f'<p class="bf b ek z">{e(a)}</p></a><p class="bf b ek z dv">{MONTHS[d.month - 1][:3]} {d.day}, {d.year}</p></div></div>'
            f'<div class="op qr"><pre class="st uv"><div class="wx">{e(text)}</div></pre></div>'
            f'<div class="yz ab"><span class="ac">{i + 2}</span><span class="ad">Reply</span></div></div>')
    return (f'<div class="rs tu"><div class="vw"><h2 class="bf xy">Responses ({len(thread)})</h2></div>'
            + "".join(blocks) + "</div>"), "flat"


def reddit_old(art, thread):
    """old.reddit.com comment area: div.thing.comment, a.author, time, div.usertext-body, div.child."""
    def thing(i):
        a, when, text, _ = thread[i]
        kids = children(thread, i)
        return (f'<div class="thing id-t1_c{i} noncollapsed comment" id="thing_t1_c{i}" data-author="{e(a)}" data-type="comment">'
                f'<p class="parent"><a name="c{i}"></a></p><div class="midcol unvoted"><div class="arrow up"></div></div>'
                f'<div class="entry unvoted"><p class="tagline"><a href="#" class="expand">[–]</a>'
                f'<a href="/user/{e(a)}" class="author may-blank">{e(a)}</a><span class="userattrs"></span> '
                f'<span class="score unvoted">{5 + i} points</span> <time title="{when}" datetime="{when}+00:00" class="live-timestamp">{i + 1} hours ago</time></p>'
                f'<form action="#" class="usertext warn-on-unload" id="form-t1_c{i}"><input type="hidden" name="thing_id" value="t1_c{i}">'
                f'<div class="usertext-body may-blank-within md-container"><div class="md"><p>{e(text)}</p></div></div></form>'
                f'<ul class="flat-list buttons"><li class="first"><a href="#" class="bylink">permalink</a></li><li><a href="#">save</a></li>'
                f'<li><a href="#">reply</a></li></ul></div>'
                f'<div class="child">' + ('<div class="sitetable listing">' + "".join(thing(j) for j in kids) + "</div>" if kids else "")
                + '</div><div class="clearleft"></div></div>')

    items = "".join(thing(i) for i in children(thread, None))
    return (f'<div class="commentarea"><div class="panestack-title"><span class="title">all {len(thread)} comments</span></div>'
            f'<div class="menuarea"><span class="dropdown-title lightdrop">sorted by: best</span></div>'
            f'<div class="sitetable nestedlisting">{items}</div></div>'), "nested"


def reddit_new(art, thread):
    """new Reddit (shreddit): <shreddit-comment> elements with author/thingid/parentid/depth."""
    def sc(i, depth):
        a, when, text, parent = thread[i]
        kids = children(thread, i)
        pid = f"t1_c{parent}" if parent is not None else "t3_post"
        return (f'<shreddit-comment author="{e(a)}" thingid="t1_c{i}" depth="{depth}" parentid="{pid}" score="{3 + i}">'
                f'<div slot="commentMeta"><faceplate-tracker><a href="/user/{e(a)}/">{e(a)}</a></faceplate-tracker> · '
                f'<faceplate-timeago ts="{when}.000Z"><time datetime="{when}.000Z">{i + 1}h ago</time></faceplate-timeago></div>'
                f'<div slot="comment" id="t1_c{i}-comment-rtjson-content"><p>{e(text)}</p></div>'
                f'<shreddit-comment-action-row slot="actionRow"><span>Reply</span><span>Share</span></shreddit-comment-action-row>'
                + "".join(sc(j, depth + 1) for j in kids) + "</shreddit-comment>")

    items = "".join(sc(i, 0) for i in children(thread, None))
    return f'<shreddit-comment-tree id="comment-tree" totalcomments="{len(thread)}">{items}</shreddit-comment-tree>', "nested"


def hackernews(art, thread):
    """Hacker News item page: table.comment-tree, tr.athing.comtr, td.ind[indent], span.commtext."""
    rows = []
    for i, depth in dfs(thread):
        a, when, text, _ = thread[i]
        rows.append(
            f'<tr class="athing comtr" id="{8000 + i}"><td><table border="0"><tr><td class="ind" indent="{depth}">'
            f'<img src="s.gif" height="1" width="{depth * 40}"></td><td valign="top" class="votelinks"><center>'
            f'<a id="up_{8000 + i}" href="#"><div class="votearrow" title="upvote"></div></a></center></td>'
            f'<td class="default"><div style="margin-top:2px; margin-bottom:-10px;"><span class="comhead">'
            f'<a href="user?id={a.split()[0].lower()}" class="hnuser">{e(a.split()[0].lower())}</a> '
            f'<span class="age" title="{when}"><a href="item?id={8000 + i}">{i + 1} hours ago</a></span> '
            f'<span class="navs"> | <a href="#">next</a> <a class="togg clicky" href="#">[–]</a></span></span></div><br>'
            f'<div class="comment"><div class="commtext c00">{e(text)}</div><div class="reply"><p><font size="1">'
            f'<u><a href="reply?id={8000 + i}">reply</a></u></font></p></div></div></td></tr></table></td></tr>')
    return f'<table border="0" class="comment-tree">{"".join(rows)}</table>', "nested-hn"


def stackexchange(art, thread):
    """Stack Exchange question comments: ul.comments-list > li.comment, span.comment-copy, a.comment-user."""
    items = "".join(
        f'<li id="comment-{9100 + i}" class="comment js-comment" data-comment-id="{9100 + i}"><div class="js-comment-actions comment-actions">'
        f'<div class="comment-score js-comment-edit-hide"><span class="cool">{i + 1}</span></div></div>'
        f'<div class="comment-text js-comment-text-and-form"><div class="comment-body js-comment-edit-hide">'
        f'<span class="comment-copy">{e(text)}</span><div class="d-inline-flex ai-center">– '
        f'<a href="/users/{9 + i}" class="comment-user">{e(a)}</a><span class="comment-date" dir="ltr">'
        f'<a class="comment-link" href="#comment-{9100 + i}"><span title="{when}Z" class="relativetime-clean">'
        f'{MONTHS[dt(when).month - 1][:3]} {dt(when).day}, {dt(when).year} at {dt(when):%H:%M}</span></a></span></div></div></div></li>'
        for i, (a, when, text, _) in enumerate(thread))
    return (f'<div id="comments-q" class="comments js-comments-container"><ul class="comments-list js-comments-list">{items}</ul></div>'
            f'<a class="js-add-link comments-link" href="#">Add a comment</a>'), "flat"


def coral(art, thread):
    """Coral Talk as rendered (open shadow root inlined): div.coral-comment, coral-username, time."""
    def block(i, depth):
        a, when, text, _ = thread[i]
        kids = children(thread, i)
        return (f'<div class="coral coral-comment coral-indent-{depth}" data-testid="comment-c{i}" role="article">'
                f'<div class="coral coral-comment-topBar"><div class="coral coral-comment-username"><span>{e(a)}</span></div>'
                f'<time class="coral coral-timestamp coral-comment-timestamp" datetime="{when}.000Z">{i + 1} hours ago</time></div>'
                f'<div class="coral coral-content coral-comment-content"><p>{e(text)}</p></div>'
                f'<div class="coral coral-comment-actionBar"><button class="coral coral-reactButton">Respect</button>'
                f'<button class="coral coral-comment-replyButton">Reply</button></div>'
                + ('<div class="coral coral-replyList">' + "".join(block(j, depth + 1) for j in kids) + "</div>" if kids else "")
                + "</div>")

    items = "".join(block(i, 0) for i in children(thread, None))
    return (f'<div id="coral_thread"><div data-factdesk-shadow="1"><div class="coral coral-stream">'
            f'<div class="coral coral-counter">{len(thread)} Comments</div><div class="coral coral-comments">{items}</div></div></div></div>'
            f'<script src="https://coral.example.org/assets/js/embed.js" defer></script>'), "nested"


def commento(art, thread):
    """Commento as rendered: div#commento, .commento-card, .commento-name, .commento-body."""
    def card(i):
        a, when, text, _ = thread[i]
        kids = children(thread, i)
        return (f'<div id="commento-comment-card-c{i}" class="commento-card" style="border-left: 2px solid #0b7285;">'
                f'<div id="commento-comment-header-c{i}" class="commento-header"><div class="commento-name-container">'
                f'<a class="commento-name" href="#">{e(a)}</a></div><div class="commento-subtitle">'
                f'<div class="commento-timeago" title="{when}">{i + 2} hours ago</div></div></div>'
                f'<div id="commento-comment-contents-c{i}"><div id="commento-comment-body-c{i}" class="commento-body"><p>{e(text)}</p></div>'
                f'<div class="commento-options"><button class="commento-option-button commento-option-reply" title="Reply"></button></div>'
                + ('<div id="commento-comment-children-c{0}" class="commento-body commento-children">'.format(i)
                   + "".join(card(j) for j in kids) + "</div>" if kids else "") + "</div></div>")

    items = "".join(card(i) for i in children(thread, None))
    return (f'<div id="commento"><div id="commento-main-area" class="commento-main-area">'
            f'<div id="commento-comments-area" class="commento-comments">{items}</div></div></div>'
            f'<script defer src="https://cdn.commento.io/js/commento.js"></script>'), "nested"


def isso(art, thread):
    """Isso as rendered: section#isso-thread, div.isso-comment, span.author, time, div.isso-follow-up."""
    def block(i):
        a, when, text, _ = thread[i]
        kids = children(thread, i)
        return (f'<div class="isso-comment" id="isso-{i + 1}"><div class="isso-avatar"><svg></svg></div>'
                f'<div class="isso-text-wrapper"><div class="isso-comment-header" role="meta">'
                f'<span class="isso-author">{e(a)}</span><span class="isso-spacer">&bull;</span>'
                f'<a class="isso-permalink" href="#isso-{i + 1}"><time title="{when}" datetime="{when}Z">{i + 1} hours ago</time></a></div>'
                f'<div class="isso-text"><p>{e(text)}</p></div><div class="isso-comment-footer"><a class="isso-reply" href="#">Reply</a></div>'
                f'<div class="isso-follow-up">' + "".join(block(j) for j in kids) + "</div></div></div>")

    items = "".join(block(i) for i in children(thread, None))
    return (f'<section id="isso-thread"><h4 class="isso-thread-heading">{len(thread)} Comments</h4>'
            f'<div id="isso-root">{items}</div></section>'
            f'<script data-isso="//comments.example.org/" src="//comments.example.org/js/embed.min.js"></script>'), "nested"


def substack(art, thread):
    """Substack post comments: div.comments-page, div.comment with comment-meta and comment-body."""
    def block(i):
        a, when, text, _ = thread[i]
        kids = children(thread, i)
        return (f'<div class="comment" id="comment-{7700 + i}"><div class="comment-content"><div class="comment-head">'
                f'<div class="profile-img-wrap"><img src="/p.png"></div><div class="comment-meta"><span class="commenter-name">'
                f'<a href="#">{e(a)}</a></span><span class="highlight"></span><a class="comment-timestamp" href="#">'
                f'{MONTHS[dt(when).month - 1][:3]} {dt(when).day}</a></div></div>'
                f'<div class="comment-body"><p>{e(text)}</p></div><div class="comment-actions"><a>Like</a><a>Reply</a><a>Share</a></div></div>'
                + ('<div class="comment-children">' + "".join(block(j) for j in kids) + "</div>" if kids else "") + "</div>")

    items = "".join(block(i) for i in children(thread, None))
    return f'<div class="comments-page"><h4>{len(thread)} Comments</h4><div class="comment-list">{items}</div></div>', "nested"


def guardian(art, thread):
    """A news site's discussion (Guardian-like): ul.d-thread, li.d-comment, d-comment__author/body, responses."""
    def li(i):
        a, when, text, _ = thread[i]
        kids = children(thread, i)
        return (f'<li class="d-comment" id="comment-{5100 + i}" data-comment-author="{e(a)}"><div class="d-comment__inner">'
                f'<div class="d-comment__meta"><span class="d-comment__author"><a href="#" title="{e(a)}">{e(a)}</a></span>'
                f'<div class="d-comment__timestamp"><a class="d-comment__timestamp" href="#comment-{5100 + i}">'
                f'<time datetime="{when}Z" class="js-timestamp">{eu_date(when)}</time></a></div></div>'
                f'<div class="d-comment__content"><div class="d-comment__main"><div class="d-comment__body"><p>{e(text)}</p></div></div>'
                f'<div class="d-comment__actions"><button class="d-comment__action">Reply</button>'
                f'<button class="d-comment__action">Report</button></div></div></div>'
                + ('<ul class="d-thread d-thread--responses">' + "".join(li(j) for j in kids) + "</ul>" if kids else "")
                + "</li>")

    items = "".join(li(i) for i in children(thread, None))
    return (f'<div class="discussion d-discussion" id="comments"><div class="discussion__heading"><h2>Comments</h2>'
            f'<span class="discussion__comment-count">({len(thread)})</span></div><ul class="d-thread d-thread--comments">{items}</ul>'
            f'<p class="d-discussion__closed">Commenting has been disabled at this time but you can still sign in or create your account.</p></div>'), "nested"


def news_list(art, thread, lang):
    """A regional news site's reader comments, flat, with the site's own language for class names."""
    names = {"de": ("leserkommentare", "kommentar", "kommentar__autor", "kommentar__text", "Leserkommentare"),
             "fr": ("commentaires", "commentaire", "commentaire__auteur", "commentaire__texte", "Réactions"),
             "es": ("comentarios", "comentario", "comentario__autor", "comentario__texto", "Comentarios"),
             "it": ("commenti", "commento", "commento__autore", "commento__testo", "Commenti"),
             "nl": ("reacties", "reactie", "reactie__naam", "reactie__tekst", "Reacties")}[lang]
    cont, item, author_cls, text_cls, heading = names
    items = "".join(
        f'<article class="{item}"><header><span class="{author_cls}">{e(a)}</span> '
        f'<time datetime="{when}">{dt(when):%d.%m.%Y, %H:%M}</time></header><div class="{text_cls}"><p>{e(text)}</p></div>'
        f'<footer><a href="#" class="{item}__antwort">↩</a></footer></article>'
        for (a, when, text, _) in thread)
    return f'<section class="{cont}" id="{cont}"><h2>{heading} ({len(thread)})</h2>{items}</section>', "flat"


def plain_list(art, thread):
    """A hand-made list: "Comments (n)" heading and an unclassed <ul>: name, date, text per item."""
    items = "".join(
        f'<li><strong>{e(a)}</strong><br><small>{eu_date(when)}</small><p>{e(text)}</p></li>'
        for (a, when, text, _) in thread)
    return f'<div class="box"><h3>Comments ({len(thread)})</h3><ul>{items}</ul></div>', "flat"


def table_guestbook(art, thread):
    """An old CMS: comments in a table, "Name wrote:" rows, a count heading."""
    rows = "".join(
        f'<tr><td class="small"><b>{e(a)}</b> wrote:<br>{eu_date(when)}</td></tr><tr><td>{e(text)}</td></tr>'
        for (a, when, text, _) in thread)
    return f'<h4>{len(thread)} Comments</h4><table width="100%" cellpadding="4">{rows}</table>', "flat"


def closed(art, thread):
    """No comments: the section says comments are closed."""
    return ('<div id="comments" class="comments-area"><p class="no-comments">Comments are closed.</p></div>'), "none"


def empty_form(art, thread):
    """No comments yet: only the comment form under a "Leave a Reply" heading."""
    return f'<div id="comments" class="comments-area">{comment_form(art)}</div>', "none"


# (file stem, article slug, thread slug, builder)
PAGES = [
    ("wordpress_current", "harbour", "harbour", wp_current),
    ("wordpress_legacy", "library", "library", wp_legacy),
    ("wordpress_block", "solar", "solar", wp_block),
    ("drupal7", "bridge", "bridge", drupal7),
    ("drupal10", "clinic", "clinic", drupal10),
    ("discourse", "market", "market", discourse),
    ("xenforo", "wolves", "wolves", xenforo),
    ("disqus_rendered", "choir", "choir", disqus_rendered),
    ("disqus_wp_fallback", "harbour", "library", disqus_wp_fallback),
    ("microdata", "library", "clinic", microdata),
    ("jsonld_nested", "solar", "wolves", jsonld_nested),
    ("jsonld_parentitem", "bridge", "market", jsonld_parentitem),
    ("blogger", "clinic", "choir", blogger),
    ("blogger_classic", "market", "harbour", blogger_classic),
    ("ghost", "wolves", "solar", ghost),
    ("medium", "choir", "bridge", medium),
    ("reddit_old", "harbour", "clinic", reddit_old),
    ("reddit_new", "library", "wolves", reddit_new),
    ("hackernews", "solar", "choir", hackernews),
    ("stackexchange", "bridge", "solar", stackexchange),
    ("coral", "clinic", "market", coral),
    ("commento", "market", "bridge", commento),
    ("isso", "wolves", "harbour", isso),
    ("substack", "choir", "library", substack),
    ("guardian", "harbour", "solar", guardian),
    ("news_de", "wohnungen", "wohnungen", lambda a, t: news_list(a, t, "de")),
    ("news_fr", "velo", "velo", lambda a, t: news_list(a, t, "fr")),
    ("news_es", "agua", "agua", lambda a, t: news_list(a, t, "es")),
    ("news_it", "festival", "festival", lambda a, t: news_list(a, t, "it")),
    ("news_nl", "dijk", "dijk", lambda a, t: news_list(a, t, "nl")),
    ("plain_list", "library", "bridge", plain_list),
    ("table_guestbook", "bridge", "choir", table_guestbook),
    ("closed", "clinic", "clinic", closed),
    ("empty_form", "choir", "choir", empty_form),
]


def build() -> list[dict]:
    out = HERE / "html"
    out.mkdir(exist_ok=True)
    cases = []
    for n, (stem, slug, thread_slug, builder) in enumerate(PAGES, start=1):
        art, thread = ART[slug], THREADS[thread_slug]
        result = builder(art, thread)
        section, shape = result[0], result[1]
        head = result[2] if len(result) > 2 else ""
        whole = len(result) > 3 and result[3] == "whole"
        middle = section if whole else article_block(art) + section
        text = page(art, middle, head=head)
        name = f"{n:02d}_{stem}.html"
        (out / name).write_text(text, encoding="utf-8")
        if shape == "none":
            order, authors, reply_to = [], [], []
        elif shape in ("nested", "nested-hn"):
            order = dfs(thread)
            pos = {i: k for k, (i, _) in enumerate(order)}
            authors = [thread[i][0] if shape == "nested" else thread[i][0].split()[0].lower() for i, _ in order]
            reply_to = [pos[thread[i][3]] if thread[i][3] is not None else None for i, _ in order]
        else:
            order = [(i, 0) for i in range(len(thread))]
            authors = [c[0] for c in thread]
            reply_to = [c[3] for c in thread] if builder is jsonld_parentitem else [None] * len(thread)
        if builder in (medium, plain_list, table_guestbook, ghost):
            reply_to = [None] * len(order)
        c = CHROME[art[1]]
        must_not = [*related_titles(slug), c["newsletter"], f"{art[2]}. {c['rights']}"]
        if builder in (wp_current, wp_legacy, wp_block, empty_form):
            must_not.append(c["form_note"])
        cases.append({
            "file": name,
            "title": art[4],
            "must_contain": art[7],
            "must_not_contain": must_not,
            "comments_must_contain": [thread[i][2] for i, _ in order],
            "system": stem,
            "comment_authors": authors,
            "reply_to": reply_to,
        })
    with (HERE / "cases.jsonl").open("w", encoding="utf-8") as fh:
        for case in cases:
            fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    return cases


if __name__ == "__main__":
    print(f"{len(build())} pages written to {HERE / 'html'}")
