"""The JSON contract: one array of findings (see DESIGN.md), streamed."""

from __future__ import annotations

import json

from ..model import FileResult


class Writer:
    binary = False

    def __init__(self, out, lang: str = "zh", rules=None, color: bool = False):
        self.out = out
        self.first = True
        out.write("[")

    def add(self, result: FileResult) -> None:
        for finding in result.findings:
            self.out.write("\n" if self.first else ",\n")
            self.out.write(json.dumps(finding.to_json(), ensure_ascii=False))
            self.first = False

    def close(self) -> None:
        self.out.write("\n]\n" if not self.first else "]\n")
