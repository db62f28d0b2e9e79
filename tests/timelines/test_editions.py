"""Digest editions: day and ISO-week keys, grouping, neighbours, the timeline tree; entries."""

import datetime
import json
from types import SimpleNamespace

import pytest
from timelines.editions import (
    day_key,
    group_by_day,
    group_by_iso_week,
    group_for_timeline,
    iso_week_bounds,
    iso_week_key,
    neighbours,
)
from timelines.entries import (
    article_entry,
    event_entries,
    timelinejs,
    timelinejs_document,
    timelinejs_event,
    timelinejs_events_json,
    timelinejs_years,
)

d = datetime.date


def test_day_key():
    assert day_key(d(2023, 9, 13)) == "2023-09-13"
    assert day_key(datetime.datetime(2023, 9, 13, 23, 59)) == "2023-09-13"


@pytest.mark.parametrize(
    ("day", "key"),
    [
        (d(2023, 9, 13), "2023-W37"),
        (d(2020, 12, 27), "2020-W52"),
        (d(2020, 12, 28), "2020-W53"),
        (d(2020, 12, 31), "2020-W53"),
        (d(2021, 1, 3), "2020-W53"),
        (d(2021, 1, 4), "2021-W01"),
        (d(2018, 12, 30), "2018-W52"),
        (d(2018, 12, 31), "2019-W01"),
        (d(2016, 1, 3), "2015-W53"),
        (d(2026, 12, 31), "2026-W53"),
    ],
)
def test_iso_week_key_across_year_ends(day, key):
    assert iso_week_key(day) == key
    monday, sunday = iso_week_bounds(key)
    assert monday <= day <= sunday


@pytest.mark.parametrize(
    ("key", "monday", "sunday"),
    [
        ("2023-W37", d(2023, 9, 11), d(2023, 9, 17)),
        ("2020-W53", d(2020, 12, 28), d(2021, 1, 3)),
        ("2021-W01", d(2021, 1, 4), d(2021, 1, 10)),
        ("2019-W01", d(2018, 12, 31), d(2019, 1, 6)),
        ("2018-W52", d(2018, 12, 24), d(2018, 12, 30)),
    ],
)
def test_iso_week_bounds(key, monday, sunday):
    assert iso_week_bounds(key) == (monday, sunday)
    assert monday.weekday() == 0 and sunday.weekday() == 6


@pytest.mark.parametrize("key", ["2021-W53", "2023-W00", "2023-37", "2023-W7", "nonsense"])
def test_iso_week_bounds_rejects_what_is_not_a_week(key):
    with pytest.raises(ValueError) as error:
        iso_week_bounds(key)
    assert str(error.value) == (
        f"{key!r} is not an ISO week key; expected YYYY-Www with a week that exists in that "
        "year, such as '2023-W37' or '2020-W53'"
    )


def article(slug, when):
    return SimpleNamespace(slug=slug, date=when)


ARTICLES = [
    article("a", datetime.datetime(2020, 12, 31, 9)),
    article("b", datetime.datetime(2021, 1, 4, 8)),
    article("c", datetime.datetime(2021, 1, 3, 22)),
    article("d", datetime.datetime(2020, 12, 31, 7)),
    article("e", datetime.datetime(2018, 12, 31, 12)),
]


def slugs(groups):
    return {key: [a.slug for a in items] for key, items in groups.items()}


def test_group_by_day_newest_first_input_order_within():
    groups = group_by_day(ARTICLES)
    assert list(groups) == ["2021-01-04", "2021-01-03", "2020-12-31", "2018-12-31"]
    assert slugs(groups)["2020-12-31"] == ["a", "d"]


def test_group_by_iso_week_across_year_ends():
    groups = group_by_iso_week(ARTICLES, key=lambda a: a.date.date())
    assert slugs(groups) == {"2021-W01": ["b"], "2020-W53": ["a", "c", "d"], "2019-W01": ["e"]}
    assert list(groups) == ["2021-W01", "2020-W53", "2019-W01"]


def test_group_of_nothing():
    assert group_by_day([]) == {}
    assert group_by_iso_week([]) == {}
    assert group_for_timeline([], lambda x: x) == []


@pytest.mark.parametrize(
    ("keys", "key", "expected"),
    [
        (["2023-W35", "2023-W37", "2023-W38"], "2023-W37", ("2023-W35", "2023-W38")),
        (["2023-W38", "2023-W37", "2023-W35"], "2023-W37", ("2023-W35", "2023-W38")),
        (["2020-W53", "2021-W01", "2019-W01"], "2020-W53", ("2019-W01", "2021-W01")),
        (["2023-09-12", "2023-09-13"], "2023-09-12", (None, "2023-09-13")),
        (["2023-09-12", "2023-09-13"], "2023-09-13", ("2023-09-12", None)),
        (["2023-09-13"], "2023-09-13", (None, None)),
        (["2023-09-10", "2023-09-20"], "2023-09-13", ("2023-09-10", "2023-09-20")),
        ([], "2023-09-13", (None, None)),
    ],
)
def test_neighbours(keys, key, expected):
    assert neighbours(keys, key) == expected


def test_group_for_timeline_newest_first_stable_within_a_day():
    items = [
        ("x", d(2016, 5, 2)),
        ("y", d(2017, 1, 9)),
        ("z", d(2016, 5, 2)),
        ("w", d(2016, 12, 1)),
        ("v", d(2016, 5, 20)),
    ]
    tree = group_for_timeline(items, lambda item: item[1])
    names = [
        (
            year,
            [(month, [(day, [i[0] for i in group]) for day, group in days]) for month, days in m],
        )
        for year, m in tree
    ]
    assert names == [
        (2017, [(1, [(9, ["y"])])]),
        (2016, [(12, [(1, ["w"])]), (5, [(20, ["v"]), (2, ["x", "z"])])]),
    ]


def test_group_for_timeline_with_precisions():
    items = [
        ("year", d(2016, 1, 1), "year"),
        ("month", d(2016, 3, 1), "month"),
        ("day", d(2016, 3, 1), "day"),
        ("later", d(2016, 7, 14), "day"),
    ]
    tree = group_for_timeline(items, lambda item: item[1], precision_of=lambda item: item[2])
    names = [
        (
            year,
            [(month, [(day, [i[0] for i in group]) for day, group in days]) for month, days in m],
        )
        for year, m in tree
    ]
    assert names == [
        (
            2016,
            [
                (7, [(14, ["later"])]),
                (3, [(1, ["day"]), (None, ["month"])]),
                (None, [(None, ["year"])]),
            ],
        )
    ]


# --- entries: titles are HTML in Pelican, text on timelines ---------------------------------


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("AT&amp;T rachète Time Warner", "AT&T rachète Time Warner"),
        ("Sommet &lt;b&gt;x&lt;/b&gt;", "Sommet <b>x</b>"),
        ("<em>Un</em> titre", "Un titre"),
        ("Déjà du texte", "Déjà du texte"),
    ],
)
def test_an_article_entry_headline_is_the_title_as_text(title, text):
    article = SimpleNamespace(title=title, date=datetime.datetime(2023, 9, 13), lang="fr", slug="a")
    assert article_entry(article, []).headline == text


def test_timelinejs_escapes_what_it_does_not_know_to_be_html():
    article = SimpleNamespace(
        title="AT&amp;T <img src=x>", date=datetime.datetime(2023, 9, 13), lang="fr", slug="a",
        summary="<p>Résumé</p>",
    )  # fmt: skip
    event = SimpleNamespace(
        date=datetime.date(2016, 1, 1), precision="year", expression="il y a", sentence="A <b> & c"
    )
    entries = [article_entry(article, []), *event_entries(article, [event], {})]
    data = timelinejs(entries, "Kim <Jong-un>", lambda a: "articles/a.html")
    assert data["title"]["text"]["headline"] == "Kim &lt;Jong-un&gt;"
    texts = [(e["text"]["headline"], e["text"]["text"]) for e in data["events"]]
    assert texts == [
        ("A &lt;b&gt; &amp; c", "A &lt;b&gt; &amp; c"),
        ("AT&amp;T", "<p>Résumé</p>"),
    ]


def story(slug: str, day: int, *years: int) -> list:
    """An article's entry and an event for each of ``years``."""
    article = SimpleNamespace(
        title=f"Titre {slug}", date=datetime.datetime(2023, 9, day), lang="fr", slug=slug,
        summary=f"<p>{slug}</p>",
    )  # fmt: skip
    events = [
        SimpleNamespace(
            date=datetime.date(year, 1, 1),
            precision="year",
            expression="en",
            sentence=f"{slug} {year}",
        )
        for year in years
    ]
    return [article_entry(article, []), *event_entries(article, events, {})]


def test_the_timeline_json_made_a_year_at_a_time_is_the_whole_documents():
    entries = story("a", 13, 2016, 1990) + story("b", 14, 2016) + story("c", 15)
    document = timelinejs(entries, "Site & co", lambda a: f"articles/{a.slug}.html")
    whole = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    years = timelinejs_years(entries)
    assert [len(year) for year in years] == [1, 2, 3]  # 1990, 2016, 2023
    parts = [
        timelinejs_events_json(
            timelinejs_event(entry, f"articles/{entry.article.slug}.html", number)
            for entry, number in year
        )
        for year in years
    ]
    encoded = [part.encode("utf-8") for part in parts]
    assert timelinejs_document("Site & co", encoded) == whole.encode("utf-8")
    runs = ["".join(parts[:1]), ",".join(parts[1:])]
    assert timelinejs_document("Site & co", [run.encode() for run in runs]) == whole.encode()


def test_an_events_unique_id_stays_when_other_articles_come():
    def ids(entries):
        document = timelinejs(entries, "", lambda a: "")
        return {e["unique_id"] for e in document["events"]}

    before = ids(story("a", 13, 2016, 1990))
    after = ids(story("z", 1, 1980, 2016) + story("a", 13, 2016, 1990))
    assert before < after
    assert before == {"event-a-1990-01-01-0", "event-a-2016-01-01-1", "article-a-2023-09-13-2"}
