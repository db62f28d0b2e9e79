"""Conversion with the real models is deterministic: converting the seed again from nothing (no
article, no cache of the model's output) gives the same bytes."""

import shutil

import pytest
from ingest.glue import make_ingest
from sitekit import ROOT, Site

pytestmark = pytest.mark.site


def test_converting_from_scratch_twice_gives_the_same_bytes(tmp_path):
    site = Site(tmp_path / "project")
    for name in ("000_c3b89795a0f00579.txt", "000_c3b89795a0f00579.yml"):
        shutil.copy(ROOT / "seeds" / name, site.seeds / name)
    shutil.copy(ROOT / "content" / "entities.yml", site.content / "entities.yml")
    settings = site.settings()

    def convert() -> bytes:
        shutil.rmtree(site.root / ".ingest-cache", ignore_errors=True)
        for path in site.article_files():
            path.unlink()
        outcomes = make_ingest(settings).run()
        assert [o.status for o in outcomes] == ["converted"]
        [article] = site.article_files()
        return article.read_bytes()

    first = convert()
    assert convert() == first
    # and it is the very file committed in the project
    committed = ROOT / "content" / "articles" / site.article_files()[0].name
    assert committed.read_bytes() == first
