"""The name matcher's one-pass search (an Aho-Corasick automaton over the folded text) finds
exactly what its regex finds: whole words, any apostrophe, hyphen or run of spaces, the longest
name where several start, each search going on after the name found. Checked on real articles
and on made-up texts built to catch the edge cases."""

from __future__ import annotations

import random
import re

import pytest
from newstext.names import NameMatcher, fold
from sitekit import corpus_articles

SPACES = [" ", "  ", "\n", "\u00a0", "\t", " \n "]
APOSTROPHES = ["'", "’", "ʼ"]
HYPHENS = ["-", "‐", "‑"]


def by_regex(matcher: NameMatcher, text: str, start: int = 0, end: int | None = None):
    """What the one regex of all the names finds (the matcher's rules, written once as a
    pattern): the reference."""
    if matcher.pattern is None:
        return []
    end = len(text) if end is None else end
    return [
        (m.start(), m.end(), m.group(), matcher.owner[fold(m.group())])
        for m in matcher.pattern.finditer(text, start, end)
    ]


def found(matcher: NameMatcher, text: str, start: int = 0, end: int | None = None):
    return [(f.start, f.end, f.surface, f.key) for f in matcher.finditer(text, start, end)]


def variant(name: str, rng: random.Random) -> str:
    """``name`` as a text may write it: other spaces, apostrophes, hyphens."""
    out = []
    for char in name:
        if char == " ":
            out.append(rng.choice(SPACES))
        elif char in "'’ʼ":
            out.append(rng.choice(APOSTROPHES))
        elif char in "-‐‑":
            out.append(rng.choice(HYPHENS))
        else:
            out.append(char)
    return "".join(out)


def names_from(text: str, rng: random.Random, count: int) -> dict[str, list[str]]:
    """Names as an article's metadata gives them: runs of one to four of its words (so most
    are found), a few cut inside a word (never whole words), grouped under a few keys."""
    words = re.findall(r"[\w'’ʼ‐‑-]+", text)
    names: dict[str, list[str]] = {}
    for number in range(count):
        if not words:
            break
        at = rng.randrange(len(words))
        name = " ".join(words[at : at + rng.randint(1, 4)])
        if number % 7 == 3 and len(name) > 3:
            name = name[1:]  # inside a word
        names.setdefault(f"key{number % 5}", []).append(name)
    return names


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_same_names_as_the_regex_on_real_articles(lang):
    rng = random.Random(7)
    paths = corpus_articles(lang)
    assert paths, "the demo corpus is missing"
    compared = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        matcher = NameMatcher(names_from(text, rng, 30))
        assert found(matcher, text) == by_regex(matcher, text)
        start = rng.randrange(len(text))
        end = rng.randrange(start, len(text) + 1)
        assert found(matcher, text, start, end) == by_regex(matcher, text, start, end)
        compared += 1
    assert compared == len(paths) >= 40


def test_the_same_names_as_the_regex_on_made_up_texts():
    rng = random.Random(11)
    base = ["Kim", "Kim Jong-un", "Jong-un", "un", "Kim Yo-jong", "Conseil de l'ONU", "l'ONU",
            "ONU", "Vladimir Poutine", "Poutine", "New York", "New York Times", "York", "Times",
            "A A", "A", "Jean-Marie Le Pen", "Le Pen", "Pen", "É", "Ünal", "x_y", "42"]  # fmt: skip
    glue = [" ", ", ", "-", "_", "a", "'", "’", ".", "\n", "  ", "\u00a0", "—", "é", "1"]
    for _ in range(3000):
        names = {f"k{n}": rng.sample(base, rng.randint(1, 3)) for n in range(rng.randint(1, 4))}
        matcher = NameMatcher(names)
        pieces = [variant(rng.choice(base), rng) if rng.random() < 0.6 else rng.choice(glue)
                  for _ in range(rng.randint(0, 14))]  # fmt: skip
        text = "".join(rng.choice(["", " "]) + piece for piece in pieces)
        assert found(matcher, text) == by_regex(matcher, text), (names, text)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert found(matcher, text, start, end) == by_regex(matcher, text, start, end), (
            names, text, start, end,
        )  # fmt: skip


def test_no_names_find_nothing():
    assert found(NameMatcher({}), "Kim Jong-un") == [] and NameMatcher({}).pattern is None
    assert found(NameMatcher({"k": ["", "  "]}), "Kim") == []


def test_a_subset_finds_what_its_own_matcher_finds():
    """``subset`` shares the automaton of all the names: the people among them, the same names
    under other keys, or names it does not know (then it makes its own)."""
    rng = random.Random(13)
    base = ["Kim", "Kim Jong-un", "Jong-un", "Kim Yo-jong", "Conseil de l'ONU", "l'ONU",
            "ONU", "Vladimir Poutine", "Poutine", "New York", "New York Times", "A"]  # fmt: skip
    glue = [" ", ", ", "-", "'", "’", ".", "\n", "  ", "\u00a0", "a"]
    shared = 0
    for _ in range(2000):
        names = {f"k{n}": rng.sample(base, rng.randint(1, 3)) for n in range(rng.randint(1, 5))}
        everyone = NameMatcher(names)
        part = {key: forms for key, forms in names.items() if rng.random() < 0.5}
        if rng.random() < 0.3:
            part = {f"n{number}": forms for number, forms in enumerate(names.values())}
        if rng.random() < 0.1:
            part["other"] = ["Washington"]
        subset = everyone.subset(part)
        shared += subset._automaton is everyone._automaton
        pieces = [variant(rng.choice(base), rng) if rng.random() < 0.6 else rng.choice(glue)
                  for _ in range(rng.randint(0, 14))]  # fmt: skip
        text = "".join(rng.choice(["", " "]) + piece for piece in pieces)
        own = NameMatcher(part)
        assert (subset.owner, subset.keys) == (own.owner, own.keys)
        assert found(subset, text) == found(own, text), (names, part, text)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert found(subset, text, start, end) == found(own, text, start, end)
        numbers = {key: str(number) for number, key in enumerate(names)}
        renamed = everyone.renamed(numbers)
        own = NameMatcher({numbers[key]: forms for key, forms in names.items()})
        assert (renamed.owner, renamed.keys) == (own.owner, own.keys)
        assert found(renamed, text) == found(own, text)
    assert shared > 1000  # most subsets did share the automaton


def test_renamed_keys_must_stay_apart():
    with pytest.raises(ValueError, match="two keys would get one name"):
        NameMatcher({"a": ["A"], "b": ["B"]}).renamed({"a": "x", "b": "x"})


def test_a_subset_owns_a_name_the_whole_shares():
    everyone = NameMatcher({"Kim Jong-un": ["Kim Jong-un", "Kim"], "Kim Yo-jong": ["Kim"]})
    assert found(everyone, "Kim et Kim Jong-un") == [(7, 18, "Kim Jong-un", "Kim Jong-un")]
    alone = everyone.subset({"Kim Jong-un": ["Kim Jong-un", "Kim"]})
    assert found(alone, "Kim et Kim Jong-un") == [
        (0, 3, "Kim", "Kim Jong-un"),
        (7, 18, "Kim Jong-un", "Kim Jong-un"),
    ]
    assert found(everyone.subset({}), "Kim") == []


def test_irregular_spaces_are_runs_that_are_not_one_plain_space():
    """The quick regex of irregular runs of spaces finds what its plain form finds."""
    from newstext.names import _IRREGULAR_SPACE

    plain = re.compile(r"\s{2,}|[^\S ]")
    rng = random.Random(17)
    for _ in range(20000):
        text = "".join(rng.choice(" \n\t\u00a0\u2028\u3000ab") for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in _IRREGULAR_SPACE.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], repr(text)


def test_a_text_whose_only_odd_spaces_are_lone_line_breaks_is_read_as_collapsed():
    """A text whose irregular runs of spaces are all one line break (an article's text, a
    block a line) is made one space a break, in place: what collapsing its runs gives, each
    place where it was."""
    from newstext.names import _IRREGULAR_SPACE, _collapsed, _place, _prepared

    def place(runs, index):
        return index if runs is None else _place(runs, index)

    rng = random.Random(23)
    quick = 0
    for _ in range(20000):
        text = "".join(rng.choice(" \n\n\t\u00a0\u2028\xad’ab") for _ in range(rng.randint(0, 12)))
        first = rng.randint(0, len(text))
        end = rng.randint(first, len(text))
        stretch = text[first:end]
        runs, collapsed = (None, stretch)
        if _IRREGULAR_SPACE.search(stretch):
            runs, collapsed = _collapsed(stretch)
        got_runs, got, folded = _prepared(text, first, end)
        assert got == collapsed and folded == collapsed.replace("’", "'"), repr(text)
        assert [place(got_runs, i) for i in range(len(got))] == [
            place(runs, i) for i in range(len(collapsed))
        ], repr(stretch)
        quick += got_runs is None and runs is not None
    assert quick > 500  # line breaks alone were read so, and compared


def test_matchers_sharing_an_automaton_read_one_text_in_turn(monkeypatch):
    """An article's matchers (all its names, its people, its names under numbers) share one
    automaton and read its text one after the other: the whole words found by the first are
    kept for the next. Each finds what its own regex finds, whatever read the text before."""
    import newstext.names as names_module

    reused = 0
    keep = names_module._whole_words

    def counting(automaton, raw, folded, lowest):
        nonlocal reused
        last = names_module._last_words
        reused += last[0] is automaton and last[1] is folded and last[2] == lowest
        return keep(automaton, raw, folded, lowest)

    monkeypatch.setattr(names_module, "_whole_words", counting)
    rng = random.Random(29)
    base = ["Kim", "Kim Jong-un", "Jong-un", "Kim Yo-jong", "Conseil de l'ONU", "l'ONU",
            "ONU", "Vladimir Poutine", "Poutine", "New York", "New York Times", "A"]  # fmt: skip
    glue = [" ", ", ", "-", "'", "’", ".", "\n", "  ", "\u00a0", "a", "\xad"]
    for _ in range(2000):
        names = {f"k{n}": rng.sample(base, rng.randint(1, 3)) for n in range(rng.randint(1, 5))}
        everyone = NameMatcher(names)
        people = everyone.subset({k: v for k, v in names.items() if rng.random() < 0.5})
        numbered = everyone.renamed({key: str(number) for number, key in enumerate(names)})
        pieces = [variant(rng.choice(base), rng) if rng.random() < 0.6 else rng.choice(glue)
                  for _ in range(rng.randint(0, 14))]  # fmt: skip
        text = "".join(rng.choice(["", " "]) + piece for piece in pieces)
        start = rng.choice([0, rng.randint(0, len(text))])
        end = rng.choice([None, rng.randint(start, len(text))])
        for matcher in rng.sample([everyone, people, numbered, everyone, people], 5):
            assert found(matcher, text, start, end) == by_regex(matcher, text, start, end), (
                names, text, start, end,
            )  # fmt: skip
    assert reused > 3000  # the later matchers did take the words the first found
