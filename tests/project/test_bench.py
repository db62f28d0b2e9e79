"""``invoke bench --quick`` runs: three tools build one small digest (no timing asserted)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.site
@pytest.mark.corpus
def test_the_quick_benchmark_builds_the_digest_with_each_tool(tmp_path):
    out = tmp_path / "results.json"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    cold = json.loads(out.read_text(encoding="utf-8"))["sizes"]["30"]["cold"]
    assert set(cold) == {"pelican", "ours_no_search", "ours", "hugo"}
    for tool, figures in cold.items():
        assert figures["files_in_site"] > 30, tool  # a page per article at least
        assert figures["files_written"] == figures["files_in_site"], tool  # a cold build
        assert figures["cpu_s"] > 0 and figures["peak_rss_mib"] > 0, tool
        assert figures["wall_vs_stock_pelican"] > 0, tool
    # Ours has a page per entity besides the articles: more files than stock Pelican.
    assert cold["ours"]["files_in_site"] > cold["pelican"]["files_in_site"]
    # With the search index off, the same site without Pagefind's files.
    assert 0 < cold["ours_no_search"]["files_in_site"] < cold["ours"]["files_in_site"]
