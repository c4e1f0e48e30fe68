"""Fuzz `alc build` with hostile text in every string field of a spec (on demand).

    python benchmarks/fuzz_build.py [--random N] [--seed S]

Each payload (a fixed list of known attacks, then N random texts over the characters the node
treats specially, and N over all of Unicode) goes into each string field of the network spec
of tests/emit/test_injection.py, in YAML and in TOML.  Counted per run:

- refused: the spec checks report it (at the key) and nothing is built;
- built unchanged: the build succeeds and the value is one word of the statements the node
  runs, or of a `( ... )` group in them that the node splits again (the build itself checks
  that its output runs exactly the planned statements); a container setting, which is never
  written into a script, leaves the scripts as they were;
- injected: anything else (a build error, a value changed or split): must be 0.
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import tomllib
from collections import Counter
from pathlib import Path

import tomli_w
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from compiler import emit, spec  # noqa: E402
from compiler.emit.script import plan_script  # noqa: E402
from tests.emit.test_injection import BASE, CONTAINER_FIELDS, FIELDS, inside_groups, put  # noqa: E402

KNOWN = [
    '$DB_PASSWORD">\nsystem rm -rf ~/data\n#', '$P" and user = "root', "Acme Sensors\n", "op1\n",
    "[", "{", "(", "a[b", "x]", "a&b", "a & b", "#x", "a #b", "and", "where", "bring", "then",
    '"', "'", "`x", "\\", "a\\b", "\0", "a\u2028b", "a\u202eb", "x>", "<x", "-> x", "!x y", "$",
    "!", "a=b", "a = b", "a+b", "", " ", "\r", "\t", "print hi\nprint ho", "<print hi>",
    "x = 1 & system rm -rf /", "Société Générale", "10.0.0.1:32048", "30 seconds", "a\x85b",
    "\ufeffx", "x\u200f", "name{}", "(a) b", "a (b", "[*][id]", "!ip.int", "$HOME/x", "'a b'",
]
SPECIAL = 'ab "\'`[]{}()<>=+&#!$\\\n\r\t:;,.-_/*@'


def random_texts(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        size = rng.randint(0, 12)
        out.append("".join(rng.choice(SPECIAL) for _ in range(size)))
    for _ in range(count):
        size = rng.randint(0, 12)
        out.append("".join(chr(rng.choice([rng.randint(0, 0x7f), rng.randint(0x80, 0xd7ff),
                                           rng.randint(0xe000, 0x10ffff)])) for _ in range(size)))
    return out


def outcome(data: dict, fmt: str, path: tuple) -> str:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True) if fmt == "yaml" else tomli_w.dumps(data)
    loaded = spec.load(text, f"s.{fmt}")
    if loaded.network is None:
        return "refused"
    try:
        scripts = emit.build(loaded.network, "s")
    except (emit.BuildError, emit.Unwritable):
        return "injected"
    place = yaml.safe_load(text) if fmt == "yaml" else tomllib.loads(text)
    for step in path:
        place = place[step]
    if path[-1] == "host":
        return "built unchanged" if f"(host {place})" in scripts["op1.al"] else "injected"
    if "commands" in path:
        return "built unchanged"  # a statement of its own, checked by the build's read-back
    if "container" in path:
        return "built unchanged" if scripts == emit.build(spec.load(yaml.safe_dump(BASE), "s.yaml").network, "s") \
            else "injected"
    words = set(inside_groups([w for node in loaded.network.nodes
                               for st in plan_script(loaded.network, node, "s", "0").plan for w in st]))
    return "built unchanged" if place in words else "injected"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=100)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    payloads = KNOWN + random_texts(random.Random(args.seed), args.random)
    counts: Counter[str] = Counter()
    for path in FIELDS + CONTAINER_FIELDS:
        for payload in payloads:
            for fmt in ("yaml", "toml"):
                data = copy.deepcopy(BASE)
                put(data, path, payload)
                try:
                    result = outcome(data, fmt, path)
                except Exception as exc:  # a crash is a finding of its own
                    result = f"crashed ({type(exc).__name__})"
                counts[result] += 1
                if result not in ("refused", "built unchanged"):
                    print(f"{result}: {path} {fmt} {payload!r}", flush=True)
    total = sum(counts.values())
    print(f"fields: {len(FIELDS) + len(CONTAINER_FIELDS)}, payloads: {len(payloads)}, specs built or refused: {total}")
    for key in ("refused", "built unchanged", "injected"):
        print(f"  {key}: {counts.pop(key, 0)}")
    for key, value in counts.items():
        print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
