"""Where names stand in a text: the one name matcher of the project. Pure.

Counting an entity's mentions, linking its first mention, attributing a quote, tying a dated
event to the entities of its sentence: all of them ask "which of these names stand here, as
whole words?", and all of them ask this module, so that they agree. A name matches:

- as whole words: never inside a word, nor inside a hyphenated word ("Kim" is not found in
  "Kim-Jong" nor in "Kimberley");
- whatever the apostrophe (' ’ ʼ), the hyphen (- ‐ ‑) or the run of spaces (also no-break
  spaces) the text uses: "Conseil de l'ONU" is found in "Conseil de l’ONU";
- longest first: "Vladimir Poutine" is one mention, not "Poutine" inside it.

A name that two entities could own ("Kim" when both Kim Jong-un and Kim Yo-jong are named)
belongs to neither: it is never guessed.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

import ahocorasick

APOSTROPHES = "'’ʼ"
HYPHENS = "-‐‑"
_FOLD = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(HYPHENS, "-")})
_SPACES = re.compile(r"\s+")
_HYPHEN_CLASS = "".join(map(re.escape, HYPHENS))
_WORD_START = rf"(?<![\w{_HYPHEN_CLASS}])"
_WORD_END = rf"(?![\w{_HYPHEN_CLASS}])"


def fold(name: str) -> str:
    """The form two spellings of one name share: one apostrophe, one hyphen, single spaces.

    >>> fold("Conseil  de l’ONU"), fold("Kim Jong‑un")
    ("Conseil de l'ONU", 'Kim Jong-un')
    """
    return _SPACES.sub(" ", name.strip()).translate(_FOLD)


def _core(name: str) -> str:
    """A regex for the name itself: any apostrophe, any hyphen, any run of spaces."""
    parts = []
    for char in fold(name):
        if char == "'":
            parts.append(f"[{APOSTROPHES}]")
        elif char == "-":
            parts.append(f"[{_HYPHEN_CLASS}]")
        elif char == " ":
            parts.append(r"\s+")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


class Found(NamedTuple):
    """A name found in a text: ``text[start:end]`` is ``surface``, a name of ``key``. (A
    named tuple: an article has hundreds, made faster than a frozen dataclass.)"""

    start: int
    end: int
    surface: str
    key: str


class NameMatcher:
    """Finds the names of several entities in texts (``names`` maps a key to its names).

    One Aho-Corasick automaton (pyahocorasick) for all the names, over the text folded as
    names are (``fold``: one apostrophe, one hyphen, single spaces), then whole words only and,
    where several names start at one place, the longest: the matches of the regex ``pattern``
    (whole words, longest name first), found in one pass without compiling a pattern per
    article. Build a matcher once per article (or per site) and ask it as often as needed.

    >>> matcher = NameMatcher({"Vladimir Poutine": ["Vladimir Poutine", "Poutine"]})
    >>> [(f.surface, f.key) for f in matcher.finditer("Vladimir Poutine, puis Poutine.")]
    [('Vladimir Poutine', 'Vladimir Poutine'), ('Poutine', 'Vladimir Poutine')]
    """

    def __init__(self, names: Mapping[str, Iterable[str]]):
        owners = _owners(names)
        self._own(owners)
        # Every form, a name two keys share included, so that a ``subset`` can use the same
        # automaton; the automaton's finds are then the owned forms' only (``_shared``).
        self._known = frozenset(owners)
        self._automaton = _automaton(tuple(sorted(self._known)))
        self._shared = len(self._known) != len(self.owner)

    def _own(self, owners: dict[str, set[str]]) -> None:
        self.owner = {form: next(iter(keys)) for form, keys in owners.items() if len(keys) == 1}
        self.keys = frozenset(self.owner.values())

    def subset(self, names: Mapping[str, Iterable[str]]) -> NameMatcher:
        """A matcher for ``names`` that finds what ``NameMatcher(names)`` finds, made without a
        new automaton when this one knows all their forms (the people among an article's
        names): an article builds one automaton, not one per question.

        >>> everyone = NameMatcher({"Kim Jong-un": ["Kim"], "Kim Yo-jong": ["Kim"]})
        >>> [f.key for f in everyone.subset({"Kim Jong-un": ["Kim"]}).finditer("Kim dit")]
        ['Kim Jong-un']
        """
        owners = _owners(names)
        if not owners.keys() <= self._known:
            return NameMatcher(names)
        matcher = self._sharing()
        matcher._own(owners)
        matcher._shared = len(self._known) != len(matcher.owner)
        return matcher

    def renamed(self, keys: Mapping[str, str]) -> NameMatcher:
        """This matcher with each key ``k`` called ``keys[k]`` (each a name of its own), sharing
        its automaton: what ``NameMatcher`` makes of the same names under the new keys.

        >>> poutine = NameMatcher({"Vladimir Poutine": ["Poutine"]})
        >>> [f.key for f in poutine.renamed({"Vladimir Poutine": "0"}).finditer("Poutine")]
        ['0']
        """
        if len(set(keys.values())) != len(keys):
            raise ValueError(f"renamed: two keys would get one name in {dict(keys)!r}")
        matcher = self._sharing()
        matcher.owner = {form: keys[key] for form, key in self.owner.items()}
        matcher.keys = frozenset(matcher.owner.values())
        matcher._shared = self._shared
        return matcher

    def _sharing(self) -> NameMatcher:
        matcher = NameMatcher.__new__(NameMatcher)
        matcher._known = self._known
        matcher._automaton = self._automaton
        return matcher

    @property
    def pattern(self) -> re.Pattern | None:
        """The same search as one regex (None without names): for a caller that needs one."""
        return _compiled(tuple(sorted(self.owner, key=lambda n: (-len(n), n))))

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Found]:
        """Every name in ``text[start:end]``, in text order, offsets into ``text``."""
        if self._automaton is None or not self.owner:
            return
        end = len(text) if end is None else min(end, len(text))
        start = max(0, start)
        if start >= end:
            return
        first = start - 1 if start else start
        runs, raw, stretch = _prepared(text, first, end)
        longest: dict[int, str] = {}  # place -> the longest name starting there
        owner = self.owner
        for begin, form in _whole_words(self._automaton, raw, stretch, start - first):
            if self._shared and form not in owner:
                continue  # a name two keys share, or one of another matcher of the automaton
            known = longest.get(begin)
            if known is None or len(form) > len(known):
                longest[begin] = form
        after = -1
        for begin in sorted(longest):
            if begin < after:
                continue  # inside the name found before, as a regex search goes on after it
            form = longest[begin]
            after = begin + len(form)
            if runs is None:
                low, high = first + begin, first + after
            else:
                low, high = first + _place(runs, begin), first + _place(runs, after - 1) + 1
            yield Found(low, high, text[low:high], owner[form])

    def keys_in(self, text: str, start: int = 0, end: int | None = None) -> set[str]:
        """The keys named in ``text[start:end]``."""
        return {found.key for found in self.finditer(text, start, end)}

    def counts(self, text: str) -> Counter[str]:
        """How many times each key is named in ``text``."""
        return Counter(found.key for found in self.finditer(text))


def _owners(names: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    """Each folded form of ``names`` and the keys that have it."""
    owners: dict[str, set[str]] = {}
    for key, forms in names.items():
        for form in forms:
            if form and form.strip():
                owners.setdefault(_folded(form), set()).add(key)
    return owners


@functools.lru_cache(maxsize=8192)
def _folded(form: str) -> str:
    """``fold``, remembered: the names of a site come back in article after article."""
    return fold(form)


def _prepared(text: str, first: int, end: int) -> tuple:
    """``text[first:end]`` as the automaton reads it: (its runs of spaces, when it had any to
    collapse (``_place`` maps back); the stretch collapsed; the same folded as names are).
    Words end where they end as written ("lʼ": a letter), so whole words are checked in the
    collapsed stretch before folding. The last one is kept: several matchers (mentions,
    quotes, links) read one text in turn."""
    global _last
    if _last[0] is text and _last[1] == (first, end):
        return _last[2]
    stretch = text[first:end]
    runs = None
    # Lone line breaks (between blocks) and plain spaces only: each break one space, in place.
    # A text is that when with its breaks made spaces, it has no two spaces in a row and all
    # its characters are printable (no other space is: ``_ODD_SPACE`` decides for the rest).
    flat = stretch.replace("\n", " ") if "\n" in stretch else stretch
    if "  " not in flat and (flat.isprintable() or not _ODD_SPACE.search(stretch)):
        stretch = flat
    else:
        runs, stretch = _collapsed(stretch)
    folded = stretch
    for variant, plain in _FOLDS:
        if variant in folded:
            folded = folded.replace(variant, plain)
    _last = (text, (first, end), (runs, stretch, folded))
    return _last[2]


def _whole_words(automaton, raw: str, folded: str, lowest: int) -> list[tuple[int, str]]:
    """The places and forms of the automaton's names in ``folded`` (``raw`` before folding)
    that start at ``lowest`` or after, as whole words: no letter, digit, underscore or hyphen
    (``\\w`` and the hyphens of the regex ``pattern``) touches them. The last ones are kept:
    the matchers of an article share its automaton (``subset``: its people, for quotes) and
    read its text in turn."""
    global _last_words
    if _last_words[0] is automaton and _last_words[1] is folded and _last_words[2] == lowest:
        return _last_words[3]
    words = []
    size = len(raw)
    for last, form in automaton.iter(folded, lowest):
        begin = last + 1 - len(form)
        if begin < lowest:
            continue
        # Written out: the hot loop (a space, the most common neighbour, is told first).
        if begin > 0:
            char = raw[begin - 1]
            if char != " " and (char.isalnum() or char == "_" or char in HYPHENS):
                continue
        if last + 1 < size:
            char = raw[last + 1]
            if char != " " and (char.isalnum() or char == "_" or char in HYPHENS):
                continue
        words.append((begin, form))
    _last_words = (automaton, folded, lowest, words)
    return words


_last_words: tuple = (None, None, None, None)
_FOLDS = [(char, "'") for char in APOSTROPHES[1:]] + [(char, "-") for char in HYPHENS[1:]]
_last: tuple = (None, None, None)

# A run of spaces that is not one plain space: two or more, or one of another kind. Written
# to begin with a space (``\s{2,}|[^\S ]`` is the same), which the regex engine looks for
# quickly: half the time on an article.
_IRREGULAR_SPACE = re.compile(r"\s(?:\s+|(?<=[^\S ]))")
# An irregular run of spaces that is not a lone line break: in a text without any, each run
# is one "\n" that ``_collapsed`` makes one space, where it was (nothing to map back).
_ODD_SPACE = re.compile(r"\s(?:\s|(?<=[^\S \n]))")


def _collapsed(text: str) -> tuple[tuple[list[int], list[int]], str]:
    """``text`` with each run of spaces made one space; and its runs, to find where a place
    of the result was in ``text`` (``_place``): where each run is in the result, and how many
    characters were dropped up to its end."""
    at: list[int] = []
    dropped: list[int] = []
    gone = 0
    for run in _IRREGULAR_SPACE.finditer(text):
        at.append(run.start() - gone)
        gone += run.end() - run.start() - 1
        dropped.append(gone)
    return (at, dropped), _IRREGULAR_SPACE.sub(" ", text)


def _place(runs: tuple[list[int], list[int]], index: int) -> int:
    """Where the character at ``index`` of a collapsed text was in the text (a run: where it
    began)."""
    at, dropped = runs
    number = bisect.bisect_right(at, index) - 1  # the last run at or before ``index``
    if number < 0:
        return index
    if at[number] == index:  # the run itself
        return index + (dropped[number - 1] if number else 0)
    return index + dropped[number]


def _automaton(forms: tuple[str, ...]):
    """An Aho-Corasick automaton of ``forms`` (folded names), each found as itself; None when
    there is none."""
    if not forms:
        return None
    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, form)
    automaton.make_automaton()
    return automaton


@functools.lru_cache(maxsize=32)
def _compiled(forms: tuple[str, ...]) -> re.Pattern | None:
    """One pattern, whole words, longest form first (so the longest wins at each place).

    A few are kept (an article's analysis asks for its names' pattern more than once); not
    more: a pattern of a few dozen names weighs tens of kilobytes, and thousands of articles
    each have their own."""
    if not forms:
        return None
    return re.compile(_WORD_START + "(?:" + "|".join(map(_core, forms)) + ")" + _WORD_END)
