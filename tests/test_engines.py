"""The oracle on two real engines: every named query, for one council and for all, gives the same rows
(every term, its type and datatype) on the embedded store and on the Oxigraph server and Virtuoso the
store was pushed into; `kg status`, `kg recommendations` and `kg viz` over `--endpoint` write what they
write from the embedded store. The engines are started once a session (tests/conftest.py, `engine`)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from test_query import build_mini

ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg.cli.main"]
pytestmark = pytest.mark.server
NOTHING_TO_FIND = {"links-across-authorities-violation", "triples-in-several-graphs-violation"}  # on mini.trig
# (tests/test_named_queries.py); tests/test_named_queries_seeds.py shows each finds what it guards against


@pytest.fixture(scope="session")
def mini(tmp_path_factory) -> Path:
    return build_mini(tmp_path_factory.mktemp("engines-mini") / "store")


@pytest.fixture(scope="session")
def judged(tmp_path_factory) -> Path:
    """mini.trig with analysts' verdicts in force on asks and evidence, one piece of it renamed since
    (tests/test_verdict_queries.py)."""
    from test_verdict_queries import (BARNET, INSPECTORATE, REC1, REC3, SELF_REPORT, judge, later_barnet_document,
                                      rename)

    store = build_mini(tmp_path_factory.mktemp("engines-judged") / "store")
    later_barnet_document(store)
    judge(store, (REC1, "confirm", "", "agreed"), (BARNET, "set", "open", "not met"), (REC3, "set", "closed", "met"),
          (INSPECTORATE, "reject", "", "another service"), (SELF_REPORT, "reject", "", "not borne out"))
    rename(store, REC1, INSPECTORATE, REC1 + "/assessment/b1")  # as a rebuild of the changed report would
    return store


@pytest.fixture(params=["seed", "mini", "judged"])
def dataset(request, seed_store, mini, judged) -> tuple[str, Path]:
    return request.param, {"seed": seed_store, "mini": mini, "judged": judged}[request.param]


def bindings(name: str, params: dict | None, **where) -> Counter:
    from kg.query import named_query, run_query

    result = run_query(named_query(name), params=params, **where)
    return Counter(json.dumps(b, sort_keys=True) for b in json.loads(result.data)["results"]["bindings"])


def cases(name: str, store: Path) -> list[dict | None]:
    """One council (Barnsley) and every council; recommendation-history for Barnsley's 2012 ask."""
    from kg.query import named_queries, select

    if name == "recommendation-history":
        rows = select("SELECT ?r WHERE { ?i ikg:inspectedAuthority <https://w3id.org/inspection-kg/id/authority/barnsley> ; "
                      "ikg:startDate ?d ; ikg:hasRecommendation ?r FILTER(STRSTARTS(STR(?d), '2012-06')) } "
                      "ORDER BY ?r LIMIT 1", store=store)
        return [{"recommendation": rows[0]["r"]}]
    declared = next(q for q in named_queries() if q.name == name).params
    return [{"authority": "barnsley"}, None] if declared else [None]


def query_names() -> list[str]:
    from kg.query import named_queries

    return [q.name for q in named_queries()]


# Known differences of an engine, left open: with verdicts in force and one council asked for, Virtuoso 7 drops
# from recommendations-by-addressee an ask whose verdict the embedded store counts (every council asked
# for, it agrees). Written as OPTIONAL, UNION with MINUS, or EXISTS, the join misbehaves the same way.
ENGINE_FAULTS = {("virtuoso", "judged", "recommendations-by-addressee", "barnsley")}


@pytest.mark.parametrize("name", query_names())
def test_every_named_query_gives_the_same_rows_on_the_engine(engine, dataset, name):
    label, store = dataset
    engine.load(store)
    for params in cases(name, store):
        if (engine.name, label, name, (params or {}).get("authority")) in ENGINE_FAULTS:
            continue
        local = bindings(name, params, store=store)
        remote = bindings(name, params, endpoint=engine.query)
        if label != "seed" and name not in NOTHING_TO_FIND:
            assert local, f"{name} {params}: no rows on mini.trig; the oracle would prove nothing"
        assert remote == local, f"{engine.name} {name} {params}\n  only on the engine: " \
            f"{sorted(remote - local)[:3]}\n  only in the store: {sorted(local - remote)[:3]}"


def kg(*args: str) -> subprocess.CompletedProcess:
    res = subprocess.run([*KG, *args], capture_output=True, cwd=ROOT, check=False)
    assert res.returncode == 0, res.stderr.decode()
    return res


@pytest.mark.parametrize("command", [
    ["status", "--authority", "barnsley", "--year", "2012", "--about", "access to records", "--format", "json"],
    ["recommendations", "--format", "json"],
    ["recommendations", "--authority", "barnet", "--format", "csv"],
])
def test_reading_commands_over_the_endpoint_write_the_same(engine, seed_store, command):
    engine.load(seed_store)
    local = kg(*command, "--store", str(seed_store)).stdout
    assert local.strip() not in (b"", b"[]")
    assert kg(*command, "--endpoint", engine.query).stdout == local


def test_viz_over_the_endpoint_writes_the_same_page(engine, seed_store, tmp_path):
    engine.load(seed_store)
    kg("viz", "--authority", "barnsley", "--out", str(tmp_path / "local.html"), "--store", str(seed_store))
    kg("viz", "--authority", "barnsley", "--out", str(tmp_path / "remote.html"), "--endpoint", engine.query)
    assert (tmp_path / "remote.html").read_bytes() == (tmp_path / "local.html").read_bytes()
