"""What a content file may not set about itself: paths, URLs, templates, statuses, internals."""

import pytest
from article_page.metadata_guard import refusal_message, refused_metadata


@pytest.mark.parametrize(
    ("key", "value", "why"),
    [
        ("save_as", "../output-evil/x.html", "it would choose where the page is written"),
        ("url", "javascript:alert(1)", "it would choose the page's address"),
        ("lang_save_as", "/etc/x", "it would choose where the page is written"),
        ("lang_url", "x", "it would choose the page's address"),
        ("template", "entity", "it would choose the template that renders the page"),
        ("status", "secret", "'secret' is not one of published, draft, hidden"),
        ("status", "skip", "'skip' is not one of published, draft, hidden"),
        ("settings", "x", "it names one of Pelican's own attributes"),
        ("_content", "<script>", "it names one of Pelican's own attributes"),
        ("override_save_as", "x", "it names one of Pelican's own attributes"),
    ],
)
def test_a_key_naming_a_path_template_status_or_internal_is_refused(key, value, why):
    assert refused_metadata({"title": "T", key: value}) == [(key, why)]


@pytest.mark.parametrize("status", ["published", "draft", "hidden"])
def test_the_statuses_we_support_pass(status):
    assert refused_metadata({"status": status}) == []


def test_what_ingest_writes_passes():
    metadata = {
        "title": "T", "date": "2023-09-13", "date_precision": "day", "slug": "t", "lang": "fr",
        "source": "RFI", "source_url": "https://rfi.fr/x", "authors": "A", "summary": "S",
        "license": "CC BY 2.5", "attribution": "W", "people": "P", "places": "", "found": "f",
        "raw": "seeds/x.txt", "raw_sha256": "0", "ingest_fingerprint": "0",
        "ingest_checksum": "0", "organisations": "",
    }  # fmt: skip
    assert refused_metadata(metadata) == []


def test_the_message_names_the_file_the_key_and_what_to_do():
    assert refusal_message("content/articles/a.md", "template", "it would choose the template") == (
        "content/articles/a.md: 'Template:' is not allowed in a content file (it would choose "
        "the template); it is ignored: remove the line"
    )
