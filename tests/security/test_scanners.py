"""The scanners of the security suite find what they look for, and nothing on a clean site: each
payload form, put into a page unescaped, is a finding; escaped, it is none; the seed site as
built gives none at all."""

from __future__ import annotations

import doctest
import html
import json

import payloads
import pytest
import scan
from bs4 import BeautifulSoup
from payloads import BY_NAME, FORMS, Planter, evaluated_templates, render
from scan import scan_html_text, scan_json, scan_markup, scan_site

PAGE = (
    '<!doctype html><html lang="fr"><head><title>{title}</title>'
    '<script src="../theme/js/site.js" defer></script></head>'
    '<body><h1>{text}</h1><a href="{url}" title="{attr}">lien</a></body></html>'
)
# Forms that are markup wherever they land; attribute breakouts only matter inside attributes.
MARKUP_FORMS = [
    f.name
    for f in FORMS
    if f.kind in ("markup", "text") and f.name not in ("amp", "attr-dq", "attr-sq", "newline")
]


def findings(page: str) -> list[str]:
    return scan_markup(BeautifulSoup(page, "html.parser"), "page") + scan_html_text(page, "page")


def clean(**values) -> dict:
    return {"title": "t", "text": "x", "url": "https://example.org/", "attr": "a"} | values


@pytest.mark.parametrize("form", MARKUP_FORMS)
def test_a_form_in_the_text_unescaped_is_found(form):
    value = render(BY_NAME[form], 7)
    assert findings(PAGE.format(**clean(text=value)))


@pytest.mark.parametrize("form", ["attr-dq", "attr-sq", "attr-close"])
def test_an_attribute_breakout_unescaped_is_found(form):
    value = render(BY_NAME[form], 7)
    quote = '"' if form == "attr-dq" else "'"
    page = PAGE.format(**clean()).replace('title="a"', f"title={quote}{value}{quote}")
    assert findings(page)


def test_a_title_breakout_unescaped_is_found():
    assert findings(PAGE.format(**clean(title=render(BY_NAME["title-close"], 7))))


@pytest.mark.parametrize("form", [f.name for f in FORMS if f.kind == "url"])
def test_a_script_url_is_found(form):
    assert findings(PAGE.format(**clean(url=render(BY_NAME[form], 7))))


@pytest.mark.parametrize("form", [f.name for f in FORMS])
def test_every_form_escaped_is_no_finding(form):
    value = render(BY_NAME[form], 7).replace("\x00", "")
    escaped = html.escape(value, quote=True)
    page = PAGE.format(title=escaped, text=escaped, url="https://example.org/", attr=escaped)
    assert findings(page) == []


@pytest.mark.parametrize(
    ("form", "evaluated"),
    [("jinja-expr", "SEC-7:49"), ("jinja-stmt", "SEC-7-LOOPSEC-7-LOOP"),
     ("jinja-concat", "SEC-7-EVAL")],
)  # fmt: skip
def test_an_evaluated_template_is_found_and_its_literal_is_not(form, evaluated):
    assert evaluated_templates(render(BY_NAME[form], 7)) == []
    assert evaluated_templates(f"<p>{evaluated}</p>") == [7]


def test_an_ampersand_escaped_twice_is_found():
    value = render(BY_NAME["amp"], 7)
    assert findings(PAGE.format(**clean(text=html.escape(value)))) == []
    assert findings(PAGE.format(**clean(text=html.escape(html.escape(value)))))


def test_json_ld_closed_by_a_payload_is_found():
    ld = json.dumps({"headline": render(BY_NAME["title-close"], 7)}, ensure_ascii=False)
    page = f'<html><head><script type="application/ld+json">{ld}</script></head></html>'
    assert findings(page)
    escaped = ld.replace("<", "\\u003c")
    assert findings(f'<html><head><script type="application/ld+json">{escaped}</script>') == []


def test_timelinejs_text_is_read_as_html(tmp_path):
    document = {"events": [{"text": {"headline": render(BY_NAME["img-onerror"], 7), "text": ""}}]}
    (tmp_path / "timeline.json").write_text(json.dumps(document), encoding="utf-8")
    assert scan_json(tmp_path / "timeline.json", tmp_path)
    document["events"][0]["text"]["headline"] = html.escape(render(BY_NAME["img-onerror"], 7))
    (tmp_path / "timeline.json").write_text(json.dumps(document), encoding="utf-8")
    assert scan_json(tmp_path / "timeline.json", tmp_path) == []


@pytest.mark.parametrize("module", [payloads, scan], ids=lambda m: m.__name__)
def test_the_examples_in_the_docstrings_hold(module):
    result = doctest.testmod(module)
    assert result.attempted and not result.failed


def test_each_planted_value_names_its_field_and_file():
    planter = Planter()
    first = planter.plant("script", "sidecar title", "seeds/a.yml")
    planter.plant("attr-dq", "html <html lang>", "seeds/b.html")
    assert "SEC-1" in first and "__pwned_1" in first
    assert planter.name("<script>window.__pwned_2=1</script>") == (
        "payload 2 (attr-dq) in html <html lang> of seeds/b.html"
    )


@pytest.mark.site
def test_the_seed_site_gives_no_finding(seed_site):
    """The theme's own markup is the baseline: a clean site is clean to the scanners."""
    assert scan_site(seed_site.output) == []
