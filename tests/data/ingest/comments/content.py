"""Hand-written articles and comment threads for the comment-section pages (see make_pages.py)."""

# (slug, language, site, section, title, author, date ISO, paragraphs)
ARTICLES = [
    ("harbour", "en", "The Harbour Herald", "Local",
     "Ferry Service Returns After Three-Week Dock Repair",
     "Maya Lindqvist", "2025-03-04T08:15:00",
     ["The island ferry resumed its full timetable on Monday after engineers finished replacing the "
      "hydraulic ramp at the north dock, three weeks later than the port authority had first promised.",
      "Commuters had been sent to a temporary landing two kilometres away, where a shuttle bus ran every "
      "twenty minutes. The port authority said about 1,900 passengers a day used the detour.",
      "Engineers found corrosion in two of the four support pillars once the old ramp was lifted, which "
      "added eleven days to the job and roughly 340,000 euros to the bill.",
      "The harbour master, Ines Carvalho, said the pillars would now be inspected every six months instead "
      "of every two years. \"We were lucky the ramp failed slowly,\" she told reporters at the dock.",
      "Local traders said the detour had cost them custom during what is usually a busy month for "
      "weekend visitors from the mainland."]),
    ("library", "en", "Northfield Courier", "Education",
     "City Library Extends Opening Hours Into the Evening",
     "Daniel Osei", "2025-01-21T10:40:00",
     ["Northfield's central library will stay open until nine in the evening on weekdays from February, "
      "the council confirmed on Tuesday after a pilot scheme drew more visitors than expected.",
      "During the eight-week pilot the library counted an average of 310 visitors after six o'clock, most "
      "of them students and shift workers who cannot come during the day.",
      "The longer hours will be paid for by moving two staff posts from the mobile library, which will now "
      "visit the outlying villages once a fortnight rather than every week.",
      "Residents in those villages have started a petition against the change. Its organisers say older "
      "readers depend on the weekly visits and cannot easily travel into town.",
      "The council said it would review the mobile service in the summer once it had a full year of figures."]),
    ("solar", "en", "Valley Energy Review", "Energy",
     "Farmers Split Over Plan for a Solar Park on Grazing Land",
     "Priya Raman", "2025-05-12T07:00:00",
     ["A proposal to cover 140 hectares of grazing land with solar panels has divided farmers in the upper "
      "valley, where the planning committee will vote on the scheme next month.",
      "The developer says the park would produce enough electricity for about 28,000 homes and that sheep "
      "could continue to graze between the rows of panels.",
      "Opponents argue that the land is among the most fertile in the district and that the panels would "
      "be visible from the ridge walk, one of the area's best-known footpaths.",
      "Two of the four landowners involved have already signed leases. The other two say they will wait "
      "for the outcome of the vote before deciding.",
      "A public meeting in the village hall on Thursday drew more than two hundred people, many of whom "
      "had to stand at the back."]),
    ("bridge", "en", "Riverside Post", "Transport",
     "Old Rail Bridge to Reopen as a Cycle Path",
     "Tom Achterberg", "2025-06-02T12:30:00",
     ["The disused rail bridge over the river will reopen next spring as a path for cyclists and walkers, "
      "linking the two halves of the town for the first time since the line closed in 1968.",
      "The conversion will cost 4.2 million euros, two thirds of which comes from a regional fund for "
      "active travel. The rest will be paid by the town council over three years.",
      "Surveyors found that the iron spans are in better condition than feared, although the brick "
      "approaches on the east bank will have to be rebuilt.",
      "Cycling groups have campaigned for the route for more than a decade. They estimate it would cut the "
      "journey from the station to the hospital by about fifteen minutes.",
      "Some residents of the houses next to the approach ramps have asked for screens to protect their "
      "privacy, and the council has said it will consider them."]),
    ("clinic", "en", "The Westbrook Gazette", "Health",
     "Walk-In Clinic Cuts Waiting Times With Evening Nurses",
     "Grace Whitfield", "2025-02-17T09:05:00",
     ["The walk-in clinic on Station Road has cut its average waiting time from 95 to 40 minutes since it "
      "began staffing the evening shift with two additional nurses in November.",
      "Patients with minor injuries are now seen by a nurse first, which has freed the two doctors on duty "
      "to deal with more complex cases, the clinic's manager said.",
      "The health board said the change cost about 180,000 pounds a year and was paid for by closing a "
      "rarely used weekend phone line.",
      "Patient groups welcomed the figures but warned that the clinic still closes at ten, leaving the "
      "hospital's emergency department as the only option overnight.",
      "The board will decide in April whether to extend the model to the two other clinics in the county."]),
    ("market", "en", "Eastgate Chronicle", "Business",
     "Covered Market Traders Face Rent Rise After Refurbishment",
     "Leon Fairbairn", "2025-04-08T16:20:00",
     ["Traders at the Victorian covered market have been told their rents will rise by up to 35 percent "
      "when the building reopens after an 18-month refurbishment in the autumn.",
      "The council, which owns the market, said the increase reflects the cost of the new roof, heating "
      "and toilets, and that rents had not changed since 2012.",
      "Several stallholders said they would not be able to afford the new rates. A florist who has traded "
      "there for 27 years said she was considering moving to the Saturday street market instead.",
      "The council has offered a two-year phase-in for existing tenants and a discount for businesses that "
      "open on Sundays.",
      "Councillors will debate a motion calling for a rent freeze at next week's full council meeting."]),
    ("wolves", "en", "Highland Nature Notes", "Wildlife",
     "Camera Traps Confirm a Wolf Pair in the National Park",
     "Sofia Brennan", "2025-09-23T06:45:00",
     ["Rangers have confirmed that a pair of wolves has settled in the northern part of the national park, "
      "after camera traps recorded the two animals on eleven nights in August.",
      "It is the first confirmed pair in the park for more than a century. Genetic samples taken from hair "
      "and droppings suggest both animals came from a population across the border.",
      "Sheep farmers in the surrounding valleys have asked for compensation rules to be settled before any "
      "livestock is lost. The park authority said a scheme would be published before the lambing season.",
      "Biologists at the regional university said the pair could breed as early as next spring, but that "
      "young wolves usually leave their parents' territory within two years.",
      "Visitors are asked not to try to find the animals and to keep dogs on leads in the northern zone."]),
    ("choir", "en", "Millbrook Weekly", "Culture",
     "Community Choir Wins National Amateur Prize",
     "Hannah Okafor", "2025-11-10T19:00:00",
     ["Millbrook Community Choir won the national amateur choral prize on Saturday, beating forty-two other "
      "groups in a final held at the concert hall in the capital.",
      "The choir, founded in a church hall in 2009 with eleven members, now has sixty-four singers aged "
      "between sixteen and eighty-seven.",
      "Its programme combined a sixteenth-century motet with a new piece written for the choir by a local "
      "composer, which the jury called the most daring choice of the evening.",
      "The prize includes 5,000 euros and a recording session, which the choir's director said would be "
      "used to make its first album.",
      "The choir will give a free homecoming concert in the town square on the first Sunday of December."]),
    ("wohnungen", "de", "Rheinufer Nachrichten", "Stadt",
     "Stadt baut 400 neue Wohnungen am alten Güterbahnhof",
     "Jana Köhler", "2025-03-19T11:00:00",
     ["Auf dem Gelände des alten Güterbahnhofs sollen bis 2029 rund 400 neue Wohnungen entstehen, davon ein "
      "Drittel mit gebundenen Mieten. Der Stadtrat hat den Bebauungsplan am Dienstag beschlossen.",
      "Die Kosten für die Erschließung des Geländes schätzt die Verwaltung auf 38 Millionen Euro. Ein Teil "
      "davon soll durch den Verkauf von Grundstücken an Baugenossenschaften gedeckt werden.",
      "Anwohner hatten vor allem den zusätzlichen Verkehr kritisiert. Die Stadt will deshalb eine neue "
      "Buslinie einrichten und die Zahl der Parkplätze begrenzen.",
      "Die ersten Bagger sollen im Herbst anrücken, wenn die Altlasten im Boden beseitigt sind."]),
    ("velo", "fr", "Le Courrier du Lac", "Société",
     "La ville ouvre trois nouvelles pistes cyclables avant l'été",
     "Camille Rousseau", "2025-05-06T08:30:00",
     ["La municipalité a inauguré lundi la première de trois nouvelles pistes cyclables, qui relieront "
      "la gare au campus universitaire d'ici le mois de juillet.",
      "Le chantier a coûté 2,6 millions d'euros, financés pour moitié par la région. Les travaux ont "
      "supprimé environ quatre-vingts places de stationnement le long de l'avenue principale.",
      "Les commerçants de l'avenue craignent une baisse de fréquentation, tandis que les associations de "
      "cyclistes saluent un tracé enfin continu.",
      "Un premier bilan de la fréquentation sera présenté au conseil municipal à l'automne."]),
    ("agua", "es", "Diario del Valle", "Sociedad",
     "El ayuntamiento renueva la red de agua del casco antiguo",
     "Lucía Fernández", "2025-07-14T09:50:00",
     ["El ayuntamiento comenzará en septiembre a sustituir las tuberías de agua del casco antiguo, algunas "
      "de las cuales tienen más de setenta años, según informó el concejal de Obras.",
      "Las obras durarán unos catorce meses y costarán 5,1 millones de euros. Se harán por tramos para que "
      "ninguna calle quede cortada más de tres semanas.",
      "Los vecinos se quejan desde hace años de las averías frecuentes y de la baja presión en los pisos "
      "más altos durante el verano.",
      "El consistorio habilitará una oficina de información en la plaza mayor mientras duren los trabajos."]),
    ("festival", "it", "La Gazzetta del Borgo", "Cultura",
     "Il festival del cinema all'aperto torna in piazza",
     "Marco Bellini", "2025-06-20T18:10:00",
     ["Dopo due anni di pausa, il festival del cinema all'aperto torna in piazza del Duomo dal primo al "
      "venti luglio, con quaranta proiezioni gratuite.",
      "Il programma comprende film restaurati degli anni Sessanta e una sezione dedicata ai giovani registi "
      "della regione, che presenteranno dodici cortometraggi.",
      "Il comune ha stanziato 120 mila euro per l'edizione di quest'anno, mentre il resto del budget "
      "arriva da sponsor privati e da una fondazione bancaria.",
      "Gli organizzatori prevedono oltre diecimila spettatori nelle tre settimane del festival."]),
    ("dijk", "nl", "Het Polderblad", "Regio",
     "Waterschap versterkt dijk langs de rivier",
     "Sanne de Vries", "2025-08-28T07:30:00",
     ["Het waterschap begint in oktober met het versterken van vier kilometer dijk langs de rivier, een "
      "project dat volgens de planning drie jaar gaat duren.",
      "De dijk wordt verbreed en op sommige plaatsen een halve meter verhoogd. Daarvoor moeten ongeveer "
      "zestig bomen wijken, die elders in de polder worden herplant.",
      "Bewoners van de dijkwoningen kregen deze week een brief met uitleg over de werkzaamheden en de "
      "tijdelijke omleiding van het fietspad.",
      "Het project kost 47 miljoen euro en wordt grotendeels betaald uit het landelijke programma voor "
      "waterveiligheid."]),
]

# Threads: lists of (author, date ISO, text, parent index or None)
THREADS = {
    "harbour": [
        ("Ruth Amsel", "2025-03-04T09:02:00", "Three weeks late and nobody at the port authority has apologised for the shuttle chaos.", None),
        ("Piet van Dam", "2025-03-04T09:40:00", "To be fair, nobody could have known about the corroded pillars until the ramp came off.", 0),
        ("Ruth Amsel", "2025-03-04T10:05:00", "They could have inspected them in the last twenty years, which is rather the point.", 1),
        ("Lena Moreau", "2025-03-04T12:18:00", "The shuttle drivers were brilliant, credit where it is due. Always on time and always polite.", None),
    ],
    "library": [
        ("Kofi Mensah", "2025-01-21T11:10:00", "Evening opening is great news for anyone who works days. I used the pilot twice a week.", None),
        ("Edith Marsh", "2025-01-21T12:55:00", "My mother relies on the mobile library and cannot manage the bus into town. Cutting it to fortnightly is unfair.", None),
        ("Sam Whitlow", "2025-01-21T13:20:00", "Signed the petition. The villages always seem to pay for improvements in the centre.", 1),
        ("Kofi Mensah", "2025-01-21T14:02:00", "Agreed that the villages should not lose out. Surely there is money for both.", 2),
        ("Tariq Haddad", "2025-01-22T08:30:00", "Could they not open later on just three evenings and keep the weekly van?", None),
    ],
    "solar": [
        ("Gwen Pritchard", "2025-05-12T08:12:00", "Sheep grazing under panels works well on my cousin's farm in the south, the grass stays greener in dry summers.", None),
        ("Alun Rees", "2025-05-12T09:47:00", "The ridge walk is the reason half the tourists come here. Put the panels on warehouse roofs first.", None),
        ("Gwen Pritchard", "2025-05-12T10:15:00", "Warehouse roofs are a good idea but there are not nearly enough of them in the valley.", 1),
        ("Mark Tudor", "2025-05-13T07:05:00", "Will the developer publish the income figures for the landowners? That would settle a lot of arguments.", None),
    ],
    "bridge": [
        ("Ingrid Sørensen", "2025-06-02T13:01:00", "Fifteen minutes to the hospital sounds optimistic, but even ten would make a real difference.", None),
        ("Bart Jansen", "2025-06-02T13:44:00", "I live next to the east ramp. Screens would be welcome, the path will look straight into our kitchens.", None),
        ("Ingrid Sørensen", "2025-06-02T14:10:00", "That is a fair worry, I hope the council listens to the neighbours before the design is final.", 1),
    ],
    "clinic": [
        ("Nadia Farouk", "2025-02-17T10:12:00", "Was seen in half an hour last Tuesday evening. The nurse was thorough and kind.", None),
        ("George Pym", "2025-02-17T11:30:00", "Closing at ten is still the problem. Anything after that means four hours in the emergency department.", None),
        ("Nadia Farouk", "2025-02-17T12:02:00", "True, a midnight closing would help the late-shift workers most of all.", 1),
        ("Olu Adebayo", "2025-02-17T15:45:00", "Who actually used the weekend phone line? I never knew it existed.", None),
        ("George Pym", "2025-02-17T16:20:00", "Nobody did, apparently, which is why it was cut.", 3),
    ],
    "market": [
        ("Beatrice Lowe", "2025-04-08T17:02:00", "Thirty-five percent will empty half the stalls. The market will be beautiful and deserted.", None),
        ("Harold Finch", "2025-04-08T17:40:00", "Rents frozen since 2012 were never going to last. A phase-in over two years seems reasonable.", None),
        ("Beatrice Lowe", "2025-04-08T18:05:00", "Reasonable for a chain store perhaps, not for a florist on thin margins.", 1),
    ],
    "wolves": [
        ("Catriona Bell", "2025-09-23T07:30:00", "Wonderful news, but please settle the compensation scheme before lambing and not after.", None),
        ("Euan Munro", "2025-09-23T08:15:00", "Keep the dogs on leads, people. Wolves and loose dogs are a bad combination for both.", None),
        ("Fergus Grant", "2025-09-23T09:02:00", "A century without them and suddenly everyone is an expert on wolves.", None),
        ("Catriona Bell", "2025-09-23T09:20:00", "Some of us have read the studies from across the border, which is not quite the same as being an expert.", 2),
    ],
    "choir": [
        ("Maureen Clarke", "2025-11-10T19:45:00", "So proud of them. My granddaughter is one of the sixteen-year-olds and she has not stopped smiling.", None),
        ("Peter Dunne", "2025-11-10T20:10:00", "The new piece was extraordinary on the radio broadcast. Well deserved.", None),
        ("Ada Lin", "2025-11-11T08:00:00", "Looking forward to the album. Will it be on vinyl as well?", None),
        ("Peter Dunne", "2025-11-11T08:30:00", "I asked at rehearsal, they are hoping for a small pressing in the spring.", 2),
    ],
    "wohnungen": [
        ("Klaus Berger", "2025-03-19T12:10:00", "Ein Drittel gebundene Mieten ist zu wenig, die Stadt braucht dringend mehr bezahlbaren Wohnraum.", None),
        ("Miriam Hoffmann", "2025-03-19T13:25:00", "Endlich passiert auf dem Gelände etwas, das liegt seit zwanzig Jahren brach.", None),
        ("Klaus Berger", "2025-03-19T14:02:00", "Da haben Sie recht, aber bei den Kosten hätte man mehr verlangen können.", 1),
    ],
    "velo": [
        ("Julien Marchand", "2025-05-06T09:15:00", "Enfin un itinéraire continu entre la gare et le campus, je le prendrai tous les jours.", None),
        ("Sylvie Garnier", "2025-05-06T10:40:00", "Quatre-vingts places en moins, c'est un coup dur pour les commerces de l'avenue.", None),
        ("Julien Marchand", "2025-05-06T11:05:00", "Les études montrent que les cyclistes dépensent autant que les automobilistes, sur la durée.", 1),
    ],
    "agua": [
        ("Andrés Molina", "2025-07-14T10:30:00", "Ya era hora, en mi calle se rompe la tubería cada invierno.", None),
        ("Carmen Ruiz", "2025-07-14T11:45:00", "Catorce meses de obras en pleno centro van a ser muy duros para los bares de la plaza.", None),
        ("Andrés Molina", "2025-07-14T12:10:00", "Mejor eso que seguir con cortes de agua cada pocas semanas.", 1),
    ],
    "festival": [
        ("Giulia Conti", "2025-06-20T19:00:00", "Finalmente! Le serate in piazza erano il momento più bello dell'estate.", None),
        ("Paolo Ricci", "2025-06-20T19:35:00", "Speriamo che quest'anno abbiano risolto il problema dell'audio nelle ultime file.", None),
        ("Giulia Conti", "2025-06-20T20:02:00", "Hanno annunciato un nuovo impianto, almeno così dice il programma.", 1),
    ],
    "dijk": [
        ("Henk Bakker", "2025-08-28T08:20:00", "Drie jaar werkzaamheden voor de deur, dat wordt een lange tijd voor de dijkbewoners.", None),
        ("Femke Visser", "2025-08-28T09:05:00", "Veiligheid gaat voor, maar ik hoop dat de nieuwe bomen snel groeien.", None),
        ("Henk Bakker", "2025-08-28T09:40:00", "De omleiding van het fietspad is wel goed geregeld volgens de brief.", 1),
    ],
}
