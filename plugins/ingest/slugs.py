"""URL slugs for articles: ASCII, lower case, hyphenated, cut at a word boundary."""

from __future__ import annotations

import re

from unidecode import unidecode

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 80) -> str:
    """A slug made of the words of ``text``, never cut inside a word.

    >>> slugify("Poutine et Kim Jong-un se retrouvent à Vostotchny")
    'poutine-et-kim-jong-un-se-retrouvent-a-vostotchny'
    >>> slugify("L’ONU : « très content »")
    'l-onu-tres-content'
    """
    words = _NOT_WORD.sub(" ", unidecode(text).lower()).split()
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "")
