"""The semantic layer: sentence vectors, their cache and nearest-neighbour pairs.

Used by checks; it knows no rule. Nothing here loads the model at import.
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
