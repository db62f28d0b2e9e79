"""The one sentence splitter every plugin uses, on real sentences of the seed and the corpus."""

import random
import re

import pytest
from newstext.sentences import split_sentences, text_pieces


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the seed: "MM." is no sentence end
            "Le président russe Vladimir Poutine et le dirigeant nord-coréen Kim Jong-un se sont "
            "retrouvés au cosmodrome russe de Vostotchny, dans l’est de la Russie. MM. Kim et "
            "Poutine se sont entretenus pendant deux heures.",
            [
                "Le président russe Vladimir Poutine et le dirigeant nord-coréen Kim Jong-un se "
                "sont retrouvés au cosmodrome russe de Vostotchny, dans l’est de la Russie.",
                "MM. Kim et Poutine se sont entretenus pendant deux heures.",
            ],
        ),
        (  # the seed: a quotation stays in the sentence that quotes it
            "« Nous serons toujours avec la Russie »,a-t-il ajouté. Tous les sujets sont sur la "
            "table.",
            [
                "« Nous serons toujours avec la Russie »,a-t-il ajouté.",
                "Tous les sujets sont sur la table.",
            ],
        ),
        (  # en/2005-03-06: a title before a name
            "Days after Sen. McCain's remarks, the Air Force said the contract would be revived.",
            ["Days after Sen. McCain's remarks, the Air Force said the contract would be revived."],
        ),
        (  # initials and dotted abbreviations
            "The U.S. Senate voted. J. Smith left.",
            ["The U.S. Senate voted.", "J. Smith left."],
        ),
        (  # a line break always ends a sentence
            "Premier paragraphe sans point\nSecond paragraphe.",
            ["Premier paragraphe sans point", "Second paragraphe."],
        ),
        (  # a sentence ending inside the quotation
            "Il a dit « oui. » Puis il est parti.",
            ["Il a dit « oui. »", "Puis il est parti."],
        ),
    ],
)
def test_split_sentences(text, expected):
    assert [sentence for _, sentence in split_sentences(text)] == expected


def test_offsets_point_at_each_sentence():
    text = "Un. Deux !\n  Trois ?"
    assert [(text[o : o + len(s)], s) for o, s in split_sentences(text)] == [
        ("Un.", "Un."),
        ("Deux !", "Deux !"),
        ("Trois ?", "Trois ?"),
    ]


# --- the linear splitter gives what the first (quadratic) one gave --------------------------

_OLD_OPENERS = "«“([\"'‘"


def _old_split(text: str) -> list[tuple[int, str]]:
    """The splitter as first written (quadratic: it re-read the line before each period),
    kept here as the reference the linear one must agree with."""
    from newstext import sentences as module

    def cuts(line):
        found = []
        for match in module._TERMINATOR.finditer(line):
            rest = line[match.end() :]
            following = rest.lstrip()
            if not following or len(following) == len(rest):
                continue
            first = following.lstrip(_OLD_OPENERS + " \u00a0\u202f")[:1]
            if not (first.isupper() or first.isdigit() or following[0] in _OLD_OPENERS):
                continue
            before = line[: match.start()]
            head = line[: match.end()]
            depth = head.count("«") - head.count("»") + head.count("“") - head.count("”")
            if depth > 0:
                continue
            if match.group().startswith(".") and len(match.group().rstrip()) == 1:
                word = (before.split() or [""])[-1].lstrip(_OLD_OPENERS)
                if module._is_abbreviation(word):
                    continue
            found.append(match.end() + len(rest) - len(following))
        return found

    result: list[tuple[int, str]] = []
    for line in re.finditer(r"[^\n\r]+", text):
        begin = line.start()
        for cut in [*cuts(line.group()), len(line.group())]:
            piece = text[begin : line.start() + cut]
            if piece.strip():
                result.append((begin + len(piece) - len(piece.lstrip()), piece.strip()))
            begin = line.start() + cut
    return result


_PIECES = (
    "Le", "président", "Poutine", "M.", "MM.", "Mme", "Dr.", "U.S.", "J.-C.", "J.", "a", "dit",
    "«", "»", "“", "”", "\"", "'", "(", ")", "]", ".", "!", "?", "…", "...", "?!", ".»", ".”",
    "2023.", "3", "Kim", "Sen.", "etc.", "\u00a0", "\u202f", " ", "  ", "\t", "\n", "\r\n",
    "\x0b", "« Oui.", "Non. »", "fin.", "École", "été", "x.y", "a.b.c", "—",
)  # fmt: skip


def _random_texts(count: int, seed: int = 20261129):
    chooser = random.Random(seed)
    for _ in range(count):
        words = chooser.choices(_PIECES, k=chooser.randint(1, 60))
        yield "".join(word + chooser.choice(("", " ", " ", " ")) for word in words)


@pytest.mark.parametrize("text", list(_random_texts(400)))
def test_linear_splitter_agrees_with_the_first_one(text):
    assert split_sentences(text) == _old_split(text)


@pytest.mark.corpus
def test_corpus_articles_split_as_before():
    from sitekit import corpus_articles

    for path in corpus_articles()[::10]:
        text = path.read_text(encoding="utf-8")
        assert split_sentences(text) == _old_split(text), path.name


@pytest.mark.parametrize(
    "line",
    [
        "Le président M. Poutine a dit « Oui. Non. » Puis il est parti. Les U.S. ont voté. ",
        "« A. ",  # a quotation never closed: every period is inside it
        ". ",  # periods and spaces only
        "a.",  # one 2 MB word
    ],
)
def test_a_2_mb_one_line_paragraph_is_split(line):
    """The first splitter took 57 s on 200,000 characters (quadratic); this one reads 2 MB in
    about a second. No timing here (the benchmark measures: invoke bench --hostile): a
    quadratic splitter would simply not finish."""
    text = line * (2_000_000 // len(line))
    found = split_sentences(text)
    assert found
    assert all(text[offset : offset + len(sentence)] == sentence for offset, sentence in found)


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [
        ("Un deux. Trois quatre cinq.", 12, ["Un deux. ", "Trois ", "quatre cinq."]),
        ("Un deux. Trois.", 100, ["Un deux. Trois."]),
        ("abcdefgh", 3, ["abc", "def", "gh"]),  # one long word: cut at the limit
        ("Fin ! Début ? Oui. Non", 8, ["Fin ! ", "Début ? ", "Oui. Non"]),
    ],
)
def test_text_pieces(text, limit, pieces):
    assert text_pieces(text, limit) == pieces


@pytest.mark.parametrize("seed", range(5))
def test_text_pieces_join_back_and_respect_the_limit(seed):
    chooser = random.Random(seed)
    text = "".join(chooser.choices(_PIECES, k=3000))
    limit = chooser.randint(1, 400)
    pieces = text_pieces(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= limit for piece in pieces)


_EDGE_PIECES = (
    ".", "!", "?", "…", ". ", ".»", ". »", ".\u00a0»", ".”", ".)", ".]", '."', ".’", " ", "  ",
    "\u00a0", "\u202f", "\t", "\x0b", "\n", "«", "»", "“", "”", '"', "'", "‘", "(", "[",
    "M.", "MM", "Dr", "U.S", "J.-C", "X", "x", "Le", "le", "3", "é", "École",
    "anticonstitutionnellement", "Anticonstitutionnellement", "a" * 30, "M" * 25,
)  # fmt: skip


def test_lines_ending_in_terminators_spaces_and_quotes_split_as_before():
    """Terminators at the end of a line, after spaces, before closing marks; long words and
    long runs of spaces before a period; lines with and without opening quotes: the splitter
    (one regex for a terminator and what follows it, the word before it read in a window)
    gives what the first one gave."""
    chooser = random.Random(43)
    for _ in range(5000):
        words = chooser.choices(_EDGE_PIECES, k=chooser.randint(1, 30))
        text = "".join(word + chooser.choice(("", "", " ", " " * 30)) for word in words)
        assert split_sentences(text) == _old_split(text), repr(text)
