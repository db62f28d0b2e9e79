"""Pelican plugin: one analysis per article, one site model, pages rendered from it.

Importing the package's pure modules (analysis, cache, model) does not import Pelican."""


def register() -> None:
    from .glue import register as register_glue

    register_glue()
