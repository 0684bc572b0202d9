"""Articles: raw documents → clean articles (body, title, outlet, language, publication date) and their sentences."""
