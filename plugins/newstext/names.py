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

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

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


@dataclasses.dataclass(frozen=True)
class Found:
    """A name found in a text: ``text[start:end]`` is ``surface``, a name of ``key``."""

    start: int
    end: int
    surface: str
    key: str


class NameMatcher:
    """Finds the names of several entities in texts (``names`` maps a key to its names).

    One compiled pattern for all the names; build a matcher once per article (or per site) and
    ask it as often as needed.

    >>> matcher = NameMatcher({"Vladimir Poutine": ["Vladimir Poutine", "Poutine"]})
    >>> [(f.surface, f.key) for f in matcher.finditer("Vladimir Poutine, puis Poutine.")]
    [('Vladimir Poutine', 'Vladimir Poutine'), ('Poutine', 'Vladimir Poutine')]
    """

    def __init__(self, names: Mapping[str, Iterable[str]]):
        owners: dict[str, set[str]] = {}
        for key, forms in names.items():
            for form in forms:
                if form and form.strip():
                    owners.setdefault(fold(form), set()).add(key)
        self.owner = {form: keys.pop() for form, keys in owners.items() if len(keys) == 1}
        self.keys = frozenset(self.owner.values())
        self.pattern = _compiled(tuple(sorted(self.owner, key=lambda n: (-len(n), n))))

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Found]:
        """Every name in ``text[start:end]``, in text order, offsets into ``text``."""
        if self.pattern is None:
            return
        end = len(text) if end is None else end
        for match in self.pattern.finditer(text, start, end):
            yield Found(match.start(), match.end(), match.group(), self.owner[fold(match.group())])

    def keys_in(self, text: str, start: int = 0, end: int | None = None) -> set[str]:
        """The keys named in ``text[start:end]``."""
        return {found.key for found in self.finditer(text, start, end)}

    def counts(self, text: str) -> Counter[str]:
        """How many times each key is named in ``text``."""
        return Counter(found.key for found in self.finditer(text))


@functools.lru_cache(maxsize=32)
def _compiled(forms: tuple[str, ...]) -> re.Pattern | None:
    """One pattern, whole words, longest form first (so the longest wins at each place).

    A few are kept (an article's analysis asks for its names' pattern more than once); not
    more: a pattern of a few dozen names weighs tens of kilobytes, and thousands of articles
    each have their own."""
    if not forms:
        return None
    return re.compile(_WORD_START + "(?:" + "|".join(map(_core, forms)) + ")" + _WORD_END)
