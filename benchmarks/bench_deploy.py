"""`alc build --target compose|helm` against the official files, and its speed (run on demand).

    python benchmarks/bench_deploy.py [--corpus /work/corpus] [--nodes 50,200,800]

Part 1 (needs the public repositories): for every official ``.env`` set of EdgeLake and AnyLog
docker-compose (the configs ``benchmarks/official_roundtrip.py`` reads), convert it as
`alc convert DIR` does, build the spec with ``--target compose``, and compare the node's
``.env`` files key by key with the official ones: how many keys have the same value, how many
differ, and which (a difference should be a key alc documents as a default or container-only).

Part 2: wall time of ``compose.build`` and ``helm.build`` (in process, every file made and
validated, nothing written) for generated networks of N nodes on N/4 hosts.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.official_roundtrip import configs  # noqa: E402
from compiler import convert, spec  # noqa: E402
from compiler.convert import dotenv  # noqa: E402
from compiler.emit import compose, helm  # noqa: E402


def official_keys(corpus: Path) -> None:
    print(f"{'config':34} {'keys':>5} {'same':>5} {'diff':>5}  differing keys")
    for platform, kind, files in configs(corpus):
        inputs = [(str(p), p.read_text()) for p in files]
        network = convert.env_files(inputs).network
        if network is None:
            print(f"{platform + ' ' + kind:34} does not convert")
            continue
        built = compose.build(network, "bench")
        ours: dict[str, str] = {}
        for name, text in built.items():
            if name.endswith(".env"):
                ours.update({k: e.value for k, e in dotenv.read(text).items()})
        theirs: dict[str, str] = {}
        for _, text in inputs:
            theirs.update({k: e.value for k, e in dotenv.read(text).items()})
        differing = sorted(k for k in theirs if ours.get(k) != theirs[k])
        same = len(theirs) - len(differing)
        shown = ", ".join(f"{k}={theirs[k]!r}->{ours.get(k)!r}" for k in differing[:6])
        more = f" (+{len(differing) - 6})" if len(differing) > 6 else ""
        print(f"{platform + ' ' + kind:34} {len(theirs):5} {same:5} {len(differing):5}  {shown}{more}")


def network_text(nodes: int) -> str:
    lines = ["alc: 1", "company: Bench", "ledger: 10.0.0.1:32048", "clusters:"]
    lines += [f"  - name: c{i}" for i in range(max(1, nodes // 8))]
    lines += ["nodes:", "  - {name: master, type: master, host: h0}"]
    for i in range(1, nodes):
        host, port = f"h{i % max(1, nodes // 4)}", 32148 + 10 * (i // max(1, nodes // 4))
        lines.append(f"  - {{name: op{i}, type: operator, host: {host}, cluster: c{i % max(1, nodes // 8)}, "
                     f"tcp: {{port: {port}}}, rest: {{port: {port + 1}}}, databases: {{data: {{name: d}}}}}}")
    return "\n".join(lines) + "\n"


def speed(sizes: list[int]) -> None:
    print(f"\n{'nodes':>6} {'files (compose)':>16} {'compose s':>10} {'helm s':>8}")
    for size in sizes:
        network = spec.load(network_text(size), "bench.yaml").network
        assert network is not None
        start = time.perf_counter()
        made = compose.build(network, "bench")
        middle = time.perf_counter()
        helm.build(network, "bench")
        end = time.perf_counter()
        print(f"{size:6} {len(made):16} {middle - start:10.2f} {end - middle:8.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="/work/corpus")
    ap.add_argument("--nodes", default="50,200,800")
    args = ap.parse_args()
    if Path(args.corpus).is_dir():
        official_keys(Path(args.corpus))
    speed([int(n) for n in args.nodes.split(",")])


if __name__ == "__main__":
    main()
