"""Normalise COUNT mentions to numbers, and read counts implied by dual/singular forms.

A small table-driven grammar of our own (decisions.md keeps GPL parsers out of the core):
digits in any script with thousands separators; number words with their case and gender
variants (units, teens, tens, hundreds incl. مئة/مائة/مئتان and fused ثلاثمئة, thousands,
millions) joined by و; ranges; bounding and approximating words; vague plurals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIACRITICS = re.compile(r"[\u064B-\u0652\u0670\u0640]")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")
_THOUSANDS_SEP = re.compile(r"(?<=\d)[,٬'’ ](?=\d{3}\b)")


@dataclass(frozen=True)
class CountValue:
    """A normalised count: ``value`` when known exactly, ``min``/``max`` for ranges and vague plurals."""

    value: int | None
    min: int | None
    max: int | None
    qualifier: str


def _variants(words: str, value: int) -> dict[str, int]:
    return {w: value for w in words.split()}


_UNITS: dict[str, int] = {
    **_variants("واحد واحدة أحد إحدى", 1),
    **_variants("اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي", 2),
    **_variants("ثلاث ثلاثة", 3), **_variants("أربع أربعة", 4), **_variants("خمس خمسة", 5),
    **_variants("ست ستة", 6), **_variants("سبع سبعة", 7), **_variants("ثمان ثماني ثمانية", 8),
    **_variants("تسع تسعة", 9), **_variants("عشر عشرة", 10),
}
_TENS: dict[str, int] = {}
for _stem, _value in (("عشر", 20), ("ثلاث", 30), ("أربع", 40), ("خمس", 50), ("ست", 60), ("سبع", 70), ("ثمان", 80), ("تسع", 90)):
    _TENS.update({_stem + "ون": _value, _stem + "ين": _value})
_HUNDREDS: dict[str, int] = {
    **_variants("مئة مائة مئه مائه", 100), **_variants("مئتان مئتين مئتا مئتي مائتان مائتين مائتا مائتي", 200),
}
for _unit, _value in (("ثلاث", 3), ("أربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("ثماني", 8), ("تسع", 9)):
    _HUNDREDS.update({_unit + "مئة": _value * 100, _unit + "مائة": _value * 100})
_SCALES: dict[str, int] = {
    **_variants("ألف الف آلاف الاف ألوف", 1000), **_variants("مليون ملايين", 1_000_000),
    **_variants("مليار مليارات", 1_000_000_000),
}
_DUAL_SCALES: dict[str, int] = {**_variants("ألفان ألفين ألفا ألفي", 2000), **_variants("مليونان مليونين مليونا مليوني", 2_000_000)}

# Bounding or approximating words, longest first so "ما لا يقل عن" wins over "يقل عن".
_QUALIFIERS: list[tuple[str, str]] = sorted(
    [(p, "more_than") for p in ("أكثر من", "ما يزيد على", "ما يزيد عن", "يزيد على", "يزيد عن", "ما يربو على", "أزيد من", "ما يفوق", "يفوق", "فوق")]
    + [(p, "at_least") for p in ("ما لا يقل عن", "لا يقل عن", "ما لا يقل على", "على الأقل", "على الاقل")]
    + [(p, "less_than") for p in ("أقل من", "ما يقل عن", "دون")]
    + [(p, "about") for p in ("نحو", "حوالي", "حوالى", "قرابة", "زهاء", "ما يقارب", "يقارب", "ما يناهز", "يناهز", "تقريبا", "ما يصل إلى", "ما يصل الى", "قرابة ال")],
    key=lambda item: -len(item[0]),
)
# Vague quantities: (min, max). Multiplied when followed by a scale ("عشرات الآلاف").
_VAGUE: dict[str, tuple[int, int]] = {
    **{w: (20, 99) for w in ("عشرات", "العشرات")},
    **{w: (200, 999) for w in ("مئات", "المئات", "مائات")},
    **{w: (2000, 9999) for w in ("آلاف", "الآلاف", "الاف", "ألوف")},
    **{w: (2_000_000, 9_999_999) for w in ("ملايين", "الملايين")},
    **{w: (3, 9) for w in ("بضع", "بضعة", "عدة", "عدد")},
}
_RANGE_PATTERNS = (
    re.compile(r"^(?:ما\s+)?بين\s+(.+?)\s+و\s*(.+)$"),
    re.compile(r"^من\s+(.+?)\s+(?:إلى|الى|حتى)\s+(.+)$"),
    re.compile(r"^(.+?)\s*[-–—]\s*(.+)$"),
    re.compile(r"^(.+?)\s+(?:إلى|الى|أو|او)\s+(.+)$"),
)


def clean(text: str) -> str:
    """Digits to ASCII, diacritics and tatweel out, thousands separators dropped, spaces squeezed."""
    text = _DIACRITICS.sub("", text.translate(_DIGITS))
    text = _THOUSANDS_SEP.sub("", text)
    return " ".join(text.split())


def _strip_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for word in text.split():
        if word.startswith("و") and len(word) > 1 and _word_value(_strip_article(word[1:])) is not None:
            word = word[1:]
        out.append(_strip_article(word))
    return out


def _word_value(word: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    for table in (_UNITS, _TENS, _HUNDREDS, _SCALES, _DUAL_SCALES):
        if word in table:
            return float(table[word])
    return None


def parse_number(text: str) -> int | None:
    """An exact number written in digits, words or both ("3 آلاف", "مئة وخمسون"), else None."""
    tokens = _tokens(clean(text))
    if not tokens:
        return None
    total, current = 0.0, 0.0
    for token in tokens:
        value = _word_value(token)
        if value is None:
            return None
        if token in _SCALES:
            total += (current or 1) * value
            current = 0
        elif token in _DUAL_SCALES:
            scale = value / 2
            total += current * scale if current else value
            current = 0
        elif token in _HUNDREDS and value == 100 and 0 < current < 10:
            current *= 100
        else:
            current += value
    result = total + current
    return int(round(result)) if result > 0 else None


def _vague(text: str) -> tuple[int, int] | None:
    tokens = text.split()
    if not tokens or tokens[0] not in _VAGUE:
        return None
    low, high = _VAGUE[tokens[0]]
    for token in tokens[1:]:
        scale = _SCALES.get(_strip_article(token))
        if scale is None:
            return None
        low, high = low * scale, high * scale + (scale - 1)
    return low, high


def _bounds(value: int, qualifier: str) -> tuple[int | None, int | None]:
    """The interval a qualified number asserts; an approximation asserts none."""
    return {
        "exact": (value, value),
        "more_than": (value + 1, None),
        "at_least": (value, None),
        "less_than": (None, value - 1),
    }.get(qualifier, (None, None))


def parse_count(text: str) -> CountValue | None:
    """Normalise one COUNT mention; None when it cannot be read (the claim keeps the span)."""
    body = clean(text)
    qualifier = "exact"
    for phrase, kind in _QUALIFIERS:
        if body.startswith(phrase + " ") or body.endswith(" " + phrase):
            body = (body[len(phrase) :] if body.startswith(phrase + " ") else body[: -len(phrase)]).strip()
            qualifier = kind
            break
    vague = _vague(body)
    if vague:
        return CountValue(None, vague[0], vague[1], "vague")
    value = parse_number(body)
    if value is not None:
        return CountValue(value, *_bounds(value, qualifier), qualifier)
    for pattern in _RANGE_PATTERNS:
        match = pattern.match(body)
        if match:
            low, high = parse_number(match.group(1)), parse_number(match.group(2))
            if low is not None and high is not None and low < high:
                return CountValue(None, low, high, "range")
    return None


# Broken plurals look singular by their ending; these singular heads have such plurals, so
# their dual ("صاروخين") and singular ("صاروخ") forms can be told apart from plurals.
_MASCULINE_SINGULARS = frozenset(
    "صاروخ زورق مدفع قارب رادار مستودع مخزن جندي عنصر ضابط موقع هجوم نظام مركز لغم قاذف "
    "رشاش مبنى منزل حاجز معسكر مقر صهريج جسر قطار لواء فوج".split()
)
_MASS_NOUNS = frozenset("ذخيرة عتاد أسلحة أعتدة أنظمة أجهزة ألوية قوة".split())


def implied_count(item_text: str) -> int | None:
    """2 for a dual item ("دبابتين"), 1 for a singular indefinite one ("مروحية"), else None."""
    words = clean(item_text).split()
    if not words:
        return None
    head = words[0]
    if head.startswith("ال") or head in _MASS_NOUNS or not re.match(r"[\u0621-\u064A]", head):
        return None
    if re.search(r"[تة](?:ين|ان)$", head) and len(head) > 4:
        return 2
    for suffix in ("ين", "ان"):
        if head.endswith(suffix) and head[: -len(suffix)] in _MASCULINE_SINGULARS:
            return 2
    if head.endswith("ا") and head[:-1] in _MASCULINE_SINGULARS:  # accusative: "مستودعا"
        head = head[:-1]
    if head in _MASCULINE_SINGULARS or (head.endswith(("ة", "ه")) and not head.endswith("ات")):
        return 1
    return None
