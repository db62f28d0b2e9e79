"""What an article page shows besides its text: reading time, the credit a source requires."""

from __future__ import annotations

import dataclasses
import math
import re

# Licences whose deed we can link; the key is how sources write them, normalised by ``_norm``.
LICENCE_URLS = {
    "cc by 2.5": "https://creativecommons.org/licenses/by/2.5/",
    "cc by 3.0": "https://creativecommons.org/licenses/by/3.0/",
    "cc by 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc by-sa 3.0": "https://creativecommons.org/licenses/by-sa/3.0/",
    "cc by-sa 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
}


@dataclasses.dataclass(frozen=True)
class Credit:
    source: str | None
    license: str | None
    license_url: str | None
    url: str | None
    attribution: str | None


def _norm(licence: str) -> str:
    return re.sub(r"[\s_]+", " ", licence.lower().replace("creative commons", "cc")).strip()


def licence_url(licence: str | None) -> str | None:
    """The deed of a known licence, however it is spelled.

    >>> licence_url("CC BY 2.5")
    'https://creativecommons.org/licenses/by/2.5/'
    >>> licence_url("https://creativecommons.org/licenses/by/2.5/")
    'https://creativecommons.org/licenses/by/2.5/'
    """
    if not licence:
        return None
    if licence.startswith(("http://", "https://")):
        return web_url(licence)
    return LICENCE_URLS.get(_norm(licence))


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None: a page must never link a
    ``javascript:`` URL, whatever an article file says.

    >>> web_url("https://fr.wikinews.org/wiki/X"), web_url("javascript:alert(1)")
    ('https://fr.wikinews.org/wiki/X', None)
    """
    if url and re.match(r"https?://[^\s/]+", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def credit_for(metadata: dict) -> Credit | None:
    """The credit line a source requires, when the article states a licence or attribution."""
    licence = metadata.get("license") or metadata.get("licence")
    attribution = metadata.get("attribution")
    if not licence and not attribution:
        return None
    return Credit(
        source=metadata.get("source"),
        license=licence,
        license_url=licence_url(licence),
        url=web_url(metadata.get("source_url")),
        attribution=attribution,
    )


def reading_time(text: str, words_per_minute: int = 230) -> int:
    """Minutes to read ``text``, at least one.

    >>> reading_time("mot " * 460)
    2
    """
    return reading_minutes(len(text.split()), words_per_minute)


def reading_minutes(words: int, words_per_minute: int = 230) -> int:
    """Minutes to read ``words`` words, at least one.

    >>> reading_minutes(0), reading_minutes(230), reading_minutes(231)
    (1, 1, 2)
    """
    return max(1, math.ceil(words / words_per_minute))
