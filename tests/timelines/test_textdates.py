"""Dates that articles give themselves: real sentences, the rules, false positives, the corpus."""

import datetime
import json
from pathlib import Path

import pytest
from timelines.textdates import DatedEvent, find_dated_events, parse_number, split_sentences

SEED = Path(__file__).parents[2] / "seeds" / "000_c3b89795a0f00579.txt"
CORPUS = Path(__file__).parents[2].parent / "shared" / "corpus" / "wikinews"
WEDNESDAY = datetime.date(2023, 9, 13)  # the seed's publication date


def only(events: list[DatedEvent], expression: str) -> DatedEvent:
    found = [e for e in events if e.expression == expression]
    assert len(found) == 1, [e.expression for e in events]
    return found[0]


# 2012-07-18_le-journaliste-gilles-jacquier-aurait-ete-victime: one sentence, two dates.
JACQUIER = (
    "Le quotidien français Le Figaro annonce mardi soir sur internet que le "
    "journaliste de France 2 Gilles Jacquier aurait été tué le 11 janvier dernier par"
    " « un tir d'obus lancé par les rebelles de Homs, qui visaient un quartier "
    "alaouite pro-régime où se trouvait » le grand reporter, en évoquant une « source"
    " proche du dossier au ministère de la Défense à Paris »."
)


# Real sentences, each from the article whose id is in the comment (published, expected date).
REAL = [
    # seeds/000_c3b89795a0f00579
    (
        "fr",
        "2023-09-13",
        "Le cosmodrome de Vostotchny, entré en service il y a sept ans, est la principale "
        "installation de lancement spatial de la Russie.",
        "il y a sept ans",
        "2016-01-01",
        "year",
    ),
    # seeds/000_c3b89795a0f00579
    (
        "fr",
        "2023-09-13",
        "D’ailleurs, le ministre russe de la Défense, Sergueï Choïgou, a participé aux "
        "discussions, rapportaient ce mercredi les agences russes.",
        "ce mercredi",
        "2023-09-13",
        "day",
    ),
    # 2012-05-22_etats-unis-lancement-reussi-pour-space-x-dragon
    (
        "fr",
        "2012-05-22",
        (
            "La fusée Falcon 9, développée par une société privée : SpaceX, a décollé sans "
            "problème ce matin à 7h44 UTC."
        ),
        "ce matin",
        "2012-05-22",
        "day",
    ),
    # 2012-05-22_etats-unis-lancement-reussi-pour-space-x-dragon
    (
        "fr",
        "2012-05-22",
        (
            "Prévu initialement pour samedi dernier, le lancement a été reporté à la dernière"
            " seconde, suite à la défaillance d'une valve dans un des neuf moteurs du premier"
            " étage du lanceur."
        ),
        "samedi dernier",
        "2012-05-19",
        "day",
    ),
    # 2012-07-03_syrie-human-rights-watch-denonce-les-actes-de-tort
    (
        "fr",
        "2012-07-03",
        (
            "Intitulé l'Archipel des tortures : arrestations arbitraires, tortures et "
            "disparitions forcées dans les prisons souterraines syriennes depuis mars 2011, "
            "ce rapport de 81 pages se base sur plus de 200 témoignages d'anciens détenus et "
            "d'anciens membres des forces de sécurité effectués depuis le début de la "
            "contestation en mars 2011."
        ),
        "depuis mars 2011",
        "2011-03-01",
        "month",
    ),
    # 2012-07-18_le-journaliste-gilles-jacquier-aurait-ete-victime
    (
        "fr",
        "2012-07-18",
        JACQUIER,
        "mardi soir",
        "2012-07-17",
        "day",
    ),
    # 2012-07-18_le-journaliste-gilles-jacquier-aurait-ete-victime
    (
        "fr",
        "2012-07-18",
        JACQUIER,
        "le 11 janvier dernier",
        "2012-01-11",
        "day",
    ),
    # 2012-10-30_ouragan-sandy-39-morts-aux-etats-unis
    (
        "fr",
        "2012-10-30",
        (
            "Depuis sa mise en service il y a 108 ans, le métro de New York n'avait jamais "
            "connu un pareil désastre, selon Joseph J. Lhota, le président du Metropolitain "
            "Transportation Authority."
        ),
        "il y a 108 ans",
        "1904-01-01",
        "year",
    ),
    # 2012-10-30_ouragan-sandy-39-morts-aux-etats-unis
    (
        "fr",
        "2012-10-30",
        "Ce mardi soir, plus de 8 millions de foyers sont privés d'électricité.",
        "Ce mardi soir",
        "2012-10-30",
        "day",
    ),
    # 2012-11-02_iran-manifestation-anti-americaine-dans-la-capital
    (
        "fr",
        "2012-11-02",
        (
            "Le 4 novembre 1979, des partisans radicaux du guide religieux d'alors, "
            "l'ayatollah Khomeini, avaient envahi l'ambassade des Etats-Unis à Téhéran et "
            "pris 52 diplomates américaines en otages."
        ),
        "Le 4 novembre 1979",
        "1979-11-04",
        "day",
    ),
    # 2012-11-02_syrie-nouvelle-avancee-des-rebelles
    (
        "fr",
        "2012-11-02",
        (
            "Toutefois, si il s'avérait que celles d’hier aient bien eu lieu, elles seraient "
            "particulièrement cavalières, dit-il."
        ),
        "hier",
        "2012-11-01",
        "day",
    ),
    # 2016-01-10-001_la-coree-du-nord-annonce-avoir-tire-un-nouveau-mis
    (
        "fr",
        "2016-01-10",
        (
            "Après avoir fait exploser, mercredi 6 janvier, une bombe à hydrogène à trente "
            "kilomètres au nord-ouest du comté de Kilju, une vidéo représentant un nouvel "
            "essai de missile balistique tiré depuis un sous-marin (SLBM) a été rendue "
            "publique par les autorités nord-coréennes."
        ),
        "mercredi 6 janvier",
        "2016-01-06",
        "day",
    ),
    # 2016-01-10-001_la-coree-du-nord-annonce-avoir-tire-un-nouveau-mis
    (
        "fr",
        "2016-01-10",
        (
            "Plusieurs médias sud-coréens pensent qu’il s’agit d’un montage combinant des "
            "séquences du troisième test de SLBM de la Corée du Nord, effectué en décembre en"
            " mer du Japon, et d’un test de missile SCUD effectué en 2014."
        ),
        "en décembre",
        "2015-12-01",
        "month",
    ),
    # 2016-02-08-002_canada-fin-des-frappes-aeriennes-en-irak-et-en-syr
    (
        "fr",
        "2016-02-08",
        (
            "Ce lundi, le Premier ministre du Canada, Justin Trudeau, a annoncé que le Canada"
            " cessera ses frappes aériennes contre l'organisation armée État islamique en "
            "Irak et en Syrie d'ici le 22 février."
        ),
        "Ce lundi",
        "2016-02-08",
        "day",
    ),
    # 2016-03-01-001_opportunity-fait-de-l-escalade-sur-mars
    (
        "fr",
        "2016-03-01",
        (
            "Il s'agit d'un record absolu surtout si on compare à son jumeau, l'astromobile "
            "Spirit, qui est immobilisé sur la planète rouge depuis 2010 et qui était "
            "débarqué quelques jours avant lui."
        ),
        "depuis 2010",
        "2010-01-01",
        "year",
    ),
    # 2016-05-19-001_france-un-medecin-violemment-agresse-dans-son-cabi
    (
        "fr",
        "2016-05-19",
        (
            "Vers 18h00, ce jeudi 19 mai à Chambéry (Savoie), un homme a violemment agressé, "
            "dans son cabinet, le docteur Albert Fachler, âgé de 74 ans."
        ),
        "ce jeudi 19 mai",
        "2016-05-19",
        "day",
    ),
    # 2016-08-23-001_la-coree-du-nord-procede-a-un-tir-de-missile-depui
    (
        "fr",
        "2016-08-23",
        (
            "Ce test fait suite à une tentative de tir le mois dernier, qui avait échoué dans"
            " la phase de vol initiale selon la Corée du Sud."
        ),
        "le mois dernier",
        "2016-07-01",
        "month",
    ),
    # 2016-09-09-001_une-annee-a-saveur-martienne-sacheve-pour-6-scient
    (
        "fr",
        "2016-09-09",
        (
            "Cette expérience d’isolement, la plus longue jusqu’à maintenant, fait partie du "
            "programme HI-SEAS (Hawaii Space Exploration Analog and Simulation), financé par "
            "la NASA et prévoyant d’autres expériences en 2017 et 2018."
        ),
        "et 2018",
        "2018-01-01",
        "year",
    ),
    # 2016-09-25-002_syrie-le-nouveau-front-ouvert-par-la-turquie-peine
    (
        "fr",
        "2016-09-25",
        (
            "Ils ont ensuite mené fin aout une offensive depuis l'enclave d'Afrin vers "
            "al-Bab, mais seuls quelques villages ont été conquis."
        ),
        "fin aout",
        "2016-08-01",
        "month",
    ),
    # 2016-10-24-003_espace-juno-se-met-en-veille
    (
        "fr",
        "2016-10-24",
        (
            "Cet imprévu fait en sorte, notamment, que la propulsion des moteurs de Juno pour"
            " raccourcir sa période d'orbite à 14 jours est remise pour le 11 décembre "
            "prochain."
        ),
        "le 11 décembre prochain",
        "2016-12-11",
        "day",
    ),
    # 2016-12-12-001_l-armee-syrienne-entre-succes-et-revers
    (
        "fr",
        "2016-12-12",
        (
            "Largement affaibli dans la zone début 2015, le pouvoir syrien tente de reprendre"
            " la main avec l'intervention russe et surtout avec l'aide iranienne et des "
            "nombreuses milices qu'elle soutient."
        ),
        "début 2015",
        "2015-01-01",
        "year",
    ),
    # 2016-12-15-001_espace-galileo-entre-en-service-aujourd-hui
    (
        "fr",
        "2016-12-15",
        (
            "Le système de positionnement européen Galileo, concurrent du GPS américain, "
            "commence à fournir ses premiers services ce jeudi 15 décembre 2016."
        ),
        "ce jeudi 15 décembre 2016",
        "2016-12-15",
        "day",
    ),
    # 2017-01-12-001_syrie-la-turquie-peine-a-achever-ses-objectifs
    (
        "fr",
        "2017-01-12",
        (
            "Les djihadistes ont été expulsés d'une grande partie de l'est de la ville depuis"
            " l'offensive lancée le 17 octobre de l'année dernière."
        ),
        "le 17 octobre de l'année dernière",
        "2016-10-17",
        "day",
    ),
    # 2017-01-14-002_premiere-sortie-de-thomas-pesquet-dans-l-espace
    (
        "fr",
        "2017-01-14",
        (
            "L'astronaute français Thomas Pesquet a réalisé hier, vendredi 13 janvier, sa "
            "première sortie dans l'espace."
        ),
        "hier, vendredi 13 janvier",
        "2017-01-13",
        "day",
    ),
    # 2017-02-24-002_expulse-d-al-bab-daech-perd-le-nord-de-la-syrie
    (
        "fr",
        "2017-02-24",
        (
            "Hier 23 février, les rebelles soutenus par la Turquie et l'armée turque ont "
            "expulsé le groupe État islamique (Daech) de la ville syrienne d'al-Bab."
        ),
        "Hier 23 février",
        "2017-02-23",
        "day",
    ),
    # 2017-04-01-004_coree-du-sud-l-ancienne-presidente-arretee
    (
        "fr",
        "2017-04-01",
        (
            "L'ancienne présidente sud-coréenne Park Geun-hye, dont la destitution avait été "
            "massivement votée début décembre par les députés et confirmée il y a trois "
            "semaines par les huit juges de la Cour constitutionnelle du pays, a été arrêtée "
            "ce matin (heure locale), après qu'un mandat d'arrêt a été émis contre elle par "
            "le tribunal central de Séoul."
        ),
        "début décembre",
        "2016-12-01",
        "month",
    ),
    # 2017-04-07-001_les-etats-unis-bombardent-une-base-syrienne
    (
        "fr",
        "2017-04-07",
        (
            "Pour la première fois depuis le début de la guerre civile en Syrie, il y a 6 "
            "ans, les États-Unis sont directement intervenus contre les forces du régime de "
            "Bachar el-Assad."
        ),
        "il y a 6 ans",
        "2011-01-01",
        "year",
    ),
    # 2017-04-13-003_canada-le-gouvernement-va-legaliser-la-marijuana-p
    (
        "fr",
        "2017-04-13",
        (
            "Le tout devrait entrer en vigueur d'ici juillet 2018, après un vote à la Chambre"
            " des communes et au Sénat."
        ),
        "d'ici juillet 2018",
        "2018-07-01",
        "month",
    ),
    # 2017-05-07-003_election-presidentielle-francaise-de-2017-emmanuel
    (
        "fr",
        "2017-05-07",
        (
            "À 39 ans, cet homme encore inconnu du public il y a 3 ans devient le plus jeune "
            "président depuis l'instauration de la République en France."
        ),
        "il y a 3 ans",
        "2014-01-01",
        "year",
    ),
    # 2017-07-20-001_france-l-universite-ne-suit-pas-le-boom-demographi
    (
        "fr",
        "2017-07-20",
        ("Un record absolu, à comparer aux 30 000 de l'an passé, une année déjà exceptionnelle."),
        "l'an passé",
        "2016-01-01",
        "year",
    ),
    # 2017-07-20-001_france-l-universite-ne-suit-pas-le-boom-demographi
    (
        "fr",
        "2017-07-20",
        (
            "L'année dernière déjà, les universités avaient du faire face à une rentrée "
            "difficile, entre amphithéâtres bondés et manque de salles pour accueillir les "
            "étudiants."
        ),
        "L'année dernière",
        "2016-01-01",
        "year",
    ),
    # 2017-07-20-001_france-l-universite-ne-suit-pas-le-boom-demographi
    (
        "fr",
        "2017-07-20",
        (
            "La situation de l'université risque donc d'être compliquée pour les années à "
            "venir, d'autant que le gouvernement Édouard Philippe a annoncé ce mois ci 331 "
            "millions d'euros de coupes supplémentaires dans le budget de l’enseignement "
            "supérieur et de la recherche."
        ),
        "ce mois ci",
        "2017-07-01",
        "month",
    ),
    # 2017-09-21-002_florian-philippot-demissionne-du-front-national
    (
        "fr",
        "2017-09-21",
        (
            "Hier soir, les choses ont culminé lorsque Le Pen rétirait la délégation de "
            "Philippot à la stratégie et la communication, après le refus par Philippot de "
            "quitter sa présidence de l'association Les Patriotes, en dépit de l'ultimatum "
            "posé par Le Pen."
        ),
        "Hier soir",
        "2017-09-20",
        "day",
    ),
    # 2018-02-21-001_europe-l-hermione-part-pour-un-periple-de-quatre-m
    (
        "fr",
        "2018-02-21",
        (
            "L'Hermione, célèbre réplique du trois-mâts de la Fayette inaugurée il y a trois "
            "ans aux États-Unis, a levé l'ancre de La Rochelle en direction de la "
            "Méditerranée, pour un périple de quatre mois et demi comptabilisant un total de "
            "12 escales dont Tanger (Maroc), Barcelone (Espagne) ou encore Marseille."
        ),
        "il y a trois ans",
        "2015-01-01",
        "year",
    ),
    # 2018-03-09-005_nasa-nouveau-retard-pour-le-telescope-spatial-jame
    (
        "fr",
        "2018-03-09",
        (
            "Le lancement était originellement prévu pour octobre 2018, puis a été retardé au"
            " printemps 2019."
        ),
        "printemps 2019",
        "2019-01-01",
        "year",
    ),
    # 2018-06-01-001_etats-unis-deces-de-l-astronaute-alan-bean-quatrie
    (
        "fr",
        "2018-06-01",
        (
            "Du 28 juillet au 25 septembre 1973, Alan Bean est le commandant du 2 ème "
            "équipage de Skylab, avec Jack Lousma et Owen Garriot."
        ),
        "Du 28 juillet",
        "1973-07-28",
        "day",
    ),
    # 2018-06-01-001_etats-unis-deces-de-l-astronaute-alan-bean-quatrie
    (
        "fr",
        "2018-06-01",
        (
            "L'agence spatiale américaine a communiqué ce samedi 26 mai le décès d'Alan Bean,"
            " survenu deux semaines après qu'il soit brusquement tombé malade lors d'un "
            "voyage à Fort Wayne, Indiana."
        ),
        "ce samedi 26 mai",
        "2018-05-26",
        "day",
    ),
    # 2018-06-23-002_hongrie-le-parlement-adopte-un-projet-de-loi-visan
    (
        "fr",
        "2018-06-23",
        (
            "Ce mercredi, le parlement hongrois a adopté le projet de loi « Stop Soros », "
            "rendant illégale l'aide aux immigrants sans papiers."
        ),
        "Ce mercredi",
        "2018-06-20",
        "day",
    ),
    # 2018-07-21-002_france-un-collaborateur-de-l-elysee-accuse-de-viol
    (
        "fr",
        "2018-07-21",
        (
            "Le journal Le Monde, dans un article du 18 juillet 2018, a révélé une vidéo "
            "prise lors des manifestations du 1er mai 2018 par un militant de La France "
            "Insoumise, montrant un collaborateur de l'Élysée, Alexandre Benalla, adjoint au "
            "chef de cabinet du Président de la République, frapper un jeune manifestant à "
            "terre préalablement maîtrisé par les forces de l'ordre."
        ),
        "1er mai 2018",
        "2018-05-01",
        "day",
    ),
    # 2004-11-24_internal-emails-expose-boeing-air-force-contract-d
    (
        "en",
        "2004-11-24",
        (
            "Congressional lawmakers rejected the proposal in October, although industry "
            "experts say the deal had been killed by the Pentagon because of reports stating "
            "that the deal had favored Boeing."
        ),
        "in October",
        "2004-10-01",
        "month",
    ),
    # 2005-03-06_boeing-allowed-to-bid-for-u-s-space-launch-contrac
    (
        "en",
        "2005-03-06",
        "Boeing had been suspended since July 24, 2003 after violating federal law.",
        "July 24, 2003",
        "2003-07-24",
        "day",
    ),
    # 2006-01-11_apple-unveils-new-intel-based-mac
    (
        "en",
        "2006-01-11",
        (
            "Apple Computer announced on Tuesday the first generation of their products to "
            "use Intel processors."
        ),
        "on Tuesday",
        "2006-01-10",
        "day",
    ),
    # 2006-01-23_ford-motor-company-cutting-30-000-jobs-by-2012
    (
        "en",
        "2006-01-23",
        (
            "The plan, called “Way Forward”, the brainchild of Ford's Chief Executive "
            "Officer, William Clay Ford Jr., is to end Ford's North American losses by 2008."
        ),
        "by 2008",
        "2008-01-01",
        "year",
    ),
    # 2007-03-05_lantern-festival-in-taipei-lights-up-the-night
    (
        "en",
        "2007-03-05",
        "The festival runs through March 11 this year.",
        "March 11 this year",
        "2007-03-11",
        "day",
    ),
    # 2007-06-09_aer-lingus-buys-twelve-new-long-haul-airbus-jets
    (
        "en",
        "2007-06-09",
        (
            "Under the agreement, Aer Lingus Group PLC said it will receive six new A330-300E"
            " aircraft from 2009 to 2011, then between 2014 and 2016 it will take delivery of"
            " six new A350 XWB (Extra Wide Body) aircraft, a new design currently under "
            "development by Airbus."
        ),
        "between 2014",
        "2014-01-01",
        "year",
    ),
    # 2007-10-17_first-a380-enters-commercial-service
    (
        "en",
        "2007-10-17",
        (
            "All existing terminals are currently A380-ready, and the SGD1.75-billion "
            "Terminal 3 will open its doors in January next year."
        ),
        "in January next year",
        "2008-01-01",
        "month",
    ),
    # 2009-02-03_automobile-sales-in-the-united-states-down-sharply
    (
        "en",
        "2009-02-03",
        (
            "Sales of automobiles in the United States fell as much as 35% in January, "
            "compared to the same month a year ago, as manufacturers reported their January "
            "sales."
        ),
        "a year ago",
        "2008-01-01",
        "year",
    ),
    # 2009-02-03_automobile-sales-in-the-united-states-down-sharply
    (
        "en",
        "2009-02-03",
        "Ford Motor Company sales dropped 42% last month from the previous year.",
        "last month",
        "2009-01-01",
        "month",
    ),
    # 2009-02-20_dow-jones-industrial-average-closes-at-lowest-leve
    (
        "en",
        "2009-02-20",
        (
            "The S&P had seen its fourth consecutive loss on Thursday, its longest losing "
            "streak since last October."
        ),
        "last October",
        "2008-10-01",
        "month",
    ),
    # 2010-10-23_apple-unveils-new-macbook-air-laptops-ilife-11-sof
    (
        "en",
        "2010-10-23",
        (
            "He said that the App Store will be available for Apple's current OS “Snow "
            "Leopard” within 90 days, and that applications can be submitted starting next "
            "month."
        ),
        "next month",
        "2010-11-01",
        "month",
    ),
    # 2010-10-23_apple-unveils-new-macbook-air-laptops-ilife-11-sof
    (
        "en",
        "2010-10-23",
        (
            "The “Back to the Mac” event also included a preview of Apple's forthcoming Mac "
            "OS X Lion operating system, to be released in mid-2011."
        ),
        "mid-2011",
        "2011-01-01",
        "year",
    ),
    # 2011-04-13_nasa-celebrates-30th-anniversary-of-first-shuttle
    (
        "en",
        "2011-04-13",
        (
            "On April 12, 1981, Space Shuttle Columbia lifted off from the Kennedy Space "
            "Center on STS-1, the first space shuttle mission."
        ),
        "On April 12, 1981",
        "1981-04-12",
        "day",
    ),
    # 2015-05-07_new-zealand-begins-process-to-consider-changing-na
    (
        "en",
        "2015-05-07",
        (
            "Thursday, May 7, 2015 On Tuesday, the New Zealand government announced the start"
            " of a public process to suggest designs for a new national flag, and determine "
            "whether their citizens would prefer a different national flag over the current "
            "one."
        ),
        "Thursday, May 7, 2015",
        "2015-05-07",
        "day",
    ),
    # 2015-09-12_at-least-107-killed-in-mecca-crane-collapse
    (
        "en",
        "2015-09-12",
        (
            "The accident, which occurred yesterday afternoon, was caused by strong winds and"
            " heavy rain that led the crane to fall."
        ),
        "yesterday afternoon",
        "2015-09-11",
        "day",
    ),
    # 2015-09-22_texas-student-ahmed-mohamed-inspires-social-moveme
    (
        "en",
        "2015-09-22",
        (
            "Yesterday Mohamed received VIP attention at Google headquarters in California at"
            " the Google Science Fair — and tomorrow he plans to meet international "
            "dignitaries at the United Nations headquarters in New York."
        ),
        "tomorrow",
        "2015-09-23",
        "day",
    ),
    # 2017-07-18_after-visa-snags-all-girl-afghan-team-honored-for
    (
        "en",
        "2017-07-18",
        ('"Seventeen years ago, this would not have been possible at all," said Ambassador Mohib.'),
        "Seventeen years ago",
        "2000-01-01",
        "year",
    ),
    # 2017-07-18_after-visa-snags-all-girl-afghan-team-honored-for
    (
        "en",
        "2017-07-18",
        "Next year's competition is scheduled to take place in Mexico City.",
        "Next year",
        "2018-01-01",
        "year",
    ),
    # 2023-02-23_reports-streamlined-uk-asylum-process-to-replace-i
    (
        "en",
        "2023-02-23",
        (
            "Labour's Shadow Home Secretary Yvette Cooper said her party has supported the "
            'idea "for months", and said it was "damning that the Home Office isn\'t doing '
            'this already [...] including for safe countries like Albania" after the United '
            'Nations High Commissioner for Refugees "recommended it two years ago."'
        ),
        "two years ago",
        "2021-01-01",
        "year",
    ),
    # 2018-06-18_fifa-world-cup-2018-day-five-sweden-belgium-englan
    (
        "en",
        "2018-06-18",
        ("This was Sweden's first victory in the opening match of the World Cup since 1958."),
        "since 1958",
        "1958-01-01",
        "year",
    ),
]


@pytest.mark.parametrize(("lang", "published", "sentence", "expression", "date", "precision"), REAL)
def test_real_sentences(lang, published, sentence, expression, date, precision):
    events = find_dated_events(sentence, lang, datetime.date.fromisoformat(published))
    event = only(events, expression)
    assert event == DatedEvent(
        datetime.date.fromisoformat(date),
        precision,
        expression,
        sentence,
        sentence.index(expression),
    )


# Every expression the timeline must understand, published on Wednesday 2023-09-13.
RULES_FR = [
    ("Il est entré en service il y a sept ans.", "il y a sept ans", "2016-01-01", "year"),
    ("Il est parti il y a un an.", "il y a un an", "2022-01-01", "year"),
    ("Fondé il y a vingt et un ans.", "il y a vingt et un ans", "2002-01-01", "year"),
    ("Élu il y a deux mois.", "il y a deux mois", "2023-07-01", "month"),
    ("Arrivé il y a trois jours.", "il y a trois jours", "2023-09-10", "day"),
    ("Ils se sont vus ce mercredi.", "ce mercredi", "2023-09-13", "day"),
    ("Ils se verront ce vendredi.", "ce vendredi", "2023-09-15", "day"),
    ("Ils se sont vus mercredi dernier.", "mercredi dernier", "2023-09-06", "day"),
    ("Ils se verront mercredi prochain.", "mercredi prochain", "2023-09-20", "day"),
    ("Ils se verront lundi prochain.", "lundi prochain", "2023-09-18", "day"),
    ("Il l’a annoncé mardi.", "mardi", "2023-09-12", "day"),
    ("Il l’a annoncé mercredi.", "mercredi", "2023-09-13", "day"),
    ("Il l’a annoncé jeudi.", "jeudi", "2023-09-07", "day"),
    ("Il l’a annoncé mardi soir.", "mardi soir", "2023-09-12", "day"),
    ("Il l’a annoncé hier.", "hier", "2023-09-12", "day"),
    ("Il l’a annoncé avant-hier.", "avant-hier", "2023-09-11", "day"),
    ("Il l'annonce aujourd'hui.", "aujourd'hui", "2023-09-13", "day"),
    ("Il l’annonce aujourd’hui.", "aujourd’hui", "2023-09-13", "day"),
    ("Il l’annoncera demain.", "demain", "2023-09-14", "day"),
    ("Il l’a annoncé ce matin.", "ce matin", "2023-09-13", "day"),
    ("Il a été tué le 11 janvier dernier.", "le 11 janvier dernier", "2023-01-11", "day"),
    ("Il a été tué le 11 janvier.", "le 11 janvier", "2023-01-11", "day"),
    ("Le vote aura lieu le 20 octobre.", "le 20 octobre", "2023-10-20", "day"),
    ("Il est né le 11 janvier 2016.", "le 11 janvier 2016", "2016-01-11", "day"),
    ("Signé le 1er mars 2017.", "le 1er mars 2017", "2017-03-01", "day"),
    ("Un rapport de 11 janvier 2016.", "11 janvier 2016", "2016-01-11", "day"),
    ("Il est venu en janvier.", "en janvier", "2023-01-01", "month"),
    ("Il reviendra en novembre.", "en novembre", "2023-11-01", "month"),
    ("Il est venu en janvier 2016.", "en janvier 2016", "2016-01-01", "month"),
    ("Il est venu en mai.", "en mai", "2023-05-01", "month"),
    ("Il est venu début mars.", "début mars", "2023-03-01", "month"),
    ("Il est venu mi-mars.", "mi-mars", "2023-03-01", "month"),
    ("Il est venu fin mars.", "fin mars", "2023-03-01", "month"),
    ("Il est venu en 2016.", "en 2016", "2016-01-01", "year"),
    ("Il règne depuis 2014.", "depuis 2014", "2014-01-01", "year"),
    ("La base ouvrira en 2030.", "en 2030", "2030-01-01", "year"),
    ("Le film (2016) a plu.", "(2016)", "2016-01-01", "year"),
    ("Il est venu l'an dernier.", "l'an dernier", "2022-01-01", "year"),
    ("Il est venu l’année dernière.", "l’année dernière", "2022-01-01", "year"),
    ("Il viendra l'année prochaine.", "l'année prochaine", "2024-01-01", "year"),
    ("Il est venu le mois dernier.", "le mois dernier", "2023-08-01", "month"),
]
RULES_EN = [
    ("He left two years ago.", "two years ago", "2021-01-01", "year"),
    ("He left three days ago.", "three days ago", "2023-09-10", "day"),
    ("He spoke last Tuesday.", "last Tuesday", "2023-09-12", "day"),
    ("He spoke last Wednesday.", "last Wednesday", "2023-09-06", "day"),
    ("He spoke on Tuesday.", "on Tuesday", "2023-09-12", "day"),
    ("Tuesday, he spoke.", "Tuesday", "2023-09-12", "day"),
    ("He will speak this Friday.", "this Friday", "2023-09-15", "day"),
    ("He will speak next Monday.", "next Monday", "2023-09-18", "day"),
    ("He spoke yesterday.", "yesterday", "2023-09-12", "day"),
    ("He speaks today.", "today", "2023-09-13", "day"),
    ("He speaks tomorrow.", "tomorrow", "2023-09-14", "day"),
    ("He came in 2016.", "in 2016", "2016-01-01", "year"),
    ("He rules since 2014.", "since 2014", "2014-01-01", "year"),
    ("He came last year.", "last year", "2022-01-01", "year"),
    ("He comes next year.", "next year", "2024-01-01", "year"),
    ("He came last month.", "last month", "2023-08-01", "month"),
    ("He was killed on January 11.", "on January 11", "2023-01-11", "day"),
    ("Born January 11, 2016, in Ohio.", "January 11, 2016", "2016-01-11", "day"),
    ("Born 11 January 2016 in Ohio.", "11 January 2016", "2016-01-11", "day"),
    ("He came in January 2016.", "in January 2016", "2016-01-01", "month"),
    ("He came in January.", "in January", "2023-01-01", "month"),
    ("He came in May.", "in May", "2023-05-01", "month"),
]


@pytest.mark.parametrize(
    ("lang", "text", "expression", "date", "precision"),
    [("fr", *case) for case in RULES_FR] + [("en", *case) for case in RULES_EN],
)
def test_rules(lang, text, expression, date, precision):
    events = find_dated_events(text, lang, WEDNESDAY)
    assert [(e.expression, e.date.isoformat(), e.precision) for e in events] == [
        (expression, date, precision)
    ]
    assert events[0].start == text.index(expression)
    assert events[0].sentence == text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Ils se sont entretenus pendant deux heures."),
        ("fr", "L’entretien aura duré un peu plus de deux heures."),
        ("fr", "Je saisis cette occasion, et je le dis."),
        ("fr", "Il a envoyé 2 000 soldats à 1500 km de là."),
        ("fr", "Un site de lancement de lanceurs Soyouz-2."),
        ("fr", "Le robot roule sur Mars depuis des années."),
        ("fr", "La mission Mars 2020 est partie."),
        ("fr", "Mai Lan chante ce soir-là."),
        ("fr", "Il y était la semaine dernière."),
        ("fr", "Confirmée il y a trois semaines."),
        ("fr", "Parti il y a deux heures."),
        ("fr", "Il y a une dizaine d'années."),
        ("fr", "Le livre s’est vendu en 20165 exemplaires."),
        ("fr", "Une ville fondée en 1500."),
        ("fr", "Une tradition vieille depuis 2000 ans."),
        ("fr", "Appelez le 01 45 20 16 00 en 2016 45 ou le 2016."),
        ("fr", "Le mardi, les magasins ferment ; chaque lundi aussi."),
        ("fr", "La colonie ouvrira en 2035."),
        ("en", "They talked for two hours."),
        ("en", "It may be late and they march on."),
        ("en", "He sent 2,000 soldiers, and in 2000 people died."),
        ("en", "A Soyuz-2 rocket."),
        ("en", "He works every Tuesday, and the next Tuesday he rested."),
        ("en", "He read it in the Sunday Times last week."),
        ("en", "A town founded in 1500."),
    ],
)
def test_no_false_dates(lang, text):
    assert find_dated_events(text, lang, WEDNESDAY) == []


def test_seed():
    text = SEED.read_text(encoding="utf-8")
    events = find_dated_events(text, "fr", WEDNESDAY)
    assert [(e.expression, e.date, e.precision) for e in events] == [
        ("ce mercredi", datetime.date(2023, 9, 13), "day"),
        ("il y a sept ans", datetime.date(2016, 1, 1), "year"),
    ]
    assert "cosmodrome de Vostotchny" in events[1].sentence
    assert text[events[1].start : events[1].end] == "il y a sept ans"


def test_overlaps_keep_both_never_2031():
    text = "Il est entré en service il y a sept ans, en 2017."
    events = find_dated_events(text, "fr", WEDNESDAY)
    assert [(e.expression, e.date.year) for e in events] == [
        ("il y a sept ans", 2016),
        ("en 2017", 2017),
    ]


def test_year_range_gives_two_events():
    text = "Il a gouverné de 2014 à 2016."
    events = find_dated_events(text, "fr", WEDNESDAY)
    assert [(e.expression, e.date.year, e.start) for e in events] == [
        ("de 2014", 2014, 14),
        ("à 2016", 2016, 22),
    ]


def test_neighbours_with_the_same_date_merge():
    text = "Il est sorti hier, mardi 12 septembre, dans l'espace."
    events = find_dated_events(text, "fr", WEDNESDAY)
    assert [(e.expression, e.date) for e in events] == [
        ("hier, mardi 12 septembre", datetime.date(2023, 9, 12))
    ]


def test_weekday_written_with_a_date_picks_the_year():
    # 2016-12-28 was a Wednesday; "le 3 janvier" without a weekday is 2017, close ahead.
    published = datetime.date(2016, 12, 28)
    assert find_dated_events("mercredi 28 décembre", "fr", published)[0].date.year == 2016
    assert find_dated_events("le 3 janvier", "fr", published)[0].date.year == 2017
    assert find_dated_events("le 3 janvier dernier", "fr", published)[0].date.year == 2016


def test_region_in_language_and_datetime_publication():
    published = datetime.datetime(2023, 9, 13, 8, 30)
    events = find_dated_events("He spoke yesterday.", "en-GB", published)
    assert [e.date for e in events] == [datetime.date(2023, 9, 12)]


def test_unsupported_language_finds_nothing_and_says_so(caplog):
    assert find_dated_events("Er kam gestern.", "de", WEDNESDAY) == []
    assert caplog.messages == ["no date rules for language 'de'; expected one of: fr, en"]


def test_invalid_days_are_not_dates():
    assert find_dated_events("le 31 février 2016 et le 30 février", "fr", WEDNESDAY) == []


def test_deterministic():
    text = SEED.read_text(encoding="utf-8")
    assert find_dated_events(text, "fr", WEDNESDAY) == find_dated_events(text, "fr", WEDNESDAY)


@pytest.mark.parametrize(
    ("words", "lang", "value"),
    [
        ("sept", "fr", 7),
        ("vingt et un", "fr", 21),
        ("soixante-dix-sept", "fr", 77),
        ("quatre-vingts", "fr", 80),
        ("quatre-vingt-dix-neuf", "fr", 99),
        ("108", "fr", 108),
        ("seventeen", "en", 17),
        ("twenty-one", "en", 21),
        ("a", "en", 1),
        ("trois pommes", "fr", None),
    ],
)
def test_parse_number(words, lang, value):
    assert parse_number(words, lang) == value


def test_split_sentences_abbreviations_and_guillemets():
    text = (
        "MM. Kim et Poutine, avec Mme Li et le Dr. Roy, sont aux U.S. depuis hier. "
        "« C’est fini. Vraiment. » a-t-il dit. Il est parti !\n"
        "Second paragraphe sans point"
    )
    assert split_sentences(text) == [
        (0, "MM. Kim et Poutine, avec Mme Li et le Dr. Roy, sont aux U.S. depuis hier."),
        (74, "« C’est fini. Vraiment. » a-t-il dit."),
        (112, "Il est parti !"),
        (127, "Second paragraphe sans point"),
    ]


def test_split_sentences_offsets_point_at_the_sentence():
    text = SEED.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    assert len(sentences) == 21
    for offset, sentence in sentences:
        assert text[offset : offset + len(sentence)] == sentence
    assert sentences[1][1].startswith("MM. Kim et Poutine se sont entretenus")
    assert sentences[6][1].endswith("»,a-t-il ajouté.")


def test_split_sentences_of_nothing():
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []


def corpus_articles():
    for lang in ("fr", "en"):
        for path in sorted((CORPUS / lang).glob("*.txt")):
            yield lang, path


@pytest.mark.corpus
def test_corpus_dates_resolve_within_ten_years():
    assert CORPUS.is_dir(), f"the demo corpus is missing: expected it at {CORPUS}"
    articles = list(corpus_articles())
    assert len(articles) >= 100
    total = 0
    for lang, path in articles:
        published = datetime.date.fromisoformat(
            json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["date"]
        )
        text = path.read_text(encoding="utf-8")
        events = find_dated_events(text, lang, published)
        total += len(events)
        for event in events:
            assert event.date.year <= published.year + 10, (path.name, event)
            assert event.precision in ("day", "month", "year")
            assert text[event.start : event.end] == event.expression
            assert event.expression in event.sentence
    assert total > 300


# --- hostile inputs: bounded work, no overflow ------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "published", "kept"),
    [
        ("fr", "Demain, le 1er janvier prochain, l'an prochain.", (9999, 12, 31), []),
        (
            "fr",
            "En janvier prochain, il y a trois mois, hier.",
            (1, 1, 1),
            [("En janvier prochain", (2, 1, 1))],
        ),
        ("fr", "Il y a 3000 ans, le 11 janvier dernier.", (1, 1, 2), []),
        (
            "en",
            "Tomorrow, next Tuesday, next year, on January 1.",
            (9999, 12, 31),
            [("on January 1", (9999, 1, 1))],
        ),
        ("en", "Three years ago, last month, yesterday, last Tuesday.", (1, 1, 1), []),
    ],
)
def test_dates_past_the_calendar_are_dropped_never_an_overflow(lang, text, published, kept):
    events = find_dated_events(text, lang, datetime.date(*published))
    assert [(e.expression, e.date) for e in events] == [
        (expression, datetime.date(*day)) for expression, day in kept
    ]


def test_a_date_past_the_calendar_still_hides_the_words_it_covers():
    """ "demain" on 9999-12-31 gives no event, and no shorter match inside it either."""
    events = find_dated_events("Hier et demain.", "fr", datetime.date(9999, 12, 31))
    assert [(event.expression, event.date) for event in events] == [
        ("Hier", datetime.date(9999, 12, 30))
    ]


@pytest.mark.parametrize(
    ("lang", "unit"),
    [
        ("fr", "hier, mardi 3 mai 2022, en 2016, de 2014 à 2016, il y a trois ans. "),
        ("en", "yesterday, on Tuesday, May 3, 2022, in 2016, from 2014 to 2016, 3 years ago. "),
        ("fr", "le le le le le le le le 1er 1er 1er mai mai mai " + " " * 200),
        ("fr", "tous les mardis, chaque mardi, le mardi soir, mardi dernier en 2016. "),
    ],
)
def test_a_long_one_line_paragraph_is_dated(lang, unit):
    """Every rule runs over the whole text; overlapping matches are sorted out in one pass and
    "le mardi" is checked on the words just before (both were quadratic: 45 s for 200,000
    characters). No timing here, and 500,000 characters rather than the benchmark's 2 MB (about
    1.5 s each): see ``invoke bench --hostile``."""
    text = unit * (500_000 // len(unit))
    events = find_dated_events(text, lang, datetime.date(2023, 9, 13))
    assert len(events) >= text.count("2016")
