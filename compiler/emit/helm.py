"""`alc build --target helm`: per node, the values of the official `anylog-node` chart and of
its volumes chart (AnyLog-co/deployment-k8s), and a README.md with the `helm install` commands.

The release is the node's name (the chart names the node after `metadata.app_name`); the
namespace, the Service type, the node selector and the image pull settings come from the
spec's `kubernetes` sections (compiler/ir/defaults.py `KUBERNETES` where it says nothing).
The node's settings are its official keys (:mod:`compiler.official.env`), each under the
chart's `node_configs` group that holds it; a key the chart has no place for is listed in the
README (the chart's ConfigMap would not carry it).  A `$ENV` reference (a password) is never
written: the README's command passes it with `--set-string` from the shell, as `"$NAME"`.

Files (relative to the output folder)::

    README.md
    <node>/values.yaml     (chart anylog-node)
    <node>/volumes.yaml    (chart anylog-node-volumes)

Every values file holds only keys the chart's values have (:mod:`compiler.emit.charts`).
"""

from __future__ import annotations


from compiler import __version__
from compiler.emit import charts, deploy, yaml_text
from compiler.emit.deploy import DeployError
from compiler.ir import defaults as D
from compiler.ir.deployment import VOLUME_SUFFIX, kubernetes, release_problem
from compiler.ir.model import Network, Node

VALUES_FILE = "values.yaml"
VOLUMES_FILE = "volumes.yaml"
CHARTS = "deployment-k8s"  # a clone of AnyLog-co/deployment-k8s


def build(network: Network, spec_name: str, version: str = __version__,
          warnings: list[str] | None = None) -> dict[str, str]:
    """Relative path -> text of every file; each node's settings the chart cannot carry are also
    added to ``warnings``, one line per node."""
    files: dict[str, str] = {}
    readme = _readme_head(spec_name, version)
    for node in network.nodes:
        name = node.name.value
        problem = release_problem(name)
        if problem is not None:
            raise DeployError(f"node `{name}` {problem}: the chart names the node after its release", node.name)
        values, volumes, secrets, left_out = _values(network, node)
        for document, chart in ((values, charts.NODE_VALUES), (volumes, charts.VOLUMES_VALUES)):
            unknown = charts.unknown_keys(document, chart)
            if unknown:
                raise DeployError(f"{name}: keys the chart does not have: {', '.join(unknown)}")
        head = f"Built by alc {version} from {spec_name}: node `{name}`"
        files[f"{name}/{VALUES_FILE}"] = yaml_text.dump(values, [f"{head}, chart {charts.NODE_CHART}."])
        files[f"{name}/{VOLUMES_FILE}"] = yaml_text.dump(volumes, [f"{head}, chart {charts.VOLUMES_CHART}."])
        readme += _readme_node(node, kubernetes(node)["namespace"], secrets, left_out)
        if left_out and warnings is not None:
            warnings.append(f"node `{name}`: the {charts.NODE_CHART} chart has no value for "
                            f"{', '.join(left_out)}, which the spec sets: the node does not get them")
    return {"README.md": readme, **files}


def _values(network: Network, node: Node) -> tuple[dict, dict, dict[str, str], list[str]]:
    name = node.name.value
    k8s = kubernetes(node)
    settings = deploy.container(network, node)
    repository, tag = deploy.image(network, node)
    metadata = {"namespace": k8s["namespace"], "hostname": name, "app_name": name,
                "service_name": f"{name}-service", "configmap_name": f"{name}-configmap",
                "node_selector": k8s["node_selector"]}
    image = {"secret_name": k8s["pull_secret"], "repository": repository, "tag": tag,
             "pull_policy": k8s["pull_policy"]}
    official = deploy.settings(network, node)
    entries = official.entries()
    image["init_type"] = entries.get("INIT_TYPE", settings.get("init_type", D.CONTAINER["init_type"]))
    image["disable_cli"] = _flag(entries.get("DISABLE_CLI", settings.get("disable_cli", D.CONTAINER["disable_cli"])))
    groups: dict[str, dict] = {}
    secrets: dict[str, str] = {}  # `node_configs.<group>.<KEY>` -> variable
    left_out: list[str] = []
    for key, value in entries.items():
        group = charts.group_of(key)
        if key in ("INIT_TYPE", "DISABLE_CLI", "NODE_NAME"):
            continue  # the chart takes them from `image` and `metadata`
        if group is None:
            if not _official_default(key, value):
                left_out.append(key)
        elif key in official.secrets:
            secrets[f"node_configs.{group}.{key}"] = official.secrets[key]
        else:
            groups.setdefault(group, {})[key] = value
    order = list(charts.NODE_VALUES["node_configs"])
    node_configs = {group: groups[group] for group in order if group in groups}
    values = {"metadata": {**metadata, "service_type": k8s["service_type"]}, "image": image,
              "node_configs": node_configs}
    volumes = {"metadata": metadata}
    return values, volumes, secrets, left_out


def _official_default(key: str, value: str) -> bool:
    """Whether ``value`` is the official files' own for ``key`` (not worth a word when the chart
    cannot carry it: the image's scripts use the same)."""
    from compiler.official.keys import BY_NAME

    return key in BY_NAME and BY_NAME[key].default == value


def _flag(value) -> bool:
    return value if isinstance(value, bool) else str(value).lower() == "true"


def _readme_head(spec_name: str, version: str) -> str:
    return (f"# Helm values built by alc {version} from {spec_name}\n\n"
            f"One folder per node: `{VALUES_FILE}` for the chart `{charts.NODE_CHART}` and `{VOLUMES_FILE}` "
            f"for the chart `{charts.VOLUMES_CHART}`, both from a clone of AnyLog-co/deployment-k8s "
            f"(`git clone https://github.com/AnyLog-co/deployment-k8s {CHARTS}`). "
            "Install the volumes first. Run the commands in this folder; set the variables they name "
            "(`\"$NAME\"`) in the shell first.\n")


def _readme_node(node: Node, namespace: str, secrets: dict[str, str], left_out: list[str]) -> str:
    name = node.name.value
    install = f"helm install {{release}} {CHARTS}/{{chart}} -f {name}/{{file}} --namespace {namespace} --create-namespace"
    lines = ["", f"## {name}", "", "```sh",
             install.format(release=name + VOLUME_SUFFIX, chart=charts.VOLUMES_FOLDER, file=VOLUMES_FILE)]
    node_cmd = install.format(release=name, chart=charts.NODE_CHART, file=VALUES_FILE)
    for path, variable in secrets.items():
        node_cmd += f' \\\n  --set-string {path}="${variable}"'
    lines += [node_cmd, "```"]
    if left_out:
        lines += ["", "The chart has no value for " + ", ".join(f"`{key}`" for key in left_out)
                  + ", which the spec sets to other than the official default: the node does not get "
                  "these settings (`alc build --target compose` carries them)."]
    return "\n".join(lines) + "\n"
