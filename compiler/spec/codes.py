"""What ``alc build`` reports about a spec: one code and rule name per kind of problem.

Codes ALC6xx belong to specs (ALC001 is a script's syntax error; the lint rules have their own).
Where a spec check is the spec side of a lint rule, it reports under that rule's code and name
(`port-conflict`, `hardcoded-secret`, `platform-unsupported`, `blobs-storage`), so a
suppression or a `--select` means the same for scripts and specs.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.diagnostics import ERROR, WARNING, Diagnostic
from compiler.spec.document import Mark


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    rule: str
    severity: str
    summary: str

    def at(self, path: str, mark: Mark, message: str, help: str | None = None) -> Diagnostic:
        return Diagnostic(path, mark.line, mark.column, mark.end_line, mark.end_column,
                          self.code, self.rule, self.severity, message, help)


SYNTAX = Check("ALC601", "spec-syntax-error", ERROR, "the file is not valid YAML or TOML")
YAML_TAG = Check("ALC602", "yaml-tag", ERROR, "a YAML tag: an unquoted `!value`, or a type like `!!binary`")
SCHEMA = Check("ALC603", "spec-schema", ERROR, "a key or value the spec format does not allow")
UNKNOWN_CLUSTER = Check("ALC604", "unknown-cluster", ERROR, "a node joins a cluster the spec lacks")
DUPLICATE_NAME = Check("ALC605", "duplicate-name", ERROR, "two nodes, or two clusters, with one name")
PORT_CLASH = Check("ALC408", "port-conflict", ERROR, "two services on one host and port")
LITERAL_SECRET = Check("ALC502", "hardcoded-secret", ERROR, "a password that is not a `$ENV` reference")
PLATFORM = Check("ALC306", "platform-unsupported", ERROR, "a feature the chosen platform lacks")
NODE_TYPE = Check("ALC609", "node-type-mismatch", ERROR, "a setting that the node's type lacks or needs")
INVALID_COMMAND = Check("ALC610", "invalid-command", ERROR, "an entry of `commands` that does not parse")
DATABASE = Check("ALC611", "database-settings", ERROR, "database options that do not fit its type")
BLOBS_NOWHERE = Check("ALC407", "blobs-storage", ERROR, "a blobs archiver that keeps blobs nowhere")
UNUSED_CLUSTER = Check("ALC613", "unused-cluster", WARNING, "a cluster that no node of the spec joins")
DUPLICATE_MEMBER = Check("ALC614", "duplicate-member", ERROR, "two operators of a cluster, one member number")
UNWRITABLE = Check("ALC615", "unwritable-value", ERROR,
                   "a value no script can carry unchanged: a line break, a quote, a keyword ...")
DBMS_NOT_CONNECTED = Check("ALC406", "dbms-not-connected", ERROR,
                           "a topic, partition or PLC that writes into a database the node does not connect")
MISSING_SERVICE = Check("ALC616", "missing-service", ERROR,
                        "a setting that needs a service the node does not run")
DUPLICATE_SUBSCRIPTION = Check("ALC617", "duplicate-subscription", ERROR,
                               "one topic subscribed twice on one broker")
UNKNOWN_TABLE = Check("ALC618", "unknown-table", WARNING,
                      "a partition of a table that nothing in the spec creates or feeds")
HA_WITHOUT_MEMBER = Check("ALC619", "ha-without-member", WARNING,
                          "high availability between operators that leave their member number to the node")
MESSAGE_CLIENT = Check("ALC620", "message-client-settings", ERROR,
                       "message-client options that do not fit its broker, protocol or column type")
LEDGER_ADDRESS = Check("ALC631", "ledger-address", ERROR,
                        "a ledger address that is not the master's host and TCP port")
CLUSTER_PORTS = Check("ALC632", "cluster-ports", WARNING,
                      "operators of one cluster on one host whose ports cannot be shown distinct")
HELM_RELEASE = Check("ALC633", "helm-release", ERROR,
                     "a node whose Helm release clashes with another's, or that Helm refuses")
NODE_PORT_RANGE = Check("ALC634", "node-port-range", ERROR,
                        "a NodePort service on a port Kubernetes does not give NodePorts")

ALL = (SYNTAX, YAML_TAG, SCHEMA, UNKNOWN_CLUSTER, DUPLICATE_NAME, PORT_CLASH, LITERAL_SECRET, PLATFORM,
       NODE_TYPE, INVALID_COMMAND, DATABASE, BLOBS_NOWHERE, UNUSED_CLUSTER, DUPLICATE_MEMBER, UNWRITABLE,
       DBMS_NOT_CONNECTED, MISSING_SERVICE, DUPLICATE_SUBSCRIPTION, UNKNOWN_TABLE, HA_WITHOUT_MEMBER,
       MESSAGE_CLIENT, LEDGER_ADDRESS, CLUSTER_PORTS, HELM_RELEASE, NODE_PORT_RANGE)

