"""The cross-article entity registry: one ``Entity`` per person, place or organisation. Pure.

Articles come with their entities already normalised (``extraction.ArticleEntities``). Here
they are merged across articles:

1. The alias book first: "Putin" in an English article and "Poutine" in a French one are one
   person, keyed "Vladimir Poutine", with the book's names per language. The book's kind wins.
2. Then, among people, a name that is the last word(s) of exactly one longer person name
   joins it ("Poutine" alone in an article joins "Vladimir Poutine"). Two people who share a
   name part stay apart ("Kim Jong-un", "Kim Yo-jong"), and a name that could join either
   ("Kim" while both exist) stays an entity of its own, "Kim": it is never guessed.
   Places and organisations merge only through the alias book: their last words mislead
   (Mexico / New Mexico, Africa / South Africa, Sudan / South Sudan).
3. The same name with two kinds gives two entities, keyed "Washington (place)" and
   "Washington (person)" with slugs "washington-place" and "washington-person", unless more
   of its articles give it one kind than any other: then that kind ("Mars" a place in five
   articles and a person in one is one place).

Slugs are ASCII, lowercase, hyphenated, and depend only on the set of entities, never on
the order articles come in. Every step costs in proportion to mentions (dicts, no loop over
entities x articles); co-mentions cost the sum of k² over articles of k entities.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from itertools import chain

from unidecode import unidecode

from .aliases import AliasBook
from .extraction import KINDS, ArticleEntities, fold


@dataclasses.dataclass(frozen=True)
class ArticleRef:
    """What the registry needs of an article."""

    id: str
    date: datetime.date
    lang: str
    entities: ArticleEntities


@dataclasses.dataclass
class Entity:
    """One person, place or organisation across the site.

    ``mentions`` counts the article names that resolved to it (an article naming both
    "Poutine" and "Vladimir Poutine" in its metadata counts twice); ``article_ids`` lists each
    article once, newest first.
    """

    key: str
    slug: str
    kind: str
    names: dict[str, str]
    aliases: set[str]
    description: dict | str | None
    wikidata: str | None
    article_ids: list[str]
    mentions: int
    first_seen: datetime.date | None
    last_seen: datetime.date | None

    @property
    def name(self) -> str:
        """The plain name (the key without a kind qualifier such as " (place)")."""
        return _QUALIFIER.sub("", self.key)


_QUALIFIER = re.compile(r" \((?:person|place|organisation)\)$")


def slugify(name: str) -> str:
    """ASCII, lowercase, words joined by hyphens.

    >>> slugify("Sergueï Choïgou")
    'serguei-choigou'
    >>> slugify("Conseil de sécurité de l’ONU")
    'conseil-de-securite-de-l-onu'
    """
    return re.sub(r"[^a-z0-9]+", "-", unidecode(name).lower()).strip("-") or "entity"


@functools.lru_cache(maxsize=1 << 16)  # co-mentions and lists sort the same names again and again
def sort_key(name: str) -> tuple[str, str]:
    """Alphabetical order that ignores accents and case ("Élysée" sorts with the E's)."""
    return (unidecode(name).casefold(), name)


def surname_merges(names: Iterable[str]) -> dict[str, str]:
    """{short: long} for person names that are the last word(s) of exactly one longer name.

    Chains resolve to their end; a short name whose candidates lead to different final
    names stays itself. Cost: the words of each name, squared (names are short).

    >>> surname_merges(["Vladimir Poutine", "Poutine", "Kim Jong-un", "Kim Yo-jong"])
    {'Poutine': 'Vladimir Poutine'}
    """
    words = {name: tuple(name.casefold().split()) for name in set(names)}
    longer_with_suffix: dict[tuple[str, ...], set[str]] = {}
    for name, parts in words.items():
        for start in range(1, len(parts)):
            longer_with_suffix.setdefault(parts[start:], set()).add(name)
    final: dict[str, str] = {}
    for name in sorted(words, key=lambda n: (-len(words[n]), n)):
        targets = {final[longer] for longer in longer_with_suffix.get(words[name], ())}
        final[name] = targets.pop() if len(targets) == 1 else name
    return {name: target for name, target in sorted(final.items()) if target != name}


@dataclasses.dataclass
class _Tally:
    """What the articles say of one (kind, name) before merging."""

    kind: str
    name: str
    mentions: int = 0
    by_lang: dict[str, int] = dataclasses.field(default_factory=dict)  # mentions per language
    seen_in: dict[str, datetime.date] = dataclasses.field(default_factory=dict)
    written: frozenset[str] = frozenset()  # other spellings met (most have none)


class Registry:
    """Entities by key, with the article index and co-mentions."""

    def __init__(
        self,
        entities: dict[str, Entity],
        article_keys: dict[str, list[str]],
        written: dict[str, dict[str, str]] | None = None,
    ):
        self.entities = entities
        self._article_keys = article_keys
        self._written = written or {}
        self._slugs = {entity.slug: entity for entity in entities.values()}
        # Each entity's articles' key lists: its co-mentions are counted from them when asked
        # (in C, one Counter per entity), not held for every entity at once.
        self._named_with: defaultdict[str, list[list[str]]] = defaultdict(list)
        for keys in article_keys.values():
            for key in keys:
                self._named_with[key].append(keys)

    def entities_of(self, article_id: str) -> list[Entity]:
        """The article's entities: people, places, organisations, each in article order."""
        return [self.entities[key] for key in self._article_keys.get(article_id, ())]

    def key_of(self, article_id: str, written: str) -> str | None:
        """The key of the entity a name of an article's metadata became (None: ignored)."""
        return self._written.get(article_id, {}).get(written)

    def by_slug(self, slug: str) -> Entity | None:
        return self._slugs.get(slug)

    def co_mentioned(self, key: str, limit: int = 10) -> list[tuple[Entity, int]]:
        """The entities named in most articles with ``key``: (entity, articles), most first,
        ties by name. Cost: the entities of its articles, counted in C on each call."""
        named_with = self._named_with.get(key)
        if not named_with or limit <= 0:
            return []
        counter = Counter(chain.from_iterable(named_with))
        del counter[key]  # counted itself once per article
        if not counter:
            return []
        # The top ``limit`` only: a popular entity is named beside most others, and sorting all
        # of them for every entity made the site model quadratic.
        candidates = top_candidates(counter, limit)
        ranked = sorted(candidates, key=self._alphabetical.__getitem__)  # ties by name,
        ranked.sort(key=counter.__getitem__, reverse=True)  # then most first (a stable sort)
        return [(self.entities[other], counter[other]) for other in ranked[:limit]]

    @functools.cached_property
    def _alphabetical(self) -> dict[str, int]:
        """Each entity key's place in ``sort_key`` order (keys are unique: a total order)."""
        return {key: place for place, key in enumerate(sorted(self.entities, key=sort_key))}

    def by_kind(self) -> dict[str, list[Entity]]:
        """Non-empty kinds, in the order person, place, organisation, each sorted by name."""
        groups: dict[str, list[Entity]] = {kind: [] for kind in KINDS}
        for entity in self.entities.values():
            groups[entity.kind].append(entity)
        return {
            kind: sorted(members, key=lambda e: sort_key(e.key))
            for kind, members in groups.items()
            if members
        }


def top_candidates(counts: Mapping[str, int], limit: int) -> Mapping[str, int]:
    """The items of ``counts`` (all positive) that tie for or beat the ``limit``-th largest
    count: all that can make a top ``limit``, ties at the cut included (all items when there
    are no more than ``limit``). Most counts are 1, so the items counted more than once are
    looked at first: when there are ``limit`` of them, no item counted once can make it.

    >>> top_candidates({"a": 1, "b": 3, "c": 2, "d": 2, "e": 1}, 2)
    {'b': 3, 'c': 2, 'd': 2}
    >>> top_candidates({"a": 1, "b": 3, "c": 1}, 2) == {"a": 1, "b": 3, "c": 1}
    True
    """
    several = {item: count for item, count in counts.items() if count > 1}
    if len(several) < limit:
        return counts  # the cut is at 1, or there are no more than ``limit`` items
    threshold = heapq.nlargest(limit, several.values())[-1]
    return {item: count for item, count in several.items() if count >= threshold}


class FoldMemo(dict):
    """``fold(name)`` by name, each name folded once per build (the merge steps fold the same
    names several times): ``folds[name] == fold(name)``."""

    def __missing__(self, name: str) -> str:
        folded = self[name] = fold(name)
        return folded


def build_registry(articles: Iterable[ArticleRef], aliases: AliasBook) -> Registry:
    """Merge the articles' entities into a registry (see the module docstring for the rules).

    Cost: O(total mentions), plus the person-name merge over distinct names.
    """
    articles = list(articles)
    folds = FoldMemo()
    tallies, listed, written = _tally_articles(articles, aliases)
    target = _merge_targets(tallies, aliases, listed, folds)
    keys = _entity_keys({target[pair] for pair in tallies})
    entities = _entities(tallies, target, keys, aliases, folds, _newest_first(articles))
    key_of = {pair: keys[target[pair]] for pair in tallies}
    article_keys, named = {}, {}
    for article_id, pairs in listed.items():
        resolved = list(map(key_of.__getitem__, pairs))
        article_keys[article_id] = list(dict.fromkeys(resolved))
        named[article_id] = dict(zip(written[article_id], resolved, strict=True))
    return Registry(entities, article_keys, named)


_IGNORED = ("", "")  # an ignored name in ``_tally_articles``' memo (a real pair has a kind)


def _tally_articles(
    articles: list[ArticleRef], aliases: AliasBook
) -> tuple[dict[tuple[str, str], _Tally], dict[str, list[tuple[str, str]]], dict[str, list[str]]]:
    """Count the articles' names under (kind, name), resolved through the book.

    Returns the tallies (in the order the articles first name them), and by article id its
    (kind, name) pairs and the names as written, in article order (ignored names left out).
    A name is resolved once per kind and build; the counts are made in C at the end.
    """
    resolved: dict[str, dict[str, tuple[str, str]]] = {kind: {} for kind in KINDS}
    seen_in: defaultdict[tuple[str, str], dict[str, datetime.date]] = defaultdict(dict)
    by_lang: dict[str, list[list[tuple[str, str]]]] = {}
    listed: dict[str, list[tuple[str, str]]] = {}
    written: dict[str, list[str]] = {}
    for article in articles:
        pairs, names = [], []
        for kind, group in article.entities.by_kind().items():
            memo = resolved.setdefault(kind, {})
            found = list(map(memo.get, group))  # most names were met in an earlier article
            if None in found:
                for place, name in enumerate(group):
                    if found[place] is None:
                        if name not in memo:
                            memo[name] = _book_pair(kind, name, aliases) or _IGNORED
                        found[place] = memo[name]
            if _IGNORED in found:
                kept = [place for place, pair in enumerate(found) if pair is not _IGNORED]
                pairs.extend(found[place] for place in kept)
                names.extend(group[place] for place in kept)
            else:
                pairs.extend(found)
                names.extend(group)
        article_id, date = article.id, article.date
        for pair in pairs:
            seen_in[pair][article_id] = date
        by_lang.setdefault(article.lang, []).append(pairs)
        listed[article_id] = pairs
        written[article_id] = names
    tallies = {pair: _Tally(*pair, seen_in=seen) for pair, seen in seen_in.items()}
    for lang, lists in by_lang.items():
        for pair, count in Counter(chain.from_iterable(lists)).items():
            tally = tallies[pair]
            tally.mentions += count
            tally.by_lang[lang] = count
    for memo in resolved.values():
        for name, pair in memo.items():
            if pair is not _IGNORED and name != pair[1]:
                tally = tallies[pair]
                tally.written |= {name}
    return tallies, listed, written


def _book_pair(kind: str, name: str, aliases: AliasBook) -> tuple[str, str] | None:
    """The (kind, name) a name of this kind counts under: the book's key (and kind, if it
    gives one), or the name as written; None when the book ignores it."""
    found = aliases.resolve(name)
    if found is None:
        return (kind, name)
    if found.ignored:
        return None
    return (found.kind or kind, found.key)


def _newest_first(articles: list[ArticleRef]) -> dict[str, int] | None:
    """Each article's place in the order newest first, ties by id; None when two articles
    share an id (each entity then sorts its own dates)."""
    ordered = sorted(articles, key=lambda article: (-article.date.toordinal(), article.id))
    rank = {article.id: place for place, article in enumerate(ordered)}
    return rank if len(rank) == len(articles) else None


def _merge_targets(
    tallies: dict[tuple[str, str], _Tally],
    aliases: AliasBook,
    listed: dict[str, list[tuple[str, str]]] | None = None,
    folds: dict[str, str] | None = None,
) -> dict[tuple[str, str], tuple[str, str]]:
    """Each (kind, name) -> the (kind, name) it merges into.

    Spellings of one name (accents, case, hyphens, a leading article: "Edouard Philippe",
    "Édouard Philippe") join the most mentioned one (ties: the one with more accents, then
    alphabetical). Then a person's lone surname joins the one longer name it ends, only with
    evidence: an article naming the surname shares another entity with an article naming the
    full name (so "Franco" in a story on Spain does not join the actor James Franco).
    ``folds``: a ``FoldMemo`` to share with the other steps.
    """
    folds = FoldMemo() if folds is None else folds
    kind_of = _majority_kinds(tallies, aliases, folds)
    spellings: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for pair in tallies:
        kind, name = pair
        folded = folds[name]
        merged_kind = kind if name in aliases else kind_of.get(folded, kind)
        spellings.setdefault((merged_kind, folded), []).append(pair)
    first: dict[tuple[str, str], tuple[str, str]] = {}
    for (kind, _), group in spellings.items():
        if len(group) == 1:
            first[group[0]] = (kind, group[0][1])
            continue
        chosen = min(group, key=lambda pair: _spelling_rank(pair, tallies, aliases))
        first.update({pair: (kind, chosen[1]) for pair in group})
    people = sorted({name for kind, name in first.values() if kind == "person"})
    merges = surname_merges(people)
    wanted = {
        pair
        for name, long in merges.items()
        if name not in aliases
        for pair in (("person", name), ("person", long))
    }
    others = _other_entities(listed or {}, first, wanted)
    result = {}
    for pair, (kind, name) in first.items():
        long = merges.get(name) if kind == "person" and name not in aliases else None
        if long and (listed is None or others[(kind, name)] & others[(kind, long)]):
            result[pair] = (kind, long)
        else:
            result[pair] = (kind, name)
    return result


def _majority_kinds(
    tallies: dict[tuple[str, str], _Tally], aliases: AliasBook, folds: dict[str, str]
) -> dict[str, str]:
    """{folded name: kind} for a name the articles give several kinds when more of its
    articles give one kind than any other ("Mars" a place in five articles, a person in one):
    the model's slip, not a namesake. A tie keeps one entity per kind ("Washington"), and so
    does a name of the alias book (its kind is the book's)."""
    articles: defaultdict[str, dict[str, int]] = defaultdict(dict)
    for (kind, name), tally in tallies.items():
        if name not in aliases:
            counts = articles[folds[name]]
            counts[kind] = counts.get(kind, 0) + len(tally.seen_in)
    kinds = {}
    for folded, counts in articles.items():
        if len(counts) > 1:  # most names have one kind
            ranked = Counter(counts).most_common(2)
            if ranked[0][1] > ranked[1][1]:
                kinds[folded] = ranked[0][0]
    return kinds


def _spelling_rank(pair: tuple[str, str], tallies, aliases: AliasBook) -> tuple:
    name = pair[1]
    accents = sum(not char.isascii() for char in name)
    return (name not in aliases, -tallies[pair].mentions, -accents, name)


def _other_entities(
    listed: dict[str, list[tuple[str, str]]],
    first: dict[tuple[str, str], tuple[str, str]],
    wanted: set[tuple[str, str]] | None = None,
) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """For each (kind, name) (of ``wanted`` only, when given: the surname merges ask about a
    few): the other entities named in the articles that name it."""
    others: dict[tuple[str, str], set[tuple[str, str]]] = {}
    if wanted is None or wanted:
        for pairs in listed.values():
            names = set(map(first.__getitem__, pairs))
            for pair in names if wanted is None else names & wanted:
                others.setdefault(pair, set()).update(names - {pair})
    for pair in first.values():
        others.setdefault(pair, set())
    return others


def _entity_keys(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Registry keys: the name, or "name (kind)" when the name has several kinds."""
    kinds_of = Counter(name for _, name in pairs)
    return {
        (kind, name): f"{name} ({kind})" if kinds_of[name] > 1 else name for kind, name in pairs
    }


def _slugs(entities: list[tuple[str, str, str]]) -> dict[str, str]:
    """Slugs for (key, kind, name) triples, unique and independent of input order.

    A slug shared by names of different kinds gets the kind ("washington-place"); one still
    shared (two spellings of one name) gets -2, -3... in the order of the keys.
    """
    by_slug: dict[str, list[tuple[str, str, str]]] = {}
    for triple in entities:
        by_slug.setdefault(slugify(triple[2]), []).append(triple)
    slugs: dict[str, str] = {}
    taken = set(by_slug)
    for slug, group in sorted(by_slug.items()):
        if len(group) == 1:  # most slugs (already taken: they are by_slug's keys)
            slugs[group[0][0]] = slug
            continue
        kinds = Counter(kind for _, kind, _ in group)
        for number, (key, kind, _) in enumerate(sorted(group)):
            if len(kinds) > 1 and kinds[kind] == 1:
                slugs[key] = _free(f"{slug}-{kind}", taken)
            else:
                slugs[key] = slug if number == 0 else _free(f"{slug}-{number + 1}", taken)
            taken.add(slugs[key])
    return slugs


def _free(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def _entities(
    tallies: dict[tuple[str, str], _Tally],
    target: dict[tuple[str, str], tuple[str, str]],
    keys: dict[tuple[str, str], str],
    aliases: AliasBook,
    folds: dict[str, str] | None = None,
    newest_first: dict[str, int] | None = None,
) -> dict[str, Entity]:
    """The merged entities by key, in key order. ``newest_first``: each article's place in
    the order its entities list articles (from ``_newest_first``; None: sort by the dates)."""
    folds = FoldMemo() if folds is None else folds
    merged: dict[str, list[_Tally]] = {}
    for pair, tally in tallies.items():
        merged.setdefault(keys[target[pair]], []).append(tally)
    slugs = _slugs([(key, kind, name) for (kind, name), key in keys.items()])
    entities = {}
    for (kind, name), key in sorted(keys.items(), key=lambda item: item[1]):
        parts = merged[key]
        if len(parts) == 1:
            seen = parts[0].seen_in
        else:
            seen = {article: date for part in parts for article, date in part.seen_in.items()}
        langs = set().union(*(part.by_lang for part in parts))
        other_names = {part.name for part in parts}.union(*(part.written for part in parts))
        if newest_first is None:
            article_ids = sorted(seen, key=lambda a: (-seen[a].toordinal(), a))
        else:
            article_ids = sorted(seen, key=newest_first.__getitem__)
        entities[key] = Entity(
            key=key,
            slug=slugs[key],
            kind=kind,
            names=_names_per_language(name, parts, sorted(langs), aliases, folds),
            aliases=(aliases.aliases(name) | other_names) - {name, key},
            description=aliases.description(name),
            wikidata=aliases.wikidata(name),
            article_ids=article_ids,
            mentions=sum(part.mentions for part in parts),
            first_seen=min(seen.values()) if seen else None,
            last_seen=max(seen.values()) if seen else None,
        )
    return entities


def _names_per_language(
    name: str,
    parts: list[_Tally],
    langs: list[str],
    aliases: AliasBook,
    folds: dict[str, str] | None = None,
) -> dict[str, str]:
    """The entity's name in each language: the book's names when it has an entry (its key
    where it gives none); else, per language, the spelling the articles of that language
    wrote most among the spellings of its name ("Montreal" in English, "Montréal" in
    French, one page), else its name."""
    if name in aliases:
        book_names = aliases.names(name)
        return book_names or {lang: name for lang in langs}
    folds = FoldMemo() if folds is None else folds
    names = {}
    for lang in langs:
        spellings = [p for p in parts if p.by_lang.get(lang) and folds[p.name] == folds[name]]
        best = min(
            spellings, key=lambda p: (-p.by_lang[lang], p.name != name, p.name), default=None
        )
        names[lang] = best.name if best else name  # a lone surname does not name the page
    return names
