"""The one rule for slugs, language codes and output paths, against hostile values."""

from pathlib import Path

import pytest
from newstext.safety import inside, is_safe_slug, language_code, path_inside, printable

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
