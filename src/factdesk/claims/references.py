"""References to things: "it", "its", "the telescope", "the vessel", "that turbine" → what they name.

People are resolved by the mention table (``mentions.py``); this module does the same for places,
organisations, works, structures, vessels and the other things an article is about. It keeps a
*thing table* that grows sentence by sentence, like a reader's memory:

- every noun phrase headed by a name or by a noun with modifiers is a thing ("the Hubble Space
  Telescope", "a cold-water coral reef in Storfjorden", "the Kvarnforsen dam"), with the nouns it
  can be called by: its head ("telescope"), what an appositive or a copula says it is ("an
  observatory", "is a basilica"), and the broader nouns of those (a ferry is also a vessel or a
  boat, a cathedral a church or a building, a city a town; see ``BROADER``);
- salience after Lappin & Leass (1994), as for people: each mention adds 100 plus a weight for its
  role (subject 80, object 50, prepositional object 40, other 30), halved with every sentence; the
  things the headline names start with a bonus, since the article's main subject is usually the
  antecedent;
- **definite descriptions** "the/this/that (modifiers) NOUN" ("the telescope", "The vessel", "that
  turbine") become the most salient thing that NOUN can name; a modifier the thing's name lacks is
  kept ("the new bridge" → "the new Carola Bridge"); a description that says which thing it is
  (followed by "of …", a relative clause, an appositive) is left alone;
- **"it" / "its"** outside quotation marks (and not the "it" of "it is likely that…") become the most
  salient singular thing: "Its nave" → "The Jerónimos Monastery's nave".

Nothing inside quotation marks is rewritten.

>>> table = ThingTable("Hubble marks 35 years in orbit")
>>> repl = {}
>>> table.sentence(nlp("The Hubble Space Telescope, an observatory, was launched in 1990."), 0, repl, [False] * 12)
>>> doc = nlp("The telescope orbits Earth.")
>>> table.sentence(doc, 1, repl := {}, [False] * len(doc)); repl
{0: (2, 'The Hubble Space Telescope')}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factdesk.claims.mentions import (BUSINESS_NOUNS, COMPANY_KINDS, ORG_ROLES, PERSON_ROLES, PRODUCT_LIKE,
                                      PUBLIC_BODY_WORDS, SPEECH_LEMMAS)

#: broader nouns a thing can also be called by ("the vessel" for a ferry)
BROADER: dict[str, frozenset[str]] = {
    k: frozenset(v.split())
    for k, v in {
        "ferry": "vessel boat ship", "ship": "vessel boat", "boat": "vessel", "warship": "vessel ship boat",
        "tanker": "vessel ship", "yacht": "vessel boat", "liner": "vessel ship", "frigate": "vessel ship warship",
        "cathedral": "church building basilica", "basilica": "church building", "church": "building",
        "monastery": "building", "chapel": "church building", "mosque": "building", "temple": "building",
        "tower": "structure building", "bridge": "structure crossing", "dam": "structure barrier",
        "tunnel": "structure", "lift": "structure", "elevator": "structure", "stadium": "venue building arena ground",
        "arena": "venue building", "museum": "building institution", "library": "building", "school": "building",
        "hospital": "building", "station": "building", "mansion": "building house", "palace": "building",
        "villa": "estate house residence building",
        "dinosaur": "animal species creature reptile", "titanosaur": "dinosaur sauropod animal species creature",
        "sauropod": "dinosaur animal species creature", "abelisaurid": "dinosaur animal species creature",
        "mammal": "animal species creature", "whale": "mammal animal species creature",
        "farmhouse": "house building", "manor": "house estate building",
        "castle": "building", "hall": "building venue", "theatre": "building venue", "pool": "facility",
        "reactor": "plant unit", "turbine": "machine", "plant": "facility site", "factory": "plant site facility",
        "mine": "site", "warehouse": "building site", "centre": "facility site building", "center": "facility site building",
        "reef": "formation", "telescope": "observatory instrument", "observatory": "telescope instrument",
        "satellite": "spacecraft probe", "probe": "spacecraft", "rocket": "launcher vehicle",
        "airship": "aircraft craft", "zeppelin": "airship aircraft craft", "plane": "aircraft craft",
        "airliner": "aircraft plane craft jet", "jet": "aircraft plane craft",
        "cable": "link line", "pipeline": "line link", "line": "route link", "railway": "line route",
        "extension": "section line", "tramway": "line route",
        "viaduct": "bridge structure crossing", "aqueduct": "bridge structure", "footbridge": "bridge structure crossing",
        "skyscraper": "tower building", "lighthouse": "tower building structure", "abbey": "church building monastery",
        "convent": "building", "synagogue": "building", "fortress": "castle building", "fort": "building",
        "prison": "building jail", "terminal": "building", "planetarium": "building", "aquarium": "building",
        "airport": "site", "harbour": "port", "port": "harbour",
        "monument": "column memorial structure", "column": "monument structure", "obelisk": "monument structure",
        "memorial": "monument structure", "statue": "monument sculpture work",
        "motorway": "road route", "canal": "waterway route", "river": "waterway", "fjord": "inlet",
        "symphony": "work piece composition", "opera": "work piece", "novel": "book work", "book": "work",
        "film": "work picture", "painting": "work picture", "sculpture": "work", "album": "record work",
        "university": "institution", "company": "firm business group", "firm": "company business",
        "airline": "carrier company", "carrier": "airline company", "bank": "lender company",
        "club": "team side", "team": "side club", "orchestra": "ensemble", "festival": "event",
        "marathon": "race event", "race": "event", "classic": "race event", "prix": "race event",
        "rally": "race event", "regatta": "race event", "cup": "competition tournament event",
        "championship": "competition tournament event", "championships": "competition tournament event",
        "final": "match game", "match": "game",
        "fire": "blaze disaster", "earthquake": "quake disaster", "storm": "disaster", "flood": "disaster",
        "outbreak": "epidemic", "epidemic": "outbreak", "city": "town", "town": "city", "village": "town",
        "country": "nation state", "restaurant": "place", "café": "place", "cafe": "place",
        "merger": "deal", "acquisition": "deal", "takeover": "deal", "contract": "deal order agreement",
        "order": "contract deal", "agreement": "deal", "budget": "plan", "programme": "plan scheme",
        "program": "plan scheme", "proposal": "plan", "scheme": "plan programme", "plan": "proposal scheme",
        "act": "law bill legislation", "law": "act bill legislation", "bill": "law act legislation",
    }.items()
}
#: the class word of a name in another language, in English ("the institute" for the "Instituto …")
FOREIGN_KINDS: dict[str, str] = {
    w: english for english, words in {
        "institute": "instituto institut istituto instytut", "university": "universidade universidad università "
        "universität université uniwersytet univerzita universitet", "museum": "museo musée muzeum museu musei",
        "theatre": "teatro théâtre teatr divadlo", "cathedral": "catedral cathédrale duomo katedra",
        "bridge": "ponte pont puente brücke most", "tower": "torre tour turm", "station": "estação estación gare "
        "bahnhof stazione", "church": "igreja iglesia église kirche chiesa kościół kostel", "palace": "palácio "
        "palacio palais palazzo pałac", "castle": "castelo castillo château castello schloss zamek hrad",
        "library": "biblioteca bibliothèque bibliothek biblioteka knihovna", "observatory": "observatorio "
        "observatoire observatório sternwarte obserwatorium hvězdárna", "foundation": "fundação fundación "
        "fondation stiftung fondazione fundacja nadace", "stadium": "estádio estadio stade stadion stadio",
        "airport": "aeroporto aeropuerto aéroport flughafen lotnisko letiště", "hospital": "hôpital ospedale "
        "krankenhaus szpital nemocnice", "orchestra": "orquesta orchestre orchester orkiestra orquestra",
        "company": "companhia compañía compagnie gesellschaft", "bank": "banco banque banca",
        "consortium": "consorcio consórcio consorzio konsortium", "association": "associação asociación association "
        "associazione verein stowarzyszenie sdružení", "society": "sociedad sociedade société società",
    }.items() for w in words.split()
}
#: places a GPE may be called by ("the city", "the country")
COUNTRIES = frozenset(
    """afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahrain bangladesh
    belarus belgium bolivia bosnia brazil bulgaria cambodia cameroon canada chile china colombia croatia cuba cyprus
    czechia denmark ecuador egypt estonia ethiopia finland france georgia germany ghana greece guatemala hungary
    iceland india indonesia iran iraq ireland israel italy japan jordan kazakhstan kenya kosovo kuwait latvia
    lebanon libya liechtenstein lithuania luxembourg malaysia mali malta mexico moldova monaco mongolia montenegro
    morocco mozambique myanmar nepal netherlands nigeria norway pakistan panama paraguay peru philippines poland
    portugal qatar romania russia rwanda senegal serbia singapore slovakia slovenia somalia spain sudan sweden
    switzerland syria taiwan tanzania thailand tunisia turkey uganda ukraine uruguay uzbekistan venezuela vietnam
    yemen zambia zimbabwe""".split()
) | {"united states", "united kingdom", "czech republic", "south africa", "south korea", "north korea", "new zealand",
     "saudi arabia", "cape verde", "the netherlands", "costa rica", "sri lanka", "el salvador", "the united states",
     "the united kingdom", "britain", "england", "scotland", "wales"}
GPE_NOUNS = frozenset({"city", "town", "capital", "municipality"})
_AREA_WORDS = frozenset({"county", "region", "province", "district", "state", "department", "canton", "central",
                         "northern", "southern", "eastern", "western", "north", "south", "east", "west"})
#: "Łódź city council", "Bollnäs municipality": the name before these is a place
_PLACE_HEADS = frozenset({"city", "town", "municipality", "county", "village"})
#: diseases an article names without a capital or an article ("a measles outbreak", "cases of cholera")
DISEASES = frozenset("""measles mumps rubella polio cholera tuberculosis malaria dengue influenza flu covid covid-19
    ebola mpox smallpox diphtheria tetanus typhoid hepatitis hiv aids zika rabies pertussis chickenpox meningitis
    leprosy plague anthrax yellow-fever sars mers norovirus salmonella listeria legionella""".split())
#: those written in capitals
_DISEASE_CAPS = frozenset({"covid", "covid-19", "hiv", "aids", "sars", "mers"})
#: what a disease may be called
_DISEASE_NOUNS = frozenset({"disease", "illness", "infection", "virus", "outbreak"})
#: what a place has ("Ravensholm's streets", "Brackley's mayor"): its owner is a place, not a person
#: (only a place has the first of them, whatever the recogniser says: "Ostermoor's streets")
ONLY_A_PLACE_OWNS = frozenset({"street", "mayor", "councillor", "resident", "inhabitant", "citizen", "suburb",
                               "outskirts", "population", "skyline", "waterfront"})
PLACE_OWNED = ONLY_A_PLACE_OWNS | {"council", "harbour", "port", "airport", "district", "tram", "metro", "bus", "railway",
                                   "station", "centre", "center"}
#: what strikes a building or a place, and the verbs that tell it ("A fire destroyed a warehouse")
_DISASTERS = frozenset({"fire", "blaze", "explosion", "blast", "storm", "flood", "earthquake", "quake", "landslide",
                        "avalanche", "tornado", "hurricane", "typhoon", "cyclone", "wildfire", "inferno"})
_STRIKING = frozenset({"destroy", "damage", "gut", "engulf", "ravage", "hit", "strike", "devastate", "flatten",
                       "level", "sweep", "tear", "burn"})
#: the rounds of a competition, and what a competition is called ("the final" of "the women's national cup")
_ROUNDS = frozenset({"final", "semi-final", "semifinal", "quarter-final", "quarterfinal"})
_NOMINAL = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})
_COMPETITIONS = frozenset({"cup", "championship", "championships", "tournament", "trophy", "competition", "league"})
#: what a name before them describes, not a place ("Art Nouveau style", "Gothic Revival architecture")
_MANNER = frozenset({"style", "fashion", "cuisine", "architecture", "design", "tradition", "manner", "movement",
                     "revival", "dialect", "accent", "idiom", "genre"})
#: the people of a place ("Zürich voters"): the name before them is a place
_RESIDENTS = frozenset({"voters", "residents", "inhabitants", "citizens", "taxpayers", "households", "commuters",
                        "locals", "ratepayers"})
#: what a place named before them is ("Gävleborg county"): not a town "the municipality" may mean
_AREA_HEADS = frozenset({"county", "region", "province", "district", "canton", "department", "state"})
COUNTRY_NOUNS = frozenset({"country", "nation"})
#: nouns that never name a thing of the article (time, quantities, abstract words)
_NOT_THINGS = frozenset(
    """time year years day days week weeks month months decade century hour hours minute minutes second seconds
    per cent percent number amount total rest part end start beginning way lot kind sort type case fact
    thing things people person man woman men women one ones crowd audience total majority average name
    score rate share figure percentage proportion level""".split()
)
_NAMING_VERBS = frozenset({"proclaim", "name", "declare", "call", "make", "elect", "appoint", "dub", "crown", "designate"})
#: verbs that give a thing its name ("called Atlântida", "named Sulafjord", "known as …")
_CALLING_VERBS = frozenset({"call", "name", "know", "dub", "christen", "baptise", "baptize", "nickname"})
_PLEONASTIC_HEADS = frozenset({"be", "seem", "appear", "take", "remain", "emerge", "become", "make", "matter",
                               "happen", "follow", "rain", "cost"})
#: a mention in the sentence's main clause counts this much more (see ``ThingTable._in_main_clause``)
MAIN_CLAUSE_WEIGHT = 80.0
#: the roles that get it: the clause's own arguments, not a phrase after a preposition ("returned to Australia")
_CORE_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "dative"})
_ROLE_WEIGHTS = {"nsubj": 80.0, "nsubjpass": 80.0, "dobj": 50.0, "dative": 50.0, "attr": 50.0, "pobj": 40.0}
#: words that join the parts of a name ("the Museum of Silverwork", "Sporting de Alcântara")
_NAME_LINKS = frozenset({"of", "in", "to", "at", "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des",
                         "von", "van", "der", "den", "la", "le"})
_NAME_ENTS = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})


@dataclass
class Thing:
    name: str  # as a reader first met it, with "the" where it takes one ("the Kvarnforsen dam", "NASA")
    nouns: set[str]
    label: str = ""
    plural: bool = False
    named: bool = False
    salience: float = 0.0
    sentence: int = -1
    mentions: int = 0
    order: int = 0
    words: frozenset[str] = field(default_factory=frozenset)
    subjects: int = 0  # mentions as a subject
    span: tuple[int, int] | None = None  # where the phrase that introduced it stands in its sentence
    topic: float = 0.0  # the headline names it
    #: where an unnamed thing is ("in Storfjorden"), the end of its name; a possessive goes without it
    where: str = ""
    #: introduced as "a/an …" what someone planned, proposed or wanted ("had planned a conventional neo-Gothic
    #: church"): maybe never built, so not what "the church" later means when the article's subject can be
    hypothetical: bool = False
    #: mentions as a place ("founded in Truro", "at Exeter"): a name the recogniser calls an organisation
    #: may be a town
    placed: int = 0
    #: the two that merge, for a merger told by a verb ("Café Aurora", "Grão Mineiro"): what "the combined
    #: company" is made of
    parties: tuple[str, str] | None = None

    @property
    def placeless(self) -> str:
        """The name without where it is ("the reef", not "the reef in Storfjorden"): what a possessive takes."""
        return self.name[:-len(self.where)] if self.where else self.name

    @property
    def score(self) -> float:
        """Salience that lasts: the article's main subject stays the likely antecedent."""
        return self.salience + 25.0 * min(self.subjects, 4) + self.topic + (20.0 if self.named else 0.0)


#: modifiers that tell one state of a named thing from another ("the new bridge" → "the new Carola Bridge");
#: others are dropped before a name ("the metro company" → "Metroselskabet")
_DISTINGUISHING = frozenset({"new", "old", "former", "original", "current", "first", "second", "third", "last",
                             "previous", "next", "future", "present", "upper", "lower", "north", "south", "east", "west",
                             "northern", "southern", "eastern", "western", "remaining", "damaged", "collapsed",
                             "merged", "combined", "enlarged", "expanded", "renamed", "restored", "rebuilt"})
#: marks that say a thing is the new one: "the new route" is "the city's second metro line"
_NEW_LIKE = frozenset({"second", "third", "next", "extended", "expanded", "enlarged", "rebuilt", "restored", "renamed"})


def _leading(things) -> Thing | None:
    """The thing of ``things`` with the highest score when it clearly leads (the next under 0.8 of it)."""
    cands = sorted(things, key=lambda t: t.score, reverse=True)
    if not cands or (len(cands) > 1 and cands[1].score > 0.8 * cands[0].score):
        return None
    return cands[0]


def _said(name: str) -> set[str]:
    """The distinguishing marks a thing's name says, "new" among them when it calls the thing a later one."""
    words = set(name.lower().split())
    return words | {"new"} if words & _NEW_LIKE else words


#: what happens or is agreed, not a thing a name in the headline can be ("the merger", "the deal"):
#: never the headline subject by default
_EVENT_NOUNS = frozenset({"sale", "purchase", "transaction", "disposal", "merger", "acquisition", "takeover", "contract", "order", "agreement", "deal", "budget", "plan",
                          "programme", "program", "proposal", "scheme", "festival", "marathon", "race", "final",
                          "match", "game", "event", "fire", "blaze", "disaster", "earthquake", "quake", "storm",
                          "flood", "outbreak", "epidemic", "project", "work", "works", "construction"})
#: the prefixes of ships' names ("RMS Titanic", "HMS Victory", "MS Sulafjord")
_VESSEL_PREFIX = re.compile(r"(?:RMS|HMS|HMAS|HMCS|SS|MS|MV|USS|USNS|RV|FV|SMS|HMY|NS|TS)\s+[A-Z]")
#: the work on a thing, said without naming it ("Construction began in 1995", "Work is due to finish…")
_WORK_NOUNS = frozenset({"construction", "work", "building", "demolition", "restoration", "renovation",
                         "excavation", "refurbishment", "dredging"})
#: what is not built: places, organisations, events ("Construction of Pohjola Compute" is no reading)
_NOT_BUILT = frozenset({"GPE", "LOC", "EVENT", "ORG", "NORP", "PERSON", "DATE"})
#: what is built, whatever the recogniser calls its name ("the Øresund Bridge" as an organisation)
_BUILT = frozenset("""bridge tunnel dam tower stadium arena museum library school hospital station church cathedral
    basilica building plant factory centre center line railway motorway canal pipeline cable reactor ship ferry vessel
    hall theatre pool airport port road lift elevator monument palace castle house farm terminal depot viaduct lane
    wall""".split())
#: what only a built thing has ("its nave", "its 311 steps", "Its builders")
_PARTS_OF_BUILT = frozenset("""step stair staircase nave aisle spire steeple dome roof façade facade floor storey story
    builder architect designer engineer deck span pier arch lock foundation wall entrance gate crypt belfry bell organ
    window ceiling basement lobby platform cladding facade""".split())
#: a name that is only a date's ("Saturday's election", "the September election"): no vote's own name
_DATED_NAME = re.compile(r"\(|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
                         r"May|June|July|August|September|October|November|December|day|week|month|year)\b")
#: parts of a work of art or writing ("its second movement", "its final chapter"): what "its" then means
_PARTS_OF_WORK = frozenset("""movement chapter act scene aria overture finale verse chorus lyric lyrics plot
    protagonist narrator libretto score soundtrack""".split())
_WORK_KINDS = frozenset("""work symphony opera concerto sonata composition piece novel book film play album song
    painting poem""".split())
#: what happens to a built thing, or a part of it, said without it ("the opening", "the crypt")
#: (not "the collapse", "the closure", "the demolition": as often of the thing the new one replaces)
_BRIDGING = frozenset("""opening inauguration completion crypt nave façade facade dome spire basement courtyard foyer
    interior exterior""".split())
#: the people who lead a body ("its director", "its chief executive"): whose is an organisation's
_HEADS_OF_BODIES = frozenset("""director chairman chairwoman chair president executive spokesman spokeswoman
    spokesperson founder secretary manager curator principal governor commander editor teacher rector dean coach
    customer client employee staff worker engineer shareholder member""".split())
#: organisations' nouns that a recogniser gives to places ("Kołobrzeg" read as an organisation is a city)
_NOT_BODIES = GPE_NOUNS | COUNTRY_NOUNS | frozenset("""volcano mountain river lake island glacier sea reef comet
    planet""".split())
#: a name that opens with its owner ("Łódź's 2027 budget", "Brașov's first cycle lane")
_OWNER_PREFIX = re.compile(r"^[^\W\d_][\w-]*['’]s?\s")
#: the words a town's council is called by ("the town council", "the city council")
_COUNCIL_KINDS = frozenset({"city", "town", "municipal", "borough", "local"})
#: the work on a built thing, called by what it is ("the project"): named after that thing
_UNDERTAKINGS = frozenset({"project"})
#: the last words of names of built things a recogniser may call places ("the Berlin Wall", "Brandenburg Gate")
_STRUCTURE_HEADS = frozenset({"wall", "gate", "square", "street", "road", "avenue", "park", "garden", "gardens"})
#: prepositions that place an unnamed thing ("the reef in Storfjorden", "the plant near Oulu")
_LOCATING = frozenset({"in", "at", "near", "off", "outside", "on"})
#: verbs whose object may never exist ("planned a neo-Gothic church", "proposed a new bridge")
_INTENDING = frozenset({"plan", "propose", "envisage", "envision", "want", "intend", "imagine", "consider", "suggest",
                        "dream", "seek", "request"})
#: how many sentences back "the deal", "the merger", "the final" still find what they name
EVENT_WITHIN = 2
#: verbs that tell of a deal, the noun that names it and what else may call it
_VERB_EVENTS: dict[str, tuple[str, frozenset[str]]] = {
    "sell": ("sale", frozenset({"sale", "deal", "transaction", "disposal"})),
    "buy": ("purchase", frozenset({"purchase", "deal", "acquisition", "takeover", "transaction"})),
    "acquire": ("acquisition", frozenset({"acquisition", "deal", "takeover", "purchase", "transaction"})),
    "merge": ("merger", frozenset({"merger", "deal", "transaction"})),
    "ban": ("ban", frozenset({"ban", "prohibition", "measure"})),
    "win": ("win", frozenset({"win", "victory", "success", "triumph", "podium"})),
}
#: how a deal's noun takes what it is about ("the sale of X", "the ban on X")
_EVENT_OF = {"ban": "on"}
#: the prepositions a deal's phrase keeps ("the sale of X to Microsoft", "the purchase of X from Y")
_EVENT_PREPS = {"sale": ("to",), "purchase": ("from",), "acquisition": ("from",), "merger": ("with",)}
#: nouns for kinds of things (a basilica, a vessel, a reactor): with ``BROADER`` they tell a thing's kind
_THING_CLASSES = frozenset(BROADER) | frozenset(w for v in BROADER.values() for w in v)
#: the kinds a headline's subject may be called by when its name does not say (a basilica, a vessel): not
#: the looser words of ``BROADER``'s values ("the route", "the crossing", "the site" may be anything)
_KINDS = frozenset(BROADER) | frozenset({"vessel", "building", "structure", "venue", "spacecraft", "waterway",
                                          # things an article is often about and names once
                                          "volcano", "mountain", "glacier", "lake", "island", "rover", "lander",
                                          "mission", "trial", "drug", "vaccine", "airport", "aircraft", "craft", "locomotive"})
#: what the business two merging companies make is called before it has a name ("the combined group")
_MERGED = frozenset({"combined", "merged", "enlarged", "new"})


#: nouns whose "to …" says which one ("a plan to spend …", "an order to supply …")
_PURPOSED = frozenset({"plan", "order", "contract", "proposal", "scheme", "programme", "program", "bid", "deal",
                       "agreement", "project", "campaign", "effort", "decision", "vote", "offer", "licence", "license",
                       "permit", "grant", "loan", "credit", "budget", "fund", "initiative", "motion", "law", "bill"})


def _purpose(doc, tok, end: int | None = None) -> tuple[int, int] | None:
    """The span of a short "to …" clause that says what a plan, order or contract is for ("a plan to
    spend 1.2 billion Swiss francs on affordable housing", "a credit of 28.5 million francs to renovate
    the pool": right after the phrase that ends at ``end``), None when there is none or it runs long."""
    if tok.lemma_.lower() not in _PURPOSED:
        return None
    end = tok.i + 1 if end is None else end
    acl = next((c for c in tok.rights if c.dep_ == "acl" and c.tag_ == "VB"
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if acl is None and end > tok.i + 1:  # the parser may hang the clause on the verb
        acl = next((c for c in tok.head.rights if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VB"
                    and c.left_edge.i == end and doc[end].lower_ == "to"), None) if tok.dep_ == "dobj" else None
    if acl is None or acl.left_edge.i != end:
        return None
    words = [w for w in acl.subtree]
    while words and (words[-1].is_punct or words[-1].dep_ in ("cc", "prep") and words[-1].i == words[-1].right_edge.i):
        words.pop()
    # up to the first comma: "to spend 1.2 billion francs on housing, with 61.4 per cent in favour"
    cut = next((k for k, w in enumerate(words) if w.text in (",", ";", "—", "–", "(")), len(words))
    words = words[:cut]
    while words and words[-1].ent_type_ in ("DATE", "TIME"):  # "… to the lake on Sunday": when it was approved
        kind = words[-1].ent_type_
        while words and words[-1].ent_type_ == kind:
            words.pop()
        if words and words[-1].dep_ == "prep":
            words.pop()
    if not words or len(words) > 12:
        return None
    return words[0].i, words[-1].i + 1


#: what someone carries out: told apart by who did it ("a survey by the Sunnmøre Marine Institute")
_AUTHORED = frozenset({"survey", "study", "report", "review", "audit", "investigation", "analysis", "poll", "census",
                       "inquiry", "inspection", "assessment", "evaluation", "excavation", "expedition"})


#: what "It is the second …" calls a thing that happened
_OCCURRENCES = frozenset("""closure fall rise drop increase decrease time attack accident crash incident strike disaster
    eruption fire flood win victory defeat loss success failure event case outbreak cut merger takeover sale recall
    podium finish title medal
    collapse shutdown stoppage walkout derailment collision""".split())
_PARTS = frozenset({"most", "much", "all", "some", "part", "half", "none", "rest", "bulk", "majority", "share",
                    "third", "quarter", "each", "any", "both"})


#: things that join two places ("the line between Karsholm and Merisund")
_LINKS_PLACES = frozenset({"line", "route", "railway", "link", "road", "motorway", "highway", "tunnel", "bridge",
                           "connection", "service", "crossing", "ferry", "canal", "pipeline", "corridor"})


def _partitive(tok) -> bool:
    """"most of it", "half of it", "the rest of it": "it" is the amount or mass just named."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    part = tok.head.head
    # "paid 540 million of it", "€2m of it": an amount out of the amount just named
    return part.lemma_.lower() in _PARTS or part.like_num or part.ent_type_ in ("MONEY", "CARDINAL", "PERCENT")


def _place_end(prep) -> int:
    """Where a locating phrase ends, without the appositive that describes its place ("in Arieșeni, a
    mountain commune in Alba County": "in Arieșeni")."""
    appos = [w for c in prep.children for w in c.children if w.dep_ == "appos"]
    end = prep.right_edge.i + 1
    if appos:
        end = min(a.left_edge.i for a in appos)
        while end > prep.i + 1 and prep.doc[end - 1].is_punct:
            end -= 1
    return end


def _phrase_end(tok, *, appositive: bool = True) -> int:
    """Where ``tok``'s phrase ends: before the first comma, bracket or dash in it, or the relative clause
    (or appositive) that follows its own words; else its last word."""
    stops = ("relcl", "appos") if appositive else ("relcl",)
    return next((w.i for w in tok.subtree if w.i > tok.i and (w.text in (",", ";", "(", "—", "–") or w.dep_ in stops)),
                tok.right_edge.i + 1)


def _agent(doc, tok) -> tuple[int, int] | None:
    """The span of "by <a name>" after a survey, study or report, None when there is none."""
    if tok.lemma_.lower() not in _AUTHORED:
        return None
    by = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "by"), None)
    if by is None:
        return None
    obj = next((g for g in by.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
    if obj is None:
        return None
    stop = _phrase_end(obj)
    if stop - by.i > 8:
        return None
    return by.i, stop


#: nouns a "for …" phrase tells apart ("a ferry for the crossing to Langevåg", "a grant for the Fenwick Road plant")
_INTENDED = frozenset({"ferry", "vessel", "boat", "ship", "train", "tram", "bus", "aircraft", "plane", "grant", "credit",
                       "loan", "subsidy", "budget", "fund", "contract", "order", "licence", "license", "permit",
                       "building", "site", "depot", "station", "terminal", "route", "line", "service", "design"})


def _intended(doc, tok) -> tuple[int, int] | None:
    """The span of a short "for …" phrase naming what a vehicle, grant or site is for, when it names a
    place or thing ("a battery-powered passenger ferry for the crossing to Langevåg")."""
    if tok.lemma_.lower() not in _INTENDED:
        return None
    prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "for" and c.i == tok.i + 1), None)
    if prep is None:
        return None
    stop = _phrase_end(prep)
    words = [w for w in prep.subtree if w.i < stop]
    if len(words) > 8 or not any(w.pos_ == "PROPN" for w in words) or any(w.ent_type_ in ("DATE", "TIME", "MONEY") for w in words):
        return None
    return prep.i, stop


#: verbs whose participle says which places a link joins ("a cable linking Sines with Fortaleza")
_LINKING = frozenset({"link", "connect", "join"})


def _linking(doc, tok) -> str | None:
    """The words of a participle right after a noun that say which places it links, less what commas set
    off inside it ("a cable linking Sines, on Portugal's Atlantic coast, with Fortaleza in north-eastern
    Brazil" → "linking Sines with Fortaleza in north-eastern Brazil"); None when there is none."""
    acl = next((c for c in tok.rights if c.dep_ == "acl" and c.tag_ == "VBG" and c.i == tok.i + 1
                and c.lemma_.lower() in _LINKING), None)
    if acl is None:
        return None
    words, inside = [], False
    end = acl.right_edge.i + 1
    # "… linking Sines, on Portugal's Atlantic coast, with Fortaleza": the other end, which the parser
    # may hang on the noun past the aside
    other = next((c for c in list(tok.rights) + list(acl.rights) if c.dep_ == "prep" and c.lower_ in ("with", "to", "and")
                  and c.i >= end), None)
    if other is not None:
        end = _phrase_end(other)
    for w in doc[acl.i:end]:
        if w.text in (",", "(", ")", "—", "–"):
            inside = not inside if w.text in (",", "—", "–") else w.text == "("
            continue
        if not inside:
            words.append(w)
    if not any(w.pos_ == "PROPN" for w in words) or len(words) > 14:
        return None
    text = ""
    for k, w in enumerate(words):  # the words' own spacing, and a space where an aside was cut out
        gap = k > 0 and words[k - 1].i + 1 != w.i
        text += (" " if gap and not text.endswith(" ") else "") + w.text_with_ws
    return re.sub(r"\s+", " ", text).strip()


def _object_read_as_clause(verb) -> tuple[int, int] | None:
    """The span of a verb's object the parser read as the subject of a clause whose verb is really the
    object's last noun ("banned the burning of coal and wood in household stoves", "stoves" tagged a
    verb); None when the parse is not that."""
    from lemminflect import getAllLemmas

    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if clause is None or clause.tag_ not in ("VBZ", "VBP"):
        return None
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)
    if subj is None or subj.left_edge.i != verb.i + 1 or subj.right_edge.i + 1 != clause.i:
        return None
    if not getAllLemmas(clause.lower_).get("NOUN") or clause.lower_.rstrip("s") == clause.lower_:
        return None  # not a plural noun ("the plan works" is a clause)
    return subj.left_edge.i, clause.i + 1


def _proper_part(tok) -> tuple[int, int] | None:
    """The span of the name in a phrase that describes and names ("its rival Grão Mineiro"): the
    proper nouns at its end; None when the phrase is all name or has none."""
    words = list(tok.subtree)
    start = len(words)
    while start > 0 and words[start - 1].pos_ == "PROPN":
        start -= 1
    if start == len(words) or start == 0:
        return None
    return words[start].i, words[-1].i + 1


#: organisations' nouns beyond the role nouns of ``mentions.ORG_ROLES``
_ORG_EXTRA = frozenset({"orchestra", "choir", "ensemble", "band", "operator", "utility", "institute", "foundation",
                        "side", "authority", "corporation", "cooperative", "consortium", "publisher", "broadcaster"})
#: what a person does to a body or an undertaking ("It was led by …", "It is chaired by …")
_LED = frozenset({"lead", "head", "chair", "manage", "coach", "captain", "direct", "organise", "organize"})
#: what an organisation without a class noun in its name can be called
ORG_NOUNS = frozenset({"company", "firm", "group", "business", "organisation", "organization", "agency", "club", "team"})
#: every word that calls a thing an organisation ("the work" is never one of those)
_ORG_WORDS = ORG_ROLES | _ORG_EXTRA | ORG_NOUNS


def english_noun(word: str) -> bool:
    """A noun of English in any form ("Turnout", "Council"), not only a name ("Athletic", "Coimbra")."""
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word.lower()).get("NOUN"))


def common_plural(word: str) -> bool:
    """A plural common noun of English ("Trams", "Ferries", "Works"), as a sentence's first word: its own
    sense, not the last word of a name ("Aske Valley Trams")."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word.lower()).get("NOUN", ())
    return any(lemma != word.lower() for lemma in lemmas)


def _built_label(label: str, head) -> str:
    """"FAC" for a name the recogniser calls a place whose head word names a built thing ("the Green Line",
    "the Berlin Wall", "the Carola Bridge"): a line or a wall, not a town "the city" may mean."""
    if label in ("GPE", "LOC") and (head.lower_ in BROADER or head.lower_ in _STRUCTURE_HEADS):
        return "FAC"
    return label


def possessive(name: str, apostrophe: str = "'") -> str:
    """``name``'s, or ``name``' for a name whose last word is a capitalised plural ("Nordfjord Ferries'",
    "the United States'", "Vistula Tram Works'")."""
    last = name.split()[-1] if name.split() else ""
    if last[:1].isupper() and last.endswith("s") and not last.endswith(("ss", "is", "us", "os", "as", "'s", "’s")) \
            and len(name.split()) > 1:  # (not "Paris's", "Aarhus's")
        return name + apostrophe
    return name + apostrophe + "s"


def owned_by(doc, end: int, name: str) -> tuple[str, int]:
    """``(text, end)`` for ``name`` standing before ``end``: with the possessive that follows taken in when
    the name's own possessive has no "s" ("the company's" → "Vistula Tram Works'"), else as it is."""
    if end < len(doc) and doc[end].tag_ == "POS":
        owned = possessive(name, doc[end].text[:1])
        if not owned.endswith("s"):
            return owned, end + 1
    return name, end


def _render(doc, start: int, end: int, repl: dict[int, tuple[int, str]]) -> str:
    """The words ``start:end`` with the references already resolved in them."""
    out, i = [], start
    while i < end:
        if i in repl and repl[i][0] <= end:
            stop, name = repl[i]
            out.append(name + doc[stop - 1].whitespace_)
            i = stop
            continue
        out.append(doc[i].text_with_ws)
        i += 1
    return "".join(out).strip()


_PLACE_LINK = re.compile(r"\s(in|at|near|on|to|from)\s", re.I)


def _head_words(thing: "Thing") -> frozenset[str]:
    """The words of a thing's own name, not of the place after it ("Folkestone in Kent": Folkestone;
    "the Nobel Prize in Physics": Nobel Prize): "Kent" or "Physics" alone is another thing."""
    head = _PLACE_LINK.split(_strip_det(thing.name), maxsplit=1)[0].lower()
    words = frozenset(re.findall(r"[^\W\d_][\w'’-]*", head))
    return thing.words & words if thing.words & words else thing.words


def _strip_det(text: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)


#: what ``ThingTable._clause_subject`` answers when "its" is to stay as written
_KEEP = Thing("", set())


#: a length, height or depth in a sentence: what "it" measures is built, or a place
_MEASURED = re.compile(r"\b\d[\d,.]*\s*(?:kilometres|kilometers|km|metres|meters|miles|feet|ft)\b", re.I)
#: words whose infinitive keeps the subject: "It will be able to process 30,000 wafers", "It is due to open
#: in 2028" say something of "it" (unlike "It is hard to say…")
_SUBJECT_KEEPING = frozenset("""able unable due set ready willing eager bound scheduled slated planned designed
    expected poised about allowed permitted supposed meant intended certain sure likely unlikely""".split())


def _own_kinds(nouns: set[str]) -> set[str]:
    """A thing's own kind nouns: those no other of its nouns is broader than (a tower, not its "building")."""
    return {n for n in nouns if not any(n in BROADER.get(m, ()) for m in nouns if m != n)}


#: the plural last words of companies' names ("Feldmore Pharmaceuticals", "Nordfjord Ferries"): one company
_COMPANY_PLURALS = frozenset("""pharmaceuticals therapeutics airlines airways industries holdings systems motors
    supermarkets stores foods brands communications technologies networks services partners resources
    laboratories labs logistics electronics ferries hotels homes properties breweries mills works
    shipyards yards railways lines""".split())


#: a thing named as another year's instance of its kind ("2025's race", "last year's festival")
_ANOTHER_YEARS = re.compile(r"(?:the\s+)?(?:\d{4}|last year|next year|the previous year)['’]s\s", re.I)


def _singular(thing: "Thing") -> bool:
    """One thing for "it" and "its": not a plural, unless a company with a plural name (``_one_body``)."""
    return not thing.plural or _one_body(thing)


def _one_body(thing: "Thing", noun: str | None = None) -> bool:
    """A named company whose name is plural ("Feldmore Pharmaceuticals", "Anglian Airlines") is one company
    to "the company" and to "it"."""
    last = (_strip_det(thing.name).lower().split() or [""])[-1]
    return (thing.named and thing.label in ("ORG", "PROPN") and last in _COMPANY_PLURALS
            and (noun is None or noun in BUSINESS_NOUNS))


class ThingTable:
    """The things an article has named so far; :meth:`sentence` resolves and then records one sentence."""

    def __init__(self, title: str = "") -> None:
        self.things: list[Thing] = []
        self._here: dict[int, Thing] = {}
        self.title_words = {re.sub(r"['’]s?$", "", w.lower()) for w in re.findall(r"[^\W\d_][\w'’-]*", title) if len(w) > 2}
        self._order = 0
        self._relabel: dict[str, str] = {}
        self._own_its: dict[int, str] = {}
        self._phrases: list[tuple[tuple[int, int], Thing]] = []
        self._index = 0
        self._its: Thing | None = None
        self._owner_across = False  # the last "its" found its owner in the clause before, across "and"
        #: token index of a name in apposition → the kind noun it names ("the metro company Metroselskabet")
        self._kind_of: dict[int, str] = {}
        #: nouns the article has used with "a" / "another" ("approved a project to build…"): "the project"
        #: may be that one
        self._introduced: set[str] = set()

    # -- one sentence ----------------------------------------------------------------------------
    def sentence(self, doc, index: int, repl: dict[int, tuple[int, str]], mask: list[bool],
                 resolutions: list | None = None, is_person=None, relabel: dict[str, str] | None = None) -> None:
        """Resolve the sentence's references to things into ``repl`` (token start → (end, text)) and
        record its things, word by word (a pronoun may point back within the sentence).
        ``is_person(text)`` tells names of people (they belong to the mention table); ``relabel`` gives
        the label of names the recogniser called people that the article shows are places or
        organisations ("Kraków": GPE)."""
        self._relabel = relabel or {}
        self._index = index
        for t in self.things:
            t.salience /= 2.0
        self._here: dict[int, Thing] = {}  # token index -> the thing it names, in this sentence
        self._its: Thing | None = None  # what the sentence's last "its" was read as
        #: "its" left as written because its clause names the owner ("X will cut jobs at its plant in Pécs"): the
        #: owner, so the thing the phrase names is X's ("the plant" later is "X's plant in Pécs")
        self._own_its: dict[int, str] = {}
        self._kind_of = {}
        self._phrases: list[tuple[tuple[int, int], Thing]] = []  # the phrases that named things here
        taken = {j for s, (e, _) in repl.items() for j in range(s, e)}
        apostrophe = "’" if "’" in doc.text else "'"
        for tok in doc:
            if tok.i in taken:
                if tok.i in repl:  # "The company" the mention table read as Nordfjord Ferries: that thing was spoken of
                    named = self._named(repl[tok.i][1])
                    if named is not None:
                        end = repl[tok.i][0]
                        # (the phrase's head, "bank" of "The bank", is where the thing stands in the sentence)
                        head = next((w for w in doc[tok.i:end] if not tok.i <= w.head.i < end or w.head.i == w.i), tok)
                        self._touch(named, index, head)
                continue
            low = tok.lower_
            if mask[tok.i]:
                continue
            if low in ("it", "its") and tok.pos_ == "PRON":
                if low == "it" and self._pleonastic(tok):
                    continue
                if low == "it" and _partitive(tok):
                    continue  # "…makes 90,000 tonnes of board, most of it for food companies": the amount just named
                if low == "its" and self._cataphoric(tok):
                    continue  # "At its deepest point, the tunnel runs…": the subject that follows
                if low == "its" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "own":
                    continue  # "the islet, which has no spring of its own": its own clause's subject, as written
                own_subject = self._clause_subject(tok) if low == "its" else None
                if own_subject is _KEEP:
                    continue
                if own_subject is not None and not self._owner_across:
                    self._touch(own_subject, index, tok)  # "Poznań plans to replace all its trams": read as it is
                    self._own_its[tok.i] = possessive(own_subject.placeless, apostrophe)
                    continue
                if own_subject is not None:
                    # "The dam was finished in 1931, and its reservoir holds …": the clause becomes a fact of its
                    # own, so "its" says whose
                    name = possessive(own_subject.placeless, apostrophe)
                    self._resolve(doc, tok.i, tok, name, "pronoun", own_subject, index, repl, taken, resolutions)
                    continue
                speaker = self._speaker(tok)
                target = speaker or self._resolve_pronoun(tok, doc)
                if low == "its" and speaker is None and self._its is not None and self._its.salience > 1:
                    target = self._its  # "Its basin leaks … and its changing rooms…": one owner, as before
                if target is None:
                    continue
                if low == "its":
                    self._its = target
                own = {w.i for w in self._clause_tokens(self._up(self._minimal(tok)))}
                if any(t is target for i, t in self._here.items() if i in own):
                    self._touch(target, index, tok)  # named earlier in its clause: "Nokia took its name…" reads as it is
                    continue
                name = possessive(target.placeless, apostrophe) if low == "its" else target.name
                self._resolve(doc, tok.i, tok, name, "pronoun", target, index, repl, taken, resolutions)
                continue
            if (tok.lower_ == "turnout" and tok.dep_ in ("nsubj", "nsubjpass") and not any(
                    c.dep_ in ("det", "poss", "prep", "compound", "amod") for c in tok.children)):
                # "Turnout fell to 54.8 per cent": the turnout of the vote the article is about
                vote = self._main_vote()
                if vote is not None:
                    self._resolve(doc, tok.i, tok, f"{tok.text} in {vote.name}", "description", vote, index, repl,
                                  taken, resolutions)
                    continue
            if (tok.lemma_.lower() in _WORK_NOUNS and tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN"
                    and not any(c.dep_ in ("det", "poss", "prep", "compound", "amod") for c in tok.children)):
                # "Construction began in March": the building of what the article is about
                target = self._main_built()
                if target is not None:
                    self._resolve(doc, tok.i, tok, f"{tok.text} {'on' if tok.lemma_.lower() == 'work' else 'of'} {target.name}", "description", target, index, repl,
                                  taken, resolutions)
                    continue
            combined = self._combined(doc, tok, taken, repl) if tok.pos_ == "NOUN" else None
            if combined is None and tok.lower_ in _ROUNDS and (tok.pos_ == "NOUN" or tok.dep_ in _NOMINAL):
                # ("The final drew a crowd": tagged an adjective, standing as a noun)
                combined = self._round_of(doc, tok, taken)
            if combined is not None:
                start, name, target = combined
                self._resolve(doc, start, tok, name, "description", target, index, repl, taken, resolutions)
                continue
            short = self._short_name(doc, tok, taken)
            if short is not None:  # "the City" after "the City of London"
                start, target = short
                name = target.name if doc[start].lower_ == "the" or target.name[:4].lower() != "the " else target.name[4:]
                if doc[start].text[:1].isupper():
                    name = name[:1].upper() + name[1:]
                name, end = owned_by(doc, tok.i + 1, name) if tok.i + 1 not in taken else (name, tok.i + 1)
                self._resolve(doc, start, doc[end - 1], name, "description", target, index, repl, taken, resolutions)
                continue
            common = tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.text.islower()  # "the telescope" tagged a name
            if common and tok.dep_ != "compound" and low not in PERSON_ROLES and low not in _NOT_THINGS:
                found = self._description(doc, tok, taken)
                if found is not None:
                    start, target, mods = found
                    name = self._rename(target, mods)
                    if target.label == "DISEASE" and tok.lemma_.lower() in ("virus", "outbreak"):
                        if mods or start != tok.i - 1:  # "the last outbreak in Europe": one outbreak of many
                            self._observe(doc, tok, index, is_person, repl)
                            continue
                        name = f"the {target.name} {tok.lemma_.lower()}"  # "the virus" → "the measles virus"
                    if target.where and name.endswith(target.where) and tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "POS":
                        name = name[:-len(target.where)]  # "the reef's surface", not "the reef in Storfjorden's surface"
                    if doc[start].text[:1].isupper():
                        name = name[:1].upper() + name[1:]
                    name, end = owned_by(doc, tok.i + 1, name) if tok.i + 1 not in taken else (name, tok.i + 1)
                    self._resolve(doc, start, doc[end - 1], name, "description", target, index, repl, taken, resolutions)
                    continue
                bridged = self._bridge(doc, tok, taken, repl) or self._council(doc, tok, taken)
                if bridged is not None:
                    start, name, target = bridged
                    self._resolve(doc, start, tok, name, "description", target, index, repl, taken, resolutions)
                    continue
            self._observe(doc, tok, index, is_person, repl)
        self._events(doc, index, repl)
        self._namings(doc)
        self._introduced |= {t.lemma_.lower() for t in doc if t.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in t.children)}

    def _namings(self, doc) -> None:
        """A thing given its name here ("The cable, called Atlântida, …", "a ferry named Sulafjord", "the new
        bridge, known as the Vasco da Gama Bridge") is called by that name from now on ("the Atlântida
        cable"), so a later "the cable" or "it" finds it rather than another cable the article names."""
        for verb in doc:
            if verb.tag_ != "VBN" or verb.lemma_.lower() not in _CALLING_VERBS:
                continue
            if verb.dep_ == "acl":
                owner = verb.head
            else:
                owner = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            thing = self._here.get(owner.i) if owner is not None else None
            if thing is None or thing.named or owner.pos_ != "NOUN":
                continue
            names = [c for c in verb.children if c.dep_ in ("oprd", "attr", "xcomp")]
            names += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
            name = next((n for n in names if n.pos_ == "PROPN"), None)
            if name is None:
                continue
            words = [w for w in name.subtree if w.i <= name.i and w.dep_ in ("det", "compound", "amod", "nmod") or w.i == name.i]
            if not words or words[-1].i - words[0].i + 1 != len(words):
                continue
            text = doc[words[0].i:name.i + 1].text
            bare = _strip_det(text)
            if owner.lemma_.lower() not in bare.lower().split():
                text = f"the {bare} {owner.lemma_.lower()}"
            elif not text.lower().startswith("the ") and name.ent_type_ in ("FAC", "ORG", ""):
                text = "the " + bare
            thing.name, thing.named = text, True
            thing.words = frozenset(w.lower() for w in re.findall(r"[^\W\d_][\w'’-]*", _strip_det(text)))
            thing.where = ""

    def _resolve(self, doc, start: int, tok, name: str, kind: str, target: Thing, index: int,
                 repl: dict[int, tuple[int, str]], taken: set[int], resolutions: list | None) -> None:
        """Read the words ``start`` … ``tok`` as ``name`` (``target``), and note it."""
        repl[start] = (tok.i + 1, name)
        taken |= set(range(start, tok.i + 1))
        if resolutions is not None:
            resolutions.append((doc[start:tok.i + 1].text, name, kind))
        self._touch(target, index, tok)

    def _events(self, doc, index: int, repl: dict[int, tuple[int, str]]) -> None:
        """A sale, purchase or merger a verb tells of becomes a thing that "the deal", "the sale" or "it"
        can name next ("agreed to sell its phone business to Microsoft" … "The deal closed…" → "The
        sale of Nokia's phone business to Microsoft closed…"); so does a fire or storm that a verb says
        struck a named thing or place ("A fire destroyed a furniture warehouse in Vila Nova de Gaia" …
        "the blaze" → "the fire at the furniture warehouse in Vila Nova de Gaia")."""
        self._disasters(doc, index)
        for verb in doc:
            event = _VERB_EVENTS.get(verb.lemma_.lower()) if verb.pos_ == "VERB" else None
            if event is None or any(c.dep_ == "neg" for c in verb.children):
                continue
            noun, nouns = event
            parties = None
            objs = [c for c in verb.children if c.dep_ == "dobj"]
            misread = None if objs else _object_read_as_clause(verb)
            if misread is not None:  # "banned the burning of coal and wood in household stoves", "stoves" a verb
                name = f"the {noun} {_EVENT_OF.get(noun, 'of')} {_render(doc, misread[0], misread[1], repl)}"
                if len(name) <= 120:
                    self._event_thing(name, set(nouns), index)
                continue
            host = self._up(verb) if verb.dep_ != "xcomp" else self._minimal(verb.head)
            subj = next((c for c in host.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            partner = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                            for g in c.children if g.dep_ == "pobj"), None)
            if not objs and noun == "merger" and subj is not None and partner is not None:
                # "Café Aurora agreed to merge with its rival Grão Mineiro": the merger of the two
                one = _render(doc, subj.left_edge.i, subj.i + 1, repl)
                other = _render(doc, partner.left_edge.i, partner.right_edge.i + 1, repl)  # "its rival": the one just named
                if subj.pos_ == "PRON" and subj.i not in repl:
                    continue
                named = _proper_part(partner)  # "its rival Grão Mineiro": Grão Mineiro
                other = _render(doc, named[0], named[1], repl) if named else other
                name = f"the merger of {one} and {other}"
                parties = (one, other)
            elif not objs:
                continue
            elif noun == "win":
                # "Škerjanc won the Trysil Grand Prix on Sunday" … "It was his first podium finish": that win
                if subj is None or subj.pos_ != "PROPN" or subj.ent_type_ != "PERSON" and subj.i not in repl:
                    continue
                race = objs[0]
                if race.pos_ != "PROPN" and not any(w.pos_ == "PROPN" for w in race.subtree):
                    continue  # "won a bronze medal": no race to name
                who = _render(doc, subj.left_edge.i, subj.i + 1, repl)
                name = f"{possessive(who)} win in {_render(doc, race.left_edge.i, race.right_edge.i + 1, repl)}"
            else:
                what = self._render_with_owner(doc, objs[0], subj, repl)
                if what is None:
                    continue
                name = f"the {noun} {_EVENT_OF.get(noun, 'of')} {what}"
            for c in verb.children:
                if c.dep_ in ("prep", "dative") and c.lower_ in _EVENT_PREPS.get(noun, ()) and " and " not in name and any(g.dep_ == "pobj" for g in c.children):
                    name += " " + _render(doc, c.i, c.right_edge.i + 1, repl)
            if len(name) > 120:
                continue
            self._event_thing(name, set(nouns), index, parties if noun == "merger" and not objs else None)

    def _event_thing(self, name: str, nouns: set[str], index: int, parties: tuple[str, str] | None = None) -> None:
        thing = Thing(name, nouns, "EVENT", False, False, words=frozenset(re.findall(r"\w+", name.lower())),
                      parties=parties)
        self.things.append(thing)
        thing.salience = 130.0
        thing.sentence = index
        self._order += 1
        thing.order = self._order

    def _disasters(self, doc, index: int) -> None:
        for verb in doc:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in _STRIKING or any(c.dep_ == "neg" for c in verb.children):
                continue
            subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"
                         and c.lemma_.lower() in _DISASTERS), None)
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if subj is None or obj is None or subj.i in self._here or obj.i not in self._here:
                continue
            if any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "the") for c in subj.children):
                continue  # "this fire", "its flood"
            target = self._here[obj.i]
            if target.label == "EVENT":
                continue
            built = bool(target.nouns & (_BUILT | {"building", "structure", "facility", "site"})) or target.label == "FAC"
            noun = subj.lemma_.lower()
            name = f"the {noun} {'at' if built else 'in'} {_strip_det(target.name) if not built else target.name}"
            if len(name) > 120:
                continue
            self._event_thing(name, self._nouns(noun) | {"disaster"}, index)

    def _render_with_owner(self, doc, obj, subj, repl) -> str | None:
        """``obj``'s phrase with a possessive pronoun made the subject's ("its phone business" → "Nokia's
        phone business"); None when a pronoun stays open."""
        start, end = obj.left_edge.i, obj.right_edge.i + 1
        text = _render(doc, start, end, repl)
        poss = [w for w in obj.subtree if w.dep_ == "poss" and w.pos_ == "PRON" and w.i not in repl]
        if poss:
            if subj is None or subj.pos_ == "PRON" and subj.i not in repl:
                return None
            owner = _render(doc, subj.left_edge.i, subj.i + 1, repl)  # the name, not its appositive
            if not owner or len(owner.split()) > 6:
                return None
            apostrophe = "’" if "’" in doc.text else "'"
            text = re.sub(rf"\b{re.escape(poss[0].text)}\b", possessive(owner, apostrophe), text, count=1)
        return text

    # -- resolving -------------------------------------------------------------------------------
    @staticmethod
    def _pleonastic(tok) -> bool:
        """"It is likely that…", "it takes two hours to…", "it emerged that…": no antecedent."""
        head = tok.head
        if tok.dep_ not in ("nsubj", "nsubjpass", "expl"):
            return False
        if head.lemma_.lower() not in _PLEONASTIC_HEADS and head.lower_ not in ("’s", "'s"):
            return False
        after = [c for c in head.children if c.i > tok.i]
        if any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in after):
            return True
        return any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() not in _SUBJECT_KEEPING
                   and any(g.dep_ in ("xcomp", "ccomp") for g in c.children) for c in after)

    def _main_built(self) -> Thing | None:
        """What "Construction" alone is the building of: the thing the article is most about (its lasting
        salience, the headline's bonus) among those that are built, when it clearly leads."""
        return _leading(t for t in self.things if not t.plural and t.salience > 1 and not t.hypothetical
                        and (t.nouns & _BUILT or t.named and t.label == "FAC"))

    def _main_vote(self) -> Thing | None:
        """The election or referendum the article is about, when one clearly leads."""
        return _leading(t for t in self.things if not t.plural and t.salience > 1
                        and t.nouns & {"election", "referendum", "vote", "ballot", "poll"}
                        and any(w[:1].isupper() for w in t.name.split())
                        and not _DATED_NAME.search(t.name)  # not "Saturday's election", "the September election"
                        and not re.search(r"(?i)\b(?:first|second|third|last|next|previous)\b", t.name))
        # (nor a party's "first regional election", one of its own history)

    def _named(self, text: str) -> Thing | None:
        """The named thing ``text`` names, if the table holds it."""
        key = _strip_det(re.sub(r"['’]s$", "", text)).lower()
        return next((t for t in reversed(self.things) if t.named and _strip_det(t.name).lower() == key), None)

    def unnamed_with_noun(self, noun: str) -> bool:
        """The article has told of an unnamed thing of that noun lately ("the city's district heating
        network"): "the network" may be it rather than an organisation."""
        return any(not t.named and t.label != "ORG" and noun in t.nouns and t.salience > 10 for t in self.things)

    def vessel(self) -> Thing | None:
        """The ship the article is telling of, for "she" and "her" ("She had been launched in 1910"): the
        most salient thing called a ship or vessel, if one was named in the last few sentences."""
        ships = [t for t in self.things if not t.plural and t.named and t.nouns & {"ship", "vessel", "liner", "ferry"}
                 and t.salience > 10]
        return max(ships, key=lambda t: t.score) if ships else None

    def _cataphoric(self, tok) -> bool:
        """"its" before the subject of its own clause, in a phrase set before it ("At its deepest point,
        the tunnel runs…", "In its first year, the bridge carried…"): it points forward to that subject."""
        verb = self._up(self._minimal(tok))
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and subj.i > tok.i and subj.pos_ in ("NOUN", "PROPN") and not any(
            w.i == tok.i for w in subj.subtree)

    @staticmethod
    def _clause(tok):
        """The verb whose clause ``tok`` belongs to."""
        head = tok.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        return head

    def _minimal(self, w):
        """The verb of the smallest clause ``w`` stands in (a verb is its own)."""
        return w if w.pos_ in ("VERB", "AUX") and w.dep_ not in ("aux", "auxpass") else self._clause(w)

    @staticmethod
    def _subjectless(v) -> bool:
        """A clause whose subject is its host's ("…, trying to cross it", "Built by CERN, it…", "plans to spend")."""
        return (v.dep_ in ("xcomp", "advcl") and v.tag_ in ("VB", "VBG", "VBN") and v.head.i != v.i
                and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in v.children))

    def _up(self, v):
        while self._subjectless(v):
            v = self._minimal(v.head)
        return v

    def _clause_tokens(self, verb) -> list:
        """The words of ``verb``'s own clause, with the clauses that share its subject ("Built by CERN
        over a decade, it sent…", "plans to spend … on its members' farms"), not its other subordinate
        clauses."""
        return [w for w in verb.subtree if self._up(self._minimal(w)).i == verb.i]

    def _binding_domain(self, tok) -> set[int]:
        """Where "it" cannot find its antecedent: its own clause and what shares its subject; for the
        subject of a small clause ("declared it eradicated"), the clause that holds it."""
        v = self._minimal(tok)
        if tok.dep_ in ("nsubj", "nsubjpass") and v.dep_ in ("ccomp", "xcomp", "oprd") and not any(
                c.dep_ in ("mark", "aux", "auxpass") for c in v.children):
            v = self._minimal(v.head)
        domain = {w.i for w in self._clause_tokens(v)}
        host = v
        while host.dep_ == "conj" and host.pos_ in ("VERB", "AUX") and not any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in host.children):
            host = self._up(host.head)  # "to mark the reef … and to install buoys above it": its subject is the host's
        if host.i != v.i:
            subj = next((c for c in host.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                domain |= {w.i for w in subj.subtree}
        return domain

    def _resolve_pronoun(self, tok, doc=None) -> Thing | None:
        """The clearly most salient singular thing (an unresolved "it" is better than a wrong one):
        recency first, with a little for the article's subject. Never a phrase that holds the
        pronoun ("the ambition of its architect"), never what its own clause names for "it" ("It was
        built by CERN": not CERN; "declared it eradicated": not the one who declared), and nothing
        when a noun phrase earlier in the sentence, no known thing, could be meant ("…to rule on the
        deal, and hope to complete it")."""
        def score(t: Thing) -> float:
            return t.salience + 10.0 * min(t.subjects, 4) + t.topic / 2 + (10.0 if t.named else 0.0)

        cands = [t for t in self.things if _singular(t) and t.salience > 1]
        if doc is not None:
            holding = {id(t) for (a, b), t in self._phrases if a <= tok.i < b}
            # "The first patient treated with it": not the patient (the phrase that holds it, clauses and all)
            holding |= {id(t) for i, t in self._here.items() if doc[i].pos_ in ("NOUN", "PROPN")
                        and any(a.i == i for a in tok.ancestors)}
            cands = [t for t in cands if id(t) not in holding]
            # "The FDP and the SVP … said it would …": one of two named together is not "it"
            joined = {id(t) for i, t in self._here.items() if doc[i].dep_ in ("nsubj", "nsubjpass", "conj")
                      and (doc[i].dep_ == "conj" or any(c.dep_ == "conj" for c in doc[i].children))}
            cands = [t for t in cands if id(t) not in joined]
            if tok.lower_ == "it":
                inside = self._binding_domain(tok)
                mates = {id(t) for i, t in self._here.items() if i in inside and i != tok.i}
                clause_text = " ".join(doc[i].lower_ for i in sorted(inside) if i != tok.i)
                cands = [t for t in cands if id(t) not in mates and not (
                    t.named and f" {_strip_det(t.name).lower()} " in f" {clause_text} ")]
            if self._open_phrase_before(doc, tok):
                return None
        if tok.lower_ == "it" and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
            said = next((c for c in tok.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
            if said is not None and said.lemma_.lower() in _OCCURRENCES:
                # "It is the second large closure in the town": something that happened, not the town
                cands = [t for t in cands if t.label == "EVENT" or t.nouns & (_EVENT_NOUNS | _OCCURRENCES)]
                kinds = {said.lemma_.lower()} | {c.lemma_.lower() for c in said.children if c.dep_ == "compound"}
                told = [t for t in cands if kinds & t.nouns and t.label == "EVENT" and t.sentence >= self._index - 2 * EVENT_WITHIN]
                if len(told) == 1:
                    return told[0]  # "It was his first podium finish": the win just told of, not the race
        if doc is not None and tok.lower_ == "it" and _MEASURED.search(doc.text):
            # "It runs for 57 kilometres under the Alps": something built or a place, not the ceremony just named
            built = [t for t in cands if t.nouns & (_BUILT | {"building", "structure"}) or t.label in ("FAC", "GPE", "LOC")]
            cands = built or cands
        if tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in _LED:
            # "It was led by the astronomer Inês Magalhães": a body or an undertaking, never the smudge it found
            cands = [t for t in cands if t.label in ("ORG", "EVENT")
                     or t.nouns & (ORG_ROLES | ORG_NOUNS | _ORG_EXTRA | _EVENT_NOUNS | _OCCURRENCES)]
        if tok.lower_ == "its" and tok.head.lemma_.lower() in _PARTS_OF_BUILT:
            # "its 311 steps", "Its builders": something built, not the fire or the country just named
            built = [t for t in cands if t.nouns & (_BUILT | {"building", "structure"})
                     or t.label == "FAC" and not t.nouns & _EVENT_NOUNS]
            cands = built or cands
        if tok.lower_ == "its" and tok.head.lemma_.lower() in _PARTS_OF_WORK:
            # "Its second movement": a symphony's, not the hall it was played in
            works = [t for t in cands if t.nouns & _WORK_KINDS or t.label == "WORK_OF_ART"]
            if len(works) == 1:
                return works[0]
            cands = works or cands
        if tok.lower_ == "its" and tok.head.lemma_.lower() in _HEADS_OF_BODIES and tok.head.dep_ in _NOMINAL | {"appos"}:
            # "Its director, Dr. Helena Medeiros, said…": an organisation's, not the volcano just named
            cands = [t for t in cands if (t.label in ("ORG", "EVENT", "FAC") or t.nouns & (ORG_ROLES | ORG_NOUNS | _ORG_EXTRA | _EVENT_NOUNS))
                     and not t.nouns & _NOT_BODIES]
        # "Geartsje Folkertsma's Regional Alliance … Its share": the owner named in a candidate's own name is
        # not a rival to it when only the whole was a subject
        owners = {id(o) for o in cands for t in cands if o is not t and t.subjects > o.subjects
                  and _strip_det(t.name).startswith(possessive(_strip_det(o.name)) + " ")}
        cands = [t for t in cands if id(t) not in owners]
        cands = sorted(cands, key=lambda t: (score(t), t.order), reverse=True)
        if not cands:
            return None
        best = cands[0]
        if score(best) < 90 or (len(cands) > 1 and score(cands[1]) > 0.8 * score(best)):
            return None
        return best

    def _speaker(self, tok) -> Thing | None:
        """The known thing that says what "it" is the subject of ("the association, which says it
        represents 610 …", "The council said it would…"): the one who speaks of itself."""
        verb = tok.head
        if tok.lower_ == "its" and tok.dep_ == "poss" and verb.dep_ in ("nsubj", "nsubjpass"):
            verb = verb.head  # "Norvell Therapeutics said that its revenue grew": the speaker's own revenue
        elif tok.dep_ != "nsubj":
            return None
        if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in SPEECH_LEMMAS:
            return None
        said = verb.head
        subj = next((c for c in said.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        if subj.lower_ in ("which", "that") and said.dep_ == "relcl":
            subj = said.head
        if any(c.dep_ == "conj" for c in subj.children) or subj.dep_ == "conj":
            return None  # "The FDP and the SVP … said it would drive up prices": not one of them
        thing = self._here.get(subj.i)
        return thing if thing is not None and _singular(thing) and thing.label != "PERSON" else None

    def _clause_subject(self, tok) -> Thing | None:
        """The known singular thing that is the subject of the clause "its" stands in, outside the phrase
        that holds it ("Poznań plans to replace all its trams"): what "its" means, already said there."""
        self._owner_across = False
        holder = self._with_holder(tok)
        if holder is not None:
            return holder  # "the arts centre by Renzo Piano … with its pipes": the centre's pipes
        verb = self._up(self._minimal(tok))
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        relative = subj is not None and subj.lower_ in ("which", "that") and verb.dep_ == "relcl"
        if relative:  # "Rural Voice, which was contesting its first regional election": Rural Voice's
            subj = verb.head
        conj = False
        if subj is not None and any(w.i == tok.i for w in subj.subtree) and verb.dep_ == "conj" and verb.head.i < verb.i:
            # "Hubble orbits Earth …, and its orbit is decaying": the first clause's subject
            verb, subj = verb.head, next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            conj = True
            if subj is not None and any(w.dep_ == "poss" and w.pos_ == "PRON" for w in subj.subtree):
                return None  # "Its basin leaks … and its changing rooms…": the first "its" tells
        by = self._agent_before(verb, tok)
        if by is not None and (subj is None or self._here.get(subj.i) is None
                               or not _singular(self._here[subj.i])):
            return by  # "trains, which were assembled by Nordvagn at its Kråkeby works": the maker's works
        if subj is None or subj.i > tok.i or (not relative and any(w.i == tok.i for w in subj.subtree)):
            return None
        thing = self._here.get(subj.i)
        if thing is None and (conj or relative) and subj.pos_ == "PROPN":
            return _KEEP  # a name the table does not hold (the mention table's): "its" is it, left as written
        self._owner_across = conj
        return thing if thing is not None and _singular(thing) else None

    def _with_holder(self, tok) -> Thing | None:
        """The known singular thing a "with its …" phrase hangs on ("a centre with its pipes outside")."""
        noun = tok.head
        if tok.dep_ != "poss" or noun.dep_ != "pobj" or noun.head.lower_ != "with":
            return None
        holder = noun.head.head
        if holder.pos_ not in ("NOUN", "PROPN"):
            return None
        thing = self._here.get(holder.i)
        if thing is None and holder.dep_ == "appos":
            thing = self._here.get(holder.head.i)  # "the Centre Pompidou, the arts centre … with its pipes"
        return thing if thing is not None and not thing.plural else None

    def _agent_before(self, verb, tok) -> Thing | None:
        """The known singular thing a passive verb names as its doer ("by Nordvagn") before ``tok``."""
        for c in verb.children:
            if c.dep_ == "agent":
                for w in c.children:
                    thing = self._here.get(w.i)
                    if w.dep_ == "pobj" and w.i < tok.i and thing is not None and not thing.plural:
                        return thing
        return None

    def _open_phrase_before(self, doc, tok) -> bool:
        """A singular noun phrase earlier in the sentence that names no known thing ("the deal"):
        the pronoun may well mean it."""
        here = set(self._here)
        if tok.lower_ == "it":
            here |= self._binding_domain(tok)  # "a tram had crossed it": not the tram
        for w in doc[:tok.i]:
            if w.lower_ == "one" and w.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and w.i not in here and any(
                    c.lower_ == "of" for c in w.children):
                return True  # "one of his instruments … play it"
            if w.pos_ != "NOUN" or w.tag_ != "NN" or w.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "poss") or w.i in here:
                continue
            if w.lower_ in _NOT_THINGS or w.lower_ in PERSON_ROLES or w.ent_type_:
                continue
            dets = [c for c in w.children if c.dep_ == "det" and c.lower_ in ("the", "a", "an", "this", "that")]
            if dets and (w.dep_ == "poss" or not any(a <= w.i < b for (a, b), _ in self._phrases)):
                return True
        return False

    def _description(self, doc, tok, taken: set[int]):
        """``(start, thing, modifiers)`` for "the/this/that (mods) NOUN" that names a known thing."""
        dets = [c for c in tok.lefts if c.dep_ == "det"]
        if not dets or dets[0].lower_ not in ("the", "this", "that") or dets[0].i in taken:
            return None
        det = dets[0]
        if tok.dep_ == "appos":
            return None  # "The first patient, the police constable Albert Alexander,": a description, not a reference
        if tok.dep_ == "attr" and tok.head.lemma_ == "be" and any(c.dep_ == "amod" for c in tok.lefts):
            return None  # "it was also the main work at the first concert": what it was, not a thing named before
        if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in tok.rights):
            return None  # "The operator, Pohjola Compute, …": the name is said right there
        if tok.tag_ == "NNS" and any(c.tag_ == "POS" for c in tok.children):
            return None  # "the students' union", "the workers' council": a kind of body, not those students
        if any((c.dep_ in ("relcl", "appos", "acl") and doc[c.left_edge.i - 1].text not in (",", "(", "—", "–")
                and not any(doc[j].text == "," for j in range(tok.i + 1, c.left_edge.i)))  # "The city, the first … to introduce"
               or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.rights):
            return None  # the phrase says which one it is (a restrictive modifier)
        mods = [c for c in tok.lefts if c.i > det.i]
        if any(m.pos_ == "PROPN" or m.ent_type_ or m.like_num for w in mods for m in w.subtree):
            return None
        if not all(m.dep_ in ("amod", "compound", "nmod", "advmod") for m in mods):
            return None
        if any(w.tag_ in ("JJS", "RBS") for m in mods for w in m.subtree):
            return None  # "the tallest church in the world" says something new
        words = [w.lower_ for m in mods for w in m.subtree]
        if set(range(det.i + 1, tok.i)) != {w.i for m in mods for w in m.subtree}:
            return None
        if {"merged", "enlarged", "combined"} & set(words):
            return None  # "the merged company" is neither of the two that merge, and has no name yet
        noun = tok.lemma_.lower()
        cands = [t for t in self.things if noun in t.nouns and ((not t.plural) == (tok.tag_ != "NNS") or _one_body(t, noun)
                                                                and tok.tag_ != "NNS")]
        # "The race ends in Vigo" is this race, not "last year's race" the article compared it with
        cands = [t for t in cands if not _ANOTHER_YEARS.match(t.name)]
        if noun in _WORK_KINDS:  # "the work" is a symphony or a book, never the orchestra or publisher behind it
            cands = [t for t in cands if not t.nouns & _ORG_WORDS]
        # never the thing whose own phrase holds the description ("an outpatient centre on the cleared site"),
        # though a clause on it may speak of it ("Ålesund, which … destroyed most of the town")
        phrase_of = []
        w = tok
        while w.head.i != w.i and w.dep_ not in ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "appos"):
            w = w.head
            phrase_of.append(w.i)
        holding = {id(t) for i, t in self._here.items() if doc[i].pos_ in ("NOUN", "PROPN") and i in phrase_of}
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            # nor the subject of its own clause: in "The Great Western Railway supplied the first trains but stopped
            # working the line", the line is not the railway company itself (that would be "itself")
            domain = self._binding_domain(self._up(self._minimal(tok)))
            holding |= {id(t) for i, t in self._here.items() if i in domain and doc[i].dep_ in ("nsubj", "nsubjpass")}
        cands = [t for t in cands if id(t) not in holding]
        if noun in BUSINESS_NOUNS:  # "the company" is no town ("Haldenhöfen's town council" read as an organisation)
            # nor a public body ("The merged company" is not the Competition and Markets Authority)
            # nor a name only ever met as a place ("founded in Truro")
            cands = [t for t in cands if t.label not in ("GPE", "LOC") and not (t.placed and t.placed >= t.mentions)
                     and (_strip_det(t.name).lower().split() or [""])[-1] not in PUBLIC_BODY_WORDS]
        if noun in ("team", "club", "side", "group"):  # "the team" is one the article has shown acting, not any name
            cands = [t for t in cands if t.subjects >= 1 or t.topic >= 45 or noun in _strip_det(t.name).lower().split()]
        if noun in ("team", "side"):
            # "The team spotted the galaxy" is the astronomers, not the consortium or university they work for: an
            # organisation its name calls something else is no team
            cands = [t for t in cands if not ((t.nouns - ORG_NOUNS) & ((ORG_ROLES | _ORG_EXTRA) - {"team", "club", "side"}))]
        told = [t for t in cands if t.label == "EVENT" and t.sentence >= self._index - EVENT_WITHIN]
        if told:  # "the deal" is the sale just told of, not a merger of many sentences ago
            cands = told
        if not cands and tok.tag_ != "NNS":
            # "a new dinosaur, Huenutitan castroae … The long-necked titanosaur": a narrower kind of a named thing
            # just introduced (within the sentence before) is that thing, told more precisely
            wider = BROADER.get(noun, frozenset())
            cands = [t for t in self.things if t.named and not t.plural and _own_kinds(t.nouns) & wider
                     and t.sentence >= self._index - 1 and t.label not in ("GPE", "LOC", "PERSON")]
        if not cands and tok.tag_ != "NNS" and not mods:  # "the new stadium" is likely a new thing
            cands = self._fallback(noun)
        if not cands:
            return None
        phrase = " ".join(w.lower_ for w in doc[det.i + 1:tok.i + 1])
        cands = [t for t in cands if _strip_det(t.name).lower() != phrase]
        if not cands:
            return None
        # "the last servicing mission" is not "the first servicing mission in December 1993"
        marks = {w for w in words if w in _DISTINGUISHING}
        cands = [t for t in cands if t.named or not marks - _said(t.name) or not (
            set(t.name.lower().split()) & _DISTINGUISHING)]
        # "the old bridge" is not "the new bridge"; of a named one it is another state ("the old Carola Bridge")
        cands = [t for t in cands if t.named or not (marks and set(t.name.lower().split()) & _DISTINGUISHING
                                                     and not marks & _said(t.name))]
        cands = [t for t in cands if t.named or marks <= _said(t.name)]
        # "the cantonal housing office" is not "the city's statistics office": an unnamed thing has only its
        # own kind-words ("the district heating network" is "the network", not "the water network")
        kinds = {w.lower_ for m in mods for w in m.subtree if w.dep_ == "compound" and w.pos_ == "NOUN"}
        # nor is "the regional health department" the Třinec department: a thing named only by its place and the
        # lower-case noun ("The Třinec department") has no kind-words but its own either
        cands = [t for t in cands if (t.named and noun not in t.name.split()) or kinds <= t.words]
        # "the inverted pyramid" is not "the glass pyramid in the Cour Napoléon": an adjective the unnamed
        # thing was never given tells another one
        told = {w.lower_ for m in mods for w in m.subtree if w.dep_ == "amod"} - _DISTINGUISHING
        cands = [t for t in cands if t.named or told <= t.words]
        if not cands:
            return None
        # "the plant" after "Reactor 4 at the Chernobyl nuclear power plant": the plant named a plant, not the
        # reactor that is one only by a broader kind
        own = [t for t in cands if t.named and noun in t.words]
        if own and len(own) < len(cands):
            cands = own
        best = max(cands, key=lambda t: (t.named, t.score, t.order))
        if not best.named and best.hypothetical:
            # "had planned a conventional neo-Gothic church … consecrated the church": the article's subject,
            # or left as it is (an open reference is better than a wrong one)
            topic = self._fallback(noun) if not mods else []
            if not topic:
                return None
            best = topic[0]
        kept = [w for w in words if w not in best.name.lower() and (not best.named or w in _DISTINGUISHING)]
        return det.i, best, kept

    def _short_name(self, doc, tok, taken: set[int]) -> tuple[int, Thing] | None:
        """``(start, thing)`` for "the City", "the Museum", "the University" standing alone after the article
        named "the City of London", "the Museum of Silverwork": the one named thing whose name is that word
        "of" something (none when two are)."""
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.dep_ == "compound":
            return None
        dets = [c for c in tok.lefts if c.dep_ == "det"]
        if len(list(tok.lefts)) != 1 or not dets or dets[0].lower_ != "the" or dets[0].i in taken:
            return None
        if any(c.dep_ in ("prep", "compound", "appos") for c in tok.rights) or (
                tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
            return None  # "the City of London" itself, "the City Council"
        if not english_noun(tok.text):
            return None  # a name of its own ("the Hague"), not a kind word capitalised
        prefix = f"{tok.lower_} of "
        found = [t for t in self.things if t.named and _strip_det(t.name).lower().startswith(prefix)]
        if len({_strip_det(t.name).lower() for t in found}) != 1:
            return None
        return dets[0].i, found[-1]

    def _bridge(self, doc, tok, taken: set[int], repl) -> tuple[int, str, Thing] | None:
        """``(start, name, thing)`` for "the opening", "the crypt", "the collapse": what happens to, or is
        part of, the built thing the article is about, said without naming it ("The opening came three
        decades after…" → "The opening of the Panama Canal came…"). Only for those nouns, only when one
        built thing clearly leads the article, and never when the phrase says whose it is."""
        project = tok.lower_ in _UNDERTAKINGS
        if (tok.lemma_.lower() not in _BRIDGING and not project) or tok.tag_ != "NN":
            return None
        dets = [c for c in tok.lefts if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the" or dets[0].i in taken:
            return None
        if any(c.dep_ in ("prep", "relcl", "acl", "poss") and (c.dep_ != "prep" or c.lower_ in ("of", "for", "at", "in", "on"))
               and not (c.i > tok.i and doc[c.left_edge.i - 1].text == ",")  # ("The opening, overshadowed by …,": an aside)
               or c.tag_ == "POS" for c in tok.children):
            return None  # "the opening of the canal", "the opening ceremony's": it says whose
        mods = [w for c in tok.lefts if c.i > dets[0].i for w in c.subtree]
        if any(w.pos_ == "PROPN" or w.ent_type_ or w.like_num or w.i in taken for w in mods):
            return None
        target = self._main_built()
        if target is None or target.name.lower() in doc.text.lower():
            return None  # not when the sentence names it
        if project:
            # "The project cost 1.15 billion kroner" → "The Halvorstad Opera House project cost …": the work on
            # the thing the article is about, when the article told of no project of its own
            if mods or not target.named or tok.lower_ in self._introduced or any(
                    tok.lower_ in t.nouns for t in self.things if not t.plural):
                return None  # (an unnamed thing's long description makes no name: "the … outside Ålsjöberg project")
            if re.search(r"\b(?:city|town) hall$", target.name, re.I):
                return None  # the city hall that speaks for the city, not what its project builds
            bare = _strip_det(target.name)
            owned = _OWNER_PREFIX.match(bare)
            return dets[0].i, f"{'' if owned else doc[dets[0].i].text + ' '}{bare} {tok.text}", target
        phrase = _render(doc, dets[0].i, tok.i + 1, repl)
        return dets[0].i, f"{phrase} of {target.name}", target

    def _council(self, doc, tok, taken: set[int]) -> tuple[int, str, Thing] | None:
        """``(start, name, town)`` for "the council", "the town council" in an article about a town: that
        town's council ("In Kołobrzeg, the town council has agreed…" → "Kołobrzeg town council"). The town
        is the one named in the sentence, else the one the article clearly leads with; never when the phrase
        says whose ("the council of Europe", "the council's own")."""
        if tok.lemma_.lower() != "council" or tok.tag_ not in ("NN", "NNP") or not tok.text.islower():
            return None
        dets = [c for c in tok.lefts if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the" or dets[0].i in taken:
            return None
        mods = [w for c in tok.lefts if c.i > dets[0].i for w in c.subtree]
        if any(w.lower_ not in _COUNCIL_KINDS or w.i in taken for w in mods):
            return None
        if any(c.dep_ in ("prep", "relcl", "acl", "appos") and doc[c.left_edge.i - 1].text not in (",", "(")
               for c in tok.rights):
            return None  # "the council of the canton", "the council that runs …": it says which
        towns = [t for t in self.things if t.label != "PERSON" and not t.plural and t.nouns & GPE_NOUNS
                 and _strip_det(t.name).lower() not in COUNTRIES]
        here = {id(t) for i, t in self._here.items() if i < tok.i}
        said = [t for t in towns if id(t) in here]
        town = said[0] if len({id(t) for t in said}) == 1 else None if said else _leading(
            t for t in towns if t.salience > 1)
        if town is None:
            return None
        kind = " ".join(w.lower_ for w in mods)
        name = f"{_strip_det(town.name)} {kind + ' ' if kind else ''}{tok.lower_}"
        council = next((t for t in self.things if t.name == name), None)
        if council is None:  # the council itself, not the town, is what acts ("lease the company" is no town)
            council = Thing(name, {"council", "body"} | {w.lower_ for w in mods}, "ORG", named=True,
                            words=frozenset(re.findall(r"[^\W\d_][\w'’-]*", name.lower())))
            self.things.append(council)
        return dets[0].i, name, council

    def _combined(self, doc, tok, taken: set[int], repl) -> tuple[int, str, Thing] | None:
        """``(start, name, merger)`` for "the combined company", "the merged group", "the new group" after
        the article told of a merger: the business the two make ("the combined business of Café Aurora and
        Grão Mineiro"), not either of them, and no name yet."""
        if tok.lemma_.lower() not in BUSINESS_NOUNS or tok.tag_ != "NN":
            return None
        dets = [c for c in tok.lefts if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the" or dets[0].i in taken:
            return None
        mods = [w for c in tok.lefts if c.i > dets[0].i for w in c.subtree]
        if not mods or not all(w.lower_ in _MERGED for w in mods) or any(w.i in taken for w in mods):
            return None
        if any(c.dep_ in ("prep", "relcl", "acl", "appos") for c in tok.rights):
            return None  # "the new group of investors", "the new company, Aurora Mineiro": it says which
        merger = next((t for t in reversed(self.things) if t.parties), None)
        if merger is None:
            return None
        phrase = _render(doc, dets[0].i, tok.i + 1, repl)
        if "new" in {w.lower_ for w in mods}:
            phrase = f"{doc[dets[0].i].text} combined {tok.text}"
        return dets[0].i, f"{phrase} of {merger.parties[0]} and {merger.parties[1]}", merger

    def _round_of(self, doc, tok, taken: set[int]) -> tuple[int, str, Thing] | None:
        """``(start, name, competition)`` for "the final", "the semi-final" in an article about a cup or
        championship it has named ("the women's national cup" … "The final drew a crowd" → "The women's
        national cup final"); None when the phrase says which one or no competition leads."""
        dets = [c for c in tok.lefts if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the" or dets[0].i in taken or tok.tag_ not in ("NN", "JJ"):
            return None
        if any(c.i > dets[0].i and c.dep_ in ("amod", "compound", "nmod", "poss") for c in tok.lefts) or any(
                c.dep_ in ("prep", "relcl", "acl") and (c.dep_ != "prep" or c.lower_ in ("of", "at", "in")) for c in tok.rights):
            return None  # "the 2014 final", "the final of the Champions League": it says which
        comps = [t for t in self.things if t.nouns & _COMPETITIONS and not t.plural and t.salience > 1]
        if not comps:
            return None
        best = max(comps, key=lambda t: (t.score, t.order))
        if any(t is not best and t.score > 0.6 * best.score for t in comps):
            return None  # two competitions in play: which one's final, the reader cannot tell
        name = f"{doc[dets[0].i].text} {_strip_det(best.name)} {tok.text}"
        key = f"the {_strip_det(best.name)} {tok.lower_}"
        final = next((t for t in self.things if t.name == key), None)
        if final is None:  # the round itself is what "it" means next ("It was the best final …")
            final = Thing(key, self._nouns(tok.lower_) | {"match", "game"}, "EVENT",
                          words=frozenset(re.findall(r"\w+", key.lower())))
            self.things.append(final)
        return dets[0].i, name, final

    def _fallback(self, noun: str) -> list[Thing]:
        """A class noun no known thing is called by: the article's main subject when its name says
        nothing of its kind ("the basilica" for "the Sagrada Família"), an organisation without a
        class noun in its name for an organisation noun ("the orchestra" for "the Czech Philharmonic")."""
        if noun in _KINDS and noun not in _EVENT_NOUNS and noun not in GPE_NOUNS | COUNTRY_NOUNS | {"village"} \
                and noun not in _ORG_EXTRA and noun not in BUSINESS_NOUNS:  # "the orchestra": an organisation, below
            # (a town or country is named as one: "the city" is never the headline's wall or bridge)
            # only a subject the headline is clearly about (most of its name is in the headline)
            # nor an organisation the article has called one ("the work" is no orchestra)
            topic = [t for t in self.things if t.named and t.topic >= 45 and not t.plural and not (t.nouns & _THING_CLASSES)
                     and t.label not in ("GPE", "LOC", "NORP") and not (t.nouns & _ORG_WORDS)]
            return sorted(topic, key=lambda t: t.score, reverse=True)[:1]
        if noun in BUSINESS_NOUNS:
            # "The company, founded in Szczecin": a business the article has shown acting or said what it is, never
            # a country or town the recogniser read as an organisation, nor a public body
            orgs = [t for t in self.things if t.label == "ORG" and _singular(t)
                    and (t.subjects >= 1 or t.salience > 20)
                    and _strip_det(t.name).lower() not in COUNTRIES and not (t.placed and t.placed >= t.mentions)
                    and (_strip_det(t.name).lower().split() or [""])[-1] not in PUBLIC_BODY_WORDS]
            kinds = [t for t in orgs if t.nouns & COMPANY_KINDS]
            if len(kinds) == 1:
                return kinds
            return sorted(orgs, key=lambda t: t.score, reverse=True)[:1] if len(orgs) == 1 else []
        if noun in _ORG_EXTRA:
            # (not "the government", "the council": a body of its own kind, not the organisation just named)
            # one the article has shown acting (a subject), not a name inside another's ("Møre og Romsdal county
            # council") nor a place read as an organisation ("one tourist from Lyon")
            orgs = [t for t in self.things if t.label == "ORG" and t.subjects >= 1 and (t.salience > 20 or t.topic >= 45)
                    and not ((t.nouns - ORG_NOUNS) & (ORG_ROLES | _ORG_EXTRA | _THING_CLASSES))]
            return sorted(orgs, key=lambda t: t.score, reverse=True)[:1]
        return []

    @staticmethod
    def _rename(thing: Thing, mods: list[str]) -> str:
        name = thing.name
        if not mods:
            return name
        bare = _strip_det(name)
        owner = _OWNER_PREFIX.match(bare)
        if owner and not thing.named:  # "Łódź's 2027 budget": no room for "new"
            return name
        if owner:  # "the new section" → "Ravensholm's new Green Line tram extension"
            return owner.group(0) + " ".join(mods) + " " + bare[owner.end():]
        if any(m in _DISTINGUISHING for m in mods):  # "the old" + "new Carola Bridge": the old Carola Bridge
            bare = " ".join(w for w in bare.split() if w.lower() not in _DISTINGUISHING)
        return "the " + " ".join(mods) + " " + bare

    # -- recording -------------------------------------------------------------------------------
    def _in_main_clause(self, tok) -> bool:
        """``tok`` is said in the sentence's main clause (or one joined to it), not inside a relative,
        appositive or adverbial clause, nor inside another noun's phrase ("the site of the bakery"):
        what a sentence is about, for the pronoun of the next (Lappin and Leass's head-noun emphasis)."""
        w = tok
        while w.head.i != w.i:
            if w.dep_ in ("relcl", "acl", "appos", "advcl", "ccomp", "xcomp", "pcomp", "parataxis"):
                return False
            if w.dep_ == "pobj" and w.head.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return False
            if w.dep_ in ("poss", "compound", "nmod") and w.head.pos_ in ("NOUN", "PROPN"):
                return False
            w = w.head
        return True

    def _touch(self, thing: Thing, index: int, tok) -> None:
        self._here[tok.i] = thing
        # the owner of a subject is what its sentence is about ("The satellite's cameras can pick out …")
        role = tok.head if tok.dep_ == "poss" and tok.head.dep_ in ("nsubj", "nsubjpass") else tok
        thing.salience += 100.0 + _ROLE_WEIGHTS.get(role.dep_, 30.0) + (
            MAIN_CLAUSE_WEIGHT if role.dep_ in _CORE_ROLES and self._in_main_clause(role) else 0.0)
        thing.subjects += tok.dep_ in ("nsubj", "nsubjpass")
        place = tok.head if tok.dep_ == "conj" else tok  # "between Bergen and Ålesund": both are places
        thing.placed += place.dep_ == "pobj" and place.head.lower_ in ("in", "at", "near", "outside", "between")
        thing.sentence = index
        thing.mentions += 1
        self._order += 1
        thing.order = self._order

    def _observe(self, doc, tok, index: int, is_person=None, repl=None) -> None:
        """Record the thing ``tok`` heads, if it heads one."""
        if tok.dep_ == "compound" and tok.ent_type_ in ("GPE", "ORG", "LOC", "FAC") and tok.ent_iob_ in ("B", "I") \
                and (tok.i + 1 == len(doc) or doc[tok.i + 1].ent_iob_ != "I") and tok.head.lemma_.lower() not in _MANNER:
            self._observe_entity(doc, tok, index, is_person,  # "Kraków" in "the Kraków smog alert"
                                 kind=doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "")
            return
        if tok.dep_ == "compound" and tok.pos_ == "PROPN" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in _RESIDENTS \
                and not tok.ent_type_ in ("PERSON", "ORG") and tok.head.i == tok.i + 1:
            # "Zürich voters", "Bern residents": the place they live in
            self._observe_entity(doc, tok, index, is_person, label="GPE")
            return
        if tok.dep_ == "compound" and tok.pos_ == "PROPN" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in _PLACE_HEADS:
            # "Łódź" in "Łódź city council"; "Gävleborg county" is a county, not what "the municipality" means
            self._observe_entity(doc, tok, index, is_person, label="GPE", kind=doc[tok.i + 1].lower_)
            return
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
            return
        if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP"):
            return
        if tok.dep_ == "conj" and tok.ent_iob_ == "I" and tok.ent_type_ in ("ORG", "FAC", "WORK_OF_ART") \
                and tok.head.ent_type_ == tok.ent_type_:
            return  # "Filhos" in "Móveis Carvalho & Filhos": the end of one name, not a second thing
        if tok.ent_type_ == "PERSON" and tok.lower_ not in BROADER:  # "the Jerónimos Monastery" is no person
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            bare = re.sub(r"\s*['’]s$", "", ent.text) if ent is not None else tok.text
            the = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or (
                ent is not None and ent.start > 0 and doc[ent.start - 1].lower_ == "the")
            # "the research ship Mar Açoriano": a name after its kind noun is a thing of that kind
            kind = ent is not None and ent.start > 0 and doc[ent.start - 1].pos_ == "NOUN" and \
                doc[ent.start - 1].lemma_.lower() in _THING_CLASSES | _KINDS
            if not the and not kind and (is_person is None or is_person(bare)):
                return  # a person: the mention table's (a name it knows is a thing goes on: "Café Aurora")
        if tok.lower_ in _NOT_THINGS or tok.lower_ in PERSON_ROLES:
            return
        if any(c.dep_ in ("compound", "nmod") and c.lower_ in ("name", "word", "term") for c in tok.children):
            return  # "The name Curiosity came from an essay contest": the word, not the thing it names
        if tok.pos_ == "NOUN" and any(c.dep_ in ("amod", "det", "predet")
                                      and c.lower_ in ("same", "such", "another", "other") for c in tok.children):
            return  # "will photograph the same stretch of sea": a phrase that points elsewhere, no new thing
        if tok.pos_ == "NOUN" and any(c.dep_ == "nummod" and c.like_num and c.lower_ != "one" for c in tok.children) and not any(
                c.dep_ in ("det", "poss") for c in tok.children):
            return  # "2.5 million kroner", "147 passengers": an amount, not a thing "it" may mean
        if any(c.dep_ == "appos" and c.lower_ in PERSON_ROLES for c in tok.children):
            return  # "Åsa Lindqvist, an ecologist…": a person the recogniser missed
        org_kind = tok.lower_ in ORG_ROLES or tok.lower_ in BUSINESS_NOUNS or tok.lower_ in _ORG_EXTRA
        named_by = next((c for c in tok.rights if c.dep_ == "appos" and c.pos_ == "PROPN"
                         and (c.ent_type_ != "PERSON" or org_kind)), None)  # (a company's name is no person's)
        if tok.pos_ == "NOUN" and tok.tag_ == "NN" and named_by is not None and tok.lower_ not in _NOT_THINGS:
            self._kind_of[named_by.i] = tok.lemma_.lower()  # "the metro company Metroselskabet": Metroselskabet
            return
        naming = tok.dep_ == "dobj" and tok.head.lemma_.lower() in _NAMING_VERBS and any(
            c.dep_ == "dative" for c in tok.head.children)  # "proclaimed it a minor basilica"
        if (tok.dep_ in ("attr", "oprd", "ccomp", "xcomp") or naming) and tok.pos_ == "NOUN":
            # "X is a basilica", "makes X the tallest church", "proclaimed it a basilica": a kind of X
            verb = tok.head
            owner = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")] or \
                [c for c in verb.children if c.dep_ in (("dative",) if naming else ("dobj",) if tok.dep_ in ("oprd", "xcomp")
                                                        else ("nsubj", "nsubjpass"))]
            if owner and owner[0].i in self._here:
                self._here[owner[0].i].nouns |= self._nouns(tok.lemma_.lower())
            return
        if tok.lower_ in DISEASES and tok.dep_ != "compound":
            # "Measles is one of the most contagious diseases": what "the disease" and "it" may mean next
            thing = Thing(tok.lower_ if tok.lower_ not in _DISEASE_CAPS else tok.text, set(_DISEASE_NOUNS), "DISEASE",
                          words=frozenset({tok.lower_}), named=True)
        else:
            thing = self._phrase(doc, tok, repl or {})
        if thing is None or (is_person is not None and thing.named and tok.lower_ not in BROADER
                             and is_person(_strip_det(thing.name))):
            return
        known = self._find(thing)
        if known is None:
            self.things.append(thing)
            known = thing
            overlap = known.words & self.title_words
            if overlap:
                known.topic = 60.0 * len(overlap) / max(len(known.words), 1)
        else:
            known.nouns |= thing.nouns
            if (thing.label == "GPE" and known.label in ("PROPN", "", "ORG") and known.named and len(known.words) == 1
                    and tok.dep_ == "poss" and tok.head.lemma_.lower() in PLACE_OWNED):
                known.label = "GPE"  # a name read as a person's before, now shown to be a place's
            if thing.named and not known.named:
                known.name, known.named, known.words = thing.name, True, thing.words
            elif (repl is not None and thing.named and known.named and thing.words < _head_words(known) and thing.span
                  and not doc[thing.span[0]].lower_ == "the" and thing.span[0] not in repl
                  and " of " not in f" {known.name.lower()} " and known.name.lower().endswith(thing.name.lower())
                  and _strip_det(known.name).lower() not in doc.text.lower()  # not when the full name is there
                  and not (thing.span[0] == 0 and thing.span[1] == 1 and common_plural(doc[0].text))):  # "Trams run"
                # "Alcântara" after "Sporting de Alcântara": each claim names it in full
                full = _strip_det(known.name) if not known.name.lower().startswith("the ") else known.name
                repl[thing.span[0]] = (thing.span[1], full[:1].upper() + full[1:] if thing.span[0] == 0 else full)
        kind = self._kind_of.pop(tok.i, None)
        if kind is not None:
            known.nouns |= self._nouns(kind)
            if kind in ORG_ROLES or kind in BUSINESS_NOUNS or kind in _ORG_EXTRA:
                known.label = "ORG"
        if thing.span:
            self._phrases.append((thing.span, known))
        self._touch(known, index, tok)
        for c in tok.children:  # "X, an observatory": X is also an observatory
            if c.dep_ == "appos" and c.pos_ == "NOUN":
                known.nouns |= self._nouns(c.lemma_.lower())
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ == "be":
            for c in tok.head.children:
                if c.dep_ == "attr" and c.pos_ == "NOUN":
                    known.nouns |= self._nouns(c.lemma_.lower())

    def _observe_entity(self, doc, tok, index: int, is_person=None, label: str | None = None, kind: str = "") -> None:
        start = tok.i
        while label is None and start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while label is not None and start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
            start -= 1
        text = doc[start:tok.i + 1].text
        if is_person is not None and is_person(text):
            return
        label = label or tok.ent_type_
        nouns = self._nouns(tok.lower_)
        label = _built_label(label, tok)
        if label == "GPE" and kind in _AREA_HEADS:
            nouns |= {kind, "region"}
        elif label == "GPE":
            nouns |= COUNTRY_NOUNS if text.lower() in COUNTRIES else GPE_NOUNS
        words = frozenset(w.lower_ for w in doc[start:tok.i + 1] if w.is_alpha)
        thing = Thing(text, nouns, label, False, True, words=words)
        known = self._find(thing)
        if known is None:
            self.things.append(thing)
            known = thing
        self._touch(known, index, tok)

    def _phrase(self, doc, tok, repl: dict[int, tuple[int, str]]) -> Thing | None:
        lefts = [c for c in tok.lefts if c.dep_ in ("det", "amod", "compound", "nmod", "nummod", "quantmod", "poss")]
        if tok.pos_ == "PROPN" and tok.ent_type_ == "GPE":
            lefts = [c for c in lefts if not (c.dep_ == "amod" and c.lower_ in _AREA_WORDS)]  # "central Sweden": Sweden
        own = {c.i: (c.i + 1, self._own_its[c.i]) for c in lefts if c.dep_ == "poss" and c.i in self._own_its}
        if own:
            repl = {**repl, **own}
        if any(c.dep_ == "poss" and c.pos_ == "PRON" and c.i not in repl for c in lefts):
            return None  # "its data": whose, the reader cannot tell
        if any(c.dep_ == "det" and c.lower_ not in ("the", "a", "an") for c in lefts):
            return None
        start = min((w.i for c in lefts for w in c.subtree), default=tok.i)
        end = tok.i + 1
        if tok.pos_ == "PROPN" and end < len(doc) and doc[end].dep_ == "nummod" and doc[end].head.i == tok.i \
                and re.fullmatch(r"\d{1,4}[A-Za-z]?", doc[end].text) and not (
                    end + 1 < len(doc) and doc[end + 1].text[:1] in "-–—:"):  # not "Ribeira 2-1": a score
            end += 1  # "Reactor 4", "Apollo 11": the number is part of the name
        for c in tok.rights:  # "the Museum of Silverwork", "the University of Coimbra"
            # (the phrase up to a comma or a clause: "the province of Córdoba, where temperatures …")
            stop = _phrase_end(c, appositive=False)
            inner = [w for w in c.subtree if w.i < stop]
            if c.dep_ == "prep" and c.lower_ in _NAME_LINKS and c.i == end and len(inner) <= 5:
                if (c.lower_ not in ("of", "in", "to", "at") and tok.pos_ == "PROPN" and c.text.islower()
                        and all(w.pos_ == "PROPN" for w in inner if w.i != c.i)):
                    end = stop  # "Sporting de Alcântara", "Banco do Brasil"
                elif c.lower_ not in ("of", "in", "to", "at"):
                    pass
                elif c.lower_ == "of" or any(w.pos_ == "PROPN" for w in inner) and (
                        c.lower_ != "at" or tok.pos_ != "PROPN"):  # not "the Symphony at Carnegie Hall"
                    end = stop
            break
        if tok.ent_type_ in ("ORG", "FAC", "WORK_OF_ART") and tok.pos_ == "PROPN":
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None and ent.end > end and any(w.dep_ == "conj" and w.head.i == tok.i for w in doc[end:ent.end]):
                end = ent.end  # "Móveis Carvalho & Filhos": one name
        words = [w for w in doc[start:end] if not w.is_punct or w.text in ("-", "'", "’")]
        if not words:
            return None
        text = _render(doc, start, end, repl)
        if re.search(r"\b(?:its|their|his|her)\b", text, re.I):
            return None  # "the 6.5-metre mirror of its successor": whose, the reader cannot tell
        if text.startswith("The "):
            text = "the " + text[4:]  # a name moved into another sentence does not start it
        indefinite = text.lower().startswith(("a ", "an "))
        if indefinite:
            text = "the " + text.split(" ", 1)[1]
        possessed = {w.i for c in lefts if c.dep_ == "poss" for w in c.subtree}
        named = tok.pos_ == "PROPN" or any(w.pos_ == "PROPN" for w in doc[start:tok.i] if w.i not in possessed)
        purpose = _purpose(doc, tok, end) if not named and tok.tag_ == "NN" else None
        if purpose is None and not named and end == tok.i + 1 and tok.tag_ == "NN":
            purpose = _agent(doc, tok)  # "a survey by the Sunnmøre Marine Institute"
        if purpose is None and not named and end == tok.i + 1 and tok.tag_ == "NN":
            purpose = _intended(doc, tok)  # "a ferry for the crossing to Langevåg"
        told = ""
        if purpose is not None:
            # "a plan to spend 1.2 billion Swiss francs on affordable housing": what it is for tells it apart
            told = " " + _render(doc, purpose[0], purpose[1], repl)
            text = text + told
        elif not named and end == tok.i + 1 and tok.tag_ == "NN":
            linking = _linking(doc, tok)  # "a new undersea cable linking Sines with Fortaleza"
            if linking:
                told = " " + linking
                text = text + told
                purpose = (tok.i + 1, tok.i + 1)
        if not named and len(words) < 3 and purpose is None:
            return None  # "the museum": not a fuller name for anything
        located = ""
        if not named and end == tok.i + 1 and purpose is None:
            # "a cold-water coral reef about 1.2 kilometres long in Storfjorden": where it is tells it apart
            # (and "A health clinic opened on Wednesday in Arieșeni": where a new thing opened)
            holders = list(tok.rights) + ([c for c in tok.head.rights if c.i > tok.i] if tok.dep_ in ("dobj", "nsubjpass")
                                          or tok.dep_ == "nsubj" and indefinite else [])
            where = next((c for c in holders if c.dep_ == "prep" and c.lower_ in _LOCATING
                          and any(g.dep_ == "pobj" and g.pos_ == "PROPN" and (g.ent_type_ in ("GPE", "LOC", "FAC", "")
                                                                      or g.ent_type_ in ("PERSON", "NORP") and c.lower_ in ("in", "near"))
                                  for g in c.children) and _place_end(c) - c.i <= 6), None)
            if where is None and tok.lemma_.lower() in _LINKS_PLACES:
                # "Valdren Rail's new high-speed line between Karsholm and Merisund": the two places it joins tell it
                # apart from the company's other line
                where = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "between" and any(
                    g.dep_ == "pobj" and g.pos_ == "PROPN" and any(x.dep_ == "conj" and x.pos_ == "PROPN" for x in g.children)
                    for g in c.children) and _place_end(c) - c.i <= 6), None)
            located = _render(doc, where.i, _place_end(where), repl) if where is not None else ""
            text = text + " " + located if located else text
        if tok.pos_ == "PROPN" and not text.lower().startswith("the ") and doc[start].lower_ != "the":
            kind = self._kind_of.get(tok.i, "")
            if (tok.ent_type_ in ("ORG", "FAC") and doc[start].text[:1].isupper() and tok.lower_ in BROADER
                    and not (kind in BUSINESS_NOUNS or kind in _ORG_EXTRA)):
                text = "the " + text  # "the Carola Bridge" (not "its operator, Baltic Amber Line": a company's name)
        label = tok.ent_type_ if tok.ent_type_ and doc[start].ent_type_ == tok.ent_type_ else ("PROPN" if named else "")
        label = _built_label(label, tok)
        bare = re.sub(r"\s*['’]s$", "", _strip_det(text))
        if label == "PERSON":  # a name the article shows is a thing ("Hubble" for the telescope, "Kraków")
            label = self._relabel.get(bare, "PROPN")
        elif label == "ORG" and self._relabel.get(bare) == "PRODUCT":
            label = "PRODUCT"  # "Dalmexaban", which the article also writes "dalmexaban": a drug, no organisation
        owned = tok.head.lemma_.lower() if tok.dep_ == "poss" else ""
        if tok.pos_ == "PROPN" and start == tok.i and (label in ("PROPN", "") and owned in PLACE_OWNED
                                                       or label == "ORG" and owned in ONLY_A_PLACE_OWNS):
            label = "GPE"  # "Ravensholm's streets": a place's streets
        nouns = self._nouns(tok.lower_ if tok.pos_ == "PROPN" else tok.lemma_.lower())
        if tok.pos_ == "PROPN" and tok.lower_ not in BROADER and tok.lower_ not in ORG_ROLES:
            for w in doc[start:tok.i]:  # "the ferry MS Sulafjord" is a ferry (and so a vessel)
                # (not "reef" in "the reef ecologist Marisol Peñalver": what the role is about)
                if w.pos_ == "NOUN" and w.dep_ == "compound" and w.head.pos_ == "PROPN":
                    nouns |= self._nouns(w.lemma_.lower())
        for w in doc[start:end]:  # "the Instituto Atlântico de Ciências do Mar" is an institute
            english = FOREIGN_KINDS.get(w.lower_)
            if english is not None and w.text[:1].isupper():
                nouns |= self._nouns(english)
        if _VESSEL_PREFIX.match(_strip_det(text)):
            nouns |= {"ship", "vessel", "boat"}  # "the RMS Titanic" is a ship, whatever the recogniser says
            label = "PRODUCT" if label in ("", "PROPN", "PERSON", "ORG") else label
        if label in ("ORG", "PERSON", "PROPN", "") and _strip_det(text).lower() in COUNTRIES:
            label = "GPE"  # "Kołobrzeg on Poland's coast" read as one organisation: Poland is a country
        if label == "ORG" and not (nouns & (ORG_ROLES | set(BROADER))) and not PRODUCT_LIKE.search(_strip_det(text)):
            nouns |= ORG_NOUNS  # "NASA" … "the agency"; not "the University of Coimbra" … "the company"
        after = doc[end].lower_ if end < len(doc) else ""
        if label == "GPE" and after in _AREA_HEADS:
            nouns |= {after, "region"}  # "the Gävleborg county board": a county, not a town or municipality
        elif label == "GPE":
            lowered = _strip_det(text).lower()
            if lowered in COUNTRIES:
                nouns |= COUNTRY_NOUNS
            elif not any(w in COUNTRIES or w in _AREA_WORDS for w in lowered.split()) and len(lowered.split()) <= 3:
                nouns |= GPE_NOUNS
        content = frozenset(w.lower_ for w in words if w.pos_ in ("PROPN", "NOUN", "ADJ"))
        end_name = end
        while end_name > start + 1 and doc[end_name - 1].tag_ == "POS":
            end_name -= 1
        hypothetical = indefinite and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _INTENDING
        return Thing(text, nouns, label, tok.tag_ in ("NNS", "NNPS"), named, words=content, span=(start, end_name),
                     hypothetical=hypothetical, where=" " + located if located else told)

    @staticmethod
    def _nouns(noun: str) -> set[str]:
        return {noun} | set(BROADER.get(noun, ()))

    def _find(self, thing: Thing) -> Thing | None:
        key = _strip_det(thing.name).lower()
        for t in reversed(self.things):
            if _strip_det(t.name).lower() == key:
                return t
        if thing.named:
            # "Hubble" after "the Hubble Space Telescope", "Alcântara" after "Sporting de Alcântara"
            for t in reversed(self.things):
                if t.named and thing.words and thing.words < _head_words(t) and (
                        t.label == thing.label or not thing.label or thing.label == "PROPN"
                        or t.label == "PROPN" and thing.label in ("ORG", "FAC", "PRODUCT")):
                    return t
        return None
