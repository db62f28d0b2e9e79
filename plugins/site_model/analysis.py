"""One analysis per article: everything that depends only on one article. Pure (no Pelican).

``analyse`` reads an article as Pelican's reader gave it (its body HTML, language, date and the
entity names of its metadata) once, and returns an ``Analysis``: plain data that a cache keeps
by content (``cache.py``), so that an unchanged article costs a cache read on the next build.

- ``text``: the body as plain text, one block (paragraph, list item...) a line;
- ``sentences``: (start, end) offsets into ``text`` (``newstext.sentences``);
- ``mentions``: where each entity of the metadata stands in the text, by the one name matcher
  (``newstext.names``): offsets and the metadata name it belongs to;
- ``quotes``: words in quotation marks and the person of the metadata who said them;
- ``events``: dates the text gives ("il y a sept ans" in a 2023 story is 2016), each with the
  metadata names its sentence mentions;
- ``body``: the body HTML with the first mention of each name wrapped in a link whose address is
  a placeholder, ``entity:N`` for ``linked[N]``; the site model knows the entity pages' URLs
  and fills them in (``link_body``).

The metadata lists stay the authority: a name removed from them is not looked for, a name added
is found in the text.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import html
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from entities.mentions import find_quotes, link_first_mentions
from newstext.names import Found, NameMatcher
from newstext.sentences import split_sentences
from timelines.textdates import find_dated_events

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

ANALYSIS_VERSION = "4"  # bump when what ``analyse`` returns changes: every cache entry goes
BLOCKS = ["p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "td", "pre"]
KINDS = ("person", "place", "organisation")
# Dated events are read in the first EVENTS_MAX_CHARS characters (as entities are) and at most
# EVENTS_MAX are kept: a hostile 2 MB line repeating "hier" gave 14,000 timeline entries.
EVENTS_MAX_CHARS = 100_000
EVENTS_MAX = 200
PLACEHOLDER = re.compile(r'<a class="entity-link" href="entity:(\d+)">([^<]*)</a>')


@dataclasses.dataclass(frozen=True)
class ArticleInput:
    """What the analysis reads of an article. ``names``: kind -> names of its metadata;
    ``forms``: name -> every form it may take in the text (its own first)."""

    body: str
    lang: str
    date: dt.date
    names: Mapping[str, tuple[str, ...]]
    forms: Mapping[str, tuple[str, ...]]


@dataclasses.dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str  # the metadata name it belongs to


@dataclasses.dataclass(frozen=True)
class Quote:
    speaker: str  # a metadata name (a person)
    text: str
    sentence: int  # index into ``Analysis.sentences``


@dataclasses.dataclass(frozen=True)
class Event:
    date: dt.date  # first day of the period for month/year precision
    precision: str  # "day" | "month" | "year"
    expression: str  # as written: "il y a sept ans"
    sentence: int
    names: tuple[str, ...]  # the metadata names its sentence mentions


@dataclasses.dataclass(frozen=True)
class Analysis:
    text: str
    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    body: str
    linked: tuple[str, ...]
    words: int = 0  # in ``text``, split at white space: the reading time

    def sentence(self, index: int) -> str:
        """The sentence ``index``: one string object however often it is asked for (an entity
        page, a quote and a timeline entry share it), made on the first request."""
        made = self.__dict__.setdefault("_made", {})
        if index not in made:
            start, end = self.sentences[index]
            made[index] = self.text[start:end]
        return made[index]

    def sentence_at(self, offset: int) -> int | None:
        """The index of the sentence that holds ``offset`` (None: between sentences)."""
        low, high = 0, len(self.sentences)
        while low < high:
            middle = (low + high) // 2
            if self.sentences[middle][1] <= offset:
                low = middle + 1
            else:
                high = middle
        if low < len(self.sentences) and self.sentences[low][0] <= offset:
            return low
        return None

    def as_json(self) -> dict:
        return {
            "text": self.text,
            "sentences": [list(pair) for pair in self.sentences],
            "mentions": [[m.start, m.end, m.name] for m in self.mentions],
            "quotes": [[q.speaker, q.text, q.sentence] for q in self.quotes],
            "events": [
                [e.date.isoformat(), e.precision, e.expression, e.sentence, list(e.names)]
                for e in self.events
            ],
            "body": self.body,
            "linked": list(self.linked),
            "words": self.words,
        }

    @classmethod
    def from_json(cls, data: dict) -> Analysis:
        return cls(
            text=data["text"],
            sentences=tuple((int(a), int(b)) for a, b in data["sentences"]),
            mentions=tuple(Mention(int(a), int(b), str(n)) for a, b, n in data["mentions"]),
            quotes=tuple(Quote(str(s), str(t), int(i)) for s, t, i in data["quotes"]),
            events=tuple(
                Event(dt.date.fromisoformat(d), str(p), str(x), int(i), tuple(map(str, n)))
                for d, p, x, i, n in data["events"]
            ),
            body=data["body"],
            linked=tuple(map(str, data["linked"])),
            words=int(data["words"]),
        )


def text_forms(name: str, kind: str, book_forms: Sequence[str] = ()) -> tuple[str, ...]:
    """The forms a metadata name may take in the text: itself, what the alias book says of it,
    and for a person of several words the first and the last ("Poutine" for Vladimir Poutine,
    "Kim" for Kim Jong-un, family name first), when longer than two letters.

    >>> text_forms("Vladimir Poutine", "person", ["Putin"])
    ('Vladimir Poutine', 'Putin', 'Poutine', 'Vladimir')
    """
    forms = [name, *book_forms]
    if kind == "person":
        for full in list(forms):
            words = full.split()
            if len(words) > 1:
                forms += [word for word in (words[-1], words[0]) if len(word) > 2]
    return tuple(dict.fromkeys(form for form in forms if form and form.strip()))


def analyse(article: ArticleInput) -> Analysis:
    """The analysis of one article (see the module docstring)."""
    text = quick_plain_text(article.body)
    if text is None:
        from bs4 import BeautifulSoup  # for the rare body the quick reading is not sure of

        soup = BeautifulSoup(article.body, "html.parser")
        text = plain_text(soup)
        soup.decompose()  # a tree is a web of cycles: freed now, not at the next collection
    split = split_sentences(text)
    sentences = tuple((offset, offset + len(sentence)) for offset, sentence in split)
    # One automaton for the article: the people (for quotes) are a subset of its names, the
    # links' names are its names under numbers.
    matcher = NameMatcher(article.forms)
    found = list(matcher.finditer(text))
    mentions = tuple(Mention(f.start, f.end, f.key) for f in found)
    draft = Analysis(text, sentences, mentions, (), (), "", ())
    people = {n: article.forms.get(n, (n,)) for n in article.names.get("person", ())}
    found_quotes = find_quotes(text, matcher.subset(people), article.lang, split)
    index_of = _first_indexes(split) if found_quotes else {}
    quotes = tuple(
        Quote(quote.speaker, quote.text, index_of[quote.sentence])
        for quote in found_quotes
        if quote.sentence in index_of
    )
    events = []
    whole = len(text) <= EVENTS_MAX_CHARS  # then its sentences are the text's
    dated = find_dated_events(
        text[:EVENTS_MAX_CHARS], article.lang, article.date, split if whole else None
    )
    starts = [f.start for f in found]
    for event in dated[:EVENTS_MAX]:
        index = draft.sentence_at(event.start)
        if index is None:
            continue
        start, end = sentences[index]
        names = _keys_between(text, found, starts, start, end, matcher)
        events.append(Event(event.date, event.precision, event.expression, index, names))
    # Placeholder links: entity:N for the N-th name of the metadata (see link_body).
    linked = tuple(article.forms)
    links = [(forms, f"entity:{number}") for number, forms in enumerate(article.forms.values())]
    numbered = matcher.renamed({name: str(number) for number, name in enumerate(linked)})
    body = link_first_mentions(article.body, links, numbered)
    words = len(text.split())
    return dataclasses.replace(
        draft, quotes=quotes, events=tuple(events), body=body, linked=linked, words=words
    )


def plain_text(soup: BeautifulSoup) -> str:
    """The text of an article body, one block (paragraph, list item...) a line. Inline tags do
    not break lines, so sentences stay whole."""
    blocks = [" ".join(tag.get_text(" ").split()) for tag in soup.find_all(BLOCKS)]
    return "\n".join(block for block in blocks if block) or " ".join(soup.get_text(" ").split())


def quick_plain_text(body: str) -> str | None:
    """``plain_text`` of the body parsed as BeautifulSoup parses it with ``html.parser``, in one
    pass over its tags without building a tree; None (ask BeautifulSoup) for a body where that
    is not sure: a tag outside ``_ORDINARY`` (scripts, styles, whose text is not text), a
    comment, a declaration, a ``<`` that opens no plain tag, an attribute without quotes, an
    ``&`` that is no character reference this function knows, the end tag of a void element.

    Each block's text is the text of all its descendants (a ``<p>`` in a ``<li>`` is in both),
    strings joined by a space as ``get_text(" ")`` joins them; an end tag closes the last open
    element of its name and those opened after it, one with none open is ignored, and what is
    still open at the end closes there (as BeautifulSoup's tree builder does).

    >>> quick_plain_text("<ul><li>Un <em>deux</em><p>trois &amp; quatre</p></li></ul>").splitlines()
    ['Un deux trois & quatre', 'trois & quatre']
    >>> quick_plain_text("<p>a</p><script>b</script>") is None
    True
    """
    blocks: list[list[str]] = []  # the strings of each block, blocks in document order
    opened: list[tuple[str, list[str] | None]] = []  # open elements: name, strings if a block
    strings: list[str] = []
    at = 0
    for tag in [*_PLAIN_TAG.finditer(body), None]:  # None: the text after the last tag
        stop = len(body) if tag is None else tag.start()
        if stop > at:
            string = _string(body, at, stop)
            if string is None:
                return None
            strings.append(string)
            for _, block in opened:
                if block is not None:
                    block.append(string)
        if tag is None:
            break
        at = tag.end()
        end, name, attributes, closed = tag.groups()
        name = name.lower()
        if name not in _ORDINARY:
            return None
        if end:
            if attributes or closed or name in _VOID:
                return None
            for number in range(len(opened) - 1, -1, -1):
                if opened[number][0] == name:
                    del opened[number:]
                    break
            continue
        block = [] if name in _BLOCK_NAMES else None
        if block is not None:
            blocks.append(block)
        if not closed and name not in _VOID:
            opened.append((name, block))
    texts = (" ".join(" ".join(block).split()) for block in blocks)
    return "\n".join(text for text in texts if text) or " ".join(" ".join(strings).split())


_BLOCK_NAMES = frozenset(BLOCKS)
# Tags whose text is text for BeautifulSoup (no script, style, template, ruby annotation...)
# and that html.parser reads as plain tags; _VOID: those of them BeautifulSoup closes at once.
_ORDINARY = frozenset(
    """p li ul ol blockquote h1 h2 h3 h4 h5 h6 td th tr table thead tbody tfoot caption pre
    code em strong b i u s a span div br hr img wbr sup sub small mark abbr cite q dl dt dd
    figure figcaption del ins kbd samp var time section article header footer aside nav main
    details summary""".split()  # noqa: SIM905 (a word list reads better as words)
)
_VOID = frozenset({"br", "hr", "img", "wbr"})
_SPACE = "[ \t\n\r\f]"
_PLAIN_TAG = re.compile(
    rf"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:{_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*"
    rf"(?:{_SPACE}*={_SPACE}*(?:\"[^\"<>]*\"|'[^'<>]*'))?)*){_SPACE}*(/?)>"
)
_CHARACTER_REFERENCE = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
# Named references as BeautifulSoup reads them (a test checks each against its table).
_NAMED = {
    "amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\xa0", "laquo": "«",
    "raquo": "»", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "hellip": "…",
    "ndash": "–", "mdash": "—",
}  # fmt: skip


def _string(body: str, start: int, end: int) -> str | None:
    """``body[start:end]``, text between tags, with its character references read; None when
    it holds a ``<`` or an ``&`` that is not a reference read here for sure."""
    string = body[start:end]
    if "<" in string:
        return None
    if "&" not in string:
        return string
    pieces = []
    done = 0
    for reference in _CHARACTER_REFERENCE.finditer(string):
        decimal, hexadecimal, name = reference.groups()
        if name is not None:
            character = _NAMED.get(name)
        else:
            number = int(decimal) if decimal is not None else int(hexadecimal, 16)
            plain = 0 < number <= 0x10FFFF and not (
                0x80 <= number <= 0x9F or 0xD800 <= number <= 0xDFFF
            )  # (control characters mapped from windows-1252, surrogates: left to bs4)
            character = chr(number) if plain else None
        if character is None:
            return None
        pieces += [string[done : reference.start()], character]
        done = reference.end()
    pieces.append(string[done:])
    if sum(piece.count("&") for piece in pieces[::2]) != 0:
        return None  # an "&" that is no reference
    return "".join(pieces)


def _keys_between(
    text: str,
    found: Sequence[Found],
    starts: Sequence[int],
    start: int,
    end: int,
    matcher: NameMatcher,
) -> tuple[str, ...]:
    """The keys of the names in ``text[start:end]`` (a sentence), in text order, once each:
    what ``matcher.finditer(text, start, end)`` gives, taken from ``found`` (every name of
    ``text``, ``starts`` their starts). A name of ``found`` that crosses an end of the stretch
    (or a word going on after it) would hide one the search of the stretch alone finds: then
    the stretch is searched."""
    first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    if (
        (first > 0 and found[first - 1].end > start)
        or (last > first and found[last - 1].end > end)
        or (end < len(text) and not text[end].isspace())
    ):
        return tuple(dict.fromkeys(f.key for f in matcher.finditer(text, start, end)))
    return tuple(dict.fromkeys(found[i].key for i in range(first, last)))


def _first_indexes(split: Sequence[tuple[int, str]]) -> dict[str, int]:
    """Each sentence of ``split`` and the index of its first occurrence: an article's quotes
    are given their sentence's index from one pass, not a search each.

    >>> _first_indexes([(0, "Oui."), (5, "Non."), (10, "Oui.")])
    {'Oui.': 0, 'Non.': 1}
    """
    found: dict[str, int] = {}
    for index, (_, sentence) in enumerate(split):
        found.setdefault(sentence, index)
    return found


def link_body(body: str, linked: Sequence[str], url_of: Mapping[str, str]) -> str:
    """The body with each placeholder link ``entity:N`` pointing at the page of ``linked[N]``.
    A name with no page (``url_of`` lacks it: the alias book ignores it) and a second name of an
    entity already linked lose their link and keep their words.

    >>> link_body('<p><a class="entity-link" href="entity:0">Kim</a> et '
    ...           '<a class="entity-link" href="entity:1">Poutine</a></p>',
    ...           ["Kim", "Poutine"], {"Poutine": "../poutine.html"})
    '<p>Kim et <a class="entity-link" href="../poutine.html">Poutine</a></p>'
    """
    # One split rather than a function called per link (a tenth of a rebuild's annotating):
    # text, number, words, text, number, words, ..., text.
    parts = PLACEHOLDER.split(body)
    done: set[str] = set()
    for at in range(1, len(parts), 3):
        number = int(parts[at])
        url = url_of.get(linked[number]) if number < len(linked) else None
        if not url or url in done:
            parts[at] = ""
            continue
        done.add(url)
        parts[at] = f'<a class="entity-link" href="{html.escape(url)}">'
        parts[at + 1] += "</a>"
    return "".join(parts)
