"""Time parse + lint of one generated script in-process, lines per second (run on demand).

benchmarks/run.py measures everything (the CLI, fmt, build, cold start, yamllint).

    python benchmarks/bench_lint.py [LINES] [REPEAT]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate  # noqa: E402
from compiler.lint import lint_script  # noqa: E402
from compiler.model import variables  # noqa: E402
from compiler.syntax import lalr  # noqa: E402
from compiler.syntax import parser as P  # noqa: E402


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    text = generate(lines)
    actual = text.count("\n")
    lalr.table()  # table load is start-up cost, measured apart
    best = float("inf")
    for _ in range(repeat):
        P.clear_caches()  # time the parse too, not the caches of parsed texts
        variables.clear_caches()
        start = time.perf_counter()
        findings = lint_script(text, "bench.al")
        best = min(best, time.perf_counter() - start)
    print(f"lint: {actual} lines in {best:.3f} s = {actual / best:,.0f} lines/s "
          f"({len(findings)} findings, best of {repeat})")


if __name__ == "__main__":
    main()
