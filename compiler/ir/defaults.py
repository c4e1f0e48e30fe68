"""The one canonical default of every IR field, in one place.

A spec that leaves a key out gets the value here; ``schemas/alc-spec.schema.json`` states the
same defaults (a test holds the two together).  The dictionaries are named after the schema's
``$defs`` they belong to.  A few defaults depend on the node type (ports and the databases a
node type cannot work without): those are the ``BY_TYPE`` tables.
"""

from __future__ import annotations

NETWORK = {"platform": "anylog", "blockchain_sync": "30 seconds", "allow_literal_secrets": False,
           "clusters": []}
CLUSTER = {"declare": True}
NODE = {"databases": {}, "commands": [], "tcp": {}}
TCP = {"external_ip": "!external_ip", "internal_ip": "!ip", "bind": False, "threads": 6}
REST = {"external_ip": "!external_ip", "internal_ip": "!ip", "bind": False, "threads": 6, "timeout": 20}
BROKER = {"external_ip": "!external_ip", "internal_ip": "!ip", "bind": False, "threads": 6}
SQL_DATABASE = {"type": "sqlite", "ip": "127.0.0.1", "port": 5432, "memory": False}
DATA_DATABASE = SQL_DATABASE
MONGO_DATABASE = {"type": "mongo", "ip": "127.0.0.1", "port": 27017}
BLOBS = {"folder": True, "compress": True, "reuse_blobs": True}
HA = {"distributor": True, "consumer": True, "start_date": "-30d"}
OPERATOR = {"create_table": True, "update_tsd_info": True, "compress_json": True, "compress_sql": True,
            "archive_json": True, "archive_sql": True, "threads": 6}
PUBLISHER = {"compress_json": True, "compress_sql": True, "delete_json": False, "delete_sql": False,
             "dbms_name": "file_name[0]", "table_name": "file_name[1]"}

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

# Schema $defs name -> its defaults (the test that compares them walks this table).
BY_SCHEMA_DEF = {
    "": NETWORK, "cluster": CLUSTER, "node": NODE, "tcp": TCP, "rest": REST, "broker": BROKER,
    "sqlDatabase": SQL_DATABASE, "dataDatabase": DATA_DATABASE, "mongoDatabase": MONGO_DATABASE,
    "blobs": BLOBS, "ha": HA, "operator": OPERATOR, "publisher": PUBLISHER,
}
