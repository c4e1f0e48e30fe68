"""The official configuration files against alc (run on demand; needs the public repositories).

    python benchmarks/official_roundtrip.py [--corpus /work/corpus] [--oracle] [--only operator,master]
        [--json OUT.json]

Part 1, for every official ``.env`` of EdgeLake/docker-compose (``docker-makefiles/*-configs``,
base_configs.env + advance_configs.env) and AnyLog-co/docker-compose
(``docker-makefiles/anylog-*/node_configs.env``): convert it as `alc convert DIR` does and count,
per file, its keys carried into typed spec sections (a spec field, a switch of a section, or a
spec key at the official default), container-only (a ``container`` field, ``container.env``, or
such a key at its default), reported as the setting of a feature that is off or does not apply
to the node type (once per feature), and dropped (never reported nor carried: must be 0).  Then
``spec -> env_files -> convert`` is checked to give the same node again.

Part 2, with ``--oracle`` (the real EdgeLake node of ../shared/oracle, about 40 s a run): for
the EdgeLake operator, master, query and generic configs, run the official
``node-deployment/main.al`` with the files (``run_with_env.py``) and alc's build of the
converted files (``oracle.sh``), and compare

* the deployment commands each ran, in order (their first words: ``connect dbms``,
  ``partition``, ``run operator`` ...; the official `config from policy` starts the TCP and REST
  servers itself);
* the end state: ``get processes`` (process and status), ``get databases``, the scheduled tasks
  (``get schedule``), the policies on the ledger (type and fields, without ids and dates).

Results go to stdout (and to --json); the README (section on `alc convert`) keeps the last numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compiler import convert, emit  # noqa: E402
from compiler.convert import dotenv, to_spec  # noqa: E402
from compiler.official import keys as K  # noqa: E402
from compiler.official.env import env_files, render  # noqa: E402

ORACLE = Path("/work/shared/oracle")
VENV = "/tmp/edgelake-venv/bin/python"
STATE = ["get processes", "get databases", "get scheduler 1", "blockchain get *"]
DEPLOYMENT = ("run ", "connect dbms", "create table", "partition ", "schedule ", "set buffer threshold",
              "set node name", "set license", "set internal ip", "set msg rule", "set query pool", "exit workers",
              "reset error log", "config from policy", "create work directories", "blockchain insert")


def configs(corpus: Path) -> list[tuple[str, str, list[Path]]]:
    out = []
    edge = corpus / "EdgeLake+docker-compose" / "docker-makefiles"
    for kind in ("operator", "master", "query", "generic"):
        folder = edge / f"{kind}-configs"
        out.append(("edgelake", kind, [folder / "base_configs.env", folder / "advance_configs.env"]))
    anylog = corpus / "AnyLog-co+docker-compose" / "docker-makefiles"
    for folder in sorted(anylog.glob("anylog-*")):
        if (folder / "node_configs.env").exists():
            out.append(("anylog", folder.name[len("anylog-"):], [folder / "node_configs.env"]))
    return out


def account(files: list[Path]) -> tuple[dict, convert.Converted]:
    inputs = [(str(p), p.read_text()) for p in files]
    result = dotenv.mapped_files(inputs)
    converted = convert.env_files(inputs)
    per_file = {}
    for path, text in inputs:
        counts = {"keys": 0, "spec": 0, "container": 0, "reported": 0, "dropped": 0}
        for name in dotenv.read(text):
            counts["keys"] += 1
            how = result.accounted.get(name)
            key = K.BY_NAME.get(name)
            if how is None:
                counts["dropped"] += 1
            elif how == "off":
                counts["reported"] += 1
            elif how in ("spec", "derived") or (how == "default" and key is not None and key.target in (K.SPEC, K.DERIVED)):
                counts["spec"] += 1
            else:
                counts["container"] += 1
        per_file[os.path.basename(path)] = counts
    return per_file, converted


def identity(converted: convert.Converted) -> str:
    """'same' when spec -> env_files -> convert gives the node back (else the first field that differs)."""
    network = converted.network
    node = network.nodes[0]
    again = convert.env_files([(f.name, render(f)) for f in env_files(network, node)])
    if again.network is None:
        return "refused: " + "; ".join(d.message for d in again.errors)[:200]
    other = again.network.nodes[0]
    for field in node.__dataclass_fields__:
        if field != "origin" and getattr(node, field) != getattr(other, field):
            return f"differs: {field}"
    return "same"


# ---------------------------------------------------------------- the oracle
def run_official(files: list[Path], scripts: Path, out: Path) -> dict:
    cmd = [VENV, str(ORACLE / "run_with_env.py"), str(out)]
    for path in files:
        cmd += ["--env", str(path)]
    cmd += ["--scripts-root", str(scripts)]
    for command in STATE:
        cmd += ["--cmd", command]
    cmd.append(str(scripts / "node-deployment" / "main.al"))
    subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    return json.loads(out.read_text())


def run_built(script: Path, out: Path, files: list[Path] = ()) -> dict:
    """alc's build, in a container with the same environment (its `$MQTT_PASSWD` ... resolve)."""
    cmd = [VENV, str(ORACLE / "run_with_env.py"), str(out)]
    for path in files:
        cmd += ["--env", str(path)]
    for command in STATE:
        cmd += ["--cmd", command]
    cmd.append(str(script))
    subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    return json.loads(out.read_text())


def ran(report: dict) -> list[str]:
    """The deployment commands a run executed, in order, by their first words."""
    out = []
    for script in report["scripts"]:
        for record in script["commands"]:
            text = (record.get("command") or "").strip().lstrip("<").strip()
            if record["rc"] in (1013, 1014) or text.startswith(("if ", "else", "do ", ":")):
                continue
            if text.startswith(DEPLOYMENT):
                out.append(_head(text))
    return out


def _head(text: str) -> str:
    for prefix in sorted(DEPLOYMENT, key=len, reverse=True):
        if text.startswith(prefix):
            if prefix == "run ":
                return " ".join(text.split()[:3]).replace(" where", "")
            if prefix == "schedule ":
                found = re.search(r"task\s+(\w+\s+\w+)", text)
                return "schedule " + (found.group(1) if found else "?")
            return prefix.strip()
    return text.split()[0]


def state(report: dict) -> dict:
    outputs = {c["command"]: c.get("output") or "" for c in report.get("extra_commands", [])}
    processes = {}
    for line in outputs.get("get processes", "").splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) >= 2 and cells[0] and not cells[0].startswith(("Process", "---")):
            processes[cells[0]] = cells[1]
    databases = sorted(set(re.findall(r"^\s*(\w+)\s*\|", outputs.get("get databases", ""), re.M)) - {"Logical"})
    # By name and period: the official tasks show their !variables, substituted only when they run.
    schedule = sorted({" | ".join(c.strip() for c in (cells[2], cells[6]))
                       for cells in (line.split("|") for line in outputs.get("get scheduler 1", "").splitlines())
                       if len(cells) >= 9 and cells[0].strip().isdigit()})
    policies = []
    text = outputs.get("blockchain get *", "")
    start = text.find("[")
    # The node wraps a long string over lines as adjacent literals: join them back.
    text = re.sub(r'"\s*\r?\n\s*"', "", text)
    text = re.sub(r":\s*True\b", ": true", re.sub(r":\s*False\b", ": false", re.sub(r":\s*None\b", ": null", text)))
    try:
        for policy in json.loads(text[start:text.rfind("]") + 1]) if start >= 0 else []:
            kind, body = next(iter(policy.items()))
            policies.append((kind, {k: v for k, v in body.items() if k not in ("id", "date", "ledger", "version")}))
    except ValueError:
        policies.append(("unparsed", {"text": text[:200]}))
    return {"processes": processes, "databases": databases, "schedule": schedule, "policies": policies}


def compare(official: dict, built: dict) -> dict:
    import difflib
    a, b = ran(official), ran(built)
    sequence = [line for line in difflib.unified_diff(a, b, "official", "alc", lineterm="", n=0)
                if not line.startswith(("---", "+++", "@@"))]
    sa, sb = state(official), state(built)
    diff = {"commands": sequence}
    for part in ("processes", "databases", "schedule"):
        x, y = sa[part], sb[part]
        if isinstance(x, dict):
            diff[part] = {k: (x.get(k), y.get(k)) for k in sorted(set(x) | set(y)) if x.get(k) != y.get(k)}
        else:
            diff[part] = {"official only": sorted(set(x) - set(y)), "alc only": sorted(set(y) - set(x))}
    policies = {}
    for side, found in (("official", sa["policies"]), ("alc", sb["policies"])):
        for kind, body in found:
            policies.setdefault(kind, {})[side] = body
    diff["policies"] = {}
    for kind, sides in policies.items():
        x, y = sides.get("official", {}), sides.get("alc", {})
        fields = {k: (x.get(k), y.get(k)) for k in sorted(set(x) | set(y)) if x.get(k) != y.get(k)}
        if fields:
            diff["policies"][kind] = fields
    diff["failed"] = {"official": [f["command"][:100] for s in official["scripts"] for f in s["failed_lines"]],
                      "alc": [f["command"][:100] for s in built["scripts"] for f in s["failed_lines"]]}
    return diff


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="/work/corpus")
    ap.add_argument("--oracle", action="store_true")
    ap.add_argument("--only", default="operator,master,query,generic")
    ap.add_argument("--json")
    ap.add_argument("--keep", metavar="DIR", help="keep the node's reports (official-KIND.json, alc-KIND.json)")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    results = []
    print(f"{'config':34} {'file':22} {'keys':>4} {'spec':>4} {'cont':>4} {'rep':>4} {'drop':>4}  round trip")
    for platform, kind, files in configs(corpus):
        per_file, converted = account(files)
        same = identity(converted) if converted.network is not None else "not converted: " + "; ".join(
            d.message for d in converted.errors)[:200]
        for name, c in per_file.items():
            print(f"{platform + ' ' + kind:34} {name:22} {c['keys']:4} {c['spec']:4} {c['container']:4} "
                  f"{c['reported']:4} {c['dropped']:4}  {same}")
        results.append({"platform": platform, "kind": kind, "files": per_file, "round_trip": same})
        if not args.oracle or platform != "edgelake" or kind not in args.only.split(",") or converted.network is None:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            tmp = args.keep or tmp
            scripts = corpus / "links" / "EdgeLake_deployment-scripts"
            official = run_official(files, scripts, Path(tmp) / f"official-{kind}.json")
            built = emit.build(converted.network, "official")
            script = Path(tmp) / f"{kind}.al"
            script.write_text(next(iter(built.values())))
            mine = run_built(script, Path(tmp) / f"alc-{kind}.json", files)
            diff = compare(official, mine)
            results[-1]["oracle"] = diff
            print(json.dumps({f"{platform} {kind}": diff}, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
