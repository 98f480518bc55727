"""Instructions per document of recognition + resolution, counted by valgrind.

Wall and CPU time on a shared 2-core host vary by 15-25 % between identical runs, so a
change of a few percent cannot be seen in docs/s.  Instruction counts can: ``valgrind
--tool=callgrind`` counts the instructions a run executes, the same for the same code and
input whatever else the machine does.  This script counts a run over the first ``--docs``
documents of each corpus (fed twice, as a warm loop) and a run over none (imports and the
gazetteer load), and prints the difference per document, for one or more source trees
side by side:

    python benchmarks/geoparse_instructions.py                       # this checkout
    python benchmarks/geoparse_instructions.py --src /tmp/old/src --src src   # A/B

Needs Debian's ``valgrind``; about two minutes per tree at the default 50 documents per
corpus (valgrind runs Python some 50x slower).  The corpora are read from
``../shared/benchmarks/geoparsing/`` as in ``benchmarks/geoparse.py``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# The corpora and the scorer are those of benchmarks/geoparse.py (this script's folder
# is on sys.path when it runs).
from geoparse import CORPORA as _CORPORA_BY_NAME
from geoparse import ROOT, SCORER

CORPORA = list(_CORPORA_BY_NAME.values())
PASSES = 2

# The measured child: load everything, then run the documents PASSES times.
CHILD = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("geoparse_eval", sys.argv[1])
scorer = importlib.util.module_from_spec(spec); spec.loader.exec_module(scorer)
from corridormap.documents import make_document
from corridormap.gazetteer import Gazetteer
from corridormap.mentions import MentionFinder
from corridormap.pipeline import mention_record
from corridormap.resolve import Resolver
gazetteer = Gazetteer.load()
finder, resolver = MentionFinder(gazetteer), Resolver(gazetteer)
n, passes = int(sys.argv[2]), int(sys.argv[3])
docs = [d for path in sys.argv[4:] for d in scorer.load_corpus(path)[1][:n]]
for k in range(passes if n else 0):
    for d in docs:
        doc = make_document(d["text"], f"{d['id']}#{k}")
        records = [mention_record(m) for m in resolver.resolve(doc, finder.find(doc))]
        json.dumps({"id": doc.id, "mentions": records}, ensure_ascii=False)
"""


def instructions(src: Path, docs: int) -> int:
    """Instructions executed by the child over ``docs`` documents per corpus."""
    # One thread and a fixed hash seed: OpenBLAS's spinning pool and hash randomisation
    # each moved the count by tens of millions from run to run.
    env = {**os.environ, "PYTHONPATH": str(src), "OPENBLAS_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}
    # Build the tree's gazetteer index first, outside valgrind: another tree's code or
    # data has another index, and building it under valgrind would take hours.
    prebuild = "from corridormap.gazetteer import Gazetteer; Gazetteer.load()"
    subprocess.run([sys.executable, "-c", prebuild], env=env, check=True)
    argv = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
            sys.executable, "-c", CHILD, str(SCORER), str(docs), str(PASSES),
            *map(str, CORPORA)]  # fmt: skip
    proc = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
    found = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or found is None:
        sys.exit(f"valgrind run failed for {src}:\n{proc.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, action="append",
                    help="source tree (repeatable; default: this checkout's src)")  # fmt: skip
    ap.add_argument("--docs", type=int, default=50, help="documents per corpus")
    a = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        sys.exit("valgrind not found: apt-get install valgrind")
    if not SCORER.is_file():
        sys.exit(f"scorer not found: {SCORER}")
    trees = a.src or [ROOT / "src"]
    n_docs = PASSES * a.docs * len(CORPORA)
    print(f"{a.docs} documents per corpus x {len(CORPORA)} corpora x {PASSES} passes")
    print("| source tree | instructions per document | relative |")
    print("|---|---:|---:|")
    first = None
    for src in trees:
        per_doc = (instructions(src, a.docs) - instructions(src, 0)) / n_docs
        first = first or per_doc
        print(f"| {src} | {per_doc / 1e6:,.2f} M | {per_doc / first:.3f} |")


if __name__ == "__main__":
    main()
