"""A synthetic corpus for scale benchmarks: N articles recombining the sentences of seeds/.

    .venv/bin/python benchmarks/corpus.py OUT_DIR -n 1000 [--seed 7]

The seed articles are cleaned and cut into sentences; the officials and the county- and
town-level localities kg finds in them are the slots. Each generated article takes
12-30 sentences at random (in 3-6 paragraphs) and gives every slot one replacement
for the whole article: a locality of the same level from kg's gazetteer, a name of a
surname from kg/resources/surnames.txt and one or two common given-name characters.
The same N and seed give byte-identical files (OUT_DIR/000000.txt ...).

``--syndicated``: as real archives repeat news, the N articles are copies of N/22 stories
(1,000 articles from 45), each copy under another site's header and footer, and lightly
edited: its lead sentence dropped, or an editor's line added, or as it was.
"""
from __future__ import annotations

import argparse
import random
import re
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.extract import gazetteer
from kg.resources import __file__ as _resources
from kg.run.build import process
from kg.text.ingest import read_inputs

REPO = Path(__file__).resolve().parents[1]
GIVEN = "伟明华建国志强军平海东文辉林红玉英杰涛斌超波鹏宇浩俊晓丽静敏燕霞婷峰磊刚勇毅新春秋云龙飞洪亮金荣"
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?[”’）]?")


def _surnames() -> list[str]:
    lines = (Path(_resources).parent / "surnames.txt").read_text(encoding="utf-8").splitlines()
    return sorted({s for line in lines if not line.startswith("#") for s in line.split() if len(s) == 1})


def _slots() -> tuple[list[str], dict[str, str]]:
    """The seeds' sentences and their slots: surface name -> class ("Official", or a gazetteer level)."""
    articles = [a for a in read_inputs([REPO / "seeds"]) if not isinstance(a, InputError)]
    g = gazetteer.load()
    sentences, slots = [], {}
    for ex in process(articles):
        sentences += [s.strip() for s in _SENTENCE.findall(ex.clean.text) if len(s.strip()) >= 8]
        for e in ex.entities:
            if e.cls == "Official" and len(e.label) in (2, 3):
                slots[e.label] = "Official"
            elif e.cls == "Locality":
                levels = {g.units[i].level for i in g.by_name.get(e.label, ())}
                for level in levels & {gazetteer.COUNTY, gazetteer.TOWN}:
                    slots[e.label] = str(level)
    return sentences, slots


def generate(n: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """``n`` (file name, text) pairs, deterministic for ``seed``."""
    sentences, slots = _slots()
    g = gazetteer.load()
    places = {str(level): sorted({u.name for u in g.units if u.level == level and len(u.name) >= 3})
              for level in (gazetteer.COUNTY, gazetteer.TOWN)}
    surnames = _surnames()
    pattern = re.compile("|".join(map(re.escape, sorted(slots, key=len, reverse=True))))
    rng = random.Random(seed)
    for i in range(n):
        mapping = {name: (rng.choice(surnames) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2))))
                          if cls == "Official" else rng.choice(places[cls])) for name, cls in sorted(slots.items())}
        picked = [pattern.sub(lambda m: mapping[m.group()], s) for s in rng.sample(sentences, rng.randint(12, 30))]
        cuts = sorted(rng.sample(range(1, len(picked)), rng.randint(2, 5)))
        paragraphs = ["".join(picked[a:b]) for a, b in zip([0, *cuts], [*cuts, len(picked)])]
        yield f"{i:06d}.txt", "\n".join(paragraphs) + "\n"


#: what news sites put around a story they carry (a site's name and channel; a footer line)
SITES = ("新华网 > 地方频道", "人民网 > 地方领导", "中国共产党新闻网 > 党建", "今日头条", "澎湃新闻 > 政务",
         "央广网 > 地方", "中国新闻网 > 地方新闻", "光明网 > 时政", "党建网", "县融媒体中心")
FOOTERS = ("（来源：县委组织部）", "【打印本页】【关闭窗口】", "责任编辑：王明", "（原标题有删改）", "")


def syndicated(n: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """``n`` (file name, text) pairs copying ``n // 22`` stories of ``generate`` (see the module)."""
    stories = [text for _, text in generate(max(1, n // 22), seed)]
    rng = random.Random(seed + 1)
    for i in range(n):
        lines = rng.choice(stories).rstrip("\n").split("\n")
        edit = rng.random()
        if edit < 0.3:  # the lead sentence dropped
            lines[0] = lines[0].split("。", 1)[-1] or lines[0]
        elif edit < 0.6:
            lines.append(f"（编辑：{rng.choice(GIVEN)}{rng.choice(GIVEN)}）")
        yield f"{i:06d}.txt", "\n".join([rng.choice(SITES), *lines, rng.choice(FOOTERS)]) + "\n"


def write_corpus(out: Path, n: int, seed: int = 7, copies: bool = False) -> int:
    """Write the corpus into ``out`` (``copies``: the ``syndicated`` one); returns its size in characters."""
    out.mkdir(parents=True, exist_ok=True)
    chars = 0
    for name, text in (syndicated if copies else generate)(n, seed):
        (out / name).write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--syndicated", action="store_true", help="copies of N/22 stories under other sites' headers")
    args = parser.parse_args()
    chars = write_corpus(args.out, args.n, args.seed, args.syndicated)
    print(f"{args.n} articles, {chars:,} characters in {args.out}")


if __name__ == "__main__":
    main()
