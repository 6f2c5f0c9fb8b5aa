"""Full-width to half-width, one character for one, so columns stay valid."""

from __future__ import annotations

_FULL = "０１２３４５６７８９％．＋－＝＜＞／，"
_HALF = "0123456789%.+-=<>/，"

_TABLE = {ord(f): ord(h) for f, h in zip(_FULL, _HALF)}
# full-width Latin letters, and the ideographic space
_TABLE.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_TABLE.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
_TABLE[0x3000] = ord(" ")
_TABLE[0xA0] = ord(" ")


def normalize(line: str) -> str:
    """``line`` with full-width digits, letters, ％ and ． made ASCII.

    Chinese punctuation that carries meaning for the parser (，、；：（）)
    is kept; rules match both forms where it matters.
    """
    return line.translate(_TABLE)
