"""Search: encoders, BM25, query expansion across Russian and English, and the fused ranking of passages."""
