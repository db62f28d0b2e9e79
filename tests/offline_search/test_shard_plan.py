"""Shards of the search index: cut from the oldest article, and which of them to index again."""

from __future__ import annotations

import json
import random
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from offline_search.settings import SettingsError, search_settings
from offline_search.shards import (
    BODY_TAG,
    IndexedArticle,
    body_tags,
    bundle_folder,
    changed_pages,
    cut_shards,
    indexed_part,
    load_state,
    save_state,
    shard_number,
    shards_manifest,
    shards_to_index,
    stale_shards,
)

PARIS = timezone(timedelta(hours=1))


def day(number: int, hour: int = 10) -> datetime:
    return datetime(2024, 1, number, hour, tzinfo=PARIS)


def articles(*specs: tuple[int, str]) -> list[IndexedArticle]:
    return [IndexedArticle(day(n), slug, f"articles/{slug}.html") for n, slug in specs]


def pages(*slugs: str) -> tuple[str, ...]:
    return tuple(f"articles/{slug}.html" for slug in slugs)


SITE = articles((5, "e"), (1, "a"), (3, "c"), (2, "b"), (4, "d"))


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (2, [pages("a", "b"), pages("c", "d"), pages("e")]),
        (3, [pages("a", "b", "c"), pages("d", "e")]),
        (5, [pages("a", "b", "c", "d", "e")]),
        (500, [pages("a", "b", "c", "d", "e")]),
        (1, [pages(s) for s in "abcde"]),
    ],
)
def test_shards_are_cut_from_the_oldest_article(size, expected):
    assert cut_shards(SITE, size) == expected


def test_articles_of_one_time_are_ordered_by_slug_and_time_zones_compare():
    same = [
        IndexedArticle(day(1), "zebre", "articles/zebre.html"),
        IndexedArticle(day(1), "abeille", "articles/abeille.html"),
        # 10:00 in Paris is 09:00 UTC: earlier than 09:30 UTC
        IndexedArticle(datetime(2024, 1, 1, 9, 30, tzinfo=UTC), "b", "articles/b.html"),
    ]
    assert cut_shards(same, 10) == [pages("abeille", "zebre", "b")]


def test_a_page_listed_twice_counts_once_and_an_empty_site_has_no_shard():
    twice = [*articles((1, "a")), IndexedArticle(day(2), "a-en", "articles/a.html")]
    assert cut_shards(twice, 2) == [pages("a")]
    assert cut_shards([], 2) == []
    with pytest.raises(ValueError):
        cut_shards(SITE, 0)


def test_a_newest_article_changes_only_the_last_shard_an_old_one_shifts_those_after():
    before = cut_shards(SITE, 2)
    newest = cut_shards([*SITE, *articles((9, "f"))], 2)
    assert newest[:2] == before[:2] and newest[2] == pages("e", "f")
    older = cut_shards([*SITE, IndexedArticle(day(3, 8), "bb", "articles/bb.html")], 2)
    assert older[0] == before[0] and older[1:] != before[1:]


SHARDS = [pages("a", "b"), pages("c", "d"), pages("e")]
RECORDED = {n: {page: f"digest of {page}" for page in shard} for n, shard in enumerate(SHARDS)}
ALL = {0, 1, 2}


@pytest.mark.parametrize(
    ("shards", "recorded", "touched", "bundles", "expected"),
    [
        (SHARDS, RECORDED, set(), ALL, []),  # nothing changed
        (SHARDS, RECORDED, set(pages("c")), ALL, [1]),  # what Pagefind reads of it changed
        (SHARDS, RECORDED, set(pages("a", "e")), ALL, [0, 2]),
        (SHARDS, RECORDED, None, ALL, [0, 1, 2]),  # what changed is not known
        (SHARDS, {}, set(), ALL, [0, 1, 2]),  # nothing recorded
        (SHARDS, RECORDED, set(), {0, 2}, [1]),  # a bundle is missing
        ([*SHARDS[:2], pages("e", "f")], RECORDED, set(pages("f")), ALL | {3}, [2]),  # added
        ([*SHARDS[:2], pages("e", "f")], RECORDED, set(), ALL, [2]),  # other pages
        ([pages("a", "c"), pages("d", "e")], RECORDED, set(pages("b")), ALL, [0, 1]),  # removed
    ],
    ids=[
        "nothing", "one changed", "two changed", "unknown", "no record",
        "bundle missing", "newest added", "membership", "an old one removed",
    ],
)  # fmt: skip
def test_which_shards_are_indexed_again(shards, recorded, touched, bundles, expected):
    assert shards_to_index(shards, recorded, touched, bundles) == expected


def digests_now(**changed):
    """The digests of the pages as they are now: as recorded but for ``changed``; gone: None."""

    def digest_of(page):
        slug = page.removeprefix("articles/").removesuffix(".html")
        return changed.get(slug, f"digest of {page}") if slug != "gone" else None

    return digest_of


@pytest.mark.parametrize(
    ("touched", "changed", "expected"),
    [
        (None, {}, None),  # not known
        (set(), {}, set()),
        ({"index.html", "entities/x.html"}, {}, set()),  # no article page
        (set(pages("a", "c")), {}, set()),  # rewritten, same indexed part (a related link)
        (set(pages("a", "c")), {"c": "other"}, set(pages("c"))),
        (set(pages("e")), {"e": "other", "a": "other"}, set(pages("e"))),  # only those touched
        (set(pages("f")), {}, set()),  # a new page: its shard's membership changed
    ],
)
def test_pages_whose_indexed_part_changed(touched, changed, expected):
    assert changed_pages(touched, RECORDED, digests_now(**changed)) == expected


def test_a_removed_page_changed():
    recorded = {0: {"articles/gone.html": "x"}}
    assert changed_pages({"articles/gone.html"}, recorded, digests_now()) == {"articles/gone.html"}


ARTICLE = """<html lang="fr"><head><title>T</title></head><body><nav>menu</nav>
<article class="article" data-pagefind-body><h1 data-pagefind-meta="title">T</h1>
<article class="quote">inner</article><p>text <span data-pagefind-filter="person">P</span></p>
</article>
<nav class="pager"><a rel="next" href="b.html">B</a></nav>
<section class="related"><a href="c.html">C</a></section></body></html>"""
BODY = ARTICLE[ARTICLE.index('<article class="article"') : ARTICLE.index("\n<nav class")]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (ARTICLE, BODY),  # links outside the indexed body do not count
        (ARTICLE.replace("B</a>", "Other</a>"), BODY),
        (ARTICLE.replace("<nav>menu", '<nav data-pagefind-filter="x">menu'), None),  # outside
        (ARTICLE.replace("<body>", "<body><main data-pagefind-body>x</main>"), None),  # two
        (ARTICLE.replace(" data-pagefind-body", ""), None),  # none: Pagefind reads <body>
        (ARTICLE.replace("</article>\n<nav", "\n<nav"), None),  # does not close
    ],
    ids=["article", "other pager", "filter outside", "two bodies", "no body", "unclosed"],
)
def test_what_pagefind_reads_of_a_page(page, expected):
    assert indexed_part(page) == (page if expected is None else expected)


PIECES = [
    "<",
    ">",
    " ",
    "\n",
    "main",
    "<main",
    "</main>",
    "<MAIN ",
    "<b>",
    "</b>",
    '"',
    "=",
    "x",
    "data-pagefind-body",
    " data-pagefind-body",
    ' data-pagefind-filter="p"',
    "-x",
    "data-",
]


def reference_part(html: str) -> str:
    """What ``indexed_part`` must give: its rule with the regex run over the whole page."""
    bodies = list(BODY_TAG.finditer(html))
    if len(bodies) != 1:
        return html
    body, depth = bodies[0], 1
    same_name = re.compile(rf"<(/?){body.group(1)}(?=[\s/>])[^>]*>", re.IGNORECASE)
    for tag in same_name.finditer(html, body.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            before, after = html[: body.start()], html[tag.end() :]
            outside = "data-pagefind-" in before or "data-pagefind-" in after
            return html if outside else html[body.start() : tag.end()]
    return html


def test_body_tags_are_found_as_the_regex_over_the_whole_page_finds_them():
    made = random.Random(9)

    def soup(most: int) -> str:
        return "".join(made.choices(PIECES, k=made.randint(0, most)))

    pages = [ARTICLE] + [soup(40) for _ in range(10000)]  # mostly no body, or several
    pages += [f"{soup(8)}<main data-pagefind-body>{soup(12)}</main>{soup(8)}" for _ in range(10000)]
    for page in pages:
        spans = [(m.span(), m.group(1)) for m in body_tags(page)]
        assert spans == [(m.span(), m.group(1)) for m in BODY_TAG.finditer(page)], page
        assert indexed_part(page) == reference_part(page), page
    assert sum(len(body_tags(page)) == 1 for page in pages) > 5000  # the rule's cases all met
    assert sum(indexed_part(page) != page for page in pages) > 1000


class CountedFinds(str):
    """A page that counts the searches for each string in it."""

    def find(self, sub, *places):
        self.finds[sub] = self.finds.get(sub, 0) + 1
        return super().find(sub, *places)


def test_a_page_full_of_the_attribute_is_searched_once_per_stretch():
    text = "data-pagefind-body " * 20000  # an article about Pagefind, pasted over and over
    page = CountedFinds(f'<main data-pagefind-body id="x"><p>{text}</p></main>{text}<br>')
    page.finds = {}
    assert [m.group(1) for m in body_tags(page)] == ["main"]
    assert page.finds[">"] == 3  # the stretches that hold the attribute, not its 40,001 places
    assert indexed_part(page) == page  # written outside the body too: the whole page


def test_bundles_of_shards_gone_are_stale():
    assert stale_shards(3, [0, 1, 2]) == []
    assert stale_shards(1, [0, 1, 2]) == [1, 2]


def test_bundle_folders_and_the_list_the_browser_reads():
    assert [bundle_folder(n) for n in range(3)] == ["", "shard-1", "shard-2"]
    assert [shard_number(f) for f in ("shard-1", "shard-10", "shard-01", "shard-x", "index")] == [
        1, 10, None, None, None,
    ]  # fmt: skip
    assert json.loads(shards_manifest(1)) == {"bundles": []}
    assert json.loads(shards_manifest(3)) == {"bundles": ["shard-1/", "shard-2/"]}


def test_state_round_trips_and_is_forgotten_for_another_index(tmp_path):
    path = tmp_path / "cache" / "search-shards.json"
    assert load_state(path, "key") == {}
    save_state(path, "key", RECORDED)
    assert load_state(path, "key") == RECORDED
    assert load_state(path, "pagefind 2 en") == {}
    path.write_text('{"format": 1, "index": "key", "shards": [', encoding="utf-8")
    assert load_state(path, "key") == {}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "SEARCH_SHARD_SIZE = 0: expected a whole number above 0"),
        ("500", "SEARCH_SHARD_SIZE = '500': expected a whole number above 0"),
        (True, "SEARCH_SHARD_SIZE = True: expected a whole number above 0"),
    ],
)
def test_a_wrong_shard_size_is_named_with_what_fits(value, message):
    with pytest.raises(SettingsError) as raised:
        search_settings({"SEARCH_SHARD_SIZE": value})
    assert str(raised.value) == message


def test_search_settings_defaults():
    assert search_settings({}) == {"SEARCH_INDEX": True, "SEARCH_SHARD_SIZE": 500}
