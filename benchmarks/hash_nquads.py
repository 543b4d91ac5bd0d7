"""One line per document: the SHA-256 of the N-Quads ``kg.pipeline.process_file`` makes of it, and its name.

Run before and after a change to the reader or the normaliser and compare the two outputs with ``diff``:
the same hash means the same graph. A document that fails gives ``ERROR`` and its one-line message.

    .venv/bin/python benchmarks/hash_nquads.py examples/documents examples/pdf > before.txt
    .venv/bin/python benchmarks/hash_nquads.py --limit 150 ../shared/corpus/pdf >> before.txt
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.pipeline import find_files, process_file, sha256_file  # noqa: E402


def document_hash(path: Path, warnings: bool = False) -> str:
    """The N-Quads' hash, or ERROR and the message: one line naming the document; with ``warnings``, the
    document's warnings follow, one a line."""
    result = process_file(path, path.name, sha256_file(path))
    if not result.ok:
        return f"ERROR {result.error}"
    return "\n    ".join([hashlib.sha256(result.nquads).hexdigest()] + (result.warnings if warnings else []))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="the first N files of each folder, in name order")
    ap.add_argument("--warnings", action="store_true", help="each document's warnings under its line")
    args = ap.parse_args(argv)
    for folder in args.folders:
        files = [path for path, _ in find_files([folder])[0]]
        for path in files[:args.limit] if args.limit else files:
            digest, *warned = document_hash(path, args.warnings).split("\n")
            print("\n".join([f"{digest}  {folder.name}/{path.relative_to(folder)}"] + warned), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
