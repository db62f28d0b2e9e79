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


SAVED_BY_A_TOOL = [
    lambda t: "\ufeff" + t,  # a byte-order mark
    lambda t: t.replace("\n", "\r\n"),  # Windows line endings
    lambda t: t.replace("\n", "\r"),  # old Mac line endings
    lambda t: t.replace("\n", "  \n"),  # trailing spaces
    lambda t: t + "\n\n",  # blank lines at the end
    lambda t: "\ufeff" + t.replace("\n", " \t\r\n"),  # all at once
]


@pytest.mark.parametrize("save", SAVED_BY_A_TOOL)
def test_a_tool_that_only_resaves_the_file_is_not_an_edit(save):
    assert not article_file.edited_by_hand(save(article_file.render(make_article())))


@pytest.mark.parametrize("save", SAVED_BY_A_TOOL)
def test_an_edit_resaved_by_a_tool_is_still_an_edit(save):
    edited = article_file.render(make_article()).replace("Second.", "Second, corrigé.")
    assert article_file.edited_by_hand(save(edited))


def test_the_header_is_read_after_a_byte_order_mark():
    header = article_file.read_header("\ufeff" + article_file.render(make_article()))
    assert header["raw"] == "seeds/a.txt"


def test_a_checksum_written_before_normalising_stays_valid():
    # Before, the checksum was taken over the exact text: a body line with trailing spaces
    # (a Markdown line break) gave another checksum than the normalised text.
    text = article_file.render(make_article(body_markdown="Premier  \nparagraphe."))
    recorded = article_file.read_header(text)["ingest_checksum"]
    unsigned = text.replace(f"Ingest_checksum: {recorded}\n", "")
    old = text.replace(recorded, article_file.checksum(unsigned))
    assert old != text
    assert not article_file.edited_by_hand(old)
    assert article_file.edited_by_hand(old.replace("Premier", "Un"))


@pytest.mark.parametrize(
    "changes",
    [
        {"people": ("Vladimir\nPoutine", "Kim\u2028Jong-un")},
        {"places": ("Russie\r\nTitle: injected",)},
        {"source": Found("RFI\x1b[31m\nSlug: x", "last line")},
        {"extra": (("note", "vérifié\nStatus: draft"),)},
        {"title": Found("Un titre\x85Save_as: ../x.html", "lede")},
    ],
)
def test_every_value_is_written_on_one_line(changes):
    text = article_file.render(make_article(**changes))
    header = text.split("\n\n", 1)[0].split("\n")
    assert [line.split(":", 1)[0] for line in header] == [
        "Title", "Date", "Date_precision", "Slug", "Lang", "Source", "Summary", "People",
        "Places", *(["Note"] if "extra" in changes else []), "Found", "Raw", "Raw_sha256",
        "Ingest_fingerprint", "Ingest_checksum",
    ]  # fmt: skip
    assert not any(c in text.split("\n\n", 1)[0] for c in "\r\x1b\x85\u2028")


@pytest.mark.parametrize(
    "changes",
    [
        {"raw": RawText("seeds/a\nTitle: x.txt", "text", "text", "utf-8", "ab" * 32)},
        {"extra": (("a\nb", "x"),)},
        {"extra": (("_content", "x"),)},
    ],
)
def test_a_key_or_raw_path_that_would_break_a_line_is_refused(changes):
    with pytest.raises(ValueError, match="is not one line"):
        article_file.render(make_article(**changes))
