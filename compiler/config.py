"""Configuration: ``[tool.alc]`` in ``pyproject.toml`` or the top level of ``.alc.toml``.

Found by walking up from each linted file; the nearest file wins (like ruff).  The command
line's --select/--ignore/--config override it.

    [tool.alc]
    select = ["ALC1", "undefined-variable"]   # codes, code prefixes or names; default: all
    ignore = ["hardcoded-secret"]
    known-variables = ["my_env_var"]          # variables defined outside the scripts
    root = "deployment-scripts"               # the project root (for process and variables)
    platform = "edgelake"                     # anylog (default) or edgelake

    [tool.alc.severity]
    unknown-command = "warning"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from compiler.diagnostics import SEVERITIES

PLATFORMS = ("anylog", "edgelake")
KEYS = {"select", "ignore", "severity", "known-variables", "root", "platform"}


class ConfigError(Exception):
    """A configuration file alc cannot use; the message names the file and the key."""


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    known_variables: list[str] = field(default_factory=list)
    root: Path | None = None
    platform: str = "anylog"
    source: Path | None = None  # the file it came from

    def severity_of(self, name: str, code: str, default: str) -> str:
        """The configured severity of a rule (by name or code), else its own."""
        return self.severity.get(name) or self.severity.get(code) or default

    def merged(self, select: list[str] | None, ignore: list[str] | None) -> "Config":
        return Config(select or self.select, self.ignore + (ignore or []), dict(self.severity),
                      list(self.known_variables), self.root, self.platform, self.source)


def _table(path: Path) -> dict | None:
    import tomllib

    from compiler import files

    try:
        # Read like a script: a pipe, a device, a huge or binary file, invalid UTF-8 are refused.
        data = tomllib.loads(files.read(str(path)).text)
    except files.InputError as exc:
        raise ConfigError(str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (ValueError, RecursionError) as exc:  # a number past Python's digit limit, deep nesting
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("alc")
    return data.get("tool", {}).get("alc", data)


def load(path: Path) -> Config:
    table = _table(path) or {}
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key `{unknown[0]}` in the alc configuration; "
                          f"known keys: {', '.join(sorted(KEYS))}")
    config = Config(source=path)
    for key in ("select", "ignore", "known-variables"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: `{key}` must be a list of strings")
        setattr(config, key.replace("-", "_"), value)
    severity = table.get("severity", {})
    for rule, level in severity.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{path}: severity of `{rule}` must be one of {', '.join(SEVERITIES)}, "
                              f"not `{level}`")
    config.severity = dict(severity)
    if "root" in table:
        config.root = (path.parent / str(table["root"])).resolve()
    platform = table.get("platform", "anylog")
    if platform not in PLATFORMS:
        raise ConfigError(f"{path}: `platform` must be `anylog` or `edgelake`, not `{platform}`")
    config.platform = platform
    return config


@lru_cache(maxsize=256)
def for_folder(folder: Path) -> Config:
    """The configuration that applies to files in ``folder`` (walking up)."""
    for candidate in [folder, *folder.parents]:
        for name in (".alc.toml", "pyproject.toml"):
            path = candidate / name
            if path.is_file() and (name == ".alc.toml" or _table(path) is not None):
                return load(path)
    return Config()
