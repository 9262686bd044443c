"""How well the recognisers read names they were never written on: the study half with every
official's name swapped for a random one.

    .venv/bin/python benchmarks/names_swap.py [--seeds N] [--shared DIR]

For each seed, each study article of ``dev_split.tsv`` (converted to Simplified script) has each
name of two or three characters of its gold officials replaced, in its text and its gold, by a
random name: one of the hundred common surnames (``kg/resources/common_surnames.txt``) and one or
two characters of a fixed list of common given-name characters. The swapped half is built and
scored with the shared scorer; the script prints Official and ``holds`` F1 unswapped and for each
seed, and the mean. Only the study half is used: the held half stays unread. A drop from the
unswapped figure is what kg's reading of names owes to the particular names of the articles
(how the segmenter happened to cut them), not to the grammar around them.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import opencc

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from quality import split  # noqa: E402

# common given-name characters; none is an adverb (正, 在) that would make the swapped text ambiguous
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文辉建国志红金海林春晓斌峰鹏宇浩凯俊新德荣成云飞" \
        "永生光庆松立东利清中福宏学良安振家彬莉萍琴佳嘉元兵旭亮晨波"
ROW = re.compile(r"^(Official|holds)\s+\S+\s+\S+\s+(\S+)", re.M)


def surnames() -> list[str]:
    lines = (REPO / "kg" / "resources" / "common_surnames.txt").read_text(encoding="utf-8").splitlines()
    return [w for line in lines if not line.startswith("#") for w in line.split()]


def swapped(seed: int | None, shared: Path, folder: Path) -> None:
    """Write each study article and its gold into ``folder``, names swapped (none if ``seed`` is None)."""
    rnd, cc, sur = random.Random(seed), opencc.OpenCC("t2s"), surnames()
    for doc in split()["study"]:
        src = REPO / "seeds" / f"{doc[6:]}.txt" if doc.startswith("seeds/") else shared / "corpus" / f"{doc}.txt"
        text = cc.convert(src.read_text(encoding="utf-8"))
        gold = [json.loads(line) for line in (shared / "gold" / f"{doc}.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
        swap: dict[str, str] = {}
        if seed is not None:
            for g in gold:
                if g["kind"] == "entity" and g["class"] == "Official":
                    for n in g["names"]:
                        if len(n) in (2, 3) and n in text and n not in swap:
                            swap[n] = rnd.choice(sur) + "".join(rnd.choice(GIVEN) for _ in range(len(n) - 1))
        order = sorted(swap, key=len, reverse=True)

        def sub(s: str) -> str:
            for k in order:
                s = s.replace(k, swap[k])
            return s

        name = doc.split("/")[-1]
        (folder / f"{name}.txt").write_text(sub(text), encoding="utf-8")
        with open(folder / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for g in gold:
                g["doc"] = name
                for key in ("names", "s", "o"):
                    if key in g:
                        g[key] = [sub(x) for x in g[key]]
                f.write(json.dumps(g, ensure_ascii=False) + "\n")


def scores(seed: int | None, shared: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        swapped(seed, shared, folder)
        kg = Path(sys.executable).parent / "kg"
        subprocess.run([str(kg), "build", *sorted(map(str, folder.glob("*.txt"))), "--out", str(folder / "out"),
                        "--quiet", "--no-store", "--no-html"], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        report = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(folder / "out" / "kg.ttl"),
                                 *sorted(map(str, folder.glob("*.jsonl")))], check=True, capture_output=True,
                                text=True).stdout
    return {m.group(1): float(m.group(2)) for m in ROW.finditer(report)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    base = scores(None, args.shared)
    print(f"{'':>10} {'Official':>9} {'holds':>7}")
    print(f"{'unswapped':>10} {base['Official']:9.3f} {base['holds']:7.3f}")
    runs = [scores(seed, args.shared) for seed in range(1, args.seeds + 1)]
    for seed, r in enumerate(runs, 1):
        print(f"{'seed ' + str(seed):>10} {r['Official']:9.3f} {r['holds']:7.3f}")
    mean = {k: sum(r[k] for r in runs) / len(runs) for k in ("Official", "holds")}
    print(f"{'mean':>10} {mean['Official']:9.3f} {mean['holds']:7.3f}")


if __name__ == "__main__":
    main()
