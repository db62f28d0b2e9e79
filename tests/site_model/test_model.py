"""The site model as pure functions: entities, counts, timelines and editions agree."""

import datetime as dt

import pytest
from entities.aliases import AliasBook
from site_model.analysis import ArticleInput, analyse, text_forms
from site_model.model import ArticleCard, ArticleFacts, EntityArticle, build_site_model, text_digest

PARIS = dt.timezone(dt.timedelta(hours=2))


def facts(slug: str, day: int, body: str, **names) -> ArticleFacts:
    names = {kind: tuple(names.get(kind, ())) for kind in ("person", "place", "organisation")}
    forms = {name: text_forms(name, kind) for kind, group in names.items() for name in group}
    date = dt.datetime(2023, 9, day, 10, tzinfo=PARIS)
    given = ArticleInput(body, "fr", date.date(), names, forms)
    card = ArticleCard(slug, f"articles/{slug}.html", slug.title(), date, "fr", "RFI", "Résumé")
    ANALYSES[slug] = analyse(given)
    return ArticleFacts(card, names, ANALYSES[slug])


ANALYSES = {}  # slug -> its analysis, as the model got it


@pytest.fixture(scope="module")
def model():
    return build_site_model(
        [
            facts(
                "sommet", 13,
                "<p>Vladimir Poutine a reçu Kim Jong‑un à Vostotchny, loin de Moscou. "
                "Poutine l’a dit.</p>"
                "<p>Le cosmodrome de Vostotchny est entré en service il y a sept ans.</p>",
                person=["Vladimir Poutine", "Kim Jong-un"], place=["Vostotchny", "Moscou"],
            ),
            facts(
                "retour", 14,
                "<p>Poutine est rentré à Moscou. « C’est fini », a déclaré Poutine.</p>",
                person=["Poutine"], place=["Moscou"],
            ),
            facts("seoul", 20, "<p>Séoul observe Moscou en 2022.</p>", place=["Séoul", "Moscou"]),
        ],
        AliasBook(),
        "fr",
    )  # fmt: skip


def test_a_lone_surname_joins_the_full_name_and_its_mentions_add_up(model):
    """ "Poutine" alone joins Vladimir Poutine: both articles also name Moscou (evidence)."""
    view = model.views["Vladimir Poutine"]
    assert view.entity.article_ids == ["retour", "sommet"]  # newest first
    assert view.mention_count == 2 + 2
    assert "Poutine" not in model.views


def test_an_article_lists_its_entities_most_named_first(model):
    assert [v.key for v in model.articles["sommet"].entities] == [
        "Vladimir Poutine",
        "Vostotchny",
        "Kim Jong-un",
        "Moscou",
    ]
    assert model.articles["retour"].entity_of == {
        "Poutine": "Vladimir Poutine",
        "Moscou": "Moscou",
    }


def test_entity_page_timeline_and_counts_agree(model):
    """The sentence an entity page quotes, its timeline's events and its count come from the
    same mentions: an event is on the timeline of exactly the entities its sentence names."""
    kim = model.views["Kim Jong-un"]
    [item] = model.entity_articles["Kim Jong-un"]
    assert item.sentence == "Vladimir Poutine a reçu Kim Jong‑un à Vostotchny, loin de Moscou."
    assert kim.mention_count == 1
    events = [e for e in model.timelines["Vostotchny"] if e.kind == "event"]
    assert [(e.date, e.expression) for e in events] == [(dt.date(2016, 1, 1), "il y a sept ans")]
    assert all(e.kind == "article" for e in model.timelines["Kim Jong-un"])
    for key, entries in model.timelines.items():
        for entry in entries:
            if entry.kind == "event":
                assert key in {v.key for v in entry.entities}


def test_quotes_go_to_the_merged_entity(model):
    [quote] = model.quotes["Vladimir Poutine"]
    assert (quote.text, quote.article.slug) == ("C’est fini", "retour")


def test_site_timeline_oldest_first_and_editions(model):
    assert [e.date for e in model.timeline] == sorted(e.date for e in model.timeline)
    assert [e.key for e in model.day_editions] == ["2023-09-13", "2023-09-14", "2023-09-20"]
    assert [e.key for e in model.week_editions] == ["2023-W37", "2023-W38"]
    first_week = model.week_editions[0]
    assert [c.slug for c in first_week.articles] == ["sommet", "retour"]  # most entities lead
    assert first_week.next is model.week_editions[1]


def test_related_articles_share_entities(model):
    """retour shares Poutine and Moscou with sommet, Moscou only with seoul."""
    assert model.articles["retour"].related == ("sommet", "seoul")
    assert set(model.articles["seoul"].related) == {"retour", "sommet"}


def test_render_keys_change_with_what_a_card_shows():
    one = build_site_model([facts("a", 1, "<p>Kim parle.</p>", person=["Kim"])], AliasBook(), "fr")
    two = build_site_model(
        [facts("a", 1, "<p>Kim parle. Kim rit.</p>", person=["Kim"])], AliasBook(), "fr"
    )
    # Its count changed: its own page shows it, a link to it elsewhere does not.
    assert one.views["Kim"].page_key != two.views["Kim"].page_key
    assert one.views["Kim"].render_key == two.views["Kim"].render_key
    same = build_site_model([facts("a", 1, "<p>Kim parle.</p>", person=["Kim"])], AliasBook(), "fr")
    assert one.cards["a"].render_key == same.cards["a"].render_key


def test_an_entity_page_lists_its_articles_with_the_first_sentence_naming_it(model):
    """Checked against a plain reading of the analyses: the sentence of the first mention
    (of any name of the article that became the entity), else none."""
    for key, view in model.views.items():
        items = model.entity_articles[key]
        assert [item.article for item in items] == [model.cards[s] for s in view.entity.article_ids]
        for item in items:
            slug = item.article.slug
            analysis = ANALYSES[slug]
            names = {n for n, k in model.articles[slug].entity_of.items() if k == key}
            starts = [m.start for m in analysis.mentions if m.name in names]
            expected = None
            for start in starts:
                index = analysis.sentence_at(start)
                if index is not None:
                    expected = analysis.sentence(index)
                    break
            assert item.sentence == expected
            # the key of an item is the one made before items were worked out at creation
            assert item.render_key == text_digest(
                "entity article", item.article.render_key, item.sentence
            )


def test_an_entity_page_item_key_changes_with_its_card_and_its_sentence(model):
    card = model.cards["sommet"]
    other = model.cards["retour"]
    keys = {
        EntityArticle(card, "Une phrase.").render_key,
        EntityArticle(card, "Une autre phrase.").render_key,
        EntityArticle(card, None).render_key,
        EntityArticle(other, "Une phrase.").render_key,
    }
    assert len(keys) == 4
    assert EntityArticle(card, None) == EntityArticle(card, None)
    assert EntityArticle(card, None).render_key == EntityArticle(card, None).render_key


def test_each_entity_timeline_is_the_site_timeline_read_for_it(model):
    assert [e.sort_key for e in model.timeline] == sorted(e.sort_key for e in model.timeline)
    assert model.timelines  # an event and articles name entities
    for key, entries in model.timelines.items():
        assert entries == [e for e in model.timeline if key in {v.key for v in e.entities}]
    for slug, article in model.articles.items():
        assert all(e.article is model.cards[slug] for e in article.events)


def test_an_entitys_articles_and_co_mentions_are_made_when_first_asked_for(monkeypatch):
    """A rebuild renders the pages of a few entities: the others' lists are never made."""
    from entities.registry import Registry

    asked = []
    real = Registry.co_mentioned
    monkeypatch.setattr(
        Registry,
        "co_mentioned",
        lambda self, key, limit=10: asked.append(key) or real(self, key, limit),
    )
    built = build_site_model(
        [
            facts("un", 1, "<p>Kim à Moscou. Kim rentre.</p>", person=["Kim"], place=["Moscou"]),
            facts("deux", 2, "<p>Moscou sans Kim.</p>", person=["Kim"], place=["Moscou"]),
        ],
        AliasBook(),
        "fr",
    )
    assert asked == []
    assert sorted(built.co_mentioned) == sorted(built.entity_articles) == ["Kim", "Moscou"]
    assert [(view.key, n) for view, n in built.co_mentioned["Kim"]] == [("Moscou", 2)]
    assert built.co_mentioned["Kim"] is built.co_mentioned["Kim"]  # made once
    assert asked == ["Kim"]
    kim = built.entity_articles["Kim"]
    assert [(item.article.slug, item.sentence) for item in kim] == [
        ("deux", "Moscou sans Kim."),
        ("un", "Kim à Moscou."),
    ]
    # Moscou is named in the same sentence of "un": one item serves both entities.
    assert built.entity_articles["Moscou"][1] is kim[1]
    with pytest.raises(KeyError):
        built.entity_articles["Séoul"]


def three_articles() -> list[ArticleFacts]:
    return [
        facts("un", 1, "<p>Kim à Moscou.</p>", person=["Kim"], place=["Moscou"]),
        facts("deux", 2, "<p>Moscou sans Kim.</p>", person=["Kim"], place=["Moscou"]),
        facts("trois", 3, "<p>Séoul et Moscou.</p>", place=["Séoul", "Moscou"]),
    ]


def related(built) -> dict[str, tuple[str, ...]]:
    return {slug: known.related for slug, known in built.articles.items()}


def test_related_articles_come_from_an_earlier_build_by_what_they_were_made_from():
    first = build_site_model(three_articles(), AliasBook(), "fr")
    assert related(first)["un"] == ("deux", "trois")
    assert len(first.related_inputs) == 3  # one digest per article
    again = build_site_model(three_articles(), AliasBook(), "fr", first.related_inputs)
    assert related(again) == related(first) and again.related_inputs == first.related_inputs
    # What the earlier build says is taken as it is: planted, it comes back.
    planted = {inputs: ["trois"] for inputs in first.related_inputs}
    taken = build_site_model(three_articles(), AliasBook(), "fr", planted)
    assert set(related(taken).values()) == {("trois",)}


@pytest.mark.parametrize("answer", [["gone"], "deux", [3], None, [["deux"]]])
def test_an_earlier_answer_that_names_no_article_of_this_build_is_worked_out_again(answer):
    first = build_site_model(three_articles(), AliasBook(), "fr")
    stale = {inputs: answer for inputs in first.related_inputs}
    assert related(build_site_model(three_articles(), AliasBook(), "fr", stale)) == related(first)


def test_a_new_article_in_a_window_works_that_articles_related_out_again():
    first = build_site_model(three_articles(), AliasBook(), "fr")
    planted = {inputs: ["trois"] for inputs in first.related_inputs}
    fourth = facts("quatre", 4, "<p>Kim revient.</p>", person=["Kim"])
    built = build_site_model([*three_articles(), fourth], AliasBook(), "fr", planted)
    # "quatre" is in Kim's window of "un": worked out again. "trois" names no Kim: its windows
    # (Séoul's, Moscou's) are as they were, and it keeps the earlier (here planted) answer.
    assert related(built)["un"] == ("deux", "quatre", "trois")
    assert related(built)["trois"] == ("trois",)
