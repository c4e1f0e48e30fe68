"""Hostile lines: does any one line make alc's work grow faster than its length? (on demand)

    python benchmarks/bench_adversarial.py [--sizes 250000,500000,1000000] [--commands lint,fmt,convert]

Each pattern (a run of quotes, brackets, operators, nested `if ... then`) is repeated into one
line of each size.  Measured: the node's word splitter alone (in-process, uncached), and the
`alc` commands as a user runs them (a subprocess, with a 120 s limit).  The last column is
the time at the largest size over the time at half of it: about 2 when the work is linear.
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

from compiler.syntax import words  # noqa: E402

PATTERNS = {
    "double quotes": '"', "single quotes": "'", "back quotes": "`", "mixed quotes": "'\"",
    "escaped quotes": '\\"', "quote then space": '" ', "open parentheses": "(",
    "close parentheses": ")", "open brackets": "[", "close brackets": "]", "braces": "{}",
    "bracket pairs": "[a]", "joined paths": "]:[", "comparisons": ">", "equals": "=",
    "not-equals": "!=", "arrows": "->", "words": "ab ", "and-lists": "a = b and ",
    "nested ifs": "if a == b then ", "nested assignments": "x = ",
    "policy keys": "set policy p [a] = b and ",
}
COMMANDS = {"lint": ["lint", "--exit-zero"], "fmt": ["fmt", "--check"], "convert": ["convert"]}


def line(pattern: str, size: int) -> str:
    return (pattern * (size // len(pattern) + 1))[:size]


def time_split(text: str) -> float:
    words.CACHE_SPLITS = False
    start = time.perf_counter()
    words.split(text)
    return time.perf_counter() - start


def time_command(argv: list[str], path: Path) -> float | None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-m", "compiler", *argv, str(path)], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500000,1000000")
    parser.add_argument("--commands", default="lint,fmt,convert")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    commands = [c for c in args.commands.split(",") if c]
    print(f"{'pattern':<20} {'what':<8} " + " ".join(f"{s:>10,}" for s in sizes) + "   ratio")
    with tempfile.TemporaryDirectory() as tmp:
        for name, pattern in PATTERNS.items():
            rows: dict[str, list[float | None]] = {"split": []}
            for size in sizes:
                text = line(pattern, size)
                rows["split"].append(time_split(text))
                folder = Path(tmp) / f"{name.replace(' ', '-')}-{size}"
                folder.mkdir()
                path = folder / "x.al"
                path.write_text(text + "\n")
                for command in commands:
                    rows.setdefault(command, []).append(time_command(COMMANDS[command], path))
            for what, times in rows.items():
                shown = " ".join(f"{t:>9.2f}s" if t is not None else f"{'>120s':>10}" for t in times)
                ratio = (f"{times[-1] / times[-2]:>7.1f}" if len(times) > 1 and None not in times[-2:]
                         and times[-2] > 0 else "")
                print(f"{name:<20} {what:<8} {shown} {ratio}", flush=True)


if __name__ == "__main__":
    main()
