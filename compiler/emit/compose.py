"""`alc build --target compose`: per host, a docker-compose.yaml with one service per node on it,
as the official EdgeLake / AnyLog docker-compose repositories run a node: the platform's image,
`network_mode: host` (the node's own ports on the machine), `restart: always`, a terminal
(`stdin_open`, `tty`: the node's command line), and four named volumes per node (its anylog,
blockchain and data folders, and the deployment scripts).

The node's settings go into its `.env` files in the official key names
(:mod:`compiler.official.env`), which the image's own start scripts read.  The files are read
back (`alc convert`'s reader): where a node's files would configure it otherwise than the spec
says (its `commands`, an `almgm` database of another type than its data, the blobs archiver
the official scripts start on every operator ...), the build warns, naming each difference and
`--scripts`.  A setting that is
a `$ENV` reference (a password) stays one: compose does not expand `env_file`, so the service's
`environment` maps the key to `${NAME}`, which compose fills in from the shell or the
project's `.env` when the node starts; no secret is written into any file.

With ``scripts`` (`--scripts`), each node runs its built `.al` script instead: it is mounted,
read-only, over the script the image starts (`node-deployment/main.al`), and only the
variables the script reads (`$ENV` references) are passed, each as `${NAME}`.

Files (paths relative to the output folder)::

    <host>/docker-compose.yaml
    <host>/<node>/<env files>     (or <host>/<node>/<node>.al with --scripts)

Every docker-compose.yaml is checked against the Compose Specification's JSON Schema
(schemas/compose-spec.json) before anything is written.
"""

from __future__ import annotations

import json
from functools import lru_cache

from compiler import __version__
from compiler.emit import deploy, yaml_text
from compiler.emit.deploy import DeployError
from compiler.ir import deployment
from compiler.ir.model import Network, Node

COMPOSE_FILE = "docker-compose.yaml"
SCHEMA_FILE = "compose-spec.json"
RESTART = "always"
# The Remote-CLI (a web page that sends commands to the nodes), as the official compose files add
# it when REMOTE_CLI is true: one per host, on its own port.
NEBULA_HOME = "/app/nebula"
REMOTE_CLI_SERVICE = "remote-cli"
REMOTE_CLI_IMAGE = "anylogco/remote-cli:latest"
REMOTE_CLI_VOLUMES = (("remote-cli", "/app/Remote-CLI/djangoProject/static/json"),
                      ("remote-cli-current", "/app/Remote-CLI/djangoProject/static/blobs/current/"))


@lru_cache(maxsize=1)
def compose_schema() -> dict:
    """The Compose Specification's schema (compose-spec/compose-spec, Apache-2.0), vendored."""
    from compiler.spec.schema import shipped

    return json.loads(shipped(SCHEMA_FILE))


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft7Validator

    return Draft7Validator(compose_schema())


def schema_errors(document: dict) -> list[str]:
    """What the Compose Specification refuses in ``document`` (empty: valid)."""
    validator = _validator()
    return [f"{'.'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))]


def hosts(network: Network) -> dict[str, list[Node]]:
    """The nodes of each host, hosts and nodes in spec order."""
    out: dict[str, list[Node]] = {}
    for node in network.nodes:
        out.setdefault(node.host.value, []).append(node)
    return out


def folder(node: Node) -> str:
    """The folder of the node's host: the host's name, when that is one plain folder name."""
    host = node.host.value
    if host in (".", "..") or not host or any(c in host for c in "/\\\0") or host != host.strip():
        raise DeployError(f"host `{host}` cannot name a folder: use letters, digits, `-`, `_` and `.`", node.host)
    return host


def build(network: Network, spec_name: str, scripts: dict[str, str] | None = None,
          version: str = __version__, warnings: list[str] | None = None) -> dict[str, str]:
    """Relative path -> text of every file, hosts in spec order; ``scripts`` (`<node>.al` ->
    text) mounts each node's script instead of its `.env` files.  What the `.env` files cannot
    say as the spec does is added to ``warnings``, one line per node."""
    files: dict[str, str] = {}
    for host, nodes in hosts(network).items():
        place = folder(nodes[0])
        services: dict = {}
        volumes: dict = {}
        own_files: dict[str, str] = {}
        for node in nodes:
            name = node.name.value
            if name == COMPOSE_FILE:
                raise DeployError(f"node `{name}` would name a folder where its host's {COMPOSE_FILE} goes: "
                                  "rename it", node.name)
            official = deploy.settings(network, node) if scripts is None else None
            script = scripts[f"{name}.al"] if scripts is not None else None
            service, own = _service(network, node, official, script)
            services[name] = service
            volumes.update(own)
            if official is None:
                own_files[f"{place}/{name}/{name}.al"] = scripts[f"{name}.al"]
            else:
                rendered = {f"{place}/{name}/{env_file.name}": deploy.render(env_file) for env_file in official.files}
                unsaid = deploy.unsaid(network, node, list(rendered.items()))
                if unsaid and warnings is not None:
                    warnings.append(f"node `{name}`: the official scripts, configured by its .env files, would "
                                    f"differ from the spec in {'; '.join(unsaid)}: --scripts runs its built "
                                    "script instead")
                own_files.update(rendered)
        cli = next((c for c in (deployment.remote_cli(network, n) for n in nodes) if c is not None), None)
        if cli is not None:
            if REMOTE_CLI_SERVICE in services:
                raise DeployError(f"node `{REMOTE_CLI_SERVICE}` has the name of the host's Remote-CLI service: "
                                  "rename it", next(n.name for n in nodes if n.name.value == REMOTE_CLI_SERVICE))
            services[REMOTE_CLI_SERVICE], own = _remote_cli(cli)
            volumes.update(own)
        document = {"services": services, "volumes": volumes}
        errors = schema_errors(yaml_text.plain(document))
        if errors:
            raise DeployError(f"{place}/{COMPOSE_FILE} does not follow the Compose Specification: "
                              + "; ".join(errors))
        header = [f"Built by alc {version} from {spec_name}: the nodes of host `{host}`.",
                  "Start them on that machine, in this folder: docker compose up -d"]
        if _secrets(services):
            header.append("Set the variables named ${...} in the shell or in a .env file beside this one first.")
        files[f"{place}/{COMPOSE_FILE}"] = yaml_text.dump(document, header)
        files.update(own_files)
    return files


def _remote_cli(cli: dict) -> tuple[dict, dict]:
    port = cli["cli_port"]
    service = {"image": REMOTE_CLI_IMAGE, "container_name": REMOTE_CLI_SERVICE, "restart": RESTART,
               "stdin_open": True, "tty": True, "ports": [f"{port}:{port}"],
               "environment": {"CONN_IP": str(cli["conn_ip"]), "CLI_PORT": str(port)},
               "volumes": [f"{name}:{target}" for name, target in REMOTE_CLI_VOLUMES]}
    return service, {name: None for name, _ in REMOTE_CLI_VOLUMES}


def _secrets(services: dict) -> bool:
    return any("${" in str(service.get("environment", "")) for service in services.values())


def _service(network: Network, node: Node, official: deploy.Settings | None,
             script: str | None) -> tuple[dict, dict]:
    """The node's service and its named volumes: configured by its ``official`` files, or
    running its own ``script``."""
    name = node.name.value
    settings = deploy.container(network, node)
    repository, tag = deploy.image(network, node)
    home = deploy.HOMES[network.platform.value]
    entry = f"{settings.get('anylog_path', deploy.APP)}/deployment-scripts/{deploy.MAIN_SCRIPT}"
    service: dict = {"image": f"{repository}:{tag}", "container_name": name, "restart": RESTART,
                     "stdin_open": True, "tty": True, "network_mode": "host"}
    if len(name) < 2:  # docker's container names have two characters at least: compose names it
        del service["container_name"]
    if official is None:
        environment = {variable: f"${{{variable}}}" for variable in deploy.references(script)}
    else:
        service["env_file"] = [f"{name}/{env_file.name}" for env_file in official.files]
        environment = {key: f"${{{variable}}}" for key, variable in official.secrets.items()}
    if environment:
        service["environment"] = environment
    mounts, volumes = [], {}
    for suffix, target in deploy.VOLUMES:
        volume = f"{name}-{suffix}"
        volumes[volume] = None
        mounts.append(f"{volume}:{target.format(home=home, scripts=deploy.SCRIPTS_HOME)}")
    socket = settings.get("docker_socket")
    if socket is None and node.monitoring is not None and node.monitoring.docker.value:
        socket = deploy.DOCKER_SOCKET  # docker monitoring reads the host's docker through it
    if socket:
        mounts.append(f"{socket}:{deploy.DOCKER_SOCKET}")
    for source in settings.get("user_volumes", []):
        # As the official AnyLog build does: each at /app/<its last name>; a bare name is a volume.
        last = source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
        mounts.append(f"{source}:{deploy.APP}/{last}")
        if "/" not in source and "\\" not in source:
            volumes[source] = None
    if settings.get("nebula", {}).get("enabled"):
        # The overlay, as the official EdgeLake build adds it: a tunnel device and its state.
        service["cap_add"] = ["NET_ADMIN"]
        service["devices"] = ["/dev/net/tun:/dev/net/tun"]
        volumes[f"{name}-nebula-overlay"] = None
        mounts.append(f"{name}-nebula-overlay:{NEBULA_HOME}")
    if official is None:
        mounts.append(f"./{name}/{name}.al:{entry}:ro")
    service["volumes"] = mounts
    return service, volumes
