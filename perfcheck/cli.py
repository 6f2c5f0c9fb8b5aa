"""The command line: a thin layer over the library API."""

from __future__ import annotations

import os
import sys
from typing import Optional

import click

from . import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "csv", "xlsx", "html")


def _fail(message: str) -> None:
    click.echo(f"perfcheck: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _load(config: Optional[str], select=(), ignore=()):
    from .ruleset import PackError, load_rules

    try:
        return load_rules(config, select=select, ignore=ignore)
    except PackError as exc:
        _fail(str(exc))


def _split(values) -> tuple[str, ...]:
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="perfcheck")
def main() -> None:
    """perfcheck：预算绩效自评报告检查工具 (checks budget performance self-evaluation reports)."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output-file", type=click.Path(dir_okay=False), help="Write the output to this file.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False),
              help="perfcheck.toml to use (default: found from each report's folder upward).")
@click.option("--select", multiple=True, help="Only these rules: ids, id prefixes or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Leave out these rules: ids, id prefixes or categories.")
@click.option("--fail-on", type=click.Choice(("error", "warning", "info")), default="warning", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means an error).")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("--lang", type=click.Choice(("zh", "en")), default="zh", show_default=True)
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (default: number of cores).")
@click.option("--max-file-size", type=float, default=None, help="Refuse files larger than this many MB.")
@click.option("--color/--no-color", default=None, help="Colour (default: only on a terminal).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or closing summary.")
def lint(paths, fmt, output_file, config, select, ignore, fail_on, exit_zero, statistics, lang, jobs,
         max_file_size, color, quiet):
    """检查报告 (.txt .md .docx .pdf，文件或文件夹)。Lint reports, files or folders."""
    from .engine import iter_files
    from .engine import lint as run_lint
    from .output import writer_class
    from .summary import Tally

    select, ignore = _split(select), _split(ignore)
    rules = _load(config, select, ignore)  # fail fast on a bad pack, before any output
    files = iter_files(paths)
    writer_cls = writer_class(fmt)
    to_file = output_file is not None
    if writer_cls.binary and not to_file:
        _fail(f"--format {fmt} writes a binary file: give -o FILE")
    stream = (open(output_file, "wb" if writer_cls.binary else "w", encoding=None if writer_cls.binary else "utf-8",
                   newline=None if writer_cls.binary else "")
              if to_file else (sys.stdout.buffer if writer_cls.binary else sys.stdout))
    use_color = color if color is not None else (fmt == "text" and not to_file and sys.stdout.isatty())
    extra = {"color": use_color} if fmt == "text" else {}
    writer = writer_cls(stream, lang=lang, rules={r.id: r for r in rules.rules}, **extra)
    tally = Tally()
    results = run_lint(files, config=config, select=select, ignore=ignore, lang=lang,
                       jobs=jobs or os.cpu_count() or 1,
                       max_bytes=int(max_file_size * 1048576) if max_file_size else None, rules=rules)
    show_progress = not quiet and sys.stderr.isatty() and len(files) > 1
    try:
        if show_progress:
            with click.progressbar(results, length=len(files), file=sys.stderr, label="检查中" if lang != "en"
                                   else "linting") as bar:
                for result in bar:
                    writer.add(result)
                    tally.add(result)
        else:
            for result in results:
                writer.add(result)
                tally.add(result)
    except Exception as exc:  # a broken pack met in a sub-folder's config
        from .ruleset import PackError

        if isinstance(exc, PackError):
            _fail(str(exc))
        raise
    writer.close()
    if to_file:
        stream.close()
    if statistics:
        titles = {r.id: r.title(lang) for r in rules.rules}
        target = sys.stdout if (fmt == "text" or to_file) else sys.stderr
        click.echo(tally.statistics(titles), file=target)
    if not quiet and (len(files) > 1 or fmt == "text"):
        target = sys.stdout if (fmt == "text" and not to_file) else sys.stderr
        if fmt != "text" and not sys.stderr.isatty():
            target = None
        if target is not None:
            click.echo(tally.summary(lang), file=target)
    if tally.unreadable or tally.by_category.get("rule-error"):
        sys.exit(EXIT_ERROR)
    if not exit_zero and tally.worst(fail_on):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def parse(path, fmt):
    """显示解析结果 (what rules see): sections, amounts, breakdowns, projects, tables, problems, measures."""
    from .dump import report_data, report_text
    from .parse import parse_document
    from .readers import InputError, read

    try:
        report = parse_document(read(path))
    except InputError as exc:
        _fail(f"{path}: {exc.message}")
    if fmt == "json":
        import json

        data = report_data(report)
        data["lines"] = [{"line": i, "text": text, "location": report.document.origin(i).label}
                         for i, text in enumerate(report.document.lines, 1)]
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        click.echo(report_text(report), nl=False)


@main.command("rules")
@click.option("--config", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(("text", "json", "markdown")), default="text", show_default=True)
@click.option("--lang", type=click.Choice(("zh", "en")), default="zh")
def list_rules(config, fmt, lang):
    """列出生效的规则及其设置来源 (active rules and where each setting came from)."""
    from .dump import to_data

    rules = _load(config or _nearest_config())
    if fmt == "markdown":
        from .reference import markdown

        click.echo(markdown(rules), nl=False)
        return
    if fmt == "json":
        import json

        data = [{"id": r.id, "kind": r.kind, "category": r.category, "severity": r.severity,
                 "summary": r.title(lang), "params": to_data(r.raw_params), "origin": dict(r.origin)}
                for r in rules.rules]
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    for r in rules.rules:
        click.echo(f"{r.id:<8} {r.severity:<8} {r.category:<18} {r.title(lang)}")
        click.echo(f"{'':8} kind={r.kind}  from {_short(r.origin.get('id', ''))}")
        changed = {k: v for k, v in r.origin.items() if v != r.origin.get("id")}
        for key, source in sorted(changed.items()):
            click.echo(f"{'':8} {key} <- {_short(source)}")


def _nearest_config() -> Optional[str]:
    from .ruleset import find_config

    found = find_config(os.getcwd())
    return str(found) if found else None


def _short(path: str) -> str:
    from .ruleset import builtin_dir

    builtin = str(builtin_dir())
    return "built-in:" + os.path.relpath(path, builtin) if path.startswith(builtin) else path


@main.command()
@click.argument("rule_id")
@click.option("--config", type=click.Path(exists=True, dir_okay=False))
@click.option("--lang", type=click.Choice(("zh", "en")), default="zh")
def explain(rule_id, config, lang):
    """解释一条规则 (explanation, params and examples of a rule)."""
    rules = _load(config or _nearest_config())
    rule = rules.get(rule_id)
    if rule is None:
        _fail(f"no rule {rule_id!r} (see `perfcheck rules`)")
    click.echo(f"{rule.id}  {rule.title(lang)}")
    click.echo(f"category={rule.category}  severity={rule.severity}  kind={rule.kind}\n")
    click.echo(rule.describe(lang).strip() + "\n")
    if rule.raw_params:
        click.echo("params:" if lang == "en" else "参数：")
        for key, value in rule.raw_params.items():
            click.echo(f"  {key} = {value!r}")
        click.echo("")
    for example in rule.examples:
        mark = ("fires" if example.fires else "does not fire") if lang == "en" else ("触发" if example.fires else "不触发")
        click.echo(f"[{mark}]\n  " + example.text.strip().replace("\n", "\n  "))


@main.command("test-rules")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--config", type=click.Path(exists=True, dir_okay=False))
@click.option("-q", "--quiet", is_flag=True, help="Only the table.")
def test_rules(folder, config, quiet):
    """用标注样本检验规则包 (run the rules on labelled reports; misses, false alarms, precision/recall)."""
    from pathlib import Path

    from .engine import Linter, Options
    from .labels import Score, load_labels, score_report

    _load(config)
    linter = Linter(Options(config=config))
    score = Score()
    labels = load_labels(Path(folder))
    if not labels:
        _fail(f"{folder}: no *.expected.toml labels")
    for report, defects in labels.items():
        result = linter.lint_file(str(report))
        score_report(report.name, defects, list(result.findings), score)
    if not quiet:
        for line in score.misses:
            click.echo(f"missed   {line}")
        for line in score.alarms:
            click.echo(f"false    {line}")
    click.echo(score.table())
    sys.exit(EXIT_FINDINGS if score.misses or score.alarms else EXIT_CLEAN)


if __name__ == "__main__":  # pragma: no cover
    main()
