"""Reference catalogues: loading and validating region files, matching corridors to them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from corridormap.errors import DataError
from corridormap.model import Corridor, Evidence, Waypoint
from corridormap.reference import (
    Catalogue,
    ReferenceFeature,
    apply_reference,
    load_catalogue,
    match_reference,
)

SPECS = Path(__file__).parent / "data" / "specs"
USER_DIR = SPECS / "reference_user"
BAD_DIR = SPECS / "reference_bad"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="module")
def seed_corridors(seed_result) -> dict[tuple[str, tuple[str, ...]], Corridor]:  # type: ignore[no-untyped-def]
    return {(d.corridor.kind, d.corridor.allowed_countries): d.corridor for d in seed_result.drawn}


def _corridor(
    kind: str, countries: tuple[str, ...], ends: tuple[Waypoint, Waypoint], quote: str
) -> Corridor:
    return Corridor(
        id=f"test-{kind}",
        name="test",
        kind=kind,  # type: ignore[arg-type]
        status="proposed",
        waypoints=ends,
        allowed_countries=countries,
        evidence=(Evidence("doc", 0, len(quote), quote),),
    )


NAIROBI = Waypoint("Nairobi", -1.28333, 36.81667, "KE", "start")
ADDIS = Waypoint("Addis Ababa", 9.02497, 38.74689, "ET", "end")
KENYA_ETHIOPIA = _corridor(
    "road", ("KE", "ET"), (NAIROBI, ADDIS), "a highway linking Kenya to Ethiopia"
)


# --------------------------------------------------------------------------- loading


def test_bundled_catalogue_loads_every_korean_feature(catalogue: Catalogue) -> None:
    assert len(catalogue) == 25
    assert len({f.id for f in catalogue}) == 25
    assert [p.name for p in catalogue.files] == ["korea.yaml"]
    assert catalogue.origins["rajin-khasan-railway"].endswith("korea.yaml:16")


def test_user_folder_with_its_own_region_file_is_loaded() -> None:
    mine = load_catalogue(USER_DIR)
    assert [f.id for f in mine] == ["isiolo-moyale-addis-road"]


def test_environment_may_list_several_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = Path(load_catalogue().files[0]).parent
    monkeypatch.setenv("CORRIDORMAP_REFERENCE_DIR", f"{USER_DIR}{os.pathsep}{bundled}")
    ids = {f.id for f in load_catalogue()}
    assert {"isiolo-moyale-addis-road", "rajin-khasan-railway"} <= ids


def test_every_schema_problem_names_file_and_line() -> None:
    with pytest.raises(DataError) as caught:
        load_catalogue(BAD_DIR)
    label = str(BAD_DIR / "broken.yaml")
    message = str(caught.value)
    assert f"{label}:8: features[0].kind: 'highway' is not one of road, rail, pipeline" in message
    assert (
        f"{label}:15: features[0].geometry[1]: point 'Nowhere': basis 'unlocated' goes with "
        "lat/lon null, and only then" in message
    )
    assert (
        f"{label}:19: features[1]: length_km 10 is shorter than the 442 km between its first "
        "and last located points" in message
    )
    assert f"{label}:18: features[0].colour: unknown key 'colour'" in message


def test_region_must_be_named_like_its_file(tmp_path: Path) -> None:
    shutil.copy(USER_DIR / "east-africa.yaml", tmp_path / "kenya.yaml")
    with pytest.raises(DataError, match=r"kenya\.yaml:3: region: 'east-africa' differs"):
        load_catalogue(tmp_path)


def test_an_id_in_two_files_is_an_error(tmp_path: Path) -> None:
    shutil.copy(USER_DIR / "east-africa.yaml", tmp_path / "east-africa.yaml")
    text = (USER_DIR / "east-africa.yaml").read_text(encoding="utf-8")
    (tmp_path / "kenya.yaml").write_text(text.replace("region: east-africa", "region: kenya"))
    with pytest.raises(DataError, match=r"kenya\.yaml:8: features\[0\]\.id: "
                       r"'isiolo-moyale-addis-road' is also the id of a feature at "
                       r".*east-africa\.yaml:8"):  # fmt: skip
        load_catalogue(tmp_path)


def test_missing_or_empty_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="reference folder not found"):
        load_catalogue(tmp_path / "nope")
    with pytest.raises(DataError, match="no region files"):
        load_catalogue(tmp_path)


# --------------------------------------------------------------------------- matching


def test_seed_pipeline_matches_the_proposed_trans_korea_gas_pipeline(
    catalogue: Catalogue, seed_corridors
) -> None:  # type: ignore[no-untyped-def]
    pipeline = seed_corridors[("pipeline", ("RU", "KP", "KR"))]
    feature = match_reference(pipeline, catalogue)
    # Both Trans-Korea routes fit; the articles' wording is the 2011 entry's.
    assert feature is not None
    assert feature.id == "trans-korea-gas-pipeline-2011"


def test_seed_highway_matches_no_catalogue_line(catalogue: Catalogue, seed_corridors) -> None:  # type: ignore[no-untyped-def]
    # The Tumen road bridge is only its border crossing; no entry describes the road.
    assert match_reference(seed_corridors[("road", ("KP", "RU"))], catalogue) is None


def test_seed_trade_route_via_china_matches_the_entry_describing_it(
    catalogue: Catalogue, seed_corridors
) -> None:  # type: ignore[no-untyped-def]
    feature = match_reference(seed_corridors[("road", ("RU", "CN", "KP"))], catalogue)
    assert feature is not None
    assert feature.id == "trade-road-ru-cn-kp"


def test_seed_transport_corridor_matches_the_umbrella_proposal(
    catalogue: Catalogue, seed_corridors
) -> None:  # type: ignore[no-untyped-def]
    feature = match_reference(seed_corridors[("multimodal", ("RU", "KP", "KR"))], catalogue)
    assert feature is not None
    assert feature.id == "russia-korea-transport-corridor"


def test_corridor_in_another_region_matches_nothing(catalogue: Catalogue) -> None:
    assert match_reference(KENYA_ETHIOPIA, catalogue) is None


def test_corridor_matches_a_users_region_by_its_ends() -> None:
    feature = match_reference(KENYA_ETHIOPIA, load_catalogue(USER_DIR))
    assert feature is not None
    assert feature.id == "isiolo-moyale-addis-road"


def test_generic_alias_does_not_match_other_countries(catalogue: Catalogue) -> None:
    dandong = Waypoint("Dandong", 40.12917, 124.39472, "CN", "start")
    sinuiju = Waypoint("Sinuiju", 40.1006, 124.3981, "KP", "end")
    road = _corridor(
        "road", ("CN", "KP"), (dandong, sinuiju), "China whose road links to the DPRK are better"
    )
    assert match_reference(road, catalogue) is None


def test_a_railway_never_takes_a_pipelines_geometry(catalogue: Catalogue) -> None:
    vladivostok = Waypoint("Vladivostok", 43.1056, 131.8735, "RU", "start")
    pyeongtaek = Waypoint("Pyeongtaek", 36.9947, 127.0889, "KR", "end")
    rail = _corridor(
        "rail", ("RU", "KP", "KR"), (vladivostok, pyeongtaek), "the Trans-Korea gas pipeline"
    )
    feature = match_reference(rail, catalogue)
    assert feature is None or feature.kind in {"rail", "multimodal"}


# --------------------------------------------------------------------------- applying


def test_applied_reference_keeps_located_points_in_the_corridors_direction() -> None:
    feature = load_catalogue(USER_DIR).features[0]
    backwards = _corridor("road", ("ET", "KE"), (ADDIS, NAIROBI), "the Nairobi-Addis Ababa highway")
    drawn = apply_reference(backwards, feature)
    names = [w.name for w in drawn.waypoints]
    assert names == ["Addis Ababa", "Hawassa", "Moyale", "Marsabit", "Isiolo", "Nairobi"]
    assert [w.role for w in drawn.waypoints] == ["start", "via", "via", "via", "via", "end"]
    assert drawn.waypoints[1].anchor == "reference:likely"
    assert drawn.allowed_countries == ("ET", "KE")
    assert drawn.geometry_source == "reference"
    assert drawn.route_accuracy == "schematic"
    assert drawn.evidence == backwards.evidence
    assert drawn.notes[0].startswith("drawn along reference feature isiolo-moyale-addis-road")
    assert "1 unlocated point(s) of isiolo-moyale-addis-road skipped" in drawn.notes
    assert "source: https://en.wikipedia.org/wiki/Trans-East_African_Highway" in drawn.notes


def test_traced_feature_gives_a_traced_route() -> None:
    feature = load_catalogue(USER_DIR).features[0]
    traced = ReferenceFeature.model_validate(
        {**feature.model_dump(), "geometry_accuracy": "traced"}
    )
    assert apply_reference(KENYA_ETHIOPIA, traced).route_accuracy == "traced"


def test_points_on_known_crossings_become_crossing_waypoints(catalogue: Catalogue) -> None:
    railway = catalogue.get("rajin-khasan-railway")
    assert railway is not None
    khasan = Waypoint("Khasan", 42.4283, 130.6456, "RU", "start")
    rajin = Waypoint("Rajin", 42.2556, 130.2831, "KP", "end")
    corridor = _corridor("rail", ("RU", "KP"), (khasan, rajin), "the Rajin-Khasan railway")
    assert match_reference(corridor, catalogue) == railway
    drawn = apply_reference(corridor, railway, catalogue=catalogue)
    bridge = drawn.waypoints[1]
    assert (bridge.name, bridge.role, bridge.country_code) == (
        "Korea-Russia Friendship Bridge",
        "crossing",
        "RU|KP",
    )
    # Khasan town, 1.5 km from the bridge, stays a town.
    assert drawn.waypoints[0].role == "start"
    assert drawn.stated_length_km == 54


def test_feature_without_a_line_cannot_be_applied(catalogue: Catalogue) -> None:
    bridge = catalogue.get("tumen-road-bridge")
    assert bridge is not None
    with pytest.raises(DataError, match="no line to draw"):
        apply_reference(KENYA_ETHIOPIA, bridge)
