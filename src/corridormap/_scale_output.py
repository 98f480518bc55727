"""Streaming outputs of corpus mode: mentions JSONL and partitioned GeoParquet.

Layout of an output directory::

    mentions/part-00000.parquet …   points, one part per N documents, written as they come
    places/part-00000.parquet       one row per place (aggregated)
    corridors/part-00000.parquet    one row per corridor (the contract's properties)
    _manifest.json                  written last: parts, row counts; its presence means done

Every file is written to a temporary name and renamed, so a reader never sees half a
file.  Nested properties of corridors and places (evidence, waypoints, lengths by
country, quotes…) are stored as JSON text columns, which every Parquet reader can load.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import logging
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from corridormap._atomic import atomic_open
from corridormap.pipeline import mention_record

if TYPE_CHECKING:
    from corridormap.scale import DocResult

log = logging.getLogger(__name__)

MENTION_COLUMNS = ("doc", "start", "end", "text", "sentence", "usage", "name", "lat", "lon",
                   "country_code", "feature", "confidence")  # fmt: skip


def write_geoparquet(frame: Any, path: Path) -> None:
    """Write a GeoDataFrame to ``path`` atomically (temp file in the same directory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _mentions_frame(rows: list[dict[str, Any]]) -> Any:
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    # Typed columns, so that a part whose places are all unresolved has the same schema.
    def col(name: str) -> list[Any]:
        return [r[name] for r in rows]

    lat = np.array([np.nan if r["lat"] is None else r["lat"] for r in rows], dtype=float)
    lon = np.array([np.nan if r["lon"] is None else r["lon"] for r in rows], dtype=float)
    points = shapely.points(np.column_stack([lon, lat])) if rows else np.array([], dtype=object)
    if rows:
        points[np.isnan(lat)] = None
    data = {
        "doc": pd.array(col("doc"), dtype="string"),
        "start": pd.array(col("start"), dtype="int64"),
        "end": pd.array(col("end"), dtype="int64"),
        "text": pd.array(col("text"), dtype="string"),
        "sentence": pd.array(col("sentence"), dtype="int64"),
        "usage": pd.array(col("usage"), dtype="string"),
        "name": pd.array(col("name"), dtype="string"),
        "lat": pd.array(col("lat"), dtype="Float64"),
        "lon": pd.array(col("lon"), dtype="Float64"),
        "country_code": pd.array(col("country_code"), dtype="string"),
        "feature": pd.array(col("feature"), dtype="string"),
        "confidence": pd.array(col("confidence"), dtype="float64"),
    }
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(points, crs=4326))


def _jsonify(value: Any) -> Any:
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False)
    return value


def places_frame(records: list[dict[str, Any]]) -> Any:
    """The aggregated places as a GeoDataFrame (``mentions`` and forms as JSON text)."""
    import geopandas as gpd

    columns = ["name", "country_code", "feature", "population", "mention_count",
               "document_count", "confidence", "source_id", "surface_forms", "mentions",
               "lat", "lon"]  # fmt: skip
    rows = [{k: _jsonify(r.get(k)) for k in columns} for r in records]
    return gpd.GeoDataFrame(
        rows,
        columns=columns,
        geometry=gpd.points_from_xy([r["lon"] for r in records], [r["lat"] for r in records]),
        crs=4326,
    )


def corridors_frame(collection: dict[str, Any]) -> Any:
    """The corridors as a GeoDataFrame (nested properties as JSON text)."""
    import geopandas as gpd
    from shapely.geometry import shape

    features = collection["features"]
    rows = [{k: _jsonify(v) for k, v in f["properties"].items()} for f in features]
    # A corridor whose ends anchor to one point has a one-vertex "line": no geometry.
    geometry = [
        shape(f["geometry"]) if len(f["geometry"]["coordinates"]) >= 2 else None for f in features
    ]
    return gpd.GeoDataFrame(rows, geometry=gpd.GeoSeries(geometry, crs=4326))


class CorpusWriter:
    """Writes a corpus run's outputs as results arrive (see the module docstring).

    Parameters
    ----------
    out_dir : path, optional
        The GeoParquet output directory; nothing is written there when None.
    mentions_jsonl : path or text handle, optional
        Where the mentions JSONL goes.
    partition_documents : int
        Documents per mentions part.
    """

    def __init__(
        self,
        out_dir: str | Path | None,
        mentions_jsonl: str | Path | IO[str] | None,
        partition_documents: int,
    ) -> None:
        if partition_documents < 1:
            raise ValueError(f"partition_documents must be at least 1, got {partition_documents!r}")
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self.partition_documents = partition_documents
        self.files: list[Path] = []
        self._rows: list[dict[str, Any]] = []
        self._docs_in_part = 0
        self._parts: list[dict[str, Any]] = []
        self._stack = contextlib.ExitStack()
        self._jsonl: IO[str] | None = None
        self._jsonl_path: Path | None = None
        if mentions_jsonl is not None and not isinstance(mentions_jsonl, str | Path):
            self._jsonl = mentions_jsonl
        elif mentions_jsonl is not None:
            self._jsonl_path = Path(mentions_jsonl)

    def __enter__(self) -> CorpusWriter:
        if self._jsonl_path is not None:
            if self._jsonl_path.name.endswith(".gz"):
                raw: Any = self._stack.enter_context(atomic_open(self._jsonl_path, "wb"))
                # mtime=0: the same mentions give the same bytes.
                zipped = self._stack.enter_context(gzip.GzipFile(fileobj=raw, mode="wb", mtime=0))
                self._jsonl = self._stack.enter_context(
                    io.TextIOWrapper(zipped, encoding="utf-8", newline="\n")
                )
            else:
                self._jsonl = self._stack.enter_context(atomic_open(self._jsonl_path, "w"))
        if self.out_dir is not None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # On an error the temp JSONL is removed by atomic_open; written parts stay.
        self._stack.__exit__(exc_type, exc, tb)
        if exc_type is None and self._jsonl_path is not None:
            self.files.append(self._jsonl_path)

    def add(self, result: DocResult, line: str) -> None:
        """Write one document's mentions (its JSONL ``line`` and its parquet rows)."""
        if self._jsonl is not None:
            self._jsonl.write(line + "\n")
        if self.out_dir is None:
            return
        for m in result.mentions:
            record = mention_record(m)
            record["doc"] = result.doc_id
            record["sentence"] = m.sentence
            self._rows.append(record)
        self._docs_in_part += 1
        if self._docs_in_part >= self.partition_documents:
            self._flush()

    def _flush(self) -> None:
        assert self.out_dir is not None
        path = self.out_dir / "mentions" / f"part-{len(self._parts):05d}.parquet"
        write_geoparquet(_mentions_frame(self._rows), path)
        self._parts.append(
            {
                "path": str(path.relative_to(self.out_dir)),
                "documents": self._docs_in_part,
                "rows": len(self._rows),
            }
        )
        self.files.append(path)
        self._rows = []
        self._docs_in_part = 0

    def finish(
        self, place_records: list[dict[str, Any]], collection: dict[str, Any] | None
    ) -> None:
        """Write the last mentions part, the places, the corridors (unless None) and
        the manifest."""
        if self.out_dir is None:
            return
        if self._docs_in_part or not self._parts:
            self._flush()
        # Parts of an earlier, longer run in the same directory would mix with ours.
        keep = {Path(p["path"]).name for p in self._parts}
        for stale in sorted((self.out_dir / "mentions").glob("part-*.parquet")):
            if stale.name not in keep:
                log.info("removing %s, left by an earlier run", stale)
                stale.unlink()
        places = self.out_dir / "places" / "part-00000.parquet"
        write_geoparquet(places_frame(place_records), places)
        self.files.append(places)
        manifest: dict[str, Any] = {
            "mentions": self._parts,
            "places": {"path": "places/part-00000.parquet", "rows": len(place_records)},
        }
        if collection is not None:
            corridors = self.out_dir / "corridors" / "part-00000.parquet"
            write_geoparquet(corridors_frame(collection), corridors)
            self.files.append(corridors)
            manifest["corridors"] = {
                "path": "corridors/part-00000.parquet",
                "rows": len(collection["features"]),
            }
        path = self.out_dir / "_manifest.json"
        with atomic_open(path, "w") as handle:
            handle.write(json.dumps(manifest, indent=2) + "\n")
        self.files.append(path)
