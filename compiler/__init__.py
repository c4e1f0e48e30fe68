"""alc: the compiler and linter for AnyLog / EdgeLake deployment scripts."""

__version__ = "0.1.0"
__all__ = ["parse", "__version__"]


def __getattr__(name: str):
    # `alc --version` should not pay for the parser.
    if name == "parse":
        from compiler.syntax.parser import parse

        return parse
    raise AttributeError(name)
