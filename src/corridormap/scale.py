"""Corpus mode: stream a large corpus through the pipeline, in processes or on Dask.

The per-document work (find and resolve the places of one document, extract its
corridor drafts) is one function, :func:`process_document`, batched by
:func:`process_batch`.  Every mode runs exactly that function:

* serial: in this process (``workers=1``);
* processes: a ``multiprocessing`` pool of ``workers`` processes;
* Dask: tasks on a ``dask.distributed`` cluster (``dask="tcp://host:8786"``, a
  ``distributed.Client``, or ``"local"`` for a ``LocalCluster`` on this machine).

Batches are handed out with a bounded window and their results taken back **in input
order**, so every mode gives byte-identical outputs, and memory stays flat: at most
``2 × workers`` batches are in flight, documents are read one at a time
(:func:`iter_documents`), mentions are written as they come and only bounded
aggregates are kept (per place: counts and a few quotes; per corridor: its merged draft,
a few quotes and the evidence count).  At the end the corridors are anchored, routed and
measured exactly as :func:`corridormap.analyze` does.

>>> from corridormap.scale import analyze_corpus
>>> result = analyze_corpus("news.jsonl.gz", workers=2, out_dir="out/")  # doctest: +SKIP
>>> result.to_html("map.html")  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import logging
import warnings
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from corridormap.errors import InputError
from corridormap.model import Document, Mention

if TYPE_CHECKING:
    import folium
    from distributed import Client

    from corridormap.corridors import _Draft
    from corridormap.mentions import MentionFinder
    from corridormap.reference import Catalogue
    from corridormap.resolve import Resolver
    from corridormap.spec import Spec

log = logging.getLogger(__name__)

#: Documents per task: large enough that pickling and scheduling are noise next to
#: the work (about 5–20 ms a document), small enough to keep every worker busy.
BATCH_SIZE = 64
#: Mention rows per GeoParquet part (``mentions/part-00000.parquet`` …).
PARTITION_DOCUMENTS = 10_000
#: Quotes kept per place and per corridor for the map popups; counts stay exact.
MAX_QUOTES = 5
#: File endings read as streamed JSONL corpora.
JSONL_ENDINGS = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
#: Called with the number of documents done so far.
CorpusProgress = Callable[[int], None]


# --------------------------------------------------------------------------- reading


def iter_documents(
    inputs: str | Path | Iterable[str | Path], *, skip_bad_lines: bool = False
) -> Iterator[Document]:
    """Yield the documents of ``inputs`` one at a time, in order.

    Like :func:`corridormap.documents.read_inputs`, and with the same ids, errors and
    warnings, but JSONL corpora (``.jsonl``, ``.ndjson``, optionally gzip-compressed as
    ``.jsonl.gz``), alone or in directories, are read line by line, so memory does not
    grow with the corpus.  Lines are split on ``"\\n"`` only: JSON strings may hold
    U+2028.  Later documents with an id already seen are skipped, as ``read_inputs`` does.

    Parameters
    ----------
    inputs : path-like, str or iterable of them
        Files, directories, URLs or ``-``; URLs, stdin and single text/HTML files are
        read whole by ``read_inputs``.
    skip_bad_lines : bool
        Warn about and skip malformed JSONL lines instead of failing.

    Raises
    ------
    InputError
        For a missing path, an unreadable or corrupt file, or a bad JSONL line.
    """
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    seen: set[str] = set()
    for item in inputs:
        for doc in _iter_one(str(item), skip_bad_lines):
            if doc.id not in seen:
                seen.add(doc.id)
                yield doc


def _is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(JSONL_ENDINGS)


def _iter_one(spec: str, skip_bad_lines: bool) -> Iterator[Document]:
    from corridormap.documents import read_inputs

    path = Path(spec)
    if spec == "-" or spec.startswith(("http://", "https://")) or not path.exists():
        yield from read_inputs(spec, skip_bad_lines=skip_bad_lines)
    elif path.is_dir():
        yield from _iter_directory(path, skip_bad_lines)
    elif _is_jsonl(path):
        yield from _iter_jsonl(path, skip_bad_lines)
    else:
        yield from read_inputs(path, skip_bad_lines=skip_bad_lines)


def _iter_directory(path: Path, skip_bad_lines: bool) -> Iterator[Document]:
    from corridormap.documents import CORPUS_NOTES, DIRECTORY_SUFFIXES, InputWarning, read_inputs

    files = sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and not p.name.startswith(".")
        and not CORPUS_NOTES.match(p.name)
        and (_is_jsonl(p) or p.suffix.lower() in DIRECTORY_SUFFIXES)
    )
    found = False
    for file in files:
        try:
            if _is_jsonl(file):
                # Streamed: a bad line deep in a big file surfaces after earlier documents
                # were yielded, so it fails the run (or is skipped with skip_bad_lines).
                yield from _iter_jsonl(file, skip_bad_lines)
            else:
                docs = list(read_inputs(file, skip_bad_lines=skip_bad_lines))
                yield from docs
        except InputError as exc:
            if _is_jsonl(file):
                raise
            # One bad text file must not sink a directory of good ones (as read_inputs).
            warnings.warn(f"skipped {exc}", InputWarning, stacklevel=2)
            continue
        found = True
    if not found:
        raise InputError(f"{path}: no readable text documents in directory")


def _iter_jsonl(path: Path, skip_bad_lines: bool) -> Iterator[Document]:
    from corridormap.documents import _read_jsonl, decode_bytes

    name = str(path)
    compressed = path.name.lower().endswith(".gz")
    try:
        # Closed by the ``with`` below, when the generator finishes or is closed.
        handle: IO[bytes] | gzip.GzipFile = (
            gzip.open(path, "rb") if compressed else path.open("rb")  # noqa: SIM115
        )
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc

    def lines() -> Iterator[str]:
        first = True
        for raw in handle:  # binary files split on b"\n" only
            if first and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                # UTF-16 cannot be split on a byte: decode the whole file.
                yield from decode_bytes(raw + handle.read(), name).split("\n")
                return
            first = False
            yield decode_bytes(raw, name)

    count = 0
    with handle:
        try:
            for doc in _read_jsonl(lines(), name, skip_bad_lines=skip_bad_lines):
                count += 1
                yield doc
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"{name}: cannot read ({exc})") from exc
    if count == 0:
        raise InputError(f"{name}: no documents in JSONL file")


def batched(docs: Iterable[Document], size: int = BATCH_SIZE) -> Iterator[list[Document]]:
    """Group documents into lists of ``size`` (the last may be shorter)."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size!r}")
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --------------------------------------------------------------------------- per document


@dataclass(frozen=True)
class DocResult:
    """What the per-document step found in one document (picklable).

    Attributes
    ----------
    doc_id, title : str
    mentions : tuple of Mention
        Resolved mentions in text order.
    quotes : tuple of str
        The sentence of each mention (the mention's text where it has no sentence).
    drafts : tuple of _Draft
        :func:`corridormap.corridors.extract_document` of this document.
    """

    doc_id: str
    title: str
    mentions: tuple[Mention, ...]
    quotes: tuple[str, ...]
    drafts: tuple[_Draft, ...] = field(default=())


@functools.lru_cache(maxsize=1)
def _stages() -> tuple[MentionFinder, Resolver]:
    """The recogniser and resolver of this process, on a gazetteer loaded once."""
    from corridormap.gazetteer import Gazetteer
    from corridormap.mentions import MentionFinder
    from corridormap.resolve import Resolver

    gaz = Gazetteer.load()
    return MentionFinder(gaz), Resolver(gaz)


def process_document(doc: Document) -> DocResult:
    """Find, resolve and extract one document: the step every mode runs.

    Parameters
    ----------
    doc : Document

    Returns
    -------
    DocResult
    """
    from corridormap.corridors import extract_document

    finder, resolver = _stages()
    mentions = tuple(resolver.resolve(doc, finder.find(doc)))
    sentences: dict[int, str] = {}  # one string per sentence: pickled once
    quotes = []
    for m in mentions:
        if m.sentence < 0:
            quotes.append(m.text)
        else:
            quotes.append(sentences.setdefault(m.sentence, doc.sentence_text(m.sentence)))
    drafts = tuple(extract_document(doc, mentions))
    return DocResult(doc.id, doc.title, mentions, tuple(quotes), drafts)


def process_batch(docs: Sequence[Document]) -> list[DocResult]:
    """:func:`process_document` over a batch (the unit of work of a process or task)."""
    return [process_document(doc) for doc in docs]


# --------------------------------------------------------------------------- modes


def run_batches(
    batches: Iterable[Sequence[Document]],
    *,
    workers: int = 1,
    dask: str | Client | None = None,
) -> Iterator[list[DocResult]]:
    """Run :func:`process_batch` over ``batches``; yield the results in input order.

    Parameters
    ----------
    batches : iterable of sequences of Document
        Consumed lazily: at most ``2 × workers`` batches are in flight.
    workers : int
        Processes on this machine (1: in this process).  With ``dask="local"``, the
        number of ``LocalCluster`` workers (at least 2).
    dask : str or distributed.Client, optional
        ``"local"`` for a ``LocalCluster`` on this machine, a scheduler address
        (``"tcp://host:8786"``), or a connected ``Client``.

    Raises
    ------
    ValueError
        For ``workers < 1``.
    ImportError
        If ``dask`` is given and ``distributed`` is not installed.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers!r}")
    if dask is not None:
        return _run_dask(batches, dask, workers)
    if workers == 1:
        return (process_batch(batch) for batch in batches)
    return _run_pool(batches, workers)


def _run_pool(batches: Iterable[Sequence[Document]], workers: int) -> Iterator[list[DocResult]]:
    import multiprocessing

    # forkserver: workers start clean (no copied threads or locks of the parent) and
    # each loads the memory-mapped gazetteer once, in the initializer.
    context = multiprocessing.get_context("forkserver")
    with context.Pool(workers, initializer=_stages) as pool:
        # apply_async with a window rather than imap: imap reads its input as fast as the
        # pipe takes it and queues results without limit; the window bounds both.
        window: deque[Any] = deque()
        for batch in batches:
            window.append(pool.apply_async(process_batch, (batch,)))
            if len(window) >= 2 * workers:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()


def _dask_client(dask: str | Client, workers: int) -> tuple[Any, Any]:
    """A client for ``dask`` and the LocalCluster it started (or None)."""
    try:
        import distributed
    except ImportError as exc:
        raise ImportError(
            "Dask mode needs dask.distributed: pip install 'corridormap[dask]'"
        ) from exc
    lib: Any = distributed  # untyped calls: distributed is only partly annotated
    if not isinstance(dask, str):
        return dask, None
    if dask == "local":
        cluster = lib.LocalCluster(
            n_workers=max(workers, 2),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        return lib.Client(cluster), cluster
    return lib.Client(dask), None


def _run_dask(
    batches: Iterable[Sequence[Document]], dask: str | Client, workers: int
) -> Iterator[list[DocResult]]:
    client, cluster = _dask_client(dask, workers)
    own_client = isinstance(dask, str)
    try:
        slots = max(1, sum(client.nthreads().values()))
        window: deque[Any] = deque()
        for batch in batches:
            # pure=False: identical batches from two corpora are still two tasks.
            window.append(client.submit(process_batch, list(batch), pure=False))
            if len(window) >= 2 * slots:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()


# --------------------------------------------------------------------------- corpus


@dataclass
class CorpusResult:
    """What :func:`analyze_corpus` found.

    Attributes
    ----------
    documents, mentions : int
        Documents read and mentions found.
    place_records : list of dict
        One record per resolved place, in the shape of
        :meth:`corridormap.pipeline.Result.place_records` (at most ``max_quotes``
        entries in ``mentions``) plus ``document_count``.
    corridors_geojson : dict
        The corridors as the contract's FeatureCollection, each with at most
        ``max_quotes`` evidence quotes plus ``evidence_count`` and ``document_count``.
    files : list of Path
        Files written.
    mentions_sha256, corridors_sha256 : str
        Digests of the mentions JSONL and of the corridors GeoJSON (sorted keys), to
        compare runs.
    """

    documents: int
    mentions: int
    place_records: list[dict[str, Any]]
    corridors_geojson: dict[str, Any]
    files: list[Path]
    mentions_sha256: str
    corridors_sha256: str

    def map_inputs(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """``(corridors_geojson, place_records)``, the arguments of ``render.build_map``."""
        return self.corridors_geojson, self.place_records

    def map(self, *, offline: bool = False, title: str = "corridormap") -> folium.Map:
        """The map of the corpus: one marker per place, one line per corridor."""
        from corridormap import render

        return render.build_map(
            self.corridors_geojson,
            self.place_records,
            title=title,
            offline=offline,
            countries=self._countries() if offline else None,
        )

    def to_html(
        self, path: str | Path, *, offline: bool = False, title: str = "corridormap"
    ) -> Path:
        """Write the map as a standalone HTML file (atomically) and return its path."""
        from corridormap import render

        target = Path(path)
        render.write_map(self.map(offline=offline, title=title), target, offline=offline)
        return target

    def _countries(self) -> dict[str, Any]:
        from corridormap import boundaries

        codes = {r["country_code"] for r in self.place_records if r["country_code"]}
        for feature in self.corridors_geojson["features"]:
            codes.update(feature["properties"]["countries"])
        table = boundaries.countries()
        subset = table if not codes else table[table["iso2"].isin(sorted(codes))]
        subset = subset.assign(geometry=subset.geometry.simplify(0.01, preserve_topology=True))
        data: dict[str, Any] = json.loads(subset.to_json(drop_id=True))
        return data


def analyze_corpus(
    inputs: str | Path | Iterable[str | Path] | Iterable[Document],
    *,
    workers: int = 1,
    dask: str | Client | None = None,
    out_dir: str | Path | None = None,
    mentions_jsonl: str | Path | IO[str] | None = None,
    batch_size: int = BATCH_SIZE,
    partition_documents: int = PARTITION_DOCUMENTS,
    max_quotes: int | None = MAX_QUOTES,
    find_corridors: bool = True,
    routing: str = "terrain",
    buffer_km: float = 25.0,
    spec: str | Path | Spec | None = None,
    reference: bool | str | Path | Catalogue = True,
    skip_bad_lines: bool = False,
    progress: CorpusProgress | None = None,
) -> CorpusResult:
    """Run the pipeline over a corpus, streaming, on one machine or a Dask cluster.

    Parameters
    ----------
    inputs : path, URL, ``"-"``, iterable of them, or iterable of Document
        Large JSONL (``.jsonl``/``.jsonl.gz``) files and directories are streamed.
    workers : int
        Worker processes (1: this process); with ``dask="local"`` the cluster size.
    dask : str or distributed.Client, optional
        Run the per-document work as Dask tasks: ``"local"``, ``"tcp://host:8786"`` or
        a ``Client``.
    out_dir : path, optional
        Write GeoParquet datasets here as the run goes: ``mentions/part-NNNNN.parquet``
        (one part per ``partition_documents`` documents), then ``places/`` and
        ``corridors/``, and ``_manifest.json`` last.  Each file appears atomically.
    mentions_jsonl : path or text handle, optional
        Write the ``places --format jsonl`` lines here as they come (a path ending in
        ``.gz`` is gzip-compressed; a path is replaced atomically at the end).
    batch_size : int
        Documents per task.
    partition_documents : int
        Documents per mentions part.
    max_quotes : int or None
        Quotes kept per place and per corridor (None: all, as ``analyze`` does).
    find_corridors : bool
        False for places only (``corridormap places``): no corridor merging, routing
        or ``corridors/`` dataset.
    routing, buffer_km, spec, reference
        As for :func:`corridormap.analyze`.
    skip_bad_lines : bool
        Skip malformed JSONL lines with a warning.
    progress : callable, optional
        Called with the number of documents done after each batch.

    Returns
    -------
    CorpusResult

    Raises
    ------
    corridormap.errors.CorridormapError
        For unreadable inputs and missing data.
    """
    from corridormap._scale_aggregate import CorridorAggregator, PlaceAggregator
    from corridormap._scale_output import CorpusWriter
    from corridormap.pipeline import mention_record
    from corridormap.spec import Spec, load_spec

    # A bad spec fails before the expensive stages.
    loaded = spec if spec is None or isinstance(spec, Spec) else load_spec(spec)
    docs = _documents(inputs, skip_bad_lines)
    places = PlaceAggregator(max_quotes)
    corridors = CorridorAggregator(max_quotes)
    digest = hashlib.sha256()
    n_docs = n_mentions = 0
    with CorpusWriter(out_dir, mentions_jsonl, partition_documents) as writer:
        for results in run_batches(batched(docs, batch_size), workers=workers, dask=dask):
            for result in results:
                line = json.dumps(
                    {"id": result.doc_id, "mentions": [mention_record(m) for m in result.mentions]},
                    ensure_ascii=False,
                )
                digest.update(line.encode("utf-8") + b"\n")
                writer.add(result, line)
                places.add(result)
                if find_corridors:
                    corridors.add(result)
                n_docs += 1
                n_mentions += len(result.mentions)
            if progress is not None:
                progress(n_docs)
        log.info("%d documents, %d mentions", n_docs, n_mentions)
        collection: dict[str, Any] = {"type": "FeatureCollection", "features": []}
        if find_corridors:
            collection = corridors.finish(
                places.distinct_places(),
                routing=routing,
                buffer_km=buffer_km,
                spec=loaded,
                reference=reference,
            )
        records = places.records()
        writer.finish(records, collection if find_corridors else None)
    corridors_digest = hashlib.sha256(
        json.dumps(collection, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    return CorpusResult(
        documents=n_docs,
        mentions=n_mentions,
        place_records=records,
        corridors_geojson=collection,
        files=writer.files,
        mentions_sha256=digest.hexdigest(),
        corridors_sha256=corridors_digest,
    )


def corpus_map_inputs(
    inputs: str | Path | Iterable[str | Path] | Iterable[Document], **options: Any
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """``(corridors_geojson, place_records)`` of a corpus for ``render.build_map``.

    ``options`` are those of :func:`analyze_corpus`.
    """
    return analyze_corpus(inputs, **options).map_inputs()


def _documents(
    inputs: str | Path | Iterable[str | Path] | Iterable[Document], skip_bad_lines: bool
) -> Iterator[Document]:
    if isinstance(inputs, Document):
        return iter([inputs])
    if isinstance(inputs, str | Path):
        return iter_documents(inputs, skip_bad_lines=skip_bad_lines)
    items = iter(inputs)
    first = next(items, None)
    if first is None:
        raise InputError("no inputs")
    if isinstance(first, Document):
        return _chain_documents(first, items)
    return iter_documents(_chain_paths(first, items), skip_bad_lines=skip_bad_lines)


def _chain_documents(first: Document, rest: Iterator[Any]) -> Iterator[Document]:
    yield first
    yield from rest


def _chain_paths(first: Any, rest: Iterator[Any]) -> Iterator[str | Path]:
    yield first
    yield from rest
