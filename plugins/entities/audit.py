"""Whole-site checks of the entity pages an editor should never see. Pure.

``site_problems`` reads a registry (``registry.build_registry``) and reports:

- ``demonym``: a page named by a nationality word ("Britannique", "Americans");
- ``share widget``: a page named by a share button's word ("Courriel", "Digg"), or by a brand
  that the articles only name on a share line ("Partager : Facebook, Twitter");
- ``duplicate``: two pages whose names differ only by accents, case, hyphens, a leading
  article or an initial ("Montréal" / "Montreal", "E. Macron" / "Emmanuel Macron");
- ``two kinds``: one name on pages of two kinds ("Mars (person)", "Mars (place)"): the
  registry keeps namesakes apart when the articles are split evenly;
- ``foreign name``: an English article whose metadata or chip shows an entity by its French
  name where the alias book gives another in English ("Russie", "ONU"), or any article whose
  chip falls back to another language's name; French articles likewise.

``bench/eval_entities.py --audit`` (``invoke eval --audit``) runs it over the demo corpus.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping

from .aliases import AliasBook
from .extraction import SHARE_LINE, fold, initial_of
from .lexicon import is_demonym
from .registry import ArticleRef, Entity, Registry

# Words of share buttons: never an entity of a news story.
WIDGET_WORDS = frozenset(
    {"Courriel", "Email", "E-mail", "Partager", "Partagez", "Share", "Imprimer", "Print"}
    | {"Digg", "Reddit", "Delicious", "StumbleUpon", "Tumblr", "Pinterest", "Yahoo!", "Google+"}
)
# Brands that are news entities too: a problem only when no article names them off a share line.
WIDGET_BRANDS = frozenset({"Facebook", "Twitter", "Google", "Yahoo", "LinkedIn", "WhatsApp"})


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong with the site's entity pages: which check, which page(s), why."""

    check: str
    pages: tuple[str, ...]
    detail: str

    def __str__(self) -> str:
        return f"{self.check}: {' / '.join(self.pages)}: {self.detail}"


def site_problems(
    registry: Registry,
    articles: Iterable[ArticleRef],
    aliases: AliasBook,
    texts: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Every problem of the checks above, in a stable order. ``texts`` (article id -> text)
    lets the share-widget check tell a brand on a share line from a brand in the story."""
    articles = list(articles)
    entities = sorted(registry.entities.values(), key=lambda e: e.key)
    return [
        *demonym_pages(entities, aliases),
        *widget_pages(entities, texts),
        *duplicate_pages(entities),
        *foreign_names(registry, articles, aliases),
    ]


def _page_names(entity: Entity) -> list[str]:
    return list(dict.fromkeys([entity.name, *entity.names.values()]))


def demonym_pages(entities: Iterable[Entity], aliases: AliasBook) -> list[Problem]:
    """Pages named by a nationality word, unless the book knows the name as a place ("Suisse"
    is Switzerland as well as Swiss)."""
    problems = []
    for entity in entities:
        names = [
            name
            for name in _page_names(entity)
            if is_demonym(name, "any") and _book_kind(name, aliases) != "place"
        ]
        if names:
            problems.append(Problem("demonym", (entity.key,), f"{names[0]!r} is a nationality"))
    return problems


def widget_pages(entities: Iterable[Entity], texts: Mapping[str, str] | None) -> list[Problem]:
    problems = []
    for entity in entities:
        name = entity.name
        if name in WIDGET_WORDS:
            problems.append(Problem("share widget", (entity.key,), f"{name!r} is a button's word"))
        elif name in WIDGET_BRANDS and texts is not None:
            named = [texts[a] for a in entity.article_ids if a in texts]
            if named and not any(_off_share_lines(text, name) for text in named):
                detail = f"{name!r} is only named on share lines"
                problems.append(Problem("share widget", (entity.key,), detail))
    return problems


def _off_share_lines(text: str, name: str) -> bool:
    """The text names ``name`` outside a share-widget line."""
    shared = SHARE_LINE.sub("", text)
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", shared) is not None


def duplicate_pages(entities: Iterable[Entity]) -> list[Problem]:
    """Pages whose names fold alike, or one of which is the other with initials ("E.
    Macron"); the same name on pages of two kinds is ``two kinds``."""
    by_fold: dict[str, list[Entity]] = {}
    for entity in entities:
        for folded in dict.fromkeys(fold(name) for name in _page_names(entity)):
            by_fold.setdefault(folded, []).append(entity)
    problems = []
    for folded, group in sorted(by_fold.items()):
        if len(group) > 1:
            keys = tuple(entity.key for entity in group)
            same = len({entity.name for entity in group}) == 1
            check, why = ("two kinds", "one name") if same else ("duplicate", "names that fold")
            problems.append(Problem(check, keys, f"{why}: {folded!r}"))
    people = [(tuple(fold(e.name).split()), e.key) for e in by_fold_people(by_fold)]
    for short, short_key in people:
        for long, long_key in people:
            if initial_of(short, long):
                problems.append(Problem("duplicate", (short_key, long_key), "an initial"))
    return problems


def by_fold_people(by_fold: Mapping[str, list[Entity]]) -> list[Entity]:
    """The people among the pages, once each, in name order."""
    people = {e.key: e for group in by_fold.values() for e in group if e.kind == "person"}
    return [people[key] for key in sorted(people)]


def foreign_names(
    registry: Registry, articles: Iterable[ArticleRef], aliases: AliasBook
) -> list[Problem]:
    """Names an article shows in another language than its own: in its metadata (a name the
    book gives for another language only), or on its chips (a page with no name in the
    article's language, or spelt as the other language's articles spell it: "Montréal" on
    an English article whose language writes "Montreal")."""
    articles = list(articles)
    spelt: dict[tuple[str, str], set[str]] = {}  # (entity key, lang) -> names written
    for article in articles:
        for written in article.entities.names():
            key = registry.key_of(article.id, written)
            spelt.setdefault((key, article.lang), set()).add(written)
    problems = []
    for article in articles:
        where = f"{article.id} ({article.lang})"
        for written in article.entities.names():
            other = _book_name_elsewhere(written, article.lang, aliases)
            if other:
                key = registry.key_of(article.id, written) or written
                problems.append(
                    Problem("foreign name", (key,), f"{where} lists {written!r}, not {other!r}")
                )
        for entity in registry.entities_of(article.id):
            shown = entity.names.get(article.lang)
            own = spelt.get((entity.key, article.lang), set())
            if shown is None:
                detail = f"{where} shows it with no {article.lang} name"
            elif (
                entity.name not in aliases
                and shown not in own
                and any(fold(name) == fold(shown) for name in own)
            ):
                detail = f"{where} shows {shown!r} where its language writes {sorted(own)}"
            else:
                continue
            problems.append(Problem("foreign name", (entity.key,), detail))
    return problems


def _book_name_elsewhere(name: str, lang: str, aliases: AliasBook) -> str | None:
    """The book's name in ``lang`` when ``name`` is its name in another language only."""
    found = aliases.resolve(name)
    if found is None or found.ignored:
        return None
    names = aliases.names(found.key)
    own = names.get(lang)
    if not own or fold(own) == fold(name):
        return None
    others = [n for code, n in names.items() if code != lang and fold(n) == fold(name)]
    return own if others else None


def _book_kind(name: str, aliases: AliasBook) -> str | None:
    found = aliases.resolve(name)
    return found.kind if found else None
