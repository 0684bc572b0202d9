"""Raw documents → clean articles. (Provisional: replaced by the boilerplate scorer in the foundation issue.)"""

from __future__ import annotations

import hashlib

from lib.records import Article, RawDocument


class NoArticleText(Exception):
    """Nothing of the document is article text."""


def detect_lang(text: str) -> str:
    cyr = sum(1 for ch in text if "а" <= ch.lower() <= "я" or ch in "ёЁ")
    lat = sum(1 for ch in text if "a" <= ch.lower() <= "z")
    return "ru" if cyr >= lat else "en"


def to_article(raw: RawDocument) -> Article:
    lines = [line.strip() for line in raw.text.split("\n") if line.strip()]
    if not lines:
        raise NoArticleText("no article text found")
    body = "\n".join(lines)
    article_id = hashlib.sha256(body.encode()).hexdigest()[:16]
    return Article(article_id, raw.file, lines[0], None, None, detect_lang(body), None, body)
