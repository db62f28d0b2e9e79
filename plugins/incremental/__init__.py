"""Pelican plugin. Importing the package's pure modules does not import Pelican."""


def register() -> None:
    from .glue import register as register_glue

    register_glue()
