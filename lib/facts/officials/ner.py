"""Officials the curated table does not know: names next to a post title → (canonical Latin name, country, post).

Candidates come cheaply from the text around each official's title: the capitalised words right after it ("посол
Кыргызстана в Казахстане Кудайберген Базарбаев", "Minister of Energy Almasadam Satkaliyev") or right before it in
apposition ("Muratbek Azymbakiev, head of the ... Presidential Administration"). A Russian candidate is confirmed by
natasha's NER (its models ship in the wheel), run only on that sentence, or by the shape of a name and surname; an
English one must be two or three capitalised words that are not places or ministry words. A name whose attached title
is "политолог", "expert" or "journalist" is not an official.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lib.articles.sentences import Sentences, split
from lib.facts.officials import names, titles
from lib.settings import DATA_DIR


@dataclass(frozen=True, slots=True)
class Unlisted:
    person: str
    country: str
    kind: str
    title: str
    start: int
    end: int


@lru_cache(maxsize=1)
def natasha() -> tuple[Any, Any]:
    """natasha's segmenter and NER tagger, loaded once per process (~1 s, no network: the models are in the wheel)."""
    # lazy: loading the embedding costs ~1 s and ~100 MB, and most articles never need the model
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def _ner_persons(text: str) -> list[tuple[int, int]]:
    from natasha import Doc

    segmenter, tagger = natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [(span.start, span.stop) for span in doc.spans if span.type == "PER"]


# Capitalised words that are never part of a person's name: titles, ministries' fields, places, months, days.
@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    lines = (DATA_DIR / "not_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def not_name(word: str) -> bool:
    """True for a capitalised word that is never part of a name (lib/data/not_names.txt, read once)."""
    return word.lower() in _not_names()


_NAME_WORD = r"[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ]?[a-zа-яё]+)*"
# Kyrgyz names may end in "уулу" / "кызы" ("son of" / "daughter of"): part of the name, in lower case
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:[ \u00a0]{_NAME_WORD}){{0,3}}(?:[ \u00a0](?:уулу|кызы|uulu|kyzy)\b)?")
# "Almaz Imangaziev, Kyrgyzstan's first deputy foreign minister": the words between are checked as filler later
_BEFORE_APPOSITION = re.compile(
    rf"({_NAME_WORD}(?:[ \u00a0]{_NAME_WORD}){{0,2}})\s*(?:,|—|–)\s*(?:the\s+)?(?:[\w'’-]+\s+){{0,2}}?$")
_GAP_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|[^\w\s]")
_KYRGYZ_PATRONYMIC = re.compile(r"(?:уулу|кызы|uulu|kyzy)", re.IGNORECASE)
_LOWER_CYRILLIC = re.compile(r"[а-яё-]+")
_NON_SPACE = re.compile(r"\S+")
_TOKEN = re.compile(r"[^\s,.;:()«»\"]+")
_AND = re.compile(r"\s+(?:и|and)\s+")


def canonical(surface: str) -> str:
    """A best English name for an unlisted person: nominative of each Cyrillic word, transliterated."""
    return str(_CANONICAL(surface))


def _canonical(surface: str) -> str:
    words = surface.split()
    if not words or words[0].isascii():
        return " ".join(words)
    if len(words) == 3 and re.search(r"(вич|вна|ична|ича|ичу|ичем|ичем|овны|евны)$", words[1]):
        words = [words[0], words[2]]  # drop the patronymic
    nominal = [w if _KYRGYZ_PATRONYMIC.fullmatch(w) else names.nominative(w, surname=(i == len(words) - 1))
               for i, w in enumerate(words)]
    return names.transliterate(" ".join(nominal))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


def _complement(word: str) -> bool:
    """A lower-case word of a title's complement: "министр энергетики", "посол по особым поручениям"."""
    return bool(_COMPLEMENT(word))


def _is_complement(word: str) -> bool:
    if word in {"и", "по", "особым", "поручениям", "and"}:
        return True
    if not _LOWER_CYRILLIC.fullmatch(word):
        return False
    # genitive and prepositional complements ("по экономике", "в Казахстане"); a verb or a bare preposition ends it
    return any(p.tag.case in {"gent", "datv", "loct"} and p.tag.POS in {"NOUN", "ADJF", "PRTF"}
               for p in names.parses(word)[:3])


def _gap_ok(gap: str) -> bool:
    """Between an unlisted name and its title: filler, a genitive complement, places and ministry words only."""
    if len(gap) > 80 or "\n" in gap or any(mark in gap for mark in ",;:.!?"):
        return False
    capitalised = 0
    for token in _GAP_WORD.findall(gap):
        if token in {"—", "–", "-", "'", "’", "«", "»", '"'} or titles.is_filler(token) or _complement(token):
            continue
        if not_name(token) or token.lower() == "s" or (token.isupper() and len(token) > 1):  # acronyms: МИД, СНГ
            continue
        if token[:1].isupper() and capitalised < 1:  # a place or body: "Аким Алматы", "Губернатор Омской области"
            capitalised += 1
            continue
        return False
    return True


def _attached(body: str, start: int, end: int, found: list[titles.Title]) -> titles.Title | None:
    """The title of the name at ``start:end``: the nearest before it with an acceptable gap, else an apposition."""
    before = [t for t in found if t.end <= start and start - t.end <= 80]
    if before and _gap_ok(body[before[-1].end:start]):
        return before[-1]
    return titles.title_after(body, end, found)


def _trim(body: str, start: int, end: int) -> tuple[int, int] | None:
    """The last run of name words in a capitalised run: "European Council Charles Michel" → "Charles Michel"."""
    segments: list[list[re.Match[str]]] = [[]]
    for word in _NON_SPACE.finditer(body[start:end]):
        if not_name(word.group(0)) or titles.is_filler(word.group(0)):
            segments.append([])
        else:
            segments[-1].append(word)
    words = next((seg for seg in reversed(segments) if seg), [])[-3:]
    if not words:
        return None
    return start + words[0].start(), start + words[-1].end()


def _candidates(body: str, title: titles.Title) -> list[tuple[int, int]]:
    """Where a name would stand: the first capitalised run after the title (past its complement), or an apposition."""
    out = []
    for word in _TOKEN.finditer(body[title.end:title.end + 80]):
        token = word.group(0)
        if token.isupper() and len(token) > 1:  # an acronym in the complement: "генеральный секретарь СНГ"
            continue
        if token[:1].isupper() and not not_name(token) and not titles.is_filler(token):
            run = _NAME_RUN.match(body, title.end + word.start())
            after = body[run.end():run.end() + 40].split() if run else []
            if run and " " not in run.group(0) and after and after[0][:1].islower() and _complement(after[0]):
                continue  # a capitalised word of the complement: "аким Жамбылской области Ербол Карашукеев"
            if run and _gap_ok(body[title.end:run.start()]):
                out.append((run.start(), run.end()))
                # "вице-премьеры Эдиль Байсалов и Данияр Амангельдиев": the title covers both names
                joined = _AND.match(body, run.end())
                second = _NAME_RUN.match(body, joined.end()) if joined else None
                if second:
                    out.append((second.start(), second.end()))
            break
        if not (titles.is_filler(token) or _complement(token) or not_name(token)):
            break
    before = _BEFORE_APPOSITION.search(body, max(0, title.start - 80), title.start)
    if before:
        out.append((before.start(1), before.end(1)))
    # two words at least: a lone capitalised word after a title is far more often a body or a place ("депутатов
    # Мажилиса", "участников Договора") than an unlisted official's bare surname
    spans = [span for span in (_trim(body, *c) for c in out) if span]
    return [span for span in spans if len(body[span[0]:span[1]].split()) >= 2]


def looks_like_first_name(word: str) -> bool:
    """A capitalised word pymorphy knows as a first name, or a Latin word that is not a title, place or month."""
    if word.isascii():
        return word[:1].isupper() and not not_name(word)
    parses = names.known_parses(word.lower())
    # "Астане" is also a woman's name in pymorphy's dictionary: a place reading wins
    return any("Name" in p.tag for p in parses) and not any("Geox" in p.tag for p in parses)


def unknown_word(word: str) -> bool:
    """A Cyrillic word pymorphy does not know at all: often a Kazakh or Kyrgyz first name ("Данияр")."""
    return not word.isascii() and not names.known_parses(word.lower())


def _looks_like_name(surface: str) -> bool:
    """Name + surname by shape, for when NER misses one: "Ерболат Досаев", "Алмаз Имангазиевым", "Нурлан уулу"."""
    words = surface.split()
    return len(words) >= 2 and bool(names.SURNAME.match(words[-1].lower()) or _KYRGYZ_PATRONYMIC.fullmatch(words[-1]))


def _shaped(body: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The name in a run when its shape leaves no doubt: a first name (known, or unknown to the dictionary as Kazakh
    and Kyrgyz names are) and a Russian-style surname or "уулу"/"кызы": "Ербол Арынов", "Нурланбек Тургунбек уулу"."""
    words = list(_NON_SPACE.finditer(body[span[0]:span[1]]))
    if len(words) < 2:
        return None
    last = words[-1].group(0)
    size = 3 if _KYRGYZ_PATRONYMIC.fullmatch(last) and len(words) >= 3 else 2
    chosen = words[-size:]
    first = chosen[0].group(0)
    if not (names.SURNAME.match(last.lower()) or _KYRGYZ_PATRONYMIC.fullmatch(last)):
        return None
    if not_name(first) or not (looks_like_first_name(first) or unknown_word(first)):
        return None
    return span[0] + chosen[0].start(), span[0] + chosen[-1].end()


def _all_shaped(body: str, candidates: dict[tuple[int, int], titles.Title]) -> dict[
        tuple[int, int], tuple[int, int]] | None:
    """Each candidate's name by shape, when every candidate has one and the order they are taken in cannot matter
    (no two give one name different titles, no two names start together); else None.

    Then no sentence needs the model, so the body need not be split into sentences (the costliest step left):
    a candidate and its name lie in one sentence, as only letters and spaces stand between them."""
    shapes: dict[tuple[int, int], tuple[int, int]] = {}
    titled: dict[tuple[int, int], titles.Title] = {}
    for candidate, title in candidates.items():
        shape = _shaped(body, candidate)
        if shape is None:
            return None
        if shape not in candidates and titled.setdefault(shape, title) != title:
            return None
        shapes[candidate] = shape
    distinct = set(shapes.values())
    return shapes if len({a for a, _ in distinct}) == len(distinct) else None


def unlisted(body: str, lang: str, found: list[titles.Title], taken: list[tuple[int, int]],
             skip: list[tuple[int, int]], sentences: Sentences | None = None) -> list[Unlisted]:
    """Officials not in the table: a name (not already a listed mention) with an official's title attached."""
    candidates: dict[tuple[int, int], titles.Title] = {}
    title_spans = [(t.start, t.end) for t in found]
    for title in found:
        if title.kind == titles.NOT_OFFICIAL or _overlaps(title.start, title.end, skip):
            continue
        for span in _candidates(body, title):
            if not _overlaps(*span, taken) and not _overlaps(*span, skip) and not _overlaps(*span, title_spans):
                candidates.setdefault(span, title)
    if not candidates:
        return []
    spans: list[tuple[int, int]] = []
    if lang == "en":
        spans = [s for s in candidates if len(body[s[0]:s[1]].split()) >= 2 and body[s[0]:s[1]].isascii()]
    elif (shapes := _all_shaped(body, candidates)) is not None:
        for candidate, shape in shapes.items():
            candidates.setdefault(shape, candidates[candidate])
            spans.append(shape)
    else:
        for sentence in split(body, sentences).spans:
            inside = [c for c in candidates if sentence.start <= c[0] < sentence.end]
            if not inside:
                continue
            # a run shaped like a name and a surname needs no model; the model runs only for the doubtful ones
            shaped = {c: _shaped(body, c) for c in inside}
            doubtful = [c for c in inside if shaped[c] is None]
            persons = [(sentence.start + a, sentence.start + b)
                       for a, b in (_ner_persons(sentence.text) if doubtful else [])]
            for candidate in inside:
                own = shaped[candidate]
                hits = [own] if own else [
                    t for p in persons if _overlaps(*p, [candidate]) and (t := _trim(body, *p))]
                if not hits:  # NER missed it: a name + surname by shape, the last two words of the run
                    words = list(_NON_SPACE.finditer(body[candidate[0]:candidate[1]]))[-2:]
                    last_two = (candidate[0] + words[0].start(), candidate[1]) if words else candidate
                    hits = [last_two] if _looks_like_name(body[last_two[0]:last_two[1]]) else []
                for hit in hits:
                    candidates.setdefault(hit, candidates[candidate])
                spans.extend(hits)
    # NER stops before a Kyrgyz "уулу" / "кызы"; it belongs to the name
    extended = []
    for a, b in spans:
        tail = re.match(r"[ \u00a0](?:уулу|кызы)\b", body[b:b + 6])
        if tail:
            candidates.setdefault((a, b + len(tail.group(0))), candidates.get((a, b)) or found[0])
        extended.append((a, b + len(tail.group(0))) if tail else (a, b))
    spans = extended
    out: list[Unlisted] = []
    for start, end in sorted(set(spans)):
        if _overlaps(start, end, taken) or _overlaps(start, end, title_spans):
            continue
        attached = _attached(body, start, end, found)
        coordinated = attached is None and (start, end) in candidates
        post = attached or candidates.get((start, end))
        if post is None or post.kind == titles.NOT_OFFICIAL:
            continue
        if coordinated:
            role, country = post.text, ""
        elif post.end <= start:  # "министр энергетики Казахстана Алмасадам Саткалиев": the post as the text gives it
            role = body[post.start:start]
            country = _home(role) or titles.country_in(body[max(0, post.start - 30):post.start])
        else:  # "Marat Karabayev, Minister of Industry ... of Kazakhstan, said"
            complement = re.match(r"[^,.;:\n]{0,60}", body[post.end:])
            role = post.text + (complement.group(0) if complement else "")
            country = _home(body[end:post.start] + " " + role)  # "..., Kyrgyzstan's first deputy ..."
        role = _HEAD(re.sub(r"\s+", " ", role).strip(" ,—–-"))
        # a former post names the person as an official but gives no rank today (meeting levels use the kind)
        kind = "other" if titles.is_former(body, post) else post.kind
        out.append(Unlisted(canonical(body[start:end]), country, kind, role, start, end))
    return _later_surnames(body, _merge_surnames(out), taken)


def _later_surnames(body: str, found: list[Unlisted], taken: list[tuple[int, int]]) -> list[Unlisted]:
    """Once named with a title, a person's bare surname later on ("— сказал Текебаев") is a mention too."""
    out = list(found)
    spans = taken + [(u.start, u.end) for u in found]
    capitalised: list[tuple[str, tuple[int, int]]] | None = None  # the body's words, found once for every person
    for person in {u.person: u for u in found if len(u.person.split()) > 1}.values():
        last = body[person.start:person.end].split()[-1]
        if _KYRGYZ_PATRONYMIC.fullmatch(last):
            continue
        forms = {last.lower()} if last.isascii() else _FORMS(last)
        if capitalised is None:
            capitalised = [(w.group(0).lower(), w.span()) for w in names.capitalised_words(body)]
        for low, span in capitalised:
            if low in forms and not _overlaps(*span, spans):
                out.append(Unlisted(person.person, person.country, person.kind, person.title, *span))
    return sorted(out, key=lambda u: u.start)


_POSTED_TO = re.compile(r"\b(?:to|in|в|во)\s+(?:the\s+)?[A-ZА-ЯЁ][\w-]*(?:\s+[A-ZА-ЯЁ][\w-]*)?")


def _home(role: str) -> str:
    """The official's own country in a post: "Kazakh Ambassador to Kyrgyzstan" → KZ, not the country posted to."""
    return titles.country_in(_POSTED_TO.sub(" ", role))


def _surname_forms(last: str) -> frozenset[str]:
    """Every case form of the surname ``last`` is written in ("Текебаевым" → текебаев, текебаева, ...)."""
    return frozenset(names.inflections(names.nominative(last, surname=True)))


def _nominative_head(role: str) -> str:
    """"послом Казахстана в Кыргызстане" → "посол Казахстана в Кыргызстане": the post in the nominative."""
    head, _, rest = role.partition(" ")
    if head.isascii():
        return role
    parse = next((p for p in names.parses(head.lower()) if p.tag.POS == "NOUN"), None)
    form = parse.inflect({"nomn", "sing"}) if parse else None
    if form is None:
        return role
    word = form.word[:1].upper() + form.word[1:] if head[:1].isupper() else form.word
    return f"{word} {rest}".strip()


def _merge_surnames(found: list[Unlisted]) -> list[Unlisted]:
    """A later bare surname ("посол Базарбаев") is the person named in full earlier in the article."""
    full = {u.person.split()[-1]: u.person for u in found if len(u.person.split()) > 1}
    return [Unlisted(full.get(u.person, u.person), u.country, u.kind, u.title, u.start, u.end)
            if len(u.person.split()) == 1 else u for u in found]


# Names and posts repeat across articles, and declining them with pymorphy is dear: each answer is remembered.
_CANONICAL = lru_cache(maxsize=100_000)(_canonical)
_COMPLEMENT = lru_cache(maxsize=100_000)(_is_complement)
_HEAD = lru_cache(maxsize=100_000)(_nominative_head)
_FORMS = lru_cache(maxsize=100_000)(_surname_forms)
