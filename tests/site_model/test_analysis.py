"""One analysis per article: text, sentences, mentions, quotes, events and links, as data."""

import datetime as dt
import html
import random

import pytest
from site_model.analysis import (
    PLACEHOLDER,
    Analysis,
    ArticleInput,
    analyse,
    link_body,
    text_forms,
)

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


def link_body_by_substitution(body, linked, url_of):
    """The straightforward reading of ``link_body``: one substitution per placeholder."""
    done = set()

    def replace(match):
        number = int(match.group(1))
        url = url_of.get(linked[number]) if number < len(linked) else None
        if not url or url in done:
            return match.group(2)
        done.add(url)
        return f'<a class="entity-link" href="{html.escape(url)}">{match.group(2)}</a>'

    return PLACEHOLDER.sub(replace, body)


def test_links_are_filled_in_as_one_substitution_per_placeholder_would():
    chooser = random.Random(7)
    names = ["Kim", "Poutine", "Putin", "Séoul", "A&B"]
    for _ in range(500):
        pieces = []
        for _ in range(chooser.randint(0, 8)):
            pieces.append(chooser.choice(["<p>x ", "", " y</p>", "&amp;", "<a href='z'>q</a>"]))
            words = chooser.choice([*names, ""])
            pieces.append(
                f'<a class="entity-link" href="entity:{chooser.randint(0, 6)}">{words}</a>'
            )
        body = "".join(pieces) + chooser.choice(["", "tail", "<p>t</p>"])
        linked = chooser.sample(names, chooser.randint(0, 5))
        url_of = {
            name: chooser.choice(["a.html", "b.html", "c&d.html", ""])
            for name in names
            if chooser.random() < 0.7
        }
        assert link_body(body, linked, url_of) == link_body_by_substitution(body, linked, url_of)


def test_a_name_removed_from_the_metadata_is_not_looked_for():
    names = {"person": ("Kim Jong-un",), "place": (), "organisation": ()}
    found = analyse(article(names=names))
    assert {m.name for m in found.mentions} == {"Kim Jong-un"}
    assert found.quotes == ()  # Poutine is no longer a person of the article


def test_round_trip_through_json():
    found = analyse(article())
    assert Analysis.from_json(found.as_json()) == found


def test_the_words_of_the_text_are_counted_once_for_the_reading_time():
    found = analyse(article())
    assert found.words == len(found.text.split()) > 10
    assert Analysis.from_json(found.as_json()).words == found.words


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


TRICKY_BODIES = [
    "<p>AT&amp;T &lt;b&gt; &quot;x&quot; &#39;y&#x27; &nbsp;z&#160;&#8217;&laquo;&raquo;</p>",
    "<ul><li>Un <em>deux</em><p>trois</p> quatre</li><li><p>cinq</p></li></ul>",
    "<blockquote><p>Cité</p><p>deux</p></blockquote><p>après</p>",
    "<p>Pou<em>tine</em> et <a href='x' title=\"a b\">Kim</a></p>",
    "<p>a<br>b<br/>c<hr>d</p><p/>",
    "<p>un<p>deux</p>trois</p>",
    "<p>ouvert<li>jamais fermé",
    "<p><b><i>mal</b> imbriqué</i></p>",
    "texte sans bloc <em>du tout</em>",
    "<div>div <span>seul</span></div>",
    "<P CLASS='x'>Majuscules</P><H2>Titre</H2>",
    "<pre>  code\n\n  long  </pre><td>cellule</td>",
    "<p>commentaire<!-- <p>caché</p> --> fin</p>",
    "<p>script</p><script>var a = '<p>x</p>';</script><style>p {}</style>",
    "<p>cdata <![CDATA[ x < y ]]> fin</p>",
    "<p>a < b et c <3</p>",
    "<p>AT&T et &amp sans point-virgule, &unknown; &#0; &#128; &#xD800; &#1114112;</p>",
    "<p attr=nonquoted>x</p><p>y</br></p>",
    "<!DOCTYPE html><p>doc</p><?pi x?>",
    "<p>&eacute;t&eacute; &hellip; &mdash;</p>",
    "<p>\u00a0\u2028 espaces\u3000étranges\x85</p>",
    "<p>unclosed <em>tag",
    "<p>broken <em attr='x>y</p>",
    "</p>fin sans début<p>",
    "<table><tr><td>1</td><td><p>2</p></td></tr></table>",
    "<p>tab\tnew\nline</p>\n\n<h3>titre <code>code</code></h3>",
    "",
    "   ",
    "<p></p><p>  </p>",
    "<p title='a > b'>chevron</p>",
]


@pytest.mark.parametrize("body", TRICKY_BODIES)
def test_the_quick_text_is_beautifulsoups_or_none(body):
    """The text of a body read without a tree is the one BeautifulSoup's tree gives, or None
    (then BeautifulSoup reads it); every one of these bodies has the same analysis text."""
    from bs4 import BeautifulSoup
    from site_model.analysis import plain_text, quick_plain_text

    expected = plain_text(BeautifulSoup(body, "html.parser"))
    quick = quick_plain_text(body)
    assert quick in (None, expected)
    assert analyse(article(body=body)).text == expected


def test_the_quick_text_reads_what_a_body_usually_holds():
    from site_model.analysis import quick_plain_text

    usual = [body for body in TRICKY_BODIES[:12] if quick_plain_text(body) is not None]
    assert len(usual) == 12
    not_sure = [body for body in TRICKY_BODIES[12:19] if quick_plain_text(body) is None]
    assert len(not_sure) == 7  # comment, script, CDATA, "<", unknown "&", no quotes, doctype


def test_the_quick_text_on_made_up_tag_soup():
    """Random bodies of tags (blocks, inline, void, unclosed, closed twice), references and
    text: the quick reading gives BeautifulSoup's text whenever it answers, and answers most."""
    import random

    from bs4 import BeautifulSoup
    from site_model.analysis import plain_text, quick_plain_text

    rng = random.Random(3)
    pieces = ["<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<blockquote>", "</blockquote>",
              "<em>", "</em>", "<a href='u'>", "</a>", "<br>", "<br/>", "<p/>", "<h2 id=\"t\">",
              "</h2>", "<td>", "</td>", "<pre>", "</pre>", "<code>", "</code>", "<div>",
              "</div>", "Kim", " Poutine ", "\n", "  ", "&amp;", "&#8217;", "&nbsp;", "é",
              "a&lt;b", "<script>", "</script>", "<!-- c -->", "&", "<", "</br>",
              "<p class=x>"]  # fmt: skip
    answered = 0
    for _ in range(3000):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        quick = quick_plain_text(body)
        if quick is not None:
            answered += 1
            assert quick == plain_text(BeautifulSoup(body, "html.parser")), body
    assert answered > 500


def test_the_quick_text_reads_named_references_as_beautifulsoup():
    from bs4.dammit import EntitySubstitution
    from site_model.analysis import _NAMED

    assert {name: EntitySubstitution.HTML_ENTITY_TO_CHARACTER.get(name) for name in _NAMED} == (
        _NAMED
    )


HOSTILE = [
    "<p>Kim <script>alert(1)</script> et Poutine <img src=x onerror=alert(1)></p>",
    '<p title="Kim">Poutine" onmouseover="alert(1)" <a href="javascript:x()">Kim</a></p>',
    "<p>AT&amp;T, Kim &lt;b&gt; Poutine</p><svg/onload=alert(1)><iframe srcdoc='x'></iframe>",
    "<h2>Kim</h2><p>Séoul\u2028Kim\u202e Poutine <code>Kim</code> &#x6A;avascript:</p>",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_linked_body_is_what_the_allow_list_leaves_as_it_is(hostile):
    """``link_body`` over a body that passed the allow-list gives a body the allow-list leaves
    unchanged: the article page prints it as it is (``SafeHTML``), not cleaned again."""
    from article_page.sanitise import safe_html
    from entities.views import page_slug

    names = {"person": ("Kim", "Poutine"), "place": ("Séoul",), "organisation": ("AT&T",)}
    found = analyse(article(safe_html(hostile), names))
    # entity pages are named by page_slug, whatever the name: "../entities/<kind>/<slug>.html"
    urls = {name: f"../entities/people/{page_slug(name)}.html" for name in found.linked}
    linked = link_body(found.body, found.linked, urls)
    assert 'class="entity-link" href="../entities/people/' in linked
    assert safe_html(linked) == linked


@pytest.mark.corpus
def test_every_corpus_article_linked_is_what_the_allow_list_leaves_as_it_is():
    from article_page.sanitise import safe_html
    from entities.views import page_slug
    from ingest.plaintext import escape_markdown
    from markdown import Markdown
    from sitekit import corpus_dir

    linked_any = 0
    for path in sorted(corpus_dir().glob("*/*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        body = safe_html(Markdown().convert("\n\n".join(escape_markdown(x) for x in lines)))
        words = sorted({w for w in body.split() if w[:1].isupper() and w.isalpha()})[:12]
        found = analyse(article(body, {"person": tuple(words)}))
        urls = {name: f"../entities/people/{page_slug(name)}.html" for name in found.linked}
        linked = link_body(found.body, found.linked, urls)
        linked_any += 'class="entity-link"' in linked
        assert safe_html(linked) == linked, path.name
    assert linked_any > 100
