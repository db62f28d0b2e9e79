"""Parse a plain-text news article: paragraphs, title, byline, dateline and source credit.

A raw text file is what an editor pasted from a wire story or a web page: paragraphs separated by
blank lines, maybe hard-wrapped, maybe a title line, a byline ("Par Jean Dupont"), a dateline
("PARIS, 13 septembre 2023 (AFP) -" or "Publié le 13/09/2023 à 10h05") and the outlet alone on
the last line ("RFI"). Each rule below is a small pure function; ``parse_plain_text`` applies them
in order and removes what they recognise from the body. Nothing here imports Pelican.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from newstext.sentences import split_sentences as shared_split

from ingest.dates import (
    PARIS,
    DateError,
    DateParts,
    date_value,
    match_date,
    month_first,
    month_first_in,
)
from ingest.headline import headline_from_parse
from ingest.model import Found, IngestError, ParsedArticle, RawText

logger = logging.getLogger(__name__)

# How many paragraphs at the top may hold a title, a byline or a dateline.
HEADER_PARAGRAPHS = 4


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string.

    >>> sorted(word_set("de la  du"))
    ['de', 'du', 'la']
    """
    return frozenset(words.split())


# --------------------------------------------------------------------------------------------
# Paragraphs


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the raw text: its lines, each with its 1-based line number in the file."""

    lines: tuple[tuple[int, str], ...]

    @property
    def line(self) -> int:
        """The line number of the paragraph's first line."""
        return self.lines[0][0]

    @property
    def text(self) -> str:
        """The paragraph on one line: hard-wrapped lines joined with a space."""
        return " ".join(text for _, text in self.lines)

    def without(self, number: int) -> Paragraph | None:
        """The paragraph without line ``number``; None when nothing is left."""
        kept = tuple(item for item in self.lines if item[0] != number)
        return Paragraph(kept) if kept else None


def clean_line(line: str) -> str:
    """A line with runs of spaces and tabs made one space and its ends stripped.

    >>> clean_line("  Le  président\\t russe ")
    'Le président russe'
    """
    return re.sub(r"[ \t]+", " ", line).strip()


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs are runs of non-blank lines; blank (or whitespace-only) lines separate them.

    >>> [p.text for p in split_paragraphs("Un\\ndeux\\n\\n  \\ntrois\\n")]
    ['Un deux', 'trois']
    >>> split_paragraphs("Un\\ndeux\\n\\ntrois")[1].line
    4
    """
    paragraphs: list[Paragraph] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        cleaned = clean_line(line)
        if cleaned:
            current.append((number, cleaned))
        elif current:
            paragraphs.append(Paragraph(tuple(current)))
            current = []
    if current:
        paragraphs.append(Paragraph(tuple(current)))
    return paragraphs


# --------------------------------------------------------------------------------------------
# Source credit

_CREDIT_MARKS = "—–-―(©)[] "
_SMALL_NAME_WORDS = word_set(
    "de du des d’ d' la le les l’ l' et the of and & for on in at am im der die das di da y"
)
_SENTENCE_END = tuple(".!?:;…,»\"”’'")
_SOURCE_LINE = re.compile(r"^Sources?\s*:\s*(?P<name>.+?)\.?$", re.IGNORECASE)
_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$")


def _is_name_word(word: str) -> bool:
    return (
        word[:1].isupper()
        or word[:1].isdigit()
        or word.lower() in _SMALL_NAME_WORDS
        or bool(_DOMAIN.match(word))
    )


def credit_name(line: str) -> str | None:
    """The outlet named by a credit line such as "RFI", "— Le Monde" or "(AFP)", else None.

    A credit is at most 40 characters and 5 words, does not end like a sentence (no final period,
    colon, quote...) and contains a letter. Marks around it (dashes, parentheses, ©) are stripped.
    Without such marks, every word must be written like a name: capitalised, a number, a domain
    ("lemonde.fr") or a small linking word ("de", "the"...), so "Affaire à suivre" is not a credit.

    >>> [credit_name(s) for s in ["RFI", "— Le Monde", "(AFP)", "France 24", "Wikinews"]]
    ['RFI', 'Le Monde', 'AFP', 'France 24', 'Wikinews']
    >>> [credit_name(s) for s in ["Affaire à suivre", "Fin.", "C’est fini !", "2023"]]
    [None, None, None, None]
    """
    line = line.strip()
    if len(line) > 40 or not line or line.endswith(_SENTENCE_END):
        return None
    name = line.strip(_CREDIT_MARKS).strip()
    marked = name != line
    words = name.split()
    if not words or len(words) > 5 or not any(c.isalpha() for c in name):
        return None
    if name.endswith(_SENTENCE_END):
        return None
    if not marked and not all(_is_name_word(word) for word in words):
        return None
    return name


def source_line_name(line: str) -> str | None:
    """The outlet in a line "Source : X" or "Source: X" (French or English spacing), else None.

    >>> source_line_name("Source : AFP."), source_line_name("Sources: Reuters, AP")
    ('AFP', 'Reuters, AP')
    >>> source_line_name("La source : un haut fonctionnaire") is None
    True
    """
    match = _SOURCE_LINE.match(line.strip())
    if not match or len(match["name"]) > 60:
        return None
    return match["name"].strip(_CREDIT_MARKS).strip() or None


def _previous_line_ends_sentence(paragraph: Paragraph) -> bool:
    return len(paragraph.lines) < 2 or paragraph.lines[-2][1].endswith(tuple('.!?…»"”'))


def find_credit(paragraphs: list[Paragraph]) -> Found | None:
    """The source credit: the last line when it is a credit (see ``credit_name``), or else the
    first "Source : X" line anywhere.

    The last line counts only if it is not the only line, and when it ends a hard-wrapped
    paragraph, only if the line before it ends a sentence.
    """
    if len(paragraphs) > 1 or (paragraphs and len(paragraphs[0].lines) > 1):
        number, line = paragraphs[-1].lines[-1]
        name = credit_name(line)
        if name and _previous_line_ends_sentence(paragraphs[-1]):
            return Found(name, "last line", line=number)
    for paragraph in paragraphs:
        for number, line in paragraph.lines:
            name = source_line_name(line)
            if name:
                return Found(name, "source line", line=number)
    return None


# --------------------------------------------------------------------------------------------
# Datelines

_DATELINE_LABEL = re.compile(
    r"^(?:(?P<label>publié|publiée|mis à jour|mise à jour|modifié|modifiée|actualisé|"
    r"published|updated|posted|last updated)\b\s*(?:le|on|:)?\s*:?\s*|le\s+)?",
    re.IGNORECASE,
)
# Starts only where spaces start ("\s*(?:,|\s)\s*" tried every split of a run of spaces, at
# every space: cubic, minutes on a line of 2,000 spaces).
_UPDATE_TAIL = re.compile(
    r"(?<!\s)(?:\s*[,|–—-]\s*|\s+)(?:mis à jour|mise à jour|modifié|actualisé|updated).*$",
    re.IGNORECASE,
)
_UPDATE_LABELS = ("mis", "mise", "modifié", "modifiée", "actualisé", "updated", "last")
_DATELINE_PREFIX = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][\w’'. -]{1,40}?)"
    r"(?:\s*,\s*(?P<date>[^()\n]{3,40}?))?"
    r"\s*\((?P<src>[^()\n]{2,30})\)\s*[-–—]+\s*"
)


@dataclass(frozen=True)
class Dateline:
    """What a dateline says: the date as written (or None), whether it is an update, the source."""

    date: DateParts | None
    is_update: bool = False
    source: str | None = None
    rest: str = ""


def dateline_line(line: str) -> Dateline | None:
    """A line that is only a date, maybe labelled: "Publié le 13/09/2023 à 10h05", "Mis à jour le
    13 septembre 2023 à 18:30", "Published on September 13, 2023", "13 septembre 2023",
    "2023-09-13". A trailing "mis à jour ..." part is ignored. Returns None for any other line.

    >>> dateline_line("Mis à jour le 13 septembre 2023 à 18:30").is_update
    True
    >>> dateline_line("Publié le 13/09/2023 à 10h05, mis à jour à 12h00").date.minute
    5
    """
    label = _DATELINE_LABEL.match(line.strip())
    rest = line.strip()[label.end() :]
    rest = _UPDATE_TAIL.sub("", rest) if label["label"] else rest
    parts = match_date(rest)
    if parts is None or parts.year is None:
        return None
    word = (label["label"] or "").lower().split(" ")[0]
    return Dateline(parts, is_update=word in _UPDATE_LABELS)


def dateline_prefix(text: str) -> Dateline | None:
    """A wire dateline opening a paragraph: "PARIS, 13 septembre 2023 (AFP) - ", "PARIS (AFP) -",
    "MOSCOW, Sept 13 (Reuters) -". The place must be in capitals unless a date follows it, and
    the name in parentheses must read as an outlet (see ``credit_name``). ``rest`` is the text
    after the dateline; ``date`` is None when the dateline has none (its year may be None).

    >>> d = dateline_prefix("PARIS, 13 septembre 2023 (AFP) - Le président a parlé.")
    >>> d.source, d.date.day, d.rest
    ('AFP', 13, 'Le président a parlé.')
    >>> dateline_prefix("Emmanuel Macron (LREM) - un discours") is None
    True
    """
    match = _DATELINE_PREFIX.match(text)
    if not match or not match["place"].strip():
        return None
    source = credit_name(match["src"])
    date = match_date(match["date"]) if match["date"] else None
    if source is None or (match["date"] and date is None):
        return None
    if date is None and match["place"] != match["place"].upper():
        return None
    return Dateline(date, source=source, rest=text[match.end() :])


# --------------------------------------------------------------------------------------------
# Bylines

_BYLINE = re.compile(
    r"^(?:(?:par|by)\s+|de not(?:re|s)\s+(?:envoyée?s?\s+spéciale?s?|envoyés\s+spéciaux|"
    r"correspondante?s?(?:\s+permanente?s?)?)(?:\s+(?:à|au|aux|en|dans)\s+[^,]+?)?\s*,?\s+)"
    r"(?P<names>.+)$",
    re.IGNORECASE,
)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|—|–|\s-\s|\bet\b|\band\b|\bavec\b|\bwith\b)\s*")
_NAME_PARTICLES = word_set("de du des d’ d' van von der den di da del la le bin ben al el")
_NOT_FIRST_NAMES = word_set("le la les l’ the un une")


def person_name(text: str) -> str | None:
    """``text`` when it reads as a person's name: 2 to 5 words, capitalised except particles
    ("de", "van"...), not starting with an article ("Le Monde" is not a person). A name in
    capitals is given in title case.

    >>> person_name("Jean de La Fontaine"), person_name("JANE DOE"), person_name("AFP")
    ('Jean de La Fontaine', 'Jane Doe', None)
    """
    words = text.split()
    if not 2 <= len(words) <= 5 or words[0].lower() in _NOT_FIRST_NAMES:
        return None
    for word in words:
        if word.lower() in _NAME_PARTICLES:
            continue
        if not (word[:1].isupper() and all(c.isalpha() or c in "-’'." for c in word)):
            return None
    if not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return None
    return text.title() if text.isupper() else text


def byline_authors(line: str) -> tuple[str, ...]:
    """The authors of a byline: "Par Jean Dupont", "Par Jean Dupont et Marie Curie", "Par Jean
    Dupont, envoyé spécial à Kyiv", "By Jane Doe and John Roe", "De notre correspondant à Séoul,
    Nicolas Rocca". Names are read up to the first part that is not a name. Empty when the line
    is not a byline (e.g. "Par ailleurs, le ministre...") or is longer than 120 characters.

    >>> byline_authors("Par Jean Dupont, envoyé spécial à Kyiv")
    ('Jean Dupont',)
    >>> byline_authors("By Jane Doe and John Roe")
    ('Jane Doe', 'John Roe')
    >>> byline_authors("Par ailleurs, le ministre a démenti")
    ()
    """
    match = _BYLINE.match(line.strip())
    if not match or len(line) > 120:
        return ()
    authors: list[str] = []
    for part in _NAME_SEPARATORS.split(match["names"].strip().rstrip(".")):
        name = person_name(part)
        if name is None:
            break
        authors.append(name)
    return tuple(authors)


# --------------------------------------------------------------------------------------------
# Title

_TITLE_END = re.compile(r"([.!?:;…]|[.!?…]\s*[»\"”’'])$")


def is_title_line(paragraph: Paragraph, has_next: bool) -> bool:
    """The first paragraph is a title when it is a single line of at most 150 characters that
    does not end like a sentence (. ! ? : ; … or a closing quote after a period) and another
    paragraph follows.

    >>> is_title_line(split_paragraphs("Poutine et Kim au cosmodrome")[0], has_next=True)
    True
    >>> is_title_line(split_paragraphs("Poutine et Kim se sont vus.")[0], has_next=True)
    False
    """
    text = paragraph.text
    return (
        has_next and len(paragraph.lines) == 1 and len(text) <= 150 and not _TITLE_END.search(text)
    )


# --------------------------------------------------------------------------------------------
# Sentences, titles and summaries from the lede


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, by the rules every plugin shares (``newstext.sentences``).

    >>> split_sentences("M. Kim est arrivé. Il a parlé ! « Oui », dit-il.")
    ['M. Kim est arrivé.', 'Il a parlé !', '« Oui », dit-il.']
    """
    return [sentence for _, sentence in shared_split(text)]


_DANGLING = word_set(
    "de du des d’ d' la le les l’ l' un une à au aux en et ou ni mais que qu’ qui dont sur sous "
    "dans par pour avec sans entre vers chez se sa son ses leur leurs ce cet cette ces ne y "
    "the a an of and or but to in on at for by with from as that which who its their his her "
    "is was are were has have had be been will would could should can may "
    "est sont a ont été était étaient avait avaient sera seront fut être avoir "
    "pas très plus"
)
_ELIDED_SMALL_WORD = re.compile(r"^(?:c|d|j|l|m|n|qu|s|t|jusqu|lorsqu|puisqu)['’][a-zé]{1,4}$")
_STRONG_BOUNDARY = re.compile(r",\s|;\s|:\s|\s[—–-]\s|\s\(|\)(?=\s)")
_WEAK_BOUNDARY = re.compile(r"\s(?=(?:et|and|mais|but|ou|or|qui|which|who|alors que|while)\s)")
_TRAILING_MARKS = " \t,;:.…—–-«“\"(['’"


def _tidy_cut(text: str) -> str:
    """A cut title without trailing punctuation, dangling small words or an unclosed « or (."""
    while True:
        text = text.rstrip(_TRAILING_MARKS)
        words = text.split()
        last = words[-1] if words else ""
        if len(words) > 1 and (last.lower() in _DANGLING or _ELIDED_SMALL_WORD.match(last)):
            text = text[: text.rfind(last)]
            continue
        for opener, closer in (("«", "»"), ("(", ")"), ("“", "”")):
            if text.count(opener) > text.count(closer):
                text = text[: text.rfind(opener)]
                break
        else:
            return text


_MARKUP_LIKE = re.compile(r"[<>{}=]")


def title_from_lede(
    paragraph: str, max_chars: int = 90, min_chars: int = 40, nlp: Callable | None = None
) -> str:
    """A title for a text that has none, made from the first sentence of the lede: the sentence
    without its final period when it fits in ``max_chars``. Longer, with ``nlp`` (a spaCy
    pipeline with a parser), its subject, verb and first complement, appositions and adjuncts
    left out (see ``ingest.headline``); text that looks like markup is never parsed. Otherwise,
    or when the parse gives no headline, the sentence is cut at the last
    clause boundary (comma, semicolon, colon, dash, parenthesis) that keeps at least
    ``min_chars``; failing that before a conjunction ("et", "and", "qui"...); failing that at
    the last word boundary. Dangling small words ("de", "the"...), trailing punctuation and an
    unclosed « or ( are removed; nothing is appended.

    >>> title_from_lede("Le cosmodrome de Vostotchny, entré en service il y a sept ans, est la "
    ...                 "principale installation de lancement spatial de la Russie.")
    'Le cosmodrome de Vostotchny, entré en service il y a sept ans'
    """
    sentences = split_sentences(paragraph.strip())
    sentence = _tidy_cut(sentences[0]) if sentences else ""
    if len(sentence) <= max_chars:
        return sentence
    if nlp is not None and lede_needs_parse(paragraph, max_chars):
        headline = headline_from_parse(next(iter(nlp(sentences[0]).sents)), max_chars)
        if headline:
            return headline
    for boundary in (_STRONG_BOUNDARY, _WEAK_BOUNDARY):
        cuts = [m.start() for m in boundary.finditer(sentence) if min_chars <= m.start()]
        cuts = [cut for cut in cuts if cut <= max_chars]
        for cut in reversed(cuts):
            title = _tidy_cut(sentence[:cut])
            if len(title) >= min_chars:
                return title
    cut = sentence.rfind(" ", 0, max_chars + 1)
    return _tidy_cut(sentence[: cut if cut > 0 else max_chars])


def lede_needs_parse(paragraph: str, max_chars: int = 90) -> bool:
    """Whether ``title_from_lede`` would parse this lede: its first sentence is longer than
    ``max_chars`` and does not look like markup. A lede that needs no parse needs no model.

    >>> lede_needs_parse("Kim Jong-un est arrivé.", 90)
    False
    """
    sentences = split_sentences(paragraph.strip())
    sentence = _tidy_cut(sentences[0]) if sentences else ""
    return len(sentence) > max_chars and not _MARKUP_LIKE.search(sentence)


def summary_from_lede(paragraphs: list[str], max_chars: int = 300) -> str:
    """The lede (first paragraph) as a summary; when longer than ``max_chars``, its first
    sentences that fit. A first sentence that alone is too long is cut at a word boundary and
    ends with "…".

    >>> summary_from_lede(["Une phrase. Une autre phrase bien plus longue."], max_chars=20)
    'Une phrase.'
    """
    if not paragraphs:
        return ""
    lede = paragraphs[0].strip()
    if len(lede) <= max_chars:
        return lede
    summary = ""
    for sentence in split_sentences(lede):
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > max_chars:
            break
        summary = candidate
    if summary:
        return summary
    cut = lede.rfind(" ", 0, max_chars)
    return _tidy_cut(lede[: cut if cut > 0 else max_chars]) + "…"


# --------------------------------------------------------------------------------------------
# Markdown

_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]{}])")
_BLOCK_START = re.compile(r"^([#>+-])")
_BLOCK_START_ENTITY = {"=": "&#61;", "~": "&#126;", "|": "&#124;", ":": "&#58;"}
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])(?=\s|$)")


def escape_markdown(text: str) -> str:
    """Plain text made safe to put in Markdown, each line rendered as the same text.

    "<" becomes "&lt;" (so no raw HTML such as <script> gets through) and "&" before something
    that reads as an entity becomes "&amp;"; \\ ` * _ [ ] { } get a backslash; so does a line
    start that would make a heading, quote, list or rule (# > + - or "1."), while = ~ | : at the
    start of a line (which Markdown cannot backslash-escape) become entities; leading spaces
    (code blocks) are dropped.

    >>> escape_markdown("# 1er <script>alert('x')</script> *gras* [lien](javascript:x)")
    "\\\\# 1er &lt;script>alert('x')&lt;/script> \\\\*gras\\\\* \\\\[lien\\\\](javascript:x)"
    >>> print(escape_markdown("1. Un\\n- deux\\n> trois"))
    1\\. Un
    \\- deux
    \\> trois
    """
    lines = []
    for line in text.split("\n"):
        line = _ENTITY_LIKE.sub("&amp;", line.lstrip())
        line = _INLINE_MARKUP.sub(r"\\\1", line.replace("<", "&lt;"))
        line = _ORDERED_ITEM.sub(r"\1\\\2", _BLOCK_START.sub(r"\\\1", line))
        if line[:1] in _BLOCK_START_ENTITY:
            line = _BLOCK_START_ENTITY[line[0]] + line[1:]
        lines.append(line)
    return "\n".join(lines)


def body_markdown(paragraphs: list[str]) -> str:
    """The paragraphs escaped (see ``escape_markdown``) and separated by blank lines."""
    return "\n\n".join(escape_markdown(paragraph) for paragraph in paragraphs)


# --------------------------------------------------------------------------------------------
# The whole text


@dataclass
class _Header:
    """What the top of a text says, found while reading it."""

    authors: Found | None = None
    date: Found | None = None
    date_is_update: bool = False
    source: Found | None = None
    month_first: bool = False  # the text writes its numeric dates month first


def _date_found(parts: DateParts, tz: dt.tzinfo, path: str, number: int, header: _Header) -> Found:
    how = "dateline"
    if header.month_first and parts.numeric:
        parts, how = month_first(parts), "dateline (month first, as the text's other dates)"
    try:
        return Found(date_value(parts, tz), how, line=number)
    except DateError as error:
        raise IngestError(path, str(error), line=number) from None


def _read_header_line(line: str, number: int, header: _Header, tz: dt.tzinfo, path: str) -> bool:
    """Record a byline or dateline line in ``header``; True when the line was one."""
    if header.authors is None:
        authors = byline_authors(line)
        if authors:
            header.authors = Found(authors, "byline", line=number)
            return True
    dateline = dateline_line(line) if len(line) <= 100 else None
    if dateline is None:
        return False
    if header.date is None or (header.date_is_update and not dateline.is_update):
        header.date = _date_found(dateline.date, tz, path, number, header)
        header.date_is_update = dateline.is_update
    return True


def _strip_header_lines(
    paragraphs: list[Paragraph], header: _Header, tz: dt.tzinfo, path: str
) -> list[Paragraph]:
    """Remove bylines and dateline lines from the top paragraphs: lines that are a whole
    paragraph, or any line of the first paragraph (a block "Title / Par X / Publié le ...")."""
    kept: list[Paragraph] = []
    for index, paragraph in enumerate(paragraphs):
        rest: Paragraph | None = paragraph
        if index < HEADER_PARAGRAPHS and (index == 0 or len(paragraph.lines) == 1):
            for number, line in paragraph.lines:
                if _read_header_line(line, number, header, tz, path):
                    rest = rest.without(number) if rest else None
        if rest is not None:
            kept.append(rest)
    return kept


def _apply_dateline_prefix(
    paragraph: Paragraph, header: _Header, tz: dt.tzinfo, path: str
) -> Paragraph | None:
    """The paragraph without its opening wire dateline (None when nothing else is in it),
    recording the dateline's date and source."""
    number, first = paragraph.lines[0]
    dateline = dateline_prefix(first)
    if dateline is None:
        return paragraph
    if dateline.date is not None and dateline.date.year is not None and header.date is None:
        header.date = _date_found(dateline.date, tz, path, number, header)
    header.source = Found(dateline.source, "dateline", line=number)
    rest = ((number, dateline.rest),) if dateline.rest.strip() else ()
    lines = rest + paragraph.lines[1:]
    return Paragraph(lines) if lines else None


def _remove_line(paragraphs: list[Paragraph], number: int) -> list[Paragraph]:
    kept = (paragraph.without(number) for paragraph in paragraphs)
    return [paragraph for paragraph in kept if paragraph is not None]


def parse_plain_text(raw: RawText, tz: dt.tzinfo = PARIS) -> ParsedArticle:
    """Read a plain-text article: remove and record, in order, the source credit (last line or
    "Source :" line), bylines and dateline lines at the top, the title line, and a wire dateline
    opening the first body paragraph. Dates without a time are midnight in ``tz``.

    Raises ``IngestError`` when a date is not a real day or no article text is left.
    """
    paragraphs = split_paragraphs(raw.text)
    credit = find_credit(paragraphs)
    if credit is not None:
        paragraphs = _remove_line(paragraphs, credit.line)
    header = _Header(month_first=month_first_in(raw.text))
    paragraphs = _strip_header_lines(paragraphs, header, tz, raw.path)
    title = None
    if (
        paragraphs
        and dateline_prefix(paragraphs[0].lines[0][1]) is None
        and is_title_line(paragraphs[0], has_next=len(paragraphs) > 1)
    ):
        title = Found(paragraphs[0].text, "first line", line=paragraphs[0].line)
        paragraphs = paragraphs[1:]
    if paragraphs:
        first = _apply_dateline_prefix(paragraphs[0], header, tz, raw.path)
        paragraphs = ([first] if first else []) + paragraphs[1:]
    texts = [paragraph.text for paragraph in paragraphs]
    if not texts:
        raise IngestError(
            raw.path,
            "no article text: after the title, byline, dateline and source credit nothing is "
            "left; put the article's paragraphs in the file, separated by blank lines",
        )
    return ParsedArticle(
        path=raw.path,
        kind=raw.kind,
        paragraphs=texts,
        body_markdown=body_markdown(texts),
        title=title,
        date=header.date,
        authors=header.authors,
        source=credit or header.source,
    )
