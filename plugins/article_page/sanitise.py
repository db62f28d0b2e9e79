"""Article HTML made safe, whatever the raw file was: an allow-list of tags and attributes. Pure.

Ingest already escapes plain text and strips HTML pages, but Markdown seeds and hand-edited
articles may carry raw HTML; this is the last gate before a page is written. Scripts, iframes,
forms, styles, event handlers and ``javascript:`` URLs never pass.
"""

from __future__ import annotations

import nh3
from newstext.safety import strip_controls

ATTRIBUTES = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
ATTRIBUTES["*"] = {"id", "class", "lang", "title", "dir"}
ATTRIBUTES["a"] = ATTRIBUTES.get("a", set()) | {"rel"}
# One cleaner for the build: ``nh3.clean`` builds its allow-list again at every call, which
# cost more than cleaning a summary.
_CLEANER = nh3.Cleaner(attributes=ATTRIBUTES, link_rel=None)


def safe_html(html: str) -> str:
    """``html`` with only harmless tags and attributes left.

    >>> safe_html('<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:y()">z</a></p>')
    '<p>Hi <a>z</a></p>'
    >>> safe_html('<h2 id="suite">Suite</h2>')
    '<h2 id="suite">Suite</h2>'
    >>> safe_html('<p>Sommet\\x1b[31m\\x00</p>')  # control characters: no feed could carry them
    '<p>Sommet[31m</p>'
    """
    return _CLEANER.clean(strip_controls(html))


class SafeHTML(str):
    """HTML as ``safe_html`` returned it, or such HTML with entity links added around its words
    (``site_model.analysis.link_body``: ``<a class="entity-link" href="...">``, an escaped
    relative address; the allow-list leaves it as it is, which a test checks): a value no file
    can produce (files give plain strings), and any change to it gives a plain string again."""

    __slots__ = ()


def made_safe(html: str) -> SafeHTML:
    """``html`` through ``safe_html``, unless it already went through it unchanged.

    >>> once = made_safe('<p onclick="x()">Hi</p>')
    >>> once, made_safe(once) is once, type(made_safe(once + "<script>"))
    ('<p>Hi</p>', True, <class 'article_page.sanitise.SafeHTML'>)
    >>> made_safe(once + "<script>x</script>")
    '<p>Hi</p>'
    """
    if type(html) is SafeHTML:
        return html
    return SafeHTML(safe_html(html))
