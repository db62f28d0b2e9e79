"""The analysis cache: one SQLite file, read back by content, robust to damage."""

from __future__ import annotations

import datetime as dt
import sqlite3

from site_model import cache as cache_module
from site_model.analysis import ArticleInput
from site_model.cache import FILE_NAME, AnalysisCache, analysis_key


def article(body: str = "<p>Vladimir Poutine a rencontré Kim Jong-un hier.</p>") -> ArticleInput:
    names = {"person": ("Vladimir Poutine", "Kim Jong-un"), "place": (), "organisation": ()}
    forms = {"Vladimir Poutine": ("Vladimir Poutine", "Poutine"), "Kim Jong-un": ("Kim Jong-un",)}
    return ArticleInput(body, "fr", dt.date(2023, 9, 13), names, forms)


def test_an_analysis_is_made_once_then_read_back(tmp_path):
    first = AnalysisCache(tmp_path)
    made = first.analysis(article())
    first.save()
    assert (first.hits, first.misses) == (0, 1)
    second = AnalysisCache(tmp_path)
    read = second.analysis(article(), analysis_key(article()))
    second.save()
    assert (second.hits, second.misses) == (1, 0)
    assert read == made
    assert [m.name for m in read.mentions] == ["Vladimir Poutine", "Kim Jong-un"]
    assert [e.expression for e in read.events] == ["hier"]


def test_another_text_is_another_entry(tmp_path):
    first = AnalysisCache(tmp_path)
    first.analysis(article())
    first.save()
    second = AnalysisCache(tmp_path)
    second.analysis(article("<p>Kim Jong-un est parti.</p>"))
    second.save()
    assert (second.hits, second.misses) == (0, 1)
    rows = sqlite3.connect(tmp_path / FILE_NAME).execute("SELECT count(*) FROM analyses")
    assert rows.fetchone() == (2,)


def test_a_damaged_file_is_made_again_with_a_warning(tmp_path, caplog):
    (tmp_path / FILE_NAME).write_bytes(b"not a database at all" * 100)
    cache = AnalysisCache(tmp_path)
    cache.analysis(article())
    cache.save()
    assert "is damaged" in caplog.text
    again = AnalysisCache(tmp_path)
    again.analysis(article())
    assert (again.hits, again.misses) == (1, 0)


def test_a_damaged_entry_is_analysed_again(tmp_path):
    cache = AnalysisCache(tmp_path)
    made = cache.analysis(article())
    key = analysis_key(article())
    cache.save()
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        db.execute("UPDATE analyses SET data = '{\"text\": 1}' WHERE key = ?", (key,))
    again = AnalysisCache(tmp_path)
    assert again.analysis(article()) == made
    assert (again.hits, again.misses) == (0, 1)


def test_an_unusable_folder_costs_time_not_the_build(tmp_path, caplog):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    cache = AnalysisCache(blocker)
    made = cache.analysis(article())
    cache.save()
    assert made.mentions and cache.misses == 1
    assert "cannot use the analysis cache" in caplog.text


def test_long_unused_entries_are_dropped(tmp_path, monkeypatch):
    cache = AnalysisCache(tmp_path)
    old = article("<p>Un vieux texte de Kim Jong-un.</p>")
    cache.analysis(old)
    old_key = analysis_key(old)
    cache.save()
    later = cache_module.time.time() + (cache_module.KEEP_UNUSED_DAYS + 1) * 86400
    monkeypatch.setattr(cache_module.time, "time", lambda: later)
    cache = AnalysisCache(tmp_path)
    cache.analysis(article())
    key = analysis_key(article())
    cache.save()
    keys = [
        row[0] for row in sqlite3.connect(tmp_path / FILE_NAME).execute("SELECT key FROM analyses")
    ]
    assert keys == [key] and old_key != key


def test_no_folder_no_cache():
    cache = AnalysisCache(None)
    cache.analysis(article())
    cache.analysis(article())
    cache.save()
    assert (cache.hits, cache.misses) == (0, 2)
