"""The targets of the result cache (issue 17), in one run, beside yamllint (on demand).

    python benchmarks/bench_cache.py [--lines 1000000] [--files 1000] [--baseline DIR] [--repeat N]

- cold: `alc lint --format json --exit-zero .` over ``--lines`` lines of generated scripts
  (files of 500 lines, one project), with an empty cache (it is written); with ``--baseline``
  (a checkout of alc without the cache, e.g. `git archive main | tar -x -C DIR`) the same run
  of that code, the two interleaved, best of ``--repeat`` each;
- warm: the same command again, nothing changed: lines/s, and the size of the cache;
- pre-commit: a project of ``--files`` files of 500 lines, linted once; then one file is
  changed and `alc lint --format json --exit-zero THAT-FILE` is timed (median of 9, a new
  change each time);
- yamllint on a YAML file of ``--lines`` lines, in the same run (once: it is the slowest).

Every figure is wall time of the whole command (a subprocess), and CPU time (user + system)
beside it: on a machine shared with other work the CPU time changes least.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from benchmarks.run import FILE_LINES, scripts, timed, yaml_text  # noqa: E402


def alc_at(code: Path, *args: str) -> list[str]:
    return ["env", f"PYTHONPATH={code}", sys.executable, "-m", "compiler", *args]


def du(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def best(runs: list) -> tuple:
    """The run with the least wall time."""
    return min(runs, key=lambda r: r[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--baseline", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    lint = ["lint", "--format", "json", "--exit-zero"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="alc-cache-bench-") as tmp:
        tmp = Path(tmp)
        ypath = tmp / "y.yaml"
        ypath.write_text(yaml_text(args.lines))
        ylines = ypath.read_text().count("\n")
        yrun = timed([sys.executable, "-m", "yamllint", "-f", "parsable", str(ypath)], tmp)
        ywall = yrun[0]
        yrate = ylines / ywall
        rows.append(("yamllint, one file", ylines, yrun, None))

        folder = tmp / "many"
        lines = scripts(folder, args.lines, "many")
        os.environ["ALC_CACHE_DIR"] = str(tmp / "cache")
        cold, base = [], []
        for _ in range(args.repeat):  # interleaved: the machine's phase hits both alike
            shutil.rmtree(tmp / "cache", ignore_errors=True)
            cold.append(timed(alc_at(ROOT, *lint, "."), folder))
            if args.baseline is not None:
                base.append(timed(alc_at(args.baseline, *lint, "."), folder))
        if base:
            rows.append(("alc lint before the cache (baseline), many files", lines, best(base),
                         max(r[3] for r in base)))
        rows.append(("alc lint, cold (empty cache, written), many files", lines, best(cold),
                     max(r[3] for r in cold)))
        warm = [timed(alc_at(ROOT, *lint, "."), folder) for _ in range(max(args.repeat, 3))]
        rows.append(("alc lint, second run (nothing changed), many files", lines, best(warm),
                     max(r[3] for r in warm)))
        size = du(tmp / "cache")
        shutil.rmtree(folder)
        shutil.rmtree(tmp / "cache")

        project = tmp / "project"  # exactly --files files of FILE_LINES lines, 50 a folder
        project.mkdir()
        (project / ".alc.toml").write_text("")
        plines = 0
        for index in range(args.files):
            text = generate(FILE_LINES, seed=index)
            sub = project / f"site-{index // 50:03}"
            sub.mkdir(exist_ok=True)
            (sub / f"node-{index:05}.al").write_text(text)
            plines += text.count("\n")
        timed(alc_at(ROOT, *lint, "."), project)
        time.sleep(2.1)  # the edits below come after the records (compiler.cache.SETTLED_NS)
        target = sorted(project.glob("*/*.al"))[len(list(project.glob("*/*.al"))) // 2]
        rel = str(target.relative_to(project))
        text = target.read_text()
        one = []
        for i in range(9):
            target.write_text(text + f"edit_{i} = {i}\n")
            one.append(timed(alc_at(ROOT, *lint, rel), project))
        files = len(list(project.glob("*/*.al")))

    print("| what | lines | seconds | lines/s | x yamllint | CPU s | lines/CPU s | peak MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, n, run, mb in rows:
        wall, cpu = run[0], run[4]
        print(f"| {name} | {n:,} | {wall:.2f} | {n / wall:,.0f} | {n / wall / yrate:.1f} | {cpu:.2f} | "
              f"{n / cpu:,.0f} | {'' if mb is None else f'{mb:,.0f}'} |")
    print()
    print(f"cache: {size / 2**20:.1f} MB for {lines:,} lines = {size / 2**20 * 1_000_000 / lines:.1f} MB "
          "per 1,000,000 lines")
    print(f"one changed file in a project of {files:,} files ({plines:,} lines), `alc lint FILE`: "
          f"{statistics.median(r[0] for r in one) * 1000:.0f} ms wall, "
          f"{statistics.median(r[4] for r in one) * 1000:.0f} ms CPU (medians of 9; wall "
          f"{min(r[0] for r in one) * 1000:.0f}-{max(r[0] for r in one) * 1000:.0f})")
    if base:
        b, c = best(base)[0], best(cold)[0]
        print(f"cold run against the baseline: {100 * (c - b) / b:+.1f}% "
              f"(runs: baseline {', '.join(f'{r[0]:.2f}' for r in base)}; "
              f"now {', '.join(f'{r[0]:.2f}' for r in cold)})")


if __name__ == "__main__":
    main()
