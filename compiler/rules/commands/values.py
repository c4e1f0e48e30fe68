"""Checks of where values by the node's key types (shared by invalid-value and others)."""

from __future__ import annotations

import ipaddress
import re

from compiler.model.catalogue import Key

_HOST = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")
TIME_UNITS = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days"}
_DATE = re.compile(r"^([+-]?\d+[dhmy]?|\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?)$")


def valid_host(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        pass
    if re.fullmatch(r"[\d.]+", text):
        return False  # looks like an IPv4 address but is not one (999.1.1.1, 10.0.0)
    return bool(_HOST.match(text))


def problem(value: str, key: Key) -> str | None:
    """Why ``value`` is not valid for ``key``, or None."""
    if key.allowed and value not in key.allowed:
        return f"allowed values: {', '.join(key.allowed)}"
    kind = key.type
    if kind in ("int", "port"):
        if not value.isnumeric():
            return "the node wants a whole number (digits only)"
        number = int(value)
        if kind == "port" and not 1 <= number <= 65535:
            return "a port is a number from 1 to 65535"
        if key.maximum is not None and number > key.maximum:
            return f"at most {key.maximum}"
    elif kind == "bool":
        if value.lower() not in ("true", "false"):
            return "the node wants `true` or `false`"
    elif kind == "int.time":
        parts = value.split()
        if len(parts) != 2 or not parts[0].isnumeric() or parts[1] not in TIME_UNITS:
            return "the node wants a number and a unit, such as `30 seconds` or `1 day`"
        if int(parts[0]) == 0:
            return "the time must be more than zero"
    elif kind == "ip.port":
        host, sep, port = value.rpartition(":")
        if not sep or not port.isnumeric() or not 1 <= int(port) <= 65535 or not valid_host(host):
            return "the node wants `ip:port`, such as `10.0.0.10:32048`"
    elif kind == "ip":
        if not valid_host(value):
            return "not an IP address or host name"
    elif kind == "date":
        if not _DATE.match(value):
            return "use a day offset such as `-30d` or a date such as `2026-01-31`"
    return None
