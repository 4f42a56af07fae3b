"""NLP stage: spaCy pipeline factory, components and pattern files (JSONL data).

``build_pipeline(lang, settings)`` returns a loaded pipeline; ``ingest.extract`` is the only
module that reads the Docs it produces.
"""

from __future__ import annotations

from ingest.nlp.pipeline import build_pipeline

__all__ = ["build_pipeline"]
