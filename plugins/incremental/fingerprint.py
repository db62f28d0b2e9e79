"""What a page is rendered from, as one digest; and the key that says whether to render it. Pure.

A page's **key** hashes everything its bytes can depend on: its output name, the theme (templates
and catalogs), the settings, the site-wide data every page shows (``RENDER_SITE_KEY``) and the
**fingerprint** of its own data. Two builds that give a page the same key give it the same
bytes, so the second build neither renders nor writes it. When some of the data cannot be
fingerprinted the page has no key: it is rendered, and written only if its bytes changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import operator
from collections.abc import Iterable, Mapping
from pathlib import Path

KEY_VERSION = "2"  # bump when the way keys are computed changes: every page renders once


class Unknown(Exception):
    """A value whose fingerprint is unknown: neither plain data nor carrying a ``render_key``."""


def fingerprint(value: object) -> str | None:
    """A digest of ``value``, or None when part of it is unknown.

    Plain data (str, int, float, bool, None, date, datetime, and lists, tuples, dicts, sets and
    dataclasses of those) counts by value; an object with a ``render_key`` string by that
    string (its promise to cover everything a template shows of it); Pelican's categories, tags
    and authors by their kind and name (all they show derives from it and the settings);
    anything else is unknown.

    >>> fingerprint({"b": [1, 2.5], "a": None}) == fingerprint({"a": None, "b": [1, 2.5]})
    True
    >>> fingerprint("1") == fingerprint(1)
    False
    >>> fingerprint([object()]) is None
    True
    """
    parts: list[bytes] = []  # hashed at once: one update instead of one per value
    try:
        _feed(parts.append, value)
    except Unknown:
        return None
    return hashlib.blake2b(b"".join(parts), digest_size=16).hexdigest()


def _feed(out, value: object) -> None:  # one case per kind of value, the common first
    kind = type(value)
    if kind is str:
        encoded = value.encode("utf-8", "surrogatepass")
        out(b"\x01s%d:" % len(encoded) + encoded)
    elif kind in _KEYED and type(key := getattr(value, "render_key", None)) is str:  # cards...
        encoded = key.encode("utf-8", "surrogatepass")
        out(_KEYED[kind] % len(encoded) + encoded)
    elif kind is list or kind is tuple:
        out(b"\x04[%d" % len(value))
        first = value[0] if value else None
        if type(first) in _KEYED and type(value[-1]) is type(first) and _feed_keyed(out, value):
            return
        for item in value:  # the common leaves as _feed feeds them, without the call
            item_kind = type(item)
            if item_kind is str:
                encoded = item.encode("utf-8", "surrogatepass")
                out(b"\x01s%d:" % len(encoded) + encoded)
            elif item_kind in _KEYED and type(key := getattr(item, "render_key", None)) is str:
                encoded = key.encode("utf-8", "surrogatepass")
                out(_KEYED[item_kind] % len(encoded) + encoded)
            elif item_kind is int:
                out(b"\x01int%d;" % item)
            else:
                _feed(out, item)
    elif value is None or kind is bool:
        out(f"\x00{value!r}".encode())
    elif kind is int or kind is float:
        out(f"\x01{kind.__name__}{value!r};".encode())
    elif kind is dict:
        _feed_mapping(out, value)
    elif isinstance(value, str):
        _feed(out, str(value))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        out(f"\x01{type(value).__name__}{value!r};".encode())
    elif isinstance(value, dt.date):  # datetime too: isoformat keeps time and zone
        out(f"\x01{type(value).__name__}{value.isoformat()};".encode())
    elif isinstance(getattr(value, "render_key", None), str):
        key = value.render_key.encode("utf-8", "surrogatepass")
        _KEYED.setdefault(kind, f"\x02{kind.__qualname__}%d:".encode())
        out(_KEYED[kind] % len(key) + key)
    elif isinstance(value, Mapping):
        _feed_mapping(out, value)
    elif isinstance(value, list | tuple):
        _feed(out, list(value))
    elif isinstance(value, set | frozenset):
        keys = sorted(fingerprint_or_raise(item) for item in value)
        out(b"\x05{%d" % len(keys) + "".join(keys).encode())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        out(f"\x06{type(value).__qualname__}".encode())
        for name in _field_names(type(value)):
            out(name.encode() + b"=")
            _feed(out, getattr(value, name))
    elif _is_url_wrapper(value):
        out(f"\x07{type(value).__qualname__}".encode())
        _feed(out, value.name)
    else:
        raise Unknown(type(value).__qualname__)


# Types whose values were seen with a ``render_key`` string, and the prefix their key is fed
# with: most of what pages are made of, found at once on their next occurrence.
_KEYED: dict[type, bytes] = {}


def _feed_keyed(out, value: list | tuple) -> bool:
    """Feeds a list whose items are all of one type seen with a ``render_key`` string and all
    carry one, as one part holding the bytes that feeding them one by one gives (the common case:
    an entity page's articles, a timeline's entries); False, having fed nothing, otherwise."""
    if len(set(map(type, value))) != 1:
        return False
    try:
        keys = list(map(_RENDER_KEY, value))
    except AttributeError:
        return False
    if set(map(type, keys)) != {str}:
        return False
    prefix = _KEYED[type(value[0])]
    sizes = set(map(len, keys))
    if len(sizes) == 1 and all(map(str.isascii, keys)):  # hex digests: one prefix for all
        head = (prefix % sizes.pop()).decode()
        out((head + head.join(keys)).encode())
    else:
        encoded = [key.encode("utf-8", "surrogatepass") for key in keys]
        out(b"".join(prefix % len(key) + key for key in encoded))
    return True


_RENDER_KEY = operator.attrgetter("render_key")


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


def _feed_mapping(out, value: Mapping) -> None:
    if all(type(key) is str for key in value):  # the common case: names, sorted as they are
        out(b"\x03s{%d" % len(value))
        for key in sorted(value):
            encoded = key.encode("utf-8", "surrogatepass")
            item = value[key]
            if type(item) is str:  # as _feed does, without the call (most values of a page)
                text = item.encode("utf-8", "surrogatepass")
                out(b"%d:%b\x01s%d:%b" % (len(encoded), encoded, len(text), text))
            elif item is None:
                out(b"%d:%b\x00None" % (len(encoded), encoded))
            else:
                out(b"%d:" % len(encoded) + encoded)
                _feed(out, item)
        return
    items = sorted((fingerprint_or_raise(k), v) for k, v in value.items())
    out(b"\x03{%d" % len(items))
    for key, item in items:
        out(key.encode())
        _feed(out, item)


def fingerprint_or_raise(value: object) -> str:
    found = fingerprint(value)
    if found is None:
        raise Unknown(type(value).__qualname__)
    return found


def _is_url_wrapper(value: object) -> bool:
    """Pelican's Category, Tag and Author (``pelican.urlwrappers.URLWrapper``), by duck type:
    this module does not import Pelican."""
    return any(
        cls.__name__ == "URLWrapper" and cls.__module__ == "pelican.urlwrappers"
        for cls in type(value).__mro__
    )


def page_key(name: str, build_digest: str, site_key: str, data: object) -> str | None:
    """The key of the output file ``name``: None when ``data`` has no fingerprint.

    ``build_digest`` covers the theme, the settings and the code (``build_digest()``),
    ``site_key`` what every page shows (``RENDER_SITE_KEY``).

    >>> page_key("a.html", "b", "s", {"n": 1}) == page_key("a.html", "b", "s", {"n": 1})
    True
    >>> page_key("a.html", "b", "s", {"n": 1}) == page_key("b.html", "b", "s", {"n": 1})
    False
    >>> page_key("a.html", "b", "s", {"n": object()}) is None
    True
    """
    data_print = fingerprint(data)
    if data_print is None:
        return None
    whole = fingerprint([KEY_VERSION, name, build_digest, site_key, data_print])
    return whole


def settings_digest(settings: Mapping[str, object]) -> str:
    """A digest of every setting whose value is JSON data, by name (others are left out: a
    function or a class is covered by the code digest).

    >>> settings_digest({"A": 1, "B": [2]}) == settings_digest({"B": [2], "A": 1, "F": print})
    True
    """
    plain = {}
    for name in sorted(settings):
        try:
            plain[name] = json.dumps(settings[name], sort_keys=True, default=_no_json)
        except (TypeError, ValueError):
            continue
    return hashlib.sha256(json.dumps(plain, sort_keys=True).encode()).hexdigest()


def _no_json(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__qualname__)


def files_digest(folders: Iterable[Path], suffixes: tuple[str, ...] | None = None) -> str:
    """A digest of the names and bytes of every file under ``folders`` (those ending with one
    of ``suffixes`` when given); a missing folder counts as empty.

    >>> files_digest([Path("/no/such/folder")]) == files_digest([])
    True
    """
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        digest.update(b"\x00folder\x00")
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or (suffixes and not path.name.endswith(suffixes)):
                continue
            if "__pycache__" in path.parts:
                continue
            data = path.read_bytes()
            name = path.relative_to(folder).as_posix().encode()
            digest.update(b"%d:%s%d:" % (len(name), name, len(data)) + data)
    return digest.hexdigest()
