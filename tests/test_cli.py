"""The command line through its real entry point: formats, help and one-line errors."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corridormap import __version__
from corridormap.resolve import haversine_km

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

#: True positions (Wikipedia / GeoNames) of the seed cities.
SEED_CITIES = {
    "Vladivostok": (43.1150, 131.8855),
    "Pyongyang": (39.0194, 125.7547),
    "Seoul": (37.5667, 126.9783),
    "Moscow": (55.7558, 37.6173),
    "Beijing": (39.9042, 116.4074),
    "Singapore": (1.2833, 103.8333),
    "Washington": (38.9072, -77.0369),
}
SEED_COUNTRIES = {"RU", "KP", "KR", "CN", "US"}


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "corridormap", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0
    assert __version__ in done.stdout


@pytest.mark.parametrize("command", ["map", "places", "corridors", "geocode"])
def test_every_command_has_help(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0
    assert "Usage: corridormap " + command in done.stdout


def test_places_json_lists_the_seed_places_near_their_true_position() -> None:
    done = run("places", "seeds/", "--format", "json")
    assert done.returncode == 0, done.stderr
    places = json.loads(done.stdout)
    by_name = {p["name"]: p for p in places}
    for name, (lat, lon) in SEED_CITIES.items():
        assert name in by_name, name
        assert haversine_km(by_name[name]["lat"], by_name[name]["lon"], lat, lon) <= 25, name
    countries = {p["country_code"] for p in places if p["feature"] == "country"}
    assert countries >= SEED_COUNTRIES


def test_places_jsonl_gives_offsets_into_each_document(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    texts = {"a": "Talks in Pyongyang.", "b": "A road from Vladivostok to Khasan."}
    corpus.write_text("\n".join(json.dumps({"id": k, "text": v}) for k, v in texts.items()))
    done = run("places", str(corpus), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    for line in lines:
        for m in line["mentions"]:
            assert texts[line["id"]][m["start"] : m["end"]] == m["text"]
            assert not math.isnan(m["lat"])
    assert [m["text"] for m in lines[1]["mentions"]] == ["Vladivostok", "Khasan"]


@pytest.mark.parametrize("corpus_mode", [False, True])
def test_places_no_adjectives_reports_place_names_only(tmp_path: Path, corpus_mode: bool) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "Russian trucks reached Pyongyang."}))
    extra = ["--workers", "1", "--out-dir", str(tmp_path / "out")] if corpus_mode else []
    texts = []
    for flag in ("--adjectives", "--no-adjectives"):
        done = run("places", str(corpus), "--format", "jsonl", flag, *extra)
        assert done.returncode == 0, done.stderr
        texts.append([m["text"] for m in json.loads(done.stdout.splitlines()[0])["mentions"]])
    assert texts == [["Russian", "Pyongyang"], ["Pyongyang"]]


def test_places_reads_stdin() -> None:
    done = run("places", "-", "--format", "csv", stdin=b"Seoul and Busan.")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("name,lat,lon")
    assert "Busan" in done.stdout


def test_corridors_geojson_is_a_feature_collection(tmp_path: Path) -> None:
    out = tmp_path / "c.geojson"
    done = run(
        "corridors", "seeds/", "--format", "geojson", "--routing", "schematic", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    collection = json.loads(out.read_text())
    assert collection["type"] == "FeatureCollection"
    kinds = {f["properties"]["kind"] for f in collection["features"]}
    assert {"road", "pipeline"} <= kinds
    assert all(f["properties"]["route_accuracy"] == "schematic" for f in collection["features"])


def test_the_corridors_table_names_each_lines_project(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text(
        "The second, BarMar, is a subsea pipeline of approximately 455 km linking Barcelona "
        "with Marseille.",
        encoding="utf-8",
    )
    done = run("corridors", str(text), "--routing", "schematic")
    assert done.returncode == 0, done.stderr
    header, _, row = done.stdout.splitlines()[:3]
    assert header.split()[-1] == "project"
    assert row.split()[-1] == "BarMar"


def test_map_writes_html(tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    done = run("--quiet", "map", "seeds/", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert done.stderr == ""


def test_geocode_json_ranks_candidates() -> None:
    done = run("geocode", "Khasan", "Владивосток", "--format", "json", "--limit", "3")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert results[0]["candidates"][0]["country_code"] == "RU"
    assert results[1]["candidates"][0]["name"] == "Vladivostok"


def test_geocode_takes_an_iso_alpha3_code_that_text_recognition_ignores() -> None:
    # A user may ask for "KOR"; in running text an alpha-3 word is never a country.
    done = run("geocode", "KOR", "--format", "json", "--limit", "1")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["candidates"][0]["country_code"] == "KR"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("places", "no/such/file.txt"), "no such file or directory"),
        (("corridors", "empty.txt"), "empty document"),
        (("geocode", "Seoul", "--geocoder", "nosuch"), "unknown geocoder 'nosuch'"),
        (("map", "binary.txt", "-o", "never.html"), "binary"),
    ],
)
def test_user_errors_are_one_line_with_exit_2(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK")
    resolved = [
        str(tmp_path / a) if a.endswith((".txt", ".html")) and "/" not in a else a for a in args
    ]
    done = run(*resolved)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert message in lines[0]
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "never.html").exists()


def test_a_spec_written_by_corridors_loads_back_unchanged(tmp_path: Path) -> None:
    spec = tmp_path / "seeds_spec.yaml"
    done = run("corridors", "seeds/", "--routing", "schematic", "--format", "yaml", "-o", str(spec))
    assert done.returncode == 0, done.stderr
    plain = run("corridors", "seeds/", "--routing", "schematic", "--format", "json")
    again = run(
        "corridors", "seeds/", "--routing", "schematic", "--format", "json", "--spec", str(spec)
    )
    assert again.returncode == 0, again.stderr

    def without_notes(text: str) -> list[dict[str, object]]:
        return [{k: v for k, v in c.items() if k != "notes"} for c in json.loads(text)]

    assert without_notes(again.stdout) == without_notes(plain.stdout)


def test_a_bad_spec_fails_before_any_work(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text("version: 1\ncorridors:\n  - add: {name: X, kind: highway}\n")
    done = run("map", "seeds/", "--spec", str(spec), "-o", str(tmp_path / "m.html"))
    assert done.returncode == 2
    assert "bad.yaml:3" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "m.html").exists()


def test_corpus_mode_with_two_workers_gives_the_same_places(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    texts = [
        "A road linking Vladivostok to Pyongyang.",
        "Talks in Seoul and Busan.",
        "The pipeline from Hoima to Tanga.",
        "Nothing here.",
    ] * 10
    corpus.write_text(
        "\n".join(json.dumps({"id": f"d{i}", "text": t}) for i, t in enumerate(texts))
    )
    serial = run("places", str(corpus), "--format", "jsonl")
    parallel = run("places", str(corpus), "--format", "jsonl", "--workers", "2")
    assert serial.returncode == 0, serial.stderr
    assert parallel.returncode == 0, parallel.stderr
    assert parallel.stdout == serial.stdout


def test_corpus_mode_writes_geoparquet_and_refuses_yaml(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "A highway linking Kenya with Ethiopia."}))
    out = tmp_path / "out"
    done = run("corridors", str(corpus), "--routing", "schematic", "--out-dir", str(out))
    assert done.returncode == 0, done.stderr
    assert (out / "_manifest.json").is_file()
    assert list((out / "corridors").glob("*.parquet"))
    refused = run("corridors", str(corpus), "--workers", "2", "--format", "yaml")
    assert refused.returncode == 2


def test_the_command_keeps_numpy_blas_to_one_thread_unless_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from corridormap.cli import main

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    with pytest.raises(SystemExit):
        main(["--version"])
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    with pytest.raises(SystemExit):
        main(["--version"])
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"
