"""Where entities appear in an article's text: the sentence that names one, quotes and who
said them, and links on first mentions in the body HTML. Pure (no spaCy, no Pelican).

Names match as whole words, whatever the apostrophe style (’ or ') and spacing.
"""

from __future__ import annotations

import collections
import dataclasses
import re
from collections.abc import Mapping, Sequence

from newstext.names import NameMatcher
from newstext.sentences import split_sentences

# The quoted text is trimmed by ``_quote_text``: "«\s*(.*?)\s*»" backtracked through every
# way to split a run of spaces (minutes on a line of a few thousand spaces).
_QUOTE = re.compile(r"«(?P<a>[^«»]*)»|“(?P<b>[^“”]*)”|\"(?P<c>[^\"]*)\"")
_ABBREVIATION = re.compile(
    r"(?:\b(?:M|MM|Mme|Mlle|Dr|Pr|Mr|Mrs|Ms|St|Jr|Sr|Gen|vs|etc)|\b[A-Z])\.$"
)
_PLURAL_TITLE = re.compile(r"(?<!\w)(?:MM|Mmes|Messrs)\.?\s")
_DETERMINERS = {"fr": ("le", "la", "l'", "l’"), "en": ("the",)}
NO_LINK_INSIDE = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style"}
)


@dataclasses.dataclass(frozen=True)
class Quote:
    """Words in quotation marks and the person they are attributed to (an entity key)."""

    speaker: str
    text: str
    sentence: str


def name_pattern(name: str) -> str:
    """A regex for a name as whole words, any apostrophe, any hyphen, any run of spaces (the
    rules of ``newstext.names``, the one name matcher).

    >>> bool(re.search(name_pattern("Conseil de l'ONU"), "du Conseil de l’ONU."))
    True
    """
    return NameMatcher({name: [name]}).pattern.pattern


def matcher_of(names: Sequence[str] | NameMatcher) -> NameMatcher:
    """A matcher for one entity's names (or the one given)."""
    if isinstance(names, NameMatcher):
        return names
    return NameMatcher({"": names})


def sentences(text: str) -> list[str]:
    """The sentences of a plain text (a paragraph per line), by the shared rules of
    ``newstext.sentences``: never cut after "M." or an initial, nor inside quotation marks."""
    return [sentence for _, sentence in split_sentences(text)]


def mention_sentence(text: str, names: Sequence[str]) -> str | None:
    """The first sentence of ``text`` that contains one of ``names`` as whole words."""
    return first_sentence_with(sentences(text), names)


def first_sentence_with(split: Sequence[str], names: Sequence[str] | NameMatcher) -> str | None:
    """The first of already split sentences that names one of ``names``: split an article
    once, then ask for each of its entities."""
    matcher = matcher_of(names)
    return next((s for s in split if next(matcher.finditer(s), None)), None)


# --- quotes ------------------------------------------------------------------------------


def quotes_in(sentence: str) -> list[re.Match]:
    """The quotations of a sentence: « … », “ … ” or "…"."""
    return list(_QUOTE.finditer(sentence))


def _quote_text(match: re.Match) -> str:
    return next(group for group in match.groups() if group is not None).strip()


_SPEECH = re.compile(
    r"(?<!\w)(?:a-t-(?:il|elle)|t-(?:il|elle)|selon|according|"
    r"(?:dit|déclar|affirm|ajout|indiqu|annonc|expliqu|estim|assur|répond|répét|soulign|"
    r"précis|confi|lanc|insist|rappel|said|say|tell|told|add|stat|ask|repl|explain|warn)\w*)",
    re.IGNORECASE,
)
_TITLE_WORDS = 6


def is_title(quoted: str, sentence: str) -> bool:
    """Words in quotation marks that name a title, an award or a slogan, not speech: a short
    capitalised phrase with no punctuation, in a sentence with no verb of saying ("Donald
    Trump a reçu le titre de « Personnalité de l'année »").

    >>> is_title("Personnalité de l'année", "Trump a reçu le titre de « Personnalité de l'année ».")
    True
    >>> is_title("Non", "« Non », a dit Vladimir Poutine.")
    False
    """
    words = quoted.split()
    return (
        len(words) <= _TITLE_WORDS
        and quoted[:1].isupper()
        and not re.search(r"[.!?…,;:]", quoted)
        and _SPEECH.search(_QUOTE.sub(" ", sentence)) is None
    )


def appositions(
    text: str, people: Mapping[str, Sequence[str]] | NameMatcher, lang: str
) -> list[tuple[int, str, str]]:
    """Roles given in apposition before a person's name, as (position, role, speaker):
    "Le président russe Vladimir Poutine" gives "président russe" -> Vladimir Poutine.
    A role is one to five words after a determiner, the first one lowercase. ``people`` maps
    an entity key to its names, or is their ``NameMatcher`` already."""
    matcher = people if isinstance(people, NameMatcher) else NameMatcher(people)
    role_before = _role_before(lang)
    found = []
    for name in matcher.finditer(text):
        role = role_before.search(text, _window_start(text, name.start), name.start)
        if role and role.group(1)[0].islower():
            found.append((name.start, role.group(1), name.key))
    return sorted(found)


def _role_before(lang: str) -> re.Pattern:
    determiners = "|".join(re.escape(d) for d in (*_DETERMINERS.get(lang, ()), "the"))
    return re.compile(
        rf"(?:^|[\s(])(?:{determiners})\s*((?:[a-zà-ÿ][\w’'-]*)(?:\s+[\w’'-]+){{0,4}}?),?\s+$",
        re.IGNORECASE,
    )


ROLE_WINDOW = 200  # characters read before the spaces that precede a name, for its role


def _window_start(text: str, end: int) -> int:
    """Where to start looking for the words just before ``text[end]``: ``ROLE_WINDOW``
    characters before the spaces that precede it (the whole text before every name made the
    search quadratic in a long paragraph)."""
    spaces = end
    while spaces > 0 and text[spaces - 1].isspace():
        spaces -= 1
    return max(0, spaces - ROLE_WINDOW)


def _role_regex(role: str, lang: str) -> re.Pattern:
    determiners = "|".join(re.escape(d) for d in (*_DETERMINERS.get(lang, ()), "the"))
    return re.compile(rf"(?<!\w)(?:{determiners})\s*{name_pattern(role)}", re.IGNORECASE)


def find_quotes(
    text: str,
    people: Mapping[str, Sequence[str]] | NameMatcher,
    lang: str,
    split: Sequence[tuple[int, str]] | None = None,
) -> list[Quote]:
    """Quotes attributed to people (``people`` maps an entity key to its names, or is their
    ``NameMatcher``; ``split``: the text's sentences with offsets, when already split).

    A quote goes to the one person named in the same sentence, outside quotation marks,
    between the previous quote and this one (else after it, up to the next one). When no one
    is named there, a role given in apposition earlier in the article stands for its person:
    after "Le président russe Vladimir Poutine", "Le président russe s’est déclaré « très
    content »" is Poutine's. Two people in that stretch, or none: no quote (never guessed).
    A plural title ("MM. Kim et Poutine") means several speakers: no quote. Quotes shorter
    than 2 characters are skipped, and so are titles and award names (``is_title``).
    """
    matcher = people if isinstance(people, NameMatcher) else NameMatcher(people)
    roles: dict[str, str | None] = {}
    pending = collections.deque(appositions(text, matcher, lang))
    quotes: list[Quote] = []
    for offset, sentence in split_sentences(text) if split is None else split:
        while pending and pending[0][0] < offset + len(sentence):
            _, role, speaker = pending.popleft()
            known = roles.get(role.casefold(), speaker)
            roles[role.casefold()] = speaker if known == speaker else None  # two people: none
        quotes.extend(_sentence_quotes(sentence, matcher, roles, lang))
    return quotes


def _sentence_quotes(
    sentence: str, matcher: NameMatcher, roles: Mapping[str, str | None], lang: str
) -> list[Quote]:
    matches = quotes_in(sentence)
    bounds = [0, *[edge for m in matches for edge in m.span()], len(sentence)]
    result = []
    for number, match in enumerate(matches):
        quoted = _quote_text(match)
        if len(quoted) < 2 or is_title(quoted, sentence):
            continue
        before = sentence[bounds[2 * number] : match.start()]
        after = sentence[match.end() : bounds[2 * number + 3]]
        speakers = _speakers(before, matcher, roles, lang) or _speakers(after, matcher, roles, lang)
        if len(speakers) == 1:
            result.append(Quote(speakers.pop(), quoted, sentence))
    return result


def _speakers(
    stretch: str, matcher: NameMatcher, roles: Mapping[str, str | None], lang: str
) -> set[str]:
    if _PLURAL_TITLE.search(stretch):
        return set()  # "MM. Kim et Poutine": several speakers, whoever is named
    found = matcher.keys_in(stretch)
    if found:
        return found
    return {
        speaker
        for role, speaker in roles.items()
        if speaker is not None and _role_regex(role, lang).search(stretch)
    }


# --- links -------------------------------------------------------------------------------


def link_first_mentions(html: str, links: Sequence[tuple[Sequence[str], str]]) -> str:
    """Wrap the first mention of each entity in ``<a class="entity-link" href="URL">``.

    ``links`` pairs an entity's names with its URL. Names match by the rules of
    ``newstext.names`` (whole words, longest first); never inside a heading, a link, code or an
    attribute. Each entity is linked at most once; everything else is left as it was.
    """
    from bs4 import BeautifulSoup, Comment  # here: a build that analyses nothing skips bs4

    matcher = NameMatcher({str(number): names for number, (names, _) in enumerate(links)})
    if matcher.pattern is None:
        return html
    soup = BeautifulSoup(html, "html.parser")
    linked: set[str] = set()
    for node in list(soup.find_all(string=True)):
        if isinstance(node, Comment) or any(p.name in NO_LINK_INSIDE for p in node.parents):
            continue
        _link_in(soup, node, matcher, links, linked)
        if len(linked) == len(matcher.keys):
            break
    linked_html = str(soup) if linked else html
    soup.decompose()  # a tree is a web of cycles: freed now, not at the next full collection
    return linked_html


def _link_in(soup, node, matcher: NameMatcher, links, linked: set[str]) -> None:
    from bs4 import NavigableString

    pieces: list = []
    rest, done = str(node), 0
    for found in matcher.finditer(rest):
        if found.key in linked:
            continue
        anchor = soup.new_tag("a", href=links[int(found.key)][1], attrs={"class": "entity-link"})
        anchor.string = found.surface
        pieces += [rest[done : found.start], anchor]
        done = found.end
        linked.add(found.key)
    if pieces:
        for piece in [*pieces, rest[done:]]:
            if piece:
                node.insert_before(piece if not isinstance(piece, str) else NavigableString(piece))
        node.extract()
