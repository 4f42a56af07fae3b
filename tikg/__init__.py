"""tikg: a threat-actor intelligence knowledge graph (command line and settings)."""

__version__ = "0.1.0"
