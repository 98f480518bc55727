"""The ``corridormap`` command line: a thin layer over :mod:`corridormap.pipeline`.

Library errors (:class:`~corridormap.errors.CorridormapError`) become one line on
stderr and exit code 2 here, and only here; anything else is a bug and keeps its
traceback.  Heavy modules are imported inside the commands so that ``--help`` and
``geocode`` start fast.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import logging
import os
import re
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from corridormap import __version__
from corridormap.errors import CorridormapError

if TYPE_CHECKING:
    from corridormap.pipeline import Result
    from corridormap.scale import CorpusResult

F = TypeVar("F", bound=Callable[..., Any])

# Control characters other than tab: a message quoting a service's answer or a file
# name must not move the cursor or recolour the terminal.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MESSAGE_MAX = 500

EXIT_USER_ERROR = 2
EXIT_OS_ERROR = 1


def _one_line_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: IO[str] | None = None,
    line: str | None = None,
) -> None:
    click.echo(f"corridormap: warning: {_one_line(message)}", err=True)


def _one_line(message: object, *, keep_lines: bool = False) -> str:
    """``message`` with control characters shown escaped, as one line of bounded length.

    ``keep_lines`` keeps the line breaks of a message that lists several problems
    (a spec error), bounding the whole message instead.
    """
    text = str(message)
    if not keep_lines:
        text = " ".join(text.split("\n"))
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    limit = _MESSAGE_MAX * (40 if keep_lines else 1)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr when it is a terminal, else nothing."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=None) as bar:
        task = bar.add_task("documents", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _inputs_argument(func: F) -> F:
    return click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")(func)


def _output_option(func: F) -> F:
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write to this file (atomically) instead of standard output.",
    )(func)


def _corridor_options(func: F) -> F:
    """Options shared by the commands that find corridors (map, corridors)."""
    options = [
        click.option(
            "--spec",
            "spec",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="A corridor spec (YAML) that adds, corrects or hides corridors.",
        ),
        click.option(
            "--reference-dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="Folder of reference catalogue files (default: the bundled data/reference).",
        ),
        click.option(
            "--no-reference",
            is_flag=True,
            help="Do not match corridors against the reference catalogue.",
        ),
        click.option(
            "--routing",
            type=click.Choice(["terrain", "schematic"]),
            default="terrain",
            show_default=True,
            help="Draw least-cost routes over terrain, or join waypoints schematically.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _corpus_options(func: F) -> F:
    """Corpus mode: stream big corpora through worker processes or a Dask cluster."""
    options = [
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            default=1,
            show_default=True,
            help="Worker processes for the per-document work (corpus mode when > 1).",
        ),
        click.option(
            "--dask",
            "dask_scheduler",
            default=None,
            metavar="SCHEDULER",
            help="Run the per-document work on a Dask cluster: tcp://host:8786 or 'local'.",
        ),
        click.option(
            "--out-dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="Also write GeoParquet datasets (mentions, places, corridors) here.",
        ),
        click.option(
            "--max-quotes",
            type=click.IntRange(min=1),
            default=5,
            show_default=True,
            help="In corpus mode, quotes kept per place and corridor (counts stay exact).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _set_corpus(
    ctx: click.Context,
    workers: int,
    dask_scheduler: str | None,
    out_dir: Path | None,
    max_quotes: int,
) -> dict[str, Any] | None:
    """Remember the corpus-mode options for this run; ``None`` when not in corpus mode."""
    corpus = None
    if workers > 1 or dask_scheduler is not None or out_dir is not None:
        corpus = {"workers": workers, "dask": dask_scheduler, "out_dir": out_dir,
                  "max_quotes": max_quotes}  # fmt: skip
    ctx.obj["corpus"] = corpus
    return corpus


def _corridors_geojson(result: Result | CorpusResult) -> dict[str, Any]:
    collection = result.corridors_geojson
    return collection() if callable(collection) else collection


def _place_records(result: Result | CorpusResult) -> list[dict[str, Any]]:
    records = result.place_records
    return records() if callable(records) else records


def _analyze(
    ctx: click.Context,
    inputs: Sequence[str],
    routing: str,
    skip_bad_lines: bool,
    spec: Path | None,
    no_reference: bool,
    reference_dir: Path | None,
) -> Result | CorpusResult:
    """Run the pipeline for ``map`` and ``corridors``, with a progress bar on a terminal.

    In corpus mode (``--workers``, ``--dask`` or ``--out-dir``) the documents are
    streamed through :func:`corridormap.scale.analyze_corpus` instead.
    """
    from corridormap.pipeline import analyze

    reference: bool | Path = False if no_reference else (reference_dir or True)
    corpus = ctx.obj.get("corpus")
    if corpus is not None:
        from corridormap.scale import analyze_corpus

        return analyze_corpus(
            list(inputs),
            routing=routing,
            skip_bad_lines=skip_bad_lines,
            spec=spec,
            reference=reference,
            **corpus,
        )
    with _progress(not ctx.obj["quiet"]) as progress:
        return analyze(
            list(inputs),
            routing=routing,
            skip_bad_lines=skip_bad_lines,
            progress=progress,
            spec=spec,
            reference=reference,
        )


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    from corridormap._atomic import write_text

    write_text(output, text if text.endswith("\n") else text + "\n")


class _Terminated(KeyboardInterrupt):
    """SIGTERM (or SIGHUP) raised as an interrupt, so the same clean-up runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, frame: object) -> None:
    raise _Terminated(signum)


class _Group(click.Group):
    """Turns library errors into one-line messages with exit code 2.

    Interrupts exit 128 + the signal number (130 for Ctrl-C, 143 for SIGTERM) after
    the ``finally`` blocks and context managers on the way have run, so temp files
    of atomic writes are gone.  An operating-system error (disk full, no permission
    to write the output) is one line and exit code 1.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CorridormapError as exc:
            click.echo(f"corridormap: error: {_one_line(exc, keep_lines=True)}", err=True)
            ctx.exit(EXIT_USER_ERROR)
        except KeyboardInterrupt as exc:
            signum = exc.signum if isinstance(exc, _Terminated) else signal.SIGINT
            name = signal.Signals(signum).name
            click.echo(f"corridormap: interrupted ({name})", err=True)
            ctx.exit(128 + signum)
        except BrokenPipeError:
            # `corridormap places ... | head`: the reader left; not an error of ours.
            sys.stderr.close()
            ctx.exit(0)
        except OSError as exc:
            where = f": {exc.filename}" if exc.filename else ""
            click.echo(
                f"corridormap: error: {_one_line(f'{exc.strerror or exc}{where}')}", err=True
            )
            ctx.exit(EXIT_OS_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="corridormap")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: int) -> None:
    """Turn news and policy text about proposed infrastructure into a corridor map.

    INPUT is a file (.txt .md .html .jsonl), a directory, an http(s) URL, or - for
    standard input.
    """
    level = (
        logging.ERROR if quiet else [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    )
    logging.basicConfig(level=level, format="corridormap: %(levelname)s: %(message)s")
    warnings.showwarning = _one_line_warning
    if quiet:
        warnings.simplefilter("ignore")
    ctx.ensure_object(dict)
    ctx.obj["quiet"] = quiet


# --------------------------------------------------------------------------- map


@cli.command("map")
@_inputs_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("corridor_map.html"),
    show_default=True,
    help="The HTML map to write.",
)
@click.option("--offline", is_flag=True, help="Inline every asset: the map works with no network.")
@_corridor_options
@click.option("--title", default="corridormap", show_default=True, help="Title of the map page.")
@click.option("--skip-bad-lines", is_flag=True, help="Skip malformed JSONL lines with a warning.")
@_corpus_options
@click.pass_context
def map_command(
    ctx: click.Context,
    inputs: Sequence[str],
    output: Path,
    offline: bool,
    routing: str,
    spec: Path | None,
    reference_dir: Path | None,
    no_reference: bool,
    title: str,
    skip_bad_lines: bool,
    workers: int,
    dask_scheduler: str | None,
    out_dir: Path | None,
    max_quotes: int,
) -> None:
    """Build the analytical HTML map of the places and corridors in INPUT."""
    _set_corpus(ctx, workers, dask_scheduler, out_dir, max_quotes)
    result = _analyze(ctx, inputs, routing, skip_bad_lines, spec, no_reference, reference_dir)
    result.to_html(output, offline=offline, title=title)
    if not ctx.obj["quiet"]:
        click.echo(
            f"corridormap: wrote {output} ({len(_place_records(result))} places, "
            f"{len(_corridors_geojson(result)['features'])} corridors)",
            err=True,
        )


# --------------------------------------------------------------------------- places


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


@cli.command("places")
@_inputs_argument
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl", "geojson", "csv"]),
    default="table",
    show_default=True,
    help="jsonl: one line per document with every mention and its offsets; the others: "
    "one row per distinct place.",
)
@_output_option
@click.option("--skip-bad-lines", is_flag=True, help="Skip malformed JSONL lines with a warning.")
@click.option(
    "--adjectives/--no-adjectives",
    default=True,
    show_default=True,
    help="Report nationality adjectives ('Russian', 'Korean') as mentions of their "
    "country; --no-adjectives for place names only.",
)
@_corpus_options
@click.pass_context
def places_command(
    ctx: click.Context,
    inputs: Sequence[str],
    fmt: str,
    output: Path | None,
    skip_bad_lines: bool,
    adjectives: bool,
    workers: int,
    dask_scheduler: str | None,
    out_dir: Path | None,
    max_quotes: int,
) -> None:
    """List the places mentioned in INPUT, geocoded."""
    corpus = _set_corpus(ctx, workers, dask_scheduler, out_dir, max_quotes)
    if corpus is not None:
        _places_corpus(
            inputs, fmt, output, skip_bad_lines, {**corpus, "include_adjectives": adjectives}
        )
        return
    from corridormap.documents import read_inputs
    from corridormap.gazetteer import Gazetteer
    from corridormap.mentions import MentionFinder
    from corridormap.pipeline import Result, mention_record
    from corridormap.resolve import Resolver

    gaz = Gazetteer.load()
    finder, resolver = MentionFinder(gaz, include_adjectives=adjectives), Resolver(gaz)
    if fmt == "jsonl":
        # Streamed: one document in memory at a time.
        buffer = io.StringIO() if output is not None else None
        # Straight to the stream, not click.echo: that flushes after every line, a
        # system call per document.
        sink: IO[str] = buffer if buffer is not None else sys.stdout
        for doc in read_inputs(list(inputs), skip_bad_lines=skip_bad_lines):
            mentions = resolver.resolve(doc, finder.find(doc))
            line = json.dumps(
                {"id": doc.id, "mentions": [mention_record(m) for m in mentions]},
                ensure_ascii=False,
            )
            sink.write(line + "\n")
        if buffer is not None:
            _emit(buffer.getvalue(), output)
        else:
            sink.flush()
        return
    docs = list(read_inputs(list(inputs), skip_bad_lines=skip_bad_lines))
    mentions = [m for doc in docs for m in resolver.resolve(doc, finder.find(doc))]
    records = Result(documents=docs, mention_list=mentions).place_records()
    _emit(_format_places(records, fmt), output)


def _format_places(records: list[dict[str, Any]], fmt: str) -> str:
    """Distinct places as json, geojson, csv or a table."""
    public = ["name", "lat", "lon", "country_code", "feature", "population", "mention_count",
              "confidence", "surface_forms", "source_id"]  # fmt: skip
    if fmt == "json":
        rows_out = [{**{k: r[k] for k in public}, "mentions": r["mentions"]} for r in records]
        text = json.dumps(rows_out, ensure_ascii=False, indent=2)
    elif fmt == "geojson":
        features = [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                "properties": {k: r[k] for k in public if k not in {"lat", "lon"}},
            }
            for r in records
        ]
        text = json.dumps(
            {"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=2
        )
    elif fmt == "csv":
        handle = io.StringIO()
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(public)
        for r in records:
            writer.writerow(["|".join(r[k]) if k == "surface_forms" else r[k] for k in public])
        text = handle.getvalue()
    else:
        rows = [[r["name"], r["country_code"] or "", r["feature"], f"{r['lat']:.4f}",
                 f"{r['lon']:.4f}", str(r["mention_count"]), f"{r['confidence']:.2f}"]
                for r in records]  # fmt: skip
        text = _table(rows, ["name", "cc", "feature", "lat", "lon", "mentions", "conf"])
    return text


def _places_corpus(
    inputs: Sequence[str],
    fmt: str,
    output: Path | None,
    skip_bad_lines: bool,
    corpus: dict[str, Any],
) -> None:
    """``places`` in corpus mode: streamed JSONL, or the aggregated places."""
    from corridormap.scale import analyze_corpus

    jsonl: Path | IO[str] | None = None
    if fmt == "jsonl":
        jsonl = output if output is not None else sys.stdout
    result = analyze_corpus(
        list(inputs),
        find_corridors=False,
        mentions_jsonl=jsonl,
        skip_bad_lines=skip_bad_lines,
        **corpus,
    )
    if fmt != "jsonl":
        _emit(_format_places(result.place_records, fmt), output)


# --------------------------------------------------------------------------- corridors


@cli.command("corridors")
@_inputs_argument
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "geojson", "yaml"]),
    default="table",
    show_default=True,
    help="yaml: a corridor spec of what was found, to edit and pass back with --spec.",
)
@_corridor_options
@_output_option
@click.option("--skip-bad-lines", is_flag=True, help="Skip malformed JSONL lines with a warning.")
@_corpus_options
@click.pass_context
def corridors_command(
    ctx: click.Context,
    inputs: Sequence[str],
    fmt: str,
    routing: str,
    spec: Path | None,
    reference_dir: Path | None,
    no_reference: bool,
    output: Path | None,
    skip_bad_lines: bool,
    workers: int,
    dask_scheduler: str | None,
    out_dir: Path | None,
    max_quotes: int,
) -> None:
    """List the infrastructure corridors proposed in INPUT, routed and measured."""
    if _set_corpus(ctx, workers, dask_scheduler, out_dir, max_quotes) and fmt == "yaml":
        raise click.UsageError(
            "--format yaml needs the whole corpus in memory: drop --workers, --dask and --out-dir"
        )
    result = _analyze(ctx, inputs, routing, skip_bad_lines, spec, no_reference, reference_dir)
    collection = _corridors_geojson(result)
    if fmt == "yaml":
        from corridormap.pipeline import Result
        from corridormap.spec import corridors_to_spec

        assert isinstance(result, Result)
        text = corridors_to_spec([d.corridor for d in result.drawn])
    elif fmt == "geojson":
        text = json.dumps(collection, ensure_ascii=False, indent=2)
    elif fmt == "json":
        text = json.dumps(
            [{**f["properties"], "geometry": f["geometry"]} for f in collection["features"]],
            ensure_ascii=False,
            indent=2,
        )
    else:
        rows = []
        for f in collection["features"]:
            p = f["properties"]
            band = p["length_estimate_km"]
            rows.append([
                p["name"], p["kind"], p["status"], "-".join(p["countries"]),
                f"{p['length_km']:.0f}", f"{band[0]:.0f}-{band[1]:.0f}" if band else "",
                str(len(p["border_crossings"])), p["route_accuracy"], str(len(p["evidence"])),
                p.get("project") or "",
            ])  # fmt: skip
        text = _table(rows, ["name", "kind", "status", "countries", "km", "est. km",
                             "crossings", "accuracy", "quotes", "project"])  # fmt: skip
    _emit(text, output)


# --------------------------------------------------------------------------- geocode


@cli.command("geocode")
@click.argument("names", nargs=-1, required=True, metavar="NAME...")
@click.option("-c", "--country", default=None, help="Only candidates in this ISO alpha-2 country.")
@click.option(
    "-g",
    "--geocoder",
    default="gazetteer",
    show_default=True,
    help="Backend: gazetteer (offline) or a geopy service (nominatim, photon, arcgis ...).",
)
@click.option("-n", "--limit", type=click.IntRange(1, 100), default=5, show_default=True)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
@click.option("--user-agent", default=None, help="User agent for online services.")
@click.option("--timeout", type=float, default=10.0, show_default=True, help="Seconds per request.")
@click.option("--fallback", is_flag=True, help="Fall back to the gazetteer when a service fails.")
def geocode_command(
    names: Sequence[str],
    country: str | None,
    geocoder: str,
    limit: int,
    fmt: str,
    user_agent: str | None,
    timeout: float,
    fallback: bool,
) -> None:
    """Show ranked candidates for place NAMEs, with the evidence for each."""
    results = _geocode(names, geocoder, country, limit, user_agent, timeout, fallback)
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
        return
    rows = []
    for entry in results:
        for rank, cand in enumerate(entry["candidates"], start=1):
            rows.append([
                entry["query"], str(rank), cand["name"], cand.get("country_code") or "",
                cand.get("feature") or "", f"{cand['lat']:.4f}", f"{cand['lon']:.4f}",
                str(cand.get("population") or ""), cand.get("match") or "",
                f"{cand.get('score', 0):.2f}",
            ])  # fmt: skip
        if not entry["candidates"]:
            rows.append([entry["query"], "-", "(no match)", "", "", "", "", "", "", ""])
    click.echo(_table(rows, ["query", "#", "name", "cc", "feature", "lat", "lon", "population",
                             "match", "score"]))  # fmt: skip


def _geocode(
    names: Sequence[str],
    geocoder: str,
    country: str | None,
    limit: int,
    user_agent: str | None,
    timeout: float,
    fallback: bool,
) -> list[dict[str, Any]]:
    """Ranked candidates per name; the gazetteer also says how each name matched."""
    results: list[dict[str, Any]] = []
    if geocoder.strip().lower() == "gazetteer":
        from corridormap.gazetteer import Gazetteer

        gaz = Gazetteer.load()
        for name in names:
            cands = gaz.lookup(name, country=country, limit=limit)
            results.append({"query": name, "geocoder": "gazetteer", "candidates": [
                {**_place_record(c.place), "match": c.match, "score": round(c.prior, 3)}
                for c in cands
            ]})  # fmt: skip
        return results
    from corridormap.geocoders import get_geocoder

    options: dict[str, Any] = {"timeout": timeout, "fallback": fallback}
    if user_agent:
        options["user_agent"] = user_agent
    backend = get_geocoder(geocoder, **options)
    for name in names:
        places = backend.geocode(name, country=country, limit=limit)
        results.append({"query": name, "geocoder": geocoder, "candidates": [
            {**_place_record(p), "match": "service", "score": round(p.confidence, 3)}
            for p in places
        ]})  # fmt: skip
    return results


def _place_record(place: Any) -> dict[str, Any]:
    return {
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country_code,
        "feature": place.feature,
        "population": place.population,
        "source_id": place.source_id,
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``corridormap`` script.

    SIGTERM and SIGHUP are turned into interrupts (see :class:`_Group`) so that a
    killed run cleans up like a Ctrl-C'd one.
    """
    # numpy's OpenBLAS starts a pool of threads at import that then spin for a while;
    # no command here does linear algebra worth a second thread (a ridge fit of a few
    # dozen rows at most), so the command starts ~6 ms sooner and leaves the other core
    # alone.  Only the default: a value the user set stays.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    in_main_thread = threading.current_thread() is threading.main_thread()
    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if in_main_thread and signum is not None and signal.getsignal(signum) == signal.SIG_DFL:
            signal.signal(signum, _raise_terminated)
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="corridormap")
    finally:
        # Leave the run's objects (the gazetteer's caches, every document) to the end of
        # the process rather than to the collector: the interpreter's last collections
        # walked them all, 60-100 ms after a 200-document corpus, a fifth of its time.
        # Context managers and atexit handlers still run; only cycles go uncollected.
        gc.freeze()


if __name__ == "__main__":
    main()
