"""The real entity model on a paragraph longer than it accepts: read in pieces, never E088."""

import pytest
from entities.extraction import EntityRecognizer

SENTENCE = "Le président russe Vladimir Poutine a rencontré Kim Jong-un à Vostotchny. "


@pytest.fixture(scope="module")
def recognizer():
    return EntityRecognizer({"fr": "fr_core_news_md"})


def test_a_paragraph_over_max_length_is_read_in_pieces(recognizer):
    nlp = recognizer._nlp("fr")
    saved = nlp.max_length
    text = SENTENCE * 40  # 3,000 characters, one paragraph
    try:
        nlp.max_length = 1_000  # as a 2 MB paragraph meets the real 1,000,000
        spans = recognizer.spans(text, "fr")
    finally:
        nlp.max_length = saved
    assert spans == recognizer.spans(SENTENCE, "fr") * 40
