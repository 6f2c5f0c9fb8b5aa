"""Rule packs: loading, validating and merging TOML, and finding a bureau's config.

A pack is a TOML file (or, for the built-in ``default``, a folder of them)
with any of these keys::

    extends = ["default", "zhuzhou-shifeng", "../house.toml"]
    disable = ["PC905", "template-residue"]     # ids, id prefixes or categories
    [[rule]]         # new rules (id, kind, category, severity, summary, message, params, examples …)
    [rules.PC101]    # override an inherited rule: severity, params, extend, message, summary …
    [per-path-ignores]
    "旧报告/*.txt" = ["PC9"]
    [settings]
    regex-timeout = 0.25       # seconds for one match of a pack regex
    max-file-size = 20         # MB

A bureau's ``perfcheck.toml`` is a pack too; when it says nothing of
``extends`` it extends ``default``.  Every error names the file and the
rule and says what is wrong (:class:`PackError`); loading never runs code
from a pack.
"""

from __future__ import annotations

import fnmatch
import os
import string
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

from attrs import evolve, field, frozen

from .model import CATEGORIES, SEVERITIES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = ("perfcheck.toml", ".perfcheck.toml")
RULE_KEYS = {
    "id", "kind", "category", "severity", "summary", "summary_en", "message", "message_en",
    "explanation", "explanation_en", "params", "variants", "examples",
}
OVERRIDE_KEYS = {
    "severity", "summary", "summary_en", "message", "message_en", "explanation",
    "explanation_en", "params", "extend", "variants", "examples",
}
PACK_KEYS = {"extends", "disable", "rule", "rules", "per-path-ignores", "settings"}
SETTING_KEYS = {"regex-timeout": (int, float), "max-file-size": (int, float)}


class PackError(Exception):
    """A rule pack that cannot be used: ``file: rule ID: what is wrong``."""

    def __init__(self, file: str, what: str, rule: str = ""):
        self.file, self.rule, self.what = file, rule, what
        where = f"{file}: rule {rule}: " if rule else f"{file}: "
        super().__init__(where + what)


@frozen(slots=True)
class Example:
    text: str
    fires: bool


@frozen(slots=True)
class Rule:
    """A configured rule: a kind with parameters, messages and metadata.

    ``origin`` says where each setting came from (field -> file), for
    ``perfcheck rules``.
    """

    id: str
    kind: str
    category: str
    severity: str
    summary: str
    message: str
    summary_en: str = ""
    message_en: str = ""
    explanation: str = ""
    explanation_en: str = ""
    params: Mapping[str, Any] = field(factory=dict, hash=False)  # converted (Decimal, SafePattern …)
    raw_params: Mapping[str, Any] = field(factory=dict, hash=False)  # as written, for display
    variants: Mapping[str, Mapping[str, str]] = field(factory=dict, hash=False)
    examples: tuple[Example, ...] = ()
    origin: Mapping[str, str] = field(factory=dict, hash=False)

    def template(self, variant: str, lang: str) -> str:
        """The message template for ``variant`` in ``lang`` (falling back to Chinese)."""
        source = self.variants.get(variant, {}) if variant != "default" else {}
        zh = source.get("message") or self.message
        if lang == "en":
            return source.get("message_en") or (self.message_en if not source else "") or zh
        return zh

    def title(self, lang: str) -> str:
        return (self.summary_en or self.summary) if lang == "en" else self.summary

    def describe(self, lang: str) -> str:
        return (self.explanation_en or self.explanation) if lang == "en" else self.explanation


@frozen(slots=True)
class RuleSet:
    """The rules in force for some reports, plus path ignores and settings."""

    rules: tuple[Rule, ...]
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    settings: Mapping[str, Any] = field(factory=dict, hash=False)
    sources: tuple[str, ...] = ()
    root: str = ""  # folder the per-path globs are relative to

    def get(self, rule_id: str) -> Optional[Rule]:
        return next((r for r in self.rules if r.id == rule_id), None)

    def select(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> "RuleSet":
        rules = tuple(r for r in self.rules
                      if (not select or any(matches(r, s) for s in select))
                      and not any(matches(r, s) for s in ignore))
        return evolve(self, rules=rules)

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Selectors ignored for ``path`` by per-path-ignores."""
        if not self.per_path_ignores:
            return ()
        try:
            rel = os.path.relpath(os.path.abspath(path), self.root or os.getcwd())
        except ValueError:
            rel = path
        rel = rel.replace(os.sep, "/")
        out: list[str] = []
        for pattern, selectors in self.per_path_ignores:
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern):
                out.extend(selectors)
        return tuple(out)


def matches(rule: Rule, selector: str) -> bool:
    """A selector names a rule id, an id prefix, a category, or ``ALL``."""
    selector = selector.strip()
    return (selector == "ALL" or rule.id == selector or rule.category == selector
            or (selector[:1].isalpha() and rule.id.startswith(selector)))


# --------------------------------------------------------------------------
# loading


def builtin_dir() -> Path:
    from importlib.resources import files

    return Path(str(files("perfcheck.rules")))


def builtin_packs() -> list[str]:
    root = builtin_dir()
    names = sorted(p.stem for p in root.glob("*.toml"))
    return ["default"] + [n for n in names if n != "default"]


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise PackError(str(path), f"cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(str(path), f"TOML syntax error: {exc}") from None
    except RecursionError:
        raise PackError(str(path), "TOML nested too deeply") from None


def _resolve(ref: str, base: Optional[Path], referrer: str) -> list[Path]:
    """The file(s) an ``extends`` entry names: a built-in pack or a path."""
    if not isinstance(ref, str) or not ref:
        raise PackError(referrer, f"extends entry {ref!r} is not a pack name or path")
    if ref == "default":
        return sorted(p for p in (builtin_dir() / "default").glob("*.toml"))
    looks_like_path = ref.endswith(".toml") or "/" in ref or os.sep in ref
    if not looks_like_path:
        candidate = builtin_dir() / f"{ref}.toml"
        if candidate.is_file():
            return [candidate]
        raise PackError(referrer, f"extends {ref!r}: no built-in pack of that name "
                                  f"(built-in: {', '.join(builtin_packs())})")
    path = (base / ref) if base and not os.path.isabs(ref) else Path(ref)
    if not path.is_file():
        raise PackError(referrer, f"extends {ref!r}: file {path} does not exist")
    return [path]


class _Builder:
    """Accumulates rules across layered packs, in order."""

    def __init__(self, kinds: Mapping[str, Any]):
        self.kinds = kinds
        self.rules: dict[str, dict] = {}  # id -> merged raw definition
        self.origin: dict[str, dict[str, str]] = {}
        self.disabled: list[tuple[str, str]] = []  # (selector, file)
        self.ignores: list[tuple[str, tuple[str, ...]]] = []
        self.settings: dict[str, Any] = {}
        self.sources: list[str] = []
        self.root = ""

    def add_pack(self, path: Path, stack: tuple[str, ...] = (), data: Optional[dict] = None,
                 implicit_default: bool = False) -> None:
        name = str(path)
        if name in stack:
            raise PackError(name, "extends itself (a cycle: " + " -> ".join(stack + (name,)) + ")")
        if name in self.sources:
            return  # reached again through another pack (a diamond): its rules are in already
        if data is None:
            data = _read_toml(path)
        unknown = set(data) - PACK_KEYS
        if unknown:
            raise PackError(name, f"unknown key(s) {', '.join(sorted(unknown))}; "
                                  f"expected {', '.join(sorted(PACK_KEYS))}")
        extends = data.get("extends", ["default"] if implicit_default else [])
        if isinstance(extends, str):
            extends = [extends]
        if not isinstance(extends, list):
            raise PackError(name, "extends must be a name or a list of names/paths")
        for ref in extends:
            for sub in _resolve(ref, path.parent, name):
                self.add_pack(sub, stack + (name,))
        self.sources.append(name)
        for raw in _as_list(data.get("rule", []), name, "rule"):
            self._add_rule(raw, name)
        overrides = data.get("rules", {})
        if not isinstance(overrides, dict):
            raise PackError(name, "[rules] must be a table of rule ids")
        for rule_id, change in overrides.items():
            self._override(rule_id, change, name)
        for selector in _as_list(data.get("disable", []), name, "disable"):
            if not isinstance(selector, str):
                raise PackError(name, f"disable entry {selector!r} is not a string")
            self.disabled.append((selector, name))
        ignores = data.get("per-path-ignores", {})
        if not isinstance(ignores, dict):
            raise PackError(name, "[per-path-ignores] must map globs to lists of rules")
        for glob, selectors in ignores.items():
            if isinstance(selectors, str):
                selectors = [selectors]
            if not isinstance(selectors, list) or not all(isinstance(s, str) for s in selectors):
                raise PackError(name, f"per-path-ignores {glob!r} must be a list of rule ids or categories")
            self.ignores.append((glob, tuple(selectors)))
            self.root = str(path.parent.resolve())
        settings = data.get("settings", {})
        for key, value in settings.items():
            if key not in SETTING_KEYS:
                raise PackError(name, f"unknown setting {key!r}; expected {', '.join(SETTING_KEYS)}")
            if isinstance(value, bool) or not isinstance(value, SETTING_KEYS[key]) or value <= 0:
                raise PackError(name, f"setting {key} must be a positive number")
            self.settings[key] = value

    def _add_rule(self, raw: Any, file: str) -> None:
        if not isinstance(raw, dict):
            raise PackError(file, "each [[rule]] must be a table")
        rule_id = raw.get("id")
        if not isinstance(rule_id, str) or not rule_id.strip():
            raise PackError(file, "a [[rule]] has no id")
        if rule_id in self.rules:
            raise PackError(file, f"duplicate id (already defined in {self.origin[rule_id]['id']})", rule_id)
        unknown = set(raw) - RULE_KEYS
        if unknown:
            raise PackError(file, f"unknown key(s) {', '.join(sorted(unknown))}", rule_id)
        for key in ("kind", "category", "severity", "summary", "message"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise PackError(file, f"missing or empty {key!r}", rule_id)
        self.rules[rule_id] = dict(raw)
        self.origin[rule_id] = {key: file for key in raw}

    def _override(self, rule_id: str, change: Any, file: str) -> None:
        if rule_id not in self.rules:
            raise PackError(file, "overrides a rule that no pack defines", rule_id)
        if not isinstance(change, dict):
            raise PackError(file, "an override must be a table", rule_id)
        unknown = set(change) - OVERRIDE_KEYS
        if unknown:
            raise PackError(file, f"unknown override key(s) {', '.join(sorted(unknown))}; "
                                  f"expected {', '.join(sorted(OVERRIDE_KEYS))}", rule_id)
        rule, origin = self.rules[rule_id], self.origin[rule_id]
        for key, value in change.items():
            if key == "params":
                if not isinstance(value, dict):
                    raise PackError(file, "params must be a table", rule_id)
                rule["params"] = {**rule.get("params", {}), **value}
                for param in value:
                    origin[f"params.{param}"] = file
            elif key == "extend":
                if not isinstance(value, dict):
                    raise PackError(file, "extend must be a table of params to add to", rule_id)
                rule["params"] = dict(rule.get("params", {}))
                for param, more in value.items():
                    rule["params"][param] = _extend(rule["params"].get(param, _UNSET), more, param,
                                                    self.kinds.get(rule["kind"]), file, rule_id)
                    origin[f"params.{param}"] = file
            else:
                rule[key] = value
                origin[key] = file

    def build(self) -> RuleSet:
        rules = []
        for rule_id, raw in self.rules.items():
            if any(_raw_matches(rule_id, raw, sel) for sel, _ in self.disabled):
                continue
            rules.append(_make_rule(raw, self.kinds, self.origin[rule_id], self.settings))
        return RuleSet(rules=tuple(rules), per_path_ignores=tuple(self.ignores),
                       settings=dict(self.settings), sources=tuple(self.sources), root=self.root)


_UNSET = object()


def _extend(current: Any, more: Any, param: str, kind: Any, file: str, rule_id: str) -> Any:
    """``current`` with ``more`` added: lists are appended, tables merged (recursively)."""
    if current is _UNSET:
        declared = kind.params.get(param) if kind else None
        if declared is None:
            raise PackError(file, f"extend: unknown param {param!r}", rule_id)
        current = declared.default
    if isinstance(current, list) and isinstance(more, list):
        return current + [m for m in more if m not in current]
    if isinstance(current, dict) and isinstance(more, dict):
        merged = dict(current)
        for key, value in more.items():
            old = merged.get(key, _UNSET)
            # inside a table, lists and tables grow; any other value is replaced
            grows = isinstance(old, (list, dict)) and type(old) is type(value)
            merged[key] = _extend(old, value, f"{param}.{key}", None, file, rule_id) if grows else value
        return merged
    raise PackError(file, f"extend: param {param!r} is not a list or table, or the added value "
                          f"is of another type", rule_id)


def _raw_matches(rule_id: str, raw: dict, selector: str) -> bool:
    return (selector in ("ALL", rule_id, raw.get("category"))
            or (selector[:1].isalpha() and rule_id.startswith(selector)))


def _as_list(value: Any, file: str, key: str) -> list:
    if isinstance(value, list):
        return value
    raise PackError(file, f"{key} must be a list")


def _check_template(template: Any, file: str, rule_id: str, key: str) -> str:
    if not isinstance(template, str):
        raise PackError(file, f"{key} must be a string", rule_id)
    try:
        fields = [name for _, name, spec, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise PackError(file, f"{key} is not a valid template ({exc})", rule_id) from None
    for name in fields:
        # a message names its arguments only: {a.b} or {a[0]} would walk into Python objects
        if not name.isidentifier():
            raise PackError(file, f"{key}: placeholder {{{name}}} must be a plain name such as {{total}}",
                            rule_id)
    return template


def _make_rule(raw: dict, kinds: Mapping[str, Any], origin: dict, settings: Mapping[str, Any]) -> Rule:
    rule_id = raw["id"]
    file = origin.get("id", "?")
    kind = kinds.get(raw["kind"])
    if kind is None:
        raise PackError(origin.get("kind", file), f"unknown kind {raw['kind']!r} "
                        f"(known: {', '.join(sorted(kinds))})", rule_id)
    if raw["category"] not in CATEGORIES:
        raise PackError(origin.get("category", file), f"unknown category {raw['category']!r} "
                        f"(one of {', '.join(CATEGORIES)})", rule_id)
    if raw["severity"] not in SEVERITIES:
        raise PackError(origin.get("severity", file), f"unknown severity {raw['severity']!r} "
                        f"(one of {', '.join(SEVERITIES)})", rule_id)
    for key in ("message", "message_en"):
        if key in raw:
            _check_template(raw[key], origin.get(key, file), rule_id, key)
    params_raw = raw.get("params", {})
    if not isinstance(params_raw, dict):
        raise PackError(origin.get("params", file), "params must be a table", rule_id)
    timeout = float(settings.get("regex-timeout", 0.25))
    params = {}
    for name, declared in kind.params.items():
        where = origin.get(f"params.{name}", origin.get("params", file))
        if name in params_raw:
            params[name] = convert_param(params_raw[name], declared.type, name, where, rule_id, timeout)
            problem = declared.validate(params[name]) if declared.validate else None
            if problem:
                raise PackError(where, f"param {name!r}: {problem}", rule_id)
        elif declared.required:
            raise PackError(where, f"missing required param {name!r}", rule_id)
        else:
            params[name] = convert_param(declared.default, declared.type, name, "(kind default)",
                                         rule_id, timeout) if declared.default is not None else None
    unknown = set(params_raw) - set(kind.params)
    if unknown:
        name = sorted(unknown)[0]
        raise PackError(origin.get(f"params.{name}", origin.get("params", file)),
                        f"unknown param(s) {', '.join(sorted(unknown))} for kind {kind.name!r} "
                        f"(known: {', '.join(sorted(kind.params)) or 'none'})", rule_id)
    variants = raw.get("variants", {})
    if not isinstance(variants, dict) or not all(isinstance(v, dict) for v in variants.values()):
        raise PackError(origin.get("variants", file), "variants must be tables of messages", rule_id)
    for vname, variant in variants.items():
        for key, value in variant.items():
            if key not in ("message", "message_en"):
                raise PackError(origin.get("variants", file), f"variant {vname!r}: unknown key {key!r}", rule_id)
            _check_template(value, origin.get("variants", file), rule_id, f"variants.{vname}.{key}")
    examples = []
    for example in raw.get("examples", []) or []:
        if not isinstance(example, dict) or not isinstance(example.get("text"), str) \
                or not isinstance(example.get("fires"), bool):
            raise PackError(origin.get("examples", file),
                            "each example needs text (string) and fires (true/false)", rule_id)
        if set(example) - {"text", "fires"}:
            raise PackError(origin.get("examples", file), "an example has unknown key(s) "
                            f"{', '.join(sorted(set(example) - {'text', 'fires'}))} (keys written after "
                            "[[rule.examples]] belong to that example)", rule_id)
        examples.append(Example(example["text"], example["fires"]))
    text_keys = ("summary_en", "message_en", "explanation", "explanation_en")
    for key in text_keys:
        if key in raw and not isinstance(raw[key], str):
            raise PackError(origin.get(key, file), f"{key} must be a string", rule_id)
    return Rule(
        id=rule_id, kind=raw["kind"], category=raw["category"], severity=raw["severity"],
        summary=raw["summary"], message=raw["message"],
        summary_en=raw.get("summary_en", ""), message_en=raw.get("message_en", ""),
        explanation=raw.get("explanation", ""), explanation_en=raw.get("explanation_en", ""),
        params=params, raw_params={k: params_raw.get(k, d.default) for k, d in kind.params.items()},
        variants=variants, examples=tuple(examples), origin=dict(origin),
    )


def convert_param(value: Any, type_: str, name: str, file: str, rule_id: str, timeout: float) -> Any:
    """A TOML value checked against a declared param type and converted."""

    def bad(expected: str) -> PackError:
        return PackError(file, f"param {name!r} must be {expected}, got {value!r}", rule_id)

    if type_ == "str":
        if not isinstance(value, str):
            raise bad("a string")
        return value
    if type_ == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad("an integer")
        return value
    if type_ == "decimal":
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise bad("a number")
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise bad("a number") from None
    if type_ == "bool":
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if type_ == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        return tuple(value)
    if type_ in ("regex", "regex-list"):
        items = [value] if type_ == "regex" else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            raise bad("a regular expression" if type_ == "regex" else "a list of regular expressions")
        from .saferegex import compile_pattern

        compiled = []
        for pattern in items:
            try:
                compiled.append(compile_pattern(pattern, timeout))
            except Exception as exc:  # regex.error, and recursion errors on absurd patterns
                raise PackError(file, f"param {name!r}: invalid regular expression {pattern!r}: {exc}",
                                rule_id) from None
        return compiled[0] if type_ == "regex" else tuple(compiled)
    if type_ == "table":
        if not isinstance(value, dict):
            raise bad("a table")
        return value
    raise PackError(file, f"param {name!r} has an unknown declared type {type_!r}", rule_id)


# --------------------------------------------------------------------------
# configuration discovery


def find_config(start: str) -> Optional[Path]:
    """The nearest perfcheck.toml (or pyproject.toml with [tool.perfcheck]) at or above ``start``."""
    folder = Path(start).resolve()
    if folder.is_file() or not folder.exists():
        folder = folder.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                with open(pyproject, "rb") as handle:
                    if "perfcheck" in tomllib.load(handle).get("tool", {}):
                        return pyproject
            except (OSError, tomllib.TOMLDecodeError, RecursionError):
                pass
    return None


def load_rules(config: Optional[str | os.PathLike] = None, packs: Iterable[str] = (),
               select: Sequence[str] = (), ignore: Sequence[str] = ()) -> RuleSet:
    """Load the rules in force.

    ``config`` is a perfcheck.toml (or pyproject.toml) path; without it only
    the built-in ``default`` pack (or the named ``packs``) is loaded.  Raises
    :class:`PackError` for any fault in a pack.
    """
    from .checks import load_kinds

    builder = _Builder(load_kinds())
    if config is not None:
        path = Path(config)
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("perfcheck", {})
        builder.add_pack(path, data=data, implicit_default=True)
        builder.root = builder.root or str(path.parent.resolve())
    else:
        for ref in (list(packs) or ["default"]):
            for sub in _resolve(ref, Path.cwd(), "<command line>"):
                builder.add_pack(sub)
    return builder.build().select(select, ignore)
