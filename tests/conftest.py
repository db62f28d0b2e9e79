"""Shared fixtures: real sites built with real Pelican in temporary folders."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import shutil

import pytest
from sitekit import Site, corpus_dir

pytest_plugins = ["security.tally"]  # the security counts, summed up in the main process

# With pytest-xdist (``invoke test`` runs ``-n auto --dist loadgroup``), the tests of one group
# run in one worker, which builds their module and session fixtures once: a test file is a
# group, and so is each of these folders, whose files share costly session fixtures (the
# hostile sites; Chromium and the served seed site).
SHARED_FIXTURE_FOLDERS = ("tests/security", "tests/browser")


def test_group(nodeid: str) -> str:
    path = nodeid.split("::", 1)[0]
    return next((f for f in SHARED_FIXTURE_FOLDERS if path.startswith(f + "/")), path)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` with the groups above, in the order the workers collected them.
    (pytest-xdist 3.8 marks its own groups by rewriting node ids, which pytest 9.2 no longer
    allows: pytest-xdist issue #1386; its ``xdist_group`` marks are not used here.)"""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return test_group(nodeid)

    config.option.loadscopereorder = False  # keep the order of pytest_collection_modifyitems
    return ByGroup(config, log)


def pytest_collection_modifyitems(config, items) -> None:
    """In a pytest-xdist worker: the groups that build whole sites first, so that the quick
    unit tests fill in at the end while the last site builds in the other worker. Within a
    group the order is the file's."""
    if not hasattr(config, "workerinput"):
        return
    whole_site = {
        test_group(item.nodeid)
        for item in items
        if item.get_closest_marker("site") or item.get_closest_marker("browser")
    }
    items.sort(key=lambda item: test_group(item.nodeid) not in whole_site)


@pytest.fixture(scope="session", autouse=True)
def models_load_once():
    """Each spaCy model loads once per test process (a few seconds each), not once per site
    built: a recognizer made for a new build is handed the pipeline an earlier one loaded for
    the same package, set up the same way (``EntityRecognizer._nlp``). The first load in a
    process still goes through ``_nlp``, and an unknown language or package still fails there."""
    from entities.extraction import EntityRecognizer

    load = EntityRecognizer._nlp
    loaded: dict[str, object] = {}

    def shared(recognizer, lang: str):
        package = recognizer.models.get(lang)
        if package in loaded and lang not in recognizer._loaded:
            recognizer._loaded[lang] = loaded[package]
        nlp = load(recognizer, lang)
        loaded.setdefault(package, nlp)
        return nlp

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(EntityRecognizer, "_nlp", shared)
        yield


@pytest.fixture(autouse=True)
def pelican_logs_each_message_again():
    """Pelican logs a message once per process (``pelican.log.LimitFilter``): a test that
    checks what a build logged sees it whatever the tests before it logged."""
    from pelican.log import LimitFilter

    LimitFilter._raised_messages.clear()


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright for the whole session: its sync API runs an event loop in this thread,
    so a second one started while the first is open fails. Browser tests, here and in
    tests/security, launch their Chromium from this one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def installing(tmp_path_factory):
    """One installer at a time: pytest-xdist workers share apt-get and tests/browser/node_modules.
    The lock is in the session's temporary folder (a worker's folder is inside it)."""
    lock = tmp_path_factory.getbasetemp().parent / "browser-tools.lock"

    @contextlib.contextmanager
    def held():
        with lock.open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes
            yield

    return held


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path / "project")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Site:
    """The example seed, alias file and digest, built once for the session."""
    built = Site(tmp_path_factory.mktemp("seed-site"))
    built.add_example(digest=True)
    built.defaults = {"SEARCH_INDEX": True}  # the browser tests search it, whoever rebuilds it
    built.build()
    return built


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> Site:
    """The seed plus all 175 corpus articles (with their JSON sidecars), built once."""
    built = Site(tmp_path_factory.mktemp("corpus-site"))
    built.add_example()
    for lang in ("en", "fr"):
        target = built.seeds / "wikinews" / lang
        target.mkdir(parents=True)
        for path in (corpus_dir() / lang).iterdir():
            shutil.copy(path, target / path.name)
    logging.getLogger("pelican").setLevel(logging.WARNING)
    built.build()
    return built
