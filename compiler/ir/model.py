"""The deployment IR: a network of clusters and nodes, as plain dataclasses.

Specs (``compiler.spec``) and, later, scripts build it; the emitters and the rules read it.
Every field is filled: a spec's loader applies the one canonical default of each field, so
readers never guess.  Every value is a :class:`Value` that remembers where it came from;
equality compares the values only, so a script and a spec that mean the same thing give
equal IR.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

T = TypeVar("T")

Platform = Literal["anylog", "edgelake"]
NodeType = Literal["operator", "master", "query", "publisher", "generic"]
NODE_TYPES: tuple[NodeType, ...] = ("operator", "master", "query", "publisher", "generic")
PLATFORMS: tuple[Platform, ...] = ("anylog", "edgelake")
# A policy field the node works out when it starts, as the official start scripts do (a
# location field, `hostname`, an operator's `main`): the spec's value `auto`.
AUTO = "auto"
LOCATION_FIELDS = ("coordinates", "country", "state", "city")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a value was written: 1-based line and column of both ends (end exclusive).

    ``key`` is the key path in a spec (``nodes[0].tcp.port``) and None in a script.
    ``implicit`` marks a default: the position is then that of the nearest enclosing
    value the user wrote, so a finding about a default still points somewhere useful.
    A section (``tcp``, ``ha`` ...) and a node have the origin of their key; a value, of
    the value.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    key: str | None = None
    implicit: bool = False


@dataclass(frozen=True, slots=True)
class Value(Generic[T]):
    value: T
    origin: Origin | None = field(default=None, compare=False, repr=False)

    @property
    def implicit(self) -> bool:
        return self.origin is None or self.origin.implicit


@dataclass(slots=True)
class Endpoint:
    """A TCP, REST or message-broker service: ``port`` is a number or a ``!var``/``$ENV``."""

    port: Value[int | str]
    external_ip: Value[str]
    internal_ip: Value[str]
    bind: Value[bool]
    threads: Value[int]
    timeout: Value[int] | None = None  # REST only
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Database:
    """A logical database: ``connect dbms <name> where type=<type> ...``."""

    name: Value[str]
    type: Value[str]  # sqlite | psql | mongo
    ip: Value[str] | None = None
    port: Value[int | str] | None = None
    user: Value[str] | None = None
    password: Value[str] | None = None
    memory: Value[bool] | None = None
    autocommit: Value[bool] | None = None  # psql only
    unlog: Value[bool] | None = None  # psql only
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Databases:
    almgm: Database | None = None  # tsd_info: what the operator ingested (and HA compares)
    data: Database | None = None
    blobs: Database | None = None  # mongo; the node names it blobs_<name>
    blockchain: Database | None = None  # the master's ledger table
    system_query: Database | None = None  # a query node's scratch database


@dataclass(slots=True)
class BlobsArchiver:
    dbms: Value[bool]  # store blobs in the mongo database
    folder: Value[bool]
    compress: Value[bool]
    reuse_blobs: Value[bool]
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class HA:
    """AnyLog high availability: the data distributor and the data consumer."""

    distributor: Value[bool]
    consumer: Value[bool]
    start_date: Value[str]
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class OperatorSettings:
    create_table: Value[bool]
    update_tsd_info: Value[bool]
    compress_json: Value[bool]
    compress_sql: Value[bool]
    archive_json: Value[bool]
    archive_sql: Value[bool]
    threads: Value[int]
    member: Value[int | str] | None = None  # None: the node picks one
    main: Value[bool | str] | None = None  # None: no `main` field in the policy; AUTO: decided at start
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class PublisherSettings:
    compress_json: Value[bool]
    compress_sql: Value[bool]
    delete_json: Value[bool]
    delete_sql: Value[bool]
    dbms_name: Value[str]
    table_name: Value[str]
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Location:
    """The location fields of a node's policy (`loc`, `country`, `state`, `city`); a field
    that is AUTO is looked up when the node starts."""

    coordinates: Value[str] | None = None
    country: Value[str] | None = None
    state: Value[str] | None = None
    city: Value[str] | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Networking:
    """How the node is reached: they set the defaults of its services' addresses (to_ir)."""

    nic: Value[str] | None = None
    overlay_ip: Value[str] | None = None
    external_dns: Value[str] | None = None
    local_dns: Value[str] | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Buffer:
    """``set buffer threshold`` and ``run streamer``."""

    time: Value[str]
    volume: Value[str]
    write_immediate: Value[bool]
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Archive:
    """The daily ``delete archive`` schedule."""

    delete_after: Value[int]
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Partition:
    dbms: Value[str]
    table: Value[str]
    column: Value[str]
    interval: Value[str]
    keep: Value[int]
    check_every: Value[str]
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class MessageColumn:
    name: Value[str]
    type: Value[str]
    value: Value[str]  # `now` or a `bring ...` template
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Topic:
    name: Value[str]
    dbms: Value[str]
    table: Value[str]
    qos: Value[int] | None = None
    columns: list[MessageColumn] = field(default_factory=list)
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class MessageClient:
    """``run msg client`` (MQTT) or ``run kafka consumer``, with its topics."""

    protocol: Value[str]
    broker: Value[str]
    port: Value[int | str]
    log: Value[bool]
    user_agent: Value[str]
    reset: Value[str]
    user: Value[str] | None = None
    password: Value[str] | None = None
    topics: list[Topic] = field(default_factory=list)
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Monitoring:
    node: Value[bool]
    store: Value[bool]
    syslog: Value[bool]
    docker: Value[bool]
    frequency: Value[str]
    docker_frequency: Value[int]
    view_destination: Value[str] | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Southbound:
    """``run plc client where type = opcua|etherip ...``."""

    type: Value[str]
    name: Value[str]
    url: Value[str]
    frequency: Value[int]
    dbms: Value[str]
    table: Value[str]
    nodes: list[Value[str]] = field(default_factory=list)
    user: Value[str] | None = None
    password: Value[str] | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Blockchain:
    source: Value[str]
    destination: Value[str]
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Kubernetes:
    """Where `alc build --target helm` deploys the node: the network's `kubernetes` and the
    node's own, key by key, defaults applied (never written into a script)."""

    namespace: Value[str]  # the release is the node's name: the chart names the node after it
    service_type: Value[str]
    node_selector: Value[str]
    pull_secret: Value[str]
    pull_policy: Value[str]
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Node:
    name: Value[str]
    type: Value[NodeType]
    company: Value[str]
    host: Value[str]  # the machine: nodes on one host must not share a port
    tcp: Endpoint
    hidden: Value[bool]  # no policy of its own (masters, query nodes, publishers)
    scheduler: Value[bool]  # `run scheduler 1`
    rest: Endpoint | None = None
    broker: Endpoint | None = None
    cluster: Value[str] | None = None  # operators only
    databases: Databases = field(default_factory=Databases)
    blobs: BlobsArchiver | None = None
    ha: HA | None = None
    operator: OperatorSettings | None = None
    publisher: PublisherSettings | None = None
    location: Location | None = None
    hostname: Value[str] | None = None  # the policy's `hostname`; AUTO: the machine's (`get hostname`)
    networking: Networking | None = None
    query_pool: Value[int] | None = None  # None: the node's own pool
    buffer: Buffer | None = None  # operators and publishers
    archive: Archive | None = None  # operators and publishers
    partitions: list[Partition] = field(default_factory=list)
    message_clients: list[MessageClient] = field(default_factory=list)
    monitoring: Monitoring | None = None
    southbound: list[Southbound] = field(default_factory=list)
    local_scripts: list[Value[str]] = field(default_factory=list)
    license_key: Value[str] | None = None
    authentication: Value[bool] | None = None  # AnyLog: `set authentication on|off`; None: no line
    # Carried for docker compose and helm, never written into a script: the spec's data as
    # written (alc applies none of it, so it fills in no defaults).
    container: Value[dict] | None = None
    # None when neither the node nor the network has a `kubernetes` section (helm: defaults).
    kubernetes: Kubernetes | None = None
    commands: list[Value[str]] = field(default_factory=list)  # verbatim, in order
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Cluster:
    name: Value[str]
    company: Value[str]
    declare: Value[bool]  # declared by its first member in this network, else already on the ledger
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Network:
    platform: Value[Platform]
    company: Value[str]
    ledger: Value[str]  # the master's TCP ip:port (the scripts' !ledger_conn)
    blockchain_sync: Value[str]  # how often nodes pull the metadata: "30 seconds"
    allow_literal_secrets: Value[bool]
    blockchain: Blockchain
    container: Value[dict] | None = None  # every node's container defaults, never written into a script
    kubernetes: Value[dict] | None = None  # every node's `kubernetes` defaults (helm), as written
    clusters: list[Cluster] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    source: str = field(default="", compare=False)  # the spec's path as given
    # Clusters by name and their members, made on first use for a complete network (each
    # node's script asks; a scan per node made a network's build quadratic in its size).
    _index: tuple | None = field(default=None, compare=False, repr=False)

    def _lookup(self) -> tuple[dict[str, Cluster], dict[str, list[Node]]]:
        key = (id(self.clusters), len(self.clusters), id(self.nodes), len(self.nodes))
        if self._index is None or self._index[0] != key:
            clusters: dict[str, Cluster] = {}
            for cluster in self.clusters:
                clusters.setdefault(cluster.name.value, cluster)
            members: dict[str, list[Node]] = {}
            for node in self.nodes:
                if node.cluster is not None:
                    members.setdefault(node.cluster.value, []).append(node)
            self._index = (key, clusters, members)
        return self._index[1], self._index[2]

    def cluster(self, name: str) -> Cluster | None:
        """Cluster names are unique within a network (the loader checks it)."""
        return self._lookup()[0].get(name)

    def members(self, cluster: Cluster) -> list[Node]:
        """The cluster's operators, in spec order: the first one declares the cluster."""
        return list(self._lookup()[1].get(cluster.name.value, ()))
