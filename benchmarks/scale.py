"""Corpus-mode throughput and memory: serial, 2 worker processes, a 2-worker LocalCluster.

For each corpus size (SYNTHETIC documents from ``benchmarks/synthetic_corpus.py``) and
mode, a fresh subprocess runs :func:`corridormap.scale.analyze_corpus` with every
output on (mentions JSONL.gz and the GeoParquet datasets) while this script samples the
resident memory of that process and all its descendants (pool or Dask workers, the
forkserver, the nanny processes) with psutil.  Each (size, mode) runs ``--repeat``
times (default 3), interleaved (modes in turn, the order reversed every other round),
because this machine is noisy: two virtual CPUs that slow each other down and other
work that comes and goes.  It prints every run, then a summary:

* ``start-up s``: from the call until every process that runs tasks is ready (pool or
  cluster started, modules imported, gazetteer loaded: ``CorpusResult.startup_s``);
* ``docs/s``: documents over the streaming time after the start-up, up to the last
  document's results (steady state: the per-document work only, as
  ``../shared/bench/geoparse_eval.py`` excludes start-up), and ``docs/s incl.
  start-up`` over the whole streaming phase;
* ``finish s``: anchoring, routing (``schematic`` here: routing costs the same in every
  mode and does not grow with the corpus) and writing places and corridors;
* ``peak RSS``: the largest sum of RSS over the process tree, sampled every 0.5 s
  (shared pages, such as the memory-mapped gazetteer, count once per process: an
  over-estimate), and the largest single process (sampled, and the run's own
  ``getrusage`` maximum);
* ``speed-up``: docs/s against serial at the same size (linear = 2.0), median against
  median and best against best;
* ``client CPU ms/doc``: CPU time of the calling process after the start-up (cutting
  the input, taking the task summaries, appending the JSONL parts; for Dask it includes
  the ``LocalCluster``'s scheduler, which runs in the calling process), per document,
  the tasks' own CPU excluded; ``task CPU ms/doc``: the per-document work, measured
  inside each task.  On two cores the first must stay small next to the second for two
  workers to reach twice the serial speed;
* ``busy``: the tasks' wall-clock time over ``workers × (stream s − start-up s)`` (the
  last, unevenly shared tasks keep it under 100%); ``core``: the share of a core the
  tasks got, their CPU over their wall-clock time (under 100% when other processes, or
  the client, took CPU from them);
* ``load``: the 1-minute load average before and after the run; ``twin``: the
  machine's two-process ratio (below) probed just before the run (a shorter probe);
* the mentions and corridors digests, which must agree across modes and runs.

Before and after the runs it prints the machine's own ceiling: the CPU time of a fixed
piece of pure-Python work alone and with a twin running on the other core at the same
time.  On two cores that share execution resources (virtual CPUs on one physical core, a
busy host) the twin makes each run slower, and no two-process program can be faster
than ``2 / ratio`` times one process.

Usage::

    python benchmarks/scale.py --sizes 1000 10000           # while developing
    python benchmarks/scale.py --sizes 1000 10000 100000    # the full table
    python benchmarks/scale.py --plain                       # an uncompressed corpus
    python benchmarks/scale.py --modes serial "1 worker" "2 workers"   # like with like
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MODES: dict[str, dict[str, Any]] = {
    "serial": {"workers": 1},
    "1 worker": {"workers": 1, "processes": True},
    "2 workers": {"workers": 2},
    "Dask LocalCluster(2)": {"workers": 2, "dask": "local"},
}
#: Run by default ("1 worker", a pool of one process, on request: ``--modes``).
DEFAULT_MODES = ["serial", "2 workers", "Dask LocalCluster(2)"]
#: Seconds between two samples of the process tree's memory.
SAMPLE_S = 0.5


def corpus(size: int, directory: Path, corridor_sentences: int | None, plain: bool = False) -> Path:
    """The synthetic corpus of ``size`` documents (written once, then reused).

    ``plain``: the same lines uncompressed (tasks then read their own byte ranges;
    compressed corpora are cut into runs of lines by the calling process).
    """
    sys.path.insert(0, str(HERE))
    from synthetic_corpus import write_corpus

    path = directory / f"synthetic-{size}-c{corridor_sentences or 'all'}.jsonl.gz"
    if not path.exists():
        partial = directory / f".partial-{path.name}"
        write_corpus(partial, size, corridor_sentences=corridor_sentences)
        partial.rename(path)
    if not plain:
        return path
    unzipped = path.with_name(path.name.removesuffix(".gz"))
    if not unzipped.exists():
        partial = directory / f".partial-{unzipped.name}"
        with gzip.open(path, "rb") as source, partial.open("wb") as target:
            shutil.copyfileobj(source, target)
        partial.rename(unzipped)
    return unzipped


def run_one(mode: str, path: Path, out: Path) -> dict[str, Any]:
    """Run one mode on one corpus in this process; return timings and digests."""
    from corridormap.scale import analyze_corpus

    start = time.perf_counter()
    streamed = [start]

    def progress(done: int) -> None:
        streamed[0] = time.perf_counter()

    result = analyze_corpus(
        path,
        out_dir=out / "geoparquet",
        mentions_jsonl=out / "mentions.jsonl.gz",
        routing="schematic",
        progress=progress,
        **MODES[mode],
    )
    end = time.perf_counter()
    return {
        "self_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "documents": result.documents,
        "mentions": result.mentions,
        "places": len(result.place_records),
        "corridors": len(result.corridors_geojson["features"]),
        "stream_s": streamed[0] - start,
        "startup_s": result.startup_s,
        "finish_s": end - streamed[0],
        "client_cpu_ms": 1000 * result.client_cpu_s / max(result.documents, 1),
        "task_cpu_ms": 1000 * result.task_cpu_s / max(result.documents, 1),
        "task_cpu_s": result.task_cpu_s,
        "task_wall_s": result.task_wall_s,
        "mentions_sha256": result.mentions_sha256,
        "corridors_sha256": result.corridors_sha256,
    }


def measure(mode: str, path: Path) -> dict[str, Any]:
    """Run one mode in a fresh subprocess, sampling the RSS of its process tree."""
    import psutil  # type: ignore[import-untyped]

    with tempfile.TemporaryDirectory(prefix="corridormap-scale-") as tmp:
        report = Path(tmp) / "report.json"
        command = [sys.executable, __file__, "--run", mode, str(path), tmp, str(report)]
        load_before = os.getloadavg()[0]
        proc = subprocess.Popen(command)
        peak = [0, 0]  # tree sum, largest process
        done = threading.Event()

        def sample() -> None:
            root = psutil.Process(proc.pid)
            while not done.is_set():
                try:
                    tree = [root, *root.children(recursive=True)]
                    sizes = []
                    for p in tree:
                        with contextlib.suppress(psutil.Error):
                            sizes.append(p.memory_info().rss)
                    peak[0] = max(peak[0], sum(sizes))
                    peak[1] = max(peak[1], *sizes, 0)
                except psutil.Error:
                    return
                done.wait(SAMPLE_S)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = proc.wait()
        done.set()
        sampler.join()
        if code != 0:
            raise SystemExit(f"{mode} on {path.name} failed with exit code {code}")
        row: dict[str, Any] = json.loads(report.read_text())
    row["loads"] = [load_before, os.getloadavg()[0]]
    row["load"] = f"{load_before:.1f}–{row['loads'][1]:.1f}"
    row["tree_rss_mb"] = peak[0] / 2**20
    row["process_rss_mb"] = max(peak[1] / 2**20, row["self_rss_mb"])
    return row


def _digests(rows: list[dict[str, Any]]) -> dict[int, set[tuple[str, str]]]:
    found: dict[int, set[tuple[str, str]]] = {}
    for r in rows:
        found.setdefault(r["documents"], set()).add((r["mentions_sha256"], r["corridors_sha256"]))
    return found


def runs_table(rows: list[dict[str, Any]]) -> str:
    """The Markdown table of every run, in the order they ran."""
    digests = _digests(rows)
    lines = [
        "| documents | mode | run | load | twin | start-up s | docs/s | docs/s incl. start-up "
        "| client CPU ms/doc | task CPU ms/doc | busy | core | stream s | finish s "
        "| peak RSS tree MB | max process RSS MB | mentions | corridors "
        "| digests (mentions/corridors) | same |",
        "|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in rows:
        same = "yes" if len(digests[r["documents"]]) == 1 else "NO"
        lines.append(
            f"| {r['documents']:,} | {r['mode']} | {r['run']} | {r['load']} | {r['twin']:.2f} "
            f"| {r['startup_s']:.2f} | {r['docs_s']:.0f} | {r['docs_s_all']:.0f} "
            f"| {r['client_cpu_ms']:.2f} | {r['task_cpu_ms']:.2f} "
            f"| {r['busy']:.0%} | {r['core']:.0%} "
            f"| {r['stream_s']:.1f} | {r['finish_s']:.1f} | {r['tree_rss_mb']:.0f} "
            f"| {r['process_rss_mb']:.0f} | {r['mentions']:,} | {r['corridors']} "
            f"| {r['mentions_sha256'][:10]}/{r['corridors_sha256'][:10]} | {same} |"
        )
    return "\n".join(lines)


def summary_table(rows: list[dict[str, Any]]) -> str:
    """Per size and mode: the median and the best of the runs, and their spread."""
    groups: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["documents"], r["mode"]), []).append(r)
    digests = _digests(rows)

    def med(group: list[dict[str, Any]], key: str) -> float:
        return statistics.median(r[key] for r in group)

    lines = [
        "| documents | mode | runs | docs/s median | docs/s best | all runs | speed-up median "
        "| speed-up best | start-up s | docs/s incl. start-up | speed-up incl. start-up "
        "| client CPU ms/doc | task CPU ms/doc | busy | core | peak RSS tree MB "
        "| max process RSS MB | load | same |",
        "|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for (size, mode), group in groups.items():
        serial = groups.get((size, "serial"))
        speedup = best_speedup = speedup_all = ""
        if serial:
            speedup = f"{med(group, 'docs_s') / med(serial, 'docs_s'):.2f}"
            best = max(r["docs_s"] for r in group) / max(r["docs_s"] for r in serial)
            best_speedup = f"{best:.2f}"
            speedup_all = f"{med(group, 'docs_s_all') / med(serial, 'docs_s_all'):.2f}"
        every = ", ".join(f"{r['docs_s']:.0f}" for r in group)
        loads = [x for r in group for x in r["loads"]]
        same = "yes" if len(digests[size]) == 1 else "NO"
        lines.append(
            f"| {size:,} | {mode} | {len(group)} | {med(group, 'docs_s'):.0f} "
            f"| {max(r['docs_s'] for r in group):.0f} | {every} | {speedup} | {best_speedup} "
            f"| {med(group, 'startup_s'):.2f} | {med(group, 'docs_s_all'):.0f} | {speedup_all} "
            f"| {med(group, 'client_cpu_ms'):.2f} | {med(group, 'task_cpu_ms'):.2f} "
            f"| {med(group, 'busy'):.0%} | {med(group, 'core'):.0%} "
            f"| {max(r['tree_rss_mb'] for r in group):.0f} "
            f"| {max(r['process_rss_mb'] for r in group):.0f} "
            f"| {min(loads):.1f}–{max(loads):.1f} | {same} |"
        )
    return "\n".join(lines)


def _pure_python_work(n: int = 2_000_000) -> float:
    """CPU seconds of a fixed dict-and-string loop (the kind of work a document is)."""
    started = time.process_time()
    counts: dict[int, int] = {}
    total = 0
    for i in range(n):
        counts[i % 5000] = counts.get(i % 5000, 0) + i
        total += len(str(i))
    return time.process_time() - started


def machine_ceiling(rounds: int = 3, n: int = 2_000_000) -> tuple[float, float]:
    """(ratio, ceiling): CPU per unit of work with a twin on the other core over alone,
    and the best two-process speed-up this machine allows (2 / ratio)."""
    import multiprocessing

    alone = min(_pure_python_work(n) for _ in range(rounds))
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pairs = [t for _ in range(rounds) for t in pool.map(_pure_python_work, [n] * 2)]
    ratio = sum(pairs) / len(pairs) / alone
    return ratio, 2 / ratio


def ceiling_line() -> str:
    """The machine's two-process ceiling, measured now, with the load average."""
    load = os.getloadavg()[0]
    ratio, ceiling = machine_ceiling()
    return (
        f"the same pure-Python work takes {ratio:.2f}x the CPU when both cores run it at "
        f"once; no two processes can beat x{ceiling:.2f} serial here (load {load:.1f})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--modes", nargs="+", default=DEFAULT_MODES, choices=list(MODES))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each size and mode")
    parser.add_argument(
        "--corpus-dir", type=Path, default=Path(tempfile.gettempdir()) / "corridormap-synthetic"
    )
    parser.add_argument(
        "--corridor-sentences",
        type=int,
        default=12,
        help="corridor test sentences in the corpus (all 108 make the final routing step, "
        "the same in every mode, take minutes; the per-document work is alike)",
    )
    parser.add_argument(
        "--plain", action="store_true", help="an uncompressed .jsonl corpus (default .jsonl.gz)"
    )
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--run", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        mode, path, out, report = args.run
        row = run_one(mode, Path(path), Path(out))
        Path(report).write_text(json.dumps(row))
        return 0
    # Build the gazetteer index now if it is missing, so that no run times the build.
    subprocess.run(
        [sys.executable, "-c", "from corridormap.gazetteer import Gazetteer; Gazetteer.load()"],
        check=True,
    )
    print(f"machine: {ceiling_line()}", flush=True)
    rows = []
    for size in args.sizes:
        path = corpus(size, args.corpus_dir, args.corridor_sentences, args.plain)
        for run in range(1, args.repeat + 1):
            # Interleaved, the order reversed every other round: drift in the machine's
            # load spreads over every mode instead of landing on one.
            for mode in args.modes if run % 2 else args.modes[::-1]:
                # A short probe of the machine just before the run: its capacity comes
                # and goes (other work, the host), and a run is judged against it.
                twin, _ = machine_ceiling(rounds=1, n=1_000_000)
                row = measure(mode, path)
                row["twin"] = twin
                row["mode"] = mode
                row["run"] = run
                steady = max(row["stream_s"] - row["startup_s"], 1e-9)
                row["docs_s"] = row["documents"] / steady
                row["docs_s_all"] = row["documents"] / row["stream_s"]
                row["busy"] = row["task_wall_s"] / (MODES[mode]["workers"] * steady)
                row["core"] = row["task_cpu_s"] / max(row["task_wall_s"], 1e-9)
                rows.append(row)
                print(
                    f"{size:>7} {mode:<22} run {run} {row['docs_s']:5.0f} docs/s "
                    f"(incl. start-up {row['docs_s_all']:4.0f}, start-up {row['startup_s']:.2f} s) "
                    f"client {row['client_cpu_ms']:.2f} ms/doc task {row['task_cpu_ms']:.2f} "
                    f"ms/doc busy {row['busy']:.0%} core {row['core']:.0%} "
                    f"stream {row['stream_s']:6.1f} s finish {row['finish_s']:5.1f} s "
                    f"tree {row['tree_rss_mb']:5.0f} MB load {row['load']} twin x{twin:.2f}",
                    file=sys.stderr,
                    flush=True,
                )
    print(f"machine after the runs: {ceiling_line()}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    print("\nEvery run:\n")
    print(runs_table(rows))
    print("\nSummary (docs/s after the start-up; the median and the best of the runs):\n")
    print(summary_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
