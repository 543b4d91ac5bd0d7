"""The table of English councils (ontology/authorities.csv) and the resolution of the names documents use."""

from __future__ import annotations

import pytest

from kg import authorities
from kg.iris import authority_iri, authority_slug, slug


def test_the_table_holds_every_current_english_council_once():
    current = [a for a in authorities.table().values() if not a.replaced_by]
    assert len(current) == 153
    for a in authorities.table().values():
        assert a.key == slug(a.name)
        assert all(b in authorities.table() and not authorities.table()[b].replaced_by for b in a.replaced_by)


def test_no_name_stands_for_two_councils():
    seen: dict[str, str] = {}
    for a in authorities.table().values():
        for name in a.names:
            plain = authorities._plain(name)
            assert seen.setdefault(plain, a.key) == a.key, (name, seen[plain], a.key)


@pytest.mark.parametrize("name, key", [
    ("London Borough of Haringey", "haringey"),
    ("Inspection of the London Borough of Richmond upon Thames", "richmond-upon-thames"),
    ("Royal Borough of Kingston upon Thames", "kingston-upon-thames"),
    ("Hull City Council", "kingston-upon-hull"),
    ("Newcastle", "newcastle-upon-tyne"),
    ("Durham's", "durham"),
    ("BARNSLEY METROPOLITAN BOROUGH COUNCIL", "barnsley"),
    ("Council of the Isles of Scilly", "isles-of-scilly"),
    ("Bournemouth, Christchurch & Poole", "bournemouth-christchurch-and-poole"),
    ("North East Lincolnshire Council", "north-east-lincolnshire"),
    ("East Riding of Yorkshire Council", "east-riding-of-yorkshire"),
    ("City of London Corporation", "city-of-london"),
    ("Northamptonshire County Council", "northamptonshire"),
])
def test_every_form_of_a_name_gives_the_council_key(name, key):
    assert authority_slug(name) == key
    assert authority_iri(name).endswith(f"/authority/{key}")


def test_a_name_the_table_does_not_know_keeps_its_place_name():
    assert authorities.resolve("Somewhere Else District Council") is None
    assert authority_slug("Somewhere Else District Council") == "somewhere-else"


def test_former_councils_name_their_successors():
    northants = authorities.table()["northamptonshire"]
    assert set(northants.replaced_by) == {"north-northamptonshire", "west-northamptonshire"}
    assert northants.replaced_on == "2021-04-01"


def test_the_words_naming_a_council_are_found_across_punctuation_and_case():
    bcp = authorities.table()["bournemouth-christchurch-and-poole"]
    assert authorities.named_in("To BOURNEMOUTH, CHRISTCHURCH & POOLE Council", bcp) == \
        "BOURNEMOUTH, CHRISTCHURCH & POOLE"
    assert authorities.named_in("Barking and\nDagenham", authorities.table()["barking-and-dagenham"]) == \
        "Barking and\nDagenham"
