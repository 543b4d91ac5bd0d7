"""Inspection KG: a knowledge graph of the inspections of English children's services.

The pipeline, one module a stage: read -> classify -> extract -> emit -> link -> store -> query/render.
Heavy libraries (rdflib, pyoxigraph, pyshacl) are imported inside the modules that need them, so that
``kg --help`` starts fast.
"""

__version__ = "0.1.0"
