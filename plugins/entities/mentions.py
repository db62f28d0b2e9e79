"""Where entities appear in an article's text: the sentence that names one, quotes and who
said them, and links on first mentions in the body HTML. Pure (no spaCy, no Pelican).

Names match as whole words, whatever the apostrophe style (’ or ') and spacing.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import html as html_module
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
    if "«" not in sentence and "“" not in sentence and '"' not in sentence:
        return []  # (most sentences: no mark that opens one)
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
        role = role_before.search(text, _role_start(text, name.start), name.start)
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


# A role and its determiner hold at most six runs of characters that are not spaces (see
# ``_role_before``): read backwards, those runs and the spaces between them.
_LAST_RUNS = re.compile(r"\s*(?:\S+\s*){0,7}")


def _role_start(text: str, end: int) -> int:
    """Where ``_role_before`` can find a match ending at ``end`` at the earliest: in the window
    (``_window_start``), and at most one character before the seventh run of non-spaces
    before ``end``. The same match as a search of the whole window, a few words searched."""
    start = _window_start(text, end)
    back = _LAST_RUNS.match(text[start:end][::-1]).end()
    return max(start, end - back - 1)


@functools.lru_cache(maxsize=256)
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
    if not matches:
        return []
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


def link_first_mentions(
    html: str, links: Sequence[tuple[Sequence[str], str]], matcher: NameMatcher | None = None
) -> str:
    """Wrap the first mention of each entity in ``<a class="entity-link" href="URL">``.

    ``links`` pairs an entity's names with its URL (``matcher``: the ``NameMatcher`` of those
    names keyed by their number in ``links`` as a string, when the caller has made it). Names
    match by the rules of ``newstext.names`` (whole words, longest first), in the text as a
    reader sees it (character references decoded); never inside a heading, a link, code or an
    attribute. Each entity is linked at most once; every byte of ``html`` is kept as it was,
    the links are added around the words.

    >>> link_first_mentions("<h2>Kim</h2><p>AT&amp;T et Kim, puis Kim.</p>",
    ...                     [(["Kim"], "k"), (["AT&T"], "a")]).replace(' class="entity-link"', "")
    '<h2>Kim</h2><p><a href="a">AT&amp;T</a> et <a href="k">Kim</a>, puis Kim.</p>'
    """
    if matcher is None:
        matcher = NameMatcher({str(number): names for number, (names, _) in enumerate(links)})
    if not matcher.keys:
        return html
    out: list[str] = []
    linked: set[str] = set()
    closed: list[str] = []  # open elements whose text is never linked, innermost last
    at = 0
    for token in _HTML_TOKEN.finditer(html):
        raw = token.group()
        tag = _TAG.match(raw) if raw.startswith("<") else None
        if tag is not None:
            name = tag.group("name").lower()
            if tag.group("end"):
                if name in closed:
                    del closed[len(closed) - 1 - closed[::-1].index(name) :]
            elif name in NO_LINK_INSIDE and not raw.endswith("/>") and name not in VOID:
                closed.append(name)
        elif not raw.startswith("<") and not closed and not raw.isspace():
            pieces = _linked_text(raw, matcher, links, linked)
            if pieces is not None:
                out += [html[at : token.start()], *pieces]
                at = token.end()
                if len(linked) == len(matcher.keys):
                    break
    return "".join([*out, html[at:]]) if linked else html


# Tokens of an HTML body: comments, declarations, tags, text (a lone "<" is text).
# A tag's quoted attribute values may hold ">".
_HTML_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)|<![^>]*>?|<\?[^>]*>?|</?[A-Za-z](?:[^>\"']|\"[^\"]*\"|'[^']*')*>?|[^<]+|<",
    re.S,
)
_TAG = re.compile(r"<(?P<end>/)?(?P<name>[A-Za-z][A-Za-z0-9-]*)")
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def _linked_text(raw: str, matcher: NameMatcher, links, linked: set[str]) -> list[str] | None:
    """``raw`` (HTML text) with its first mentions of names not yet linked wrapped in links;
    None when it has none. Names are matched in the decoded text, cut in ``raw``."""
    text, raw_at = _decoded(raw)
    pieces: list[str] = []
    done = 0
    for found in matcher.finditer(text):
        if found.key in linked:
            continue
        start, end = raw_at[found.start], raw_at[found.end]
        href = html_module.escape(links[int(found.key)][1], quote=True)
        pieces += [
            raw[done:start],
            f'<a class="entity-link" href="{href}">',
            raw[start:end],
            "</a>",
        ]
        done = end
        linked.add(found.key)
    return [*pieces, raw[done:]] if pieces else None


def _decoded(raw: str) -> tuple[str, list[int]]:
    """The text ``raw`` shows (references decoded) and, for each of its offsets and its end,
    the offset in ``raw`` (a reference's characters all map to its start)."""
    if "&" not in raw:
        return raw, range(len(raw) + 1)
    text: list[str] = []
    raw_at: list[int] = []
    done = 0
    for ref in _REFERENCE.finditer(raw):
        text.append(raw[done : ref.start()])
        raw_at.extend(range(done, ref.start()))
        shown = html_module.unescape(ref.group())
        text.append(shown)
        raw_at.extend([ref.start()] * len(shown))
        done = ref.end()
    text.append(raw[done:])
    raw_at.extend(range(done, len(raw) + 1))
    return "".join(text), raw_at
