"""How Pagefind is started: its binary directly when a wheel ships it, ``python -m pagefind``
otherwise; the options (and so the index key) do not depend on which."""

from __future__ import annotations

import importlib
import subprocess
import sys

from offline_search import glue


def test_the_binary_of_the_installed_wheel_is_started_directly():
    command = glue.pagefind_command("site", "fr", "bundle")
    binary = importlib.import_module("pagefind_bin").get_executable().absolute()
    assert command[0] == str(binary)
    assert command[1:] == glue.pagefind_options("site", "fr", "bundle")
    version = subprocess.run([command[0], "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and "1.5.2" in version.stdout


def test_a_binary_named_in_the_environment_comes_first(monkeypatch, tmp_path):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "pagefind"))
    assert glue.pagefind_runner() == [str(tmp_path / "pagefind")]


def test_without_a_wheel_python_runs_the_pagefind_package(monkeypatch):
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)

    def missing(name):
        raise ImportError(name)

    monkeypatch.setattr(glue.importlib, "import_module", missing)
    assert glue.pagefind_runner() == [sys.executable, "-m", "pagefind"]


def test_the_index_key_holds_the_options_not_the_program_that_runs_them(monkeypatch):
    key = glue.index_key("en")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/elsewhere/pagefind")
    assert glue.index_key("en") == key
    assert key.endswith(" ".join(glue.pagefind_options("", "en", "")))
    assert "--force-language en" in key
