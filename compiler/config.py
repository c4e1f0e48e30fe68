"""Configuration: ``[tool.alc]`` in ``pyproject.toml`` or the top level of ``.alc.toml``.

Found by walking up from each linted file; the nearest file wins (like ruff).  The command
line's --select/--ignore/--config override it.

    [tool.alc]
    select = ["ALC1", "undefined-variable"]   # codes, code prefixes or names; default: all
    ignore = ["hardcoded-secret"]
    known-variables = ["my_env_var"]          # variables defined outside the scripts
    root = "deployment-scripts"               # the project root (for process and variables)
    platform = "edgelake"                     # anylog (default) or edgelake
    exclude = [".*"]                          # left out of folder walks (this is the default)
    extend-exclude = ["legacy", "generated/*.al"]  # added to `exclude`
    unfixable = ["undefined-variable"]        # never fixed (also: fixable, default all)
    extend-safe-fixes = ["ALC101"]            # these rules' unsafe fixes count as safe
    extend-unsafe-fixes = ["missing-ledger"]  # these rules' safe fixes count as unsafe
    cache-dir = ".alc_cache"                  # where results are kept (default: at the project root)

    [tool.alc.severity]
    unknown-command = "warning"

    [tool.alc.per-file-ignores]
    "tests/*.al" = ["undefined-variable"]     # rules to ignore in the files a pattern matches

Patterns are spelled as ruff spells them: one without `/` matches a file or folder name at
any depth, one with `/` matches the path relative to the configuration file's folder; `*`
matches across `/`, and `!` first negates a per-file-ignores pattern.  Every rule name, code
or prefix is checked: one alc does not know is an error that says which was meant.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from functools import cached_property, lru_cache
from pathlib import Path

from compiler.diagnostics import SEVERITIES
from compiler.record import field, record

PLATFORMS = ("anylog", "edgelake")
KEYS = {"select", "ignore", "severity", "known-variables", "root", "platform", "exclude",
        "extend-exclude", "per-file-ignores", "fixable", "unfixable", "extend-safe-fixes",
        "extend-unsafe-fixes", "cache-dir"}
# Rule lists that say which fixes apply, and how safe they count (as in ruff).
FIX_KEYS = ("fixable", "unfixable", "extend-safe-fixes", "extend-unsafe-fixes")
# Hidden files and folders (`.git`, `.venv` ...): what folder walks leave out unless
# `exclude` says otherwise (`extend-exclude` keeps them out and adds to them).
DEFAULT_EXCLUDE = (".*",)


class ConfigError(Exception):
    """A configuration file alc cannot use; the message names the file and the key."""


@record
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    known_variables: list[str] = field(default_factory=list)
    root: Path | None = None
    platform: str = "anylog"
    source: Path | None = None  # the file it came from
    exclude: list[str] | None = None  # None: DEFAULT_EXCLUDE
    extend_exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fixable: list[str] = field(default_factory=list)  # empty: every rule's fixes
    unfixable: list[str] = field(default_factory=list)
    extend_safe_fixes: list[str] = field(default_factory=list)
    extend_unsafe_fixes: list[str] = field(default_factory=list)
    cache_dir: Path | None = None  # `cache-dir`, resolved (None: .alc_cache at the project root)

    def severity_of(self, name: str, code: str, default: str) -> str:
        """The configured severity of a rule (by name or code), else its own."""
        return self.severity.get(name) or self.severity.get(code) or default

    def merged(self, select: list[str] | None, ignore: list[str] | None) -> "Config":
        return Config(select or self.select, self.ignore + (ignore or []), dict(self.severity),
                      list(self.known_variables), self.root, self.platform, self.source,
                      self.exclude, list(self.extend_exclude), dict(self.per_file_ignores),
                      self.fixable, self.unfixable, self.extend_safe_fixes, self.extend_unsafe_fixes)

    @property
    def adjusts_fixes(self) -> bool:
        return bool(self.fixable or self.unfixable or self.extend_safe_fixes or self.extend_unsafe_fixes)

    @cached_property
    def base(self) -> Path:
        """The folder its patterns are relative to: its file's, else the working folder."""
        return self.source.parent.resolve() if self.source is not None else Path.cwd()

    def excludes(self, exclude: list[str] | None = None, extend: list[str] = ()) -> list[str]:
        """The exclude patterns, with the command line's (``exclude`` replaces, ``extend``
        adds)."""
        base = exclude if exclude is not None else self.exclude
        return [*(DEFAULT_EXCLUDE if base is None else base), *self.extend_exclude, *extend]

    def ignored_in(self, path: Path) -> list[str]:
        """The rules `per-file-ignores` ignores in the file ``path``."""
        found = []
        for pattern, rules in self.per_file_ignores.items():
            negated = pattern.startswith("!")
            if matches(pattern[1:] if negated else pattern, path, self.base) != negated:
                found.extend(rules)
        return found


def matches(pattern: str, path: Path, base: Path) -> bool:
    """Does a ruff-style pattern match ``path`` (absolute): a name pattern (no `/`) its name,
    else its path relative to ``base``."""
    pattern = pattern.rstrip("/")
    if "/" not in pattern:
        return fnmatchcase(path.name, pattern)
    pattern = pattern[2:] if pattern.startswith("./") else pattern
    try:
        relative = path.relative_to(base).as_posix()
    except ValueError:
        return fnmatchcase(path.as_posix(), pattern)  # an absolute pattern
    return fnmatchcase(relative, pattern) or (pattern.startswith("**/") and fnmatchcase(relative, pattern[3:]))


def _table(path: Path) -> dict | None:
    from compiler import files

    try:
        # Read like a script: a pipe, a device, a huge or binary file, invalid UTF-8 are refused.
        text = files.read(str(path)).text
    except files.InputError as exc:
        raise ConfigError(str(exc)) from None
    if not text.replace("\r\n", "\n").strip(" \t\n"):
        # An empty file (`touch .alc.toml`) is an empty table: tomllib is not imported
        # (about 6 ms of `alc lint FILE`'s start-up).
        data = {}
    else:
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        except (ValueError, RecursionError) as exc:  # a number past Python's digit limit, deep nesting
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("alc")
    return data.get("tool", {}).get("alc", data)


def _strings(path: Path, key: str, value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: `{key}` must be a list of strings")
    return value


def _check_rules(path: Path, key: str, names: list[str], exact: bool = False) -> None:
    """Every name a rule name, code or code prefix alc knows (``exact``: name or code)."""
    from compiler import codes

    for name in names:
        if exact and name not in ("ALL", "all") and codes.lookup(name) is not None:
            continue
        message = codes.unknown_selector(name)
        if exact and message is None:
            message = f"`{name}` is a code prefix; name one rule (its name or code)"
        if message is not None:
            raise ConfigError(f"{path}: `{key}`: {message}")


def load(path: Path) -> Config:
    table = _table(path) or {}
    unknown = sorted(set(table) - KEYS)
    if unknown:
        from compiler.rules.helpers import did_you_mean

        guess = did_you_mean(unknown[0], KEYS, cutoff=0.6)
        hint = f"did you mean `{guess}`? " if guess else ""
        raise ConfigError(f"{path}: unknown key `{unknown[0]}` in the alc configuration; "
                          f"{hint}known keys: {', '.join(sorted(KEYS))}")
    config = Config(source=path)
    for key in ("select", "ignore", "known-variables", "extend-exclude"):
        setattr(config, key.replace("-", "_"), _strings(path, key, table.get(key, [])))
    if "exclude" in table:
        config.exclude = _strings(path, "exclude", table["exclude"])
    _check_rules(path, "select", config.select)
    _check_rules(path, "ignore", config.ignore)
    for key in FIX_KEYS:
        setattr(config, key.replace("-", "_"), _strings(path, key, table.get(key, [])))
        _check_rules(path, key, getattr(config, key.replace("-", "_")))
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{path}: `severity` must be a table of rule = level")
    for rule, level in severity.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{path}: severity of `{rule}` must be one of {', '.join(SEVERITIES)}, "
                              f"not `{level}`")
    _check_rules(path, "severity", list(severity), exact=True)
    config.severity = dict(severity)
    ignores = table.get("per-file-ignores", {})
    if not isinstance(ignores, dict):
        raise ConfigError(f"{path}: `per-file-ignores` must be a table of pattern = [rules]")
    for pattern, rules in ignores.items():
        key = f'per-file-ignores."{pattern}"'
        _check_rules(path, key, _strings(path, key, rules))
    config.per_file_ignores = dict(ignores)
    if "root" in table:
        config.root = (path.parent / str(table["root"])).resolve()
        if not config.root.is_dir():
            raise ConfigError(f"{path}: `root` is {table['root']}, but {config.root} is not a folder")
    if "cache-dir" in table:
        if not isinstance(table["cache-dir"], str) or not table["cache-dir"]:
            raise ConfigError(f"{path}: `cache-dir` must be a folder name (a string)")
        config.cache_dir = (path.parent / table["cache-dir"]).absolute()
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
