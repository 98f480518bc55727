"""Corridors from text: the seed articles and the extraction rules on small sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corridormap.corridors import stated_length_km, transit_chain
from corridormap.documents import make_document
from corridormap.pipeline import find_places
from corridormap.resolve import haversine_km

FRIENDSHIP_BRIDGE = (42.4152, 130.6411)


def _by_countries(geojson: dict[str, Any]) -> dict[tuple[str, ...], dict[str, Any]]:
    return {tuple(f["properties"]["countries"]): f["properties"] for f in geojson["features"]}


def test_seeds_give_exactly_the_four_corridors(seed_geojson) -> None:  # type: ignore[no-untyped-def]
    found = sorted(
        (p["kind"], p["status"], tuple(p["countries"]))
        for p in (f["properties"] for f in seed_geojson["features"])
    )
    assert found == [
        ("multimodal", "proposed", ("RU", "KP", "KR")),
        ("pipeline", "proposed", ("RU", "KP", "KR")),
        ("road", "existing", ("RU", "CN", "KP")),
        ("road", "planned", ("KP", "RU")),
    ]


def test_seed_highway_is_dated_may_2018_and_quoted_from_both_articles(seed_geojson) -> None:  # type: ignore[no-untyped-def]
    road = _by_countries(seed_geojson)[("KP", "RU")]
    quotes = [
        e
        for e in road["evidence"]
        if "will build a highway linking the DPRK to Russia" in e["quote"]
    ]
    assert {e["doc"].rsplit("/", 1)[-1][:3] for e in quotes} == {"000", "002"}
    assert {e["date"] for e in quotes} == {"2018-05"}


def test_every_seed_corridor_has_the_contract_properties(seed_geojson) -> None:  # type: ignore[no-untyped-def]
    required = {"id", "name", "kind", "status", "countries", "length_km", "length_estimate_km",
                "length_by_country_km", "border_crossings", "waypoints", "geometry_source",
                "route_accuracy", "evidence"}  # fmt: skip
    for feature in seed_geojson["features"]:
        props = feature["properties"]
        assert required <= props.keys()
        assert feature["geometry"]["type"] == "LineString"
        assert props["length_km"] > 0
        assert props["evidence"]
        assert all(e["quote"] for e in props["evidence"])
        for e in props["evidence"]:
            assert e["end"] > e["start"]


def test_seed_pipeline_runs_through_the_dprk_east_coast(seed_geojson) -> None:  # type: ignore[no-untyped-def]
    pipe = _by_countries(seed_geojson)[("RU", "KP", "KR")]
    pipe = next(
        f["properties"] for f in seed_geojson["features"] if f["properties"]["kind"] == "pipeline"
    )
    assert 850 <= pipe["length_km"] <= 1320
    low, high = pipe["length_estimate_km"]
    assert low <= 1202
    assert high >= 1100
    assert high / low <= 1.4
    assert 560 <= pipe["length_by_country_km"]["KP"] <= 840
    assert "CN" not in pipe["length_by_country_km"]
    assert pipe["length_by_country_km"].get("sea", 0.0) < 1.0
    first = pipe["border_crossings"][0]
    assert (first["from"], first["to"]) == ("RU", "KP")
    assert haversine_km(first["lat"], first["lon"], *FRIENDSHIP_BRIDGE) <= 10


def test_existing_trade_route_is_the_alternative_of_the_highway(seed_geojson) -> None:  # type: ignore[no-untyped-def]
    corridors = _by_countries(seed_geojson)
    assert corridors[("RU", "CN", "KP")]["alternative_of"] == corridors[("KP", "RU")]["id"]


def test_south_coast_anchor_is_a_southern_port(gazetteer) -> None:  # type: ignore[no-untyped-def]
    from corridormap.corridors import find_corridors
    from corridormap.documents import read_inputs

    docs = list(read_inputs(Path(__file__).resolve().parent.parent / "seeds"))
    mentions = find_places(docs, gazetteer=gazetteer)
    by_doc: dict[str, list[Any]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_id, []).append(m)
    corridor = next(c for c in find_corridors(docs, by_doc, gazetteer) if c.kind == "multimodal")
    end = next(w for w in corridor.waypoints if w.anchor.startswith("directional"))
    assert end.country_code == "KR"
    assert end.lat < 35.6


def _corridors(gazetteer, text: str) -> list[Any]:  # type: ignore[no-untyped-def]
    from corridormap.corridors import find_corridors

    doc = make_document(text, "t")
    mentions = find_places([doc], gazetteer=gazetteer)
    return find_corridors([doc], {"t": mentions}, gazetteer)


@pytest.mark.parametrize(
    ("sentence", "kind", "status", "countries"),
    [
        ("Uganda and Tanzania signed a deal to build a crude oil pipeline from Hoima to Tanga.",
         "pipeline", "agreed", ("UG", "TZ")),
        ("The railway linking Kunming with Vientiane opened in December 2021.",
         "rail", "operating", ("CN", "LA")),
        ("Officials proposed a new highway between Nairobi and Addis Ababa.",
         "road", "proposed", ("KE", "ET")),
        ("The planned gas pipeline from Azerbaijan to Turkey via Georgia was shelved.",
         "pipeline", "shelved", ("AZ", "GE", "TR")),
        # A project's name between "high-voltage" and "cable"; unknown places stand
        # before "in" the known ones.
        ("The planned high-voltage Viking Link cable joins Bicker Fen in Lincolnshire with "
         "Revsing in Denmark.", "power", "planned", ("GB", "DK")),
        ("The pipeline would run from Russia across Mongolia before entering China.",
         "pipeline", "proposed", ("RU", "MN", "CN")),
        # "From" opening the sentence, before the noun.
        ("From Almaty to Tashkent, a new railway is being planned.",
         "rail", "planned", ("KZ", "UZ")),
        # The passive: "X and Y will be linked by ...".
        ("Denmark and Germany will be linked by an underwater tunnel by 2029.",
         "road", "planned", ("DK", "DE")),
        # No noun, but "pump gas from X to Y" is a pipeline.
        ("The two countries signed a deal for a project to pump gas from Nigeria to Morocco.",
         "pipeline", "agreed", ("NG", "MA")),
        # The port a sea names; "has started building" is under construction.
        ("Tanzania has started building a railway from the Indian Ocean port of Dar es "
         "Salaam to Morogoro.", "rail", "under construction", ("TZ",)),
        # With no cue at all, a line described in the present tense exists ...
        ("The pipeline runs from Baku to Ceyhan.", "pipeline", "operating", ("AZ", "TR")),
        # ... but any cue is stronger.
        ("The proposed pipeline runs from Baku to Ceyhan.", "pipeline", "proposed", ("AZ", "TR")),
        # A firm named after the place it stands for: from Québec, not Hydro, Oklahoma.
        ("A planned HVDC line will carry hydropower from Hydro-Québec's system to New York "
         "City.", "power", "planned", ("CA", "US")),
    ],
)  # fmt: skip
def test_sentence_patterns_give_kind_status_and_countries(
    gazetteer, sentence: str, kind: str, status: str, countries: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(gazetteer, sentence)
    assert (corridor.kind, corridor.status) == (kind, status)
    assert corridor.allowed_countries == countries


@pytest.mark.parametrize(
    "sentence",
    [
        "Road accidents rose in Kenya last year.",
        "The minister travelled by rail to Delhi.",
        "Both sides agreed on a road map for peace in Moscow and Kyiv.",
        "Russia's trade with China continues to rise.",
    ],
)
def test_sentences_without_a_corridor_give_none(gazetteer, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert _corridors(gazetteer, sentence) == []


def test_stated_lengths_are_read_in_km_and_miles() -> None:
    assert stated_length_km("the 1,100 km pipeline") == 1100
    assert stated_length_km("a 740-mile line") == pytest.approx(1190.9, abs=0.1)
    assert stated_length_km("no length here") is None


def test_transit_chain_prefers_mentioned_countries() -> None:
    assert transit_chain("RU", "KR", preferred={"KP"}) == ["KP"]
    assert transit_chain("RU", "KP") == []


def test_a_sentence_that_refers_back_extends_the_last_corridor(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Karakoram Highway was built in the 1960s. "
        "Stretching 1,300 km, it connects Islamabad in Pakistan with Kashgar in China."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.kind == "road"
    assert set(corridor.allowed_countries) == {"PK", "CN"}
    assert corridor.stated_length_km == 1300


def test_seed_pipeline_takes_the_catalogued_route_and_says_so(seed_geojson) -> None:  # type: ignore[no-untyped-def]
    pipe = next(
        f["properties"] for f in seed_geojson["features"] if f["properties"]["kind"] == "pipeline"
    )
    assert pipe["geometry_source"] == "reference"
    assert any("trans-korea-gas-pipeline" in note for note in pipe["notes"])
    assert {"Khasan", "Wonsan"} <= {w["name"].split(" (")[0] for w in pipe["waypoints"]}


@pytest.mark.parametrize(
    ("start", "end", "joined"),
    [("US", "ZM", False), ("BR", "NG", False), ("FR", "GB", True), ("SG", "MY", True),
     ("CN", "LA", True), ("PT", "CN", True)],
)  # fmt: skip
def test_land_connection_allows_fixed_links_but_not_oceans(
    start: str, end: str, joined: bool
) -> None:
    from corridormap.corridors import land_connected

    assert land_connected(start, end) is joined


def test_a_backer_across_an_ocean_is_no_end_of_a_railway(gazetteer) -> None:  # type: ignore[no-untyped-def]
    corridors = _corridors(
        gazetteer,
        "US and EU back Lobito Corridor rail link to Zambia. The railway would link the "
        "Angolan port of Lobito with Zambia's Copperbelt.",
    )
    assert [c.allowed_countries for c in corridors] == [("AO", "ZM")]


def test_a_tunnel_makes_a_rail_link_across_a_strait_plausible(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(
        gazetteer, "Japan and South Korea discussed an undersea rail tunnel from Fukuoka to Busan."
    )
    assert set(corridor.allowed_countries) == {"JP", "KR"}


def test_a_subsea_pipeline_goes_straight_across_not_round_by_land(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(
        gazetteer,
        "Turkmenistan and Azerbaijan discussed a 300-kilometre subsea gas pipeline across the "
        "Caspian Sea from Turkmenbashi to Baku, which would let Turkmen gas reach Europe "
        "through the Southern Gas Corridor in Georgia and Turkey. Russia and Iran oppose it.",
    )
    assert (corridor.kind, corridor.allowed_countries, corridor.subsea) == (
        "pipeline",
        ("TM", "AZ"),
        True,
    )


def test_a_state_endpoint_is_anchored_inside_the_state(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(
        gazetteer,
        "PITTSBURGH - A new gas pipeline from West Virginia to North Carolina was approved.",
    )
    start, end = corridor.waypoints[0], corridor.waypoints[-1]
    assert start.name != "Pittsburgh"
    assert haversine_km(start.lat, start.lon, 38.6, -80.6) < 150  # West Virginia
    assert haversine_km(end.lat, end.lon, 35.5, -79.4) < 250  # North Carolina


def test_a_city_state_is_drawn_at_its_capital_not_its_nearest_suburb(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(
        gazetteer, "A proposed subsea power cable would run from Darwin to Singapore."
    )
    end = corridor.waypoints[-1]
    assert end.name == "Singapore"
    assert haversine_km(end.lat, end.lon, 1.29, 103.85) < 5


def test_a_transport_corridor_by_sea_may_cross_water(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(
        gazetteer, "The corridor would connect Indian ports by sea to the United Arab Emirates."
    )
    assert corridor.kind == "multimodal"
    assert corridor.subsea


def test_two_origins_joined_by_and_are_not_the_two_ends(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(
        gazetteer,
        "CASA-1000 is a transmission line that will carry electricity from Kyrgyzstan and "
        "Tajikistan through Afghanistan to Pakistan.",
    )
    assert corridor.allowed_countries == ("KG", "TJ", "AF", "PK")


def test_the_noun_nearest_the_verb_gets_the_ends_and_its_kind(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(
        gazetteer,
        "Paraguay said the Bioceanic Corridor, a 2,400-kilometre highway linking the Brazilian "
        "port of Santos with the Chilean port of Antofagasta, would open in 2026.",
    )
    assert corridor.kind == "road"
    assert corridor.allowed_countries[0] == "BR"
    assert corridor.allowed_countries[-1] == "CL"


def test_a_combined_rail_and_road_bridge_is_one_multimodal_link(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(
        gazetteer,
        "The Oresund Bridge is a combined rail and road bridge connecting Copenhagen with Malmö.",
    )
    assert (corridor.kind, corridor.allowed_countries) == ("multimodal", ("DK", "SE"))


def test_a_line_that_goes_on_to_a_further_place_ends_there(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(
        gazetteer,
        "Construction of the China-Kyrgyzstan-Uzbekistan railway began on Friday. The 523-km "
        "line will run from Kashgar in China to Osh in Kyrgyzstan and on to Andijan in "
        "Uzbekistan.",
    )
    assert corridor.allowed_countries == ("CN", "KG", "UZ")
    assert corridor.stated_length_km == 523
    assert [w.name for w in corridor.waypoints][-1] == "Andijon"


def test_places_that_are_the_subject_of_a_headline_are_no_route(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert _corridors(gazetteer, "Kyrgyzstan and Uzbekistan launch railway construction") == []


def test_a_list_of_places_leads_on_to_the_place_after_with(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(
        gazetteer,
        "Funds go to Rail Baltica, the 870-kilometre high-speed railway that will connect "
        "Tallinn, Riga and Kaunas with Warsaw.",
    )
    assert corridor.allowed_countries == ("EE", "LV", "LT", "PL")
    assert [w.name for w in corridor.waypoints] == ["Tallinn", "Riga", "Kaunas", "Warsaw"]


def test_an_explicit_on_to_after_a_few_words_continues_the_route(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(
        gazetteer,
        "Uganda and Kenya agreed to extend the standard gauge railway from Naivasha to "
        "Malaba on the border, and then on to Kampala.",
    )
    assert [w.name for w in corridor.waypoints] == ["Naivasha", "Malaba", "Kampala"]


def test_each_stated_length_goes_to_the_noun_it_describes(gazetteer) -> None:  # type: ignore[no-untyped-def]
    corridors = _corridors(
        gazetteer,
        "The governments will upgrade the Isiolo-Moyale highway, and a new 500-km oil "
        "pipeline from Lokichar to Lamu is also planned.",
    )
    lengths = {c.kind: c.stated_length_km for c in corridors}
    assert lengths == {"road": None, "pipeline": 500.0}


def test_kms_is_a_unit_of_length() -> None:
    assert stated_length_km("2,240 kms of oil pipeline") == 2240.0


def test_a_country_the_route_would_not_cross_gets_a_point_of_its_own(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Russia and China touch: without a point in Mongolia the line went round it, along
    # the Amur, in and out of China nine times.
    (corridor,) = _corridors(
        gazetteer,
        "Gazprom will build a pipeline from the Yamal Peninsula to northern China through "
        "Mongolia. Gas would be shipped via Ulaanbaatar to Erenhot in Inner Mongolia.",
    )
    assert corridor.allowed_countries == ("RU", "MN", "CN")
    assert [w.name for w in corridor.waypoints if w.role == "via"] == ["Ulan Bator"]
    assert corridor.waypoints[-1].name == "Erenhot"


def test_a_region_end_is_named_as_the_text_writes_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(
        gazetteer, "The pipeline brings gas from Yakutia to Blagoveshchensk on the border."
    )
    assert corridor.name.startswith("Yakutia–Blagoveshchensk")
    assert corridor.waypoints[0].name == "Yakutia"


def test_a_sea_that_locates_an_end_puts_no_shore_country_on_the_route(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "A railway runs between Coatzacoalcos on the Gulf of Mexico and Salina Cruz."
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.name == "Coatzacoalcos–Salina Cruz railway"
    assert list(corridor.allowed_countries) == ["MX"]


def test_a_city_after_via_is_a_stop_not_the_start(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(
        gazetteer, "A railway would run from Madrid via Zaragoza to Barcelona."
    )
    assert [w.name for w in corridor.waypoints] == ["Madrid", "Zaragoza", "Barcelona"]


def test_every_place_of_a_via_list_is_a_stop(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "A railway would run from Melbourne to Brisbane via Albury, Parkes, Moree and Toowoomba."
    (corridor,) = _corridors(gazetteer, text)
    stops = [w.name for w in corridor.waypoints if w.role == "via"]
    assert stops == ["Albury", "Parkes", "Moree", "Toowoomba"]


def test_a_known_border_crossing_far_off_the_way_is_not_forced_into_the_route(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The only Afghanistan-Pakistan crossing in the catalogue is Torkham (Khyber Pass),
    # some 500 km from the Kandahar-Quetta road.
    (corridor,) = _corridors(gazetteer, "The pipeline would run from Kandahar to Quetta.")
    assert "crossing" not in [w.role for w in corridor.waypoints]


def test_a_line_along_the_route_of_the_pipeline_is_no_second_pipeline(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The three countries have also agreed to build a 500-kV power transmission line from "
        "Turkmenistan through Afghanistan to Pakistan along the route of the pipeline."
    )
    assert [c.kind for c in _corridors(gazetteer, text)] == ["power"]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Construction of a 153-km pipeline from Serhetabat to Herat is under way.",
         "under construction"),
        ("Tanzania and Burundi have launched work on a 282-km railway from Uvinza to Gitega.",
         "under construction"),
        ("The Trans-Saharan Highway linking Algiers to Lagos is almost complete.",
         "under construction"),
        ("Turkmenistan says it has completed its section of the pipeline from Mary to "
         "Serhetabat.", "operating"),
        ("Work on the 1,443-km pipeline from Hoima to Tanga is more than two-thirds complete.",
         "under construction"),
        ("Boring machines are now at work on the 57.5-km tunnel from Saint-Jean-de-Maurienne "
         "to Susa.", "under construction"),
        ("Islamabad has never built its 781-km pipeline section from Gwadar to Nawabshah.",
         "shelved"),
        ("The Baltic Pipe began carrying Norwegian gas to Poland via Denmark in 2022.",
         "operating"),
    ],
)  # fmt: skip
def test_status_of_work_under_way_and_work_completed(gazetteer, sentence: str, status: str) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(gazetteer, sentence)
    assert corridor.status == status


def test_a_road_and_a_railway_each_with_its_article_are_two_corridors(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Ranong and Chumphon would be linked by a 90-km motorway and a double-track railway."
    assert sorted(c.kind for c in _corridors(gazetteer, text)) == ["rail", "road"]


def test_a_province_named_after_its_city_is_anchored_at_the_city(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The gazetteer ranks the Ar Raqqah governorate before the city for "Raqqa".
    text = "Syria plans a 500-km railway running from Raqqa to Aleppo."
    (corridor,) = _corridors(gazetteer, text)
    start = corridor.waypoints[0]
    assert start.anchor.startswith("city of the name")
    assert abs(start.lat - 35.95) < 0.2  # Raqqa city
    assert abs(start.lon - 39.01) < 0.2
    # "Basra" is the city itself (a respelling of GeoNames' Basrah)
    text = "Iraq plans a 1,200-km railway running from Basra to Mosul."
    (corridor,) = _corridors(gazetteer, text)
    start = corridor.waypoints[0]
    assert abs(start.lat - 30.5) < 0.2
    assert abs(start.lon - 47.8) < 0.2


def test_a_country_end_is_never_anchored_at_the_other_end(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Dauletabad is not in the gazetteer: the start is "Turkmenistan", whose only
    # mentioned place is the other end.
    text = "Turkmenistan has completed the pipeline from Dauletabad to Serhetabat."
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.waypoints[0].name != corridor.waypoints[-1].name


def test_a_line_to_a_countrys_border_ends_on_that_border(gazetteer) -> None:  # type: ignore[no-untyped-def]
    from corridormap import boundaries

    (corridor,) = _corridors(gazetteer, "A railway would run from Basra to the Kuwaiti border.")
    end = corridor.waypoints[-1]
    assert end.anchor.startswith("border")
    assert end.country_code == "KW"
    # On the border: a couple of km inside Kuwait, not at Kuwait City.
    assert boundaries.country_at(end.lat, end.lon) == "KW"
    assert boundaries.nearest_country(end.lat, end.lon, max_km=5.0) == "KW"
    assert haversine_km(end.lat, end.lon, 29.37, 47.98) > 50  # not Kuwait City
    assert corridor.allowed_countries == ("IQ", "KW")


def test_a_line_to_a_border_with_a_known_crossing_near_the_way_ends_at_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The road would run from Mosul to the Turkish border."
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.waypoints[-1].anchor == "known crossing on the Turkish border"
    assert corridor.waypoints[-1].name in {"Ibrahim Khalil border crossing", "Faysh Khabur"}


def test_a_border_town_of_a_country_is_the_town_not_the_border(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(
        gazetteer, "A railway would run from Kars to the Georgian border town of Akhalkalaki."
    )
    assert corridor.waypoints[-1].name == "Akhalkalaki"


def test_stops_named_in_the_next_sentence_about_the_route_join_the_corridor(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Iraq plans a 1,200-km railway and a parallel motorway from Faw to Mosul. "
        "The route would pass near Basra, Nasiriyah and Baghdad."
    )
    corridors = _corridors(gazetteer, text)
    assert sorted(c.kind for c in corridors) == ["rail", "road"]
    for corridor in corridors:
        stops = [w.name for w in corridor.waypoints if w.role == "via"]
        # Basra, a province named after its city, is its city.
        assert stops == ["Basrah", "Nasiriyah", "Baghdad"]


def test_a_stop_named_twice_is_one_stop(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The pipeline would run from Herat through Quetta and Pakistan to Multan."
    (corridor,) = _corridors(gazetteer, text)
    names = [w.name for w in corridor.waypoints]
    assert names.count("Quetta") == 1


def test_a_stop_geocoded_far_off_the_way_is_dropped(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Tullow is a town in Ireland; on a Kenyan pipeline it can only be a misreading.
    text = "A crude pipeline would run from Lokichar via Tullow to Lamu."
    (corridor,) = _corridors(gazetteer, text)
    assert [w.name for w in corridor.waypoints] == ["Lokichar", "Lamu"]
    assert corridor.allowed_countries == ("KE",)


def test_the_corridor_is_named_with_the_storys_spelling(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(gazetteer, "A railway would run from Termez to Kabul.")
    assert corridor.waypoints[0].name == "Tirmiz"  # the gazetteer's spelling
    assert corridor.name == "Termez–Kabul railway"


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # The apposition speaks of the port.
        ("The railway would run from the Grand Faw port, under construction on the Faw "
         "peninsula, to Mosul.", "proposed"),
        # A future opening is not an opening.
        ("The railway from Faw to Mosul will be partially commissioned in 2028.", "planned"),
        ("The 1,443-km pipeline from Hoima to Tanga is now more than 60% complete.",
         "under construction"),
        ("Leaders launched construction of the railway from Kashgar to Andijan.",
         "under construction"),
    ],
)  # fmt: skip
def test_status_cues_that_belong_to_the_corridor(gazetteer, sentence: str, status: str) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(gazetteer, sentence)
    assert corridor.status == status


@pytest.mark.parametrize(
    "sentence",
    [
        "It will connect with the Turkish rail and road networks at Mosul.",
        "Mongolia exports coal to China by truck and rail from Ulaanbaatar.",
        "Russian exports of pipeline gas to China totalled 31 bcm.",
        "Miners should not have to choose between Congo's roads and a journey to Tanzania.",
    ],
)
def test_networks_and_goods_moved_are_no_corridor(gazetteer, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert _corridors(gazetteer, sentence) == []


def test_a_field_named_after_a_country_refines_the_start(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The pipeline will carry gas from Turkmenistan's giant Galkynysh field through Herat "
        "and Kandahar to Fazilka."
    )
    (corridor,) = _corridors(gazetteer, text)
    start = corridor.waypoints[0]
    assert start.name == "Galkynysh"
    assert corridor.allowed_countries[0] == "TM"


def test_a_generic_link_with_megawatts_is_a_power_line(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The 700-megawatt link will run from Cork to La Martyre in Brittany."
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.kind == "power"
    assert corridor.allowed_countries == ("IE", "FR")


def test_a_generic_line_takes_the_kind_the_story_was_speaking_of(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lenders agreed to upgrade the Benguela railway. "
        "The 1,300-km line runs from the Atlantic port of Lobito to Luau."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert (corridor.kind, corridor.stated_length_km) == ("rail", 1300.0)
    assert [w.name for w in corridor.waypoints] == ["Lobito", "Luau"]


def test_a_measured_system_refers_back_to_the_last_line(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Trans Mountain pipeline runs between Edmonton and Burnaby. The 715-mile system "
        "carries about 890,000 barrels per day. The health system is under strain."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.stated_length_km == pytest.approx(1150.7, abs=0.5)
    assert corridor.status == "operating"


def test_a_part_of_a_line_or_its_crews_make_no_line_of_their_own(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The 130-km Koralm Railway, with a 33-km tunnel, will link Graz and Klagenfurt."
    (corridor,) = _corridors(gazetteer, text)
    assert (corridor.kind, corridor.stated_length_km) == ("rail", 130)
    text = "The pipeline replaced rail tankers between Siliguri and Parbatipur."
    assert [c.kind for c in _corridors(gazetteer, text)] == ["pipeline"]


def test_a_generic_line_without_a_kind_in_sight_is_no_corridor(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert _corridors(gazetteer, "The 1,300-km line runs from Lobito to Luau.") == []


def test_a_long_description_of_a_terminal_still_finds_its_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The 897-mile (1,443-km) pipeline will run from Kabaale in Hoima district, near Lake "
        "Albert, to a marine terminal on the Chongoleani peninsula near the Tanzanian port "
        "of Tanga."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert [w.name for w in corridor.waypoints] == ["Hoima", "Tanga"]
    assert corridor.allowed_countries == ("UG", "TZ")
    assert corridor.stated_length_km == pytest.approx(1443.6, abs=0.5)


def test_a_sea_that_says_where_a_port_lies_is_no_end(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Iraq and Jordan revived plans for a pipeline from Basra to the Red Sea port of Aqaba."
    (corridor,) = _corridors(gazetteer, text)
    assert [w.country_code for w in corridor.waypoints] == ["IQ", "JO"]
    assert corridor.waypoints[-1].name == "Aqaba"


def test_two_origins_linked_to_a_third_place_are_no_line_between_them(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The railway will link copper mines in Zambia's Copperbelt and the Democratic "
        "Republic of Congo's Katanga region to the Angolan port of Lobito."
    )
    (corridor,) = _corridors(gazetteer, text)
    # Through the known Kasumbalesa crossing between Zambia and the DR Congo.
    assert [w.country_code for w in corridor.waypoints] == ["ZM", "CD|ZM", "CD", "AO"]
    assert corridor.waypoints[1].name == "Kasumbalesa"
    assert corridor.waypoints[-1].name == "Lobito"


def test_two_starts_before_a_distant_end_are_no_line_between_them(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The pipeline would carry gas from the Yamal peninsula and western Siberia across "
        "Mongolia to northern China."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert [corridor.waypoints[0].country_code, corridor.waypoints[-1].country_code] == [
        "RU",
        "CN",
    ]


def test_a_region_start_is_kept_before_a_terminal_at_the_end(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The pipeline carries crude from North Dakota to a terminal at Patoka, Illinois."
    (corridor,) = _corridors(gazetteer, text)
    assert [w.name for w in corridor.waypoints] == ["North Dakota", "Patoka"]


def test_a_place_where_something_happened_is_no_project_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Under the agreement signed at the White House in August, the corridor, to be "
        "called the Trump Route for International Peace and Prosperity, will link "
        "Azerbaijan with Nakhchivan across Armenia."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.project == "Trump Route"


def test_an_extension_starts_at_the_nearest_end_of_the_line_just_told(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The 472-km railway from Mombasa to Nairobi opened in 2017. It was later extended "
        "120 km to Naivasha."
    )
    line, extension = _corridors(gazetteer, text)
    assert [w.name for w in line.waypoints] == ["Mombasa", "Nairobi"]
    assert [w.name for w in extension.waypoints] == ["Nairobi", "Naivasha"]
    assert extension.stated_length_km == 120
    assert extension.status == "operating"  # "was later extended": built
    text = (
        "The 472-km railway from Mombasa to Nairobi opened in 2017. Plans to continue the "
        "railway through Kisumu to Malaba have been shelved."
    )
    _, extension = _corridors(gazetteer, text)
    assert [w.name for w in extension.waypoints] == ["Nairobi", "Kisumu", "Malaba"]
    assert extension.status == "shelved"
    # an extension whose end is not read lends its start to no later sentence
    text = (
        "Uganda is building a 273-km railway from Malaba to Kampala and hopes to extend it "
        "later to the west. Kenya's Mombasa-Nairobi railway opened in 2017. The 472-km line "
        "was later extended 120 km to Naivasha."
    )
    assert ["Kampala", "Naivasha"] not in [
        [c.waypoints[0].name, c.waypoints[-1].name] for c in _corridors(gazetteer, text)
    ]


def test_a_purpose_after_to_is_no_onward_stop(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The railway will link Nairobi and Kampala to boost trade with China."
    (corridor,) = _corridors(gazetteer, text)
    assert [w.country_code for w in corridor.waypoints] == ["KE", "UG"]


def test_a_place_linked_to_another_by_a_line_is_its_start(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "China's Kunming is linked to Vientiane by a 1,035 km railway that opened in 2021."
    (corridor,) = _corridors(gazetteer, text)
    assert [corridor.waypoints[0].name, corridor.waypoints[-1].name] == ["Kunming", "Vientiane"]
    assert corridor.stated_length_km == pytest.approx(1035)


def test_a_line_that_branches_off_at_a_place_starts_there(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The railway would branch off the Benguela line at Luacano in eastern Angola and run "
        "to Chingola in Zambia."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert [w.name for w in corridor.waypoints][:: len(corridor.waypoints) - 1] == [
        "Luacano",
        "Chingola",
    ]


def test_a_length_stated_in_the_next_sentence_is_the_corridors(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Leaders launched the railway from Kashgar to Andijan. The total length is about 523 km."
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.stated_length_km == 523.0


def test_a_base_tunnel_is_a_railway(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The Brenner Base Tunnel will run for 55 km between Innsbruck and Fortezza in Italy."
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.kind == "rail"


def test_a_cable_that_lands_in_a_country_ends_there(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The subsea cable would run from Darwin, threading through the Java Sea, before "
        "landing in Singapore."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.waypoints[0].name == "Darwin"
    assert corridor.waypoints[-1].country_code == "SG"


def test_the_place_a_line_crosses_a_border_near_is_a_stop(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The railway would run from Mosul before crossing into Turkey near Fishkhabour to Silopi."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert "Faysh Khabur" in [w.name for w in corridor.waypoints]


def test_a_line_between_two_borders_runs_along_the_country_between(gazetteer) -> None:  # type: ignore[no-untyped-def]
    from corridormap import boundaries

    text = (
        "TANAP, a 1,850-km pipeline across Turkey from the Georgian border to the Greek "
        "frontier near Ipsala, opened in 2018."
    )
    (corridor,) = _corridors(gazetteer, text)
    start, end = corridor.waypoints[0], corridor.waypoints[-1]
    # The start is that border's point; the end the town the text names at the other.
    assert (start.country_code, end.name) == ("GE", "İpsala")
    # On the Turkish borders of the two, not on the Black Sea or the Aegean coast.
    assert boundaries.nearest_country(start.lat, start.lon, max_km=10.0) in {"GE", "TR"}
    assert haversine_km(start.lat, start.lon, 41.5, 42.5) < 150
    assert haversine_km(end.lat, end.lon, 41.2, 26.4) < 150


def test_a_pipeline_under_a_named_sea_goes_straight_across(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The pipeline would run under the Caspian Sea from Turkmenbashi to Baku."
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.subsea
    assert corridor.allowed_countries == ("TM", "AZ")


def test_a_variant_spelling_before_terminal_is_the_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The pipeline would run from Turkmenbashi to the Sangachal terminal south of Baku."
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.waypoints[-1].name == "Sanqaçal"


def test_a_sections_length_is_not_the_whole_lines(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Inland Rail freight railway would link Melbourne and Brisbane. "
        "The 98-km section from Parkes to Narromine opened in 2020."
    )
    lengths = {c.name: c.stated_length_km for c in _corridors(gazetteer, text)}
    assert lengths.get("Melbourne–Brisbane railway") is None


def test_a_line_that_ends_near_a_place_ends_there(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The pipeline would start at Warri in Nigeria and end near Dakhla, then on to Tangier."
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.waypoints[0].name == "Warri"
    assert "Dakhla" in [w.name for w in corridor.waypoints]


def test_a_small_town_abroad_far_from_the_story_is_no_end(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Kranzberg (Namibia) is not in the gazetteer; the Bavarian village is no end of a
    # Namibian railway, German money notwithstanding.
    text = (
        "Namibia's railway between Walvis Bay and Windhoek is being upgraded with German "
        "financing. The 210-km railway from Walvis Bay to Kranzberg is being rebuilt."
    )
    names = [w.name for c in _corridors(gazetteer, text) for w in c.waypoints]
    assert "Kranzberg" not in names


def test_a_line_to_the_border_at_a_named_place_goes_through_the_stops_first(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Planners proposed a railway from Gwadar to Quetta and on to the Iranian border at "
        "Taftan, but no work has begun."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.status == "proposed"  # "no work has begun"
    assert [w.name for w in corridor.waypoints][:2] == ["Gwadar", "Quetta"]
    end = corridor.waypoints[-1]
    assert end.country_code == "IR"
    assert "Quetta" in end.anchor


def test_a_line_to_a_border_between_two_countries_ends_on_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The 870-km Rail Baltica railway will run from Tallinn through Riga, then on through "
        "Kaunas, to the Lithuanian-Polish border."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.allowed_countries == ("EE", "LV", "LT", "PL")
    assert corridor.name.startswith("Tallinn–Polish border railway")
    assert corridor.waypoints[-1].anchor.startswith("border")


def test_a_speed_is_no_length(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Pakistan agreed to rebuild the railway from Karachi to Peshawar for speeds of up to "
        "160 km per hour."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.stated_length_km is None


def test_running_freight_since_a_year_is_operating(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Etihad Rail has been running freight since 2023 on the railway from Abu Dhabi to Fujairah."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.status == "operating"


def test_two_domestic_lines_between_different_towns_stay_apart(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Iran says the railway from Chabahar to Zahedan is nearly complete. The missing piece "
        "is a 162-km railway between Rasht and Astara."
    )
    found = {(c.waypoints[0].name, c.waypoints[-1].name) for c in _corridors(gazetteer, text)}
    assert len(found) == 2


def test_stops_of_another_route_in_a_later_sentence_are_not_taken(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Turkey is building a railway from Kars to Igdir. "
        "Freight on the line has risen as shippers seek alternatives to routes through Russia."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert "RU" not in corridor.allowed_countries


def test_a_trip_on_a_railway_is_no_corridor_noun(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Inland Rail, a freight railway, would link Melbourne and Brisbane. The 1,600-km line "
        "was designed to run via Albury, Parkes and Moree, cutting the rail journey to a day."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert [w.name for w in corridor.waypoints if w.role == "via"] == ["Albury", "Parkes", "Moree"]


def test_a_line_to_a_states_border_ends_on_its_countrys_border_there(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Officials want a railway from Mexico City to the Texas border."
    (corridor,) = _corridors(gazetteer, text)
    end = corridor.waypoints[-1]
    assert end.country_code == "US"
    assert 25.0 < end.lat < 32.0  # on the Rio Grande
    assert -107.0 < end.lon < -97.0
    assert corridor.name == "Mexico City–Texas border railway"


def test_railway_links_before_a_place_is_noun_and_verb(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The 1,554-km Tren Maya railway links Palenque in Chiapas with Cancún."
    (corridor,) = _corridors(gazetteer, text)
    assert [w.name for w in corridor.waypoints] == ["Palenque", "Cancún"]


def test_an_existing_line_a_proposal_branches_from_does_not_make_it_existing(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The proposed Mosetse-Kazungula-Livingstone railway would branch from the existing "
        "line at Mosetse and run to Kazungula and Livingstone."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.status == "proposed"


def test_hours_by_road_is_no_road(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Passenger trains will take about 100 minutes between Sohar and Abu Dhabi, compared "
        "with more than three hours by road."
    )
    assert [c.kind for c in _corridors(gazetteer, text)] != ["road"]


def test_a_route_by_sea_then_by_rail_is_one_multimodal_corridor(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Planners describe a route from Mumbai by sea to Chabahar, by rail to Zahedan."
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.kind == "multimodal"
    assert [w.name for w in corridor.waypoints] == ["Mumbai", "Chabahar", "Zahedan"]
    assert "PK" not in corridor.allowed_countries


def test_each_measured_line_of_a_list_is_a_corridor(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Three railways are under construction: a 226-km line from Mexico City to Querétaro, "
        "and a 400-km line from Saltillo through Monterrey to Nuevo Laredo."
    )
    ends = sorted((c.waypoints[0].name, c.stated_length_km) for c in _corridors(gazetteer, text))
    assert ends == [("Mexico City", 226.0), ("Saltillo", 400.0)]


def test_a_cable_between_two_places_is_a_power_line(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Norway will not approve NorthConnect, a proposed 665-km cable between Peterhead in "
        "Scotland and Eidfjord in western Norway."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert (corridor.kind, corridor.status) == ("power", "shelved")
    assert corridor.allowed_countries == ("GB", "NO")


def test_the_body_gives_the_status_the_headline_did_not(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "China pushes the railway from Kunming to Vientiane\\n\\n"
        "The 1,035-km line from Kunming to Vientiane started operating in December 2021."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.status == "operating"


def test_a_stretch_of_a_road_already_drawn_is_no_new_corridor(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The road would run from Lamu through Ijara and Garissa to Isiolo. "
        "Only the first stretch from Lamu to Ijara has been tarmacked so far."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert [w.name for w in corridor.waypoints] == ["Lamu", "Ijara", "Garissa", "Isiolo"]
    assert len(corridor.evidence) == 2


def test_a_short_line_from_the_end_of_another_is_a_line_of_its_own(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Brenner Base Tunnel will run for 55 km between Innsbruck and Fortezza. "
        "The tunnel needs new approach lines. "
        "On the Italian side, a new 22.5-km line between Fortezza and Ponte Gardena is under "
        "construction."
    )
    found = {
        (c.kind, c.waypoints[0].name, c.waypoints[-1].name) for c in _corridors(gazetteer, text)
    }
    assert ("rail", "Fortezza", "Ponte Gardena") in found


def test_a_name_the_gazetteer_lacks_is_said_where_the_line_is_anchored(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The pipeline will run from Kabaale in Hoima district to the port of Tanga."
    (corridor,) = _corridors(gazetteer, text)
    start = corridor.waypoints[0]
    assert start.name == "Hoima"
    assert "“Kabaale”" in start.anchor


def test_a_measured_project_name_is_a_subject_that_links(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mexico is building a railway in the south-east. "
        "The 1,554-km Tren Maya links Palenque in Chiapas with Cancún in a loop."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert [w.name for w in corridor.waypoints][:: len(corridor.waypoints) - 1] == [
        "Palenque",
        "Cancún",
    ]
    assert corridor.stated_length_km == 1554.0


def test_lines_of_other_kinds_between_other_towns_do_not_merge(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # A multimodal corridor and a railway share only their country.
    text = (
        "A transport corridor would link Palenque with Cancún. "
        "A 226-km railway from Mexico City to Querétaro is under construction."
    )
    assert len(_corridors(gazetteer, text)) == 2


def test_poor_roads_are_no_road(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Goods are trucked from Lamu on poor roads or sent down the coast to Mombasa."
    assert _corridors(gazetteer, text) == []


def test_a_road_named_by_two_stops_of_a_drawn_road_is_that_road(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The road would run from Lamu through Ijara and Garissa to Isiolo. "
        "The Lamu-Garissa road runs close to the Boni forest."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert len(corridor.evidence) == 2


def test_a_dateline_is_no_end_of_a_corridor(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "KAMPALA, Uganda (AP) - The East African Crude Oil Pipeline, meant to carry Ugandan "
        "oil to the Indian Ocean, is now more than 60% complete."
    )
    assert _corridors(gazetteer, text) == []


def test_it_takes_the_status_of_the_sentence_before(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A second cable, Greenlink, began commercial operation this year. "
        "It runs 190 km from Wexford to Pembroke in Wales."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert (corridor.kind, corridor.status) == ("power", "operating")


def test_a_province_end_is_not_a_hamlet_filed_under_its_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # GeoNames lists a "Xinjiang" of no population at 110 E (in Inner Mongolia) under
    # Xinjiang's code; the pipeline ends in Xinjiang itself.
    text = (
        "The pipeline carries gas from Turkmenistan through Uzbekistan and Kazakhstan to Xinjiang."
    )
    (corridor,) = _corridors(gazetteer, text)
    end = corridor.waypoints[-1]
    assert end.country_code == "CN"
    assert end.lon < 96  # inside Xinjiang, west of 96 E
    assert "MN" not in corridor.allowed_countries


def test_a_start_and_an_end_told_in_two_sentences_make_one_line(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Botswana and Namibia agreed to build the Trans-Kalahari railway. "
        "The line of about 1,500 km would start at the coalfields near Mahalapye. "
        "It would run west through Ncojane to the Namibian border."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.kind == "rail"
    assert [w.name for w in corridor.waypoints][:2] == ["Mahalapye", "Ncojane"]
    assert corridor.waypoints[-1].country_code == "NA"


def test_a_measured_route_far_from_the_last_noun_takes_the_story_kind(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # A pipeline story; the last "pipeline" is four sentences before "The expanded
    # system runs ...", which names no kind of its own.
    text = (
        "Pipeline builders are reviving old plans. The Keystone XL pipeline was cancelled. "
        "Its owner said it had no plans. Regulators also approved a gas pipeline in Texas. "
        "Buyers want more oil. Producers turned to the Trans Mountain expansion, which "
        "started operating in May 2024. The expanded system runs about 1,150 km from "
        "Edmonton, Alberta, over the Rocky Mountains to Burnaby, British Columbia."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.kind == "pipeline"
    names = [w.name for w in corridor.waypoints]
    assert (names[0], names[-1]) == ("Edmonton", "Burnaby")
    # "The expanded system" is what the sentence before spoke of, with its status.
    assert corridor.status == "operating"


def test_a_measured_route_in_a_story_of_mixed_kinds_is_no_corridor(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The railway opened. A road is planned. The pipeline was cancelled. Buyers want "
        "more goods. Trade grew. The expanded system runs about 1,150 km from Edmonton to "
        "Burnaby."
    )
    assert _corridors(gazetteer, text) == []


def test_the_next_sentence_cancelling_the_project_sets_its_status(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The 1,210-mile oil pipeline was designed to carry crude from Edmonton to Omaha. "
        "TC Energy cancelled the project in June 2021."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.status == "cancelled"


def test_a_pipeline_from_a_sea_starts_in_the_first_country_on_the_way(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "Pipe" in a project's name is the noun; the North Sea has no country to route from.
    text = "The Baltic Pipe carries Norwegian gas from the North Sea across Denmark to Poland."
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.kind == "pipeline"
    assert [w.country_code for w in corridor.waypoints][:: len(corridor.waypoints) - 1] == [
        "DK",
        "PL",
    ]


def test_a_route_told_hop_after_hop_keeps_every_hop(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The pipeline would carry gas from Israel to Cyprus, then to Crete, and then to "
        "the Peloponnese on the Greek mainland."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert [w.name for w in corridor.waypoints][-2:] == ["Crete", "Peloponnese"]


def test_a_route_retold_in_full_replaces_the_shorter_telling(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The 1,900-km pipeline was designed to carry gas from Israel to Cyprus. "
        "From the Levantine basin it would have run under the sea to Cyprus, then to "
        "Crete, and then to the Peloponnese."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.waypoints[-1].name == "Peloponnese"
    assert corridor.stated_length_km == pytest.approx(1900)
    assert len(corridor.evidence) == 2


def test_a_section_told_first_is_not_replaced_by_the_whole_line(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Pakistan will upgrade the ML-1 railway, starting with the southern section "
        "between Karachi and Rohri. It runs 1,726 km from Karachi through Rohri and "
        "Multan to Peshawar."
    )
    names = sorted((c.waypoints[0].name, c.waypoints[-1].name) for c in _corridors(gazetteer, text))
    assert names == [("Karachi", "Peshawar"), ("Karachi", "Rohri")]


@pytest.mark.parametrize(
    ("text", "kind", "ends"),
    [
        # A numbered line carrying crude is a pipeline; "Line" is no town.
        (
            "Line 5 carries 540,000 barrels per day of light crude 645 miles from Superior, "
            "Wisconsin, to Sarnia, Ontario.",
            "pipeline",
            ("Superior", "Sarnia"),
        ),
        # One CamelCase word names the project and its kind; the terminal's place is the end.
        (
            "Coastal GasLink runs about 670 km from Dawson Creek to the LNG Canada export "
            "terminal at Kitimat.",
            "pipeline",
            ("Dawson Creek", "Kitimat"),
        ),
        ("Kenya opened the 472-km Mombasa-Nairobi SGR in 2017.", "rail", ("Mombasa", "Nairobi")),
        (
            "Kenya is refurbishing the old metre-gauge line from Naivasha to Kisumu.",
            "rail",
            ("Naivasha", "Kisumu"),
        ),
        # "DC" is direct current, and "The first" is one of the connections just named.
        (
            "SuedLink consists of two underground 525-kV DC connections. The first runs about "
            "700 km from Brunsbüttel to Heilbronn.",
            "power",
            ("Brunsbüttel", "Heilbronn"),
        ),
    ],
)
def test_project_names_and_gauges_give_the_kind(
    gazetteer, text: str, kind: str, ends: tuple[str, str]
) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.kind == kind
    assert (corridor.waypoints[0].name, corridor.waypoints[-1].name) == ends


def test_a_town_put_at_its_provinces_point_is_no_stop(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # No Gretna in Manitoba in the gazetteer, and Manitoba's point lies 650 km north of
    # it; "Minnesota" is the state, not Minneota (a town GeoNames also calls so).
    text = (
        "The oil pipeline runs from Edmonton, Alberta, through Gretna, Manitoba, and "
        "northern Minnesota to Superior."
    )
    (corridor,) = _corridors(gazetteer, text)
    names = [w.name for w in corridor.waypoints]
    assert not {"Gretna", "Manitoba", "Minneota"} & set(names)


def test_a_station_south_of_a_city_is_that_city(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "south of" names a part of an area; of a town it is the town (not Houston, the
    # southernmost place the story names).
    text = (
        "Brightline plans a 218-mile rail line from a station just south of the Las Vegas "
        "Strip to Rancho Cucamonga. Rivals in Houston are watching."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert [w.name for w in corridor.waypoints] == ["Las Vegas", "Rancho Cucamonga"]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Kenya has also completed the 400-kV power line between Isinya and Arusha.", "operating"),
        ("The West African Gas Pipeline runs 678 km from Lagos to Takoradi.", "operating"),
        (
            "The hydrogen pipeline linking Celorico da Beira with Zamora is in the planning phase.",
            "planned",
        ),
        (
            "The first 150-km section of the power line from Mary to Herat could be built soon, "
            "but no financing has been agreed.",
            "proposed",
        ),
        (
            "Kazakhstan is also building a new 272-km railway from Almaty to Ayagoz.",
            "under construction",
        ),
        ("Croatia is upgrading its railway from Zagreb to Rijeka.", "under construction"),
        (
            "Work is progressing on a 32-km railway between Khorramshahr and Basra.",
            "under construction",
        ),
        (
            "The power line from Adelaide to Mildura is partly complete.",
            "under construction",
        ),
        ("The power line from Adelaide to Mildura was energised last year.", "operating"),
        # "but" turns to the same pipeline: the sentence's strongest cue holds.
        (
            "The Galsi pipeline from Algeria to Sardinia was approved in 2007 but shelved in 2014.",
            "shelved",
        ),
    ],
)
def test_status_cues_of_finished_and_started_work(gazetteer, sentence: str, status: str) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(gazetteer, sentence)
    assert corridor.status == status


def test_two_clauses_give_two_lines_their_own_status(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rumo already operates the railway from Rondonópolis to Santos and is building a "
        "730-km extension from Rondonópolis to Lucas do Rio Verde."
    )
    status = {c.waypoints[-1].name: c.status for c in _corridors(gazetteer, text)}
    assert status == {"Santos": "operating", "Lucas do Rio Verde": "under construction"}


def test_a_peninsula_qualified_by_a_country_is_that_countrys_part(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Jutland reaches into Germany; "southern Jutland, Denmark" does not.
    text = (
        "Viking Link runs about 475 miles from Bicker Fen in Lincolnshire to Revsing in "
        "southern Jutland, Denmark, and can carry 1.4 GW. NeuConnect, a 725-km link from the "
        "Isle of Grain in Kent "
        "to Wilhelmshaven in Germany, is under construction."
    )
    viking, neuconnect = _corridors(gazetteer, text)
    assert viking.waypoints[0].name == "Lincolnshire"
    assert "DE" not in viking.allowed_countries  # it was merged with NeuConnect
    assert neuconnect.waypoints[-1].name == "Wilhelmshaven"


def test_a_new_subject_starts_a_clause_with_its_own_status_and_length(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Lhasa-Shigatse railway has operated since 2014, and China is building the "
        "extension to the border, a distance of about 540 km."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.status == "operating"
    assert corridor.stated_length_km is None


@pytest.mark.parametrize(
    "text",
    [
        "The Brenner base tunnel, a 55-km tunnel from Innsbruck to Fortezza, is being built.",
        "The Eastern Electricity Highway is a 500-kV HVDC line running from Sodo to Nairobi.",
    ],
)
def test_a_tunnel_or_a_name_of_another_line_is_no_road(gazetteer, text: str) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.kind != "road"


def test_two_pairs_of_ends_after_one_noun_are_two_lines(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "India will build rail links from Delhi to Agra and from Jaipur to Udaipur."
    ends = sorted((c.waypoints[0].name, c.waypoints[-1].name) for c in _corridors(gazetteer, text))
    assert ends == [("Delhi", "Agra"), ("Jaipur", "Udaipur")]


def test_a_second_pair_is_not_joined_to_a_first_with_an_unknown_end(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Kakarbhitta is in no gazetteer: no Delhi-Udaipur line via Jaipur.
    text = "India will build rail links from Delhi to Kakarbhitta and from Jaipur to Udaipur."
    ends = [(c.waypoints[0].name, c.waypoints[-1].name) for c in _corridors(gazetteer, text)]
    assert ends == [("Jaipur", "Udaipur")]


def test_a_measured_line_without_ends_lends_its_length_to_the_next_telling(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The 1,900-km pipeline was designed to carry gas from Israel's offshore fields and "
        "from fields off Cyprus to Europe. From the Levantine basin it would have run under "
        "the sea to Cyprus, then to Crete, and then to the Peloponnese."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.stated_length_km == pytest.approx(1900)


@pytest.mark.parametrize(
    ("text", "paired"),
    [
        # Same countries, ends 700 km and more apart: two different lines.
        (
            "The Coastal GasLink pipeline has operated since 2023 from Dawson Creek to Kitimat. "
            "A proposed gas pipeline would run from Calgary to Winnipeg.",
            False,
        ),
        # Same ends: the operating line is the proposal's alternative.
        (
            "A gas pipeline has operated since 2001 from Calgary to Winnipeg. "
            "A second gas pipeline is proposed from Edmonton to Winnipeg.",
            True,
        ),
    ],
)
def test_an_existing_line_is_an_alternative_only_between_the_same_ends(  # type: ignore[no-untyped-def]
    gazetteer, text: str, paired: bool
) -> None:
    corridors = _corridors(gazetteer, text)
    assert len(corridors) == 2
    existing = next(c for c in corridors if c.status == "operating")
    proposal = next(c for c in corridors if c.status != "operating")
    assert (existing.alternative_of == proposal.id) is paired


@pytest.mark.parametrize(
    "sentence",
    [
        "The Tokaido Shinkansen has linked Tokyo and Osaka since 1964.",
        "The maglev line will run from Tokyo to Nagoya.",
        "The 508-km Mumbai-Ahmedabad High Speed Rail (MAHSR) corridor will run from Mumbai to "
        "Ahmedabad.",
        "The Western Dedicated Freight Corridor runs from Dadri to Mumbai.",
        "The 1,506-km double-track electrified line runs from Dadri to Mumbai.",
        "The new metro line will run from Noida to Ghaziabad.",
    ],
)
def test_kinds_of_railway_by_name_are_railways(gazetteer, sentence: str) -> None:  # type: ignore[no-untyped-def]
    (corridor,) = _corridors(gazetteer, sentence)
    assert corridor.kind == "rail"


def test_a_stretch_or_tunnel_length_is_not_the_lines(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The maglev railway from Tokyo to Nagoya is years late. The governor refused to allow "
        "tunnelling through a 9-km stretch of the Southern Alps. The line runs through the "
        "25-km Daisan Tunnel."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.stated_length_km is None


def test_a_referring_subject_with_a_length_measures_the_line_just_drawn(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The maglev railway from Tokyo to Nagoya is years late. The company now says the "
        "286-km section will open in 2034. It refused to allow tunnelling through a 9-km "
        "stretch of the Southern Alps."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.stated_length_km == pytest.approx(286)


def test_pairs_of_ends_in_brackets_are_lines_of_the_noun_before(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Three further rail freight corridors - East Coast (Kharagpur to Vijayawada), "
        "East-West (Bhusawal to Kharagpur) and North-South (Itarsi to Vijayawada) - have "
        "been proposed."
    )
    ends = sorted((c.waypoints[0].name, c.waypoints[-1].name) for c in _corridors(gazetteer, text))
    assert ends == [
        ("Bhusawal", "Kharagpur"),
        ("Itārsi", "Vijayawada"),
        ("Kharagpur", "Vijayawada"),
    ]
    assert {c.kind for c in _corridors(gazetteer, text)} == {"rail"}


def test_a_line_in_service_and_a_new_one_between_the_same_ends_are_two(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The railway from Moscow to St Petersburg opened in 1851. A new high-speed railway "
        "from Moscow to St Petersburg is planned for 2028."
    )
    corridors = _corridors(gazetteer, text)
    assert sorted(c.status for c in corridors) == ["operating", "planned"]
    old = next(c for c in corridors if c.status == "operating")
    new = next(c for c in corridors if c.status == "planned")
    assert old.alternative_of == new.id


def test_two_documents_telling_a_line_at_two_times_give_one_corridor(gazetteer) -> None:  # type: ignore[no-untyped-def]
    from corridormap.corridors import find_corridors

    docs = [
        make_document("A railway from Moscow to St Petersburg is planned.", "a"),
        make_document("The railway from Moscow to St Petersburg opened in 1851.", "b"),
    ]
    mentions = {d.id: find_places([d], gazetteer=gazetteer) for d in docs}
    (corridor,) = find_corridors(docs, mentions, gazetteer)
    assert len(corridor.evidence) == 2


def test_ends_right_after_a_noun_are_not_those_of_a_noun_in_another_clause(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Avtodor plans to complete the M-12 motorway to Yekaterinburg by 2027, the minister "
        "said, while work continues on the high-speed railway between Moscow and St Petersburg."
    )
    kinds = {
        c.kind for c in _corridors(gazetteer, text) if {w.name for w in c.waypoints} >= {"Moscow"}
    }
    assert kinds == {"rail"}


def test_a_bare_corridor_in_a_railway_story_is_a_railway(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "India is finishing two dedicated freight corridors for its railways. The high-speed "
        "railway from Mumbai to Ahmedabad is under construction. Three further corridors - "
        "East Coast (Kharagpur to Vijayawada) and East-West (Bhusawal to Kharagpur) - have "
        "been proposed."
    )
    proposed = [c for c in _corridors(gazetteer, text) if c.status == "proposed"]
    assert len(proposed) == 2
    assert {c.kind for c in proposed} == {"rail"}


def test_a_branch_with_its_own_ends_keeps_its_length(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "A 46-km branch from Dadri to Khurja links the eastern and western corridors."
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.stated_length_km == pytest.approx(46)


def test_a_direct_current_link_named_with_its_acronym_is_a_power_line(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The first stage involves building a high voltage direct current (HVDC) link "
        "between Burnie in Tasmania and Hazelwood in Victoria."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.kind == "power"
    assert [w.name for w in corridor.waypoints] == ["Burnie", "Hazelwood"]


def test_a_line_named_by_its_dashed_ends_takes_the_kind_just_spoken_of(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Thailand is building its first high-speed railway. "
        "The Bangkok–Nong Khai line is planned to open in 2028."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.kind == "rail"
    assert [w.name for w in corridor.waypoints] == ["Bangkok", "Nong Khai"]


def test_construction_of_a_phase_that_began_is_under_construction(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kenya is building a standard gauge railway. Construction of the second phase, "
        "from Nairobi to Naivasha, began in 2016; the third phase would extend the line "
        "from Naivasha to Kisumu."
    )
    statuses = {tuple(w.name for w in c.waypoints): c.status for c in _corridors(gazetteer, text)}
    assert statuses == {
        ("Nairobi", "Naivasha"): "under construction",
        ("Naivasha", "Kisumu"): "proposed",
    }


def test_a_train_project_is_a_railway(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The government approved the Jakarta-Surabaya semi-fast train project."
    (corridor,) = _corridors(gazetteer, text)
    assert (corridor.kind, corridor.status) == ("rail", "agreed")


def test_the_origin_of_the_goods_a_line_carries_is_its_start(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Power of Siberia 2 pipeline would carry up to 50 billion cubic metres of "
        "Russian gas a year to China via Mongolia."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.allowed_countries == ("RU", "MN", "CN")


def test_a_spanish_project_name_says_its_kind(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Ferrocarril Central Andino runs from Callao on the Pacific coast to Huancayo. "
        "Peru also revived the Gasoducto Sur Peruano, which would carry gas from Camisea "
        "to Ilo."
    )
    kinds = {c.kind: [w.name for w in c.waypoints] for c in _corridors(gazetteer, text)}
    assert kinds == {"rail": ["Callao", "Huancayo"], "pipeline": ["Camisea", "Ilo"]}


def test_a_string_of_coastal_countries_is_passed_along_the_coast(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The gas pipeline would start in Nigeria and run through Benin, Togo, Ghana, Ivory "
        "Coast, Liberia, Sierra Leone, Guinea, Guinea-Bissau, Gambia, Senegal and "
        "Mauritania before reaching Morocco."
    )
    (corridor,) = _corridors(gazetteer, text)
    passed = [w for w in corridor.waypoints if w.role == "via"]
    # Anchored toward the middle of the two ends, every stop was pulled inland (Parakou,
    # Tamale, Korhogo); on the shortest way through the countries in order they stay
    # within about 250 km of the Gulf of Guinea and Atlantic shore.
    by_country = {w.country_code: w for w in passed}
    assert by_country["BJ"].lat < 7.5  # Parakou lies at 9.3 N
    assert by_country["GH"].lat < 7.5  # Tamale lies at 9.4 N
    assert by_country["TG"].lat < 7.5
    assert all("shortest way" in w.anchor for w in passed)


def test_a_region_of_a_country_named_with_a_possessive_is_the_end(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The pipeline would run from Nigeria's Niger Delta to Ghana."
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.waypoints[0].name == "Niger Delta"


def test_from_there_starts_where_the_told_start_or_the_last_line_ends(gazetteer) -> None:  # type: ignore[no-untyped-def]
    told = (
        "Uganda and Tanzania signed a deal for the crude oil export pipeline. The pipeline "
        "will begin at Hoima. From there it will run 1,443 km to the port of Tanga."
    )
    (corridor,) = _corridors(gazetteer, told)
    assert [w.name for w in corridor.waypoints] == ["Hoima", "Tanga"]
    assert corridor.stated_length_km == pytest.approx(1443)
    legs = (
        "The highway links Lagos with Ibadan. From there, it would run to Ilorin and on to Abuja."
    )
    routes = {tuple(w.name for w in c.waypoints): c.status for c in _corridors(gazetteer, legs)}
    assert routes[("Ibadan", "Ilorin", "Abuja")] == "proposed"
    assert ("Lagos", "Ibadan") in routes


def test_a_statement_of_absence_draws_no_line(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert _corridors(gazetteer, "There is no railway between Amman and Aqaba.") == []


def test_capitals_before_a_clause_are_not_the_ends_of_its_noun(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Officials in Riyadh, Abu Dhabi and Muscat are convinced that rail will make the "
        "Gulf a logistics hub."
    )
    assert _corridors(gazetteer, text) == []


def test_a_line_that_has_run_since_a_year_is_operating(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The 678-kilometer West African Gas Pipeline has run from Lagos through Benin and "
        "Togo to Takoradi in Ghana since 2010."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.status == "operating"


def test_a_design_or_a_move_into_construction_is_no_line_in_service(gazetteer) -> None:  # type: ignore[no-untyped-def]
    design = (
        "BarMar is a subsea pipeline of approximately 455 km linking Barcelona with "
        "Marseille, designed to transport up to two million tonnes of hydrogen a year."
    )
    assert _corridors(gazetteer, design)[0].status == "proposed"
    works = (
        "The first cross-border line to move into construction is Hafeet Rail, a 238 km "
        "railway linking the Omani port of Sohar with Abu Dhabi."
    )
    assert _corridors(gazetteer, works)[0].status == "under construction"


def test_the_next_sentence_tells_the_stage_a_tense_only_guessed(gazetteer) -> None:  # type: ignore[no-untyped-def]
    guessed = (
        "Hafeet Rail is a 238 km railway linking Sohar with Abu Dhabi. Construction began in 2024."
    )
    assert _corridors(gazetteer, guessed)[0].status == "under construction"
    future = (
        "The Celtic Interconnector will run from Cork to La Martyre in Brittany. "
        "The project is under construction and is due to be commissioned in 2027."
    )
    assert _corridors(gazetteer, future)[0].status == "under construction"


def test_a_bracketed_length_measures_the_section_before_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Tanzania's standard gauge railway is advancing. Further west, the Dodoma–Tabora "
        "section (368 km) and the Tabora–Isaka section (165 km) are under construction, as "
        "is the 341 km line between Isaka and Mwanza."
    )
    lengths = {
        tuple(w.name for w in c.waypoints): c.stated_length_km for c in _corridors(gazetteer, text)
    }
    assert lengths == {
        ("Dodoma", "Tabora"): 368.0,
        ("Tabora", "Isaka"): 165.0,
        ("Isaka", "Mwanza"): 341.0,
    }


def test_a_list_of_dashed_pairs_with_a_plural_noun_is_one_line_each(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The plan includes three new expressways: Hanoi–Lang Son, Ho Chi Minh City–Can Tho "
        "and Da Nang–Quang Ngai."
    )
    corridors = _corridors(gazetteer, text)
    assert len(corridors) == 3
    assert {c.kind for c in corridors} == {"road"}
    assert {c.waypoints[0].name for c in corridors} == {"Hanoi", "Ho Chi Minh City", "Da Nang"}


def test_a_measured_line_beside_another_rail_noun_keeps_its_ends(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The first phase, the 253-km Bangkok-Nakhon Ratchasima line, is under construction; "
        "disputes over a section that shares its route with the airport rail link in "
        "Bangkok held up the contracts."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert (corridor.kind, corridor.stated_length_km) == ("rail", 253.0)


def test_what_a_line_joins_where_it_ends_is_not_its_end(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The 4,128-kilometer Trans-Saharan Gas Pipeline would start at Warri in Nigeria's "
        "Delta State, cross the Sahara through Niger and end at Hassi R'Mel in Algeria, "
        "where it would join the export lines that already supply Italy and Spain."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert [corridor.waypoints[0].name, corridor.waypoints[-1].name] == ["Warri", "Hassi R'Mel"]
    assert corridor.status == "proposed"


def test_a_start_with_stops_then_the_border_town_next_sentence_is_one_line(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "China wants a fourth gas pipeline from Central Asia. The 1,000-km line would carry "
        "gas from the Galkynysh field in Turkmenistan through Uzbekistan, Tajikistan and "
        "Kyrgyzstan. It would cross into China at Wuqia."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert (corridor.waypoints[0].name, corridor.waypoints[-1].name) == ("Galkynysh", "Wuqia")
    assert corridor.allowed_countries == ("TM", "UZ", "TJ", "KG", "CN")
    assert corridor.stated_length_km == pytest.approx(1000)


def test_a_corridor_that_is_a_highway_is_a_road(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The corridor, promoted since 2015 by Brazil, Paraguay, Argentina and Chile, is a "
        "highway route of about 2,400 km from Campo Grande to the Chilean port of Antofagasta."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert (corridor.kind, corridor.stated_length_km) == ("road", 2400.0)


def test_a_corridor_named_with_its_mode_is_of_that_kind(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Brazil backs the Bioceanic road. Bolivia has long promoted the Central Bioceanic "
        "Railway Corridor, a line of roughly 3,750 km that would connect the Brazilian port "
        "of Santos with the Peruvian port of Ilo via Bolivia. The Southern Gas Corridor runs "
        "from Azerbaijan to Italy."
    )
    kinds = {c.allowed_countries: c.kind for c in _corridors(gazetteer, text)}
    assert kinds == {("BR", "BO", "PE"): "rail", ("AZ", "IT"): "pipeline"}


def test_a_start_put_first_with_a_comma_is_the_lines_start(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Sun Cable plans a giant solar farm. From Darwin, a high-voltage direct current cable "
        "of about 4,300 km would run under the Timor Sea and through Indonesian waters to "
        "Singapore."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert (corridor.waypoints[0].name, corridor.allowed_countries[-1]) == ("Darwin", "SG")
    assert (corridor.kind, corridor.stated_length_km) == ("power", 4300.0)


def test_two_lines_between_different_states_of_one_country_stay_two(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The SunZia project is building a 550-mile transmission line from central New Mexico "
        "to Arizona. The line runs from Torrance County, New Mexico, to Pinal County. "
        "Further north, the TransWest Express line — 732 miles from Sinclair, Wyoming, to "
        "Boulder City, Nevada — broke ground in 2023."
    )
    lengths = sorted(c.stated_length_km or 0 for c in _corridors(gazetteer, text))
    assert lengths == pytest.approx([885.1, 1178.0], abs=1)


def test_a_tense_that_only_guessed_a_stage_does_not_set_the_lines_status(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The corridor is a highway route of about 2,400 km from Campo Grande to Antofagasta. "
        "It crosses the Paraguayan Chaco, runs through the provinces of Salta and Jujuy and "
        "climbs to the Andes."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.status == "proposed"


def test_counties_told_next_replace_the_states_of_a_line(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The SunZia project is building a 550-mile transmission line from central New Mexico "
        "to Arizona. The line runs from a converter station in Torrance County, New Mexico, "
        "to Pinal County, south-east of Phoenix."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert [w.name for w in corridor.waypoints] == ["Torrance County", "Pinal County"]


def test_a_named_project_that_would_run_to_a_grid_connection_is_drawn(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Several HVDC lines are planned. Invenergy's Grain Belt Express would run about 800 "
        "miles from Ford County in southwest Kansas through Missouri and Illinois to a "
        "connection with the PJM grid on the Indiana border."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.kind == "power"
    assert corridor.waypoints[0].name == "Ford County"
    assert corridor.allowed_countries == ("US",)
    # The states passed are not the ends: "Missouri and Illinois to a connection" is no
    # premodified pair.
    assert corridor.waypoints[-1].name not in {"Illinois", "Chicago"}


def test_a_later_stage_told_of_the_line_replaces_its_will_run_plan(gazetteer) -> None:  # type: ignore[no-untyped-def]
    builder = (
        "The 665-km double-track line will run from Kota Bharu to Port Klang, via Kuantan. "
        "China Communications Construction Co. is building the line, which is expected to "
        "start operations in January 2027."
    )
    assert _corridors(gazetteer, builder)[0].status == "under construction"
    project = (
        "The 700-megawatt link will run from Cork to La Martyre in Brittany. On the Irish "
        "side, the cable will come ashore near Youghal. The €1.6 billion project, developed "
        "jointly by EirGrid and RTE, is under construction."
    )
    assert _corridors(gazetteer, project)[0].status == "under construction"


def test_a_proposal_told_by_its_cue_keeps_its_status_when_another_line_runs(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A planned Isaka–Kigali railway remains at the feasibility study stage. "
        "The line has operated since 1914."
    )
    assert _corridors(gazetteer, text)[0].status == "proposed"


def test_the_first_of_two_pipelines_is_a_pipeline(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The H2Med corridor comprises two cross-border pipelines. The first, CelZa, will run "
        "for 248 km between Celorico da Beira in Portugal and Zamora in Spain."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert (corridor.kind, corridor.stated_length_km) == ("pipeline", 248.0)


def test_a_second_line_measured_after_its_noun_in_another_clause_is_drawn(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Saudi Arabia operates the Haramain High Speed Railway between Makkah and Madinah; "
        "its landbridge project, a planned line of about 1,300 km from Riyadh to Jeddah, has "
        "been revived."
    )
    lines = {tuple(w.name for w in c.waypoints): c for c in _corridors(gazetteer, text)}
    assert lines[("Makkah", "Madinah")].status == "operating"
    assert lines[("Riyadh", "Jeddah")].stated_length_km == 1300.0


@pytest.mark.parametrize(
    ("text", "project"),
    [
        (
            "Ireland and France are building the Celtic Interconnector, a 575-km subsea power "
            "cable from Knockraha in County Cork to La Martyre in Brittany.",
            "Celtic Interconnector",
        ),
        (
            "Russia wants to build the Power of Siberia 2 pipeline from the Yamal Peninsula to "
            "northern China through Mongolia.",
            "Power of Siberia 2",
        ),
        (
            "Azerbaijan and Turkmenistan discussed the Trans-Caspian Gas Pipeline from "
            "Turkmenbashi to Baku.",
            "Trans-Caspian Gas Pipeline",
        ),
        (
            "Several HVDC lines are planned. Invenergy's Grain Belt Express would run about 800 "
            "miles from Ford County, Kansas, to Sullivan County, Indiana.",
            "Grain Belt Express",
        ),
        (
            "H2Med will comprise two hydrogen pipelines. The first, CelZa, will run from Celorico "
            "da Beira in Portugal to Zamora in Spain.",
            "CelZa",
        ),
        (
            "Engineers began work on a new pipeline known as the Trans-Saharan from Warri in "
            "Nigeria to Hassi R'Mel in Algeria.",
            "Trans-Saharan",
        ),
        (
            "The Champlain Hudson Power Express (CHPE), a 339-mile HVDC line, will carry "
            "hydropower from Montreal to New York City.",
            "Champlain Hudson Power Express",
        ),
        (
            "The second, BarMar, is a subsea pipeline of approximately 455 km linking "
            "Barcelona with Marseille.",
            "BarMar",
        ),
        (
            "Inland Rail was conceived as a 1,600-kilometre freight railway from Melbourne to "
            "Brisbane.",
            "Inland Rail",
        ),
        (
            "MEDGAZ, the first gas pipeline to be built under the Mediterranean, connects "
            "Beni Saf in Algeria to Almería in Spain.",
            "MEDGAZ",
        ),
        (
            "Etihad Rail runs from Ghuweifat on the Saudi border to Fujairah on the Gulf of Oman.",
            "Etihad Rail",
        ),
        (
            "The aim of this project is to rehabilitate the multi-modal Lobito Corridor from "
            "Lobito on the Atlantic through Lubumbashi in the DRC to the Zambian Copperbelt.",
            "Lobito Corridor",
        ),
        (
            "The SGR runs roughly parallel to the Central Line, the metre-gauge railway between "
            "Dar es Salaam and Kigoma.",
            "Central Line",
        ),
        # a line named by its ends, its country, its owner, or nothing at all
        ("Tanzania Railways runs the railway from Dar es Salaam to Morogoro.", None),
        ("Officials agreed to build the Russia-North Korea road from Khasan to Rajin.", None),
        ("Russian gas would flow through a pipeline from Vladivostok to Busan.", None),
        ("Gazprom's pipeline would run from Vladivostok to Busan.", None),
        ("Seoul backs the North-South Korea transport corridor from Busan to Khasan.", None),
        ("It fits China's One Belt–One Road. The pipeline would run from Lamu to Juba.", None),
        (
            "Talks as The Russia-Korea Transport Corridor Beckons The pipeline would run from "
            "Vladivostok to Busan.",
            None,
        ),
        ("The Vladivostok-Busan pipeline was proposed in 2011.", None),
    ],
)
def test_the_project_name_the_text_gives_a_line(gazetteer, text: str, project: str | None) -> None:  # type: ignore[no-untyped-def]
    corridors = _corridors(gazetteer, text)
    assert corridors
    assert {c.project for c in corridors} == {project}


def test_two_projects_between_the_same_ends_are_two_lines(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Greenlink power cable runs from Wexford to Pembroke. "
        "The rival Celtic Link power cable would also run from Wexford to Pembroke."
    )
    corridors = _corridors(gazetteer, text)
    assert sorted(c.project for c in corridors) == ["Celtic Link", "Greenlink"]


def test_a_headline_in_title_case_names_no_project(gazetteer) -> None:  # type: ignore[no-untyped-def]
    corridors = _corridors(gazetteer, "Russia Plans New Gas Pipeline From Yamal To Beijing")
    assert all(c.project is None for c in corridors)


def test_ends_told_after_a_named_project_are_not_shared_with_another_named_one(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Saudi Arabia operates the North-South Railway and the Haramain High Speed Railway "
        "between Makkah and Madinah, which opened in 2018."
    )
    corridors = _corridors(gazetteer, text)
    assert [c.project for c in corridors] == ["Haramain High Speed Railway"]


def test_a_person_set_off_by_commas_is_no_project(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "After an independent review led by former minister Kerry Schott, the government "
        "decided that the railway would run only between Beveridge, north of Melbourne, and "
        "Parkes in central-west NSW."
    )
    assert [c.project for c in _corridors(gazetteer, text)] == [None]


def test_a_country_passed_with_no_city_to_stand_for_it_is_drawn_at_its_own_point(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Palau has no capital or large city in the gazetteer: the line goes to the
    # country's point, not back to its start (which came out as a second "start").
    (cable,) = _corridors(gazetteer, "A cable would run from Singapore through Brunei and "
                                     "Palau to Darwin.")  # fmt: skip
    roles = [(w.role, w.anchor) for w in cable.waypoints if w.role != "crossing"]
    assert [r for r, _ in roles].count("start") == 1
    assert ("via", "the point of Palau") in roles


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("The pipeline crosses Turkey from the Georgian border at Posof to Ipsala.", "Posof"),
        ("The railway runs from Almaty to the Chinese border at Khorgos.", "Khorgos"),
    ],
)
def test_a_town_named_at_a_border_is_the_end_on_this_side(  # type: ignore[no-untyped-def]
    gazetteer, text: str, town: str
) -> None:
    # Posof is in Turkey and Khorgos in Kazakhstan, not in the country named.
    (corridor,) = _corridors(gazetteer, text)
    assert town in {corridor.waypoints[0].name, corridor.waypoints[-1].name}


@pytest.mark.parametrize(
    ("text", "stated_km"),
    [
        ("The 300-km railway will link Mérida with Cancún.", 300.0),
        ("A 473-km pipeline would link Kano and Abuja.", 473.0),
        ("A bridge of 12.5 km links Porto Murtinho and Carmelo Peralta.", 12.5),
    ],
)
def test_a_measured_line_that_will_link_two_places_is_drawn(  # type: ignore[no-untyped-def]
    gazetteer, text: str, stated_km: float
) -> None:
    # "link" after "will" is the verb, not a second, generic noun; "12.5" ends no clause.
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.stated_length_km == stated_km


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The railway between Coatzacoalcos and Salina Cruz reopened in 2023.", "operating"),
        ("A 122-km pipeline from La Carlota to Rio Cuarto was finished in 2024.", "operating"),
        ("Work began in 2023 on a 32-km railway from Khorramshahr to Basra.", "under construction"),
        ("Works on the railway from Beveridge to Parkes are under way.", "under construction"),
        ("Work on the railway from Dammam to Jubail remains in planning.", "planned"),
        (
            "The Basra-Aqaba pipeline was agreed in principle in 2013. It remains stalled.",
            "shelved",
        ),
        ("The Basra-Aqaba pipeline was agreed in 2013. The project was shelved.", "shelved"),
    ],
)
def test_status_cues_of_progress_and_of_later_setbacks(  # type: ignore[no-untyped-def]
    gazetteer, text: str, status: str
) -> None:
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.status == status


@pytest.mark.parametrize(
    ("text", "kind", "stated_km"),
    [
        ("The Abidjan-Lagos corridor highway was agreed in 2022.", "road", None),
        ("The Landbridge would lay 950 km of new track from Riyadh to Jeddah.", "rail", 950.0),
        (
            "The GCC plans a railway from Kuwait City to Muscat. Ministers aim to complete "
            "the 2,117-km network from Kuwait City to Muscat by 2030.",
            "rail",
            2117.0,
        ),
    ],
)
def test_line_nouns_of_news_a_corridor_highway_new_track_a_measured_network(  # type: ignore[no-untyped-def]
    gazetteer, text: str, kind: str, stated_km: float | None
) -> None:
    (corridor,) = _corridors(gazetteer, text)
    assert (corridor.kind, corridor.stated_length_km) == (kind, stated_km)


def test_a_second_leg_with_its_own_stops_continues_the_line_in_the_order_told(  # type: ignore[no-untyped-def]
    gazetteer,
) -> None:
    # The Tren Maya bends back south after Cancún: the order along the way from
    # Palenque would put Tulum before Cancún.
    text = (
        "The railway runs from Palenque through Mérida to Cancún, then south via Tulum to Chetumal."
    )
    (corridor,) = _corridors(gazetteer, text)
    names = [w.name for w in corridor.waypoints]
    assert names == ["Palenque", "Mérida", "Cancún", "Tulum", "Chetumal"]


def test_a_person_described_by_a_line_noun_names_no_project(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"It is six national projects," said Jordan Hayes, a rail consultant. '
        "The GCC plans a railway from Kuwait City to Muscat."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.project is None


def test_the_agent_of_a_by_phrase_is_no_end(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Washington brokered the deal; it is no start of a pipeline to Lebanon.
    text = (
        "A deal brokered by Washington in 2021 to pump gas to Lebanon's Deir Ammar power "
        "plant near Tripoli, through Jordan and Syria, was never carried out."
    )
    assert not any(w.name == "Washington" for c in _corridors(gazetteer, text) for w in c.waypoints)


def test_a_measured_line_told_without_a_status_word_is_the_line_just_drawn(  # type: ignore[no-untyped-def]
    gazetteer,
) -> None:
    text = (
        "The 614-km pipeline will take gas from Ajaokuta to Kano. The pipeline has run "
        "since 2010 from Lagos to Takoradi in Ghana. The 678-km pipeline has often run far "
        "below capacity."
    )
    lengths = {c.waypoints[0].name: c.stated_length_km for c in _corridors(gazetteer, text)}
    assert lengths == {"Ajaokuta": 614.0, "Lagos": 678.0}


def test_a_measured_section_with_its_own_stage_is_a_line_of_its_own(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The railway is planned to run 1,527 km from Ilheus through Caetite and Barreiras "
        "to Figueiropolis. Its first 537-km section, between Ilheus and Caetite, is under "
        "construction."
    )
    corridors = _corridors(gazetteer, text)
    summary = sorted((c.stated_length_km, c.status, len(c.waypoints)) for c in corridors)
    assert summary == [(537.0, "under construction", 2), (1527.0, "planned", 4)]
    # An unmeasured stretch told without a stage of its own stays evidence of the whole.
    text = (
        "The road will run from Lamu via Ijara to Isiolo. "
        "The first stretch from Lamu to Ijara is being tarred."
    )
    assert len(_corridors(gazetteer, text)) == 1


def test_a_demonym_and_a_capitalised_noun_name_a_project(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The West African Gas Pipeline runs from Lagos to Takoradi in Ghana."
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.project == "West African Gas Pipeline"
    # A firm named after its country is no project name; the ends' names are none either.
    text = (
        "The East Coast Rail Link is 80% complete, says its owner Malaysia Rail Link. "
        "The Kirkuk-Ceyhan Oil Pipeline runs from Kirkuk to Ceyhan."
    )
    assert {c.project for c in _corridors(gazetteer, text)} <= {None, "East Coast Rail Link"}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "The East Coast Rail Link is more than 80% complete. The 665-km line will run "
            "from Kota Bharu to Port Klang.",
            "under construction",
        ),
        (
            "Construction of the Lobito Atlantic Railway began in 2023. The line will run "
            "from Lobito to Luau.",
            "under construction",
        ),
    ],
)
def test_the_stage_told_with_a_projects_name_holds_for_its_route_told_next(  # type: ignore[no-untyped-def]
    gazetteer, text: str, status: str
) -> None:
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.status == status


def test_a_border_start_before_the_other_end_stays_the_border(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Basra is the other end, not a town at the Iranian border.
    text = "A railway from the Iranian border to Basra is under construction."
    (corridor,) = _corridors(gazetteer, text)
    assert (corridor.waypoints[0].name, corridor.waypoints[-1].name) == ("Iran border", "Basrah")


def test_the_region_that_holds_the_start_is_no_stop(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Thrace spans Greece, Turkey and Bulgaria; its point lies in Turkey.
    text = "A gas pipeline from Komotini in Thrace to Stara Zagora opened in 2022."
    (corridor,) = _corridors(gazetteer, text)
    assert [w.country_code for w in corridor.waypoints] == ["GR", "BG"]


@pytest.mark.parametrize(
    "setback",
    [
        "The project has been effectively shelved.",
        "Washington's withdrawal of support has left it stalled.",
    ],
)
def test_a_setback_told_two_sentences_later_is_where_the_line_stands(  # type: ignore[no-untyped-def]
    gazetteer, setback: str
) -> None:
    text = (
        "The EastMed pipeline would run from Israel to Greece via Cyprus. Its backers "
        f"signed an accord in 2020. {setback}"
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.status == "shelved"


def test_the_two_capitals_are_the_two_named_before(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Riyadh and Doha signed an agreement to build a 785-km high-speed railway between "
        "the two capitals."
    )
    (corridor,) = _corridors(gazetteer, text)
    ends = (corridor.waypoints[0].name, corridor.waypoints[-1].name)
    assert (ends, corridor.stated_length_km) == (("Riyadh", "Doha"), 785.0)


def test_a_region_before_the_line_noun_names_the_project(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Cyrenaica is a curated region; a country or a town there is where the line goes.
    text = (
        "Libya is rebuilding the Cyrenaica railway, which would run 450 km from Benghazi to Tobruk."
    )
    (corridor,) = _corridors(gazetteer, text)
    assert corridor.project == "Cyrenaica"
    (corridor,) = _corridors(gazetteer, "The Turkey railway will run from Kars to Ankara.")
    assert corridor.project is None


def test_curated_regions_and_features_before_a_line_noun_keep_naming_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # A guard: adding a curated region must not turn "the <region> railway" from a
    # project's name into a bare place (it did once, for Cyrenaica, Katanga, Negev ...).
    import csv

    path = Path(__file__).resolve().parents[1] / "data" / "curated_places.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        names = [
            r["name"] for r in csv.DictReader(handle) if r["feature"] in {"region", "physical"}
        ]
    named = sum(
        [
            c.project
            for c in _corridors(gazetteer, f"The {name} railway will run from Kars to Ankara.")
        ]
        == [name]
        for name in names
    )
    # A few stay unnamed by design ("New Guinea" loses "New", "the Baltic states" is plural).
    assert named >= 0.95 * len(names)


def test_a_region_named_by_its_alias_as_an_end_names_no_project(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "Korea" is the Korean Peninsula's alias here, and the pipeline's end.
    text = "The Russia to Korea pipeline would run from Vladivostok to Samcheok."
    assert [c.project for c in _corridors(gazetteer, text)] == [None]


def test_a_status_told_of_both_lines_holds_for_each(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The TANAP pipeline would run from Erzurum to Eskisehir. The TAP pipeline would run "
        "from Komotini to Lecce. Both pipelines are operating at or near capacity."
    )
    assert [c.status for c in _corridors(gazetteer, text)] == ["operating", "operating"]


def test_two_nouns_of_one_sentence_for_one_line_are_one_corridor(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The two nouns named different stops, and the rival's countries joined one of them:
    # the pipeline had been drawn twice.
    text = (
        "The more ambitious is the Nigeria-Morocco Gas Pipeline, a line of about 5,600 km "
        "that would run from Nigeria along the West African coast, through Benin, Togo, "
        "Ghana, Côte d'Ivoire, Senegal and Mauritania among others, to Morocco, where it "
        "would connect with the Maghreb-Europe pipeline to Spain. Its rival is older. The "
        "Trans-Saharan Gas Pipeline would carry gas 4,128 km from Warri in the Niger Delta "
        "through Niger to Hassi R'Mel in Algeria."
    )
    lengths = sorted(c.stated_length_km for c in _corridors(gazetteer, text))
    assert lengths == [4128.0, 5600.0]
