"""The ``tikg`` command line: the entry point that builds settings and wires the stages."""

from tikg.cli.app import app, main

__all__ = ["app", "main"]
