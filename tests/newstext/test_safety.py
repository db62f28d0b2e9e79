"""The one rule for slugs, language codes and output paths, against hostile values."""

from pathlib import Path

import pytest
from newstext.safety import (
    OutputGuard,
    bounded_slug,
    inside,
    is_safe_slug,
    language_code,
    page_url,
    path_inside,
    printable,
    slug_from,
)

HOSTILE_SLUGS = [
    "../../x",
    "/etc/passwd",
    "a/b",
    "..",
    ".hidden",
    "a\x00b",
    "a\nb",
    'x" onmouseover="alert(1)',
    "x'><script>alert(1)</script>",
    "javascript:alert(1)",
    "Upper",
    "a--b",
    "-a",
    "a-",
    "é",
    "a b",
    "a" * 101,
    "",
    None,
    42,
]


@pytest.mark.parametrize("slug", HOSTILE_SLUGS)
def test_hostile_slugs_are_refused(slug):
    assert not is_safe_slug(slug)


@pytest.mark.parametrize("slug", ["a", "poutine-et-kim", "2023-09-13-sommet", "a_b-c", "a" * 100])
def test_ordinary_slugs_are_accepted(slug):
    assert is_safe_slug(slug)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("fr", "fr"),
        ("en-US", "en"),
        ("pt_BR", "pt"),
        ("AR", "ar"),
        ("zh-Hant-TW", "zh"),
        ("xx", None),
        ("french", None),
        ('fr" onload="alert(1)', None),
        ("<script>", None),
        ("", None),
        (None, None),
    ],
)
def test_language_codes(value, code):
    assert language_code(value) == code


def test_printable_hides_control_characters():
    assert printable("a\x1b[2Jb\nc\u2028d") == "a?[2Jb?c?d"


def test_paths_are_compared_resolved(tmp_path):
    out = tmp_path / "output"
    (out / "entities").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (out / "entities" / "link").symlink_to(tmp_path / "elsewhere")
    assert inside(out, out / "entities" / "a.html")
    assert not inside(out, tmp_path / "output-old" / "a.html")
    assert not inside(out, out / "entities" / "link" / "a.html")
    with pytest.raises(ValueError, match="outside"):
        path_inside(out, "../x.html")
    with pytest.raises(ValueError, match="outside"):
        path_inside(out, Path("/tmp/x.html"))
    assert path_inside(out, "entities/a.html") == out / "entities" / "a.html"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Poutine et Kim", "poutine-et-kim"),
        ("../../etc/passwd", "etc-passwd"),
        ('x" onmouseover="alert(1)', "x-onmouseover-alert-1"),
        ("Sergueï Choïgou", "serguei-choigou"),
        ("«»", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_slug_from_text_is_safe_or_empty(text, slug):
    assert slug_from(text) == slug
    assert slug == "" or is_safe_slug(slug)


def test_slug_from_a_long_text_stops_between_words():
    slug = slug_from("mot " * 100)
    assert len(slug) <= 100 and is_safe_slug(slug) and slug.endswith("mot")


@pytest.mark.parametrize("length", [101, 255, 5000])
def test_bounded_slugs_fit_are_safe_stable_and_distinct(length):
    long = ("abcdefghij-" * 600)[:length].strip("-")
    other = long[:-1] + ("x" if long[-1] != "x" else "y")
    assert len(bounded_slug(long)) <= 100 and is_safe_slug(bounded_slug(long))
    assert bounded_slug(long) == bounded_slug(long)
    assert bounded_slug(long) != bounded_slug(other)


@pytest.mark.parametrize("slug", ["../x", "a/b", "", "x.html", 'a"'])
def test_page_url_refuses_unsafe_slugs(slug):
    with pytest.raises(ValueError):
        page_url("digests", slug)


def test_page_url_of_a_safe_slug():
    assert (
        page_url("entities/people", "vladimir-poutine") == "entities/people/vladimir-poutine.html"
    )


@pytest.mark.parametrize(
    "relative",
    ["entities/a.html", "a.html", "entities/../a.html", "../a.html", "entities/link/x.html",
     "/etc/passwd", "entities/..", "..", "entities/people/../../../x", "entities/link"],
)  # fmt: skip
def test_output_guard_agrees_with_path_inside(tmp_path, relative):
    out = tmp_path / "output"
    (out / "entities").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (out / "entities" / "link").symlink_to(tmp_path / "elsewhere")
    try:
        path_inside(out, relative)
        expected = True
    except ValueError:
        expected = False
    guard = OutputGuard(out)
    assert guard.inside(relative) is expected
    assert guard.inside(relative) is expected  # and again, from what it has resolved
