"""Output formats.  Each module has a ``Writer`` class::

    writer = Writer(out, lang="zh")   # out: text stream (binary when Writer.binary)
    writer.add(file_result)           # once per file, in path order
    writer.close()

Modules are imported only for the format asked for.
"""

from __future__ import annotations

from importlib import import_module

#: --format value -> module under perfcheck.output
FORMATS = {
    "text": "text",
    "json": "jsonout",
    "sarif": "sarif",
    "csv": "csvout",
    "xlsx": "xlsx",
    "html": "html",
}


def writer_class(name: str):
    return import_module(f".{FORMATS[name]}", __name__).Writer
