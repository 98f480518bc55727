"""Outputs of corpus mode: mentions parts written by the workers, the rest by the client.

Layout of an output directory::

    mentions/part-00000.parquet …   points, one part per task (``batch_size`` documents),
                                    written by the worker that ran the task
    places/part-00000.parquet       one row per place (aggregated, written at the end)
    corridors/part-00000.parquet    one row per corridor (the contract's properties)
    _manifest.json                  written last: parts, row counts; its presence means done

The worker side (:func:`encode_parts`) turns one task's documents into its mentions
JSONL lines and its GeoParquet part and writes them itself, so the client (the process
that called ``analyze_corpus``) only appends finished JSONL parts to the output file, in
task order, and lists the parts.  Mentions parts are built with pyarrow alone (points
as WKB with the GeoParquet metadata), which keeps geopandas out of the workers.

Every file is written to a temporary name and renamed, so a reader never sees half a
file.  Nested properties of corridors and places (evidence, waypoints, lengths by
country, quotes…) are stored as JSON text columns, which every Parquet reader can load.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import logging
import os
import shutil
import struct
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from corridormap._atomic import atomic_open
from corridormap.pipeline import mention_record

if TYPE_CHECKING:
    from corridormap.scale import ChunkSummary, DocResult

log = logging.getLogger(__name__)

#: gzip level of the mentions JSONL parts (zlib's default: a third of level 9's time).
GZIP_LEVEL = 6


@dataclass(frozen=True)
class PartOutputs:
    """What a task writes besides its summary (picklable; set by :class:`CorpusWriter`).

    Attributes
    ----------
    parquet : bool
        Build the task's GeoParquet mentions part.
    parquet_dir : str or None
        Write it there as ``part-NNNNN.parquet``; None: return its bytes instead.
    geo_metadata : str
        The GeoParquet ``geo`` metadata (JSON) of the parts.
    jsonl : bool
        Build the task's mentions JSONL lines.
    jsonl_gzip : bool
        As one gzip member (members concatenate into a valid ``.gz`` file).
    jsonl_dir : str or None
        Write them there as ``part-NNNNN.jsonl[.gz]``; None: return their bytes instead.
    """

    parquet: bool = False
    parquet_dir: str | None = None
    geo_metadata: str = ""
    jsonl: bool = False
    jsonl_gzip: bool = False
    jsonl_dir: str | None = None


@dataclass(frozen=True)
class EncodedParts:
    """What :func:`encode_parts` made of one task.

    Attributes
    ----------
    digests : bytes
        SHA-256 of each document's JSONL line (with its newline), 32 bytes a document.
    rows : int
        Mentions (rows of the parquet part).
    parquet_path : str or None
        The part written, or None (no documents, not asked, or returned as bytes).
    parquet_bytes : bytes or None
        The part, when it is returned instead of written.
    jsonl_path : str or None
        The JSONL part written, or None.
    jsonl_bytes : bytes or None
        The JSONL part, when it is returned instead of written.
    """

    digests: bytes
    rows: int
    parquet_path: str | None = None
    parquet_bytes: bytes | None = None
    jsonl_path: str | None = None
    jsonl_bytes: bytes | None = None


def part_name(index: int, suffix: str) -> str:
    """``part-00042.parquet``: parts sort in task order."""
    return f"part-{index:05d}{suffix}"


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same directory and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def encode_parts(index: int, results: Sequence[DocResult], outputs: PartOutputs) -> EncodedParts:
    """Encode (and write, where asked) one task's mentions: the worker-side output step.

    Parameters
    ----------
    index : int
        The task's number, which names its parts.
    results : sequence of DocResult
        The task's documents, in input order.
    outputs : PartOutputs

    Returns
    -------
    EncodedParts
    """
    lines = []
    digests = bytearray()
    for result in results:
        line = json.dumps(
            {"id": result.doc_id, "mentions": [mention_record(m) for m in result.mentions]},
            ensure_ascii=False,
        ).encode("utf-8")
        lines.append(line)
        digests += hashlib.sha256(line + b"\n").digest()
    rows = sum(len(r.mentions) for r in results)
    parquet_path = parquet_bytes = jsonl_path = jsonl_bytes = None
    if outputs.parquet:
        name = part_name(index, ".parquet")
        data = mentions_parquet(results, outputs.geo_metadata) if results else None
        if outputs.parquet_dir is None:
            parquet_bytes = data
        else:
            target = Path(outputs.parquet_dir) / name
            if data is None:
                # A rerun without the duplicates left nothing: no part (nor a stale one).
                target.unlink(missing_ok=True)
            else:
                _write_atomic(target, data)
                parquet_path = str(target)
    if outputs.jsonl and results:
        text = b"".join(line + b"\n" for line in lines)
        if outputs.jsonl_gzip:
            # mtime=0 and no file name in the header: the same lines give the same bytes.
            text = gzip.compress(text, compresslevel=GZIP_LEVEL, mtime=0)
        if outputs.jsonl_dir is None:
            jsonl_bytes = text
        else:
            target = Path(outputs.jsonl_dir) / part_name(index, ".jsonl")
            _write_atomic(target, text)
            jsonl_path = str(target)
    elif outputs.jsonl and outputs.jsonl_dir is not None:
        (Path(outputs.jsonl_dir) / part_name(index, ".jsonl")).unlink(missing_ok=True)
    return EncodedParts(bytes(digests), rows, parquet_path, parquet_bytes, jsonl_path, jsonl_bytes)


def geoparquet_metadata() -> str:
    """The GeoParquet ``geo`` metadata of the mentions parts: WKB points in EPSG:4326."""
    import pyproj

    return json.dumps(
        {
            "version": "1.0.0",
            "primary_column": "geometry",
            "columns": {
                "geometry": {
                    "encoding": "WKB",
                    "geometry_types": ["Point"],
                    "crs": pyproj.CRS.from_epsg(4326).to_json_dict(),
                }
            },
        }
    )


def mentions_parquet(results: Sequence[DocResult], geo_metadata: str) -> bytes:
    """One GeoParquet part: a row per mention (unresolved: null geometry and place)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = ("doc", "start", "end", "text", "sentence", "usage", "name", "lat", "lon",
             "country_code", "feature", "confidence", "geometry")  # fmt: skip
    columns: dict[str, list[Any]] = {name: [] for name in names}
    point = struct.Struct("<BIdd")  # little-endian WKB Point
    for result in results:
        for m in result.mentions:
            place = m.place
            columns["doc"].append(result.doc_id)
            columns["start"].append(m.start)
            columns["end"].append(m.end)
            columns["text"].append(m.text)
            columns["sentence"].append(m.sentence)
            columns["usage"].append(m.usage)
            columns["confidence"].append(m.confidence)
            if place is None:
                for name in ("name", "lat", "lon", "country_code", "feature", "geometry"):
                    columns[name].append(None)
                continue
            columns["name"].append(place.name)
            columns["lat"].append(place.lat)
            columns["lon"].append(place.lon)
            columns["country_code"].append(place.country_code)
            columns["feature"].append(place.feature)
            columns["geometry"].append(point.pack(1, 1, place.lon, place.lat))
    schema = pa.schema(
        [
            ("doc", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", pa.string()),
            ("sentence", pa.int64()),
            ("usage", pa.string()),
            ("name", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("country_code", pa.string()),
            ("feature", pa.string()),
            ("confidence", pa.float64()),
            ("geometry", pa.binary()),
        ],
        metadata={b"geo": geo_metadata.encode("utf-8")},
    )
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pydict(columns, schema=schema), buffer)
    return buffer.getvalue()


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
    """The client side of a corpus run's outputs (see the module docstring).

    It tells the tasks what to write (:meth:`part_outputs`), then takes their
    summaries in input order (:meth:`add`): it appends each task's JSONL part to the
    mentions JSONL and lists its GeoParquet part; at the end it writes places, corridors
    and the manifest (:meth:`finish`).

    Parameters
    ----------
    out_dir : path, optional
        The GeoParquet output directory; nothing is written there when None.
    mentions_jsonl : path or text handle, optional
        Where the mentions JSONL goes (a path ending in ``.gz``: gzip-compressed).
    worker_files : bool
        The workers write their parts into ``out_dir`` and next to ``mentions_jsonl``
        (one machine, or a filesystem shared with the cluster).  False: they return the
        encoded parts and this writer writes them.
    """

    def __init__(
        self,
        out_dir: str | Path | None,
        mentions_jsonl: str | Path | IO[str] | None,
        *,
        worker_files: bool = True,
    ) -> None:
        self.out_dir = Path(out_dir).resolve() if out_dir is not None else None
        self.worker_files = worker_files
        self.files: list[Path] = []
        self._parts: list[dict[str, Any]] = []
        self._stack = contextlib.ExitStack()
        self._handle: IO[str] | None = None
        self._jsonl_path: Path | None = None
        self._jsonl: IO[bytes] | None = None
        self._jsonl_parts: Path | None = None
        if mentions_jsonl is not None and not isinstance(mentions_jsonl, str | Path):
            self._handle = mentions_jsonl
        elif mentions_jsonl is not None:
            self._jsonl_path = Path(mentions_jsonl)

    def __enter__(self) -> CorpusWriter:
        try:
            if self._jsonl_path is not None:
                raw: Any = self._stack.enter_context(atomic_open(self._jsonl_path, "wb"))
                self._jsonl = raw
                if self.worker_files:
                    parts = tempfile.mkdtemp(
                        prefix=f".{self._jsonl_path.name}.parts-", dir=self._jsonl_path.parent
                    )
                    self._jsonl_parts = Path(parts).resolve()
                    self._stack.callback(shutil.rmtree, parts, ignore_errors=True)
            if self.out_dir is not None:
                (self.out_dir / "mentions").mkdir(parents=True, exist_ok=True)
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # On an error the temp JSONL and its parts are removed; written parquet parts stay.
        self._stack.__exit__(exc_type, exc, tb)
        if exc_type is None and self._jsonl_path is not None:
            self.files.append(self._jsonl_path)

    def part_outputs(self) -> PartOutputs:
        """What each task should write, for this writer's outputs."""
        parquet = self.out_dir is not None
        parquet_dir = None
        if self.out_dir is not None and self.worker_files:
            parquet_dir = str(self.out_dir / "mentions")
        gz = self._jsonl_path is not None and self._jsonl_path.name.lower().endswith(".gz")
        return PartOutputs(
            parquet=parquet,
            parquet_dir=parquet_dir,
            geo_metadata=geoparquet_metadata() if parquet else "",
            jsonl=self._jsonl_path is not None or self._handle is not None,
            jsonl_gzip=gz,
            jsonl_dir=str(self._jsonl_parts) if self._jsonl_parts is not None else None,
        )

    def add(self, summary: ChunkSummary) -> None:
        """Take one task's parts, in input order."""
        parts = summary.parts
        if parts.jsonl_path is not None:
            assert self._jsonl is not None
            with open(parts.jsonl_path, "rb") as part:
                shutil.copyfileobj(part, self._jsonl)
            os.unlink(parts.jsonl_path)
        elif parts.jsonl_bytes is not None:
            if self._jsonl is not None:
                self._jsonl.write(parts.jsonl_bytes)
            elif self._handle is not None:
                self._handle.write(parts.jsonl_bytes.decode("utf-8"))
        if self.out_dir is None or not summary.ids:
            return
        path = self.out_dir / "mentions" / part_name(summary.index, ".parquet")
        if parts.parquet_bytes is not None:
            _write_atomic(path, parts.parquet_bytes)
        self._parts.append(
            {
                "path": str(path.relative_to(self.out_dir)),
                "documents": len(summary.ids),
                "rows": parts.rows,
            }
        )
        self.files.append(path)

    def finish(
        self,
        place_records: list[dict[str, Any]],
        collection: dict[str, Any] | None,
        geo_metadata: str,
    ) -> None:
        """Write the places, the corridors (unless None) and the manifest.

        ``geo_metadata`` is that of the mentions parts, for the empty part written when
        no document was kept.
        """
        if self.out_dir is None:
            return
        mentions = self.out_dir / "mentions"
        if not self._parts:
            path = mentions / part_name(0, ".parquet")
            _write_atomic(path, mentions_parquet([], geo_metadata))
            self._parts.append({"path": "mentions/" + path.name, "documents": 0, "rows": 0})
            self.files.append(path)
        # Parts of an earlier, longer run in the same directory would mix with ours.
        keep = {Path(p["path"]).name for p in self._parts}
        for stale in sorted(mentions.glob("part-*.parquet")):
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
