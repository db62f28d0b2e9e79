"""Timelines, a library: editions, entries, dates in text. The site_model plugin renders them."""
