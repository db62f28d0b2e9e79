"""Shared fixtures: real sites built with real Pelican in temporary folders."""

from __future__ import annotations

import logging
import shutil

import pytest
from sitekit import Site, corpus_dir


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright for the whole session: its sync API runs an event loop in this thread,
    so a second one started while the first is open fails. Browser tests, here and in
    tests/security, launch their Chromium from this one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


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
