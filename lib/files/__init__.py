"""Files: folders and browser uploads → found files → raw documents (text, kind, encoding, content hash)."""
