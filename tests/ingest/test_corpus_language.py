"""The detected language of every corpus article is the one its page states."""

import json

import pytest
from ingest.language import detect_language
from ingest.plaintext import parse_plain_text
from ingest.rawfile import read_raw
from sitekit import corpus_articles

pytestmark = pytest.mark.corpus


def test_detected_language_matches_the_corpus_for_every_article():
    articles = corpus_articles()
    assert len(articles) == 175
    wrong = []
    for path in articles:
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["language"]
        parsed = parse_plain_text(read_raw(path, path.name))
        found = detect_language(parsed.paragraphs, ("en", "fr"))
        if found.value != expected:
            wrong.append((path.name, expected, found.value))
    assert wrong == []
