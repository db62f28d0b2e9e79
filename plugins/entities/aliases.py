"""The alias registry: which names mean the same entity, what kind it is, and which are noise.

Two layers share one YAML format: ``builtin_aliases.yml`` shipped with the plugin (world knowledge
and noise any news digest needs), then the editors' ``content/entities.yml``, which wins. Later
files override earlier ones entry by entry: an entry replaces the earlier entry of the same key
whole, and a name it claims is taken away from any earlier entry.

Format (a mapping of entries; the key is the entity's canonical name in the site's default
language)::

    Vladimir Poutine:          # canonical name
      kind: person             # person | place | organisation (optional: the model decides)
      names: {fr: Vladimir Poutine, en: Vladimir Putin}   # canonical name per language (optional)
      aliases: [Poutine, Putin, Путин]                     # other names that mean this entity
      description: {fr: "Président de la Russie", en: "President of Russia"}  # or a plain string
      wikidata: Q7747
    Washington: place          # shorthand: only the kind
    NDLR: ignore               # a false positive: never an entity

Accepted keys in an entry: ``kind``, ``names``, ``aliases``, ``description``, ``wikidata``.

Lookups are case-sensitive ("US" is not "us") but insensitive to the apostrophe style (’ or '),
to runs of whitespace and to Unicode normalisation (NFKC). Errors are ``AliasFileError``, whose
text names the file and line: ``content/entities.yml:12: kind 'persn' is not one of person,
place, organisation``. Line numbers come from the YAML node marks.

Pure: imports neither Pelican nor spaCy.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import yaml
from newstext import yamlfile

KINDS = ("person", "place", "organisation")
IGNORE = "ignore"
ENTRY_KEYS = ("kind", "names", "aliases", "description", "wikidata")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "`": "'", "‑": "-", "‐": "-"})
_SPACES = re.compile(r"\s+")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")
_LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]+)?")
_STR = "tag:yaml.org,2002:str"
MAX_YAML_ALIASES = 50  # "*name" in an alias file; a "billion laughs" file is refused


class AliasFileError(Exception):
    """A problem in an alias file, located by file and (1-based) line."""

    def __init__(self, path: str | Path, line: int | None, message: str):
        super().__init__(path, line, message)
        self.path = str(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclasses.dataclass(frozen=True)
class Resolution:
    """What the book says of a name: its entity's key, its kind if the book says, or noise."""

    key: str
    kind: str | None
    ignored: bool = False
    soft: bool = False  # the kind comes from a gazetteer: a hint the model may overrule


@dataclasses.dataclass(frozen=True)
class AliasEntry:
    """One entry of an alias file, as written (``line`` is where its key is)."""

    key: str
    kind: str | None
    ignored: bool
    names: Mapping[str, str]
    aliases: tuple[str, ...]
    description: Mapping[str, str] | str | None
    wikidata: str | None
    source: str
    line: int
    gazetteer: bool = False  # made from a word list (CLDR territories), not written by hand

    def claimed_names(self) -> list[str]:
        """Every name that resolves to this entry: its key, per-language names, aliases."""
        return [self.key, *self.names.values(), *self.aliases]


def lookup_form(name: str) -> str:
    """The form names are compared in: NFKC, straight apostrophes and hyphens, single spaces.

    Case is kept: "US" (the country) is not "us".

    >>> lookup_form("Conseil de sécurité de l’ONU ") == lookup_form("Conseil de  sécurité de l'ONU")
    True
    """
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES)
    return _SPACES.sub(" ", text).strip()


class AliasBook:
    """Resolved entries of one or more alias files; later files won. Build with
    ``load_alias_book``; an empty book (``AliasBook()``) resolves nothing."""

    def __init__(self, entries: Mapping[str, AliasEntry] | None = None):
        self.entries: dict[str, AliasEntry] = dict(entries or {})
        self._index: dict[str, str] = {}
        self._resolved: dict[str, Resolution | None] = {}
        for entry in self.entries.values():
            for name in entry.claimed_names():
                self._index[lookup_form(name)] = entry.key

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def __len__(self) -> int:
        """The entries written in alias files (gazetteer entries are not counted)."""
        return sum(not entry.gazetteer for entry in self.entries.values())

    def resolve(self, name: str) -> Resolution | None:
        """The entry a name belongs to, or None when the book does not know the name."""
        try:
            return self._resolved[name]  # a site names each entity in many articles
        except KeyError:
            pass
        key = self._index.get(lookup_form(name))
        found = None
        if key is not None:
            entry = self.entries[key]
            found = Resolution(entry.key, entry.kind, entry.ignored, entry.gazetteer)
        self._resolved[name] = found
        return found

    def name_in(self, key: str, lang: str) -> str:
        """The entity's name in ``lang``: from ``names``, else its key."""
        entry = self.entries.get(key)
        return (entry.names.get(lang) if entry else None) or key

    def names(self, key: str) -> dict[str, str]:
        """The per-language names the book gives (may be empty)."""
        entry = self.entries.get(key)
        return dict(entry.names) if entry else {}

    def description(self, key: str) -> Mapping[str, str] | str | None:
        """The description as written: per language, one string, or None."""
        entry = self.entries.get(key)
        return entry.description if entry else None

    def description_in(self, key: str, lang: str) -> str | None:
        """The description in ``lang``; a plain-string description serves every language."""
        description = self.description(key)
        if isinstance(description, Mapping):
            return description.get(lang)
        return description

    def wikidata(self, key: str) -> str | None:
        entry = self.entries.get(key)
        return entry.wikidata if entry else None

    def aliases(self, key: str) -> set[str]:
        """Every other name of the entity: aliases and per-language names, not the key."""
        entry = self.entries.get(key)
        if entry is None:
            return set()
        return {name for name in (*entry.names.values(), *entry.aliases) if name != key}

    def kind(self, key: str) -> str | None:
        entry = self.entries.get(key)
        return entry.kind if entry else None


def territory_entries() -> list[AliasEntry]:
    """Countries and continents from CLDR (via Babel) as place entries, keyed by their French
    name, with their French and English names: under every alias file, which can override."""
    from .lexicon import OTHER_NAMES, territories

    entries = []
    for code, names in sorted(territories().items()):
        aliases = tuple(dict.fromkeys(n for n in OTHER_NAMES.get(code, ()) if n != names["fr"]))
        entries.append(
            AliasEntry(
                key=names["fr"],
                kind="place",
                ignored=False,
                names=dict(names),
                aliases=aliases,
                description=None,
                wikidata=None,
                source="CLDR",
                line=0,
                gazetteer=True,
            )
        )
    return entries


def load_alias_book(
    paths: Sequence[Path],
    display: Callable[[Path], str] | Sequence[str] | None = None,
    territories: bool = True,
) -> AliasBook:
    """Read alias files in order, later files overriding earlier ones entry by entry.

    ``display`` gives the name errors show for each file: a function of the path, or one
    name per path (e.g. ``["builtin_aliases.yml", "content/entities.yml"]``).
    Under the files lie the countries and continents of CLDR (``territories``), as places.
    Raises ``AliasFileError`` on the first problem found. Cost: linear in the names written.
    """
    entries: dict[str, AliasEntry] = {}
    owner: dict[str, str] = {}  # lookup form of a name -> key of the entry that claims it
    for entry in territory_entries() if territories else ():
        _override(entries, owner, entry)
    for number, path in enumerate(paths):
        shown = _display_name(path, number, display)
        for entry in parse_alias_file(_read(path, shown), shown):
            _override(entries, owner, entry)
    return AliasBook(entries)


def _display_name(path: Path, number: int, display) -> str:
    if display is None:
        return str(path)
    if callable(display):
        return display(path)
    return display[number] if number < len(display) and display[number] else str(path)


def _read(path: Path, shown: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise AliasFileError(shown, None, f"cannot read the file: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise AliasFileError(shown, None, "the file is not UTF-8 text") from error


def _override(entries: dict[str, AliasEntry], owner: dict[str, str], entry: AliasEntry) -> None:
    """Put a later file's entry in: it replaces the entry of the same key, and the names it
    claims are taken from earlier entries (an earlier entry whose key it claims goes)."""
    if entry.key in entries:
        _drop(entries, owner, entry.key)
    for name in {lookup_form(n) for n in entry.claimed_names()}:
        earlier_key = owner.get(name)
        if earlier_key is None or earlier_key not in entries:
            continue
        if lookup_form(earlier_key) == name:
            _drop(entries, owner, earlier_key)
            continue
        earlier = entries[earlier_key]
        entries[earlier_key] = dataclasses.replace(
            earlier,
            aliases=tuple(a for a in earlier.aliases if lookup_form(a) != name),
            names={lang: n for lang, n in earlier.names.items() if lookup_form(n) != name},
        )
    entries[entry.key] = entry
    for name in entry.claimed_names():
        owner[lookup_form(name)] = entry.key


def _drop(entries: dict[str, AliasEntry], owner: dict[str, str], key: str) -> None:
    for name in entries.pop(key).claimed_names():
        if owner.get(lookup_form(name)) == key:
            del owner[lookup_form(name)]


def parse_alias_file(text: str, shown: str) -> list[AliasEntry]:
    """The entries of one alias file, checked. ``shown`` is the file name errors show."""
    try:
        root = yamlfile.load_yaml(
            text, shown, max_aliases=MAX_YAML_ALIASES, timestamps=True, construct=False
        ).root
    except yamlfile.YamlSyntaxError as error:
        raise AliasFileError(shown, error.line, f"YAML syntax error: {error.message}") from error
    except yamlfile.YamlFileError as error:
        raise AliasFileError(shown, error.line, error.message) from error
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        raise AliasFileError(shown, _line(root), "the file must be a mapping of entity names")
    entries = [_entry(key_node, value_node, shown) for key_node, value_node in root.value]
    _check_claims(entries, shown)
    return entries


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _text(node: yaml.Node, shown: str, what: str) -> str:
    """A scalar's text (names are text even when YAML would read a number or a boolean)."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
        raise AliasFileError(shown, _line(node), f"{what} must be a text, not {_type_of(node)}")
    value = node.value.strip()
    if not value:
        raise AliasFileError(shown, _line(node), f"{what} must not be empty")
    return value


def _type_of(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == "tag:yaml.org,2002:null":
        return "empty"
    return f"{node.value!r}"


def _kind(node: yaml.Node, shown: str) -> str:
    kind = _text(node, shown, "kind")
    if kind not in KINDS:
        raise AliasFileError(shown, _line(node), f"kind {kind!r} is not one of {', '.join(KINDS)}")
    return kind


def _entry(key_node: yaml.Node, value_node: yaml.Node, shown: str) -> AliasEntry:
    key = _text(key_node, shown, "an entity name")
    line = _line(key_node)
    plain = {"key": key, "source": shown, "line": line, "names": {}, "aliases": ()}
    if isinstance(value_node, yaml.ScalarNode) and value_node.tag != "tag:yaml.org,2002:null":
        value = value_node.value.strip()
        if value == IGNORE:
            return AliasEntry(kind=None, ignored=True, description=None, wikidata=None, **plain)
        if value in KINDS:
            return AliasEntry(kind=value, ignored=False, description=None, wikidata=None, **plain)
        raise AliasFileError(
            shown,
            _line(value_node),
            f"entry {key!r}: {value!r} is neither 'ignore' nor one of {', '.join(KINDS)}",
        )
    if not isinstance(value_node, yaml.MappingNode):
        raise AliasFileError(
            shown,
            line,
            f"entry {key!r} must be 'ignore', a kind ({', '.join(KINDS)}) or a mapping, "
            f"not {_type_of(value_node)}",
        )
    fields = _fields(value_node, key, shown)
    return AliasEntry(
        key=key,
        kind=_kind(fields["kind"], shown) if "kind" in fields else None,
        ignored=False,
        names=_names(fields["names"], key, shown) if "names" in fields else {},
        aliases=_aliases(fields["aliases"], key, shown) if "aliases" in fields else (),
        description=_description(fields.get("description"), key, shown),
        wikidata=_wikidata(fields["wikidata"], shown) if "wikidata" in fields else None,
        source=shown,
        line=line,
    )


def _fields(node: yaml.MappingNode, key: str, shown: str) -> dict[str, yaml.Node]:
    fields: dict[str, yaml.Node] = {}
    for field_node, value in node.value:
        field = _text(field_node, shown, "a key")
        if field not in ENTRY_KEYS:
            raise AliasFileError(
                shown,
                _line(field_node),
                f"unknown key {field!r} in entry {key!r}; "
                f"accepted keys are {', '.join(ENTRY_KEYS)}",
            )
        if field in fields:
            raise AliasFileError(shown, _line(field_node), f"key {field!r} given twice in {key!r}")
        fields[field] = value
    return fields


def _per_language(node: yaml.MappingNode, what: str, shown: str) -> dict[str, str]:
    result = {}
    for lang_node, value in node.value:
        lang = _text(lang_node, shown, f"a language code in {what}")
        if not _LANG.fullmatch(lang):
            raise AliasFileError(
                shown, _line(lang_node), f"{lang!r} in {what} is not a language code such as fr, en"
            )
        result[lang] = _text(value, shown, f"{what} in {lang!r}")
    return result


def _names(node: yaml.Node, key: str, shown: str) -> dict[str, str]:
    if not isinstance(node, yaml.MappingNode):
        raise AliasFileError(
            shown,
            _line(node),
            f"names of {key!r} must map languages to names, e.g. {{fr: ..., en: ...}}",
        )
    return _per_language(node, f"the names of {key!r}", shown)


def _aliases(node: yaml.Node, key: str, shown: str) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise AliasFileError(
            shown, _line(node), f"aliases of {key!r} must be a list of names, e.g. [A, B]"
        )
    aliases = (_text(item, shown, f"an alias of {key!r}") for item in node.value)
    return tuple(dict.fromkeys(alias for alias in aliases if alias != key))


def _description(node: yaml.Node | None, key: str, shown: str) -> Mapping[str, str] | str | None:
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        return _per_language(node, f"the description of {key!r}", shown)
    return _text(node, shown, f"the description of {key!r}")


def _wikidata(node: yaml.Node, shown: str) -> str:
    value = _text(node, shown, "wikidata")
    if not _WIKIDATA.fullmatch(value):
        raise AliasFileError(shown, _line(node), f"wikidata {value!r} is not an item id like Q7747")
    return value


def _check_claims(entries: list[AliasEntry], shown: str) -> None:
    """Within one file, each name belongs to one entry and each key appears once."""
    owner: dict[str, AliasEntry] = {}
    for entry in entries:
        if lookup_form(entry.key) in owner and owner[lookup_form(entry.key)].key == entry.key:
            first = owner[lookup_form(entry.key)]
            raise AliasFileError(
                shown,
                entry.line,
                f"entry {entry.key!r} is given twice (first at line {first.line})",
            )
        for name in dict.fromkeys(lookup_form(n) for n in entry.claimed_names()):
            other = owner.setdefault(name, entry)
            if other is not entry:
                raise AliasFileError(
                    shown,
                    entry.line,
                    f"name {name!r} is claimed by both {other.key!r} (line {other.line}) "
                    f"and {entry.key!r} (line {entry.line})",
                )
