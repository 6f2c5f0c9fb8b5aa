"""Kinds of check: the Python half of every rule.

A *kind* is a function registered with :func:`kind`; a *rule* (TOML) names
a kind and gives it parameters.  A kind function has the signature::

    def check(report: Report, params: Params) -> Iterable[Hit]

and yields one :class:`Hit` per place to mark.  It never formats the final
message: the rule's message template (Chinese, with an English variant) is
filled from ``Hit.args``; ``Hit.variant`` picks another template of the rule
(``[rule.variants.NAME]``) when a kind reports several shapes of fault.

Built-in kinds live in the modules listed in ``BUILTIN_MODULES``; plugins
add kinds through the entry-point group ``perfcheck.checks`` (each entry
point names a module, imported so that its ``@kind`` decorators run).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Optional

from attrs import field, frozen

from ..model import Span

#: modules whose import registers the built-in kinds
BUILTIN_MODULES = (
    "perfcheck.checks.generic",
    "perfcheck.checks.numeric",
    "perfcheck.checks.text",
)

#: parameter types a kind may declare (see ``perfcheck.ruleset`` for checking)
PARAM_TYPES = ("str", "int", "decimal", "bool", "list", "regex", "regex-list", "table")


@frozen(slots=True)
class Param:
    """A declared parameter of a kind.

    ``type`` is one of ``PARAM_TYPES``: ``list`` is a list of strings,
    ``regex``/``regex-list`` are compiled (with a time limit) before the
    check sees them, ``table`` is a TOML table (dict) passed as is.
    """

    type: str
    default: Any = None
    help: str = ""
    required: bool = False
    #: for ``table`` params: called with the value at load time, returns what is
    #: wrong with it (a string) or None, so a bad pack fails when it is loaded
    validate: Optional[Callable[[Any], Optional[str]]] = None


def regex_fields(*keys: str) -> Callable[[Any], Optional[str]]:
    """A ``validate`` for a table of tables whose ``keys`` hold regular expressions."""

    def validate(table: Any) -> Optional[str]:
        import regex

        for name, entry in (table or {}).items():
            if not isinstance(entry, dict):
                return f"entry {name!r} must be a table"
            for key in keys:
                pattern = entry.get(key)
                if pattern is None:
                    continue
                if not isinstance(pattern, str):
                    return f"{name}.{key} must be a string (a regular expression)"
                try:
                    # with SafePattern's flags first: valid so, it is valid here too, and the
                    # check's own compile later comes from regex's cache instead of again
                    regex.compile(pattern, regex.V0)
                except Exception:
                    try:
                        regex.compile(pattern)
                    except regex.error as exc:
                        return f"{name}.{key}: invalid regular expression {pattern!r}: {exc}"
        return None

    return validate


def regex_values(table: Any) -> Optional[str]:
    """A ``validate`` for a table whose values are regular expressions."""
    return regex_fields("pattern")({k: {"pattern": v} for k, v in (table or {}).items()})


@frozen(slots=True)
class Hit:
    """One place a check marks; ``args`` fill the rule's message template."""

    span: Optional[Span]
    args: Mapping[str, Any] = field(factory=dict)
    variant: str = "default"
    severity: Optional[str] = None  # overrides the rule's, e.g. "info"


@frozen(slots=True)
class Kind:
    name: str
    func: Callable
    params: Mapping[str, Param]
    doc: str = ""


KINDS: dict[str, Kind] = {}


def kind(name: str, params: Optional[Mapping[str, Param]] = None):
    """Register the decorated function as the check kind ``name``."""

    def register(func: Callable) -> Callable:
        KINDS[name] = Kind(name, func, dict(params or {}), (func.__doc__ or "").strip())
        return func

    return register


_loaded = False


def load_kinds() -> dict[str, Kind]:
    """Import built-in kind modules and plugins once; return the registry."""
    global _loaded
    if not _loaded:
        from importlib import import_module

        for module in BUILTIN_MODULES:
            import_module(module)
        _load_plugins()
        _loaded = True
    return KINDS


def _load_plugins() -> None:
    if not _plugins_may_be_declared():
        return  # importing importlib.metadata alone costs ~25 ms of every start-up
    from importlib.metadata import entry_points

    for entry in entry_points(group="perfcheck.checks"):
        entry.load()


def _plugins_may_be_declared() -> bool:
    """False only when no distribution on ``sys.path`` can declare ``perfcheck.checks`` entry points.

    Looks where ``importlib.metadata`` looks (the ``*.dist-info`` / ``*.egg-info`` folders
    of each ``sys.path`` folder) for the group's name in an ``entry_points.txt``; anything
    this does not mirror exactly (zip files, eggs, other distribution finders, unreadable
    files) answers True, so the standard API decides.
    """
    import os
    import sys
    from importlib.machinery import PathFinder

    if any(getattr(finder, "find_distributions", None) is not None and finder is not PathFinder
           for finder in sys.meta_path):
        return True
    for entry in sys.path:
        if not isinstance(entry, str) or entry.lower().endswith(".egg"):
            return True
        root = entry or "."
        try:
            names = os.listdir(root)
        except FileNotFoundError:
            continue  # nothing installed there
        except OSError:
            return True  # a zip file, or a folder we cannot list
        for name in names:
            if name.lower().endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(root, name, "entry_points.txt"), "rb") as handle:
                        if b"perfcheck.checks" in handle.read():
                            return True
                except (FileNotFoundError, NotADirectoryError):
                    continue  # no entry points (or PKG-INFO-only .egg-info file)
                except OSError:
                    return True
    return False


Params = Mapping[str, Any]
Checks = Iterable[Hit]
