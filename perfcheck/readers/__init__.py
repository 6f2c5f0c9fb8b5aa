"""Readers turn a file into a :class:`~perfcheck.model.Document`.

Each reader is a function ``read(data: bytes, path: str) -> Document`` that
raises :class:`InputError` with a Chinese message (and an English one) when
the file cannot be read.  Readers are imported only when a file of their
format is met, so start-up stays small.
"""

from __future__ import annotations

import os
from importlib import import_module

from ..model import Document

#: file suffix -> module under perfcheck.readers
READERS = {".txt": "text", ".md": "text", ".docx": "docx", ".pdf": "pdf"}

#: bytes above which a file is refused (configurable through ``read(max_bytes=)``)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class InputError(Exception):
    """A file that cannot be read as a report; ``message`` is Chinese."""

    def __init__(self, message: str, message_en: str = ""):
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message


def supported(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in READERS


def read(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read ``path`` into a Document, or raise InputError."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in READERS:
        raise InputError(f"不支持的文件类型：{suffix or '无扩展名'}",
                         f"unsupported file type: {suffix or 'no extension'}")
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(
                f"文件过大（{size / 1048576:.1f} MB，上限 {max_bytes / 1048576:.1f} MB）",
                f"file too large ({size / 1048576:.1f} MB, limit {max_bytes / 1048576:.1f} MB)")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}",
                         f"cannot read file: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError("文件为空", "file is empty")
    reader = import_module(f".{READERS[suffix]}", __name__)
    return reader.read(data, path)


def read_text(text: str, path: str = "<text>") -> Document:
    """A Document from a string already in memory."""
    from .text import document_from_text

    return document_from_text(text, path)
