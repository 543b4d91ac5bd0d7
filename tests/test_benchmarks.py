"""The benchmark corpus generator and runner keep working (no timing assertions: machines differ)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_corpus as mc  # noqa: E402  (benchmarks/ is not a package)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    mc.make_corpus(6, 5, 7, out)
    return out


def test_same_arguments_give_byte_identical_files(corpus, tmp_path):
    mc.make_corpus(6, 5, 7, tmp_path)
    first = {p.name: p.read_bytes() for p in corpus.iterdir()}
    second = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert first == second


def test_another_seed_rewrites_the_same_documents_differently(tmp_path, monkeypatch):
    """With a pool of one council, both seeds write the same files (council, number and kind); the seed must
    still change what they say."""
    pool, neighbours_of = mc.authorities(), mc.neighbours_of
    monkeypatch.setattr(mc, "authorities", lambda: pool[40:41])
    monkeypatch.setattr(mc, "neighbours_of", lambda target, _: neighbours_of(target, pool))
    mc.make_corpus(1, 8, 7, tmp_path / "7")
    mc.make_corpus(1, 8, 8, tmp_path / "8")
    first = {p.name: p.read_bytes() for p in (tmp_path / "7").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "8").iterdir()}
    same_names = sorted(set(first) & set(second))
    assert same_names, "no document of one council, number and kind in both corpora"
    assert sum(first[n] != second[n] for n in same_names) > len(same_names) // 2


def test_counts_and_every_seed_kind(corpus):
    files = sorted(corpus.glob("*.txt"))
    assert len(files) == 30
    names = [_parts(f) for f in files]
    per_authority = {slug: sum(1 for s, _, _ in names if s == slug) for slug, _, _ in names}
    assert sorted(per_authority.values()) == [5] * 6
    assert {kind for _, _, kind in names} == {k for k, _ in mc.seed_documents()}


def _parts(path: Path) -> tuple[str, int, str]:
    slug, n, kind = re.fullmatch(r"(.+)-(\d\d)-([a-z-]+)\.txt", path.name).groups()
    return slug, int(n), kind


def _target(path: Path) -> mc.Authority:
    by_slug = {mc.slug(a.name): a for a in mc.authorities()}
    return by_slug[_parts(path)[0]]


def test_rewritten_documents_name_the_new_council_and_not_the_seeds(corpus):
    for f in corpus.glob("*.txt"):
        target = _target(f)
        text = f.read_text(encoding="utf-8")
        assert target.name in text, f.name
        for seed in mc.SEED_AUTHORITIES:
            if seed != target.name:
                assert seed not in text and seed.upper() not in text, f"{f.name} still names {seed}"
        if "South Yorkshire Police" in text:
            assert target.police == "South Yorkshire Police"


def test_the_board_acronym_follows_the_council():
    pool = mc.authorities()
    sif = next(t for t in (mc.make_template(k, x) for k, x in mc.seed_documents()) if t.kind == "sif-report")
    kent = next(a for a in pool if a.name == "Kent")
    text = mc.rewrite(sif, kent, mc.neighbours_of(kent, pool), mc.random.Random(1))
    assert "KSCB" in text and "BSCB" not in text
    assert "Kent County Council" in text.split("Inspection of services")[0]


def _dates(text: str) -> list[dt.date]:
    months = {m: i + 1 for i, m in enumerate(mc.MONTHS)}
    return [dt.date(int(y), months[m], int(d))
            for d, m, y in re.findall(rf"\b(\d{{1,2}}) ({'|'.join(mc.MONTHS)}) (\d{{4}})\b", text)]


def test_dates_move_together_within_a_document():
    """Every full date of a document moves by one and the same number of days; bare years by whole years."""
    pool = mc.authorities()
    for kind, seed_text in mc.seed_documents():
        tpl = mc.make_template(kind, seed_text)
        before = _dates(seed_text)
        if len(before) < 2:
            continue
        for n in range(5):
            text = mc.rewrite(tpl, pool[40 + n], mc.neighbours_of(pool[40 + n], pool), mc.random.Random(n))
            after = _dates(text)
            assert len(after) == len(before), kind
            deltas = {(a - b).days for a, b in zip(after, before)}
            assert len(deltas) <= 2, (kind, deltas)  # a 29 February may land on the 28th
            assert max(deltas) - min(deltas) <= 1


def test_the_sif_report_keeps_its_structure_and_a_consistent_scale():
    pool = mc.authorities()
    kind, seed_text = next((k, t) for k, t in mc.seed_documents() if k == "sif-report")
    tpl = mc.make_template(kind, seed_text)
    seen = set()
    for n in range(12):
        text = mc.rewrite(tpl, pool[n], mc.neighbours_of(pool[n], pool), mc.random.Random(n))
        overall = re.search(r"The overall judgement is \*\*(.+?)\*\*", text).group(1)
        assert overall in ("outstanding", "good", "requires improvement", "inadequate")
        seen.add(overall)
        assert "Areas for improvement" in text and "Adequate" not in text.split("What the inspection")[0]
        numbers = [int(m) for m in re.findall(r"(?m)^(\d{1,3})\. ", text)]
        assert sorted(numbers) == sorted(int(m) for m in re.findall(r"(?m)^(\d{1,3})\. ", seed_text))
        # The rubric that defines the grades is never rewritten.
        assert "A **good** local authority leads effective services" in text
    assert len(seen) > 1


def test_run_quick_writes_a_table(tmp_path):
    out = tmp_path / "benchmarks.md"
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--out", str(out)],
                       check=False, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert "| measurement | documents | time |" in text
    assert re.search(r"\| 3 generated \(3 × 1\), from scratch", text)
    assert "`kg --help` start-up" in text and "## Machine" in text and "nproc:" in text
    assert "--quick" in text and "in progress" not in text


def test_eval_asks_pairs_each_labelled_ask_with_one_tool_ask():
    import eval_asks

    labelled = ["Improve the quality of plans for children in care.", "Reduce social workers' caseloads."]
    # one tool ask cannot count for two labels; an unrelated tool ask matches nothing
    assert eval_asks.pair(labelled, ["The quality of plans for children in care should improve."]) == 1
    assert eval_asks.pair(labelled, ["Reduce caseloads of social workers.", "Improve the quality of plans for "
                                     "children in care."]) == 2
    docs = [{"document": "a.pdf", "kind": "k", "asks": [{"text": t} for t in labelled]}]
    part = eval_asks.split_of("a.pdf")
    got = eval_asks.score(docs, {"a.pdf": ["Reduce caseloads of social workers.", "Publish a plan."]})[part]
    assert got["k"] == got["all"] == {"documents": 1, "labelled": 2, "tool": 2, "matched": 1, "precision": 0.5,
                                      "recall": 0.5}


def test_hash_nquads_prints_one_digest_a_document(capsys):
    import hash_nquads

    assert hash_nquads.main([str(ROOT / "examples" / "documents"), "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(re.fullmatch(r"[0-9a-f]{64}  documents/\S+\.txt", ln) for ln in lines)
