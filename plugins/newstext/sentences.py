"""Sentences of news text, French and English: one splitter for every plugin. Pure.

Ingest cuts titles from the lede's first sentence, the site model's analysis quotes the sentence
that names an entity and dates sentences: all with these rules, so that they agree.
"""

from __future__ import annotations

import re

# Words that end with a period without ending the sentence (compared in lowercase).
_ABBREVIATIONS = frozenset(
    """m mm mme mmes mlle mlles me mgr dr drs pr prof st ste sts mr mrs ms messrs jr sr gen gén
    col lt sgt capt gov sen rep rev hon fig vol art ch no nº nos cf vs av apr env inc corp ltd co
    bd ave mt ft dept univ éd ed p pp jan feb mar aug sep sept oct nov dec janv févr fév avr juil
    déc""".split()  # noqa: SIM905 (a word list reads better as words)
)
_TERMINATOR = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]*[»”\"’)\]])*")
_OPENERS = "«“([\"'‘"
_DOTTED = re.compile(r"(?:\w\.)+\w|\w\.-\w")  # U.S, J.-C


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Split text into (offset, sentence) pairs, each sentence trimmed, in text order.

    A sentence ends at a line break, or at ".", "!", "?" or "…" (with any closing quote or
    bracket) followed by a space and a capital letter, a digit or an opening quote. It does not
    end after an abbreviation (M., MM., Mme, Dr, St., an initial, U.S.) nor inside « » or “ ”
    quotes, which stay in the sentence that quotes them.

    >>> split_sentences("MM. Kim et Poutine ont parlé. « Très content, dit-il. » Fin.")
    [(0, 'MM. Kim et Poutine ont parlé.'), (30, '« Très content, dit-il. »'), (56, 'Fin.')]
    >>> split_sentences("« Oui. Non. » Puis rien.")
    [(0, '« Oui. Non. »'), (14, 'Puis rien.')]
    """
    sentences: list[tuple[int, str]] = []
    for line in _LINE.finditer(text):
        begin = line.start()
        for cut in [*_cuts(line.group()), line.end() - begin]:
            end = line.start() + cut
            piece = text[begin:end]
            stripped = piece.strip()
            if stripped:
                sentences.append((begin + len(piece) - len(piece.lstrip()), stripped))
            begin = end
    return sentences


_LINE = re.compile(r"[^\n\r]+")


def _cuts(line: str) -> list[int]:
    """Offsets in one line where a new sentence begins.

    One pass: the quotation depth is counted as the scan goes (in a line that opens none, it
    never rises above 0: not counted), and each look around a terminator (the spaces after
    it, the word before it) stops at the nearest space, so the work grows with the length of
    the line, never with its square (a 2 MB one-line paragraph is an input like any other).
    """
    cuts = []
    quoted = "«" in line or "“" in line
    depth, counted = 0, 0  # quotation depth of line[:counted]
    for match in _TERMINATOR_AND_SPACES.finditer(line):
        end, following = match.span(1)  # the terminator ends at the spaces after it
        first = match.end()  # after the spaces and the opening marks that follow them
        letter = line[first : first + 1]
        if not (letter.isupper() or letter.isdigit() or line[following] in _OPENERS):
            continue
        if quoted:
            # (the closing quote, if any, is in the match)
            depth += _quote_depth(line, counted, end)
            counted = end
            if depth > 0:
                continue
        terminator = line[match.start() : end]
        single_period = terminator.startswith(".") and len(terminator.rstrip()) == 1
        if single_period and _is_abbreviation(_word_before(line, match.start()).lstrip(_OPENERS)):
            continue
        cuts.append(following)
    return cuts


# A terminator followed by spaces and more of the line (``\s`` is ``str.isspace``; a line
# holds no line break), then the opening marks and spaces before the first letter of what
# follows: one match, not a loop. Its closing marks and spaces are taken whole (atomic,
# possessive), as ``_TERMINATOR`` takes them: a terminator not followed so is no match.
_TERMINATOR_AND_SPACES = re.compile(
    r"[.!?…]+(?>(?:[ \u00a0\u202f]*[»”\"’)\]])*)(\s++)(?=.)"
    + "["
    + re.escape(_OPENERS + " \u00a0\u202f")
    + "]*"
)


def _word_before(line: str, position: int) -> str:
    """The last whitespace-separated word of ``line[:position]`` ("" if there is none)."""
    low = max(0, position - _WORD_WINDOW)
    window = line[low:position]
    words = window.split()
    if low == 0 or len(words) > 1 or (words and window[0].isspace()):
        return words[-1] if words else ""  # the word begins inside the window
    end = position  # a word longer than the window, or spaces only: read back to the word
    while end > 0 and line[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    return line[start:end]


_WORD_WINDOW = 24


def _quote_depth(line: str, start: int, end: int) -> int:
    """How much deeper in quotation marks ``line[end]`` is than ``line[start]``."""
    return (
        line.count("«", start, end)
        - line.count("»", start, end)
        + line.count("“", start, end)
        - line.count("”", start, end)
    )


def _is_abbreviation(word: str) -> bool:
    return (
        word.lower() in _ABBREVIATIONS
        or (len(word) == 1 and word.isalpha() and word.isupper())
        or bool(_DOTTED.fullmatch(word))
    )


def text_pieces(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back into ``text``:
    each cut is after the last ". ", "! " or "? " in the second half of the window, else after
    its last space, else at ``limit`` (one word that long). For models that take a bounded text.

    >>> text_pieces("Un deux. Trois quatre cinq.", 12)
    ['Un deux. ', 'Trois ', 'quatre cinq.']
    >>> text_pieces("abcdefgh", 3)
    ['abc', 'def', 'gh']
    """
    if limit < 1:
        raise ValueError(f"limit = {limit!r}: expected a whole number above 0")
    pieces, start = [], 0
    while len(text) - start > limit:
        end = start + limit
        cut = max(text.rfind(mark, start, end) for mark in (". ", "! ", "? ")) + 2
        if cut - start <= limit // 2:
            cut = text.rfind(" ", start, end) + 1
        if cut <= start:
            cut = end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces
