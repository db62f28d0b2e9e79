"""Pelican glue: the theme speaks each page's language.

On ``generator_init`` (each generator has its own Jinja environment, created just before), this
installs on the environment: the ``jinja2.ext.i18n`` extension, ``_``/``gettext``/``ngettext``
that pick the catalog of the page being rendered, the ``current_lang()`` global, and the
``format_date`` and ``lang_name`` filters.

Settings (defaults in ``DEFAULTS``):

- ``SITE_LANGUAGE_TRANSLATIONS``: folder of ``<lang>/LC_MESSAGES/messages.po``;
  empty means ``<THEME>/translations``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import pass_context
from jinja2.ext import InternationalizationExtension
from jinja2.utils import missing
from markupsafe import Markup
from pelican import signals

from .catalogs import Catalogs
from .dates import format_date, language_name
from .markup import FILTERS

logger = logging.getLogger(__name__)

DEFAULTS = {"SITE_LANGUAGE_TRANSLATIONS": ""}


def translations_dir(settings: dict) -> Path:
    configured = settings.get("SITE_LANGUAGE_TRANSLATIONS", DEFAULTS["SITE_LANGUAGE_TRANSLATIONS"])
    if not isinstance(configured, str | Path):
        raise ValueError(f"SITE_LANGUAGE_TRANSLATIONS must be a folder path, got {configured!r}")
    if configured:
        return Path(configured)
    return Path(settings["THEME"]) / "translations"


def context_lang(context) -> str:
    """The page's language: ``page_lang``, else the ``lang`` of ``article``, ``page`` or
    ``digest`` (the first of them in the context), else ``DEFAULT_LANG``, else English."""
    # ``resolve_or_missing`` is ``get`` without the KeyError raised and caught for each name a
    # page does not have: this is asked for every message of every page.
    lookup = context.resolve_or_missing
    page_lang = lookup("page_lang")
    if page_lang and page_lang is not missing:
        return page_lang
    for name in ("article", "page", "digest"):
        lang = getattr(lookup(name), "lang", None)
        if lang:
            return lang
    return context.get("DEFAULT_LANG") or "en"


def install_language(env, catalogs: Catalogs) -> None:
    """Install i18n, the language-aware gettext callables, filters and globals on ``env``."""
    if not any(isinstance(ext, InternationalizationExtension) for ext in env.extensions.values()):
        env.add_extension("jinja2.ext.i18n")

    @pass_context
    def gettext(context, message: str) -> str:
        return catalogs.get(context_lang(context)).ugettext(message)

    @pass_context
    def ngettext(context, singular: str, plural: str, n: int) -> str:
        return catalogs.get(context_lang(context)).ungettext(singular, plural, n)

    @pass_context
    def current_lang(context) -> str:
        return context_lang(context)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    # ``_()`` is on every page dozens of times: one call, each message of each language looked
    # up once, where Jinja's newstyle gettext makes three calls through the context. Same text:
    # the translation, marked safe under autoescape, formatted with its variables (a text
    # without "%" is the same text formatted).
    translated: dict[tuple[str, str, bool], str] = {}

    @pass_context
    def page_gettext(context, message: str, **variables) -> str:
        key = (context_lang(context), message, context.eval_ctx.autoescape)
        found = translated.get(key)
        if found is None:
            found = catalogs.get(key[0]).ugettext(message)
            found = translated[key] = Markup(found) if key[2] else found
        return found % variables if "%" in found else found

    env.globals["_"] = env.globals["gettext"] = page_gettext
    env.globals["current_lang"] = current_lang
    env.filters["format_date"] = format_date
    env.filters["lang_name"] = language_name
    env.filters.update(FILTERS)


def on_generator_init(generator) -> None:
    catalogs = Catalogs.from_directory(translations_dir(generator.settings))
    install_language(generator.env, catalogs)


def register() -> None:
    signals.generator_init.connect(on_generator_init)
