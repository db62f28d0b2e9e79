"""The offline_search plugin's settings: defaults in one place, checked once at start-up."""

from __future__ import annotations

DEFAULTS = {
    "SEARCH_INDEX": True,  # index the article pages with Pagefind, beside the build
    "SEARCH_SHARD_SIZE": 500,  # articles per search index shard, from the oldest
}


class SettingsError(ValueError):
    pass


def search_settings(settings: dict) -> dict:
    """The SEARCH_* settings with their defaults; an invalid value is named with what fits.

    >>> search_settings({"SEARCH_SHARD_SIZE": 2})["SEARCH_SHARD_SIZE"]
    2
    >>> search_settings({"SEARCH_SHARD_SIZE": 0})
    Traceback (most recent call last):
    ...
    offline_search.settings.SettingsError: SEARCH_SHARD_SIZE = 0: expected a whole number above 0
    """
    values = {
        "SEARCH_INDEX": settings.get("SEARCH_INDEX", DEFAULTS["SEARCH_INDEX"]),
        "SEARCH_SHARD_SIZE": settings.get("SEARCH_SHARD_SIZE", DEFAULTS["SEARCH_SHARD_SIZE"]),
    }
    size = values["SEARCH_SHARD_SIZE"]
    if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
        raise SettingsError(f"SEARCH_SHARD_SIZE = {size!r}: expected a whole number above 0")
    return values
