"""The ``alc`` command line (typer): one module per command."""
