"""The linker: per authority, follow each recommendation through the later documents of that authority.

Split by concern: ``text`` (content words, lead terms, TF-IDF similarity), ``model`` (what is read of one
council from the store, and the IRIs the linker mints), ``linker`` (the rules: carry-forward, status
assessments, reconstructed asks, statuses and parts; its docstring tells the steps) and ``write`` (a
council's linker graph computed and written into its named graph). The names other modules use are here.
"""

from kg.link.linker import Linker, ask_parts
from kg.link.model import READS, Inspection, PlainLiteral, council_rows, linker_graph, load
from kg.link.text import Similarity, analyzer, content_words, tfidf
from kg.link.write import as_nquads, compute, link_authorities, link_authority, nquads_term

__all__ = ["READS", "Inspection", "Linker", "PlainLiteral", "Similarity", "analyzer", "as_nquads", "ask_parts", "compute",
           "content_words", "council_rows", "link_authorities", "link_authority", "linker_graph", "load", "nquads_term",
           "tfidf"]
