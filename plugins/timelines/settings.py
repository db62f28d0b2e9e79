"""The TIMELINES_* settings (read by the site_model plugin): defaults in one place, checked once
at start-up."""

from __future__ import annotations

DEFAULTS = {
    "TIMELINES_PAGE_SIZE": 100,  # newest entries on timeline/index.html (then year pages)
    "TIMELINES_ENTITY_INLINE": 20,  # entries of an entity's timeline shown on its page
    "TIMELINES_DIGESTS_DIR": "digests",  # curated digests, inside PATH
}


class SettingsError(ValueError):
    pass


def timelines_settings(settings: dict) -> dict:
    """The TIMELINES_* settings with their defaults; an invalid value is named with what fits.

    >>> timelines_settings({"TIMELINES_PAGE_SIZE": 50})["TIMELINES_PAGE_SIZE"]
    50
    >>> timelines_settings({"TIMELINES_PAGE_SIZE": 0})
    Traceback (most recent call last):
    ...
    timelines.settings.SettingsError: TIMELINES_PAGE_SIZE = 0: expected a whole number above 0
    """
    values = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
    for name in ("TIMELINES_PAGE_SIZE", "TIMELINES_ENTITY_INLINE"):
        value = values[name]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise SettingsError(f"{name} = {value!r}: expected a whole number above 0")
    if not isinstance(values["TIMELINES_DIGESTS_DIR"], str) or not values["TIMELINES_DIGESTS_DIR"]:
        raise SettingsError(
            f"TIMELINES_DIGESTS_DIR = {values['TIMELINES_DIGESTS_DIR']!r}: expected a folder "
            "name inside PATH, such as 'digests'"
        )
    return values
