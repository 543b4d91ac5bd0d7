"""The plain word tests before slow case-insensitive patterns (kg.wordtest) only ever skip text the
pattern cannot match: wherever a pattern matches ASCII text, one of its words is there. One parametrised
test checks every ``GuardedPattern`` of ``kg`` (and the pattern-and-words pairs not yet made one)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import kg
from kg.extract import mentions, reports
from kg.read import read_document
from kg.wordtest import GuardedPattern, ascii_lower, may_hold

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "documents"


def guarded_in_kg() -> dict[str, GuardedPattern]:
    """Every GuardedPattern a module of kg holds, by itself or inside a tuple, list or dict, by name."""
    found: dict[str, GuardedPattern] = {}

    def visit(name: str, value, depth: int = 0) -> None:
        if isinstance(value, GuardedPattern):
            found[name] = value
        elif depth < 3 and isinstance(value, (tuple, list, dict)):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                visit(f"{name}[{key!r}]", item, depth + 1)

    for info in pkgutil.walk_packages(kg.__path__, "kg."):
        module = importlib.import_module(info.name)
        imported = _imported_names(module)
        for attr, value in vars(module).items():
            if attr not in imported:  # a table of kg.domain is checked once, under its own name
                visit(f"{info.name}.{attr}", value)
    return found


def _imported_names(module) -> set[str]:
    """The names a module takes from others by ``from ... import``."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    return {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for a in node.names}


def not_yet_guarded() -> dict[str, GuardedPattern]:
    """Patterns whose words their modules still keep apart (each module's owner makes them one), with the
    texts that show every alternative."""
    out = {}
    if hasattr(mentions, "_EARLIER_WORDS"):
        out["kg.extract.mentions._EARLIER"] = GuardedPattern(mentions._EARLIER, mentions._EARLIER_WORDS, (
            "At the PREVIOUS inspection", "the last visit", "an Earlier JTAI", "the most recent monitoring visit",
            "the prior inspection", "the preceding two inspections", "Inspection of the council's adoption agency",
            "Date of previous inspection: May 2012"))
    if hasattr(reports, "_REASONS_HEAD_WORDS"):
        out["kg.extract.reports._REASONS_HEAD"] = GuardedPattern(
            re.compile(reports._REASONS_HEAD, re.IGNORECASE), reports._REASONS_HEAD_WORDS, (
                "Children who need help and protection REQUIRE IMPROVEMENT because:", "is inadequate because",
                "The local authority is good because", "The local authority has the following strengths:"))
    return out


GUARDED = {**not_yet_guarded(), **guarded_in_kg()}


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return [ln for path in sorted(SEEDS.glob("*.txt")) for ln in read_document(path).text.split("\n")]


def blanked(text: str, words: tuple[str, ...]) -> str:
    """The text with every guard word, in any case, made a "#"."""
    return re.sub("|".join(map(re.escape, sorted(words, key=len, reverse=True))), "#", text, flags=re.IGNORECASE)


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_a_guarded_pattern_needs_its_words(name, seed_lines):
    g = GUARDED[name]
    assert g.examples, f"{name}: no example texts, so nothing shows that its words are needed"
    for text in g.examples:
        assert g.pattern.search(text), f"{name}: its example {text!r} does not match"
        assert g.search(text), f"{name}: the word test skips its example {text!r}"
        if text.isascii():
            assert not g.pattern.search(blanked(text, g.words)), f"{name}: matches {text!r} without its words"
    for word in g.words:  # each word is the only one in some example: none is there for nothing
        assert any([w for w in g.words if w in text.lower()] == [word] for text in g.examples), \
            f"{name}: no example holds {word!r} alone"
    for line in seed_lines:
        if line.isascii() and g.pattern.search(line):
            assert g.may_match(ascii_lower(line)), f"{name}: the word test would skip {line[:80]!r}"


def test_the_finder_sees_a_guarded_pattern_inside_a_table_of_a_module(monkeypatch):
    import kg.normalise

    g = GuardedPattern(re.compile("x"), ("x",), ("x",))
    monkeypatch.setattr(kg.normalise, "_TABLE", (("key", g),), raising=False)
    assert guarded_in_kg()["kg.normalise._TABLE[0][1]"] is g


def test_text_beyond_ascii_is_always_given_to_the_pattern():
    assert may_hold(ascii_lower("the ſtrengths"), ("strengths",))  # a long s, which IGNORECASE folds to s
    assert not may_hold(ascii_lower("care leavers"), ("strengths",))
    g = GuardedPattern(re.compile("strengths", re.IGNORECASE), ("strengths",), ("strengths",))
    assert g.search("the ſtrengths") and not g.search("care leavers")
