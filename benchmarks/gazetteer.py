"""Gazetteer speed and memory: index build time, cold load, CLI peak RSS, lookups/s.

Run from the repository root::

    python benchmarks/gazetteer.py            # all measurements (rebuilds the index once)
    python benchmarks/gazetteer.py --no-build # skip the rebuild

Each measurement that must be "cold" runs in a fresh subprocess under a small wrapper
process, whose ``resource.getrusage(RUSAGE_CHILDREN)`` is that subprocess's peak RSS.
Numbers are printed, never asserted: the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


_WRAPPER = (
    "import json, resource, subprocess, sys, time;"
    "t = time.perf_counter();"
    "done = subprocess.run(json.loads(sys.argv[1]), capture_output=True, text=True);"
    "wall = time.perf_counter() - t;"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
    "print(json.dumps([done.returncode, wall, peak / 1024.0, done.stdout, done.stderr]))"
)


def _measure(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run ``command`` under a fresh wrapper process: (wall s, peak RSS MB, stdout).

    The wrapper's only child is ``command``, so RUSAGE_CHILDREN is that process's peak.
    """
    import json

    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, json.dumps(command)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    code, wall, peak, out, err = json.loads(done.stdout)
    if code != 0:
        raise RuntimeError(f"{command[:3]} failed: {err.strip()[-300:]}")
    return wall, peak, out.strip()


def _child(code: str, env: dict[str, str]) -> tuple[float, float, str]:
    """Run Python ``code`` in a fresh interpreter: (wall s, peak RSS MB, stdout)."""
    return _measure([sys.executable, "-c", code], env)


def _cli(args: list[str], env: dict[str, str]) -> tuple[float, float] | None:
    exe = shutil.which("corridormap")
    if exe is None:
        return None
    try:
        wall, peak, _ = _measure([exe, *args], env)
    except RuntimeError as exc:
        print(f"  CLI failed: {exc}")
        return None
    return wall, peak


def _words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    words = text.split()
    # Every 1-, 2- and 3-gram, as a mention finder would try them.
    grams = [" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)]
    return grams or ["Seoul", "Moscow", "North Korea"]


def main() -> None:
    """Print the gazetteer's build, load, memory and throughput numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="skip the index rebuild")
    options = parser.parse_args()
    env = dict(os.environ)

    if not options.no_build:
        with tempfile.TemporaryDirectory() as tmp:
            code = (
                "import time; from pathlib import Path;"
                "from corridormap.gazetteer.build import build_index;"
                f"t = time.perf_counter(); build_index(Path({tmp!r}) / 'index');"
                "print(round(time.perf_counter() - t, 2))"
            )
            wall, rss, out = _child(code, env)
            print(f"index build:            {out} s (process {wall:.1f} s, peak RSS {rss:.0f} MB)")

    # Make sure the cached index exists before the cold measurements.
    _child("from corridormap.gazetteer import Gazetteer; Gazetteer.load()", env)

    code = (
        "import time; t0 = time.perf_counter();"
        "from corridormap.gazetteer import Gazetteer; t1 = time.perf_counter();"
        "g = Gazetteer.load(); t2 = time.perf_counter();"
        "g.lookup('Seoul'); t3 = time.perf_counter();"
        "print(f'{t1 - t0:.3f} {t2 - t1:.3f} {t3 - t2:.4f}')"
    )
    wall, rss, out = _child(code, env)
    imp, load, first = out.split()
    print(f"cold import:            {imp} s")
    print(f"cold Gazetteer.load():  {load} s")
    print(f"first lookup:           {first} s")
    print(f"cold process total:     {wall:.3f} s wall, peak RSS {rss:.0f} MB")

    cli = _cli(["geocode", "Seoul"], env)
    if cli is None:
        print("CLI `corridormap geocode Seoul`: not available")
    else:
        print(f"CLI geocode Seoul:      {cli[0]:.3f} s wall, peak RSS {cli[1]:.0f} MB")

    from corridormap.gazetteer import Gazetteer, normalize

    gaz = Gazetteer.load()
    grams = _words()
    keys = [normalize(g) for g in grams]
    n = 200_000
    stream = [keys[i % len(keys)] for i in range(n)]
    start = time.perf_counter()
    for key in stream:
        gaz.contains(key)
    warm = n / (time.perf_counter() - start)
    rng = random.Random(1)
    fresh = [f"{rng.random():.12f} {k}" for k in keys[:50_000]]
    start = time.perf_counter()
    for key in fresh:
        gaz.contains(key)
    cold = len(fresh) / (time.perf_counter() - start)
    start = time.perf_counter()
    for key in stream:
        gaz.candidates(key)
    cands = n / (time.perf_counter() - start)
    # A fresh instance and an empty normalize cache: every n-gram pays full price.
    normalize.cache_clear()
    fresh_gaz = Gazetteer(gaz.directory)
    unique = list(dict.fromkeys(grams))[:20_000]
    start = time.perf_counter()
    for gram in unique:
        fresh_gaz.contains(normalize(gram))
    with_norm = len(unique) / (time.perf_counter() - start)
    start = time.perf_counter()
    gaz.contains_many(fresh)
    bulk = len(fresh) / (time.perf_counter() - start)
    print(f"contains (document n-grams, cached): {warm:,.0f} /s")
    print(f"contains_many (never-seen keys):     {bulk:,.0f} /s")
    print(f"contains (never-seen keys):          {cold:,.0f} /s")
    print(f"candidates (document n-grams):       {cands:,.0f} /s")
    print(f"normalize + contains (unique n-grams, uncached): {with_norm:,.0f} /s")
    print(f"index: {gaz.counts}")


if __name__ == "__main__":
    main()
