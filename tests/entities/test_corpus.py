"""The recognizer over 20 real corpus articles (both languages): sanity properties."""

from __future__ import annotations

import pytest
from entities.extraction import TITLES, is_head_name

pytestmark = pytest.mark.corpus


def corpus_articles(corpus, lang: str, count: int):
    paths = sorted((corpus / lang).glob("*.txt"))
    step = max(1, len(paths) // count)
    return paths[::step][:count]


@pytest.mark.parametrize(("lang", "count"), [("fr", 12), ("en", 8)])
def test_recognizer_sanity_on_corpus_articles(recognizer, builtin_book, corpus, lang, count):
    found_any = 0
    for path in corpus_articles(corpus, lang, count):
        text = path.read_text(encoding="utf-8").rstrip()
        text = text.rsplit("\n", 1)[0] if text.endswith("Wikinews") else text
        found = recognizer.recognise(text, lang, builtin_book)
        names = found.names()
        found_any += bool(names)
        where = path.name
        assert len(names) == len(set(names)), where  # one kind per name
        for name in names:
            opening = name[0].isupper() or name[0].isdigit() or "-" in name[:4]
            assert opening or is_head_name(name, lang), (where, name)
            assert name.split(" ")[0] not in TITLES, (where, name)
            assert name not in {"Wikinews", "NDLR", "État", "Digg", "Reddit"}, (where, name)
        surnames = {p.split(" ")[-1] for p in found.people if " " in p}
        assert not surnames & set(names), (where, surnames & set(names))
    assert found_any == count
