"""Run every speed measurement of alc and print one table (on demand, never a CI gate).

    python benchmarks/run.py [--sizes 1000,10000,100000] [--full] [--jobs N] [--repeat N]

--full adds 1,000,000 lines.  For each size: `alc lint` and `alc fmt --check` over one file and
over many files (500 lines each, in one project folder), lines per second of wall time of the
whole command (a subprocess: start-up, reading, cross-file checks and the report included),
with an empty result cache (`ALC_CACHE_DIR`, new for each run), and its peak memory (max RSS);
over many files in one project both again, nothing changed (read from the cache); lint also over the same files with a project (.alc.toml) per
folder of 10, which `--jobs` spreads over processes; `alc build` of a generated network spec with one node per 80
lines of output.  Then the cold start of `alc lint` and of `alc fmt --check` on a 100-line
file (median of 9 runs, --no-cache, with bytecode compiled, as installed), and yamllint on a YAML file of each size in the same run,
with alc's ratio (yamllint is skipped with a message when it is not installed).
"""

from __future__ import annotations

import argparse
import os
import platform
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

FILE_LINES = 500  # deployment scripts are up to 600 lines
# The result cache of the commands timed (ALC_CACHE_DIR): a new, empty one for each cold run.
CACHE: list[str | None] = [None]


def fresh_cache(tmp: Path) -> str:
    CACHE[0] = tempfile.mkdtemp(prefix="cache-", dir=tmp)
    return CACHE[0]


def _env() -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if CACHE[0] is not None:
        env["ALC_CACHE_DIR"] = CACHE[0]
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed alc has its bytecode compiled
    env.pop("GITHUB_ACTIONS", None)
    return env


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and its children (Linux /proc; 0 elsewhere)."""
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{current}/task/{current}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            pass
    return total


def timed(argv: list[str], cwd: Path) -> tuple[float, float, int, float, float]:
    """(wall seconds, peak RSS in MB, exit status, peak summed RSS in MB, CPU seconds) of one
    command (CPU: user and system time, its worker processes included).

    The peak RSS (wait4's ru_maxrss) is that of the largest single process, the main one
    or a `--jobs` worker; the summed RSS (the process and its workers, sampled every 20 ms)
    is what the machine needs at once.  Sampling runs in a thread, so the wall time is taken
    by a blocking wait, not rounded up to the next sample."""
    import threading

    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    summed = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            summed[0] = max(summed[0], _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode, summed[0] / 2**20, usage.ru_utime + usage.ru_stime


def alc(*args: str) -> list[str]:
    return [sys.executable, "-m", "compiler", *args]


def scripts(folder: Path, lines: int, layout: str) -> int:
    """Write ``lines`` lines of scripts: ``one`` file; ``many`` files of FILE_LINES lines in
    one project; or ``sites``: the same files, each folder of 10 files a project of its own."""
    folder.mkdir(parents=True)
    (folder / ".alc.toml").write_text("")
    total = 0
    if layout == "one":
        text = generate(lines)
        (folder / "big.al").write_text(text)
        return text.count("\n")
    per_folder = 10 if layout == "sites" else 50
    index = 0
    while total < lines:
        text = generate(FILE_LINES, seed=index)
        sub = folder / f"site-{index // per_folder:03}"
        if not sub.exists():
            sub.mkdir()
            if layout == "sites":
                (sub / ".alc.toml").write_text("")
        (sub / f"node-{index:05}.al").write_text(text)
        total += text.count("\n")
        index += 1
    return total


def spec(path: Path, nodes: int) -> None:
    out = ["alc: 1", "platform: anylog", "company: Bench Corp", "ledger: 10.0.0.1:32048",
           "clusters:"]
    clusters = max(nodes // 4, 1)
    out += [f"  - name: cluster-{c}" for c in range(clusters)]
    out.append("nodes:")
    out += ["  - name: master", "    type: master", "    host: host-0",
            "    tcp: {port: 32048}", "    rest: {port: 32049}"]
    for n in range(1, nodes):
        out += [f"  - name: operator-{n}", "    type: operator", f"    host: host-{n}",
                f"    cluster: cluster-{n % clusters}", "    tcp: {port: 32148}",
                "    rest: {port: 32149}", f"    databases: {{data: {{name: db{n % 7}}}}}",
                "    operator: {threads: 3}"]
    path.write_text("\n".join(out) + "\n")


def yaml_text(lines: int) -> str:
    """YAML of about ``lines`` lines, shaped like a deployment spec, that yamllint accepts."""
    out = ["---", "nodes:"]
    n = 0
    while len(out) < lines:
        out += [f"  - name: node-{n}", "    type: operator", f"    host: host-{n % 97}",
                "    tcp:", f"      port: {32000 + n % 1000}", "    databases:",
                f"      data: {{name: db{n % 7}}}", "    commands:", "      - run scheduler 1"]
        n += 1
    return "\n".join(out) + "\n"


def rate(lines: int, seconds: float) -> str:
    return f"{lines / seconds:,.0f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--full", action="store_true", help="add 1,000,000 lines")
    ap.add_argument("--jobs", type=int, default=None, help="alc lint --jobs (default: the cores)")
    ap.add_argument("--repeat", type=int, default=3, help="best of N below 100,000 lines")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] + ([1_000_000] if args.full else [])
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    have_yamllint = shutil.which("yamllint", path=str(Path(sys.executable).parent)) is not None \
        or subprocess.run([sys.executable, "-c", "import yamllint"], capture_output=True).returncode == 0

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores "
          f"({len(os.sched_getaffinity(0))} usable), {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}")
    rows = []
    ratios = []
    with tempfile.TemporaryDirectory(prefix="alc-bench-") as tmp:
        tmp = Path(tmp)
        # Cold start: `alc lint` of a 100-line file, bytecode compiled by a first run.
        small = tmp / "small"
        small.mkdir()
        (small / ".alc.toml").write_text("")
        (small / "s.al").write_text(generate(100))
        fresh_cache(tmp)
        timed(alc("lint", "--no-cache", "s.al"), small)
        cold = statistics.median(timed(alc("lint", "--no-cache", "s.al"), small)[0] for _ in range(9))
        cold_fmt = statistics.median(timed(alc("fmt", "--check", "--no-cache", "s.al"), small)[0]
                                     for _ in range(9))
        version = statistics.median(timed(alc("--version"), small)[0] for _ in range(9))

        for size in sizes:
            repeat = args.repeat if size < 100_000 else 1
            yaml_rate = None
            if have_yamllint:
                ypath = tmp / f"y{size}.yaml"
                ypath.write_text(yaml_text(size))
                ylines = ypath.read_text().count("\n")
                best = min(timed([sys.executable, "-m", "yamllint", "-f", "parsable", str(ypath)], tmp)[0]
                           for _ in range(repeat))
                yaml_rate = ylines / best
                rows.append(("yamllint, one file", size, ylines, best, None, None))
            for layout in ("one", "many", "sites"):
                kind = {"one": "one file", "many": "many files, one project",
                        "sites": "many files, a project per 10"}[layout]
                folder = tmp / f"{layout}{size}"
                lines = scripts(folder, size, layout)
                commands = [["lint", "--format", "json", "--exit-zero", *jobs, "."]]
                if layout != "sites":
                    commands.append(["fmt", "--check", "."])
                for command in commands:
                    runs = []
                    for _ in range(repeat):
                        fresh_cache(tmp)  # a cold run: nothing cached
                        runs.append(timed(alc(*command), folder))
                    wall = min(r[0] for r in runs)
                    peak = max(r[1] for r in runs)
                    summed = max(r[3] for r in runs)
                    name = f"alc {command[0]}, {kind}"
                    if any(r[2] == 2 for r in runs):  # refused: past files.MAX_LINES / MAX_BYTES
                        rows.append((f"{name}: refused (input limit) or failed", size, lines, wall, None, None))
                        continue
                    rows.append((name, size, lines, wall, peak, summed))
                    if command[0] == "lint" and yaml_rate:
                        ratios.append((f"{name}, {size:,} lines", lines / wall / yaml_rate))
                    if layout == "many":  # the same command again, nothing changed: the cache
                        time.sleep(2.1)  # files older than their records (compiler.cache)
                        again = [timed(alc(*command), folder) for _ in range(repeat)]
                        wall = min(r[0] for r in again)
                        rows.append((f"{name}, second run (cached)", size, lines, wall,
                                     max(r[1] for r in again), max(r[3] for r in again)))
                        if command[0] == "lint" and yaml_rate:
                            ratios.append((f"{name}, second run, {size:,} lines", lines / wall / yaml_rate))
                shutil.rmtree(folder)
            nodes = max(size // 80, 2)
            spath = tmp / f"spec{size}.yaml"
            spec(spath, nodes)
            out = tmp / f"out{size}"
            runs = [timed(alc("build", str(spath), "-o", str(out)), tmp) for _ in range(repeat)]
            built = sum(p.read_text().count("\n") for p in out.glob("*.al"))
            rows.append((f"alc build, {nodes:,} nodes", size, built, min(r[0] for r in runs),
                         max(r[1] for r in runs), max(r[3] for r in runs)))
            shutil.rmtree(out)

    print()
    print("| what | lines | seconds | lines/s | peak MB (largest process) | peak MB (all processes) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, _size, lines, wall, peak, summed in rows:
        print(f"| {name} | {lines:,} | {wall:.2f} | {rate(lines, wall)} | "
              f"{'' if peak is None else f'{peak:,.0f}'} | {'' if summed is None else f'{summed:,.0f}'} |")
    print()
    print(f"cold start, `alc lint` of a 100-line file: {cold * 1000:.0f} ms (median of 9); "
          f"`alc fmt --check`: {cold_fmt * 1000:.0f} ms; `alc --version`: {version * 1000:.0f} ms")
    if not have_yamllint:
        print("yamllint is not installed: no ratio (pip install yamllint to measure it)")
    for name, ratio in ratios:
        print(f"{name}: {ratio:.1f}x yamllint's lines/s")


if __name__ == "__main__":
    main()
