"""Files: folders and browser uploads → found files → raw documents (text, kind, encoding, content hash); and which
folders a dashboard visitor may open (roots)."""
