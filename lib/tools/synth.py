"""Synthetic corpora for the benchmark: sample pages (seeds, dev corpus) → N recombined .txt pages on disk.

Each page is a title, a dateline, some page furniture (menus, share buttons, "read also" links) and a body of
paragraphs drawn from sample pages of one language, with years shifted, numbers re-drawn and officials'
surnames permuted, so the extractors meet text as varied as real scrapes and nothing repeats verbatim. The
output depends only on the sample pages, ``n`` and ``seed``; nothing touches the network.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from lib import settings

DEV_CORPUS = settings.PROJECT_ROOT.parent / "shared" / "dev-corpus"
# Files per sub-folder: one flat folder of 100,000 files is slow to list on some file systems.
PER_FOLDER = 1000
# Lines at least this long (with letters) are body paragraphs; shorter ones are page furniture or titles.
MIN_PARAGRAPH = 90
# Surname stems that inflect alike (-ов/-ев), so swapping stems keeps every case ending grammatical.
SURNAMES = {
    "ru": ("Токаев", "Назарбаев", "Жапаров", "Жээнбеков", "Атамбаев", "Смаилов", "Бектенов", "Касымалиев",
           "Кулубаев", "Кошербаев"),
    "en": ("Tokayev", "Nazarbayev", "Japarov", "Jeenbekov", "Atambayev", "Smailov", "Bektenov", "Kasymaliev",
           "Kulubaev", "Kosherbayev"),
}
FURNITURE = {
    "ru": ("Поделиться", "Главная / Политика", "Читайте также: Новости региона за неделю", "Комментарии (0)",
           "Подписывайтесь на наш канал", "Все права защищены", "Просмотров: 1 204", "Теги: ЕАЭС, Центральная Азия"),
    "en": ("Share this article", "Home / Politics", "Read also: Regional news of the week", "Comments (0)",
           "Subscribe to our newsletter", "All rights reserved", "Views: 1,204", "Tags: EAEU, Central Asia"),
}
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
_YEAR = re.compile(r"\b(19[89]\d|20[0-3]\d)\b")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")


@dataclass(frozen=True, slots=True)
class Pools:
    """Sample text by language: body paragraphs, title-like lines and furniture lines."""

    paragraphs: dict[str, list[str]]
    titles: dict[str, list[str]]


def sample_roots() -> list[Path]:
    """The seeds and, when present on this machine, the dev corpus."""
    roots = [settings.PROJECT_ROOT / "seeds"]
    if DEV_CORPUS.is_dir():
        roots.append(DEV_CORPUS)
    return roots


def language(text: str) -> str:
    letters = sum(ch.isalpha() for ch in text) or 1
    return "ru" if len(_CYRILLIC.findall(text)) / letters > 0.3 else "en"


def load_pools(roots: list[Path] | None = None) -> Pools:
    """Split every sample page into paragraphs and title candidates, by language."""
    paragraphs: dict[str, list[str]] = {"ru": [], "en": []}
    titles: dict[str, list[str]] = {"ru": [], "en": []}
    for root in roots or sample_roots():
        for path in sorted(Path(root).glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            for line in (raw.strip() for raw in text.splitlines()):
                letters = sum(ch.isalpha() for ch in line)
                if len(line) >= MIN_PARAGRAPH and letters > len(line) // 2:
                    paragraphs[language(line)].append(line)
                elif 30 <= len(line) < MIN_PARAGRAPH and letters > len(line) * 0.7:
                    titles[language(line)].append(line)
    if not paragraphs["ru"] and not paragraphs["en"]:
        raise ValueError("no sample text found for the synthetic corpus (seeds/ is empty)")
    for lang in ("ru", "en"):  # a corpus with only one language still yields pages of both
        other = "en" if lang == "ru" else "ru"
        paragraphs[lang] = paragraphs[lang] or paragraphs[other]
        titles[lang] = titles[lang] or titles[other] or paragraphs[lang][:1]
    return Pools(paragraphs, titles)


def _mutate(text: str, rng: random.Random, year_shift: int, names: dict[str, str], pattern: re.Pattern[str]) -> str:
    def year(match: re.Match[str]) -> str:
        return str(min(2030, max(1991, int(match.group()) + year_shift)))

    def number(match: re.Match[str]) -> str:
        digits = match.group()
        if digits.isdigit() and (len(digits) <= 2 or len(digits) == 4):
            return digits  # days, ordinals and (already shifted) years stay valid
        return "".join(str(rng.randint(1 if i == 0 else 0, 9)) if ch.isdigit() else ch
                       for i, ch in enumerate(digits))

    text = _YEAR.sub(year, text)
    text = _NUMBER.sub(number, text)
    return pattern.sub(lambda m: names[m.group()], text)


def page(pools: Pools, rng: random.Random) -> str:
    """One synthetic scraped page."""
    lang = "ru" if rng.random() < 0.6 else "en"
    stems = SURNAMES[lang]
    shuffled = rng.sample(stems, len(stems))
    names = dict(zip(stems, shuffled, strict=True))
    pattern = re.compile("|".join(map(re.escape, stems)))
    year_shift = rng.randint(-4, 4)
    year, month, day = rng.randint(2016, 2026), rng.randint(1, 12), rng.randint(1, 28)
    dateline = f"{day:02d}.{month:02d}.{year}" if lang == "ru" else f"{MONTHS_EN[month - 1]} {day}, {year}"
    furniture = FURNITURE[lang]
    title = _mutate(rng.choice(pools.titles[lang]), rng, year_shift, names, pattern)
    chosen = rng.sample(pools.paragraphs[lang], k=min(len(pools.paragraphs[lang]), rng.randint(4, 12)))
    body = [_mutate(p, rng, year_shift, names, pattern) for p in chosen]
    lines = [*rng.sample(furniture, 2), title, dateline, "", *("\n".join([p, ""]) for p in body),
             *rng.sample(furniture, 3)]
    return "\n".join(lines) + "\n"


def make_corpus(out: Path, n: int, seed: int = 0, pools: Pools | None = None) -> list[Path]:
    """Write ``n`` pages under ``out`` (sub-folders of PER_FOLDER files); returns their paths."""
    pools = pools or load_pools()
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        folder = Path(out) / f"{i // PER_FOLDER:04d}"
        if i % PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{i:06d}.txt"
        path.write_text(page(pools, rng), encoding="utf-8")
        paths.append(path)
    return paths
