"""`alc convert` and `alc diff` next to `alc lint` of the same input (run on demand).

    python benchmarks/bench_convert_diff.py [--sizes 10000,20000] [--repeat 3] [--tree DIR]

For each size, two inputs of that many lines:

* ``mix``: the statement mix of the public deployment scripts (``generate.py``), which convert
  refuses (its statements stand between the deployment steps), as it refuses every public
  deployment script;
* ``built``: the script `alc build` writes for an operator, with the same mix appended (its
  deployment steps left out), which convert turns into a spec with that many `commands`.

Each is timed as a user runs it (a subprocess, start-up included): `alc lint F`, `alc convert
F`, and `alc diff F G`, where G is F with one statement changed in its middle.  The table
gives wall seconds (best of --repeat) and the CPU seconds of that run, and the ratio of
convert and diff to lint (the target: within 3x, on CPU time, which a shared machine's load
changes least).  Linear work means the ratio stays put as the size doubles.  `--tree DIR`
times the alc of another checkout (an older commit, to compare), with the same inputs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402

# Deployment steps convert reads as settings: left out of what is appended to a built script.
STEPS = ("run tcp server", "connect dbms", "create table", "blockchain insert", "blockchain get", "run operator",
         "new_policy = {", "<new_policy")


def built(lines: int) -> str:
    from compiler import emit, parse, spec
    from compiler.syntax import tree as T

    text = (ROOT / "samples" / "specs" / "operator-sqlite.yaml").read_text()
    network = spec.load(text, "samples/specs/operator-sqlite.yaml").network
    [script] = emit.build(network, "bench").values()
    kept, count = [], script.count("\n")
    for item in parse(generate(lines * 2), "mix.al").items:
        if isinstance(item, T.Statement) and (item.text.startswith(STEPS) or " = blockchain get " in item.text):
            continue
        kept.append(item.source)
        count += item.source.count("\n")
        if count >= lines:
            break
    return script + "\n" + "".join(kept)


def changed(text: str) -> str:
    """``text`` with one statement in its middle changed (a `print` gets another word)."""
    lines = text.split("\n")
    middle = len(lines) // 2
    at = next(i for i in range(middle, len(lines)) if lines[i].startswith("print "))
    lines[at] += " changed"
    return "\n".join(lines)


def timed(args: list[str], cwd: Path, tree: Path = ROOT) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, exit status) of one `alc` command."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "compiler", *args], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def best(args: list[str], cwd: Path, repeat: int, tree: Path) -> tuple[float, float, int]:
    runs = [timed(args, cwd, tree) for _ in range(repeat)]
    return min(runs, key=lambda r: r[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,20000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose alc is timed")
    args = ap.parse_args()
    print(f"{'input':<14}{'command':<10}{'wall s':>8}{'cpu s':>8}{'x lint':>8}  exit")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in [int(s) for s in args.sizes.split(",")]:
            for kind, text in (("mix", generate(size)), ("built", built(size))):
                one, two = folder / f"{kind}-{size}.al", folder / f"{kind}-{size}-b.al"
                one.write_text(text)
                two.write_text(changed(text))
                lines = text.count("\n")
                results = {name: best(cmd, folder, args.repeat, args.tree.resolve()) for name, cmd in (
                    ("lint", ["lint", one.name]), ("convert", ["convert", one.name]),
                    ("diff", ["diff", one.name, two.name]))}
                lint_cpu = results["lint"][1]
                for name, (wall, cpu, code) in results.items():
                    print(f"{kind + ' ' + format(lines, ','):<14}{name:<10}{wall:>8.2f}{cpu:>8.2f}"
                          f"{cpu / lint_cpu:>8.1f}  {code}")


if __name__ == "__main__":
    main()
