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
