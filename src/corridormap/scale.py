"""Corpus mode: stream a large corpus through the pipeline, in processes or on Dask.

The corpus is cut into tasks of ``batch_size`` documents.  Every mode runs exactly one
function on them, :func:`process_chunk`:

* serial: in this process (``workers=1``);
* processes: a ``multiprocessing`` pool of ``workers`` processes;
* Dask: tasks on a ``dask.distributed`` cluster (``dask="tcp://host:8786"``, a
  ``distributed.Client``, or ``"local"`` for a ``LocalCluster`` on this machine).

A task reads its own documents (a byte range of a plain JSONL file, or the raw lines
of a compressed one), runs :func:`process_document` on each (find and resolve the
places, extract the corridor drafts), writes its mentions JSONL part and its GeoParquet
part, and returns only a compact summary: the document ids, a digest per document, the
place aggregate of the task and the corridor drafts.  The client (the process that
called :func:`analyze_corpus`) cuts the input, appends the JSONL parts in order, adds
up the summaries and at the end anchors, routes and measures the corridors exactly as
:func:`corridormap.analyze` does.  So the client stays nearly idle and the workers get
the cores.

Tasks are handed out with a bounded window and their summaries taken back **in input
order**, so every mode gives the same outputs, and memory stays flat: at most
``2 × workers`` tasks are in flight and only bounded aggregates are kept (per place:
counts and a few quotes; per corridor: its merged draft, a few quotes and the evidence
count).

>>> from corridormap.scale import analyze_corpus
>>> result = analyze_corpus("news.jsonl.gz", workers=2, out_dir="out/")  # doctest: +SKIP
>>> result.to_html("map.html")  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import gzip
import hashlib
import io
import json
import logging
import time
import warnings
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

from corridormap.errors import InputError
from corridormap.model import Document, Mention

if TYPE_CHECKING:
    import folium
    from distributed import Client

    from corridormap._scale_aggregate import CorridorDocument, PlaceAggregator
    from corridormap._scale_output import EncodedParts, PartOutputs
    from corridormap.corridors import _Draft
    from corridormap.mentions import MentionFinder
    from corridormap.reference import Catalogue
    from corridormap.resolve import Resolver
    from corridormap.spec import Spec

log = logging.getLogger(__name__)

#: Documents per task, and per mentions part: large enough that the client's share
#: (cutting the input, one summary) is small next to the work (3–20 ms a document),
#: small enough to keep every worker busy and a task's memory small.
BATCH_SIZE = 500
#: Quotes kept per place and per corridor for the map popups; counts stay exact.
MAX_QUOTES = 5
#: File endings read as streamed JSONL corpora.
JSONL_ENDINGS = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
#: Called with the number of documents done so far.
CorpusProgress = Callable[[int], None]

_T = TypeVar("_T")
_R = TypeVar("_R")


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class JsonlRun:
    """A run of consecutive lines of one JSONL file, the input of one task (picklable).

    Either ``path`` with a byte range (a plain file: the task reads the range itself)
    or ``data`` (the raw lines, for compressed files, which cannot be entered in the
    middle).

    Attributes
    ----------
    name : str
        The file as the user named it (for default ids, sources and messages).
    first_line : int
        Line number of the first line.
    path : str or None
        Absolute path of a plain file.
    start, end : int
        The byte range of the lines in ``path`` (at line boundaries).
    data : bytes or None
        The lines themselves.
    file_end : bool
        The last run of its file.
    """

    name: str
    first_line: int
    path: str | None = None
    start: int = 0
    end: int = 0
    data: bytes | None = None
    file_end: bool = False

    def documents(self, *, skip_bad_lines: bool = False) -> Iterator[Document]:
        """Read, decode and parse the run's lines, one at a time."""
        from corridormap.documents import decode_bytes, read_jsonl_lines

        data = self.data if self.data is not None else self._read_range()
        # A binary stream splits on b"\n" only: JSON strings may hold U+2028.
        lines = (decode_bytes(raw, self.name) for raw in io.BytesIO(data))
        return read_jsonl_lines(
            lines, self.name, skip_bad_lines=skip_bad_lines, first_line=self.first_line
        )

    def _read_range(self) -> bytes:
        assert self.path is not None
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self.start)
                data = handle.read(self.end - self.start)
        except OSError as exc:
            raise InputError(f"{self.name}: cannot read ({exc.strerror or exc})") from exc
        if len(data) != self.end - self.start:
            raise InputError(f"{self.name}: changed while it was being read")
        return data


#: The input of one task: a run of JSONL lines, or documents read by the client.
Source = JsonlRun | tuple[Document, ...]


def source_documents(source: Source, *, skip_bad_lines: bool = False) -> Iterator[Document]:
    """The documents of a task's input, in order (duplicates included)."""
    if isinstance(source, JsonlRun):
        return source.documents(skip_bad_lines=skip_bad_lines)
    return iter(source)


def iter_documents(
    inputs: str | Path | Iterable[str | Path], *, skip_bad_lines: bool = False
) -> Iterator[Document]:
    """Yield the documents of ``inputs`` one at a time, in order.

    Like :func:`corridormap.documents.read_inputs`, and with the same ids, errors and
    warnings, but JSONL corpora (``.jsonl``, ``.ndjson``, optionally gzip-compressed as
    ``.jsonl.gz``), alone or in directories, are read a run of lines at a time, so
    memory does not grow with the corpus.  Lines are split on ``"\\n"`` only: JSON
    strings may hold U+2028.  Later documents with an id already seen are skipped, as
    ``read_inputs`` does.  :func:`analyze_corpus` reads the same way, in its tasks.

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
    seen: set[str] = set()
    in_file = 0
    for source in sources(inputs, skip_bad_lines=skip_bad_lines):
        for doc in source_documents(source, skip_bad_lines=skip_bad_lines):
            in_file += 1
            if doc.id not in seen:
                seen.add(doc.id)
                yield doc
        in_file = _check_file_end(source, in_file)


def _check_file_end(source: Source, in_file: int) -> int:
    """Raise for a JSONL file without documents when its last run is done; the count
    of documents of the current file after ``source``."""
    if not isinstance(source, JsonlRun):
        return 0
    if source.file_end:
        if in_file == 0:
            raise InputError(f"{source.name}: no documents in JSONL file")
        return 0
    return in_file


def sources(
    inputs: str | Path | Iterable[str | Path] | Iterable[Document],
    *,
    skip_bad_lines: bool = False,
    batch_size: int = 0,
) -> Iterator[Source]:
    """Cut ``inputs`` into task inputs of up to ``batch_size`` documents, in order.

    Plain JSONL files become byte ranges (the client only finds the line ends);
    compressed ones runs of raw lines; other files, URLs, stdin and ``Document`` objects
    are read here and grouped.  Nothing is parsed here: the tasks decode and parse.

    Parameters
    ----------
    inputs : path, URL, ``"-"``, iterable of them, or iterable of Document
    skip_bad_lines : bool
        For the inputs read here (UTF-16 JSONL, stdin).
    batch_size : int
        Lines (JSONL) or documents per task; 0 for :data:`BATCH_SIZE`.

    Raises
    ------
    InputError
        For a missing path or an unreadable file; ValueError for ``batch_size < 0``.
    """
    size = batch_size or BATCH_SIZE
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {batch_size!r}")
    pending: list[Document] = []
    for piece in _pieces(inputs, skip_bad_lines, size):
        if isinstance(piece, Document):
            pending.append(piece)
            if len(pending) == size:
                yield tuple(pending)
                pending = []
            continue
        if pending:
            yield tuple(pending)
            pending = []
        yield piece
    if pending:
        yield tuple(pending)


def _pieces(
    inputs: str | Path | Iterable[str | Path] | Iterable[Document],
    skip_bad_lines: bool,
    size: int,
) -> Iterator[Document | JsonlRun]:
    if isinstance(inputs, Document):
        yield inputs
        return
    items: Iterable[Any] = [inputs] if isinstance(inputs, str | Path) else inputs
    empty = True
    for item in items:
        empty = False
        if isinstance(item, Document):
            yield item
        else:
            yield from _pieces_of(str(item), skip_bad_lines, size)
    if empty:
        raise InputError("no inputs")


def _is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(JSONL_ENDINGS)


def _pieces_of(spec: str, skip_bad_lines: bool, size: int) -> Iterator[Document | JsonlRun]:
    from corridormap.documents import read_inputs

    path = Path(spec)
    if spec == "-" or spec.startswith(("http://", "https://")) or not path.exists():
        yield from read_inputs(spec, skip_bad_lines=skip_bad_lines)
    elif path.is_dir():
        yield from _directory_pieces(path, skip_bad_lines, size)
    elif _is_jsonl(path):
        yield from _jsonl_runs(path, skip_bad_lines, size)
    else:
        yield from read_inputs(path, skip_bad_lines=skip_bad_lines)


def _directory_pieces(path: Path, skip_bad_lines: bool, size: int) -> Iterator[Document | JsonlRun]:
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
        if _is_jsonl(file):
            # Streamed: a bad line deep in a big file surfaces after earlier documents
            # were done, so it fails the run (or is skipped with skip_bad_lines).
            yield from _jsonl_runs(file, skip_bad_lines, size)
        else:
            try:
                docs = list(read_inputs(file, skip_bad_lines=skip_bad_lines))
            except InputError as exc:
                # One bad text file must not sink a directory of good ones (as read_inputs).
                warnings.warn(f"skipped {exc}", InputWarning, stacklevel=2)
                continue
            yield from docs
        found = True
    if not found:
        raise InputError(f"{path}: no readable text documents in directory")


def _jsonl_runs(path: Path, skip_bad_lines: bool, size: int) -> Iterator[Document | JsonlRun]:
    """The runs of ``size`` lines of one JSONL file (UTF-16 files: their documents)."""
    from corridormap.documents import decode_bytes, read_jsonl_lines

    name = str(path)
    compressed = path.name.lower().endswith(".gz")
    try:
        # Closed by the ``with`` below, when the generator finishes or is closed.
        handle: IO[bytes] | gzip.GzipFile = (
            gzip.open(path, "rb") if compressed else path.open("rb")  # noqa: SIM115
        )
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    absolute = str(path.resolve())
    with handle:
        try:
            raws = iter(handle)  # binary files split on b"\n" only
            head = next(raws, b"")
            if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                # UTF-16 cannot be split on a byte: decode and parse the whole file here.
                text = decode_bytes(head + handle.read(), name)
                docs = list(read_jsonl_lines(text.split("\n"), name, skip_bad_lines=skip_bad_lines))
                if not docs:
                    raise InputError(f"{name}: no documents in JSONL file")
                yield from docs
                return
            previous: JsonlRun | None = None
            for run in _cut(chain([head], raws), name, None if compressed else absolute, size):
                if previous is not None:
                    yield previous
                previous = run
            assert previous is not None  # _cut yields at least one run
            yield dataclasses.replace(previous, file_end=True)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"{name}: cannot read ({exc})") from exc


def _cut(lines: Iterable[bytes], name: str, path: str | None, size: int) -> Iterator[JsonlRun]:
    """Runs of ``size`` lines: byte ranges of ``path``, or the lines when it is None."""
    start = offset = 0
    first = 1
    count = 0
    kept: list[bytes] = []
    for lineno, raw in enumerate(lines, start=1):
        offset += len(raw)
        count += 1
        if path is None:
            kept.append(raw)
        if count == size:
            yield _run(name, first, path, start, offset, kept)
            start, first, count, kept = offset, lineno + 1, 0, []
    if count or first == 1:  # the last lines; an empty file gives one empty run
        yield _run(name, first, path, start, offset, kept)


def _run(
    name: str, first: int, path: str | None, start: int, end: int, kept: list[bytes]
) -> JsonlRun:
    if path is not None:
        return JsonlRun(name, first, path=path, start=start, end=end)
    return JsonlRun(name, first, data=b"".join(kept))


#: The last tasks of a corpus are cut smaller so that the workers finish together:
#: the last ``TAIL_TASKS`` tasks are each cut into ``TAIL_PIECES`` pieces of at least
#: ``TAIL_MIN`` lines (with tasks of 500 lines, 8 pieces of 125 instead of 2 tasks).
#: The cut depends on the input and ``batch_size`` only, not on the mode.
TAIL_TASKS = 2
TAIL_PIECES = 4
TAIL_MIN = 50


def even_tail(pieces: Iterable[Source], batch_size: int = 0) -> Iterator[Source]:
    """``pieces`` (tasks cut by :func:`sources`), their last ``TAIL_TASKS`` cut smaller.

    Without it the last task of one worker can run alone for a whole task's time while
    the others have nothing left.  Holds back ``TAIL_TASKS`` tasks to know which are
    last (the plain-JSONL ones are byte ranges, read here to find their line ends).
    """
    parts = min(TAIL_PIECES, (batch_size or BATCH_SIZE) // TAIL_MIN)
    if parts < 2:
        yield from pieces
        return
    held: deque[Source] = deque()
    for piece in pieces:
        held.append(piece)
        if len(held) > TAIL_TASKS:
            yield held.popleft()
    for piece in held:
        yield from _split(piece, parts)


def _split(source: Source, parts: int) -> Iterator[Source]:
    """``source`` cut into up to ``parts`` consecutive pieces of about equal lines."""
    if not isinstance(source, JsonlRun):
        step = -(-len(source) // parts)
        for start in range(0, len(source), step):
            yield source[start : start + step]
        return
    data = source.data if source.data is not None else source._read_range()
    lines = list(io.BytesIO(data))  # split on b"\n" only, as the tasks read them
    if len(lines) < 2:
        yield source
        return
    step = -(-len(lines) // parts)
    first, offset = source.first_line, 0
    for start in range(0, len(lines), step):
        chunk = lines[start : start + step]
        size = sum(len(line) for line in chunk)
        last = start + step >= len(lines)
        if source.data is not None:
            piece = JsonlRun(source.name, first, data=b"".join(chunk))
        else:
            begin = source.start + offset
            piece = JsonlRun(source.name, first, path=source.path, start=begin, end=begin + size)
        yield dataclasses.replace(piece, file_end=source.file_end and last)
        first += len(chunk)
        offset += size


# --------------------------------------------------------------------------- per document


@dataclass(frozen=True)
class DocResult:
    """What the per-document step found in one document.

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


@functools.lru_cache(maxsize=2)
def _stages(include_adjectives: bool = True) -> tuple[MentionFinder, Resolver]:
    """The recogniser and resolver of this process, on a gazetteer loaded once."""
    from corridormap.gazetteer import Gazetteer
    from corridormap.mentions import MentionFinder
    from corridormap.resolve import Resolver

    gaz = Gazetteer.load()
    return MentionFinder(gaz, include_adjectives=include_adjectives), Resolver(gaz)


@dataclass(frozen=True)
class Warmup:
    """What a process loads before its first task: the start-up of every mode (picklable).

    Calling it imports the modules a task uses and loads the gazetteer, the recogniser
    and the resolver (:func:`_stages`), so that a worker's first task does only work
    and the start-up can be timed apart from it.

    Attributes
    ----------
    include_adjectives : bool
        The recogniser the tasks use.
    parquet : bool
        Also import pyarrow (the tasks write GeoParquet parts).
    corridors : bool
        Also load the country polygons and their index, which the corridor extractor
        reads (compass phrases, border crossings); otherwise the first task that meets
        one loads them (geopandas and a GeoParquet read: about half a second, in every
        worker).
    """

    include_adjectives: bool = True
    parquet: bool = False
    corridors: bool = True

    def __call__(self) -> None:
        import corridormap._scale_aggregate
        import corridormap._scale_output
        import corridormap.corridors  # noqa: F401

        if self.parquet:
            import pyarrow.parquet  # noqa: F401
        if self.corridors:
            from corridormap import boundaries

            boundaries.countries()
            boundaries.country_at(0.0, 0.0)  # builds the spatial index
        _stages(self.include_adjectives)


def _freeze_gc() -> None:
    """Move every object alive now out of the collector's reach, in a worker we own.

    After the start-up these are the modules, the gazetteer's tables and the stages,
    which live as long as the process: full collections then no longer walk them
    (about a tenth of the per-document time).  Garbage made later is collected as usual.
    """
    gc.collect()
    gc.freeze()


def _start_worker(warm: Warmup, ready: Any) -> None:
    """Pool initializer: warm up, freeze the collector, report ready (or the error)."""
    try:
        warm()
        _freeze_gc()
    except Exception as exc:  # reported to the client, which raises it
        ready.put(_picklable(exc))
        return
    ready.put(None)


def _start_dask_worker(warm: Warmup, freeze: bool) -> None:
    """Run on every Dask worker before the tasks (``Client.run``)."""
    warm()
    if freeze:
        _freeze_gc()


def _picklable(exc: BaseException) -> BaseException:
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


@contextlib.contextmanager
def _gc_frozen() -> Iterator[None]:
    """Freeze the collector in this process for the run, and thaw it after.

    Skipped when something else froze objects already (``gc.freeze`` is process-wide).
    """
    if gc.get_freeze_count() or not gc.isenabled():
        yield
        return
    _freeze_gc()
    try:
        yield
    finally:
        gc.unfreeze()


def process_document(doc: Document, *, include_adjectives: bool = True) -> DocResult:
    """Find, resolve and extract one document: the per-document step of every mode.

    Parameters
    ----------
    doc : Document
    include_adjectives : bool
        Report demonym-adjectives ("Russian") as mentions of their country.

    Returns
    -------
    DocResult
    """
    from corridormap.corridors import extract_document

    finder, resolver = _stages(include_adjectives)
    mentions = tuple(resolver.resolve(doc, finder.find(doc)))
    sentences: dict[int, str] = {}
    quotes = []
    for m in mentions:
        if m.sentence < 0:
            quotes.append(m.text)
        else:
            quotes.append(sentences.setdefault(m.sentence, doc.sentence_text(m.sentence)))
    drafts = tuple(extract_document(doc, mentions))
    return DocResult(doc.id, doc.title, mentions, tuple(quotes), drafts)


@dataclass(frozen=True)
class CorpusTask:
    """One unit of work of :func:`process_chunk` (picklable).

    Attributes
    ----------
    index : int
        Its place in the corpus; names its parts.
    source : JsonlRun or tuple of Document
    outputs : PartOutputs
        What to write besides the summary.
    max_quotes : int or None
        Quotes kept per place.
    find_corridors : bool
        Return the corridor drafts.
    skip_bad_lines : bool
    skip_ids : frozenset of str
        Ids of earlier documents: their duplicates here are skipped.
    include_adjectives : bool
        Report demonym-adjectives as mentions (``places --no-adjectives`` turns it off).
    """

    index: int
    source: Source
    outputs: PartOutputs
    max_quotes: int | None = MAX_QUOTES
    find_corridors: bool = True
    skip_bad_lines: bool = False
    skip_ids: frozenset[str] = frozenset()
    include_adjectives: bool = True


@dataclass
class ChunkSummary:
    """What a task returns to the client: small, whatever the size of its documents.

    Attributes
    ----------
    index : int
    ids : tuple of str
        The documents kept (first of their id within the task), in order.
    read : int
        Documents read, duplicates included.
    mentions : int
        Mentions found.
    places : PlaceAggregator
        The task's place aggregate.
    corridor_documents : tuple of CorridorDocument
        The documents stating a corridor, with their drafts.
    parts : EncodedParts
        The per-document digests and the mentions parts written (or their bytes).
    warnings : tuple of (type, str)
        Warnings raised while reading, to raise again in the client.
    cpu_s, wall_s : float
        CPU and wall-clock seconds the task took (a task that got a whole core has
        them equal).
    """

    index: int
    ids: tuple[str, ...]
    read: int
    mentions: int
    places: PlaceAggregator
    corridor_documents: tuple[CorridorDocument, ...]
    parts: EncodedParts
    warnings: tuple[tuple[type[Warning], str], ...]
    cpu_s: float
    wall_s: float


def process_chunk(task: CorpusTask) -> ChunkSummary:
    """Read, process and write one task: the unit of work of every mode.

    Reads the task's documents, runs :func:`process_document` on each (skipping ids
    already seen), writes its mentions parts (:func:`corridormap._scale_output.encode_parts`)
    and aggregates its places.

    Parameters
    ----------
    task : CorpusTask

    Returns
    -------
    ChunkSummary

    Raises
    ------
    InputError
        For an unreadable input or a bad JSONL line (unless ``skip_bad_lines``).
    """
    from corridormap._scale_aggregate import CorridorDocument, PlaceAggregator, distinct_places
    from corridormap._scale_output import encode_parts

    cpu, wall = time.process_time(), time.perf_counter()
    seen = set(task.skip_ids)
    results = []
    read = 0
    with warnings.catch_warnings(record=True) as caught:
        for doc in source_documents(task.source, skip_bad_lines=task.skip_bad_lines):
            read += 1
            if doc.id not in seen:
                seen.add(doc.id)
                results.append(process_document(doc, include_adjectives=task.include_adjectives))
    places = PlaceAggregator(task.max_quotes)
    corridor_documents = []
    for r in results:
        places.add(r.doc_id, r.title, r.mentions, r.quotes)
        if task.find_corridors and r.drafts:
            corridor_documents.append(
                CorridorDocument(r.doc_id, r.title, r.drafts, distinct_places(r.mentions))
            )
    parts = encode_parts(task.index, results, task.outputs)
    return ChunkSummary(
        index=task.index,
        ids=tuple(r.doc_id for r in results),
        read=read,
        mentions=parts.rows,
        places=places,
        corridor_documents=tuple(corridor_documents),
        parts=parts,
        warnings=tuple((w.category, str(w.message)) for w in caught),
        cpu_s=time.process_time() - cpu,
        wall_s=time.perf_counter() - wall,
    )


# --------------------------------------------------------------------------- modes


class Runner:
    """Runs picklable functions here, in worker processes or on Dask; see :func:`open_runner`.

    Attributes
    ----------
    slots : int
        Tasks that run at once.
    in_process : bool
        True when the tasks run in this process (serial mode).
    """

    def __init__(
        self,
        submit: Callable[[Callable[[Any], Any], Any], Callable[[], Any]],
        slots: int,
        in_process: bool,
    ) -> None:
        self._submit = submit
        self.slots = slots
        self.in_process = in_process

    def submit(self, function: Callable[[_T], _R], item: _T) -> Callable[[], _R]:
        """Start ``function(item)``; return a call that waits for its result."""
        return self._submit(function, item)

    def map(self, function: Callable[[_T], _R], items: Iterable[_T]) -> Iterator[tuple[_T, _R]]:
        """``(item, function(item))`` in input order, at most ``2 × slots`` in flight.

        ``items`` is consumed lazily, so reading stays ahead of the workers only by the
        window.
        """
        window: deque[tuple[_T, Callable[[], _R]]] = deque()
        for item in items:
            window.append((item, self.submit(function, item)))
            if len(window) >= 2 * self.slots:
                first, result = window.popleft()
                yield first, result()
        while window:
            first, result = window.popleft()
            yield first, result()


@contextlib.contextmanager
def open_runner(
    workers: int = 1,
    dask: str | Client | None = None,
    *,
    warm: Warmup | None = None,
    processes: bool | None = None,
) -> Iterator[Runner]:
    """A :class:`Runner` for a mode, ready; workers and clusters it started stop on exit.

    The runner is returned once every process that will run tasks has warmed up
    (:class:`Warmup`: modules imported, gazetteer loaded), so the start-up of a mode is
    the time this takes.  Worker processes it started (a pool, or a ``LocalCluster``)
    then freeze their garbage collector (see :func:`_freeze_gc`).

    Parameters
    ----------
    workers : int
        Processes on this machine (1: in this process).  With ``dask="local"``, the
        number of ``LocalCluster`` workers (at least 2).
    dask : str or distributed.Client, optional
        ``"local"`` for a ``LocalCluster`` on this machine, a scheduler address
        (``"tcp://host:8786"``), or a connected ``Client``.
    warm : Warmup, optional
        What to load first (default: ``Warmup()``).
    processes : bool, optional
        A pool of worker processes even for ``workers=1`` (None: for ``workers > 1``).

    Raises
    ------
    ValueError
        For ``workers < 1``.
    ImportError
        If ``dask`` is given and ``distributed`` is not installed.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers!r}")
    warm = warm or Warmup()
    if dask is not None:
        with _dask_runner(dask, workers, warm) as runner:
            yield runner
    elif workers == 1 and not processes:
        warm()
        # Lazy: a task runs when its result is asked for, so the window stays small.
        yield Runner(lambda function, item: functools.partial(function, item), 1, True)
    else:
        import multiprocessing

        # forkserver: workers start clean (no copied threads or locks of the parent) and
        # each loads the memory-mapped gazetteer once, in the initializer.
        context = multiprocessing.get_context("forkserver")
        ready = context.Queue()
        with context.Pool(workers, initializer=_start_worker, initargs=(warm, ready)) as pool:
            _wait_ready(ready, workers)
            yield Runner(
                lambda function, item: pool.apply_async(function, (item,)).get, workers, False
            )


#: Seconds a worker process may take to start and load the gazetteer.
STARTUP_TIMEOUT_S = 600.0


def _wait_ready(ready: Any, workers: int) -> None:
    """Wait for ``workers`` start-up reports; raise the first error reported."""
    import queue

    for _ in range(workers):
        try:
            error = ready.get(timeout=STARTUP_TIMEOUT_S)
        except queue.Empty:
            raise RuntimeError(
                f"worker processes did not start within {STARTUP_TIMEOUT_S:.0f} s"
            ) from None
        if error is not None:
            raise error


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
        from dask import config as dask_config

        # Without a dashboard nothing reads the workers' statistical profiler, which
        # samples the task thread every 10 ms and competes with it for the GIL.
        with dask_config.set({"distributed.worker.profile.enabled": False}):
            cluster = lib.LocalCluster(
                n_workers=max(workers, 2),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
        return lib.Client(cluster), cluster
    return lib.Client(dask), None


@contextlib.contextmanager
def _dask_runner(dask: str | Client, workers: int, warm: Warmup) -> Iterator[Runner]:
    client, cluster = _dask_client(dask, workers)
    own_client = isinstance(dask, str)
    try:
        # Every worker warms up before the first task; only those of a cluster started
        # here freeze their collector (a shared cluster's workers run other work too).
        client.run(_start_dask_worker, warm, cluster is not None)
        slots = max(1, sum(client.nthreads().values()))
        # pure=False: identical tasks of two corpora are still two tasks.
        yield Runner(
            lambda function, item: client.submit(function, item, pure=False).result, slots, False
        )
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
    mentions_sha256 : str
        Digest of the mentions JSONL lines: SHA-256 over the SHA-256 of each line, in
        order (the same whatever the mode or task size), to compare runs.
    corridors_sha256 : str
        Digest of the corridors GeoJSON (sorted keys).
    client_cpu_s : float
        CPU seconds this process spent streaming after the start-up (cutting the
        input, taking the summaries, writing), the tasks' own CPU excluded.
    startup_s : float
        Wall-clock seconds from the call until every process that runs tasks was
        ready (a pool or cluster started, modules imported, the gazetteer loaded: see
        :class:`Warmup`); the same in serial, where this process warms up.
    task_cpu_s, task_wall_s : float
        CPU and wall-clock seconds of all tasks (the per-document work, wherever it
        ran).  ``task_wall_s / (workers × streaming time)`` is how busy the workers
        were kept; ``task_cpu_s / task_wall_s`` how much of a core they got.
    """

    documents: int
    mentions: int
    place_records: list[dict[str, Any]]
    corridors_geojson: dict[str, Any]
    files: list[Path]
    mentions_sha256: str
    corridors_sha256: str
    client_cpu_s: float = 0.0
    startup_s: float = 0.0
    task_cpu_s: float = 0.0
    task_wall_s: float = 0.0

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
    max_quotes: int | None = MAX_QUOTES,
    find_corridors: bool = True,
    worker_files: bool = True,
    routing: str = "terrain",
    buffer_km: float = 25.0,
    spec: str | Path | Spec | None = None,
    reference: bool | str | Path | Catalogue = True,
    skip_bad_lines: bool = False,
    progress: CorpusProgress | None = None,
    include_adjectives: bool = True,
    processes: bool | None = None,
) -> CorpusResult:
    """Run the pipeline over a corpus, streaming, on one machine or a Dask cluster.

    Parameters
    ----------
    inputs : path, URL, ``"-"``, iterable of them, or iterable of Document
        Large JSONL (``.jsonl``/``.jsonl.gz``) files and directories are streamed.
    workers : int
        Worker processes (1: this process); with ``dask="local"`` the cluster size.
    dask : str or distributed.Client, optional
        Run the tasks on Dask: ``"local"``, ``"tcp://host:8786"`` or a ``Client``.
    out_dir : path, optional
        Write GeoParquet datasets here: ``mentions/part-NNNNN.parquet`` (one part per
        task, written by the worker as it goes), then ``places/`` and ``corridors/``,
        and ``_manifest.json`` last.  Each file appears atomically.
    mentions_jsonl : path or text handle, optional
        Write the ``places --format jsonl`` lines here, in input order (a path ending
        in ``.gz`` is gzip-compressed, one gzip member per task; a path is replaced
        atomically at the end).
    batch_size : int
        Documents (JSONL lines) per task, and per mentions part.
    max_quotes : int or None
        Quotes kept per place and per corridor (None: all, as ``analyze`` does).
    find_corridors : bool
        False for places only (``corridormap places``): no corridor merging, routing
        or ``corridors/`` dataset.
    worker_files : bool
        Workers read their byte ranges of plain JSONL inputs and write their mentions
        parts themselves: they need the input and output paths (always true on one
        machine; on a cluster, a shared filesystem).  False: this process reads the
        input and writes every file, and lines and encoded parts travel instead.
    routing, buffer_km, spec, reference
        As for :func:`corridormap.analyze`.
    skip_bad_lines : bool
        Skip malformed JSONL lines with a warning.
    progress : callable, optional
        Called with the number of documents done after each task.
    include_adjectives : bool
        Report demonym-adjectives ("Russian") as mentions of their country; the
        corridor extractor needs them, so turn this off for places only.
    processes : bool, optional
        Run the tasks in a pool of worker processes even with ``workers=1`` (None: a
        pool only for ``workers > 1``); to compare one worker process with several.

    Returns
    -------
    CorpusResult

    Raises
    ------
    corridormap.errors.CorridormapError
        For unreadable inputs and missing data.
    """
    # The start-up runs from the call: these imports are part of it.
    started = time.perf_counter()
    from corridormap._scale_aggregate import CorridorAggregator, PlaceAggregator
    from corridormap._scale_output import CorpusWriter
    from corridormap.corridors import merge_draft  # noqa: F401  (imported before the start-up ends)
    from corridormap.spec import Spec, load_spec

    if batch_size < 1:
        raise ValueError(f"batch size must be at least 1, got {batch_size!r}")
    # A bad spec fails before the expensive stages.
    loaded = spec if spec is None or isinstance(spec, Spec) else load_spec(spec)
    places = PlaceAggregator(max_quotes)
    corridors = CorridorAggregator(max_quotes)
    digest = hashlib.sha256()
    seen: set[str] = set()
    n_docs = n_mentions = in_file = 0
    task_cpu = task_wall = 0.0
    with CorpusWriter(out_dir, mentions_jsonl, worker_files=worker_files) as writer:
        outputs = writer.part_outputs()
        inputs_read = even_tail(
            sources(inputs, skip_bad_lines=skip_bad_lines, batch_size=batch_size), batch_size
        )
        if not worker_files:
            inputs_read = (_carried(source) for source in inputs_read)
        tasks = (
            CorpusTask(
                k,
                source,
                outputs,
                max_quotes,
                find_corridors,
                skip_bad_lines,
                include_adjectives=include_adjectives,
            )
            for k, source in enumerate(inputs_read)
        )
        warm = Warmup(
            include_adjectives=include_adjectives,
            parquet=outputs.parquet,
            corridors=find_corridors,
        )
        runner_cm = open_runner(workers, dask, warm=warm, processes=processes)
        with runner_cm as runner, _gc_frozen():
            startup = time.perf_counter() - started
            cpu = time.process_time()
            for task, summary in runner.map(process_chunk, tasks):
                repeated = seen.intersection(summary.ids)
                if repeated:
                    # Ids seen in an earlier task (rare): run this one again without them,
                    # which rewrites its parts.
                    again = dataclasses.replace(task, skip_ids=task.skip_ids | repeated)
                    task_cpu += summary.cpu_s
                    task_wall += summary.wall_s
                    summary = runner.submit(process_chunk, again)()
                seen.update(summary.ids)
                in_file = _check_file_end(task.source, in_file + summary.read)
                for category, message in summary.warnings:
                    warnings.warn(message, category, stacklevel=2)
                writer.add(summary)
                digest.update(summary.parts.digests)
                places.update(summary.places)
                for document in summary.corridor_documents:
                    corridors.add(document)
                n_docs += len(summary.ids)
                n_mentions += summary.mentions
                task_cpu += summary.cpu_s
                task_wall += summary.wall_s
                if progress is not None:
                    progress(n_docs)
            client_cpu = time.process_time() - cpu - (task_cpu if runner.in_process else 0.0)
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
        writer.finish(records, collection if find_corridors else None, outputs.geo_metadata)
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
        client_cpu_s=client_cpu,
        startup_s=startup,
        task_cpu_s=task_cpu,
        task_wall_s=task_wall,
    )


def _carried(source: Source) -> Source:
    """``source`` with its bytes read here, for workers that cannot read the input."""
    if isinstance(source, JsonlRun) and source.path is not None:
        return dataclasses.replace(source, path=None, data=source._read_range())
    return source


def corpus_map_inputs(
    inputs: str | Path | Iterable[str | Path] | Iterable[Document], **options: Any
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """``(corridors_geojson, place_records)`` of a corpus for ``render.build_map``.

    ``options`` are those of :func:`analyze_corpus`.
    """
    return analyze_corpus(inputs, **options).map_inputs()
