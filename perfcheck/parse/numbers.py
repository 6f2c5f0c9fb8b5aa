"""Numbers as written: Arabic with thousands separators, and Chinese numerals.

Everything returns ``Decimal`` with the count of printed decimals, because a
figure's precision is part of what it says (44.13 claims ±0.005).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Optional

#: an Arabic number: 2,368.95 / 2368.95 / 0.5 (lines are already normalised to ASCII digits)
# starts with a bare \d (same as (?:\d{1,3}(?:,\d{3})+|\d+)…) so that the regex engine
# can skip ahead to digits instead of trying every position of a line
ARABIC = r"\d(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?"
ARABIC_RE = re.compile(ARABIC)

CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
            "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNIT = {"万": 10000, "亿": 100000000}
#: characters a Chinese numeral is written with
CN_CHARS = "零〇一二两三四五六七八九十百千万亿"


def parse_arabic(text: str) -> tuple[Decimal, int]:
    """``'2,368.95'`` -> ``(Decimal('2368.95'), 2)``."""
    plain = text.replace(",", "")
    decimals = len(plain.split(".", 1)[1]) if "." in plain else 0
    return Decimal(plain), decimals


def parse_chinese(text: str) -> Optional[int]:
    """A Chinese numeral (``三百``, ``四十五``, ``一千二百万``) as an int; None if malformed."""
    if not text or any(ch not in CN_CHARS for ch in text):
        return None
    total = 0  # finished groups above 万/亿
    group = 0  # the current group below 万
    digit: Optional[int] = None
    for ch in text:
        if ch in CN_DIGIT:
            if digit is not None and CN_DIGIT[ch] != 0 and digit != 0:
                return None  # two digits in a row ("三四") is not a number
            digit = CN_DIGIT[ch]
        elif ch in CN_SMALL_UNIT:
            group += (1 if digit is None else digit) * CN_SMALL_UNIT[ch]
            digit = None
        else:  # 万 / 亿
            group += digit or 0
            digit = None
            if group == 0 and total == 0:
                return None
            if CN_BIG_UNIT[ch] == 100000000:
                total = (total + group) * CN_BIG_UNIT[ch]
            else:
                total += group * CN_BIG_UNIT[ch]
            group = 0
    group += digit or 0
    return total + group


def parse_number(text: str) -> Optional[tuple[Decimal, int]]:
    """Arabic or Chinese numeral -> (value, decimals); None when it is neither."""
    text = text.strip()
    if not text:
        return None
    if ARABIC_RE.fullmatch(text):
        try:
            return parse_arabic(text)
        except InvalidOperation:  # pragma: no cover - the regex admits only digits
            return None
    value = parse_chinese(text)
    if value is None:
        return None
    return Decimal(value), 0


def render_number(value: Decimal, decimals: int, separators: bool = True) -> str:
    """``Decimal('2368.95'), 2`` -> ``'2,368.95'`` (quantized to ``decimals``)."""
    quantum = Decimal(1).scaleb(-decimals)
    fixed = value.quantize(quantum) if decimals >= 0 else value
    if separators:
        return f"{fixed:,.{decimals}f}"
    return f"{fixed:.{decimals}f}"


def decimals_of(value: Decimal) -> int:
    """Printed decimals of a Decimal (its exponent), never negative."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


NUMBER_IN_CELL = re.compile(r"^\s*[≥≤<>=＞＜约近]*\s*(" + ARABIC + r")\s*(万元|亿元|千元|元|%|‰)?\s*$")
