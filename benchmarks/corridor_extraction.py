"""Precision and recall of corridor extraction on real sentences about other corridors.

Reads ``tests/data/corridor_sentences.jsonl`` (real sentences from public reports on at
least four continents, each with its source URL and the expected corridors) and runs
corridormap's recognition, resolution and corridor extraction on each sentence alone.

A predicted corridor matches an expected one when their kinds belong to the same
family (pipeline; power; land transport: road, rail, multimodal) and their country
sets share a country; matching is one-to-one.  Among matches it reports how often the
kind, the status and the country set are exactly right.

    python benchmarks/corridor_extraction.py [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "tests" / "data" / "corridor_sentences.jsonl"
FAMILY = {"road": "land", "rail": "land", "multimodal": "land", "pipeline": "pipeline",
          "power": "power"}  # fmt: skip


@dataclass
class Scores:
    """Counts behind the extraction metrics."""

    predicted: int = 0
    expected: int = 0
    matched: int = 0
    kind_right: int = 0
    status_right: int = 0
    countries_right: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_cases(path: Path = SENTENCES) -> list[dict[str, Any]]:
    """The test sentences, one dict per line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def predict(text: str, gazetteer: Any) -> list[dict[str, Any]]:
    """Corridors corridormap extracts from one sentence (kind, status, countries)."""
    from corridormap.corridors import find_corridors
    from corridormap.documents import make_document
    from corridormap.pipeline import find_places

    doc = make_document(text, "s")
    mentions = find_places([doc], gazetteer=gazetteer)
    return [
        {
            "kind": c.kind,
            "status": c.status,
            "countries": list(c.allowed_countries),
            "name": c.name,
        }
        for c in find_corridors([doc], {"s": mentions}, gazetteer)
    ]


def score(cases: list[dict[str, Any]], gazetteer: Any, errors: list[str] | None = None) -> Scores:
    """Extraction scores over ``cases``; mismatches are appended to ``errors``."""
    total = Scores()
    for case in cases:
        predicted = predict(case["text"], gazetteer)
        expected = case["expected"]
        total.predicted += len(predicted)
        total.expected += len(expected)
        free = list(range(len(predicted)))
        for exp in expected:
            best = None
            for k in free:
                pred = predicted[k]
                if FAMILY[pred["kind"]] != FAMILY[exp["kind"]]:
                    continue
                if not set(pred["countries"]) & set(exp["countries"]):
                    continue
                best = k
                break
            if best is None:
                if errors is not None:
                    errors.append(f"MISSED  {case['id']}: {exp['kind']} {exp['countries']}")
                continue
            free.remove(best)
            pred = predicted[best]
            total.matched += 1
            total.kind_right += pred["kind"] == exp["kind"]
            total.status_right += pred["status"] == exp["status"]
            total.countries_right += set(pred["countries"]) == set(exp["countries"])
            if errors is not None and (
                pred["kind"] != exp["kind"]
                or pred["status"] != exp["status"]
                or set(pred["countries"]) != set(exp["countries"])
            ):
                errors.append(
                    f"WRONG   {case['id']}: got {pred['kind']}/{pred['status']}/"
                    f"{pred['countries']} want {exp['kind']}/{exp['status']}/{exp['countries']}"
                )
        if errors is not None:
            for k in free:
                errors.append(f"SPURIOUS {case['id']}: {predicted[k]}")
    return total


def main(argv: list[str] | None = None) -> int:
    """Print the extraction table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-errors", action="store_true", help="List every mismatch.")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from corridormap.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    cases = load_cases()
    errors: list[str] = []
    started = time.perf_counter()
    s = score(cases, gazetteer, errors)
    elapsed = time.perf_counter() - started
    continents = sorted({c.get("continent", "?") for c in cases})
    print(f"# {len(cases)} sentences ({', '.join(continents)}), {s.expected} expected corridors")
    print(f"precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
          f"({s.matched} matched, {s.predicted} predicted)")  # fmt: skip
    if s.matched:
        shares = (s.kind_right, s.status_right, s.countries_right)
        kind, status, countries = (n / s.matched for n in shares)
        print(f"among matched: kind {kind:.3f}  status {status:.3f}  countries {countries:.3f}")
    print(f"{len(cases) / elapsed:.0f} sentences/s")
    if args.show_errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
