"""Corpus mode: streamed reading, one per-document function in three modes, outputs,
bounded aggregation."""

from __future__ import annotations

import gzip
import json
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

from corridormap.documents import InputWarning, read_inputs
from corridormap.errors import InputError
from corridormap.scale import (
    analyze_corpus,
    iter_documents,
    open_runner,
    process_document,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_corpus import synthetic_documents  # noqa: E402

#: Few corridor sentences: the corridors of the seeds plus eight from the test set, so
#: that routing stays quick; the per-document work is the same as at scale.
CORPUS_SIZE = 240


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    records = list(synthetic_documents(CORPUS_SIZE, corridor_sentences=8))
    return _write_jsonl(tmp_path_factory.mktemp("corpus") / "synthetic.jsonl.gz", records)


@pytest.fixture(scope="module")
def serial(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("serial")
    return analyze_corpus(
        corpus,
        out_dir=out / "parquet",
        mentions_jsonl=out / "mentions.jsonl.gz",
        batch_size=100,
        routing="schematic",
    )


# --------------------------------------------------------------------------- reading


def test_jsonl_gz_streams_the_documents_read_inputs_gives(tmp_path: Path) -> None:
    records = [
        {"id": "a", "text": "A railway from Rajin to Khasan.\u2028Still the same line."},
        {"text": "A pipeline from Russia to South Korea."},
        {"id": "a", "text": "A duplicate id is skipped."},
    ]
    plain = _write_jsonl(tmp_path / "c.jsonl", records)
    zipped = _write_jsonl(tmp_path / "c.jsonl.gz", records)
    expected = list(read_inputs(plain))
    streamed = list(iter_documents(zipped))
    assert [d.text for d in streamed] == [d.text for d in expected]
    assert [d.id for d in streamed] == ["a", f"{zipped}:2"]  # line numbers as read_inputs
    assert "\u2028" in streamed[0].text  # split on "\n" only


def test_documents_are_yielded_before_the_rest_of_the_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "first", "text": "Seoul."}) + "\n")
        handle.write("{broken\n")
    docs = iter_documents(path)
    assert next(docs).id == "first"  # streamed: the bad line is not reached yet
    with pytest.raises(InputError, match=r"c\.jsonl\.gz:2: bad JSONL line"):
        next(docs)


def test_bad_lines_are_skipped_with_a_warning_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write('{"id": "ok", "text": "Busan."}\n[1, 2]\n{"id": "ok2", "text": "Rajin."}\n')
    with pytest.warns(InputWarning, match="not a JSON object"):
        docs = list(iter_documents(path, skip_bad_lines=True))
    assert [d.id for d in docs] == ["ok", "ok2"]


def test_a_corrupt_gzip_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(b'{"text": "not compressed"}\n')
    with pytest.raises(InputError, match="cannot read"):
        list(iter_documents(path))


def test_a_directory_streams_its_jsonl_gz_and_reads_its_text_files(tmp_path: Path) -> None:
    _write_jsonl(tmp_path / "b.jsonl.gz", [{"id": "z1", "text": "Vladivostok."}])
    (tmp_path / "a.txt").write_text("Pyongyang and Seoul.", encoding="utf-8")
    (tmp_path / "README.md").write_text("About this corpus.", encoding="utf-8")
    docs = list(iter_documents(tmp_path))
    assert [d.id for d in docs] == [str(tmp_path / "a.txt"), "z1"]


# --------------------------------------------------------------------------- modes


def test_results_come_back_in_input_order_from_worker_processes(corpus: Path) -> None:
    docs = list(iter_documents(corpus))[:40]
    with open_runner() as runner:
        serial = [r for _, r in runner.map(process_document, docs)]
    with open_runner(workers=2) as runner:
        pooled = [r for _, r in runner.map(process_document, docs)]
    assert [r.doc_id for r in pooled] == [d.id for d in docs]
    assert pooled == serial


@pytest.mark.slow
def test_processes_give_the_same_mentions_and_corridors_as_serial(
    corpus: Path, serial: Any
) -> None:
    pooled = analyze_corpus(corpus, workers=2, batch_size=16, routing="schematic")
    assert pooled.mentions_sha256 == serial.mentions_sha256
    assert pooled.corridors_sha256 == serial.corridors_sha256
    assert pooled.corridors_geojson == serial.corridors_geojson
    assert pooled.place_records == serial.place_records


@pytest.mark.slow
def test_a_dask_local_cluster_gives_the_same_mentions_and_corridors_as_serial(
    corpus: Path, serial: Any
) -> None:
    distributed = pytest.importorskip(
        "distributed", reason="dask.distributed is not installed (pip install dask distributed)"
    )
    with warnings.catch_warnings():
        # Cluster start-up and shutdown chatter is not what this test is about.
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = distributed.Client(cluster)
        try:
            result = analyze_corpus(corpus, dask=client, batch_size=16, routing="schematic")
            ran_on = set(client.nthreads())
        finally:
            client.close()
            cluster.close()
    assert len(ran_on) == 2
    assert result.mentions_sha256 == serial.mentions_sha256
    assert result.corridors_sha256 == serial.corridors_sha256
    assert result.corridors_geojson == serial.corridors_geojson


def test_process_document_is_the_pipelines_per_document_step(corpus: Path) -> None:
    from corridormap.corridors import extract_document
    from corridormap.pipeline import find_places

    docs = list(iter_documents(corpus))[:5]
    for doc in docs:
        result = process_document(doc)
        mentions = find_places([doc])
        assert list(result.mentions) == mentions
        assert list(result.drafts) == extract_document(doc, mentions)


def test_workers_must_be_positive() -> None:
    with pytest.raises(ValueError, match="workers must be at least 1"), open_runner(workers=0):
        pass


# --------------------------------------------------------------------------- outputs


def test_output_files_are_complete_and_readable_with_geopandas(serial: Any, corpus: Path) -> None:
    import geopandas as gpd

    out = next(p for p in serial.files if p.name == "_manifest.json").parent
    manifest = json.loads((out / "_manifest.json").read_text())
    mentions = gpd.read_parquet(out / "mentions")
    assert len(mentions) == serial.mentions == sum(p["rows"] for p in manifest["mentions"])
    # The last two tasks are cut in two (even_tail): 100, then 40 in two halves.
    assert [p["documents"] for p in manifest["mentions"]] == [100, 50, 50, 20, 20]
    assert mentions.crs.to_epsg() == 4326
    resolved = mentions[mentions["name"].notna()]
    assert (resolved.geometry.x.round(6) == resolved["lon"].astype(float).round(6)).all()
    assert mentions[mentions["name"].isna()].geometry.isna().all()
    places = gpd.read_parquet(out / "places")
    assert len(places) == len(serial.place_records)
    assert places["mention_count"].sum() == len(resolved)
    corridors = gpd.read_parquet(out / "corridors")
    assert list(corridors["id"]) == [f["id"] for f in serial.corridors_geojson["features"]]
    assert json.loads(corridors["evidence"].iloc[0])[0]["quote"]
    assert not list(out.rglob(".*.tmp"))  # no temp file left behind


def test_mentions_jsonl_has_one_line_per_document_in_the_places_jsonl_shape(
    serial: Any, corpus: Path
) -> None:
    path = next(p for p in serial.files if p.name == "mentions.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle]
    assert [line["id"] for line in lines] == [d.id for d in iter_documents(corpus)]
    first = next(m for line in lines for m in line["mentions"])
    assert set(first) == {"start", "end", "text", "name", "lat", "lon", "country_code",
                          "feature", "confidence", "usage"}  # fmt: skip
    docs = {d.id: d for d in iter_documents(corpus)}
    for line in lines[:20]:
        for m in line["mentions"]:
            assert docs[line["id"]].text[m["start"] : m["end"]] == m["text"]


# --------------------------------------------------------------------------- aggregation


def test_place_counts_are_exact_and_quotes_bounded(corpus: Path) -> None:
    from corridormap._scale_aggregate import PlaceAggregator

    results = [process_document(doc) for doc in iter_documents(corpus)]
    bounded, full = PlaceAggregator(2), PlaceAggregator(None)
    for r in results:
        bounded.add(r.doc_id, r.title, r.mentions, r.quotes)
        full.add(r.doc_id, r.title, r.mentions, r.quotes)
    small, big = bounded.records(), full.records()
    assert [(r["name"], r["mention_count"], r["document_count"]) for r in small] == [
        (r["name"], r["mention_count"], r["document_count"]) for r in big
    ]
    assert sum(r["mention_count"] for r in small) == sum(
        1 for result in results for m in result.mentions if m.place is not None
    )
    assert max(len(r["mentions"]) for r in small) == 2
    assert max(len(r["mentions"]) for r in big) > 2
    assert all(s["mentions"] == b["mentions"][:2] for s, b in zip(small, big, strict=True))


def test_corridor_evidence_is_counted_exactly_and_kept_bounded(corpus: Path) -> None:
    from corridormap._scale_aggregate import (
        CorridorAggregator,
        CorridorDocument,
        distinct_places,
    )
    from corridormap.corridors import merge_drafts

    results = [process_document(doc) for doc in iter_documents(corpus)]
    bounded = CorridorAggregator(3)
    for r in results:
        bounded.add(CorridorDocument(r.doc_id, r.title, r.drafts, distinct_places(r.mentions)))
    merged = merge_drafts(result.drafts for result in results)
    assert len(bounded.drafts) == len(merged)
    for trimmed, whole in zip(bounded.drafts, merged, strict=True):
        assert trimmed.doc_ids == whole.doc_ids
        assert trimmed.evidence == whole.evidence[:3]
        assert bounded.evidence_count(trimmed) == len(whole.evidence)
    assert max(len(d.evidence) for d in merged) > 3


def test_corpus_result_counts_evidence_and_documents(serial: Any) -> None:
    features = serial.corridors_geojson["features"]
    assert features
    for feature in features:
        props = feature["properties"]
        assert len(props["evidence"]) <= 5
        assert props["evidence_count"] >= len(props["evidence"])
        assert props["document_count"] >= 1
    assert max(f["properties"]["evidence_count"] for f in features) > 5


@pytest.mark.slow
def test_without_a_quote_limit_the_corpus_equals_analyze(tmp_path: Path) -> None:
    from corridormap import analyze

    records = list(synthetic_documents(40, corridor_sentences=8, seed=7))
    path = _write_jsonl(tmp_path / "small.jsonl", records)
    corpus = analyze_corpus(path, max_quotes=None, routing="schematic")
    result = analyze(path, routing="schematic")
    records = [{k: v for k, v in r.items() if k != "document_count"} for r in corpus.place_records]
    assert records == result.place_records()
    expected = result.corridors_geojson()["features"]
    got = corpus.corridors_geojson["features"]
    for feature in got:
        del feature["properties"]["evidence_count"], feature["properties"]["document_count"]
    assert got == expected


def test_the_map_is_built_from_the_aggregates(serial: Any) -> None:
    html = serial.map().get_root().render()
    assert "Korea" in html
    corridors, places = serial.map_inputs()
    assert corridors is serial.corridors_geojson
    assert places is serial.place_records


def test_places_only_skips_the_corridors(tmp_path: Path) -> None:
    records = list(synthetic_documents(20, corridor_sentences=8, seed=3))
    path = _write_jsonl(tmp_path / "small.jsonl", records)
    result = analyze_corpus(path, find_corridors=False, out_dir=tmp_path / "out")
    assert result.corridors_geojson["features"] == []
    assert result.place_records
    assert not (tmp_path / "out" / "corridors").exists()
    assert "corridors" not in json.loads((tmp_path / "out" / "_manifest.json").read_text())
