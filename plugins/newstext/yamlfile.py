"""The one way YAML written by editors is read: sidecars, Markdown front matter, alias files. Pure.

YAML as editors write it is hostile input like any other: nine lines of anchors and aliases
("billion laughs") expand to gigabytes, and a few thousand "[" nest deeper than Python's stack.
Every document is read here with ``yaml.SafeLoader`` semantics and refused, with the file and
the line, before it can cost more than its size: over ``max_chars`` characters, with more than
``max_aliases`` aliases (``*name``), nested deeper than ``MAX_DEPTH``, or with more than
``MAX_NODES`` values once its aliases are expanded.

>>> load_yaml("title: Vostotchny\\ndate: 2023-09-13", "seeds/a.yml").data
{'title': 'Vostotchny', 'date': '2023-09-13'}
>>> load_yaml("a: &x [1]\\nb: *x", "seeds/a.yml")
Traceback (most recent call last):
...
newstext.yamlfile.YamlRefused: seeds/a.yml:2: uses a YAML alias (*x); aliases are not \
accepted here: write the value out in full
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .errors import FileError

MAX_CHARS = 1_000_000  # an alias file
METADATA_MAX_CHARS = 100_000  # a sidecar or front matter: an article's metadata
MAX_DEPTH = 50
MAX_NODES = 100_000
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class YamlFileError(FileError):
    """A YAML document that cannot be read: ``path:line: message``."""


class YamlSyntaxError(YamlFileError):
    """Not YAML at all; ``message`` is the parser's problem, e.g. "mapping values are not
    allowed here"."""


class YamlRefused(YamlFileError):
    """Valid YAML that is refused because reading it could cost too much."""


@dataclass(frozen=True)
class YamlDocument:
    """A document read: its data, its root node, and the line of each top-level key (lower
    case), in the file's numbering."""

    data: object
    root: yaml.Node | None
    key_lines: dict[str, int]


class _Loader(yaml.SafeLoader):
    """SafeLoader that counts aliases and depth as it composes."""

    max_aliases = 0
    first_line = 1
    path = ""

    def __init__(self, stream):
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            self._aliases += 1
            if self._aliases > self.max_aliases:
                raise self._refused(event.start_mark, _too_many_aliases(event, self.max_aliases))
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise self._refused(mark, f"nests values deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _refused(self, mark, message: str) -> YamlRefused:
        return YamlRefused(self.path, message, line=mark.line + self.first_line)


class _LoaderWithoutTimestamps(_Loader):
    """Dates stay the text written, so that they are read like every other date (and a wrong
    one is reported with its line rather than crashing the loader)."""


_LoaderWithoutTimestamps.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _too_many_aliases(event: yaml.AliasEvent, allowed: int) -> str:
    if allowed == 0:
        return (
            f"uses a YAML alias (*{event.anchor}); aliases are not accepted here: "
            "write the value out in full"
        )
    return (
        f"uses more than {allowed} YAML aliases (*{event.anchor} is one too many): write the "
        "values out in full"
    )


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """How many nodes ``root`` stands for once its aliases are expanded, counting no further
    than ``limit`` (each shared node is measured once)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        children = (
            [part for pair in node.value for part in pair]
            if isinstance(node, yaml.MappingNode)
            else list(node.value)
        )
        if children_done:
            sizes[id(node)] = min(limit + 1, 1 + sum(sizes.get(id(c), 0) for c in children))
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def load_yaml(
    text: str,
    path: str,
    *,
    first_line: int = 1,
    max_aliases: int = 0,
    max_chars: int = MAX_CHARS,
    timestamps: bool = False,
    construct: bool = True,
) -> YamlDocument:
    """Read one YAML document written by an editor; ``path`` (and ``first_line``, the line of
    the file where ``text`` starts) locate errors.

    Raises ``YamlSyntaxError`` for text that is not YAML and ``YamlRefused`` for a document
    over the bounds (see the module docstring), both naming the file and the line. With
    ``timestamps`` false, dates are kept as the text written; with ``construct`` false, only
    the nodes are read (``data`` is None).
    """
    if len(text) > max_chars:
        raise YamlRefused(
            path,
            f"YAML is {len(text):,} characters long, over the limit of {max_chars:,}: shorten it",
        )
    loader_class = _Loader if timestamps else _LoaderWithoutTimestamps
    loader = loader_class(text)
    loader.max_aliases, loader.first_line, loader.path = max_aliases, first_line, path
    try:
        root = loader.get_single_node()
        if root is not None and max_aliases and _expanded_size(root, MAX_NODES) > MAX_NODES:
            raise YamlRefused(
                path,
                f"its aliases expand to more than {MAX_NODES:,} values: write it without aliases",
                line=root.start_mark.line + first_line,
            )
        data = loader.construct_document(root) if construct and root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = error.problem or error.context or "invalid YAML"
        raise YamlSyntaxError(path, problem, line=line) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(path, str(error)) from None
    finally:
        loader.dispose()
    key_lines = {}  # a key written twice: its last line, like its value
    if isinstance(root, yaml.MappingNode):
        for key, _ in root.value:
            key_lines[str(key.value).lower()] = key.start_mark.line + first_line
    return YamlDocument(data, root, key_lines)
