"""HTML is made safe as it is read: Pelican's reader cache keeps it safe, so an unchanged file is
not sanitised again by the next build; what is not known safe is sanitised at once."""

import pytest
from article_page import sanitise
from sitekit import Site

pytestmark = pytest.mark.site

HOSTILE = """Title: Un sommet
Slug: sommet
Date: 2023-09-13
Lang: fr
Summary: Un résumé <img src=x onerror="alert(1)">

Le sommet <script>alert(2)</script> a eu lieu. <a href="javascript:alert(3)">Lien</a>.
"""


def test_a_file_is_sanitised_when_read_and_not_again_from_the_cache(tmp_path, monkeypatch):
    site = Site(tmp_path / "project")
    (site.content / "articles").mkdir(parents=True, exist_ok=True)
    (site.content / "articles" / "sommet.md").write_text(HOSTILE, encoding="utf-8")
    calls = []
    real = sanitise.safe_html

    def counted(html):
        calls.append(html)
        return real(html)

    monkeypatch.setattr(sanitise, "safe_html", counted)
    site.build(SEARCH_INDEX=False)
    first = len(calls)
    assert first >= 2  # the text and the summary, as read
    page = (site.output / "articles" / "sommet.html").read_text(encoding="utf-8")
    for attack in ("alert(", "onerror", "javascript:"):
        assert attack not in page
    calls.clear()
    site.build(SEARCH_INDEX=False)
    assert calls == []  # read from Pelican's cache: already safe
    assert (site.output / "articles" / "sommet.html").read_text(encoding="utf-8") == page
