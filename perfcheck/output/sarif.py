"""SARIF 2.1.0: one run, one result per finding, rules described from the pack.

Columns are 1-based and count Unicode code points (a Han character is one
column), which the run states with ``columnKind: unicodeCodePoints``.  A file
that could not be read is a result of rule ``input-error`` without a region,
and is also reported as a tool notification.  Built in memory and written at
``close()``, since SARIF is one JSON document.
"""

from __future__ import annotations

import hashlib
import json
import os
from urllib.parse import quote

from .. import __version__
from ..model import INPUT_ERROR, FileResult, Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative paths stay relative, percent-encoded (UTF-8)."""
    if os.path.isabs(path):
        from pathlib import Path

        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"), safe="/")


def _text(value, fallback: str) -> str:
    return str(value) if value else fallback


class Writer:
    binary = False

    def __init__(self, out, lang: str = "zh", rules=None, **_ignored):
        self.out = out
        self.lang = lang
        self.rules = dict(rules or {})
        self.rule_index: dict[str, int] = {}
        self.descriptors: list[dict] = []
        self.artifacts: list[dict] = []
        self.artifact_index: dict[str, int] = {}
        self.results: list[dict] = []
        self.notifications: list[dict] = []
        for rule_id in sorted(self.rules):
            self._rule(rule_id)

    def _rule(self, rule_id: str, finding: Finding | None = None) -> int:
        if rule_id in self.rule_index:
            return self.rule_index[rule_id]
        rule = self.rules.get(rule_id)
        en = self.lang == "en"
        if rule is not None:
            summary = (getattr(rule, "summary_en", "") if en else "") or getattr(rule, "summary", "")
            explanation = (getattr(rule, "explanation_en", "") if en else "") or getattr(rule, "explanation", "")
            category = getattr(rule, "category", "")
            severity = getattr(rule, "severity", "warning")
        elif rule_id == INPUT_ERROR:
            summary = "File cannot be read as a report" if en else "文件无法作为报告读取"
            explanation, category, severity = "", INPUT_ERROR, "error"
        else:
            summary, explanation = "", ""
            category = finding.category if finding else ""
            severity = finding.severity if finding else "warning"
        descriptor = {
            "id": rule_id,
            "shortDescription": {"text": _text(summary, rule_id)},
            "defaultConfiguration": {"level": _LEVELS.get(severity, "warning")},
            "properties": {"category": category, "tags": [category] if category else []},
        }
        if explanation:
            descriptor["fullDescription"] = {"text": explanation.strip()}
            descriptor["help"] = {"text": explanation.strip()}
        self.rule_index[rule_id] = len(self.descriptors)
        self.descriptors.append(descriptor)
        return self.rule_index[rule_id]

    def _artifact(self, path: str) -> int:
        if path not in self.artifact_index:
            self.artifact_index[path] = len(self.artifacts)
            self.artifacts.append({"location": {"uri": artifact_uri(path)}})
        return self.artifact_index[path]

    def add(self, result: FileResult) -> None:
        index = self._artifact(result.path)
        if result.document is not None:
            self.artifacts[index]["sourceLanguage"] = "plaintext"
            self.artifacts[index]["properties"] = {"format": result.document.format, "kind": result.kind}
        for finding in result.findings:
            self.results.append(self._result(finding, index))
            if finding.category == INPUT_ERROR:
                self.notifications.append({
                    "level": "error",
                    "message": {"text": _text(finding.message, INPUT_ERROR)},
                    "locations": [{"physicalLocation": {"artifactLocation": {
                        "uri": artifact_uri(finding.path), "index": index}}}],
                })

    def _result(self, finding: Finding, artifact: int) -> dict:
        physical: dict = {"artifactLocation": {"uri": artifact_uri(finding.path), "index": artifact}}
        span = finding.span
        if span is not None:
            start_column = span.start + 1
            end_line = span.last_line
            end_column = span.end + 1
            if end_line == span.line:
                end_column = max(end_column, start_column)
            region = {"startLine": max(span.line, 1), "startColumn": start_column,
                      "endLine": max(end_line, span.line, 1), "endColumn": max(end_column, 1)}
            if finding.excerpt:
                region["snippet"] = {"text": finding.excerpt}
            physical["region"] = region
        location: dict = {"physicalLocation": physical}
        if finding.location:
            location["logicalLocations"] = [{"name": finding.location, "kind": "element"}]
        # Stable across runs and edits elsewhere in the report: the rule and what it marked.
        fingerprint = hashlib.sha256("\x1f".join(
            (finding.rule, finding.path, finding.excerpt or finding.message)).encode("utf-8")).hexdigest()[:32]
        result = {
            "ruleId": finding.rule,
            "ruleIndex": self._rule(finding.rule, finding),
            "level": _LEVELS.get(finding.severity, "warning"),
            "kind": "fail",
            "message": {"text": _text(finding.message, finding.rule)},
            "locations": [location],
            "partialFingerprints": {"perfcheck/v1": fingerprint},
            "properties": {"category": finding.category},
        }
        if finding.evidence:
            result["properties"]["evidence"] = {str(k): str(v) for k, v in finding.evidence.items()}
        return result

    def close(self) -> None:
        run = {
            "tool": {"driver": {
                "name": "perfcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": self.descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": self.artifacts,
            "results": self.results,
            "invocations": [{
                "executionSuccessful": not self.notifications,
                "toolExecutionNotifications": self.notifications,
            }],
        }
        document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
        json.dump(document, self.out, ensure_ascii=False, indent=1)
        self.out.write("\n")
