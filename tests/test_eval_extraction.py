"""Extraction on the seeds measured against hand-checked expectations (tests/expected/seeds.json)."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT

from kg import store as kgstore


def evaluator():
    spec = importlib.util.spec_from_file_location("eval_extraction", ROOT / "benchmarks" / "eval_extraction.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def results(seed_store):
    return evaluator().evaluate(kgstore.open_read(seed_store))


@pytest.mark.parametrize("facts", ["recommendations", "judgements", "described inspections",
                                   "mentioned inspections"])
def test_exact_facts(results, facts):
    r = results[facts]
    assert (r["precision"], r["recall"]) == (1.0, 1.0), r


@pytest.mark.parametrize("facts", ["boards", "partners"])
def test_organisations_mostly_found_and_never_invented(results, facts):
    r = results[facts]
    assert r["precision"] == 1.0, r
    assert r["recall"] >= 0.75, r


def test_evaluator_counts_a_miss():
    """The scorer itself: a missing and an extra fact lower recall and precision."""
    s = evaluator().score({("a", 1), ("x", 9)}, {("a", 1), ("b", 2)})
    assert (s["precision"], s["recall"]) == (0.5, 0.5)
