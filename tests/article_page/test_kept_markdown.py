"""One Markdown per reader, reset between files: each file reads as with a Markdown made for
it (Pelican's own reader), whatever the files before it held."""

from __future__ import annotations

import itertools

import pytest
from article_page.glue import _kept_markdown
from pelican.readers import MarkdownReader
from pelican.settings import read_settings
from sitekit import ROOT

FILES = {
    "footnotes.md": "Title: Notes\nSummary: Un *résumé* [^1]\n\nTexte[^1] et[^2].\n\n"
    "[^1]: Première.\n[^2]: Seconde.\n",
    "abbr.md": "Title: Sigles\nTags: a, b\n\nL'ONU et l'OTAN.\n\n*[ONU]: Organisation des "
    "Nations unies\n*[OTAN]: Organisation du traité de l'Atlantique nord\n",
    "plain.md": "Pas de métadonnées.\n\nL'ONU, encore[^1].\n",
    "table.md": "Title: Table\nDate: 2023-09-13\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    "```python\nprint('x')\n```\n\n<div markdown=\"1\">*dans* un bloc</div>\n",
    "refs.md": "Title: Liens\n\n[un lien][ref] et [ref2].\n\n[ref]: https://example.org\n"
    "[ref2]: https://example.com 'Titre'\n",
    "summary.md": "Title: Résumé\nSummary: Title: pas une métadonnée\n\nCorps.\n",
    "prose.md": "Title: Prose\nSummary: AT&T \\[sic\\] > 3\n\nUn paragraphe, « cité ».\n\n"
    "S&P 500 &amp; \\*rien\\* [note].\n",
}


@pytest.fixture
def files(tmp_path):
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_each_file_reads_as_with_its_own_markdown(files):
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    kept = _kept_markdown(MarkdownReader)(settings)
    names = sorted(FILES)
    # every order of three files, and each file after every other one
    orders = [*itertools.permutations(names, 3), *itertools.product(names, repeat=2)]
    for order in orders:
        for name in order:
            fresh = MarkdownReader(settings).read(str(files / name))
            assert kept.read(str(files / name)) == fresh, (order, name)
    assert kept._kept_md is not None  # one Markdown served them all


def test_the_meta_preprocessor_is_put_back_where_it_was(files):
    """Pelican takes ``meta`` out to read a summary; the next file is read with it, in the
    order a new Markdown has."""
    from markdown import Markdown

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    kept = _kept_markdown(MarkdownReader)(settings)
    expected = [p.name for p in Markdown(**settings["MARKDOWN"]).preprocessors._priority]
    assert "meta" in expected
    seen = []
    kept.read(str(files / "summary.md"))  # makes the reader's Markdown
    md = kept._kept_md
    real_convert = md.convert
    md.convert = lambda text: (
        seen.append((text, [p.name for p in md.preprocessors._priority])) or real_convert(text)
    )
    for name in ("summary.md", "abbr.md", "summary.md", "plain.md"):
        kept.read(str(files / name))
    documents = [names for text, names in seen if text in FILES.values()]
    assert documents and all(names == expected for names in documents)
