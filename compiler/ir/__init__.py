"""The deployment IR shared by specs, scripts, emitters and rules (see model.py)."""

from compiler.ir.model import (HA, NODE_TYPES, PLATFORMS, BlobsArchiver, Cluster, Database, Databases,
                               Endpoint, Network, Node, NodeType, OperatorSettings, Origin, Platform,
                               PublisherSettings, Value)

__all__ = ["HA", "NODE_TYPES", "PLATFORMS", "BlobsArchiver", "Cluster", "Database", "Databases", "Endpoint",
           "Network", "Node", "NodeType", "OperatorSettings", "Origin", "Platform", "PublisherSettings",
           "Value"]
