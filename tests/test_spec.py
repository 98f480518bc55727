"""Corridor spec files: validation with line numbers, applying, and writing back."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from corridormap.errors import SpecError
from corridormap.model import Corridor, Evidence, Waypoint
from corridormap.spec import (
    apply_spec,
    corridors_to_spec,
    load_spec,
    merge_countries,
    parse_spec,
)

SPECS = Path(__file__).parent / "data" / "specs"
EXAMPLE = Path(__file__).parent.parent / "data" / "korea_spec.yaml"

VLADIVOSTOK = Waypoint("Vladivostok", 43.10562, 131.87353, "RU", "start", "nearest mentioned place")
BRIDGE = Waypoint("Friendship Bridge", 42.4152, 130.6411, "RU|KP", "crossing", "crossing")
DONGHAE = Waypoint("Donghae line crossing", 38.5678, 128.37, "KR|KP", "crossing", "crossing")
SEOUL = Waypoint("Seoul", 37.566, 126.9784, "KR", "end", "nearest mentioned place")
PYONGYANG = Waypoint("Pyongyang", 39.03385, 125.75432, "KP", "start", "nearest mentioned place")


def _evidence(quote: str) -> tuple[Evidence, ...]:
    return (Evidence("doc", 0, len(quote), quote, "2018-05"),)


PIPELINE = Corridor(
    id="ru-kp-kr-pipeline-b6965e",
    name="Russia–South Korea pipeline via North Korea",
    kind="pipeline",
    status="proposed",
    waypoints=(VLADIVOSTOK, BRIDGE, DONGHAE, SEOUL),
    allowed_countries=("RU", "KP", "KR"),
    evidence=_evidence("a new Russia to Korea pipeline"),
    stated_length_km=1100.0,
)
ROAD = Corridor(
    id="kp-ru-road-e48ab1",
    name="North Korea–Russia road",
    kind="road",
    status="planned",
    waypoints=(PYONGYANG, BRIDGE, dataclasses.replace(VLADIVOSTOK, role="end")),
    allowed_countries=("KP", "RU"),
    evidence=_evidence("a highway linking the DPRK to Russia"),
    subsea=False,
)
EXTRACTED = [PIPELINE, ROAD]


def _spec(tmp_path: Path, text: str, name: str = "spec.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _without_notes(corridors: list[Corridor]) -> list[Corridor]:
    return [dataclasses.replace(c, notes=()) for c in corridors]


# --------------------------------------------------------------------------- round trip


def test_written_spec_applied_to_the_same_corridors_gives_them_back(
    tmp_path: Path, gazetteer
) -> None:  # type: ignore[no-untyped-def]
    path = _spec(tmp_path, corridors_to_spec(EXTRACTED))
    result = apply_spec(EXTRACTED, load_spec(path), gazetteer)
    assert result == EXTRACTED
    assert all(a is b for a, b in zip(result, EXTRACTED, strict=True))


def test_seed_corridors_round_trip_through_a_spec_file(
    tmp_path: Path, seed_result, gazetteer
) -> None:  # type: ignore[no-untyped-def]
    corridors = [d.corridor for d in seed_result.drawn]
    path = _spec(tmp_path, corridors_to_spec(corridors))
    assert apply_spec(corridors, load_spec(path), gazetteer) == corridors


def test_spec_of_changed_corridors_reproduces_the_changes(
    tmp_path: Path, seed_result, gazetteer
) -> None:  # type: ignore[no-untyped-def]
    extracted = [d.corridor for d in seed_result.drawn]
    changed = apply_spec(extracted, load_spec(EXAMPLE), gazetteer)
    written = _spec(tmp_path, corridors_to_spec(changed, extracted=extracted))
    again = apply_spec(extracted, load_spec(written), gazetteer)
    # Only the "changed by spec <file>:<line>" note differs: it names the other file.
    assert _without_notes(again) == _without_notes(changed)


def test_corridors_missing_from_the_list_are_written_as_hidden(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = corridors_to_spec([PIPELINE], extracted=EXTRACTED)
    assert apply_spec(EXTRACTED, parse_spec(text), gazetteer) == [PIPELINE]


# --------------------------------------------------------------------------- applying


def test_match_by_id_changes_status_and_notes_file_and_line(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    path = _spec(
        tmp_path,
        "version: 1\ncorridors:\n  - match: kp-ru-road-e48ab1\n    status: agreed\n"
        "    sources: [https://example.org/agreement]\n",
    )
    pipeline, road = apply_spec(EXTRACTED, load_spec(path), gazetteer)
    assert pipeline is PIPELINE
    assert road.status == "agreed"
    assert road.waypoints == ROAD.waypoints
    assert road.geometry_source == "inferred"
    assert road.notes == (
        f"changed by spec {path}:3: corridors[0]: status",
        "source: https://example.org/agreement",
    )


def test_match_by_kind_and_countries_ignores_country_order(gazetteer) -> None:  # type: ignore[no-untyped-def]
    spec = parse_spec(
        "version: 1\ncorridors:\n"
        "  - match: {kind: road, countries: [ru, kp]}\n    status: shelved\n"
    )
    pipeline, road = apply_spec(EXTRACTED, spec, gazetteer)
    assert (pipeline.status, road.status) == ("proposed", "shelved")


def test_hide_drops_the_corridor(gazetteer) -> None:  # type: ignore[no-untyped-def]
    spec = parse_spec("version: 1\ncorridors:\n  - match: {kind: pipeline}\n    hide: true\n")
    assert apply_spec(EXTRACTED, spec, gazetteer) == [ROAD]


def test_via_replaces_intermediate_waypoints_and_recomputes_countries(gazetteer) -> None:  # type: ignore[no-untyped-def]
    spec = parse_spec(
        "version: 1\ncorridors:\n"
        "  - match: ru-kp-kr-pipeline-b6965e\n"
        "    via: [Khasan, Rason, {name: Goseong crossing, lat: 38.61, lon: 128.35, country: KR}]\n"
    )
    (pipeline, _) = apply_spec(EXTRACTED, spec, gazetteer)
    names = [w.name for w in pipeline.waypoints]
    assert names == ["Vladivostok", "Khasan", "Rason", "Goseong crossing", "Seoul"]
    assert [w.role for w in pipeline.waypoints] == ["start", "via", "via", "via", "end"]
    # The unchanged ends keep how the extractor chose them.
    assert pipeline.waypoints[0] is VLADIVOSTOK
    assert pipeline.geometry_source == "spec"
    assert pipeline.allowed_countries == ("RU", "KP", "KR")


def test_names_resolve_to_points_in_the_corridors_countries(gazetteer) -> None:  # type: ignore[no-untyped-def]
    spec = parse_spec(
        "version: 1\ncorridors:\n  - add:\n      name: Rason link\n      kind: rail\n"
        "      waypoints: [Khasan, Friendship Bridge, Rason]\n      countries: [RU, KP]\n"
    )
    added = apply_spec([], spec, gazetteer)[0]
    khasan, bridge, rason = added.waypoints
    # "Khasan" is also an alternate name of Kazan; the curated Khasan on the border wins.
    assert (khasan.country_code, round(khasan.lat, 1)) == ("RU", 42.4)
    # A crossing joins both countries, as the router expects.
    assert (bridge.role, bridge.country_code) == ("crossing", "RU|KP")
    # "Rason" names a region and its city; a route needs the point.
    assert (rason.country_code, rason.anchor) == ("KP", "spec (gazetteer: Rajin, geonames:2042645)")


def test_added_corridor_is_a_spec_corridor_citing_file_and_sources(gazetteer) -> None:  # type: ignore[no-untyped-def]
    spec = parse_spec(
        "version: 1\ncorridors:\n  - add:\n      name: Trans-Korea gas pipeline\n"
        "      kind: pipeline\n      status: shelved\n"
        "      waypoints: [Vladivostok, Wonsan, Seoul]\n      countries: [RU, KP, KR]\n"
        "      stated_length_km: 1100\n"
        "      sources: [https://gem.wiki/Trans-Korea_Gas_Pipeline]\n",
        "mine.yaml",
    )
    (pipeline,) = apply_spec([], spec, gazetteer)
    assert pipeline.id.startswith("spec-trans-korea-gas-pipeline-")
    assert pipeline.evidence == ()
    assert pipeline.geometry_source == "spec"
    assert pipeline.allowed_countries == ("RU", "KP", "KR")
    assert pipeline.stated_length_km == 1100
    assert pipeline.notes == (
        "added by spec mine.yaml:3: corridors[0]",
        "source: https://gem.wiki/Trans-Korea_Gas_Pipeline",
    )


def test_example_spec_applies_to_the_seed_corridors(seed_result, gazetteer) -> None:  # type: ignore[no-untyped-def]
    extracted = [d.corridor for d in seed_result.drawn]
    result = apply_spec(extracted, load_spec(EXAMPLE), gazetteer)
    by_kind = {(c.kind, c.allowed_countries): c for c in result}
    road = by_kind[("road", ("KP", "RU"))]
    assert [w.name for w in road.waypoints][:2] == ["Rajin", "Tumangang"]
    assert road.geometry_source == "spec"
    assert ("rail", ("RU", "KP")) in by_kind
    assert len(result) == len(extracted) + 1


def test_countries_given_keep_their_order_and_waypoint_countries_slot_in() -> None:
    assert merge_countries(["RU", "CN", "KP"], ["RU", "KP"]) == ("RU", "CN", "KP")
    assert merge_countries([], ["RU", "KP", "KR"]) == ("RU", "KP", "KR")
    assert merge_countries(["RU", "KR"], ["RU", "KP", "KR"]) == ("RU", "KP", "KR")


# --------------------------------------------------------------------------- errors


def test_every_schema_problem_is_reported_with_its_line() -> None:
    with pytest.raises(SpecError) as caught:
        load_spec(SPECS / "all_schema_errors.yaml")
    lines = str(caught.value).splitlines()
    label = str(SPECS / "all_schema_errors.yaml")
    assert lines[0] == f"7 problems in {label}:"
    assert [line.strip() for line in lines[1:]] == [
        f"{label}:3: colour: unknown key 'colour' (allowed: version, corridors)",
        f"{label}:6: corridors[0].status: 'agreeed' is not one of proposed, planned, agreed, "
        "under construction, operating, existing, shelved, cancelled; did you mean 'agreed'?",
        f"{label}:9: corridors[1].add.kind: 'highway' is not one of road, rail, pipeline, power, "
        "multimodal",
        f"{label}:11: corridors[2]: each entry needs exactly one of `match` (change an extracted "
        "corridor) or `add` (a new one)",
        f"{label}:14: corridors[3].via[0]: waypoint 'Isiolo': give both lat and lon, or neither",
        f"{label}:16: corridors[4].speed: unknown key 'speed' (allowed: match, add, status, kind, "
        "name, project, from, to, via, waypoints, countries, subsea, stated_length_km, "
        "geometry, hide, sources)",
        f"{label}:17: corridors[5].add.name: missing required key 'name'",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("version: 2\n", "x.yaml:1: version: 2 is not one of 1"),
        ("version: 1\ncorridors:\n  - match: a\n    status: [\n", "x.yaml:5: invalid YAML"),
        ("version: 1\nversion: 1\n", "x.yaml:2: version: duplicate key (first on line 1)"),
        ("", "x.yaml:1: a spec is a mapping"),
        ("- 1\n", "x.yaml:1: a spec is a mapping"),
        ("version: 1\ncorridors:\n  - match: {}\n", "x.yaml:3: corridors[0].match: an empty"),
        (
            "version: 1\ncorridors:\n  - match: a\n    from: Nairobi\n    waypoints: [A, B]\n",
            "x.yaml:3: corridors[0]: give either `waypoints` (the whole chain) or `from`/",
        ),
        (
            "version: 1\ncorridors:\n  - add: {name: A, kind: road, waypoints: [A, B]}\n"
            "    status: agreed\n",
            "x.yaml:3: corridors[0]: status: put these inside `add`",
        ),
        (
            "version: 1\ncorridors:\n  - match: a\n    via: [Nairobi, 7]\n",
            "x.yaml:4: corridors[0].via[1]: a waypoint is a place name or a mapping",
        ),
        (
            "version: 1\ncorridors:\n  - add: {name: A, kind: road, waypoints: [A]}\n",
            "x.yaml:3: corridors[0].add.waypoints: needs at least 2 items, got 1",
        ),
    ],
)
def test_schema_error_names_file_line_and_field(text: str, message: str) -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(text, "x.yaml")
    assert str(caught.value).startswith(message)


def test_missing_file_is_a_spec_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match=r"nope\.yaml: file not found"):
        load_spec(tmp_path / "nope.yaml")


def test_non_utf8_file_is_a_spec_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("version: 1 # café\n".encode("latin-1"))
    with pytest.raises(SpecError, match="not UTF-8 text"):
        load_spec(path)


def test_unknown_places_are_named_with_their_lines_and_a_fix(gazetteer) -> None:  # type: ignore[no-untyped-def]
    label = str(SPECS / "unknown_places.yaml")
    with pytest.raises(SpecError) as caught:
        apply_spec([], load_spec(SPECS / "unknown_places.yaml"), gazetteer)
    assert str(caught.value).splitlines()[1:] == [
        f"  {label}:8: corridors[0].add.waypoints[1]: place 'Xyzzyville' not found in the "
        "gazetteer; give its coordinates: {name: Xyzzyville, lat: ..., lon: ...}",
        f"  {label}:9: corridors[0].add.waypoints[2]: 'Ethiopia' is a country, not a point on "
        "a route; name a place in it or give {name: Ethiopia, lat: ..., lon: ...}",
    ]


def test_selector_matching_nothing_lists_the_ids(gazetteer) -> None:  # type: ignore[no-untyped-def]
    spec = parse_spec(
        "version: 1\ncorridors:\n  - match: no-such-id\n    status: agreed\n", "s.yaml"
    )
    with pytest.raises(SpecError, match=r"s\.yaml:3: corridors\[0\]\.match: matches no corridor "
                       r"\(ids: ru-kp-kr-pipeline-b6965e, kp-ru-road-e48ab1\)"):  # fmt: skip
        apply_spec(EXTRACTED, spec, gazetteer)


def test_new_waypoints_for_several_corridors_at_once_are_refused(gazetteer) -> None:  # type: ignore[no-untyped-def]
    spec = parse_spec(
        "version: 1\ncorridors:\n  - match: {countries: [RU, KP, KR]}\n    via: [Wonsan]\n"
    )
    twice = [PIPELINE, dataclasses.replace(PIPELINE, id="other")]
    with pytest.raises(SpecError, match=r"matches 2 corridors \(ru-kp-kr-pipeline-b6965e, other\)"):
        apply_spec(twice, spec, gazetteer)


def test_added_id_must_be_new(gazetteer) -> None:  # type: ignore[no-untyped-def]
    spec = parse_spec(
        "version: 1\ncorridors:\n  - add:\n      id: kp-ru-road-e48ab1\n      name: A\n"
        "      kind: road\n      waypoints: [Khasan, Rajin]\n",
        "s.yaml",
    )
    with pytest.raises(SpecError, match=r"s\.yaml:4: corridors\[0\]\.add\.id: corridor id "):
        apply_spec(EXTRACTED, spec, gazetteer)


def test_a_project_name_is_selected_by_corrected_by_and_written_back(
    tmp_path: Path, gazetteer
) -> None:  # type: ignore[no-untyped-def]
    named = [dataclasses.replace(PIPELINE, project="Power of Siberia 2"), ROAD]
    spec = parse_spec(
        "version: 1\ncorridors:\n"
        "  - match: {name: siberia}\n    project: Soyuz Vostok\n"
        "  - add: {name: X–Y road, project: Tumen Link, kind: road, waypoints: [Khasan, Rajin]}\n"
    )
    pipeline, road, added = apply_spec(named, spec, gazetteer)
    assert pipeline.project == "Soyuz Vostok"
    assert road.project is None
    assert added.project == "Tumen Link"
    path = _spec(tmp_path, corridors_to_spec([pipeline, road, added]))
    again = apply_spec(named, load_spec(path), gazetteer)
    assert [c.project for c in again] == ["Soyuz Vostok", None, "Tumen Link"]
