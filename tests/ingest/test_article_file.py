import datetime as dt
import zoneinfo

import pytest
from ingest import article_file
from ingest.model import Article, DateValue, Found, RawText

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def make_article(**changes) -> Article:
    raw = RawText("seeds/a.txt", "text", "text", "utf-8", "ab" * 32)
    fields = dict(
        raw=raw,
        title=Found("Poutine et Kim à Vostotchny", "lede"),
        date=Found(DateValue(dt.datetime(2023, 9, 13, tzinfo=PARIS), "day"), "editor (sidecar)"),
        slug=Found("poutine-et-kim-a-vostotchny", "title"),
        lang=Found("fr", "detected by py3langid, p=1.00"),
        summary=Found("Le président russe\nVladimir Poutine…", "lede"),
        body_markdown="Premier paragraphe.\n\nSecond.",
        source=Found("RFI", "last line", line=11),
        people=("Vladimir Poutine", "Kim Jong-un"),
        places=("Russie",),
        entities_by="fr_core_news_md 3.8.0",
        fingerprint="f" * 32,
    )
    fields.update(changes)
    return Article(**fields)


def test_render_writes_metadata_in_a_fixed_order_on_one_line_each():
    text = article_file.render(make_article())
    header = article_file.read_header(text)
    assert list(header) == [
        "title", "date", "date_precision", "slug", "lang", "source", "summary", "people",
        "places", "found", "raw", "raw_sha256", "ingest_fingerprint", "ingest_checksum",
    ]  # fmt: skip
    assert header["date"] == "2023-09-13"
    assert header["summary"] == "Le président russe Vladimir Poutine…"
    assert header["people"] == "Vladimir Poutine; Kim Jong-un"
    assert header["found"] == (
        "title from lede; date from editor (sidecar); lang detected by py3langid, p=1.00; "
        "source from last line (line 11); summary from lede; entities by fr_core_news_md 3.8.0"
    )
    assert text.endswith("\n\nPremier paragraphe.\n\nSecond.\n")


def test_render_is_deterministic():
    assert article_file.render(make_article()) == article_file.render(make_article())


def test_a_generated_file_is_not_edited():
    assert not article_file.edited_by_hand(article_file.render(make_article()))


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("Title: Poutine", "Title: M. Poutine"),
        lambda t: t.replace("Second.", "Second, corrigé."),
        lambda t: t + "Un ajout.\n",
    ],
)
def test_any_edit_is_detected(edit):
    assert article_file.edited_by_hand(edit(article_file.render(make_article())))


def test_a_file_without_checksum_belongs_to_the_editor():
    assert article_file.edited_by_hand("Title: Mine\n\nWritten by hand.\n")


def test_read_header_stops_at_the_first_blank_line():
    assert article_file.read_header("Title: A\nLang: fr\n\nSource: not metadata\n") == {
        "title": "A",
        "lang": "fr",
    }
