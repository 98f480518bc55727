"""Fuzz the document readers and the spec loader for a fixed time budget.

Usage::

    python benchmarks/fuzz.py [--seconds 60] [--seed 0]

Hypothesis generates inputs in rounds of ``--batch`` examples per target, with a new
seed each round, until the budget is spent; the time is shared equally between targets.
Every target states what it may raise (corridormap's own errors, and warnings about
one input); anything else is a finding, printed with the smallest input Hypothesis
could shrink it to.  The exit code is the number of targets with findings (0: clean).

Targets:

* ``decode``: arbitrary bytes as a file (:func:`corridormap.documents.decode_bytes`).
* ``file``: arbitrary bytes written as ``.txt``, ``.html``, ``.jsonl`` or ``.md`` and
  read with :func:`corridormap.documents.read_inputs` (strict and ``skip_bad_lines``).
* ``html``: tag soup through :func:`corridormap.documents.html_to_text`.
* ``spec``: YAML-ish text, built from the spec's own keys and hostile values, written
  to a file and read with ``corridormap.spec.load_spec`` (skipped with a note when the
  module does not exist).

The pytest suite runs the same kinds of properties with a small budget
(``tests/test_hardening_properties.py``); this script is for longer runs.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from corridormap.documents import InputWarning, decode_bytes, html_to_text, read_inputs
from corridormap.errors import CorridormapError

HOSTILE = "<script>alert(1)</script>"
_TAGS = ["<p>", "</p>", "<script>", "</script>", "<style>", "</style>", "<title>",
         "</title>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;",
         "&bogus;", "<br/>", "<svg>", "</svg>", "<", ">", '"', "Seoul", "<head>",
         "<noscript>", "<template>", "</template>", "<iframe>"]  # fmt: skip
_SPEC_KEYS = ["version", "corridors", "match", "add", "name", "kind", "status", "from",
              "to", "via", "waypoints", "countries", "subsea", "stated_length_km",
              "geometry", "hide", "sources", "id", "lat", "lon", "country", "crossing",
              "anchor"]  # fmt: skip
_SPEC_VALUES = ["1", "2", "road", "rail", "pipeline", "proposed", "operating", "route",
                "straight", "true", "null", "~", "nan", ".inf", "-1e999", "0x10", "[]", "{}",
                "[RU, KP]", "Vladivostok", "Khasan", "Rajin", "{name: X, lat: 91, lon: 0}",
                f'"{HOSTILE}"', "&a [1, 2]", "*a", "*b", "!!python/object:os.system",
                "'", '"', "|", ">", "- ", "? ", "%YAML 1.1", "---", "..."]  # fmt: skip

TAG_SOUP = st.lists(st.one_of(st.sampled_from(_TAGS), st.text(max_size=8)), max_size=60).map(
    "".join
)
SPEC_TEXT = st.lists(
    st.tuples(
        st.integers(0, 6),
        st.sampled_from(_SPEC_KEYS),
        st.one_of(st.sampled_from(_SPEC_VALUES), st.text(max_size=10)),
        st.booleans(),
    ),
    max_size=25,
).map(
    lambda rows: (
        "version: 1\ncorridors:\n"
        + "".join(
            f"{' ' * indent}{'- ' if item else ''}{key}: {value}\n"
            for indent, key, value, item in rows
        )
    )
)


def _tolerated(func: Callable[[], Any]) -> None:
    """Run ``func``; corridormap errors and its input warnings are expected outcomes."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", InputWarning)
        with contextlib.suppress(CorridormapError):
            func()


def target_decode() -> Callable[..., None]:
    @given(data=st.binary(max_size=2000))
    def check(data: bytes) -> None:
        def run() -> None:
            text = decode_bytes(data, "blob")
            text.encode("utf-8")

        _tolerated(run)

    return check


def target_file(folder: Path) -> Callable[..., None]:
    @given(
        data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".md"])
    )
    def check(data: bytes, suffix: str) -> None:
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        for skip in (False, True):

            def run(skip: bool = skip) -> None:
                for doc in read_inputs(path, skip_bad_lines=skip):
                    doc.text.encode("utf-8")
                    for start, end in doc.sentences:
                        assert 0 <= start < end <= len(doc.text)

            _tolerated(run)

    return check


def target_html() -> Callable[..., None]:
    @given(markup=TAG_SOUP)
    def check(markup: str) -> None:
        title, text = html_to_text(markup)
        assert isinstance(title, str)
        assert isinstance(text, str)

    return check


def target_spec(folder: Path, load_spec: Callable[[Path], Any]) -> Callable[..., None]:
    @given(text=st.one_of(SPEC_TEXT, st.text(max_size=200)))
    def check(text: str) -> None:
        path = folder / "spec.yaml"
        path.write_text(text, encoding="utf-8")
        _tolerated(lambda: load_spec(path))

    return check


def _spec_loader() -> Callable[[Path], Any] | None:
    """``corridormap.spec.load_spec`` when the module exists (it arrived after this
    script was written; until then only the readers are fuzzed)."""
    try:
        module = importlib.import_module("corridormap.spec")
    except ModuleNotFoundError:
        return None
    loader: Callable[[Path], Any] | None = getattr(module, "load_spec", None)
    return loader


def fuzz(
    make_check: Callable[[], Callable[..., None]], budget_s: float, start_seed: int, batch: int
) -> tuple[int, str | None]:
    """Run the checks ``make_check`` builds in seeded rounds until ``budget_s`` is spent.

    Returns
    -------
    (examples, finding)
        Examples tried (rounds x batch) and the first failure's report, or None.
    """
    end = time.monotonic() + budget_s
    rounds = 0
    config = settings(
        max_examples=batch,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    while time.monotonic() < end:
        # A fresh test each round: a Hypothesis test takes one settings and one seed.
        test = seed(start_seed + rounds)(config(make_check()))
        rounds += 1
        try:
            test()
        except Exception:
            return rounds * batch, traceback.format_exc(limit=-8)
    return rounds * batch, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="total budget")
    parser.add_argument("--seed", type=int, default=0, help="first round's seed")
    parser.add_argument("--batch", type=int, default=100, help="examples per round")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        targets: list[tuple[str, Callable[[], Callable[..., None]]]] = [
            ("decode", target_decode),
            ("file", lambda: target_file(folder)),
            ("html", target_html),
        ]
        loader = _spec_loader()
        if loader is None:
            print("spec: skipped (corridormap.spec not installed yet)")
        else:
            targets.append(("spec", lambda: target_spec(folder, loader)))
        share = args.seconds / len(targets)
        failed = 0
        for name, make_check in targets:
            started = time.monotonic()
            examples, finding = fuzz(make_check, share, args.seed, args.batch)
            took = time.monotonic() - started
            status = "ok" if finding is None else "FINDING"
            print(f"{name:7s} {status:8s} {examples:6d} examples in {took:5.1f} s")
            if finding is not None:
                failed += 1
                print(finding, file=sys.stderr)
    return failed


if __name__ == "__main__":
    sys.exit(main())
