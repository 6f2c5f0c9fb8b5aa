"""Plain text and Markdown: UTF-8 (with or without BOM), GB18030/GBK, UTF-16, CRLF."""

from __future__ import annotations

from ..model import Document
from . import InputError

# GB18030 is a superset of GBK and GB2312, so one decoder serves all three.
_FALLBACK_ENCODINGS = ("gb18030",)

#: share of U+FFFD replacement characters above which a guessed decoding is refused
_MAX_REPLACEMENT_SHARE = 0.02


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) // 20


#: control bytes that do not occur in text (TAB, LF, FF, CR and ESC do)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _plausible_text(text: str) -> bool:
    """Mostly Chinese, ASCII and punctuation, no control characters: what a report decodes to."""
    if not text:
        return False
    good = 0
    for ch in text:
        code = ord(ch)
        if ch in "\t\n\r" or 0x20 <= code < 0x7F or 0x3000 <= code <= 0x9FFF or 0xFF00 <= code <= 0xFFEF \
                or 0x2000 <= code <= 0x206F:
            good += 1
        elif code < 0x20:
            return False
    return good >= len(text) * 0.9


def _utf16_without_bom(data: bytes) -> str | None:
    """Notepad-style UTF-16 without a BOM: NUL bytes that are half of ASCII characters."""
    if len(data) % 2:
        return None
    sample = data[:8192]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            if not _plausible_text(sample.decode(encoding)):
                continue
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with, or InputError."""
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16"), "utf-16"
    except UnicodeDecodeError:
        raise InputError("文件编码损坏（声明为 UTF-8/UTF-16，但内容不符）",
                         "broken encoding (marked UTF-8/UTF-16 but the bytes do not match)") from None
    if _looks_binary(data):
        text = _utf16_without_bom(data)
        if text is not None:
            return text, "utf-16"
        raise InputError("文件不是文本（含有二进制内容或空字符）",
                         "not a text file (binary content or NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in _FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    # Last resort: let charset-normalizer guess (Big5, mixed files …).
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise InputError("无法识别文件编码（不是 UTF-8 或 GB18030）",
                         "unknown text encoding (not UTF-8 or GB18030)")
    text = data.decode(best.encoding, errors="replace")
    if text.count("\ufffd") > len(text) * _MAX_REPLACEMENT_SHARE:
        raise InputError("无法识别文件编码（不是 UTF-8 或 GB18030）",
                         "unknown text encoding (not UTF-8 or GB18030)")
    return text, best.encoding


def document_from_text(text: str, path: str, encoding: str = "utf-8", fmt: str = "txt") -> Document:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return Document(path=path, lines=tuple(lines), format=fmt, encoding=encoding)


def read(data: bytes, path: str) -> Document:
    text, encoding = decode(data)
    if not text.strip(" \t\r\n\ufeff\u3000"):
        raise InputError("文件为空", "file is empty")
    fmt = "md" if path.lower().endswith(".md") else "txt"
    return document_from_text(text, path, encoding, fmt)
