"""Reading raw files: kinds, encodings, and the errors an editor sees."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest
from ingest.model import IngestError
from ingest.rawfile import decode, kind_of, normalise, read_raw

FIXTURES = Path(__file__).parent / "fixtures"
FRENCH = "Le président a dit « c’est l’été » à 10 €.\n\nRFI"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def error_of(path: Path, **kwargs) -> str:
    with pytest.raises(IngestError) as caught:
        read_raw(path, f"seeds/{path.name}", **kwargs)
    return str(caught.value)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("a.TXT", "text"),
        ("a.text", "text"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.md", "markdown"),
        ("a.markdown", "markdown"),
    ],
)
def test_kind_comes_from_the_extension(name, kind):
    assert kind_of(Path(name), name) == kind


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "a.pdf",
            'seeds/a.pdf: cannot read ".pdf" files: use one of the accepted extensions '
            ".htm, .html, .markdown, .md, .text, .txt",
        ),
        (
            "README",
            "seeds/README: cannot read files without an extension: use one of the accepted "
            "extensions .htm, .html, .markdown, .md, .text, .txt",
        ),
    ],
)
def test_unknown_extension_is_refused_with_the_accepted_ones(tmp_path, name, message):
    assert error_of(write(tmp_path, name, b"text")) == message


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (FRENCH.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), "utf-8-sig"),
        (FRENCH.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + FRENCH.encode("utf-16-be"), "utf-16"),
        (FRENCH.encode("cp1252"), "cp1252"),
        ("Un été à Paris".encode("latin-1"), "latin-1"),
    ],
    ids=["utf-8", "utf-8 BOM", "utf-16 LE", "utf-16 BE", "cp1252", "latin-1"],
)
def test_encodings_are_decoded_and_recorded(tmp_path, data, encoding):
    raw = read_raw(write(tmp_path, "a.txt", data), "seeds/a.txt")
    assert (raw.text, raw.encoding) == (data.decode(encoding).lstrip("\ufeff"), encoding)
    assert not raw.text.startswith("\ufeff")


def test_cp1252_fixture_comes_out_right_and_is_warned_about(caplog):
    with caplog.at_level(logging.WARNING, logger="ingest.rawfile"):
        raw = read_raw(FIXTURES / "cp1252_fr.txt", "seeds/cp1252_fr.txt")
    assert raw.encoding == "cp1252"
    assert "Poutine et Kim Jong-un à Vostotchny\n\nPar Claire Martin\n" in raw.text
    assert "« relations commerciales »" in raw.text
    assert "L’entretien a duré" in raw.text
    assert "\r" not in raw.text
    assert caplog.messages == [
        "seeds/cp1252_fr.txt: converted from cp1252; save it as UTF-8 to silence this"
    ]


def test_utf16_fixture_is_read(caplog):
    with caplog.at_level(logging.WARNING, logger="ingest.rawfile"):
        raw = read_raw(FIXTURES / "utf16_fr.txt", "seeds/utf16_fr.txt")
    assert raw.encoding == "utf-16"
    assert raw.text.startswith("Un été à Séoul\n\nPublié le 14/07/2023 à 08h30\n")
    assert caplog.messages == [
        "seeds/utf16_fr.txt: converted from utf-16; save it as UTF-8 to silence this"
    ]


@pytest.mark.parametrize("data", [FRENCH.encode(), b"\xef\xbb\xbf" + FRENCH.encode()])
def test_utf8_is_not_warned_about(tmp_path, caplog, data):
    with caplog.at_level(logging.WARNING, logger="ingest.rawfile"):
        read_raw(write(tmp_path, "a.txt", data), "seeds/a.txt")
    assert caplog.messages == []


def test_cyrillic_in_a_legacy_encoding_is_not_read_as_cp1252(tmp_path):
    text = "Президент России Владимир Путин встретился с лидером Северной Кореи."
    raw = read_raw(write(tmp_path, "a.txt", text.encode("cp1251")), "seeds/a.txt")
    assert raw.text == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "ligne un\nligne deux é\nligne trois ".encode() + b"\xff\n",
            "seeds/a.txt:3: not valid UTF-8 (byte 0xff): fix the character on this line, "
            "or save the file again as UTF-8",
        ),
        (
            b"\xef\xbb\xbfun\n\xe9t\xc3\xa9",
            "seeds/a.txt:2: not valid UTF-8 (byte 0xe9): fix the character on this line, "
            "or save the file again as UTF-8",
        ),
        (
            "caf\u00e9 \u00e9t\u00e9 d\u00e9j\u00e0\nbad \x81 byte".encode("cp1252", "ignore")
            + b"\x81",
            "seeds/a.txt:2: not valid UTF-8 nor cp1252 (byte 0x81): fix the character on this "
            "line, or save the file again as UTF-8",
        ),
    ],
    ids=["mostly utf-8", "utf-8 BOM then latin", "undefined in cp1252"],
)
def test_undecodable_text_names_the_line_of_the_first_bad_byte(tmp_path, data, message):
    assert error_of(write(tmp_path, "a.txt", data)) == message


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", "\u00a0\n".encode(), " \n".encode("utf-16")])
def test_empty_or_blank_file_is_refused(tmp_path, data):
    assert error_of(write(tmp_path, "a.txt", data)) == (
        "seeds/a.txt: file is empty: put the article's text in it, or delete it"
    )


def test_file_over_the_limit_says_size_limit_and_setting(tmp_path):
    path = write(tmp_path, "a.txt", b"x" * 1001)
    assert error_of(path, max_bytes=1000) == (
        "seeds/a.txt: file is 1,001 bytes, over the limit of 1,000 bytes: shorten it, or raise "
        "the limit with the setting INGEST_MAX_BYTES in pelicanconf.py"
    )
    assert read_raw(path, "seeds/a.txt", max_bytes=1001).text == "x" * 1001


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("a.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\x00stream", "NUL"),
        ("a.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL"),
        ("a.md", bytes(range(1, 9)) * 50 + b"some text", "control"),
    ],
)
def test_binary_file_is_refused(tmp_path, name, data, why):
    reason = {
        "NUL": "it contains NUL bytes",
        "control": "it is mostly control characters",
    }[why]
    assert error_of(write(tmp_path, name, data)) == (
        f"seeds/{name}: looks like a binary file (PDF/image?), not text ({reason}): "
        "save the article as a .txt, .html or .md file"
    )


def test_missing_file_is_an_ingest_error(tmp_path):
    assert error_of(tmp_path / "gone.txt") == (
        "seeds/gone.txt: cannot read the file: No such file or directory"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb\rc\n", "a\nb\nc\n"),
        ("e\u0301te\u0301", "été"),  # decomposed accents are composed (NFC)
        ("déjà", "déjà"),
    ],
)
def test_newlines_and_unicode_are_normalised(tmp_path, text, expected):
    assert normalise(text) == expected
    assert read_raw(write(tmp_path, "a.txt", text.encode()), "seeds/a.txt").text == expected


def test_raw_text_records_path_kind_and_sha256_of_the_bytes(tmp_path):
    data = b"\xef\xbb\xbf" + FRENCH.encode()
    raw = read_raw(write(tmp_path, "a.md", data), "seeds/a.md")
    assert (raw.path, raw.kind) == ("seeds/a.md", "markdown")
    assert raw.sha256 == hashlib.sha256(data).hexdigest()


def test_decode_prefers_utf8_over_legacy_encodings():
    assert decode("« Café »".encode(), "a.txt") == ("« Café »", "utf-8")


# --- UTF-16 without a byte-order mark ---------------------------------------------------------

ARABIC = "قال الرئيس الروسي فلاديمير بوتين إن 2023 عام صعب.\n\nRFI"


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (FRENCH, "utf-16-le"),
        (FRENCH, "utf-16-be"),
        (ARABIC, "utf-16-le"),  # the spaces, digits and "RFI" are enough
        ("Plain English text, 2023.\n", "utf-16-be"),
    ],
)
def test_utf16_without_bom_is_read_and_warned_about(tmp_path, caplog, text, codec):
    name = f"{codec}-{len(text)}.txt"  # Pelican's log filter drops a repeated warning
    path = write(tmp_path, name, text.encode(codec))
    with caplog.at_level(logging.WARNING, logger="ingest.rawfile"):
        raw = read_raw(path, f"seeds/{name}")
    assert (raw.text, raw.encoding) == (text, codec)
    assert [r.getMessage() for r in caplog.records] == [
        f"seeds/{name}: converted from {codec}; save it as UTF-8 to silence this"
    ]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ("\x01\x02\x03\x04 \x05\x06".encode("utf-16-le") * 100, "it is mostly control characters"),
        (b"\x00\x00\x01\x00" * 200, "it contains NUL bytes"),  # NULs on both sides: no text
        (  # a lone surrogate: not UTF-16
            ("x" * 40).encode("utf-16-le") + b"\x00\xd8" + ("y" * 40).encode("utf-16-le"),
            "it contains NUL bytes",
        ),
        (b"x\x00y\x00z", "it contains NUL bytes"),  # an odd number of bytes
    ],
)
def test_nul_bytes_that_are_not_utf16_text_are_binary(tmp_path, data, why):
    assert error_of(write(tmp_path, "a.txt", data)) == (
        f"seeds/a.txt: looks like a binary file (PDF/image?), not text ({why}): "
        "save the article as a .txt, .html or .md file"
    )


# --- saved web pages with stray bytes ----------------------------------------------------------


def test_saved_page_with_stray_nul_bytes_is_read_with_a_warning(caplog):
    """lostiempos.com left 11 NUL bytes after a banner image."""
    path = FIXTURES / "stray_nul_es.html"
    with caplog.at_level(logging.WARNING, logger="ingest.rawfile"):
        raw = read_raw(path, "seeds/stray_nul_es.html")
    assert "\x00" not in raw.text
    assert 'alt="" />\n' in raw.text
    assert raw.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()  # of the file as it is
    assert caplog.messages == [
        "seeds/stray_nul_es.html:11: 11 NUL bytes removed (not text, left by the program that "
        "saved the page)"
    ]


def test_saved_page_with_a_byte_that_is_not_utf8_is_read_with_a_warning(caplog):
    """der-erfolg-gibt-recht.de: a UTF-8 page with one cp1252 "ü" in a sidebar link."""
    with caplog.at_level(logging.WARNING, logger="ingest.rawfile"):
        raw = read_raw(FIXTURES / "stray_byte_de.html", "seeds/stray_byte_de.html")
    assert 'alt="Küchenblogs"' in raw.text and "So schön winterlich" in raw.text
    assert caplog.messages == [
        "seeds/stray_byte_de.html:15: 1 byte not UTF-8 (first 0xfc) read as cp1252; save the "
        "page again as UTF-8 to silence this"
    ]


@pytest.mark.parametrize("name", ["stray_nul_es.html", "stray_byte_de.html"])
def test_the_same_bytes_in_a_text_file_are_still_an_error(tmp_path, name):
    data = (FIXTURES / name).read_bytes()
    expected = {
        "stray_nul_es.html": "seeds/a.txt: looks like a binary file (PDF/image?), not text "
        "(it contains NUL bytes): save the article as a .txt, .html or .md file",
        "stray_byte_de.html": "seeds/a.txt:15: not valid UTF-8 (byte 0xfc): fix the character "
        "on this line, or save the file again as UTF-8",
    }[name]
    assert error_of(write(tmp_path, "a.txt", data)) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>" + bytes(range(256)) * 40 + b"</body></html>",  # binary: 1 byte in 256
        b"<p>texte</p>\x00\x00",  # 2 NULs in 14 bytes
        b"\x89PNG\r\n\x1a\n" + b"<p>" * 2000 + b"\x00" + b"\x01\x02\x03" * 200,  # mostly control
    ],
)
def test_a_page_with_more_than_stray_nul_bytes_is_still_binary(tmp_path, data):
    assert error_of(write(tmp_path, "a.html", data)).startswith(
        "seeds/a.html: looks like a binary file (PDF/image?), not text"
    )
