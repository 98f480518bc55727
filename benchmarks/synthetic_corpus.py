"""Write a SYNTHETIC JSONL corpus for the scale benchmarks (benchmarks only).

Every document is a shuffle of real sentences: those of the seed articles
(``seeds/*.txt``) and of the project's corridor test sentences
(``tests/data/corridor_sentences.jsonl``), drawn with a fixed random seed, so the same
arguments always give the same bytes.  The documents are not news: each line carries
``"synthetic": true`` and an id ``synthetic-000001``…, and must never be used to
judge extraction quality.

Usage::

    python benchmarks/synthetic_corpus.py 10000 -o /tmp/synthetic-10k.jsonl.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from corridormap.documents import split_sentences

REPO = Path(__file__).resolve().parent.parent


def sentence_pool(repo: Path = REPO) -> tuple[list[str], list[str]]:
    """``(seed_sentences, corridor_sentences)`` read from the repository."""
    seeds: list[str] = []
    for path in sorted((repo / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        seeds.extend(" ".join(text[s:e].split()) for s, e in split_sentences(text) if e - s >= 40)
    corridors = []
    with (repo / "tests" / "data" / "corridor_sentences.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                corridors.append(" ".join(json.loads(line)["text"].split()))
    return seeds, corridors


def synthetic_documents(
    count: int,
    *,
    seed: int = 20261123,
    min_sentences: int = 3,
    max_sentences: int = 6,
    corridor_sentences: int | None = None,
) -> Iterator[dict[str, object]]:
    """Yield ``count`` synthetic JSONL records (``id``, ``title``, ``text``, ``synthetic``).

    About half the documents contain one corridor sentence, a few contain two; the rest of
    each document is seed sentences.  ``corridor_sentences`` limits the corridor
    sentences to the first N of the test set (fewer corridors to route in tests).
    """
    seeds, corridors = sentence_pool()
    corridors = corridors[:corridor_sentences]
    rng = random.Random(seed)
    for k in range(1, count + 1):
        size = rng.randint(min_sentences, max_sentences)
        n_corridor = rng.choices((0, 1, 2), weights=(5, 4, 1))[0]
        sentences = rng.sample(seeds, size - n_corridor) + rng.sample(corridors, n_corridor)
        rng.shuffle(sentences)
        yield {
            "id": f"synthetic-{k:06d}",
            "title": f"Synthetic document {k}",
            "text": " ".join(sentences),
            "synthetic": True,
        }


def write_corpus(
    path: Path, count: int, *, seed: int = 20261123, corridor_sentences: int | None = None
) -> Path:
    """Write ``count`` synthetic documents to ``path`` (gzip when it ends in ``.gz``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as handle:
        for record in synthetic_documents(count, seed=seed, corridor_sentences=corridor_sentences):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of documents")
    parser.add_argument("-o", "--output", type=Path, required=True, help=".jsonl or .jsonl.gz")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument(
        "--corridor-sentences", type=int, help="use only the first N corridor test sentences"
    )
    args = parser.parse_args(argv)
    write_corpus(
        args.output, args.count, seed=args.seed, corridor_sentences=args.corridor_sentences
    )
    print(f"wrote {args.count} synthetic documents to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
