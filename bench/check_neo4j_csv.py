"""Check a build's neo4j-admin import CSVs (unique ids, every relationship endpoint a node, row widths,
typed cells, schema labels and types, import.sh naming every file) and time it.

    python bench/check_neo4j_csv.py /work/tmp/g100k

Exits 1 and prints the first problems (file:line: reason) when any is found.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.export.neo4j_csv_check import check_neo4j_csv  # noqa: E402


def main() -> None:
    folder = Path(sys.argv[1])
    csv_dir = folder / "neo4j" / "csv"
    size = sum(p.stat().st_size for p in csv_dir.glob("*.csv"))
    start = time.perf_counter()
    report = check_neo4j_csv(folder)
    seconds = time.perf_counter() - start
    nodes, rels = sum(report.nodes.values()), sum(report.relationships.values())
    print(f"{csv_dir}: {size / 1e6:,.0f} MB, {nodes:,} nodes, {rels:,} relationships checked in {seconds:.1f} s "
          f"(peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB)")
    print("  nodes: " + ", ".join(f"{k} {v:,}" for k, v in sorted(report.nodes.items())))
    print("  relationships: " + ", ".join(f"{k} {v:,}" for k, v in sorted(report.relationships.items())))
    if report.ok:
        print("  ok: ids unique, every relationship endpoint present, rows and types well-formed")
        return
    print(f"  {len(report.errors):,} problems; the first:")
    for error in report.errors[:20]:
        print(f"    {error}")
    sys.exit(1)


if __name__ == "__main__":
    main()
