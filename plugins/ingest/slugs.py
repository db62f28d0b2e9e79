"""URL slugs for articles: ASCII, lower case, hyphenated, cut at a word boundary.

An editor's slug is taken as given once ``newstext.safety`` accepts it; one it refuses (``../x``)
is an error, and the article waits until it is fixed rather than going out under another URL:
that error would be logged once, and the next, unchanged run would publish it without a word.
A slug made here comes from the title, or from the file name when the title gives none; when
another raw file's article has it, the date and then a counter make it distinct
(``slug_candidates``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from newstext.safety import slug_problem
from unidecode import unidecode

from .model import Found, IngestError

MADE = ("title", "file name")  # how a slug made here was found: such a slug may be changed

_NOT_WORD = re.compile(r"[^a-z0-9]+")
# Words a slug cut short must not end on: "...-cosmodrome-russe-de" says less than
# "...-cosmodrome-russe" (French and English articles, prepositions, conjunctions).
_DANGLING = frozenset(
    """a au aux d de des du en et l la le les ou par pour sur un une
    an and at by for from in of on or the to with""".split()  # noqa: SIM905
)


def slugify(text: str, max_length: int = 80) -> str:
    """A slug made of the words of ``text``, never cut inside a word; when cut short, it does
    not end on a small word such as "de" or "the".

    >>> slugify("Poutine et Kim Jong-un se retrouvent à Vostotchny")
    'poutine-et-kim-jong-un-se-retrouvent-a-vostotchny'
    >>> slugify("L’ONU : « très content »")
    'l-onu-tres-content'
    >>> slugify("Kim Jong-un se sont retrouvés au cosmodrome de Vostotchny", max_length=44)
    'kim-jong-un-se-sont-retrouves-au-cosmodrome'
    """
    words = _NOT_WORD.sub(" ", unidecode(text).lower()).split()
    kept: list[str] = []
    for word in words:
        if len("-".join([*kept, word])) > max_length:
            while len(kept) > 1 and kept[-1] in _DANGLING:
                kept.pop()
            break
        kept.append(word)
    return "-".join(kept) or (words[0][:max_length] if words else "")


def made_slug(title: str, file_stem: str, path: str) -> Found:
    """The slug of an article whose editor gave none: from its title, else its file name.

    >>> made_slug("« … »", "2023-09-13_sommet", "seeds/2023-09-13_sommet.txt")
    Found(value='2023-09-13-sommet', how='file name', line=None)
    """
    for text, how in ((title, "title"), (file_stem, "file name")):
        slug = slugify(text)
        if slug_problem(slug) is None:
            return Found(slug, how)
    raise IngestError(
        path,
        f"cannot make a URL slug from the title {title!r} nor the file name: "
        "give one in a sidecar (slug: ...)",
    )


def slug_candidates(slug: str, day: str) -> Iterator[str]:
    """The slug, then with the article's day, then with a counter: for a slug already taken.

    >>> list(itertools.islice(slug_candidates("sommet", "2023-09-13"), 4))
    ['sommet', 'sommet-2023-09-13', 'sommet-2023-09-13-2', 'sommet-2023-09-13-3']
    """
    yield slug
    yield f"{slug}-{day}"
    for number in itertools.count(2):
        yield f"{slug}-{day}-{number}"
