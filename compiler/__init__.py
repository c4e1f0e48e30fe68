"""alc: the compiler and linter for AnyLog / EdgeLake deployment scripts."""

from compiler.syntax.parser import parse

__version__ = "0.1.0"
__all__ = ["parse", "__version__"]
