"""Which language an article is written in, so that the right entity model reads it."""

from __future__ import annotations

from functools import lru_cache

from .model import Found


@lru_cache(maxsize=8)
def _identifier(languages: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def detect_language(paragraphs: list[str], languages: tuple[str, ...]) -> Found:
    """The most likely of ``languages`` for the text, with its probability in ``how``.

    Only the configured languages compete (a French article full of Russian names must not come
    out as Russian), and the whole text is used: langid is reliable on a paragraph or more.

    >>> detect_language(["Le président russe a rencontré son homologue."], ("fr", "en")).value
    'fr'
    """
    text = "\n".join(paragraphs)
    lang, probability = _identifier(tuple(sorted(languages))).classify(text)
    return Found(lang, f"detected by py3langid, p={probability:.2f}")
