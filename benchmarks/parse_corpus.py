"""Parse time per report over the labelled corpus (issue: under 5 ms on average).

    .venv/bin/python benchmarks/parse_corpus.py [CORPUS_DIR] [--runs 7]

Reading is done once, outside the timing; each run parses every .txt report;
the median run is printed, in ms per report.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from perfcheck.parse import parse_document
from perfcheck.readers import read

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    documents = [read(str(path)) for path in sorted(args.corpus.glob("*.txt"))]
    for document in documents:  # warm-up: first-use caches and lazy imports
        parse_document(document)
    runs = []
    for _ in range(args.runs):
        start = time.perf_counter()
        for document in documents:
            parse_document(document)
        runs.append((time.perf_counter() - start) / len(documents))
    print(f"{len(documents)} reports, parse: median {statistics.median(runs) * 1000:.2f} ms per report "
          f"(best {min(runs) * 1000:.2f}, {args.runs} runs)")


if __name__ == "__main__":
    main()
