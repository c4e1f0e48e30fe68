"""The official start scripts against the direct `.env` conversion (run on demand; needs the
public repositories).

    python benchmarks/official_scripts.py [--corpus /work/corpus] [--only operator,master] [--show]

For every official configuration (EdgeLake/docker-compose `*-configs/` base + advance files, and
each AnyLog-co/docker-compose `anylog-*/node_configs.env`), convert the official
`node-deployment/main.al` of the platform's deployment-scripts with the files' keys as `--env`
and the scripts' folder as `--root` (what `alc convert main.al --env ... --root ...` does,
without convert's own check), and convert the files directly (`alc convert DIR`).  Per
configuration: the statements the script route keeps verbatim in `commands`, the deployment
steps it recognised, every spec field (besides `commands`) on which the two routes differ, and
whether `alc convert` without --canonical takes it (no statement kept verbatim before a step).
With --show, the fields' values too.  Results go to stdout; the README (section on `alc
convert`) keeps the last numbers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.official_roundtrip import configs  # noqa: E402
from compiler import convert  # noqa: E402
from compiler.convert import faithful, to_spec  # noqa: E402

SCRIPTS = {"edgelake": "EdgeLake+deployment-scripts", "anylog": "AnyLog-co+deployment-scripts"}


def flat(value, path=""):
    """Every leaf of a spec's data, by its dotted path."""
    if isinstance(value, dict) and value:
        for key, item in value.items():
            yield from flat(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list) and value and not all(isinstance(v, str) for v in value):
        for index, item in enumerate(value):
            yield from flat(item, f"{path}[{index}]")
    else:
        yield path, value


def node_data(converted: convert.Converted) -> dict:
    if converted.network is None:
        return {}
    data = to_spec.data(converted.network)
    node = data.pop("nodes")[0]
    node.pop("commands", None)
    ir = converted.network.nodes[0]
    for service in ("tcp", "rest", "broker"):  # a written spec leaves a default port out, or not
        if getattr(ir, service) is not None:
            node.setdefault(service, {})["port"] = getattr(ir, service).port.value
    return {**{f"network.{k}": v for k, v in flat({k: v for k, v in data.items() if k != "alc"})},
            **dict(flat(node))}


def run(corpus: Path, only: set[str] | None, show: bool) -> int:
    for platform, kind, files in configs(corpus):
        if only and kind not in only:
            continue
        inputs = [(str(p), p.read_text()) for p in files]
        direct = convert.env_files(inputs)
        # a later file overrides an earlier one, as the Makefile loads them
        values = convert.variables([], "\n".join(text for _, text in inputs), inputs[0][0])
        root = corpus / "links" / SCRIPTS[platform].replace("+", "_")
        main = root / "node-deployment" / "main.al"
        node = convert.script_node(main.read_text(), str(main), values, str(root))
        converted = convert.assemble([node], str(main), commands=False)  # the settings (the verbatim text of a block policy is no spec value)
        verbatim = [e for e in node.extras if e.ran.stmt.kind != "label"]
        # what `alc convert` without --canonical checks on start scripts read with --env
        strict = converted.network is not None and not faithful.before_building(node, str(main), flow=True)
        a, b = node_data(direct), node_data(converted)
        differ = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
        valid = "valid" if converted.network is not None else "invalid spec"
        print(f"{platform:8} {kind:22} verbatim {len(verbatim):4} (+{len(node.extras) - len(verbatim)} labels, "
              f"{node.dropped} ruled out)  "
              f"steps {len(node.steps):2}  fields differing {len(differ):3}  strict {'yes' if strict else 'no '}  "
              f"({valid}; direct: "
              f"{'valid' if direct.network is not None else 'invalid'})")
        if show:
            print("    steps:", ", ".join(node.steps))
            for key in differ:
                print(f"    {key}: direct {a.get(key)!r}  scripts {b.get(key)!r}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="/work/corpus", type=Path)
    parser.add_argument("--only", default="")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    return run(args.corpus, set(args.only.split(",")) - {""} or None, args.show)


if __name__ == "__main__":
    raise SystemExit(main())
