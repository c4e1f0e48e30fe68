"""`alc build --target compose|helm`: the exact files of the sample network (goldens under
tests/golden/deploy/<spec>/<target>/), every docker-compose.yaml valid under the Compose
Specification's schema, every values file holding only keys of its chart, secrets never
written, and the checks themselves able to fail.

Regenerate after a deliberate change with ALC_UPDATE_GOLDEN=1, then review the diff.
"""

from __future__ import annotations

import os
import shutil

import pytest
import yaml
from hypothesis import given, settings

from compiler import emit, spec
from compiler.cli.build import spec_name
from compiler.emit import charts, compose, helm
from compiler.emit.deploy import DeployError
from tests.conftest import ROOT
from tests.emit.test_properties import specs

SAMPLES = sorted(p for p in (ROOT / "samples" / "specs").iterdir() if p.suffix in (".yaml", ".toml"))
NETWORK = ROOT / "samples" / "specs" / "orchard-network.yaml"
GOLDEN = ROOT / "tests" / "golden" / "deploy"


def load(path):
    relative = str(path.relative_to(ROOT))
    loaded = spec.load(path.read_text(encoding="utf-8"), relative)
    assert loaded.errors == []
    return loaded.network, spec_name(relative)


def built(path, target: str) -> dict[str, str]:
    network, name = load(path)
    if target == "helm":
        return helm.build(network, name)
    scripts = emit.build(network, name) if target == "compose-scripts" else None
    return compose.build(network, name, scripts)


@pytest.mark.parametrize("target", ["compose", "compose-scripts", "helm"])
def test_the_sample_network_builds_its_golden_files(target):
    files = built(NETWORK, target)
    folder = GOLDEN / NETWORK.stem / target
    if os.environ.get("ALC_UPDATE_GOLDEN"):
        shutil.rmtree(folder, ignore_errors=True)
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    on_disk = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert sorted(files) == on_disk
    for name, text in files.items():
        assert text == (folder / name).read_text(encoding="utf-8"), name


def test_the_sample_network_lays_out_one_compose_file_per_host():
    files = built(NETWORK, "compose")
    assert [name for name in files if name.endswith(compose.COMPOSE_FILE)] == [
        "hub/docker-compose.yaml", "row-1/docker-compose.yaml", "row-2/docker-compose.yaml"]
    hub = yaml.safe_load(files["hub/docker-compose.yaml"])
    assert list(hub["services"]) == ["orchard-master", "orchard-query", "remote-cli"]  # query runs the Remote-CLI
    master = hub["services"]["orchard-master"]
    assert (master["image"], master["network_mode"], master["restart"]) == (
        "anylogco/anylog-network:1.3.2504", "host", "always")
    assert master["volumes"][:4] == ["orchard-master-anylog:/app/AnyLog-Network/anylog",
                                     "orchard-master-blockchain:/app/AnyLog-Network/blockchain",
                                     "orchard-master-data:/app/AnyLog-Network/data",
                                     "orchard-master-local-scripts:/app/deployment-scripts"]
    assert master["env_file"] == ["orchard-master/node_configs.env"]


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
@pytest.mark.parametrize("target", ["compose", "compose-scripts"])
def test_every_sample_builds_compose_files_the_compose_schema_accepts(path, target):
    files = built(path, target)
    documents = [yaml.safe_load(text) for name, text in files.items() if name.endswith(compose.COMPOSE_FILE)]
    assert documents
    for document in documents:
        assert compose.schema_errors(document) == []


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_sample_builds_values_files_with_the_charts_keys_only(path):
    network, _ = load(path)
    bad = [n.name.value for n in network.nodes if helm.release_problem(n.name.value)]
    if bad:
        with pytest.raises(DeployError, match="the chart names the node after its release"):
            helm.build(network, "x")
        return
    files = built(path, "helm")
    for name, text in files.items():
        if name.endswith(helm.VALUES_FILE):
            assert charts.unknown_keys(yaml.safe_load(text), charts.NODE_VALUES) == []
        elif name.endswith(helm.VOLUMES_FILE):
            assert charts.unknown_keys(yaml.safe_load(text), charts.VOLUMES_VALUES) == []


def test_the_compose_schema_refuses_what_compose_would():
    service = {"image": "x:1", "network_mode": "host"}
    assert compose.schema_errors({"services": {"n": service}}) == []
    errors = compose.schema_errors({"services": {"n": {**service, "restart_policy": "always"}},
                                    "volumes": {"bad name": None}})
    assert errors == ["services.n: 'restart_policy' does not match any of the regexes: '^x-'",
                      "volumes: 'bad name' does not match any of the regexes: '^[a-zA-Z0-9._-]+$'"]


def test_unknown_keys_names_every_key_the_chart_lacks():
    values = {"metadata": {"namespace": "x", "replicas": 2}, "node_configs": {"general": {"NODE_TYPE": "query"},
              "mqtt": {"MQTT_BROKER": "b", "MQTT_QOS": "1"}, "kafka": {}}, "image": "anylogco/anylog-network"}
    assert charts.unknown_keys(values, charts.NODE_VALUES) == [
        "metadata.replicas", "node_configs.mqtt.MQTT_QOS", "node_configs.kafka", "image"]
    assert charts.unknown_keys({"metadata": {"service_type": "NodePort"}}, charts.VOLUMES_VALUES) == [
        "metadata.service_type"]


def test_secrets_stay_references_in_every_target():
    compose_files = built(NETWORK, "compose")
    row = yaml.safe_load(compose_files["row-1/docker-compose.yaml"])["services"]["orchard-row-1"]
    assert row["environment"] == {"DB_PASSWD": "${DB_PASSWORD}"}
    assert "DB_PASSWD=${DB_PASSWORD}\n" in compose_files["row-1/orchard-row-1/node_configs.env"]
    hub = yaml.safe_load(compose_files["hub/docker-compose.yaml"])["services"]
    assert "environment" not in hub["orchard-master"]  # no secret: nothing to pass
    scripts = yaml.safe_load(built(NETWORK, "compose-scripts")["row-1/docker-compose.yaml"])
    assert scripts["services"]["orchard-row-1"]["environment"] == {"DB_PASSWORD": "${DB_PASSWORD}"}
    helm_files = built(NETWORK, "helm")
    values = yaml.safe_load(helm_files["orchard-row-1/values.yaml"])
    assert "DB_PASSWD" not in values["node_configs"]["database"]
    assert values["node_configs"]["database"]["DB_USER"] == "orchard"
    assert '--set-string node_configs.database.DB_PASSWD="$DB_PASSWORD"' in helm_files["README.md"]


def test_kubernetes_settings_reach_the_values():
    files = built(NETWORK, "helm")
    query = yaml.safe_load(files["orchard-query/values.yaml"])
    row = yaml.safe_load(files["orchard-row-2/values.yaml"])
    assert query["metadata"]["service_type"] == "NodePort" and row["metadata"]["service_type"] == "ClusterIP"
    assert (row["metadata"]["namespace"], row["metadata"]["node_selector"]) == ("orchard", "row-2")
    assert (row["image"]["repository"], row["image"]["tag"]) == ("anylogco/anylog-network", "1.3.2504")
    assert "--namespace orchard" in files["README.md"]


def test_a_host_that_cannot_name_a_folder_is_refused():
    network, name = load(NETWORK)
    network.nodes[0].host = type(network.nodes[0].host)("../etc")
    with pytest.raises(DeployError, match=r"host `\.\./etc` cannot name a folder"):
        compose.build(network, name)


@settings(max_examples=settings().max_examples // 4)  # each example builds every target
@given(specs())
def test_every_generated_spec_builds_valid_deployments_or_says_why(data):
    network = spec.load(yaml.safe_dump(data, sort_keys=False), "s.yaml").network
    for scripts in (None, emit.build(network, "s")):
        files = compose.build(network, "s", scripts, warnings=[])
        for name, text in files.items():
            if name.endswith(compose.COMPOSE_FILE):
                assert compose.schema_errors(yaml.safe_load(text)) == []
    try:
        files = helm.build(network, "s")
    except DeployError as exc:
        assert "the chart names the node after its release" in str(exc)
        assert any(helm.release_problem(n.name.value) for n in network.nodes)
        return
    for name, text in files.items():
        chart = charts.NODE_VALUES if name.endswith(helm.VALUES_FILE) else charts.VOLUMES_VALUES
        if name.endswith(".yaml"):
            assert charts.unknown_keys(yaml.safe_load(text), chart) == []


def test_nebula_user_volumes_and_the_docker_socket_as_the_official_builds_add_them():
    text = ("alc: 1\nplatform: edgelake\ncompany: Pond\nledger: 10.1.0.1:32048\nnodes:\n"
            "  - name: pond-gen\n    type: generic\n    container:\n      docker_socket: /run/docker.sock\n"
            "      user_volumes: [/srv/pond/scripts, pond-cache]\n"
            "      nebula: {enabled: true, cidr: 10.10.1.15/24, lighthouse_ip: 10.10.1.1}\n")
    network = spec.load(text, "pond.yaml").network
    document = yaml.safe_load(compose.build(network, "pond")["pond-gen/docker-compose.yaml"])
    assert compose.schema_errors(document) == []
    service = document["services"]["pond-gen"]
    assert service["volumes"][4:] == ["/run/docker.sock:/var/run/docker.sock", "/srv/pond/scripts:/app/scripts",
                                      "pond-cache:/app/pond-cache", "pond-gen-nebula-overlay:/app/nebula"]
    assert (service["cap_add"], service["devices"]) == (["NET_ADMIN"], ["/dev/net/tun:/dev/net/tun"])
    assert list(document["volumes"])[4:] == ["pond-cache", "pond-gen-nebula-overlay"]


def test_with_scripts_every_variable_the_script_reads_is_passed():
    text = ("alc: 1\nplatform: edgelake\ncompany: Pond\nledger: \"$LEDGER_CONN\"\nnodes:\n"
            "  - name: pond-query\n    type: query\n    tcp: {port: \"$POND_TCP\"}\n"
            "    commands: [\"set pond_key = $POND_KEY\"]\n")
    network = spec.load(text, "pond.yaml").network
    files = compose.build(network, "pond", emit.build(network, "pond"))
    service = yaml.safe_load(files["pond-query/docker-compose.yaml"])["services"]["pond-query"]
    assert service["environment"] == {"LEDGER_CONN": "${LEDGER_CONN}", "POND_TCP": "${POND_TCP}",
                                      "POND_KEY": "${POND_KEY}"}  # the ledger is the network's
    assert service["volumes"][-1] == "./pond-query/pond-query.al:/app/deployment-scripts/node-deployment/main.al:ro"
    assert "env_file" not in service
