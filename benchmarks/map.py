"""Map size and time to first render in headless Chromium.

Usage::

    python benchmarks/map.py MAP.html [MAP.html ...] [--runs 5]
    python benchmarks/map.py --build        # the seed map and a 1,000-document map

``--build`` writes, into a temporary folder, the seed map and the map of a SYNTHETIC
1,000-document corpus (``benchmarks/synthetic_corpus.py``), each online and
``--offline``, prints how long each took to build, then measures them.

For each file: its size, then the median over ``--runs`` fresh pages of

* ``load``: navigation start to the ``load`` event (scripts parsed and run),
* ``first render``: navigation start until the Leaflet map is ready and its vector
  lines are drawn (what a reader waits for; measured in the page with
  ``performance.now()``).

Normal maps get CDN assets from the vendored npm packages and blank tiles, so the
numbers measure corridormap's page, not a CDN.  Targets (issue 7): the seed map at most
1 MB online and 4 MB offline; the 1,000-document map at most 8 MB, rendered within 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corridormap._render_browser import is_offline_page, launch_browser, route_network

# Resolves when the folium map exists, is loaded and has drawn its first vector shape
# (or has none to draw); the time is from navigation start.
_FIRST_RENDER = """
() => new Promise((resolve) => {
    const ready = () => {
        const el = document.querySelector('.folium-map');
        const map = el && window[el.id];
        if (!map || !map._loaded) return false;
        const hasVectors = Object.values(map._layers).some((l) => l instanceof L.Path);
        return !hasVectors || map.getPane('overlayPane').querySelector('path') !== null;
    };
    const poll = () => ready()
        ? requestAnimationFrame(() => resolve(performance.now()))
        : setTimeout(poll, 5);
    poll();
})
"""


def measure(path: Path, runs: int) -> dict[str, float]:
    """Median load and first-render times in milliseconds over ``runs`` fresh pages."""
    offline = is_offline_page(path.read_text(encoding="utf-8"))
    loads, renders = [], []
    with launch_browser() as browser:
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            route_network(page, offline=offline, blocked=[])
            page.goto(path.resolve().as_uri(), wait_until="load")
            renders.append(float(page.evaluate(_FIRST_RENDER)))
            loads.append(
                float(
                    page.evaluate(
                        "() => performance.getEntriesByType('navigation')[0].loadEventEnd"
                    )
                )
            )
            page.close()
    return {"load_ms": statistics.median(loads), "first_render_ms": statistics.median(renders)}


ROOT = Path(__file__).resolve().parent.parent


def build_maps(folder: Path, documents: int = 1000) -> list[Path]:
    """Build the seed map and a synthetic-corpus map, online and offline, into ``folder``."""
    corpus = folder / f"synthetic_{documents}.jsonl"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "synthetic_corpus.py"), str(documents),
         "-o", str(corpus)],
        check=True, capture_output=True,
    )  # fmt: skip
    maps = []
    for name, source in (("seeds", ROOT / "seeds"), (f"synthetic_{documents}", corpus)):
        for offline in (False, True):
            out = folder / f"{name}{'_offline' if offline else ''}.html"
            command = [sys.executable, "-m", "corridormap", "--quiet", "map", str(source),
                       "-o", str(out)] + (["--offline"] if offline else [])  # fmt: skip
            started = time.perf_counter()
            subprocess.run(command, check=True)
            print(f"built {out.name} in {time.perf_counter() - started:.1f} s")
            maps.append(out)
    return maps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("maps", type=Path, nargs="*", help="map HTML files")
    parser.add_argument("--runs", type=int, default=5, help="pages per file (median)")
    parser.add_argument(
        "--build", action="store_true", help="build the seed and 1,000-document maps first"
    )
    args = parser.parse_args(argv)
    if args.build:
        args.maps = [*args.maps, *build_maps(Path(tempfile.mkdtemp(prefix="cm-maps-")))]
    if not args.maps:
        parser.error("give map files or --build")
    print(f"{'file':40} {'mode':8} {'size MB':>8} {'load ms':>8} {'render ms':>10}")
    for path in args.maps:
        html = path.read_text(encoding="utf-8")
        mode = "offline" if is_offline_page(html) else "online"
        times = measure(path, args.runs)
        size_mb = len(html.encode("utf-8")) / 1_000_000
        print(
            f"{path.name:40} {mode:8} {size_mb:8.3f} "
            f"{times['load_ms']:8.0f} {times['first_render_ms']:10.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
