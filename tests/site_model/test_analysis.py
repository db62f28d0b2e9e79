"""One analysis per article: text, sentences, mentions, quotes, events and links, as data."""

import datetime as dt

from site_model.analysis import Analysis, ArticleInput, analyse, link_body, text_forms

BODY = (
    "<h2>Kim Jong-un à Vostotchny</h2>"
    "<p>Le président russe Vladimir Poutine a reçu Kim Jong‑un au cosmodrome de "
    "Vostotchny, entré en service il y a sept ans.</p>"
    "<p>« Nous sommes très contents », a déclaré Poutine. Le Conseil de sécurité de l’ONU "
    "n’a rien dit. <code>Poutine</code></p>"
)
NAMES = {
    "person": ("Vladimir Poutine", "Kim Jong-un"),
    "place": ("Vostotchny",),
    "organisation": ("Conseil de sécurité de l'ONU",),
}


def article(body: str = BODY, names: dict = NAMES) -> ArticleInput:
    forms = {name: text_forms(name, kind) for kind, group in names.items() for name in group}
    return ArticleInput(body, "fr", dt.date(2023, 9, 13), names, forms)


def test_text_is_one_block_a_line_and_sentences_are_offsets():
    found = analyse(article())
    lines = found.text.split("\n")
    assert lines[0] == "Kim Jong-un à Vostotchny"
    assert lines[1].startswith("Le président russe Vladimir Poutine a reçu")
    assert [found.sentence(i) for i in range(len(found.sentences))][2:4] == [
        "« Nous sommes très contents », a déclaré Poutine.",
        "Le Conseil de sécurité de l’ONU n’a rien dit.",
    ]


def test_mentions_any_hyphen_and_apostrophe_with_their_metadata_name():
    found = analyse(article())
    named = [(found.text[m.start : m.end], m.name) for m in found.mentions]
    assert named == [
        ("Kim Jong-un", "Kim Jong-un"),
        ("Vostotchny", "Vostotchny"),
        ("Vladimir Poutine", "Vladimir Poutine"),
        ("Kim Jong‑un", "Kim Jong-un"),
        ("Vostotchny", "Vostotchny"),
        ("Poutine", "Vladimir Poutine"),
        ("Conseil de sécurité de l’ONU", "Conseil de sécurité de l'ONU"),
        ("Poutine", "Vladimir Poutine"),
    ]


def test_quotes_and_events_point_at_sentences_and_metadata_names():
    found = analyse(article())
    [quote] = found.quotes
    assert (quote.speaker, quote.text) == ("Vladimir Poutine", "Nous sommes très contents")
    assert found.sentence(quote.sentence).startswith("« Nous sommes")
    [event] = found.events
    assert (event.date, event.precision, event.expression) == (
        dt.date(2016, 1, 1),
        "year",
        "il y a sept ans",
    )
    assert event.names == ("Vladimir Poutine", "Kim Jong-un", "Vostotchny")


def test_first_mention_of_each_name_linked_never_in_headings_or_code():
    found = analyse(article())
    assert found.linked == (
        "Vladimir Poutine",
        "Kim Jong-un",
        "Vostotchny",
        "Conseil de sécurité de l'ONU",
    )
    assert "<h2>Kim Jong-un à Vostotchny</h2>" in found.body
    assert "<code>Poutine</code>" in found.body
    assert found.body.count('href="entity:') == 4
    urls = {"Vladimir Poutine": "p.html", "Kim Jong-un": "k.html", "Vostotchny": "v.html"}
    linked = link_body(found.body, found.linked, urls)
    assert '<a class="entity-link" href="k.html">Kim Jong‑un</a>' in linked
    assert "entity:" not in linked
    assert "de sécurité de l’ONU" in linked  # no page: its words stay, unlinked


def test_two_names_of_one_entity_link_once():
    body = (
        '<p><a class="entity-link" href="entity:0">Poutine</a> et '
        '<a class="entity-link" href="entity:1">Putin</a></p>'
    )
    assert link_body(body, ["Poutine", "Putin"], {"Poutine": "p.html", "Putin": "p.html"}) == (
        '<p><a class="entity-link" href="p.html">Poutine</a> et Putin</p>'
    )


def test_a_name_removed_from_the_metadata_is_not_looked_for():
    names = {"person": ("Kim Jong-un",), "place": (), "organisation": ()}
    found = analyse(article(names=names))
    assert {m.name for m in found.mentions} == {"Kim Jong-un"}
    assert found.quotes == ()  # Poutine is no longer a person of the article


def test_round_trip_through_json():
    found = analyse(article())
    assert Analysis.from_json(found.as_json()) == found


def test_sentence_at():
    found = analyse(article())
    first_end = found.sentences[0][1]
    assert found.sentence_at(0) == 0
    assert found.sentence_at(first_end) in (None, 1)
    assert found.sentence_at(len(found.text) + 5) is None


def test_text_forms_of_people():
    assert text_forms("Kim Jong-un", "person") == ("Kim Jong-un", "Jong-un", "Kim")
    assert text_forms("Vostotchny", "place", ["Vostochny"]) == ("Vostotchny", "Vostochny")
    assert text_forms("Xi", "person") == ("Xi",)


def test_dated_events_are_bounded_in_a_hostile_text():
    """A 2 MB line repeating dates gives at most EVENTS_MAX events, read in the first
    EVENTS_MAX_CHARS characters: the timeline of one article stays a page, not hundreds."""
    from site_model.analysis import EVENTS_MAX, EVENTS_MAX_CHARS

    body = "<p>" + "Hier, demain, en 2016 ; " * 80_000 + "</p>"
    found = analyse(article(body=body, names={"person": (), "place": (), "organisation": ()}))
    assert len(found.events) == EVENTS_MAX
    assert all(found.sentences[e.sentence][0] < EVENTS_MAX_CHARS for e in found.events)


def test_the_names_of_a_sentence_are_those_a_search_of_the_sentence_finds():
    """An event's names come from the mentions of the whole text, unless one crosses an end of
    the sentence (a name that runs over a sentence's period): then the sentence is searched
    (``_keys_between``). Either way the same as searching the sentence alone."""
    import bisect
    import random

    from newstext.names import NameMatcher
    from newstext.sentences import split_sentences
    from site_model.analysis import _keys_between

    rng = random.Random(5)
    base = ["Jean. Paul", "Paul", "Jean", "Paul Dupont", "Dupont. Le", "Le Monde", "M. Kim",
            "Kim", "Kim. Il", "Il", "U.S. Army", "Army"]  # fmt: skip
    glue = [" ", ". ", "! ", "\n", " « ", " » ", ", ", "  ", "a"]
    searched = 0
    for _ in range(1500):
        names = {f"k{n}": rng.sample(base, rng.randint(1, 3)) for n in range(rng.randint(1, 4))}
        matcher = NameMatcher(names)
        text = "".join(rng.choice([rng.choice(base), rng.choice(glue)]) for _ in range(16))
        found = list(matcher.finditer(text))
        starts = [f.start for f in found]
        for offset, sentence in split_sentences(text):
            start, end = offset, offset + len(sentence)
            alone = tuple(dict.fromkeys(f.key for f in matcher.finditer(text, start, end)))
            assert _keys_between(text, found, starts, start, end, matcher) == alone, (text, start)
            first = bisect.bisect_left(starts, start)
            searched += first > 0 and found[first - 1].end > start
    assert searched > 50  # names did cross sentences: the search was needed and compared


def test_dated_events_given_the_sentences_are_the_same():
    from newstext.sentences import split_sentences
    from timelines.textdates import find_dated_events

    text = analyse(article()).text + "\nHier, le 5 mai. Mardi dernier, en 2016 (2017)."
    published = dt.date(2023, 9, 13)
    given = find_dated_events(text, "fr", published, split_sentences(text))
    assert given == find_dated_events(text, "fr", published) and len(given) >= 5
