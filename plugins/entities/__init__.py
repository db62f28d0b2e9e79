"""Entities, a library: aliases, extraction, registry, mentions, views.

The site_model plugin renders entity pages with it; ingest normalises names with it."""
