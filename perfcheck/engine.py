"""Running rules: one report (:func:`check`) or many files (:func:`lint`)."""

from __future__ import annotations

import os
from typing import Iterable, Iterator, Optional, Sequence

from attrs import frozen

from .model import INPUT_ERROR, FileResult, Finding, Report, Span
from .ruleset import Rule, RuleSet, load_rules, find_config

RULE_ERROR = "rule-error"
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class _SafeArgs(dict):
    """Message arguments; a placeholder the check did not fill shows as ``{name}``."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_message(rule: Rule, variant: str, args, lang: str) -> str:
    template = rule.template(variant, lang)
    try:
        return template.format_map(_SafeArgs(args))
    except (ValueError, IndexError, AttributeError, KeyError):
        return template


def _location(report: Report, span: Optional[Span]) -> str:
    return report.document.origin(span.line).label if span else ""


def _excerpt(report: Report, span: Optional[Span]) -> str:
    if span is None:
        return ""
    line = report.line_text(span.line)
    end = span.end if span.end_line is None else len(line)
    return line[span.start:end] if 0 <= span.start < end <= len(line) else line.strip()[:60]


def run_rule(report: Report, rule: Rule, lang: str = "zh") -> list[Finding]:
    """Findings of one rule on one report; a crash or a regex time-out becomes a rule error."""
    from .checks import KINDS

    kind = KINDS[rule.kind]
    findings = []
    try:
        for hit in kind.func(report, rule.params):
            findings.append(Finding(
                path=report.path, rule=rule.id, category=rule.category,
                severity=hit.severity or rule.severity,
                message=render_message(rule, hit.variant, hit.args, lang),
                span=hit.span, excerpt=_excerpt(report, hit.span),
                location=_location(report, hit.span),
                evidence={k: str(v) for k, v in hit.args.items()},
            ))
    except TimeoutError:
        return [_rule_error(report, rule, "正则表达式匹配超时，已停止该规则",
                            "a regular expression timed out; the rule was stopped", lang)]
    except Exception as exc:  # a faulty plugin must not lose the batch
        return [_rule_error(report, rule, f"规则运行出错：{type(exc).__name__}: {exc}",
                            f"the rule failed: {type(exc).__name__}: {exc}", lang)]
    return findings


def _rule_error(report: Report, rule: Rule, zh: str, en: str, lang: str) -> Finding:
    text = en if lang == "en" else zh
    return Finding(path=report.path, rule=rule.id, category=RULE_ERROR, severity="error",
                   message=f"{rule.id}: {text}")


def sort_key(finding: Finding):
    span = finding.span
    return (span.line if span else 0, span.start if span else 0,
            _SEVERITY_ORDER.get(finding.severity, 3), finding.rule)


def check(report: Report, rules: Optional[RuleSet] = None, lang: str = "zh") -> list[Finding]:
    """Run ``rules`` (default: the built-in pack) on a parsed report."""
    if rules is None:
        rules = load_rules()
    ignored = rules.ignored_for(report.path)
    if ignored:
        rules = rules.select(ignore=ignored)
    findings: list[Finding] = []
    for rule in rules.rules:
        findings.extend(run_rule(report, rule, lang))
    findings.sort(key=sort_key)
    return findings


def input_error(path: str, message: str) -> Finding:
    return Finding(path=path, rule=INPUT_ERROR, category=INPUT_ERROR, severity="error", message=message)


# --------------------------------------------------------------------------
# many files


#: names a folder walk passes over: hidden files, Word lock files, a folder's own notes
_NOT_REPORTS = (".", "~$", "README", "readme", "CHANGELOG", "LICENSE")


def iter_files(paths: Iterable[str]) -> list[str]:
    """Report files under ``paths`` (folders recursively), sorted, without duplicates.

    A file named explicitly is kept whatever its suffix (an unsupported one
    becomes an input error); in folders only supported suffixes are taken,
    and a folder's README/LICENSE/CHANGELOG notes are not taken for reports.
    """
    from .readers import supported

    found: dict[str, None] = {}
    for path in paths:
        path = os.fspath(path)
        if os.path.isdir(path):
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if supported(name) and not name.startswith(_NOT_REPORTS):
                        found[os.path.join(folder, name)] = None
        else:
            found[path] = None
    return sorted(found)


@frozen(slots=True)
class Options:
    """What the caller chose; picklable, so worker processes can rebuild a Linter."""

    config: Optional[str] = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str = "zh"
    max_bytes: Optional[int] = None


class Linter:
    """Lints files one by one, loading each folder's configuration once."""

    def __init__(self, options: Options = Options()):
        self.options = options
        self._by_config: dict[Optional[str], RuleSet] = {}
        # folder -> its config: looking upward costs 0.1-0.2 ms a file, a tenth of linting it
        self._config_of_folder: dict[str, Optional[str]] = {}

    def rules_for(self, path: str) -> RuleSet:
        config = self.options.config
        if config is None:
            folder = os.path.dirname(os.path.abspath(path))
            if folder not in self._config_of_folder:
                found = find_config(folder)
                self._config_of_folder[folder] = str(found) if found else None
            config = self._config_of_folder[folder]
        if config not in self._by_config:
            self._by_config[config] = load_rules(config, select=self.options.select,
                                                 ignore=self.options.ignore)
        return self._by_config[config]

    def lint_file(self, path: str) -> FileResult:
        from .parse import parse_document
        from .readers import DEFAULT_MAX_BYTES, InputError, read

        rules = self.rules_for(path)
        limit = self.options.max_bytes or int(rules.settings.get("max-file-size", 0) * 1048576) \
            or DEFAULT_MAX_BYTES
        try:
            document = read(path, max_bytes=limit)
        except InputError as exc:
            message = exc.message_en if self.options.lang == "en" else exc.message
            return FileResult(path, None, (input_error(path, message),))
        try:
            report = parse_document(document)
        except Exception as exc:  # the parser must never lose a batch
            text = (f"parser failed: {type(exc).__name__}: {exc}" if self.options.lang == "en"
                    else f"解析失败：{type(exc).__name__}: {exc}")
            return FileResult(path, document, (input_error(path, text),))
        return FileResult(path, document, tuple(check(report, rules, self.options.lang)), report.kind)


_worker: Optional[Linter] = None


def _init_worker(options: Options) -> None:
    global _worker
    _worker = Linter(options)


def _lint_in_worker(paths: list[str]) -> list[FileResult]:
    assert _worker is not None
    return [_worker.lint_file(path) for path in paths]


def _worker_died(path: str, lang: str) -> FileResult:
    text = ("the checking process died while reading this file (a crash or memory exhausted)"
            if lang == "en" else "检查该文件时检查进程异常退出（程序崩溃或内存耗尽），已跳过")
    return FileResult(path, None, (input_error(path, text),))


def _lint_in_processes(files: list[str], options: Options, jobs: int) -> Iterator[FileResult]:
    """Lint ``files`` in ``jobs`` worker processes, yielding results in file order.

    A bounded window of chunks is in flight, so memory stays flat.  A worker
    that dies (a crashing extension, the OOM killer) breaks the pool; then
    the chunk at the head is linted again file by file, each in a pool of
    its own, the file that kills its worker becomes an input error, and the
    rest of the batch goes on in a fresh pool.
    """
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")

    def new_pool(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(options,))

    size = max(1, min(64, len(files) // (jobs * 8)))
    pending = deque(files[i:i + size] for i in range(0, len(files), size))
    in_flight: deque = deque()
    pool = new_pool(jobs)
    try:
        while pending or in_flight:
            try:
                while pending and len(in_flight) < jobs * 4:
                    in_flight.append((pending[0], pool.submit(_lint_in_worker, pending[0])))
                    pending.popleft()
                results = in_flight[0][1].result() if in_flight else []
            except BrokenProcessPool:
                # a worker died (maybe while the caller was busy with a result): the pool is gone
                pool.shutdown(wait=True, cancel_futures=True)
                suspects = in_flight.popleft()[0] if in_flight else []
                pending.extendleft(reversed([c for c, _ in in_flight]))
                in_flight.clear()
                for path in suspects:
                    yield from _lint_alone(path, new_pool, options.lang)
                pool = new_pool(jobs)
                continue
            in_flight.popleft()
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _lint_alone(path: str, new_pool, lang: str) -> Iterator[FileResult]:
    """One file in a pool of its own: its results, or an input error if it kills the worker."""
    from concurrent.futures.process import BrokenProcessPool

    alone = new_pool(1)
    try:
        results = alone.submit(_lint_in_worker, [path]).result()
    except BrokenProcessPool:
        results = [_worker_died(path, lang)]
    finally:
        alone.shutdown(wait=True)
    yield from results


def lint(paths: Sequence[str], config: Optional[str] = None, select: Sequence[str] = (),
         ignore: Sequence[str] = (), lang: str = "zh", jobs: int = 1,
         max_bytes: Optional[int] = None, rules: Optional[RuleSet] = None) -> Iterator[FileResult]:
    """Lint files and folders; yields one FileResult per file, in path order.

    With ``jobs`` > 1 files are linted in worker processes; results still
    come in path order, and one at a time, so memory stays flat.  ``rules``
    are the rules the caller already loaded for ``config``, ``select`` and
    ``ignore`` (the CLI does, to fail fast), so they are not loaded again.
    """
    options = Options(config=os.fspath(config) if config else None, select=tuple(select),
                      ignore=tuple(ignore), lang=lang, max_bytes=max_bytes)
    files = iter_files(paths)
    if rules is None and (config is not None or not files):
        Linter(options).rules_for(files[0] if files else ".")  # fail fast on a bad pack
    jobs = max(1, min(jobs, len(files) // 8 or 1))
    if jobs == 1:
        linter = Linter(options)
        if rules is not None:
            linter._by_config[options.config] = rules
        for path in files:
            yield linter.lint_file(path)
        return
    yield from _lint_in_processes(files, options, jobs)


def example_failures(rule: Rule) -> list[str]:
    """How the rule's declared examples misbehave ([] when all behave as declared)."""
    from .parse import parse_document
    from .readers import read_text

    failures = []
    if not any(e.fires for e in rule.examples) or not any(not e.fires for e in rule.examples):
        failures.append(f"{rule.id}: needs at least one example that fires and one that does not")
    for example in rule.examples:
        findings = run_rule(parse_document(read_text(example.text, "<example>")), rule)
        errors = [f for f in findings if f.category == RULE_ERROR]
        if errors:
            failures.append(f"{rule.id}: example raised: {errors[0].message}")
        elif bool(findings) != example.fires:
            state = "fires" if findings else "does not fire"
            failures.append(f"{rule.id}: example {'should fire' if example.fires else 'should not fire'} "
                            f"but {state}: {example.text[:80]!r}")
    return failures
