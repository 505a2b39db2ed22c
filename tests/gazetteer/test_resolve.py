"""Resolution: phrases from the issue and the corpus, context, abstention, precision codes."""

from __future__ import annotations

from minewatch.gazetteer.resolve import Resolver


def names(res) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(p.name for p in res.places)


def test_directions_give_two_districts_at_admin2(resolver: Resolver) -> None:
    res = resolver.resolve("the Kalbajar and Lachin directions")
    assert names(res) == ["Kalbajar district", "Lachin district"]
    assert {p.where_prec for p in res.places} == {3}
    assert res.where_prec == 5  # two districts together: a larger area
    assert names(resolver.resolve("Kyalbadzharsky and Lachinsky directions")) == names(res)


def test_feature_direction_is_near_a_feature(resolver: Resolver) -> None:
    res = resolver.resolve("the northern direction of the Saribaba height")
    assert names(res) == ["Saribaba height"] and res.where_prec == 2
    assert res.places[0].country_code == "AZ"
    assert names(resolver.resolve("north of the Sarybaba height")) == ["Saribaba height"]


def test_economic_region(resolver: Resolver) -> None:
    res = resolver.resolve("the territory of the Karabakh economic region")
    assert names(res) == ["Karabakh economic region"] and res.where_prec == 5


def test_village_in_district_uses_parent(resolver: Resolver) -> None:
    res = resolver.resolve("near the village of Zabukh in Lachin district")
    assert names(res) == ["Zabukh"] and res.where_prec == 2
    res = resolver.resolve("near the village of Verbivka, Balakliia community, Izium district")
    assert names(res) == ["Verbivka"] and res.places[0].country_code == "UA"


def test_unknown_village_falls_back_to_its_district(resolver: Resolver) -> None:
    res = resolver.resolve("near the village of Nowhereyevka in Lachin district")
    assert names(res) == ["Lachin district"] and res.where_prec == 3
    assert "not found inside it" in res.note


def test_city_word_and_outskirts_pick_the_locality(resolver: Resolver) -> None:
    res = resolver.resolve("outskirts of Aghdam city")
    assert [p.kind for p in res.places] == ["locality"] and res.where_prec == 2
    assert [p.kind for p in resolver.resolve("Aghdam district").places] == ["admin2"]


def test_comma_parent(resolver: Resolver) -> None:
    res = resolver.resolve("Haji Omaran, Erbil")
    assert names(res) == ["Haji Omaran"] and res.places[0].country_code == "IQ"


def test_ambiguous_name_abstains_with_candidates(resolver: Resolver) -> None:
    res = resolver.resolve("Dniprovskyi district")
    assert res.status == "ambiguous" and not res.places
    assert len(res.candidates) >= 2 and res.where_prec == 7


def test_document_context_decides(resolver: Resolver) -> None:
    res = resolver.resolve("Dniprovskyi district", context=["Kherson region"])
    assert names(res) == ["Dniprovskyi district"]
    ancestors = {resolver.index.entries[a].name for a in resolver.index.ancestors(res.places[0].id)}
    assert "Kherson Oblast" in ancestors
    possessive = resolver.resolve("Kherson's Dniprovskyi district")
    assert possessive.places == res.places


def test_list_siblings_settle_country(resolver: Resolver) -> None:
    res = resolver.resolve(
        "Marib, Aden, Al-Jawf, Shabwa, Taiz, Hodeidah, Lahij, Al-Dhale and Saada governorates"
    )
    assert res.status == "resolved" and len(res.places) == 9
    assert {p.country_code for p in res.places} == {"YE"}


def test_country_hint_and_unknown(resolver: Resolver) -> None:
    assert resolver.resolve("Bosnia and Herzegovina").places[0].where_prec == 6
    assert resolver.resolve("Xyzzyville").status == "unknown"
    assert resolver.resolve("").status == "unknown"
