"""Readers turn a file into a :class:`~perfcheck.model.Document`.

Each reader module has ``read(data: bytes, path: str) -> Document`` that
raises :class:`InputError` with a Chinese message (and an English one) when
the file cannot be read.  Readers are imported only when a file of their
format is met, so start-up stays small.

Files come from strangers: every limit here (size, zip entries, uncompressed
size, compression ratio) is checked before the expensive work starts, and any
failure inside a reader becomes an InputError, so one bad file never stops a
batch.
"""

from __future__ import annotations

import os
import zipfile
from importlib import import_module
from io import BytesIO

from ..model import Document

#: file suffix -> module under perfcheck.readers
READERS = {".txt": "text", ".md": "text", ".docx": "docx", ".pdf": "pdf"}

#: bytes above which a file is refused (configurable through ``read(max_bytes=)``)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: a Word file (a zip) may unpack to at most this many bytes in all …
ZIP_MAX_UNPACKED = 200 * 1024 * 1024
#: … with no member expanding more than this ratio (zip bombs reach 1000+) …
ZIP_MAX_RATIO = 150
#: … below this size any ratio is fine (small XML parts compress very well)
ZIP_RATIO_FLOOR = 2 * 1024 * 1024
#: … and hold at most this many members
ZIP_MAX_MEMBERS = 5000


class InputError(Exception):
    """A file that cannot be read as a report; ``message`` is Chinese."""

    def __init__(self, message: str, message_en: str = ""):
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message


def supported(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in READERS


def _megabytes(size: int) -> str:
    return f"{size / 1048576:.1f} MB"


def read(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read ``path`` into a Document, or raise InputError."""
    suffix = os.path.splitext(path)[1].lower()
    if os.path.basename(path).startswith("~$"):
        raise InputError("这是Word打开文档时生成的临时锁定文件（~$开头），不是报告",
                         "a Word lock file (~$…), not a report")
    if suffix not in READERS:
        if suffix in (".doc", ".wps", ".rtf"):
            raise InputError(f"不支持旧版或非Word格式（{suffix}），请另存为 .docx 后再检查",
                             f"unsupported format {suffix}: save it as .docx first")
        raise InputError(f"不支持的文件类型：{suffix or '无扩展名'}",
                         f"unsupported file type: {suffix or 'no extension'}")
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(
                f"文件过大（{_megabytes(size)}，上限 {_megabytes(max_bytes)}）",
                f"file too large ({_megabytes(size)}, limit {_megabytes(max_bytes)})")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("文件不存在", "no such file") from None
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}",
                         f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # the file grew while we looked
        raise InputError(f"文件过大（上限 {_megabytes(max_bytes)}）",
                         f"file too large (limit {_megabytes(max_bytes)})")
    return read_bytes(data, path)


def read_bytes(data: bytes, path: str) -> Document:
    """A Document from the bytes of a file named ``path`` (its suffix picks the reader)."""
    if not data.strip():
        raise InputError("文件为空", "file is empty")
    suffix = os.path.splitext(path)[1].lower()
    reader = import_module(f".{READERS.get(suffix, 'text')}", __name__)
    try:
        return reader.read(data, path)
    except InputError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise InputError(f"文件结构异常，无法读取（{type(exc).__name__}）",
                         f"abnormal file structure ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - a broken file must not stop a batch
        raise InputError(f"文件已损坏或格式无法识别（{type(exc).__name__}: {exc}）",
                         f"file is damaged or of an unknown format ({type(exc).__name__}: {exc})") from None


def read_text(text: str, path: str = "<text>") -> Document:
    """A Document from a string already in memory."""
    from .text import document_from_text

    return document_from_text(text, path)


# --------------------------------------------------------------------------
# Zip containers (.docx): checked from the central directory before unpacking

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_zip(data: bytes, what: str = "Word") -> zipfile.ZipFile:
    """Open ``data`` as a zip after checking it is no zip bomb, or raise InputError."""
    if data.startswith(OLE_MAGIC):
        # Office puts password-protected files in an OLE container with an
        # EncryptionInfo stream; other OLE files are old binary .doc files.
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise InputError(f"{what}文件已加密（设有打开密码），无法读取，请去除密码后再检查",
                             f"the {what} file is encrypted (password protected)")
        raise InputError(f"这是旧版{what}二进制格式（.doc），请另存为 .docx 后再检查",
                         f"this is an old binary {what} file (.doc); save it as .docx")
    if data.startswith(b"%PDF"):
        raise InputError("文件扩展名是 .docx，内容却是 PDF，请更正扩展名",
                         "the file is named .docx but holds a PDF")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise InputError(f"{what}文件已损坏（不是有效的 .docx 压缩包）",
                         f"the {what} file is damaged (not a valid .docx zip)") from None
    if len(members) > ZIP_MAX_MEMBERS:
        raise InputError(f"{what}文件内部条目过多（{len(members)} 个），疑似恶意文件",
                         f"too many entries in the {what} file ({len(members)})")
    unpacked = 0
    for member in members:
        unpacked += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if unpacked > ZIP_MAX_UNPACKED or (member.file_size > ZIP_RATIO_FLOOR and ratio > ZIP_MAX_RATIO):
            raise InputError(f"{what}文件解压后过大（压缩炸弹），拒绝读取",
                             f"the {what} file would unpack to too much data (zip bomb)")
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """The bytes of member ``name`` (None when absent), never more than the declared size.

    The declared sizes were checked by :func:`open_zip`; reading stops at
    that size plus one byte so a forged directory cannot inflate us.
    """
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.flag_bits & 0x1:
        raise InputError("Word文件已加密，无法读取", "the Word file is encrypted")
    try:
        with archive.open(info) as handle:
            content = handle.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise InputError(f"Word文件已损坏（{name} 无法解压）",
                         f"the Word file is damaged ({name} cannot be unpacked: {exc})") from None
    if len(content) > info.file_size:
        raise InputError("Word文件压缩目录与内容不符（疑似压缩炸弹），拒绝读取",
                         "the Word file's zip directory lies about sizes (zip bomb?)")
    return content
