"""Emitters: pure functions from the deployment IR to text (today, the canonical scripts)."""

from __future__ import annotations

from compiler import __version__
from compiler.emit import verify
from compiler.emit.quoting import Unwritable
from compiler.emit.script import plan_script
from compiler.emit.verify import BuildError
from compiler.fmt.verify import format_text
from compiler.ir.model import Network

__all__ = ["BuildError", "Unwritable", "build"]


def build(network: Network, spec_name: str, version: str = __version__) -> dict[str, str]:
    """``<node-name>.al`` -> script, for every node, in spec order.

    Each script goes through the formatter, so what `alc build` writes is already in the
    canonical layout of `alc fmt` (and the formatter's own check proves nothing changed), and
    is then read back: it must run exactly the statements the emitter planned
    (:mod:`compiler.emit.verify`), or the build raises :class:`BuildError` (or, for a value
    the spec checks should have refused, :class:`Unwritable`) and nothing is written.
    """
    scripts = {}
    for node in network.nodes:
        name = f"{node.name.value}.al"
        try:
            planned = plan_script(network, node, spec_name, version)
        except Unwritable as exc:  # a checked piece (a group, a key) refused what it was given
            raise Unwritable(f"{name}: {exc}") from exc
        text = format_text(planned.text, name)
        verify.check(text, planned.plan, name)
        scripts[name] = text
    return scripts
