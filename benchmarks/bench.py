"""How fast, how lean and how robust perfcheck is, for the built-in pack.

Run from the repository root (``make bench`` does)::

    .venv/bin/python benchmarks/bench.py                 # defaults: a few minutes
    .venv/bin/python benchmarks/bench.py -n 10000 --memory-n 10000 --runs 5 --fuzz-examples 5000
    .venv/bin/python benchmarks/bench.py --only startup,scaling
    .venv/bin/python benchmarks/bench.py --profile       # where the time goes (cProfile)

It prints, each against its target (medians on this 2-core machine):

- throughput: reports/s of ``perfcheck lint --format json`` over N generated
  ``.txt`` reports, in one process (``-j 1``) and with ``-j 2``  (>= 800/s);
- stages: time per report to read, parse, check (per rule kind) and write JSON;
- memory: peak RSS of one ``-j 1`` batch of 10,000 reports, measured by a
  wrapper process with ``getrusage(RUSAGE_CHILDREN)``, and of 1,000 to show
  it is flat in N (< 300 MB);
- start-up: ``perfcheck --version`` and linting one report against
  ``python -c pass`` (<= 5x);
- scaling: 10x the reports <= 11x the time; one report 10x longer <= 12x;
- fuzz: the hypothesis tests of ``tests/test_fuzz.py`` with many more examples.

Generated reports are cached under ``$TMPDIR/perfcheck-bench`` (keyed by the
generator's source), so a second run skips generation.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import io
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Optional, Sequence

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import generate  # noqa: E402  (benchmarks/generate.py)

BIN = Path(sys.executable).parent
PERFCHECK = str(BIN / "perfcheck") if (BIN / "perfcheck").exists() else None
SECTIONS = ("throughput", "stages", "memory", "startup", "scaling", "fuzz")

TARGET_RATE = 800.0
TARGET_STARTUP_RATIO = 5.0
TARGET_MEMORY_MB = 300.0
TARGET_N_RATIO = 11.0
TARGET_LENGTH_RATIO = 12.0


# --------------------------------------------------------------------------
# helpers


def _cli(*args: str) -> list[str]:
    """The perfcheck command: the installed script, else ``python -m perfcheck``."""
    return [PERFCHECK, *args] if PERFCHECK else [sys.executable, "-m", "perfcheck", *args]


def _wall(cmd: Sequence[str], cwd: Optional[str] = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, check=False)
    return time.perf_counter() - start


def _median_wall(cmd: Sequence[str], runs: int, cwd: Optional[str] = None, warm: bool = True) -> float:
    if warm:
        _wall(cmd, cwd)  # warm the file cache and the .pyc files
    return statistics.median(_wall(cmd, cwd) for _ in range(runs))


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def _print_header(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 66 - len(title)))


def dataset(n: int, seed: int = 1, root: Optional[Path] = None) -> Path:
    """A folder of ``n`` generated reports, made once per generator version."""
    root = root or Path(tempfile.gettempdir()) / "perfcheck-bench"
    digest = hashlib.sha1(Path(generate.__file__).read_bytes())
    for template in sorted(generate.CORPUS.glob("*.txt")):  # a changed corpus makes other reports
        digest.update(f"{template.name}:{template.stat().st_size}".encode())
    key = digest.hexdigest()[:10]
    folder = root / f"n{n}-s{seed}-{key}"
    stamp = folder / ".complete"
    if not stamp.exists():
        shutil.rmtree(folder, ignore_errors=True)
        start = time.perf_counter()
        generate.generate(folder, n, seed)
        stamp.write_text("ok")
        print(f"  (generated {n} reports in {time.perf_counter() - start:.1f} s: {folder})")
    return folder


def _files(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.glob("*.txt"))


# --------------------------------------------------------------------------
# sections


def machine() -> None:
    import perfcheck

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",)
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                         text=True).stdout.strip() or "?"
    print(f"perfcheck {perfcheck.__version__} (git {rev}), Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}")
    print(f"CPU: {cpu}, {os.cpu_count()} cores; load average {', '.join(f'{x:.2f}' for x in load)}")
    rules = perfcheck.load_rules()
    kinds = sorted({r.kind for r in rules.rules})
    print(f"default pack: {len(rules.rules)} rules over {len(kinds)} kinds ({', '.join(kinds)})")


def throughput(folder: Path, runs: int) -> dict:
    files = _files(folder)
    size = sum(os.path.getsize(f) for f in files)
    seed = generate.CORPUS / "seed.txt"
    seed_size = seed.stat().st_size if seed.exists() else size / len(files)
    print(f"  {len(files)} reports, {size / len(files) / 1024:.1f} KB each on average "
          f"({size / len(files) / seed_size:.2f}x the corpus seed report)")
    out = {}
    for jobs in (1, 2):
        cmd = _cli("lint", "--format", "json", "-q", "-j", str(jobs), str(folder))
        seconds = _median_wall(cmd, runs, warm=False)  # the reports were just written: cache is warm
        rate = len(files) / seconds
        out[jobs] = rate
        target = f"target >= {TARGET_RATE:.0f}/s: {_verdict(rate >= TARGET_RATE)}" if jobs == 1 else \
            f"{rate / out[1]:.2f}x one process"
        print(f"  -j {jobs}: {seconds:.2f} s = {rate:,.0f} reports/s, {size / seconds / seed_size:,.0f} "
              f"seed-sized/s   ({target})")
    return out


def stages(folder: Path, limit: int) -> None:
    """Per-report time of each stage, in this process (the CLI does the same work)."""
    from perfcheck import load_rules
    from perfcheck.engine import run_rule, sort_key
    from perfcheck.model import FileResult
    from perfcheck.output import writer_class
    from perfcheck.parse import parse_document
    from perfcheck.readers import InputError, read

    rules = load_rules()
    files = _files(folder)[:limit]
    parse_steps = _time_parse_steps()
    writer = writer_class("json")(io.StringIO(), lang="zh", rules={r.id: r for r in rules.rules})
    spent: dict[str, float] = defaultdict(float)
    by_kind: dict[str, float] = defaultdict(float)
    findings_total = 0
    clock = time.perf_counter
    for path in files:
        t0 = clock()
        try:
            document = read(path)
        except InputError:
            spent["read"] += clock() - t0
            continue
        t1 = clock()
        PARSING[0] = True
        report = parse_document(document)
        PARSING[0] = False
        t2 = clock()
        spent["read"] += t1 - t0
        spent["parse"] += t2 - t1
        findings = []
        for rule in rules.rules:
            t = clock()
            findings.extend(run_rule(report, rule))
            by_kind[rule.kind] += clock() - t
        findings.sort(key=sort_key)
        t3 = clock()
        spent["check"] += t3 - t2
        writer.add(FileResult(path, document, tuple(findings), report.kind))
        spent["output"] += clock() - t3
        findings_total += len(findings)
    writer.close()
    n = len(files)
    total = sum(spent.values())
    print(f"  {n} reports, {findings_total / n:.1f} findings per report; ms per report:")
    for stage in ("read", "parse", "check", "output"):
        print(f"    {stage:<8} {spent[stage] * 1000 / n:7.3f}   ({spent[stage] / total:5.1%})")
        if stage == "parse":
            steps = sorted(parse_steps.items(), key=lambda kv: -kv[1])
            for name, seconds in steps:
                print(f"      {name:<36} {seconds * 1000 / n:7.3f}")
            rest = spent["parse"] - sum(parse_steps.values())
            print(f"      {'(normalising, building the Report)':<36} {rest * 1000 / n:7.3f}")
        if stage == "check":
            for kind_name, seconds in sorted(by_kind.items(), key=lambda kv: -kv[1]):
                print(f"      {kind_name:<24} {seconds * 1000 / n:7.3f}")
    print(f"    {'total':<8} {total * 1000 / n:7.3f}   = {n / total:,.0f} reports/s in-process")


PARSING = [False]


def _time_parse_steps() -> dict[str, float]:
    """Wrap the parser's steps (public functions of perfcheck.parse.*) to time each.

    Only the outermost wrapped call is timed, so a step that calls another
    module's function is not counted twice.  Returns the live totals.
    """
    import importlib
    import inspect
    import pkgutil

    import perfcheck.parse as package

    totals: dict[str, float] = defaultdict(float)
    depth = 0

    def wrap(name: str, func):
        def timed(*args, **kwargs):
            nonlocal depth
            if depth or not PARSING[0]:  # nested, or a check calling a parser helper
                return func(*args, **kwargs)
            depth += 1
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                totals[name] += time.perf_counter() - start
                depth -= 1
        return timed

    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"perfcheck.parse.{info.name}")
        for attr, value in list(vars(module).items()):
            if (not attr.startswith("_") and inspect.isfunction(value)
                    and value.__module__ == module.__name__):
                setattr(module, attr, wrap(f"{info.name}.{attr}", value))
    return totals


def _peak_rss_mb(cmd: Sequence[str]) -> float:
    """Peak RSS of ``cmd`` (and its largest descendant), via a fresh wrapper process."""
    wrapper = ("import resource, subprocess, sys\n"
               "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    result = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, check=True)
    return int(result.stdout.strip()) / 1024  # Linux reports KiB


def memory(small: Path, large: Path) -> None:
    peaks = {}
    for folder in (small, large):
        n = len(_files(folder))
        peaks[n] = _peak_rss_mb(_cli("lint", "--format", "json", "-q", "-j", "1", str(folder)))
    (n_small, p_small), (n_large, p_large) = sorted(peaks.items())
    ok = p_large < TARGET_MEMORY_MB
    flat = p_large <= p_small * 1.15 + 5
    print(f"  peak RSS, one process, JSON output: {n_small:,} reports {p_small:.0f} MB; "
          f"{n_large:,} reports {p_large:.0f} MB")
    print(f"  target < {TARGET_MEMORY_MB:.0f} MB: {_verdict(ok)};  flat in N "
          f"({p_large / p_small:.2f}x for {n_large // max(n_small, 1)}x the reports): {_verdict(flat)}")


#: a CLI start-up cut into steps, run in a fresh interpreter (prints "step ms" pairs)
_STARTUP_STEPS = """
import sys, time
clock = time.perf_counter
marks = [("", clock())]
def mark(name):
    marks.append((name, clock()))
import click; mark("click")
import perfcheck.cli; mark("perfcheck.cli")
import perfcheck.engine, perfcheck.model, perfcheck.ruleset; mark("engine, model, ruleset (attrs)")
import importlib, perfcheck.checks as checks
for module in checks.BUILTIN_MODULES:
    importlib.import_module(module)
mark("check and parse modules")
checks.load_kinds(); mark("plugin discovery")
from perfcheck.ruleset import load_rules
rules = load_rules(); mark("load the default pack")
from perfcheck.engine import Linter
linter = Linter(); linter._by_config[None] = rules
linter.lint_file(sys.argv[1]); mark("read, parse, check one report")
print(" ".join(f"{name.replace(' ', '_')}={(t - marks[i][1]) * 1000:.2f}" for i, (name, t) in enumerate(marks[1:])))
"""


def _startup_env(cache: Path) -> dict:
    """The environment of an installed perfcheck: compiled bytecode cached (pip compiles it
    at install time); here in a private folder, so nothing is written into the checkout."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def startup(sample: str, runs: int) -> None:
    cache = Path(tempfile.gettempdir()) / "perfcheck-bench" / "pycache"
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "perfcheck --version": _cli("--version"),
        "perfcheck lint one report": _cli("lint", "--format", "json", sample),
    }
    setups = [("with .pyc", _startup_env(cache))]
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        setups.append(("no .pyc (PYTHONDONTWRITEBYTECODE is set here)", dict(os.environ)))
    for label, env in setups:
        times: dict[str, list[float]] = {name: [] for name in commands}
        for name, cmd in commands.items():  # warm: fill the bytecode cache and the file cache
            _wall_env(cmd, env)
        for _ in range(runs):  # round robin, so a change of load hits every command alike
            for name, cmd in commands.items():
                times[name].append(_wall_env(cmd, env))
        median = {name: statistics.median(values) for name, values in times.items()}
        base = median["python -c pass"]
        print(f"  {label}:")
        for name, seconds in median.items():
            extra = ""
            if name == "perfcheck lint one report":
                extra = f"; target <= {TARGET_STARTUP_RATIO:.0f}x: {_verdict(seconds <= TARGET_STARTUP_RATIO * base)}"
            ratio = f"  ({seconds / base:.1f}x{extra})" if name != "python -c pass" else ""
            print(f"    {name:<26} {seconds * 1000:7.1f} ms{ratio}")
    env = _startup_env(cache)
    steps: dict[str, list[float]] = defaultdict(list)
    for _ in range(max(3, runs // 2)):
        out = subprocess.run([sys.executable, "-c", _STARTUP_STEPS, sample], capture_output=True, text=True,
                             env=env, cwd=REPO).stdout.split()
        for pair in out:
            name, _, value = pair.partition("=")
            steps[name.replace("_", " ")].append(float(value))
    if steps:
        print("  where the lint start-up goes (with .pyc, ms, medians): " + ", ".join(
            f"{name} {statistics.median(values):.0f}" for name, values in steps.items()))
    trace = subprocess.run([sys.executable, "-X", "importtime", "-m", "perfcheck", "lint", "--format", "json",
                            sample], capture_output=True, text=True, env=env, cwd=REPO).stderr
    rows = []
    for line in trace.splitlines():
        if line.startswith("import time:") and "|" in line:
            self_us, _, name = line[len("import time:"):].split("|", 2)
            if self_us.strip().isdigit():
                rows.append((int(self_us), name.strip()))
    if rows:
        rows.sort(reverse=True)
        heavy = ", ".join(f"{name} {self_us / 1000:.1f}" for self_us, name in rows[:8])
        total = sum(r[0] for r in rows) / 1000
        print(f"  -X importtime: {len(rows)} modules, {total:.0f} ms of imports; heaviest (ms, self): {heavy}")


def _wall_env(cmd: Sequence[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def _lint_seconds(paths: Sequence[str], rules, repeat: int) -> float:
    """Fastest of ``repeat`` in-process runs over ``paths`` (read, parse, check, JSON)."""
    from perfcheck.engine import Linter
    from perfcheck.output import writer_class

    best = float("inf")
    for _ in range(repeat):
        linter = Linter()
        linter._by_config[None] = rules  # the default pack, loaded once outside the clock
        writer = writer_class("json")(io.StringIO())
        gc.collect()
        start = time.process_time()
        for path in paths:
            writer.add(linter.lint_file(path))
        writer.close()
        best = min(best, time.process_time() - start)
    return best


def _check_seconds(text: str, rules, repeat: int) -> float:
    from perfcheck.engine import check
    from perfcheck.parse import parse_document
    from perfcheck.readers import read_text

    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        check(parse_document(read_text(text, "long.txt")), rules)
        best = min(best, time.process_time() - start)
    return best


def scaling(folder: Path, n: int, factor: int, repeat: int) -> None:
    """Linear cost in the number of reports and in the length of one report (CPU time, best of runs)."""
    from perfcheck import load_rules

    rules = load_rules()
    # The generator cycles through the T templates, so the first 10 x T x k
    # reports hold each template 10k times and their first tenth each k
    # times: both batches have the same mix of report shapes.
    period = 10 * len(generate.templates())
    large = _files(folder)[: max(period, n // period * period)]
    small = large[: len(large) // 10]
    t_small = _lint_seconds(small, rules, repeat)
    t_large = _lint_seconds(large, rules, repeat)
    ratio = t_large / t_small
    print(f"  {len(small)} reports {t_small:.2f} s, {len(large)} reports {t_large:.2f} s: "
          f"{ratio:.1f}x for {len(large) / len(small):.0f}x the reports "
          f"(target <= {TARGET_N_RATIO:.0f}x: {_verdict(ratio <= TARGET_N_RATIO)})")
    worst = 0.0
    for seed in range(3):
        text, pieces = generate.long_report(random.Random(seed), factor)
        t_long = _check_seconds(text, rules, repeat)
        t_piece = statistics.mean(_check_seconds(p, rules, repeat) for p in pieces)
        length = len(text) / statistics.mean(len(p) for p in pieces)
        calls = _calls(text, rules) / statistics.mean(_calls(p, rules) for p in pieces)
        worst = max(worst, t_long / t_piece)
        print(f"  report of {len(text.splitlines())} lines ({length:.1f}x a piece): {t_long * 1000:.0f} ms "
              f"against {t_piece * 1000:.1f} ms a piece = {t_long / t_piece:.1f}x (Python calls {calls:.1f}x)")
    print(f"  target for {factor}x longer <= {TARGET_LENGTH_RATIO:.0f}x: {_verdict(worst <= TARGET_LENGTH_RATIO)}")
    # line breaks lost in conversion: copies of one template, about 1 MB, on one line
    template = generate.templates()[7 % len(generate.templates())]
    copies = max(2, round(1048576 / len("\n".join(template.lines).encode("utf-8"))))
    text, pieces = generate.long_report(random.Random(7), copies, template)
    text, pieces = text.replace("\n", ""), [p.replace("\n", "") for p in pieces]
    size = len(text.encode("utf-8")) / 1048576
    t_line = _check_seconds(text, rules, 1)
    t_pieces = sum(_check_seconds(p, rules, 1) for p in pieces)
    print(f"  one line of {size:.1f} MB ({len(pieces)} reports without line breaks): {t_line:.2f} s, against "
          f"{t_pieces:.2f} s for the {len(pieces)} lines one by one = {t_line / t_pieces:.2f}x linear")


def _calls(text: str, rules) -> int:
    """Python function calls made parsing and checking ``text``: a measure free of machine load."""
    from perfcheck.engine import check
    from perfcheck.parse import parse_document
    from perfcheck.readers import read_text

    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    document = read_text(text, "r.txt")
    sys.setprofile(profile)
    try:
        check(parse_document(document), rules)
    finally:
        sys.setprofile(None)
    return count


def fuzz(examples: int) -> None:
    import importlib.util

    if not (importlib.util.find_spec("pytest") and importlib.util.find_spec("hypothesis")):
        print("  skipped: pytest and hypothesis are not installed (make test installs them)")
        return
    env = dict(os.environ, PERFCHECK_FUZZ_EXAMPLES=str(examples))
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "tests/test_fuzz.py"], cwd=REPO, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    print(f"  {examples} examples per property, {seconds:.0f} s: {summary}   "
          f"{_verdict(result.returncode == 0)}")
    if result.returncode != 0:
        print("\n".join("    " + line for line in result.stdout.splitlines()[-40:]))


def profile(folder: Path, limit: int) -> None:
    import cProfile
    import pstats

    from perfcheck import load_rules

    rules = load_rules()
    files = _files(folder)[:limit]
    profiler = cProfile.Profile()
    profiler.runcall(_lint_seconds, files, rules, 1)
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(25)


# --------------------------------------------------------------------------


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="perfcheck benchmark (see the module docstring)")
    parser.add_argument("-n", type=int, default=1000, help="reports for throughput and stages (default 1000)")
    parser.add_argument("--memory-n", type=int, default=10000, help="reports for peak memory (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per throughput median (default 3)")
    parser.add_argument("--startup-runs", type=int, default=9, help="runs per start-up median (default 9)")
    parser.add_argument("--scaling-n", type=int, default=600,
                        help="the larger batch of the N-scaling check (default 600, rounded down to a whole "
                             "number of template cycles, against its first tenth)")
    parser.add_argument("--length-factor", type=int, default=10, help="how much longer the long report is")
    parser.add_argument("--fuzz-examples", type=int, default=500, help="hypothesis examples per fuzz property")
    parser.add_argument("--only", default="", help=f"comma-separated sections: {','.join(SECTIONS)}")
    parser.add_argument("--skip", default="", help="comma-separated sections to leave out")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of linting N reports and stop")
    parser.add_argument("--data", type=Path, default=None, help="where to cache generated reports")
    args = parser.parse_args(argv)
    os.chdir(REPO)

    chosen = [s.strip() for s in args.only.split(",") if s.strip()] or list(SECTIONS)
    chosen = [s for s in chosen if s not in {x.strip() for x in args.skip.split(",")}]
    unknown = set(chosen) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")

    try:
        machine()
    except Exception as exc:  # e.g. a pack being edited right now
        print(f"cannot load the default pack: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    data = dataset(args.n, root=args.data)
    if args.profile:
        profile(data, args.n)
        return 0
    sections: dict[str, Callable[[], object]] = {
        "throughput": lambda: throughput(data, args.runs),
        "stages": lambda: stages(data, args.n),
        "memory": lambda: memory(dataset(max(1, args.memory_n // 10), root=args.data),
                                 dataset(args.memory_n, root=args.data)),
        "startup": lambda: startup(_files(data)[0], args.startup_runs),
        "scaling": lambda: scaling(data if args.scaling_n <= args.n else dataset(args.scaling_n, root=args.data),
                                   args.scaling_n, args.length_factor, 3),
        "fuzz": lambda: fuzz(args.fuzz_examples),
    }
    titles = {
        "throughput": "throughput (perfcheck lint --format json, .txt reports)",
        "stages": "time per stage (in-process)",
        "memory": "peak memory",
        "startup": "start-up (medians)",
        "scaling": "linear cost (CPU time, best of 3)",
        "fuzz": "fuzzing (tests/test_fuzz.py, long profile)",
    }
    for name in chosen:
        _print_header(titles[name])
        sections[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
