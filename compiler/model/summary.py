"""What the checks of one script need to know about the other scripts of its project.

A parsed tree costs 1.5-3 KB a line, so a project's trees cannot all stay alive while its
files are linted.  Each script is boiled down to a ``Summary`` (plain, small, picklable
data: the names it assigns, the files it processes, the databases it connects, the clusters
its operator policies look up) and the project keeps those; ``Facts`` are the project-wide
answers the rules ask for, computed once from the summaries in project order.
"""

from __future__ import annotations

from typing import NamedTuple


class Summary(NamedTuple):
    path: str  # the path it is named by in messages
    assigned: frozenset[str]  # variables it assigns
    processed: frozenset[str]  # file names it runs with `process` (fixed names only)
    connected: frozenset[str] | None  # databases it connects; None when a name is not known
    mongo: bool | None  # its first `connect dbms` that decides: mongo (True), unknown type (None); else False
    clusters: tuple[tuple[str, str], ...]  # (name, company) of the clusters its operators look up
    prefixed: tuple[tuple[str, str], ...] = ()  # (variable, fixed tail) of `process !var/tail`


def summarize(model, path: str) -> Summary:
    """The summary of a script from its model (the tree is not kept)."""
    from compiler.rules.deployment import blobs_storage, cluster_id_mismatch, dbms_not_connected

    processed = set()
    for _stmt, node in model.processes:
        last = node.file[-1].value if node.file else ""
        name = last.rsplit("/", 1)[-1]
        if "!" not in name and "$" not in name:
            processed.add(name)
    return Summary(path, frozenset(model.assignments), frozenset(processed),
                   dbms_not_connected.connected_in(model), blobs_storage.mongo_in(model),
                   cluster_id_mismatch.cluster_names(model), tuple(sorted(set(filter(None, (
                       prefixed(node) for _stmt, node in model.processes))))))


def prefixed(node) -> tuple[str, str] | None:
    """`process !local_scripts/policies/x.al` -> ("local_scripts", "policies/x.al"): a path
    that is one variable, then fixed folders and a script name."""
    if len(node.file) != 1:
        return None
    ref = node.file[0].reference
    if ref is None or ref.sigil != "!" or ref.cast or not ref.rest.startswith("/") \
            or "!" in ref.rest or "$" in ref.rest or not ref.rest.endswith(".al"):
        return None
    return ref.name, ref.rest.lstrip("/")


class Facts:
    """Project-wide facts from the summaries of the project's scripts, in project order
    (``keys`` are the files' real paths)."""

    __slots__ = ("defined", "included_names", "connected", "mongo", "clusters", "prefixed", "missing",
                 "_layout")

    def __init__(self, summaries: list[tuple[str, Summary]]) -> None:
        defined: set[str] = set()
        included: set[str] = set()
        connected: set[str] | None = set()
        mongo: bool | None = False
        clusters: dict[str, set[tuple[str, str, str]]] = {}
        prefixed: dict[str, set[str]] = {}
        for key, summary in summaries:
            for name, tail in summary.prefixed:
                prefixed.setdefault(name, set()).add(tail)
            defined |= summary.assigned
            included |= summary.processed
            if connected is not None:
                connected = None if summary.connected is None else connected | summary.connected
            if mongo is False:
                mongo = summary.mongo
            for name, company in summary.clusters:
                clusters.setdefault(name, set()).add((company, summary.path, key))
        self.defined = frozenset(defined)
        self.included_names = frozenset(included)
        self.connected = None if connected is None else frozenset(connected)
        self.mongo = mongo
        # name -> (company, path, key), sorted as the messages list them
        self.clusters = {name: sorted(found) for name, found in clusters.items()}
        self.prefixed = {name: frozenset(tails) for name, tails in prefixed.items()}
        # (variable, tail) -> the folder the variable names in this project, for the `process`
        # paths that are not there (the project fills it in: it knows the files).
        self.missing: dict[tuple[str, str], str] = {}
        self._layout = None

    @property
    def layout(self):
        """The project, for what its files tell (which paths end a file of it); None when the
        facts are of summaries alone.  Held weakly: a project keeps its facts."""
        return None if self._layout is None else self._layout()

    @layout.setter
    def layout(self, project) -> None:
        import weakref

        self._layout = weakref.ref(project)
