"""The semantic layer: sentence vectors, their cache and nearest-neighbour pairs.

Used by checks; it knows no rule. Nothing here loads the model at import: importing this
package imports numpy only; onnxruntime and tokenizers load on the first text that is not
in the vector cache (a run whose vectors are all cached never loads the model). Import it
inside a check's function, never at a check module's top, so that runs without semantic
rules import neither it nor numpy.
"""

from faq_lint.semantic.encoder import MODEL_ID, Encoder, ModelUnavailable, get_encoder
from faq_lint.semantic.neighbours import top_k_pairs
from faq_lint.semantic.vectors import cached_encode, vector_cache_dir

__all__ = [
    "MODEL_ID",
    "Encoder",
    "ModelUnavailable",
    "cached_encode",
    "get_encoder",
    "top_k_pairs",
    "vector_cache_dir",
]
