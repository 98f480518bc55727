"""Corpus mode's tasks: input cut into byte ranges, duplicates across tasks, warnings
and errors raised in the caller, partial aggregates, parts written by the workers."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from corridormap.documents import InputWarning, read_inputs
from corridormap.errors import InputError
from corridormap.scale import (
    JsonlRun,
    analyze_corpus,
    even_tail,
    iter_documents,
    process_document,
    source_documents,
    sources,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_corpus import synthetic_documents  # noqa: E402


def _write(path: Path, text: str) -> Path:
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


LINES = (
    '{"id": "a", "text": "A railway from Rajin to Khasan.\u2028Same line."}\n'
    "\n"
    '{"text": "A pipeline from Russia to South Korea."}\n'
    '{"id": "c", "text": "Busan and Seoul."}\n'
    '{"text": "Vladivostok, no newline at the end."}'
)


@pytest.mark.parametrize("name", ["c.jsonl", "c.jsonl.gz"])
def test_runs_of_lines_give_the_documents_read_inputs_gives(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / name, LINES)
    expected = list(read_inputs(_write(tmp_path / "whole.jsonl", LINES)))
    runs = list(sources(path, batch_size=2))
    assert all(isinstance(r, JsonlRun) for r in runs)
    assert [r.first_line for r in runs] == [1, 3, 5]  # type: ignore[union-attr]
    assert [r.file_end for r in runs] == [False, False, True]  # type: ignore[union-attr]
    docs = [d for r in runs for d in source_documents(r)]
    assert [d.text for d in docs] == [d.text for d in expected]
    # Default ids carry the line number within the file, whatever the run.
    assert [d.id for d in docs] == ["a", f"{path}:3", "c", f"{path}:5"]


def test_a_plain_jsonl_file_is_cut_into_byte_ranges_at_line_ends(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.jsonl", LINES)
    runs: list[Any] = list(sources(path, batch_size=2))
    data = path.read_bytes()
    assert all(r.data is None for r in runs)
    assert runs[0].start == 0
    assert [r.start for r in runs[1:]] == [r.end for r in runs[:-1]]
    assert runs[-1].end == len(data)
    assert all(data[r.end - 1 : r.end] == b"\n" for r in runs[:-1])


@pytest.mark.parametrize("name", ["c.jsonl", "c.jsonl.gz"])
def test_the_last_tasks_are_cut_smaller_with_the_same_lines(tmp_path: Path, name: str) -> None:
    lines = "".join(json.dumps({"id": str(k), "text": f"Busan {k}."}) + "\n" for k in range(530))
    path = _write(tmp_path / name, lines + "\n" + '{"text": "Seoul, no newline."}')
    whole: list[Any] = list(sources(path, batch_size=200))
    runs: list[Any] = list(even_tail(sources(path, batch_size=200), 200))
    assert [r.first_line for r in whole] == [1, 201, 401]
    # The first task stays whole; the last two are cut into four pieces each.
    assert [r.first_line for r in runs] == [1, 201, 251, 301, 351, 401, 434, 467, 500]
    assert [r.file_end for r in runs] == [False] * 8 + [True]
    if name.endswith(".jsonl"):
        assert [r.start for r in runs[1:]] == [r.end for r in runs[:-1]]
        assert runs[-1].end == len(path.read_bytes())
    docs = [(d.id, d.text) for r in runs for d in source_documents(r)]
    assert docs == [(d.id, d.text) for r in whole for d in source_documents(r)]
    assert len(docs) == 531


def test_small_tasks_and_documents_are_cut_or_kept_as_they_are() -> None:
    from corridormap.model import Document

    docs = tuple(Document(id=str(k), text="Busan.") for k in range(10))
    assert list(even_tail([docs[:4], docs[4:8], docs[8:]], 4)) == [docs[:4], docs[4:8], docs[8:]]
    cut = list(even_tail([docs[:5], docs[5:]], 100))
    assert cut == [docs[:3], docs[3:5], docs[5:8], docs[8:]]


def test_an_empty_jsonl_file_is_an_input_error_in_corpus_mode(tmp_path: Path) -> None:
    path = _write(tmp_path / "empty.jsonl", "\n\n")
    with pytest.raises(InputError, match="no documents in JSONL file"):
        analyze_corpus(path, find_corridors=False)
    with pytest.raises(InputError, match="no documents in JSONL file"):
        list(iter_documents(path))


def test_a_bad_line_fails_the_run_with_its_line_number(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.jsonl", '{"id": "ok", "text": "Busan."}\n{broken\n')
    with pytest.raises(InputError, match=r"c\.jsonl:2: bad JSONL line"):
        analyze_corpus(path, find_corridors=False, workers=2)


def test_warnings_of_the_tasks_are_raised_in_the_caller(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.jsonl", '{"id": "ok", "text": "Busan."}\n[1, 2]\n')
    with pytest.warns(InputWarning, match=r"c\.jsonl:2: bad JSONL line \(not a JSON object\)"):
        result = analyze_corpus(path, find_corridors=False, skip_bad_lines=True)
    assert result.documents == 1


def test_a_duplicate_id_in_a_later_task_is_skipped_as_read_inputs_skips_it(
    tmp_path: Path,
) -> None:
    records = [
        {"id": "a", "text": "Busan and Seoul."},
        {"id": "b", "text": "Rajin and Khasan."},
        {"id": "c", "text": "Vladivostok."},
        {"id": "a", "text": "Pyongyang, a later copy with the same id."},
    ]
    path = _write(tmp_path / "c.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    result = analyze_corpus(
        path,
        batch_size=3,
        find_corridors=False,
        out_dir=tmp_path / "out",
        mentions_jsonl=tmp_path / "m.jsonl",
    )
    assert result.documents == 3
    lines = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "c"]
    manifest = json.loads((tmp_path / "out" / "_manifest.json").read_text())
    assert [p["documents"] for p in manifest["mentions"]] == [3]  # the second task kept none
    assert sorted(p.name for p in (tmp_path / "out" / "mentions").iterdir()) == [
        "part-00000.parquet"
    ]
    assert "Pyongyang" not in {r["name"] for r in result.place_records}


def test_tasks_aggregated_apart_and_combined_equal_one_aggregate(tmp_path: Path) -> None:
    from corridormap._scale_aggregate import PlaceAggregator

    records = list(synthetic_documents(60, corridor_sentences=8, seed=5))
    path = _write(tmp_path / "c.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    results = [process_document(doc) for doc in iter_documents(path)]
    whole = PlaceAggregator(3)
    for r in results:
        whole.add(r.doc_id, r.title, r.mentions, r.quotes)
    combined = PlaceAggregator(3)
    for start in range(0, len(results), 7):
        part = PlaceAggregator(3)
        for r in results[start : start + 7]:
            part.add(r.doc_id, r.title, r.mentions, r.quotes)
        combined.update(part)
    assert combined.records() == whole.records()
    assert combined.distinct_places() == whole.distinct_places()


def test_the_caller_can_read_and_write_everything_itself(tmp_path: Path) -> None:
    records = list(synthetic_documents(50, corridor_sentences=8, seed=9))
    path = _write(tmp_path / "c.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    runs: dict[bool, Any] = {}
    for worker_files in (True, False):
        out = tmp_path / str(worker_files)
        runs[worker_files] = analyze_corpus(
            path,
            batch_size=20,
            workers=2,
            worker_files=worker_files,
            out_dir=out / "parquet",
            mentions_jsonl=out / "m.jsonl.gz",
            routing="schematic",
        )
    assert runs[True].mentions_sha256 == runs[False].mentions_sha256
    assert runs[True].corridors_geojson == runs[False].corridors_geojson
    for name in ("m.jsonl.gz", "parquet/mentions/part-00002.parquet"):
        assert (tmp_path / "True" / name).read_bytes() == (tmp_path / "False" / name).read_bytes()
    assert not list(tmp_path.rglob(".*parts-*"))  # the JSONL parts are gone


def test_mentions_jsonl_to_a_text_handle_is_written_in_input_order(tmp_path: Path) -> None:
    import io

    records = list(synthetic_documents(30, corridor_sentences=8, seed=2))
    path = _write(tmp_path / "c.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    handle = io.StringIO()
    analyze_corpus(path, batch_size=7, workers=2, find_corridors=False, mentions_jsonl=handle)
    ids = [json.loads(line)["id"] for line in handle.getvalue().splitlines()]
    assert ids == [r["id"] for r in records]


def test_the_warm_up_loads_the_country_polygons_only_when_corridors_are_found() -> None:
    # In a fresh interpreter: the caches are per process.  Without this the first task
    # of every worker pays for geopandas and the polygons, inside the timed run.
    import subprocess

    probe = (
        "from corridormap import boundaries\n"
        "from corridormap.scale import Warmup\n"
        "Warmup(corridors=False)()\n"
        "print(boundaries.countries.cache_info().currsize, end=' ')\n"
        "Warmup()()\n"
        "print(boundaries.countries.cache_info().currsize, end=' ')\n"
        "print(boundaries._tree.cache_info().currsize)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=300
    )
    assert done.stdout.split() == ["0", "1", "1"]
