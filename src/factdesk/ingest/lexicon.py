"""Line shapes of a scraped news page: comment counts, chrome, bylines, datelines, comment headers.

These are general patterns seen across CMSs and languages (English, German, French, Spanish,
Italian, Portuguese, Dutch), not strings of any one page. Every function takes one stripped line and
is bounded: lines longer than ``SHORT_LINE_CHARS`` are never matched against the vocabulary.

>>> comment_count("9 Comments"), comment_count("Kommentare (3)"), comment_count("Comentarios: 4")
(9, 3, 4)
>>> chrome_kind("Share this article")
'share'
>>> byline("By Jane Doe and Ali Khan")
'Jane Doe and Ali Khan'
>>> date_of("Published March 3, 2025")
'2025-03-03'
"""

from __future__ import annotations

import re
from datetime import date

#: a line longer than this is never chrome, a byline, a dateline or a count line
SHORT_LINE_CHARS = 240

# -- comment sections --------------------------------------------------------------------------
_COMMENT_WORDS = (
    r"comments?|responses?|replies|reactions?|thoughts?|opinions?|"
    r"kommentare?|kommentar|leserkommentare?|beitr[äa]ge|reaktionen|"
    r"commentaires?|r[ée]actions?|r[ée]ponses?|"
    r"comentarios?|coment[áa]rios?|respuestas?|"
    r"commenti|commento|risposte|"
    r"reacties|reactie|opmerkingen|"
    r"komentarze|komentarzy|komentarz|kommentarer|kommentti[a]?|yorumlar?"
)
_COUNT_PATTERNS = (
    # "9 Comments", "3 commentaires", "12 Kommentare", "1 Reply", "42 Reader comments"
    re.compile(rf"^(?:show|view|see|read|all|zeige|voir|ver|mostrar|leggi)?\s*(\d{{1,6}})\s+"
               rf"(?:reader\s+|leser|user\s+)?(?:{_COMMENT_WORDS})\b.{{0,30}}$", re.I),
    # "Kommentare (3)", "Comentarios: 4", "Comments [12]", "Comments · 7", "Reader comments (5)"
    re.compile(rf"^(?:reader\s+|leser|user\s+|all\s+|alle\s+|tous\s+les\s+|los\s+)?(?:{_COMMENT_WORDS})"
               rf"\s*[:(\[·|–—-]?\s*(\d{{1,6}})\s*[)\]]?$", re.I),
    # "Join the discussion (5)", "Discussion: 5"
    re.compile(r"^(?:join\s+the\s+)?(?:discussion|diskussion|conversation|debate|débat|debate)"
               r"\s*[:(\[·]?\s*(\d{1,6})\s*[)\]]?$", re.I),
)
_COMMENT_HEADER = re.compile(
    rf"^(?:(?:reader|user|your|leser|nos|los|i)\s+)?(?:{_COMMENT_WORDS})\s*:?$|"
    r"^(?:leave|post|add|write|submit)\s+(?:a|a\s+new|new|your)\s+(?:comment|reply|response)|"
    r"^(?:join|start)\s+the\s+(?:discussion|conversation)|"
    r"^(?:what\s+do\s+you\s+think\??)$|"
    r"^(?:kommentar\s+(?:schreiben|verfassen)|schreiben\s+sie\s+einen\s+kommentar|diskutieren\s+sie\s+mit)|"
    r"^(?:laisser|ajouter|écrire)\s+un\s+commentaire|^(?:deja|escribe|añade)\s+(?:un|tu)\s+comentario|"
    r"^(?:lascia|scrivi)\s+un\s+commento|^(?:deixe|escreva)\s+(?:um|seu)\s+coment[áa]rio",
    re.I,
)


#: WordPress's heading: "3 thoughts on “Title”", "12 Responses to "Title"", "1 comment on «Title»"
_COUNT_ON_TITLE = re.compile(
    rf"^(\d{{1,6}})\s+(?:{_COMMENT_WORDS})\s+(?:on|to|about|for|zu|sur|à|a|en|su|op)\s+[“\"«„‘'‹「].{{1,300}}[”\"»“’'›」]$",
    re.I)


def comment_count(line: str) -> int | None:
    """How many comments a count line like "9 Comments" or "Kommentare (3)" announces.

    >>> comment_count("Kommentare (3)"), comment_count("4 thoughts on “Harbour Reopens”")
    (3, 4)
    """
    text = line.strip()
    if len(text) <= 60:
        for pattern in _COUNT_PATTERNS:
            match = pattern.match(text)
            if match:
                return int(match.group(1))
    # "6 thoughts on “The Glass Pyramid That Paris Learned to Love”": a heading that quotes the title, at
    # any length (a short title makes a short heading)
    match = _COUNT_ON_TITLE.match(text) if len(text) <= 340 else None
    return int(match.group(1)) if match else None


def is_comment_header(line: str) -> bool:
    """A heading that opens a comment section without a count ("Comments", "Leave a Reply")."""
    return len(line) <= 80 and bool(_COMMENT_HEADER.match(line.strip()))


# -- chrome ------------------------------------------------------------------------------------
#: (kind, pattern) — a short line matching the pattern is page chrome of that kind
_CHROME: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("advertisement", r"^(?:advertisement|advertising|sponsored(?:\s+content)?|ad|anzeige|werbung|"
                          r"publicit[ée]|publicidad|pubblicit[àa]|advertentie|reklama|"
                          r"story\s+continues\s+below(?:\s+advertisement)?|article\s+continues\s+below|"
                          r"continue\s+reading\s+(?:the\s+)?(?:main\s+)?(?:story|below)|"
                          r"(?:skip|close)\s+(?:the\s+)?ad(?:vertisement)?)\W*$"),
        ("share", r"^(?:(?:share|teilen|partager|compartir|condividi|compartilhar|delen|dela|del)"
                  r"\s+(?:on|auf|bei|sur|en|su|op|no|på|via|per|by|with)\s+\S+(?:\s+\S+)?|"
                  r"share(?:\s+(?:this|the|on|via|by|link))?(?:\s+(?:article|story|post|page|email|"
                  r"on\s+\w+))?|tweet|pin\s+it|email|e-mail|copy\s+link|link\s+copied|teilen|artikel\s+teilen|"
                  r"partager(?:\s+(?:cet|l['’])\s*article)?|compartir(?:\s+(?:este\s+)?art[íi]culo)?|condividi|"
                  r"delen|udostępnij|facebook|twitter|x|whatsapp|linkedin|reddit|telegram|flipboard|"
                  r"pinterest|messenger|bluesky|threads|mastodon)\W*$"),
        ("share", r"^(?:(?:facebook|twitter|x|whatsapp|linkedin|reddit|email|e-mail|telegram|print|"
                  r"bluesky|threads|mastodon|copy\s+link)[\s|·•,/]*){2,}$"),
        ("audio", r"^(?:listen(?:\s+(?:to\s+)?(?:this|the)\s+(?:article|story|audio|podcast|episode|report))?|"
                  r"listen\s+now|play(?:\s+(?:audio|article|podcast|video|episode))?|pause|"
                  r"(?:artikel\s+)?(?:jetzt\s+)?anh[öo]ren|artikel\s+vorlesen(?:\s+lassen)?|"
                  r"[ée]couter(?:\s+(?:cet|l['’])\s*article)?|escuchar(?:\s+(?:este\s+)?art[íi]culo|\s+noticia)?|"
                  r"ascolta(?:\s+l['’]articolo)?|luister(?:\s+naar\s+dit\s+artikel)?|"
                  r"audio(?:\s+(?:version|article|story))?)\W*$|"
                  r"^\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?$"),
        ("newsletter", r"(?:sign\s+up|subscribe|register)\b.{0,40}newsletter|newsletter\s*(?:sign[\s-]?up|"
                       r"abonnieren|anmelden|bestellen)|^(?:our\s+|the\s+)?newsletters?\W*$|"
                       r"get\s+(?:our|the)\b.{0,30}newsletter|^sign\s+up\s+(?:for|to|now|here)\b|"
                       r"inscrivez-vous|suscr[íi]bete|melden\s+sie\s+sich\b.{0,40}\ban\b|iscriviti|"
                       r"delivered\s+(?:straight\s+)?to\s+your\s+inbox"),
        ("subscribe", r"^(?:subscribe|subscribers?\s+only|abonnieren|abonnez-vous|s['’]abonner|"
                      r"suscr[íi]b|abbonati|abonneer|become\s+a\s+(?:member|subscriber)|"
                      r"support\s+(?:our|independent)\s+journalism|already\s+a\s+subscriber|"
                      r"unlock\s+(?:this|full)|jetzt\s+(?:abonnieren|testen|lesen))"),
        ("related", r"^(?:related(?:\s+(?:articles?|stories|posts|content|coverage|topics))?|"
                    r"read\s+(?:more|also|next)|see\s+also|more\s+(?:from|on|about|stories|news|in)|"
                    r"recommended(?:\s+for\s+you)?|you\s+(?:may|might)\s+(?:also\s+)?like|"
                    r"most\s+(?:read|popular|viewed)|trending(?:\s+now)?|top\s+stories|latest\s+news|"
                    r"editor['’]?s\s+picks|don['’]t\s+miss|"
                    r"lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|auch\s+interessant|weitere\s+artikel|"
                    r"das\s+k[öo]nnte\s+sie\s+auch\s+interessieren|"
                    r"[àa]\s+lire\s+(?:aussi|également)|lire\s+(?:aussi|la\s+suite)|sur\s+le\s+m[êe]me\s+sujet|"
                    r"lea\s+tambi[ée]n|lee\s+tambi[ée]n|te\s+puede\s+interesar|m[áa]s\s+noticias|"
                    r"leggi\s+anche|potrebbe\s+interessarti|leia\s+tamb[ée]m|lees\s+ook|"
                    r"zie\s+ook)\b"),
        ("cookie", r"we\s+use\s+cookies|(?:site|website|page)\s+uses\s+cookies|cookie\s+(?:settings|policy|"
                   r"preferences|consent|banner)|accept\s+(?:all\s+)?cookies|^cookies?\W*$|"
                   r"^privacy\s+(?:policy|settings)\W*$|datenschutz(?:erkl[äa]rung|einstellungen)|"
                   r"utilise\s+des\s+cookies|utiliza(?:mos)?\s+cookies|verwendet\s+cookies|"
                   r"^(?:accept\s+all|alle\s+akzeptieren|tout\s+accepter|aceptar\s+todo|"
                   r"manage\s+(?:preferences|consent))\W*$"),
        ("follow", r"^(?:follow\s+(?:us|me|@|on|the\s+author)|folgen\s+sie|suivez[-\s]nous|s[íi]guenos|"
                   r"seguici|volg\s+ons)"),
        ("copyright", r"^(?:©|\(c\)|copyright\b)|all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|"
                      r"tous\s+droits\s+r[ée]serv[ée]s|todos\s+los\s+derechos\s+reservados"),
        ("media", r"^(?:photo|image|picture|foto|bild|video|graphic|illustration|credit|source|"
                  r"quelle|cr[ée]dit|fuente)\s*[:|/©]|(?:getty\s+images|reuters|associated\s+press|"
                  r"ap\s+photo|afp|shutterstock|dpa|epa|istock)\s*\W*$|^(?:watch|ver|regarder)\s*[:|]"),
        ("meta", r"^(?:\d{1,3}\s*(?:-|\s)?\s*(?:min(?:ute)?s?|minuten)\s*(?:read|lesezeit|de\s+lecture|"
                 r"de\s+lectura)?|(?:reading\s+time|lesezeit|temps\s+de\s+lecture|tiempo\s+de\s+lectura)"
                 r"\b.{0,20}|(?:tags?|topics?|themen|th[èe]mes|temas|categories|category|filed\s+under|"
                 r"schlagw[öo]rter|mots-cl[ée]s|etiquetas)\s*:.{0,200}|updated|aktualisiert|mis\s+[àa]\s+jour|"
                 r"actualizado)\W*$"),
        ("navigation", r"^(?:home|menu|search|log\s*in|sign\s+in|log\s*out|register|skip\s+to\s+"
                       r"(?:main\s+)?content|back\s+to\s+top|next|previous|prev|more|close|open|"
                       r"startseite|suche|accueil|recherche|inicio|buscar|anmelden|connexion|"
                       r"iniciar\s+sesi[óo]n|page\s+\d+(?:\s+of\s+\d+)?|load\s+more(?:\s+comments)?|"
                       r"show\s+more(?:\s+comments)?|view\s+(?:all\s+|more\s+)?comments|"
                       r"sort\s+by\b.{0,30}|newest|oldest|best|top|print|drucken|imprimer|imprimir|"
                       r"print\s+this\s+(?:article|page))\W*$"),
        ("comment_form", r"your\s+email\s+address\s+will\s+not\s+be\s+published|required\s+fields\s+are\s+marked|"
                         r"^(?:post|submit|publish)\s+(?:a\s+)?(?:comment|reply)\W*$|^cancel\s+reply\W*$|"
                         r"^(?:name|email|e-mail|website)\s*\*?\s*:?$|you\s+must\s+be\s+logged\s+in|"
                         r"comments?\s+(?:are|have\s+been)\s+closed|log\s+in\s+to\s+(?:comment|reply)|"
                         r"(?:read|follow|see|respect)\s+our\s+community\s+guidelines|"
                         r"kommentarfunktion\s+(?:ist|wurde)\s+(?:deaktiviert|geschlossen)|"
                         r"commentaires\s+sont\s+ferm[ée]s|protected\s+by\s+recaptcha|"
                         r"terms\s+of\s+(?:service|use)\s+apply|powered\s+by\s+(?:disqus|wordpress)"),
        ("comment_action", r"^(?:reply|replies|like|likes|dislike|report|flag|share|permalink|upvote|downvote|"
                           r"antworten|melden|gef[äa]llt\s+mir|r[ée]pondre|signaler|j['’]aime|responder|"
                           r"denunciar|me\s+gusta|rispondi|segnala|beantwoorden|reageer|edit|delete)"
                           r"(?:\s*\(\d{1,6}\)|\s+\d{1,6}|\s+to\s+\S{1,40})?\W*$|"
                           r"^[↑↓▲▼👍👎♥❤+-]?\s*\d{1,6}\s*(?:likes?|points?|votes?|upvotes?|[↑↓▲▼👍👎♥❤])?$|"
                           r"^(?:\d{1,6}\s+)?(?:replies|réponses|respuestas|antworten)\W*$"),
    )
)


_BREADCRUMB = re.compile(r"^[^|>›»/]{1,40}(?:\s+[|>›»/]\s+[^|>›»/]{1,40}){1,10}\s*[|>›»/]?$")


def chrome_kind(line: str) -> str | None:
    """The kind of page chrome a short line is ("share", "advertisement", …), or ``None``.

    Long lines (running prose) are never chrome by vocabulary, except the shapes that are
    full sentences of chrome (newsletter pitches, cookie banners, comment-form notes).
    """
    text = line.strip()
    if not text or len(text) > SHORT_LINE_CHARS:
        return None
    words = len(text.split())
    if _BREADCRUMB.match(text) and all(len(seg.split()) <= 3 for seg in re.split(r"\s+[|>›»/]\s+", text)):
        return "navigation"
    for kind, pattern in _CHROME:
        if not pattern.search(text):
            continue
        # full-sentence chrome (a newsletter pitch, a cookie notice) may be longer than a label
        if words <= 12 or (kind in ("newsletter", "cookie", "comment_form", "subscribe") and words <= 25):
            return kind
    return None


# -- bylines -----------------------------------------------------------------------------------
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]+(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]*|de|da|del|della|van|von|der|den|la|le|du|dos|bin|al|el))*"
#: a place after the names ("By Martín Quiroga in Trelew", "by Anna Berg from Oslo")
_BYLINE_PLACE = r"(?:in|from|at)\s+[A-ZÀ-ÖØ-Þ][\w'’.\-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.\-]*){0,3}"
_BYLINE = re.compile(
    rf"^(?:(?i:written\s+by|reported\s+by|story\s+by|words\s+by|by|von|par|por|di|door|av|af|przez|de)\s*:?"
    rf"|(?i:author|authors|reporter|writer|correspondent|text|words|autor|auteur|autore)\s*:)\s+"
    rf"(?P<names>{_NAME}(?:\s*(?:,|&|and|und|et|y|e|en|og|i)\s*{_NAME}){{0,4}}?)"
    rf"(?P<rest>\s*(?:[,|·•–—-].{{0,80}}|\s{_BYLINE_PLACE})?)$",
    re.U,
)


_BYLINE_TAIL = re.compile(rf"\b(?i:by|von|par|por|door)\s+(?P<names>{_NAME}(?:\s*(?:,|&|and|und|et|y)\s*{_NAME}){{0,4}})\s*$")
_BYLINE_LEAD = re.compile(r"^(?:posted|published|written|updated|filed|veröffentlicht|publié|publicado)\b", re.I)


def byline(line: str) -> str | None:
    """The author names of a byline ("By Jane Doe", "Von Max Muster", "Par Jean Dupont")."""
    text = line.strip()
    if len(text) > 160 or len(text.split()) > 20:
        return None
    match = _BYLINE.match(text)
    if not match and (date_of(text) or _BYLINE_LEAD.match(text)):
        match = _BYLINE_TAIL.search(text)  # "Posted on May 20, 2025 by Jane Doe"
    if not match:
        return None
    names = match.group("names").strip()
    return names or None


# -- dates -------------------------------------------------------------------------------------
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar janvier enero gennaio janeiro januari jän janv ene gen",
        "february feb februar février fevrier febrero febbraio fevereiro februari févr fév",
        "march mar märz maerz mars marzo março maart mrz",
        "april apr avril abril aprile abr",
        "may mai mayo maggio maio mei",
        "june jun juni juin junio giugno junho",
        "july jul juli juillet julio luglio julho juil",
        "august aug august août aout agosto augustus ago",
        "september sep sept septembre septiembre settembre setembro set",
        "october oct oktober octobre octubre ottobre outubro okt ott out",
        "november nov novembre noviembre novembro",
        "december dec dezember décembre decembre diciembre dicembre dezembro dic dez",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)

#: month names and abbreviations in the supported languages (lower case)
MONTH_NAMES: frozenset[str] = frozenset(_MONTHS)
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_DATE_PATTERNS = (
    ("ymd", re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b")),
    ("mdy_name", re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)),
    ("dmy_name", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|º|°)?\.?\s+(?:de\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+)?(\d{{4}})\b", re.I)),
    ("dmy_dot", re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")),
)
_DATELINE_WORDS = re.compile(
    r"^(?:published|posted|updated|last\s+updated|first\s+published|modified|on|am|le|el|il|em|op|"
    r"veröffentlicht|aktualisiert|stand|publié|mis\s+à\s+jour|publicado|actualizado|pubblicato|"
    r"aggiornato|gepubliceerd|bijgewerkt|at|um|à|a\s+las|alle|às|om|uhr|h|utc|gmt|cet|cest|est|edt|"
    r"pst|pdt|bst|am|pm|a\.m\.|p\.m\.|de|del|of|the|and|und|et|y|,|\||·|•|-|–|—|:|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"lun|mar|mer|jeu|ven|sam|dim|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo|"
    r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)\.?$",
    re.I,
)


def date_of(line: str) -> str | None:
    """The first calendar date in a short line, as ISO ``YYYY-MM-DD`` (``None`` if none/invalid)."""
    text = line.strip()
    if len(text) > SHORT_LINE_CHARS:
        return None
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                if kind == "ymd":
                    y, m, d = (int(g) for g in match.groups())
                elif kind == "mdy_name":
                    m, d, y = _MONTHS[match.group(1).lower()], int(match.group(2)), int(match.group(3))
                elif kind == "dmy_name":
                    d, m, y = int(match.group(1)), _MONTHS[match.group(2).lower()], int(match.group(3))
                else:
                    d, m, y = (int(g) for g in match.groups())
                return date(y, m, d).isoformat()
            except (ValueError, KeyError):
                continue
    return None


#: a place before a date ("Korsava, Sunday 15 March 2026", "SAN AURELIO, 20 September 2026")
_PLACE_FIRST = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.\-]*(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]*|de|del|la|le|am|an|upon|on))"
                          r"{0,3}\s*[,–—-]\s+(?=\S)")


def is_dateline(line: str) -> bool:
    """A line that is a date and nothing else of substance ("Published March 3, 2025, 10:14 am"), or a
    place and a date ("Korsava, Sunday 15 March 2026")."""
    text = line.strip()
    if len(text) > 100 or not date_of(text):
        return False
    placed = _PLACE_FIRST.sub("", text, count=1)
    if placed != text and date_of(placed) and _only_a_date(placed):
        return True
    return _only_a_date(text)


def _only_a_date(text: str) -> bool:
    rest = text
    for _kind, pattern in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = re.sub(r"\d{1,2}[:.h]\d{2}(?::\d{2})?", " ", rest)
    tokens = [t.rstrip(":") for t in re.split(r"[\s,()]+", rest) if t.rstrip(":")]
    return all(_DATELINE_WORDS.match(t) for t in tokens)


# -- comment headers (author / time lines) -----------------------------------------------------
_RELATIVE_TIME = re.compile(
    r"^(?:about\s+|vor\s+|il\s+y\s+a\s+|hace\s+|há\s+|circa\s+|ongeveer\s+)?(?:an?|one|einer?|un|une|una|\d{1,4})\s*"
    r"(?:s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|wk|weeks?|mo|months?|y|yr|years?|"
    r"sekunden?|minuten?|stunden?|tagen?|wochen?|monaten?|jahren?|secondes?|heures?|jours?|semaines?|mois|ans?|"
    r"segundos?|minutos?|horas?|d[íi]as?|semanas?|meses|mes|años?|anni|ore|ora|giorni|minuti|uur|dagen?)"
    r"\.?(?:\s+(?:ago|fa|geleden|atr[áa]s))?\.?$|"
    r"^(?:just\s+now|yesterday|today|gestern|heute|hier|aujourd['’]hui|ayer|hoy|ieri|oggi|gisteren|vandaag)\b.{0,20}$",
    re.I,
)
_AUTHOR_SAYS = re.compile(
    r"^(?P<name>[^\s].{0,50}?)\s+(?:says|said|wrote|writes|replied|schreibt|schrieb|a\s+écrit|dit|dice|escribió|"
    r"scrive|ha\s+scritto|schreef|zegt)\s*:?$",
    re.I,
)
_HANDLE = re.compile(r"^@?[A-Za-z0-9_.\-]{2,30}$")
_NAME_LINE = re.compile(r"^[A-ZÀ-ÖØ-Þ@][\w'’.\-]*(?:\s+[\w'’.\-]+){0,3}$", re.U)
_SEPARATOR = re.compile(r"\s+(?:[|·•–—]|-)\s+|\s+on\s+(?=\S)|\s+(?=\d+\s*\w+\s+ago$)")


def relative_or_absolute_time(line: str) -> str | None:
    """The time of a comment line ("2 hours ago", "vor 3 Stunden", "March 3, 2025 at 9:14 am")."""
    text = line.strip()
    if len(text) > 80:
        return None
    if _RELATIVE_TIME.match(text):
        return text
    if is_dateline(text):
        return date_of(text)
    return None


def comment_author(line: str) -> tuple[str, str | None] | None:
    """Split a comment header line into (author, time-or-None), or ``None`` if it is not one.

    >>> comment_author("Maria K. · 2 hours ago")
    ('Maria K.', '2 hours ago')
    >>> comment_author("jdoe_77 says:")
    ('jdoe_77', None)
    """
    text = line.strip()
    if not text or len(text) > 100 or text[-1] in ".!?…\"”»":
        if not (text.endswith(":") or (text and _AUTHOR_SAYS.match(text))):
            return None
    says = _AUTHOR_SAYS.match(text)
    if says:
        name, when = _split_name_time(says.group("name"))
        return (name, when) if name else None
    name, when = _split_name_time(text)
    if when is None:
        return None  # a bare name is only an author when a time line follows (see page_text)
    return (name, when) if name else None


def _split_name_time(text: str) -> tuple[str, str | None]:
    parts = _SEPARATOR.split(text, maxsplit=1)
    if len(parts) == 2:
        name, when = parts[0].strip(), parts[1].strip()
        when_value = relative_or_absolute_time(when)
        if when_value and looks_like_name(name):
            return name, when_value
    return text.strip(), None


def looks_like_name(text: str) -> bool:
    """A person's name or a user handle: 1-4 tokens, no sentence punctuation."""
    text = text.strip().rstrip(":")
    if not text or len(text) > 50 or text[-1] in ".!?…," and not re.search(r"\b[A-Z]\.$", text):
        return False
    return bool(_NAME_LINE.match(text) or _HANDLE.match(text))


# -- widget descriptions -----------------------------------------------------------------------
_ADDRESSES_READER = re.compile(
    r"\bthis\s+(?:article|story|page|post)\b|"
    r"^(?:tell|let|share|send|join|verify|check|vote|rate|sign|subscribe|follow|download|click|tap)\b"
    r".{0,200}\b(?:us|your?)\b|"
    r"\b(?:dieser|diesen|diesem)\s+(?:artikel|beitrag|text)|\b(?:cet|ce)\s+article|"
    r"\best[ea]\s+(?:art[íi]culo|noticia)|\bquesto\s+articolo|\bdit\s+artikel|"
    r"\b(?:sagen|teilen)\s+sie\s+uns|\bdites[-\s]nous|\bcu[ée]ntanos|\bdicci\b|\blaat\s+ons\b",
    re.I,
)


def addresses_reader(line: str) -> bool:
    """A line about the page itself or addressed to the reader — the shape of a widget's description.

    >>> addresses_reader("Verify the accuracy of this article using our analysis.")
    True
    >>> addresses_reader("The report found that 40 percent of the funds were unspent.")
    False
    """
    text = line.strip()
    return len(text) <= 300 and bool(_ADDRESSES_READER.search(text))

