"""Which language an article is written in, so that the right entity model reads it, or none.

Detection is honest: every language py3langid knows competes, so an Arabic, Chinese or Russian
article comes out as ``ar``, ``zh`` or ``ru`` (and gets no entities: see
``convert.Inference.entities``), never as the nearest language that has a model.
"""

from __future__ import annotations

import dataclasses
import logging
from functools import lru_cache

from newstext.safety import language_code, printable

from .model import Found

logger = logging.getLogger(__name__)

# Below this probability the winner among all languages is a guess: short or name-heavy texts
# ("Valeska Paris", "Group G — Belgium 3 – 0 Panama") come out as Latin, Luxembourgish or
# Uzbek with p < 0.2, whole articles of the corpus with p > 0.999. A guess falls back to the
# most likely language that has a model, as before.
SURE = 0.5


@lru_cache(maxsize=8)
def _identifier(languages: tuple[str, ...] | None):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if languages is not None:
        identifier.set_languages(list(languages))
    return identifier


def detect_language(paragraphs: list[str], languages: tuple[str, ...]) -> Found:
    """The language of the text among all those py3langid knows, with its probability in
    ``how``; when the winner is unsure (p below ``SURE``) or is no language code, the most
    likely of ``languages`` (those with an entity model) instead. The whole text is used:
    langid is reliable on a paragraph or more.

    >>> detect_language(["Le président russe a rencontré son homologue."], ("fr", "en")).value
    'fr'
    >>> detect_language(["Путин встретился с Ким Чен Ыном на космодроме Восточный."], ("fr",))
    Found(value='ru', how='detected by py3langid, p=0.93', line=None)
    """
    text = "\n".join(paragraphs)
    lang, probability = _identifier(None).classify(text)
    code = language_code(lang)
    if code is not None and (probability >= SURE or code in languages):
        return Found(code, f"detected by py3langid, p={probability:.2f}")
    lang, probability = _identifier(tuple(sorted(languages))).classify(text)
    among = ", ".join(sorted(languages))
    return Found(lang, f"detected by py3langid among {among} (unsure), p={probability:.2f}")


def given_language(found: Found | None, path: str) -> Found | None:
    """The language an editor or a page states, as a code (``fr-FR`` -> ``fr``); a value that
    is no language code is logged as an error naming the file and line, and None is returned
    so that the language is detected instead.
    """
    if found is None:
        return None
    code = language_code(found.value)
    if code is None:
        where = f"{path}:{found.line}" if found.line else path
        logger.error(
            "%s: language %r (%s) is not a language code such as fr, en or ar; "
            "the language is detected from the text instead",
            where,
            printable(str(found.value)),
            found.how,
        )
        return None
    return dataclasses.replace(found, value=code)
