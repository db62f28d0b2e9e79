"""What a content file may not say about itself: where it is written, with which template. Pure.

Pelican turns every metadata line of a content file into an attribute of the article: ``Save_as:``
and ``Url:`` choose where the page is written, ``Template:`` which template renders it,
``Status:`` whether and how it is published. Content files come from seeds and editors, never
from the site's owner: these keys are refused (an error naming the file, then ignored), so a
file can neither write elsewhere nor break the build. The slug and the language are checked by
``newstext.safety``; this module says which keys and values are refused and why.
"""

from __future__ import annotations

PUBLISHED_STATUSES = ("published", "draft", "hidden")

# Keys naming a path, a URL or a template (Pelican reads them from the object), and names of
# Pelican's own attributes that metadata would overwrite.
PATH_KEYS = {
    "save_as": "it would choose where the page is written",
    "url": "it would choose the page's address",
    "lang_save_as": "it would choose where the page is written",
    "lang_url": "it would choose the page's address",
    "template": "it would choose the template that renders the page",
}
INTERNAL_KEYS = {
    "settings", "metadata", "source_path", "relative_source_path", "translations",
    "in_default_lang", "default_template", "default_status", "mandatory_properties",
    "allowed_statuses", "content", "date_format", "locale_date", "locale_modified",
}  # fmt: skip


def refused_metadata(metadata: dict) -> list[tuple[str, str]]:
    """``(key, why)`` for each key of ``metadata`` a content file may not set, in file order.

    >>> refused_metadata({"title": "T", "save_as": "../x.html", "status": "published"})
    [('save_as', 'it would choose where the page is written')]
    >>> refused_metadata({"status": "secret", "_content": "x"})  # doctest: +NORMALIZE_WHITESPACE
    [('status', "'secret' is not one of published, draft, hidden"),
     ('_content', "it names one of Pelican's own attributes")]
    """
    refused = []
    for key, value in metadata.items():
        if key in PATH_KEYS:
            refused.append((key, PATH_KEYS[key]))
        elif key == "status" and value not in PUBLISHED_STATUSES:
            refused.append((key, f"{str(value)!r} is not one of {', '.join(PUBLISHED_STATUSES)}"))
        elif key in INTERNAL_KEYS or key.startswith(("_", "override_")):
            refused.append((key, "it names one of Pelican's own attributes"))
    return refused


def refusal_message(shown: str, key: str, why: str) -> str:
    """The error for one refused key, naming the file and saying what to do.

    >>> print(refusal_message("content/a.md", "url", "it names the address"))
    content/a.md: 'Url:' is not allowed in a content file (it names the address); it is ...
    """
    return (
        f"{shown}: {key.capitalize() + ':'!r} is not allowed in a content file ({why}); "
        "it is ignored: remove the line"
    )
