"""The ENTITIES_* settings (read by the site_model plugin): defaults in one place, checked once
at start-up."""

from __future__ import annotations

DEFAULTS = {
    "ENTITIES_ALIAS_FILE": "entities.yml",  # the editors' alias file, inside PATH
    "ENTITIES_FEED_MAX_ITEMS": 20,  # newest articles in each entity's Atom feed
    "ENTITIES_PAGE_ARTICLES": 50,  # newest articles (and quotes) on an entity's page
}


class SettingsError(ValueError):
    pass


def entities_settings(settings: dict) -> dict:
    """The ENTITIES_* settings with their defaults; an invalid value is named with what fits.

    >>> entities_settings({})["ENTITIES_FEED_MAX_ITEMS"]
    20
    >>> entities_settings({"ENTITIES_FEED_MAX_ITEMS": "20"})
    Traceback (most recent call last):
    ...
    entities.settings.SettingsError: ENTITIES_FEED_MAX_ITEMS = '20': expected a whole number above 0
    """
    values = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
    for name in ("ENTITIES_FEED_MAX_ITEMS", "ENTITIES_PAGE_ARTICLES"):
        value = values[name]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise SettingsError(f"{name} = {value!r}: expected a whole number above 0")
    alias_file = values["ENTITIES_ALIAS_FILE"]
    if not isinstance(alias_file, str) or not alias_file.endswith((".yml", ".yaml")):
        raise SettingsError(
            f"ENTITIES_ALIAS_FILE = {alias_file!r}: expected a YAML file name inside PATH, "
            "such as 'entities.yml'"
        )
    return values
