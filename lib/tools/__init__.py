"""Tools around the product: scoring against gold (evaluate), performance figures (bench), synthetic corpora."""
