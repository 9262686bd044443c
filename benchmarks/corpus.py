"""A synthetic corpus for scale benchmarks: N articles recombining the sentences of seeds/.

    .venv/bin/python benchmarks/corpus.py OUT_DIR -n 1000 [--seed 7]

The seed articles are cleaned and cut into sentences; the officials and the county- and
town-level localities kg finds in them are the slots. Each generated article takes
12-30 sentences at random (in 3-6 paragraphs) and gives every slot one replacement
for the whole article: a locality of the same level from kg's gazetteer, a name of a
surname from kg/resources/surnames.txt and one or two common given-name characters.
The same N and seed give byte-identical files (OUT_DIR/000000.txt ...).
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


def write_corpus(out: Path, n: int, seed: int = 7) -> int:
    """Write the corpus into ``out``; returns its size in characters."""
    out.mkdir(parents=True, exist_ok=True)
    chars = 0
    for name, text in generate(n, seed):
        (out / name).write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    chars = write_corpus(args.out, args.n, args.seed)
    print(f"{args.n} articles, {chars:,} characters in {args.out}")


if __name__ == "__main__":
    main()
