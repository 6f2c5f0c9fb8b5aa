"""perfcheck: checks budget performance self-evaluation reports (预算绩效自评报告).

The library API::

    import perfcheck
    report = perfcheck.parse("report.txt")         # -> Report
    rules = perfcheck.load_rules()                 # the default pack (+ a perfcheck.toml)
    findings = perfcheck.check(report, rules)      # -> list[Finding]
    findings = perfcheck.lint(["reports/"])        # read, parse and check files and folders

Submodules are imported on first use so that the command line starts fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["parse", "check", "lint", "load_rules", "Report", "Finding", "Document", "__version__"]

_LAZY = {
    "parse": ("perfcheck.parse", "parse"),
    "check": ("perfcheck.engine", "check"),
    "lint": ("perfcheck.engine", "lint"),
    "load_rules": ("perfcheck.ruleset", "load_rules"),
    "Report": ("perfcheck.model", "Report"),
    "Finding": ("perfcheck.model", "Finding"),
    "Document": ("perfcheck.model", "Document"),
}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        module, attr = _LAZY[name]
        value = getattr(import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'perfcheck' has no attribute {name!r}")
