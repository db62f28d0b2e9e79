"""The examples in the plugins' docstrings are tests too: every module's doctests pass."""

import doctest
import importlib
from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"
MODULES = sorted(
    ".".join(path.relative_to(PLUGINS).with_suffix("").parts)
    for path in PLUGINS.rglob("*.py")
    if path.name != "__init__.py"
)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"


def test_the_plugins_have_doctests():
    total = sum(
        doctest.testmod(importlib.import_module(name), report=False).attempted for name in MODULES
    )
    assert total >= 50
