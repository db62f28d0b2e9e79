"""Fixtures of the template tests; the fakes themselves are in template_fakes.py."""

from template_fakes import base_context, env  # noqa: F401  (fixtures, re-exported)
