"""The keys of the official Helm charts' values (AnyLog-co/deployment-k8s): `anylog-node` and
its volumes chart `anylog-node-volumes` (folder `anylog-volumes`).

Only the structure is recorded here (group -> key names, as the charts' ``values.yaml`` have
them), so that every values file `alc build --target helm` writes holds keys the chart knows:
Helm would take an unknown key silently and the chart would never read it.  A values file
is checked with :func:`unknown_keys`.
"""

from __future__ import annotations

from typing import Any

NODE_CHART = "anylog-node"
VOLUMES_CHART = "anylog-node-volumes"
VOLUMES_FOLDER = "anylog-volumes"  # the volumes chart's folder in deployment-k8s

_METADATA = ("namespace", "hostname", "app_name", "service_name", "configmap_name", "node_selector")
_IMAGE = ("secret_name", "repository", "tag", "pull_policy")

NODE_VALUES: dict[str, Any] = {
    "metadata": (*_METADATA, "service_type"),
    "image": (*_IMAGE, "init_type", "disable_cli"),
    "node_configs": {
        "directories": ("ANYLOG_PATH", "LOCAL_SCRIPTS", "TEST_DIR"),
        "general": ("LICENSE_KEY", "DISABLE_CLI", "NODE_TYPE", "NODE_NAME", "COMPANY_NAME"),
        "geolocation": ("LOCATION", "COUNTRY", "STATE", "CITY"),
        "networking": ("OVERLAY_IP", "ANYLOG_SERVER_PORT", "ANYLOG_REST_PORT", "ANYLOG_BROKER_PORT", "TCP_BIND",
                       "REST_BIND", "BROKER_BIND", "CONFIG_NAME", "TCP_THREADS", "REST_TIMEOUT", "REST_THREADS",
                       "BROKER_THREADS"),
        "database": ("DB_TYPE", "DB_USER", "DB_PASSWD", "DB_IP", "DB_PORT", "AUTOCOMMIT", "ENABLE_NOSQL",
                     "SYSTEM_QUERY", "MEMORY", "NOSQL_TYPE", "NOSQL_USER", "NOSQL_PASSWD", "NOSQL_IP", "NOSQL_PORT",
                     "BLOBS_DBMS", "BLOBS_REUSE"),
        "blockchain": ("LEDGER_CONN", "SYNC_TIME", "BLOCKCHAIN_SOURCE", "BLOCKCHAIN_DESTINATION"),
        "operator": ("CLUSTER_NAME", "DEFAULT_DBMS", "MEMBER", "START_DATE", "TABLE_NAME", "PARTITION_COLUMN",
                     "PARTITION_INTERVAL", "PARTITION_KEEP", "PARTITION_SYNC"),
        "mqtt": ("ENABLE_MQTT", "MQTT_BROKER", "MQTT_PORT", "MQTT_USER", "MQTT_PASSWD", "MQTT_LOG", "MSG_TOPIC",
                 "MSG_DBMS", "MSG_TABLE", "MSG_TIMESTAMP_COLUMN", "MSG_VALUE_COLUMN", "MSG_VALUE_COLUMN_TYPE"),
        "advanced": ("DEPLOY_LOCAL_SCRIPT", "DEPLOY_SYSLOG", "MONITOR_NODES", "MONITOR_NODE", "COMPRESS_FILE",
                     "QUERY_POOL", "WRITE_IMMEDIATE", "THRESHOLD_TIME", "THRESHOLD_VOLUME"),
    },
}

VOLUMES_VALUES: dict[str, Any] = {
    "metadata": _METADATA,
    "image": (*_IMAGE, "init_type", "disable_cli"),
    "node_configs": {
        "general": ("LICENSE_KEY", "NODE_TYPE", "NODE_NAME", "COMPANY_NAME"),
        "networking": ("IS_KUBERNETES", "ANYLOG_SERVER_PORT", "ANYLOG_REST_PORT", "OVERLAY_IP"),
        "blockchain": ("LEDGER_CONN",),
    },
}

# Keys the node chart's templates take from elsewhere: its ConfigMap sets NODE_NAME from
# metadata.app_name, and INIT_TYPE and DISABLE_CLI from the image group.
FROM_METADATA = {"NODE_NAME": ("metadata", "app_name"), "INIT_TYPE": ("image", "init_type"),
                 "DISABLE_CLI": ("image", "disable_cli")}


def group_of(key: str, chart: dict[str, Any] = NODE_VALUES) -> str | None:
    """The `node_configs` group that holds an official key in the chart, or None."""
    for group, keys in chart["node_configs"].items():
        if key in keys:
            return group
    return None


def unknown_keys(values: dict, chart: dict[str, Any] | tuple[str, ...], prefix: str = "") -> list[str]:
    """Every key path of ``values`` that the chart's values do not have (a group holds groups
    or values, as in the chart; a tuple of names is a group of values)."""
    out = []
    for name, item in values.items():
        path = f"{prefix}.{name}" if prefix else name
        if isinstance(chart, dict):
            if name in chart and isinstance(item, dict):
                out += unknown_keys(item, chart[name], path)
            else:
                out.append(path)  # unknown, or a value where the chart has a group
        elif name not in chart or isinstance(item, (dict, list)):
            out.append(path)
    return out
