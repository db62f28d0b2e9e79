"""The engines with the real model over real articles: the same Markdown, byte for byte, from
one process, a pool of two, and a Dask cluster that loses a worker mid-run."""

import contextlib
import os
import shutil
import signal
from multiprocessing import forkserver
from pathlib import Path

import pytest
from ingest.glue import make_ingest
from ingest.recognition import DaskCluster, InProcess, LocalProcesses
from sitekit import Site, corpus_articles

pytestmark = [pytest.mark.site, pytest.mark.corpus]

# Small batches, so that a run of a dozen articles still spreads over both workers.
BATCH_WORDS = 600


def project(root: Path) -> Site:
    """Twelve corpus articles; four without their sidecar, so that their titles are made from
    their ledes with the model's parse (the other job the workers do)."""
    site = Site(root)
    articles = corpus_articles("fr")[:8] + corpus_articles("en")[:4]
    for number, text in enumerate(articles):
        shutil.copy(text, site.seeds / text.name)
        if number >= 4 and text.with_suffix(".json").exists():
            shutil.copy(text.with_suffix(".json"), site.seeds / f"{text.stem}.json")
    return site


def convert(site: Site, engine, recognised=None, local_ok=False) -> dict[str, bytes]:
    ingest = make_ingest(site.settings())
    outcomes = ingest.run(engine=engine, recognised=recognised)
    assert {outcome.status for outcome in outcomes} == {"converted"}, outcomes
    cache = site.root / ".ingest-cache"
    assert not list(cache.rglob("*.tmp"))
    assert len(list((cache / "headline").glob("*.json"))) >= 1  # titles from parsed ledes
    if not isinstance(engine, InProcess) and not local_ok:  # the workers did all the work
        assert ingest.inference.recognizer()._loaded == {}
    return {path.name: path.read_bytes() for path in site.article_files()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return convert(project(tmp_path_factory.mktemp("one")), InProcess())


def children() -> list[str]:
    """The command lines of this process's child processes (Linux)."""
    found = []
    for task in Path("/proc/self/task").iterdir():
        for pid in (task / "children").read_text().split():
            with contextlib.suppress(OSError):  # gone since
                found.append(Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"))
    return found


def test_two_processes_write_what_one_writes(reference, tmp_path):
    engine = LocalProcesses(2, min_texts=0, batch_words=BATCH_WORDS)
    try:
        assert convert(project(tmp_path), engine) == reference
    finally:
        engine.close()
    assert len(reference) == 12
    # the server the workers were forked from is gone with them (and reaped: its CPU time
    # and the workers' count in this process's resource usage)
    assert not [line for line in children() if "forkserver" in line]


def test_a_dask_cluster_that_loses_a_worker_writes_what_one_process_writes(reference, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        engine = DaskCluster(address=cluster.scheduler_address, batch_words=BATCH_WORDS)
        killed = []

        def kill_a_worker(done, total):
            if done == 1 and not killed:  # the first result is in, the rest still running
                pid = next(iter(cluster.workers.values())).process.process.pid
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        try:
            written = convert(project(tmp_path), engine, recognised=kill_a_worker)
        finally:
            engine.close()
    assert killed, "no worker was killed: the run had a single batch"
    assert written == reference


def test_a_local_pool_that_loses_a_worker_writes_what_one_process_writes(
    reference, tmp_path, caplog
):
    engine = LocalProcesses(2, min_texts=0, batch_words=BATCH_WORDS)
    killed = []

    def kill_a_worker(done, total):
        if done == 1 and not killed:  # the first result is in, the rest still running
            pid = next(iter(engine._pool._processes))
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    try:
        written = convert(project(tmp_path), engine, recognised=kill_a_worker, local_ok=True)
    finally:
        engine.close()
    assert killed, "no worker was killed: the run had a single batch"
    assert written == reference
    assert "a worker process stopped" in caplog.text
    assert not [line for line in children() if "forkserver" in line]


def test_a_cold_run_starts_the_worker_server_while_it_reads_the_files():
    """Enough texts: the server that forks the workers starts at once, in the background, and
    is gone when the engine closes; too few: nothing starts."""
    models = (("xx", "no_such_model"),)
    few = LocalProcesses(2, min_texts=10)
    few.warm_up(models, 19)
    assert few._warming is None
    few.close()
    engine = LocalProcesses(2, min_texts=10)
    try:
        engine.warm_up(models, 20)
        engine._warmed()
        assert engine.warm_up_error is None
        server = forkserver._forkserver._forkserver_pid
        assert server is not None and Path(f"/proc/{server}").exists()
    finally:
        engine.close()
    assert forkserver._forkserver._forkserver_pid is None  # stopped, and reaped
    assert not Path(f"/proc/{server}").exists()
