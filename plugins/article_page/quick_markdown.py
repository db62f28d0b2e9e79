"""Markdown made only of plain paragraphs, converted without Python-Markdown's parser. Pure.

An article is nearly always a run of paragraphs of prose, one line each, with no markup:
Python-Markdown spends most of a reading on finding that out (every paragraph is tried against
each block processor, then each inline pattern). ``QuickMarkdown.convert`` writes the HTML
Python-Markdown writes for such a text, ``<p>`` by ``<p>``, and gives anything else to
Python-Markdown. It does so only with the extensions it was checked against (Pelican's default
``MARKDOWN`` setting: ``PROVEN_EXTENSIONS``); with any other, every text goes to Python-Markdown.

A plain paragraph (``_paragraph``) is one line that no block processor takes (it starts with a
letter, a digit not followed by "." or ")", a quotation mark, "(", a backslash escape or
"&") and in which no inline pattern can match: no `` * _ < { ``, no "[" with a "](" after
it (a link), no control character, no "&#" that does not end as a reference, at most one
backtick and none beside a backslash (inline code takes two: ``don`t`` in wire copy is a
word, which Python-Markdown leaves as it is). Its backslash escapes, "&" and ">" are then
written as Python-Markdown writes them. The metadata header is read by Python-Markdown's own
``meta`` preprocessor.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.serializers import RE_AMP
from markdown.util import ETX, STX

PROVEN_EXTENSIONS = (
    "markdown.extensions.codehilite",
    "markdown.extensions.extra",
    "markdown.extensions.meta",
)
REGISTRIES = ("preprocessors", "inlinePatterns", "treeprocessors", "postprocessors")

# What NormalizeWhitespace would change, or an inline pattern or a block processor could take.
_NOT_NORMAL = ("\r", "\t", STX, ETX)
_BLANK_WITH_SPACES = re.compile(r"(?<=\n) +\n")
_FIRST = re.compile(r"(?!\d+[.)])[^\W_]|[«“‘\"'(¿¡&]|\\.")
_MARKUP = re.compile(r"[*_<{\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPE = re.compile(r"\\(.)")
# A character reference without its ";", which Python-Markdown's HTML reading completes.
_OPEN_REFERENCE = re.compile(r"&#(?![0-9]+;|[xX][0-9a-fA-F]+;)")


class QuickMarkdown(Markdown):
    """``markdown.Markdown`` that converts plain paragraphs itself (see the module doc)."""

    def convert(self, source: str) -> str:
        html = self._plain(source) if self._proven() else None
        return super().convert(source) if html is None else html

    def _proven(self) -> bool:
        """Whether this instance's pipeline is the one ``_plain`` was checked against (the
        ``meta`` preprocessor may be there or not: Pelican removes it to read a summary)."""
        proven = _proven_pipeline()
        return (
            pipeline(self) in proven
            and self.output_format == "html"  # html, html4 or html5
            and self.stripTopLevelTags
            and not self.treeprocessors["abbr"].abbrs  # a glossary would mark words
        )

    def _plain(self, source: str) -> str | None:
        if any(mark in source for mark in _NOT_NORMAL) or not source.strip():
            return None
        source += "\n\n"  # as NormalizeWhitespace, which then leaves it as it is
        if _BLANK_WITH_SPACES.search(source):
            return None
        lines = source.split("\n")
        if "meta" in self.preprocessors:
            lines = self.preprocessors["meta"].run(lines)
        paragraphs = []
        for block in "\n".join(lines).split("\n\n"):
            block = block.lstrip("\n")  # as EmptyBlockProcessor, a line at a time
            if block:
                text = _paragraph(block, self.ESCAPED_CHARS)
                if text is None:
                    return None
                paragraphs.append(f"<p>{text}</p>")
        return "\n".join(paragraphs)


def _paragraph(block: str, escaped: list[str]) -> str | None:
    """The HTML text of ``block`` as a plain paragraph, or None when it is not one.

    >>> _paragraph("AT&T \\\\[sic\\\\] > 3 &amp; 4", ["\\\\", "[", "]"])
    'AT&amp;T [sic] &gt; 3 &amp; 4'
    >>> _paragraph("- item", []) is None, _paragraph("Un *mot*", []) is None
    (True, True)
    """
    if "\n" in block or block[-1].isspace() or not _FIRST.match(block):
        return None
    rest = _ESCAPE.sub(lambda m: "" if m[1] in escaped else m[0], block) if "\\" in block else block
    if _MARKUP.search(rest) or ("[" in rest and "](" in rest):
        return None
    if "`" in rest and ("\\" in block or rest.count("`") > 1):  # code, or backslashes by it
        return None
    if "\\" in block:
        block = _ESCAPE.sub(lambda m: m[1] if m[1] in escaped else m[0], block)
    if "&" in block:
        if _OPEN_REFERENCE.search(block):
            return None
        block = RE_AMP.sub("&amp;", block)
    return block.replace(">", "&gt;") if ">" in block else block


def pipeline(md: Markdown) -> tuple:
    """What ``md`` runs: the classes of its processors, registry by registry, in order."""
    registries = [getattr(md, name) for name in REGISTRIES] + [md.parser.blockprocessors]
    return tuple(tuple(map(type, registry)) for registry in registries)


_PROVEN: list[tuple] = []


def _proven_pipeline() -> list[tuple]:
    """The pipeline of ``PROVEN_EXTENSIONS``, with and without its ``meta`` preprocessor."""
    if not _PROVEN:
        md = Markdown(extensions=list(PROVEN_EXTENSIONS))
        _PROVEN.append(pipeline(md))
        md.preprocessors.deregister("meta")
        _PROVEN.append(pipeline(md))
    return _PROVEN
