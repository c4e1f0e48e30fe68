"""The JSON Schema of specs: valid 2020-12, fully documented, in step with the IR's defaults,
shipped inside the package, and satisfied by every sample."""

import json
import tomllib

import pytest
import yaml
from jsonschema import Draft202012Validator

from compiler import spec
from compiler.ir import defaults
from compiler.spec.schema import schema, schema_text
from tests.conftest import ROOT

SAMPLES = sorted(p for p in (ROOT / "samples" / "specs").iterdir() if p.suffix in (".yaml", ".toml"))

# Properties with no `default` keyword, and why (the description says what happens instead).
NO_DEFAULT = {
    "port": "derived from the node type, or required (broker)",
    "rest": "absent means no REST service", "broker": "absent means no broker",
    "blobs": "absent means no archiver, unless databases.blobs is set", "ha": "absent means no HA",
    "operator": "every option has its own default", "publisher": "every option has its own default",
    "company": "inherits the spec's company", "host": "the node's own name", "cluster": "operators name it",
    "name": "a name has no sensible default", "user": "a psql user has none", "password": "secrets have none",
    "member": "the node picks one", "almgm": "by node type", "data": "required on operators",
    "blockchain": "by node type", "system_query": "by node type",
    # The official deployment's settings (issue 13)
    "autocommit": "psql only: absent leaves the node's own", "unlog": "psql only: absent leaves the node's own",
    "main": "absent means no `main` field in the policy", "location": "absent means no location fields",
    "hostname": "absent means no `hostname` field in the policy",
    "coordinates": "absent means no such policy field", "country": "absent means no such policy field",
    "state": "absent means no such policy field", "city": "absent means no such policy field",
    "query_pool": "absent keeps the node's own pool", "buffer": "by node type", "archive": "by node type",
    "monitoring": "absent means no monitoring", "license_key": "secrets have none",
    "authentication": "absent writes no line: the node keeps its own",
    "nic": "absent: the node finds its address itself", "overlay_ip": "absent means no overlay",
    "external_dns": "absent means no DNS name", "local_dns": "absent means no DNS name",
    "dbms": "the node's data database", "qos": "absent: the node's own (0)",
    "view_destination": "absent: looked up on the ledger",
    # Container settings are carried, never applied: their defaults are the image's.
    "container": "absent means no container settings", "image": "by platform (the image's own)",
    "tag": "by platform and release", "anylog_path": "the image's own", "local_scripts": "the image's own",
    "test_dir": "the image's own", "deployments_repo": "by platform", "deployments_branch": "by platform",
    "docker_socket": "absent means none mounted", "remote_cli": "absent means not run",
    "remote_gui": "absent means not run", "nebula": "absent means no overlay",
    "fe": "the Remote-GUI's own", "be": "the Remote-GUI's own", "grafana_url": "absent means none",
    "remote_conn": "absent means none", "cidr": "an address has no default",
    "lighthouse_ip": "an address has no default", "lighthouse_node_ip": "an address has no default",
    # `--target helm` (issue 18)
    "kubernetes": "absent: the chart's own values",
}


def properties(node, where=""):
    """Every (path, name, property schema, parent schema) in the schema."""
    for name, prop in node.get("properties", {}).items():
        yield f"{where}.{name}", name, prop, node
    for name, sub in node.get("$defs", {}).items():
        yield from properties(sub, f"$defs.{name}")


def test_schema_is_valid_draft_2020_12():
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema())


FIELDS = list(properties(schema()))
FIELD_IDS = [path for path, *_ in FIELDS]


@pytest.mark.parametrize("path,name,prop,parent", FIELDS, ids=FIELD_IDS)
def test_every_field_has_description_example_and_default(path, name, prop, parent):
    assert prop.get("description"), path
    assert prop.get("examples"), path
    if name not in parent.get("required", []) and name not in NO_DEFAULT:
        assert "default" in prop, f"{path}: give it a default, or say in NO_DEFAULT why it has none"


@pytest.mark.parametrize("path,name,prop,parent", FIELDS, ids=FIELD_IDS)
def test_examples_and_defaults_are_valid(path, name, prop, parent):
    validator = Draft202012Validator(schema()).evolve(schema={**prop, "$defs": schema()["$defs"]})
    for example in prop["examples"] + ([prop["default"]] if "default" in prop else []):
        assert not list(validator.iter_errors(example)), (path, example)


def test_defaults_match_the_ir():
    for def_name, values in defaults.BY_SCHEMA_DEF.items():
        node = schema() if def_name == "" else schema()["$defs"][def_name]
        stated = {k: p["default"] for k, p in node["properties"].items() if "default" in p}
        assert stated == values, def_name


def test_schema_travels_inside_the_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert config["package-dir"]["compiler.schemas"] == "schemas"
    assert config["package-data"]["compiler.schemas"] == ["*.json", "LICENSE.*"]
    assert json.loads(schema_text()) == json.loads((ROOT / "schemas" / "alc-spec.schema.json").read_text())


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_sample_satisfies_the_schema_and_loads_cleanly(path):
    text = path.read_text()
    data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    assert not list(Draft202012Validator(schema()).iter_errors(data))
    assert spec.load(text, str(path)).diagnostics == []


@pytest.mark.parametrize("path", [p for p in SAMPLES if p.suffix == ".yaml"], ids=lambda p: p.name)
def test_every_yaml_sample_names_the_schema_for_editors(path):
    assert path.read_text().startswith("# yaml-language-server: $schema=../../schemas/alc-spec.schema.json\n")
