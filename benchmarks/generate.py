"""Write N realistic reports for benchmarks, varied from the labelled corpus.

The corpus reports serve as structural templates only: every generated
report takes one template's outline, tables and figure sentences, then
changes what a province's real reports would differ in --

- the region and the year (and the contact person and phone number);
- every sum of money, scaled by one whole factor per report, so totals,
  breakdowns and rates stay consistent (a share of reports then gets one
  figure perturbed, as real reports do);
- the prose: figure-free sentences are redrawn from the whole corpus, some
  paragraphs are dropped, others added, and numbered lists gain or lose
  items, so section counts and lengths vary.

Generation is deterministic for a seed.  Usage::

    python benchmarks/generate.py OUT_DIR -n 1000 [--seed 1] [--length 1]
    python benchmarks/generate.py OUT_DIR --long 10   # one report 10x longer

From Python: ``generate(out_dir, n)``, ``make_report(rng)`` and
``long_report(rng, factor)`` return or write the texts.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Optional

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# A sum of money as reports write it: 1,872.96万元, 4,326,800.00元, 9.86亿元.
MONEY = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?=万元|亿元|元)")
YEAR = re.compile(r"(?<!\d)(20[0-3]\d)(?=年|〕|）)")
PHONE = re.compile(r"(?<!\d)(0\d{2,3}-)(\d{7,8})(?!\d)")
CONTACT = re.compile(r"(联系人[：:])([\u4e00-\u9fff]{2,3})")
REGION = re.compile(r"^([\u4e00-\u9fff]{2}[区县市])")
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[、.．]|（\d+）|第[一二三四五六七八九十]+部分)")
LIST_MARKERS = (
    ("paren-arabic", re.compile(r"^（(\d+)）"), "（{}）"),
    ("arabic-dot", re.compile(r"^(\d+)[.．]"), "{}．"),
    ("arabic-dun", re.compile(r"^(\d+)、"), "{}、"),
)
SENTENCE_END = re.compile(r"(?<=[。！？；])")
# sentences the generator must not spread: the corpus's own template residue
RESIDUE_HINT = re.compile(r"^（注|请删除|请填写|XX|××|【|[（(][^）)]*$")

REGION_HEADS = "青云松柏桐枫江河湖山石梅兰竹清泉安平宁远长乐永丰临海西东南北金玉龙凤华阳"
REGION_TAILS = "溪川州林岭峰源城川谷原浦港岗口坪湾塘"
SURNAMES = "王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "敏静丽强军伟芳娜秀英华慧杰涛明超平刚勇磊洋艳婷"
RESIDUE = (
    "（注：以上数据以决算报表为准，填报时请删除本注释。）",
    "XX项目资金XX万元，主要用于XX。",
    "【请填写本单位年度工作重点】",
    "××单位将进一步加强预算绩效管理。",
)


class Template:
    """One corpus report, cut into what the generator varies."""

    __slots__ = ("name", "lines", "region", "sentences")

    def __init__(self, name: str, text: str):
        self.name = name
        self.lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
        found = REGION.match(self.lines[0]) if self.lines else None
        self.region = found.group(1)[:2] if found else ""
        self.sentences = [s for line in self.lines if _is_prose(line)
                          for s in SENTENCE_END.split(line.strip())
                          if len(s) >= 8 and _no_digits(s) and not RESIDUE_HINT.search(s)]


def _no_digits(text: str) -> bool:
    return not any(ch.isdigit() for ch in text)


def _is_prose(line: str) -> bool:
    return "\t" not in line and len(line) > 20 and not HEADING.match(line)


@lru_cache(maxsize=None)
def templates(corpus: str = str(CORPUS)) -> tuple[Template, ...]:
    paths = sorted(Path(corpus).glob("*.txt"))
    if not paths:
        raise SystemExit(f"no .txt reports in {corpus}")
    return tuple(Template(p.stem, p.read_text(encoding="utf-8")) for p in paths)


@lru_cache(maxsize=None)
def _sentence_pool() -> list[str]:
    return [s for t in templates() for s in t.sentences]


@lru_cache(maxsize=None)
def _template_regions() -> re.Pattern:
    """Any template's region name, so redrawn prose is renamed too."""
    names = sorted({t.region for t in templates() if t.region}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)) or r"(?!)")


def _region(rng: random.Random) -> str:
    return rng.choice(REGION_HEADS) + rng.choice(REGION_TAILS)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


class _Scaler:
    """Scales every sum of money by one whole factor; may perturb one of them.

    ``grouped`` keeps the template's habit of thousands separators.
    """

    def __init__(self, factor: int, perturb_at: Optional[int], rng: random.Random, grouped: bool):
        self.factor = factor
        self.perturb_at = perturb_at
        self.seen = 0
        self.rng = rng
        self.grouped = grouped

    def __call__(self, match: re.Match) -> str:
        whole, fraction = match.group(1), match.group(2) or ""
        decimals = len(fraction)
        value = Decimal(whole.replace(",", "") + ("." + fraction if fraction else "")) * self.factor
        if self.seen == self.perturb_at and value:
            value += Decimal(self.rng.choice((-1, 1)) * self.rng.randint(1, 40)).scaleb(-decimals)
            value = abs(value)
        self.seen += 1
        return f"{value:,.{decimals}f}" if self.grouped else f"{value:.{decimals}f}"


def _redraw(line: str, own: list[str], pool: list[str], rng: random.Random) -> str:
    """A new paragraph of about the same length from figure-free corpus sentences."""
    target = len(line)
    out: list[str] = []
    length = 0
    while length < target * 0.8 and len(out) < 12:
        source = own if own and rng.random() < 0.6 else pool
        sentence = rng.choice(source)
        out.append(sentence)
        length += len(sentence)
    return "".join(out)


def _vary_lists(lines: list[str], pool: list[str], rng: random.Random) -> list[str]:
    """Numbered lists (（1）…, 1．…) gain an item or lose their last one."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        run_end = i
        style = next(((fmt, rx) for _, rx, fmt in LIST_MARKERS if rx.match(lines[i])), None)
        if style is not None:
            fmt, rx = style
            ordinal = int(rx.match(lines[i]).group(1))
            j = i + 1
            while j < len(lines):
                found = rx.match(lines[j])
                if not found or int(found.group(1)) != ordinal + (j - i):
                    break
                j += 1
            run_end = j
            run = lines[i:j]
            last = ordinal + len(run) - 1
            choice = rng.random()
            if len(run) >= 3 and choice < 0.15 and all(_no_digits(rx.sub("", l)) for l in run[-1:]):
                run = run[:-1]
            elif len(run) >= 2 and choice > 0.75:
                body = "".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
                run.append(fmt.format(last + 1) + body)
            out.extend(run)
            i = run_end
            continue
        out.append(lines[i])
        i += 1
    return out


def make_report(rng: random.Random, template: Optional[Template] = None, length: float = 1.0,
                defects: bool = True) -> str:
    """One new report's text; ``length`` > 1 adds prose paragraphs (roughly that factor)."""
    all_templates = templates()
    template = template or rng.choice(all_templates)
    pool = _sentence_pool()
    own = template.sentences
    regions = _template_regions()
    region_new = _region(rng)
    year_shift = rng.randint(-4, 2)
    money = [m for line in template.lines for m in MONEY.finditer(line)]
    scaler = _Scaler(rng.randint(1, 9), None, rng, grouped=any("," in m.group(1) for m in money))
    money_total = len(money)
    if defects and money_total and rng.random() < 0.3:
        scaler.perturb_at = rng.randrange(money_total)

    lines: list[str] = []
    for index, line in enumerate(template.lines):
        line = YEAR.sub(lambda m: str(int(m.group(1)) + year_shift), line)
        line = MONEY.sub(scaler, line)
        line = PHONE.sub(lambda m: m.group(1) + "".join(rng.choice("0123456789") for _ in m.group(2)), line)
        line = CONTACT.sub(lambda m: m.group(1) + _person(rng), line)
        if index > 0 and _is_prose(line) and _no_digits(line):
            roll = rng.random()
            if roll < 0.12:
                continue  # a paragraph this unit did not write
            if roll < 0.75:
                line = _redraw(line, own, pool, rng)
        lines.append(line)
        extra = length - 1.0
        while index > 0 and _is_prose(line) and (extra >= 1 or rng.random() < 0.15 + max(extra, 0)):
            lines.append(_redraw(line, own, pool, rng))
            extra -= 1
    lines = _vary_lists(lines, pool, rng)
    if defects and rng.random() < 0.15:
        lines.insert(rng.randrange(1, len(lines)), rng.choice(RESIDUE))
    return regions.sub(region_new, "\n".join(lines)) + "\n"


def long_report(rng: random.Random, factor: int, template: Optional[Template] = None) -> tuple[str, list[str]]:
    """A report ``factor`` times as long, and the ``factor`` reports it is made of.

    The long report is the pieces' bodies one after another under the first
    piece's title, so it holds ``factor`` times the headings, figures,
    breakdowns, problems and measures: whatever a check compares pairwise
    grows quadratically in it, whatever it does per item grows linearly.
    """
    template = template or rng.choice(templates())
    pieces = [make_report(random.Random(rng.random()), template) for _ in range(factor)]
    parts = [pieces[0]] + ["\n".join(p.split("\n")[1:]) for p in pieces[1:]]
    return "".join(parts), pieces


def generate(out_dir: os.PathLike, n: int, seed: int = 1, length: float = 1.0,
             gb18030_share: float = 0.05) -> list[Path]:
    """Write ``n`` reports ``r00000.txt`` … into ``out_dir``; returns their paths.

    A small share is written in GB18030, as some bureaus' files still are.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    all_templates = templates()
    paths = []
    width = max(5, len(str(n - 1)))
    for i in range(n):
        rng = random.Random(seed * 1_000_003 + i)
        text = make_report(rng, all_templates[i % len(all_templates)], length)
        encoding = "gb18030" if rng.random() < gb18030_share else "utf-8"
        path = out / f"r{i:0{width}d}.txt"
        path.write_bytes(text.encode(encoding, errors="replace"))
        paths.append(path)
    return paths


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("-n", type=int, default=1000, help="number of reports (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--length", type=float, default=1.0, help="prose length factor (default 1)")
    parser.add_argument("--long", type=int, default=0, metavar="FACTOR",
                        help="write one report FACTOR times longer (long.txt) and its pieces instead")
    args = parser.parse_args(argv)
    if args.long:
        text, pieces = long_report(random.Random(args.seed), args.long)
        out = Path(args.out_dir)
        out.mkdir(parents=True, exist_ok=True)
        (out / "long.txt").write_text(text, encoding="utf-8")
        for i, piece in enumerate(pieces):
            (out / f"piece{i:02d}.txt").write_text(piece, encoding="utf-8")
        print(f"wrote {out / 'long.txt'} ({len(text)} chars) and {len(pieces)} pieces")
        return 0
    paths = generate(args.out_dir, args.n, args.seed, args.length)
    print(f"wrote {len(paths)} reports to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
