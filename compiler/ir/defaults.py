"""The one canonical default of every IR field, in one place.

A spec that leaves a key out gets the value here; ``schemas/alc-spec.schema.json`` states the
same defaults (a test holds the two together).  The dictionaries are named after the schema's
``$defs`` they belong to.  A few defaults depend on the node type (ports, the databases a
node type cannot work without, the sections only some types get): those are the ``BY_TYPE``
tables.

Two defaults follow the official deployment scripts (EdgeLake/AnyLog `node-deployment`)
rather than the operator guide's example: an operator runs 3 threads (OPERATOR_THREADS) and
does not archive SQL files (ARCHIVE_SQL), so a spec that says nothing builds what an official
node runs.
"""

from __future__ import annotations

NETWORK = {"platform": "anylog", "blockchain_sync": "30 seconds", "allow_literal_secrets": False,
           "clusters": [], "blockchain": {}}
BLOCKCHAIN = {"source": "master", "destination": "file"}
CLUSTER = {"declare": True}
NODE = {"databases": {}, "commands": [], "tcp": {}, "hidden": False, "networking": {}, "scheduler": True,
        "partitions": [], "message_clients": [], "southbound": [], "local_scripts": []}
TCP = {"external_ip": "!external_ip", "internal_ip": "!ip", "bind": False, "threads": 6}
REST = {"external_ip": "!external_ip", "internal_ip": "!ip", "bind": False, "threads": 6, "timeout": 20}
BROKER = {"external_ip": "!external_ip", "internal_ip": "!ip", "bind": False, "threads": 6}
SQL_DATABASE = {"type": "sqlite", "ip": "127.0.0.1", "port": 5432, "memory": False}
DATA_DATABASE = SQL_DATABASE
MONGO_DATABASE = {"type": "mongo", "ip": "127.0.0.1", "port": 27017}
BLOBS = {"folder": True, "compress": True, "reuse_blobs": True}
HA = {"distributor": True, "consumer": True, "start_date": "-30d"}
OPERATOR = {"create_table": True, "update_tsd_info": True, "compress_json": True, "compress_sql": True,
            "archive_json": True, "archive_sql": False, "threads": 3}
PUBLISHER = {"compress_json": True, "compress_sql": True, "delete_json": False, "delete_sql": False,
             "dbms_name": "file_name[0]", "table_name": "file_name[1]"}
BUFFER = {"time": "60 seconds", "volume": "10KB", "write_immediate": True}
ARCHIVE = {"delete_after": 30}
PARTITION = {"table": "*", "column": "insert_timestamp", "interval": "14 days", "keep": 3, "check_every": "1 day"}
MESSAGE_CLIENT = {"protocol": "mqtt", "port": 1883, "log": False, "user_agent": "anylog", "reset": "latest"}
TOPIC = {"columns": []}
MESSAGE_COLUMN = {"type": "str"}
MONITORING = {"node": False, "store": False, "syslog": False, "docker": False, "frequency": "30 seconds",
              "docker_frequency": 5}
SOUTHBOUND = {"frequency": 5, "nodes": []}
NETWORKING: dict = {}
# Container settings are carried, never applied by alc: these are the values the official
# images use when a key is not set (for `--target compose/helm` to fill in).
CONTAINER = {"init_type": "prod", "debug_mode": False, "disable_cli": False, "user_volumes": [], "env": {}}
REMOTE_CLI = {"enabled": False, "conn_ip": "0.0.0.0", "cli_port": 31800}
REMOTE_GUI = {"enabled": False}
NEBULA = {"enabled": False, "new_keys": False, "lighthouse": False}
# `--target helm`: the `anylog-node` chart's own values where the spec says nothing (the
# release is the node's name: the chart names the node after its release).
KUBERNETES = {"namespace": "default", "service_type": "ClusterIP", "node_selector": "",
              "pull_secret": "imagepullsecret", "pull_policy": "Always"}
# `--target compose/helm`: the image of each platform when `container.image`/`tag` are not set
# (the official docker-compose repositories' images; `latest` unless the spec pins a tag).
IMAGES = {"edgelake": ("anylogco/edgelake", "latest"), "anylog": ("anylogco/anylog-network", "latest")}

# The ports AnyLog's own deployments use: (TCP, REST).
PORTS_BY_TYPE = {
    "master": (32048, 32049),
    "operator": (32148, 32149),
    "publisher": (32248, 32249),
    "query": (32348, 32349),
    "generic": (32548, 32549),
}

# The databases a node type needs, when the spec does not configure them.
DATABASES_BY_TYPE: dict[str, dict[str, dict]] = {
    "operator": {"almgm": {"type": "sqlite"}},
    "master": {"blockchain": {"type": "sqlite"}},
    "query": {"system_query": {"type": "sqlite", "memory": True}},
}

# Sections a node type gets even when the spec leaves them out, with the defaults that
# differ for that type: the official scripts set the buffer and the archive clean-up on every
# operator and publisher, and a publisher keeps no data, so it never writes at once.
SECTIONS_BY_TYPE: dict[str, dict[str, dict]] = {
    "operator": {"buffer": {}, "archive": {}},
    "publisher": {"buffer": {"write_immediate": False}, "archive": {}},
}

# Schema $defs name -> its defaults (the test that compares them walks this table).
BY_SCHEMA_DEF = {
    "": NETWORK, "blockchain": BLOCKCHAIN, "cluster": CLUSTER, "node": NODE, "tcp": TCP, "rest": REST,
    "broker": BROKER, "sqlDatabase": SQL_DATABASE, "dataDatabase": DATA_DATABASE,
    "mongoDatabase": MONGO_DATABASE, "blobs": BLOBS, "ha": HA, "operator": OPERATOR, "publisher": PUBLISHER,
    "buffer": BUFFER, "archive": ARCHIVE, "partition": PARTITION, "messageClient": MESSAGE_CLIENT,
    "topic": TOPIC, "messageColumn": MESSAGE_COLUMN, "monitoring": MONITORING, "southbound": SOUTHBOUND,
    "networking": NETWORKING, "container": CONTAINER, "remoteCli": REMOTE_CLI, "remoteGui": REMOTE_GUI,
    "nebula": NEBULA, "kubernetes": KUBERNETES,
}
