"""Read a raw file dropped in seeds/ into text: its kind, its encoding, its checksum.

Editors save files from anywhere: Word on Windows (cp1252), Notepad (UTF-16), a browser (UTF-8
with or without BOM), or by mistake a PDF. Each problem is an ``IngestError`` that says what to
do. A saved web page is read even with a few stray NUL bytes or bytes that are not UTF-8 (pages
as servers send them often have some): they are removed or read as cp1252, with a warning naming
the file and line. The text comes out with "\\n" newlines and in Unicode NFC.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from pathlib import Path

from ingest.model import IngestError, RawText

logger = logging.getLogger(__name__)

KINDS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_BINARY = (
    "looks like a binary file (PDF/image?), not text ({why}): "
    "save the article as a .txt, .html or .md file"
)


def kind_of(path: Path, display: str) -> str:
    """The kind of a raw file from its extension, case-insensitive: see ``KINDS``.

    >>> kind_of(Path("seeds/a.HTM"), "seeds/a.HTM")
    'html'
    """
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        accepted = ", ".join(sorted(KINDS))
        shown = f'"{path.suffix}" files' if path.suffix else "files without an extension"
        raise IngestError(
            display, f"cannot read {shown}: use one of the accepted extensions {accepted}"
        )
    return kind


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for UTF-16 saved without a byte-order mark, else None.

    Told by its NUL bytes: every character of the ASCII range (spaces, digits, punctuation,
    Latin letters) has a NUL high byte, so at least a tenth of the 2-byte units of the first
    64 KiB have a NUL on one side and (almost) none on the other, and the bytes decode.

    >>> utf16_without_bom("Le président".encode("utf-16-le")), utf16_without_bom(b"PK\x03\x04")
    ('utf-16-le', None)
    """
    if len(data) % 2:
        return None
    head = data[:65536]
    units = len(head) // 2
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if units and high >= units / 10 and low <= high / 20:
            try:
                data.decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


def check_not_binary(data: bytes, display: str) -> None:
    """A file is binary when it has NUL bytes (and is not UTF-16, with a byte-order mark or
    without: see ``utf16_without_bom``) or when more than a tenth of its first 64 KiB are
    control characters other than tab, newlines and escape.

    >>> check_not_binary("Le président".encode(), "a.txt")
    """
    if data.startswith(_UTF16_BOMS):
        return
    codec = utf16_without_bom(data)
    if codec:
        head = data[:65536].decode(codec)
        if len(_CONTROL_CHARACTERS.findall(head)) > len(head) / 10:
            raise IngestError(display, _BINARY.format(why="it is mostly control characters"))
        return
    if b"\x00" in data:
        raise IngestError(display, _BINARY.format(why="it contains NUL bytes"))
    head = data[:65536]
    if len(_CONTROL_BYTES.findall(head)) > len(head) / 10:
        raise IngestError(display, _BINARY.format(why="it is mostly control characters"))


# A saved web page with NUL bytes is still text when they are rare (one byte in twenty at most) and
# the rest is UTF-8; binary data (a PDF, an image, one byte in 256 NUL) is not UTF-8.
_STRAY_NULS = 1 / 20


def without_stray_nuls(data: bytes, display: str) -> bytes:
    """A saved web page's bytes without the few NUL bytes a server or a browser left in it (at
    most one byte in twenty, the rest UTF-8 text, but for a few stray bytes), with a warning
    naming the file and the line of the first; anything else is returned as it is, for
    ``check_not_binary`` to judge.

    >>> without_stray_nuls(b"<p>Le texte</p>" * 100 + b"\\x00", "a.html")[-15:]
    b'<p>Le texte</p>'
    """
    nuls = data.count(0)
    if not nuls or nuls > len(data) * _STRAY_NULS or data.startswith(_UTF16_BOMS):
        return data
    if utf16_without_bom(data):
        return data
    kept = data.replace(b"\x00", b"")
    head = kept[:65536]
    if len(_CONTROL_BYTES.findall(head)) > len(head) / 10 or not _looks_like_utf8(kept):
        return data
    logger.warning(
        "%s:%d: %d NUL byte%s removed (not text, left by the program that saved the page)",
        display,
        line_of_offset(data, data.index(0)),
        nuls,
        "" if nuls == 1 else "s",
    )
    return kept


def _looks_like_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return _looks_like_broken_utf8(data)
    return True


def line_of_offset(data: bytes, offset: int) -> int:
    """The 1-based line number of the byte at ``offset``.

    >>> line_of_offset(b"a\\nb\\nc", 4)
    3
    """
    return data.count(b"\n", 0, offset) + 1


def _looks_like_broken_utf8(data: bytes) -> bool:
    """Bytes that are mostly valid UTF-8 sequences with a few bad ones, rather than a legacy
    single-byte encoding (where accented letters are lone high bytes)."""
    bad = sum(1 for c in data.decode("utf-8", "surrogateescape") if "\udc80" <= c <= "\udcff")
    return len(_UTF8_SEQUENCE.findall(data)) >= bad


def _single_byte_text(data: bytes, display: str) -> tuple[str, str]:
    """``data`` decoded as cp1252 (called latin-1 when it has no byte in 0x80-0x9F, where the
    two agree); a byte that cp1252 lacks (0x81, 0x8d, 0x8f, 0x90, 0x9d) is reported."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise _bad_byte(data, error.start, display, "UTF-8 nor cp1252") from None
    return text, "cp1252" if re.search(rb"[\x80-\x9f]", data) else "latin-1"


def _mostly_foreign_letters(text: str) -> bool:
    """Text where most letters are not ASCII: cp1252 was probably the wrong guess (a Cyrillic
    cp1251 file read as cp1252 gives "Ïðåçèäåíò")."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if not c.isascii()) > len(letters) * 0.3


def _guessed(data: bytes) -> tuple[str, str] | None:
    """What charset-normalizer makes of bytes that are not UTF-8 nor cp1252, if anything."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    return str(best), best.encoding.replace("_", "-")


def decode(data: bytes, display: str, page: bool = False) -> tuple[str, str]:
    """Bytes to text and the encoding they were in, tried in this order: UTF-8 with BOM
    ("utf-8-sig"), UTF-16 with BOM ("utf-16"), UTF-16 without BOM ("utf-16-le" or
    "utf-16-be", see ``utf16_without_bom``), UTF-8, then cp1252/latin-1 unless the bytes look
    like UTF-8 with a few bad bytes, and charset-normalizer's guess when cp1252 gives mostly
    non-ASCII letters. Bytes that none of these can read are reported with their line; in a
    saved web page (``page``), a few bytes that are not UTF-8 in UTF-8 text are read as cp1252
    instead, with a warning (see ``utf8_with_strays``).

    >>> decode("« Café »".encode("cp1252"), "a.txt")
    ('« Café »', 'latin-1')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _utf8(data, display, "utf-8-sig", page)
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise IngestError(
                display, "not valid UTF-16 (is it cut short?): save the file again as UTF-8"
            ) from error
    without_bom = utf16_without_bom(data)
    if without_bom:
        return data.decode(without_bom), without_bom
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_like_broken_utf8(data):
        return _utf8(data, display, "utf-8", page)
    single = _single_byte_text(data, display)
    if _mostly_foreign_letters(single[0]):
        return _guessed(data) or single
    return single


def _utf8(data: bytes, display: str, encoding: str, page: bool = False) -> tuple[str, str]:
    """``data`` decoded as UTF-8 (after the BOM for "utf-8-sig"), or the line of its first bad
    byte; in a saved web page (``page``), its stray bytes read as cp1252."""
    start = 3 if encoding == "utf-8-sig" else 0
    try:
        return data[start:].decode("utf-8"), encoding
    except UnicodeDecodeError as error:
        if page:
            return utf8_with_strays(data[start:], display), encoding
        raise _bad_byte(data, start + error.start, display, "UTF-8") from None


_STRAY_BYTE = re.compile("[\udc80-\udcff]")


def utf8_with_strays(data: bytes, display: str) -> str:
    """UTF-8 text with a few bytes that are not UTF-8 (a page put together from parts in two
    encodings: "K\\xfcchenblogs" in a UTF-8 page), each read as cp1252 (as what the page meant,
    "Küchenblogs"; U+FFFD for the five bytes cp1252 lacks), with a warning naming the file, the
    line of the first and how many there are.

    >>> utf8_with_strays("Küchen ".encode() + b"K\\xfcchen", "a.html")
    'Küchen Küchen'
    """
    text = data.decode("utf-8", "surrogateescape")
    strays = _STRAY_BYTE.findall(text)
    first = _STRAY_BYTE.search(text).start()
    offset = len(text[:first].encode("utf-8", "surrogateescape"))
    logger.warning(
        "%s:%d: %d byte%s not UTF-8 (first 0x%02x) read as cp1252; save the page again as "
        "UTF-8 to silence this",
        display,
        line_of_offset(data, offset),
        len(strays),
        "" if len(strays) == 1 else "s",
        ord(strays[0]) - 0xDC00,
    )
    return _STRAY_BYTE.sub(lambda m: bytes([ord(m[0]) - 0xDC00]).decode("cp1252", "replace"), text)


def _bad_byte(data: bytes, offset: int, display: str, encodings: str) -> IngestError:
    return IngestError(
        display,
        f"not valid {encodings} (byte 0x{data[offset]:02x}): fix the character on this line, "
        "or save the file again as UTF-8",
        line=line_of_offset(data, offset),
    )


def normalise(text: str) -> str:
    """Newlines made "\\n" (from "\\r\\n" and "\\r") and the text made Unicode NFC.

    >>> normalise("Cafe\\u0301\\r\\nfin\\r")
    'Café\\nfin\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_raw(path: Path, display: str, max_bytes: int = 2_000_000) -> RawText:
    """Read a raw file, or raise ``IngestError`` saying what the editor should do: unknown
    extension, too big (over ``max_bytes``, the setting ``INGEST_MAX_BYTES``), binary, not
    decodable, empty. A warning names a file that was not UTF-8, and a saved web page whose
    stray NUL bytes were removed or whose stray bytes were read as cp1252.
    """
    kind = kind_of(path, display)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                display,
                f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes: shorten it, or "
                "raise the limit with the setting INGEST_MAX_BYTES in pelicanconf.py",
            )
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(display, f"cannot read the file: {error.strerror}") from None
    if not data.strip():
        raise IngestError(display, "file is empty: put the article's text in it, or delete it")
    readable = without_stray_nuls(data, display) if kind == "html" else data
    check_not_binary(readable, display)
    text, encoding = decode(readable, display, page=kind == "html")
    text = normalise(text).lstrip("\ufeff")
    if not text.strip():
        raise IngestError(display, "file is empty: put the article's text in it, or delete it")
    if encoding not in ("utf-8", "utf-8-sig"):
        logger.warning("%s: converted from %s; save it as UTF-8 to silence this", display, encoding)
    return RawText(display, text, kind, encoding, hashlib.sha256(data).hexdigest())
