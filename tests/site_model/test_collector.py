"""The garbage collector during a build: fewer full collections, the site frozen from the model
on, and unfrozen only when the next build starts (the end of a build walks nothing again)."""

import gc

import pytest
from site_model import glue


@pytest.fixture
def python_collector():
    before = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


def test_a_build_collects_less_and_the_next_one_unfreezes_the_last(python_collector):
    gc.freeze()  # as the last build's model did
    assert gc.get_freeze_count() > 0
    glue.collect_less(None)  # the next build starts
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold()[2] == max(glue.BUILD_GC_THRESHOLD, glue._DEFAULT_GC[2])
    gc.freeze()  # this build's model
    glue.restore_thresholds(None)  # this build ends
    assert gc.get_threshold() == glue._DEFAULT_GC
    assert gc.get_freeze_count() > 0  # still frozen: nothing walks the site as the build ends


def test_the_model_is_built_without_the_collector_and_frozen_after(python_collector, monkeypatch):
    seen = []

    def failing_model(generator):
        seen.append(gc.isenabled())
        raise RuntimeError("a model that fails")

    monkeypatch.setattr(glue, "_build_model", failing_model)
    assert gc.isenabled()
    with pytest.raises(RuntimeError, match="a model that fails"):
        glue.build_model(None)
    assert seen == [False]  # off while the model was built
    assert gc.isenabled()  # on again, even after a failure
    assert gc.get_freeze_count() > 0


def test_a_collector_turned_off_before_the_build_stays_off(python_collector, monkeypatch):
    monkeypatch.setattr(glue, "_build_model", lambda generator: None)
    gc.disable()
    try:
        glue.build_model(None)
        assert not gc.isenabled()
    finally:
        gc.enable()
