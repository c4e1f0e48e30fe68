"""Emitters: pure functions from the deployment IR to text (today, the canonical scripts)."""

from __future__ import annotations

from compiler import __version__
from compiler.emit.script import node_script
from compiler.fmt.verify import format_text
from compiler.ir.model import Network


def build(network: Network, spec_name: str, version: str = __version__) -> dict[str, str]:
    """``<node-name>.al`` -> script, for every node, in spec order.

    Each script goes through the formatter, so what `alc build` writes is already in the
    canonical layout of `alc fmt` (and the formatter's own check proves nothing changed).
    """
    return {f"{node.name.value}.al": format_text(node_script(network, node, spec_name, version))
            for node in network.nodes}
