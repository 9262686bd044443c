"""How well kg reads text it was not written on: the study half, changed as real copies differ.

    .venv/bin/python benchmarks/perturb.py [--kind names|script|boilerplate|flattened|marks|dateline|lost|all] [--seeds N] [--shared DIR]

Each study article of ``dev_split.tsv`` (the held half stays unread) is changed in one of these
ways, its gold changed with it, built and scored with the shared scorer:

- ``names``: every name of two or three characters of its gold officials is replaced, in the text
  and the gold, by a random one: one of the hundred common surnames
  (``kg/resources/common_surnames.txt``) and one or two common given-name characters (none an
  adverb such as 正 that would make the text ambiguous). A drop is what kg's reading of names owes
  to the particular names of the articles (how the segmenter happened to cut them).
- ``script``: the Simplified articles written in Traditional script (OpenCC ``s2t``), with the
  pinyin of some characters in brackets after them, as the sites that print such copies do.
- ``boilerplate``: a site's furniture after the text: a list of three related headlines (the
  titles of other study articles), an editor's and a source's credit, share buttons.
- ``flattened``: the text's lines joined into one, as a third of the raw copies have them, with or
  without a space between, the first line (a title or a site's name) kept apart or not.
- ``marks``: the marks a scraped copy writes in ASCII: commas, colons, semicolons, brackets, ! and ?,
  or its curly double quotes as straight ones, or both (no copy of the corpus ends its sentences with
  an ASCII full stop, so 。 stays).
- ``lost``: one character in 400 lost, as a tenth of the raw copies have them (``??``, U+FFFD), never a
  character of a name of the gold (which could not name what the copy lost).
- ``dateline``: a wire or site dateline before the first paragraph (新华社兰州5月12日电（记者 张伟）,
  人民网北京5月12日电, 德州新闻网讯, 本报讯（记者 王明 通讯员 李华）): a place where the news came from,
  never the article's actor.

Each kind runs with ``--seeds`` seeds (the random names, which characters get pinyin, which
headlines); the script prints the scores of the unchanged half and of each seed (entities,
relations, Official, ``holds``, ``launches``, ``targets``) and their mean.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import opencc

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from quality import build_and_score, split  # noqa: E402

GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文辉建国志红金海林春晓斌峰鹏宇浩凯俊新德荣成云飞" \
        "永生光庆松立东利清中福宏学良安振家彬莉萍琴佳嘉元兵旭亮晨波"
#: pinyin a site prints after some characters of a Traditional copy (發(fā)展)
PINYIN = {"发": "fā", "展": "zhǎn", "当": "dāng", "担": "dān", "镇": "zhèn", "长": "zhǎng", "区": "qū", "记": "jì",
          "书": "shū", "导": "dǎo", "领": "lǐng", "组": "zǔ", "织": "zhī", "乡": "xiāng", "会": "huì", "进": "jìn"}
#: the pinyin in brackets a Traditional copy already has, taken out before the changes
_PINYIN = re.compile(r"\([a-z\u00e0-\u01dc ]+\)")
COLUMNS = ("entities*", "relations*", "Official", "holds", "launches", "targets")
ROW = re.compile(r"^(\S+)\s+\S+\s+\S+\s+(\S+)", re.M)
#: a gold file's names and triple sides, changed by a text's change
Article = tuple[str, str, list[dict]]  # name, text, gold


def surnames() -> list[str]:
    lines = (REPO / "kg" / "resources" / "common_surnames.txt").read_text(encoding="utf-8").splitlines()
    return [w for line in lines if not line.startswith("#") for w in line.split()]


def study(shared: Path) -> list[Article]:
    """The study half's articles in Simplified script without pinyin, with their gold."""
    t2s = opencc.OpenCC("t2s")
    out = []
    for doc in split()["study"]:
        src = REPO / "seeds" / f"{doc[6:]}.txt" if doc.startswith("seeds/") else shared / "corpus" / f"{doc}.txt"
        gold = [json.loads(line) for line in (shared / "gold" / f"{doc}.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
        text = _PINYIN.sub("", t2s.convert(src.read_text(encoding="utf-8")))
        out.append((doc.split("/")[-1], text, gold))
    return out


def _replaced(swap: dict[str, str]) -> Callable[[str], str]:
    order = sorted(swap, key=len, reverse=True)

    def sub(s: str) -> str:
        for k in order:
            s = s.replace(k, swap[k])
        return s
    return sub


def names(articles: list[Article], rnd: random.Random) -> list[Article]:
    sur, out = surnames(), []
    for name, text, gold in articles:
        swap: dict[str, str] = {}
        for g in gold:
            if g["kind"] == "entity" and g["class"] == "Official":
                for n in g["names"]:
                    if len(n) in (2, 3) and n in text and n not in swap:
                        swap[n] = rnd.choice(sur) + "".join(rnd.choice(GIVEN) for _ in range(len(n) - 1))
        sub = _replaced(swap)
        out.append((name, sub(text), [{k: [sub(x) for x in v] if k in ("names", "s", "o") else v for k, v in g.items()}
                                      for g in gold]))
    return out


def script(articles: list[Article], rnd: random.Random) -> list[Article]:
    s2t = opencc.OpenCC("s2t")
    out = []
    for name, text, gold in articles:
        traditional = s2t.convert(text)
        if len(traditional) == len(text):  # character for character: pinyin after some of them
            traditional = "".join(c + (f"({PINYIN[s]})" if s in PINYIN and rnd.random() < 0.5 else "")
                                  for c, s in zip(traditional, text))
        out.append((name, traditional, gold))
    return out


def boilerplate(articles: list[Article], rnd: random.Random) -> list[Article]:
    titles = {name: next(line.strip() for line in text.splitlines() if line.strip()) for name, text, _ in articles}
    out = []
    for name, text, gold in articles:
        related = rnd.sample([t for n, t in titles.items() if n != name], 3)
        furniture = "\n相关阅读：\n" + "\n".join(f"· {t}" for t in related) + "\n责任编辑：王伟\n来源：新华网\n分享到：微信 微博 QQ空间\n"
        out.append((name, f"{text}\n{furniture}", gold))
    return out


def flattened(articles: list[Article], rnd: random.Random) -> list[Article]:
    out = []
    for name, text, gold in articles:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        head, joint = rnd.choice(("\n", " ")), rnd.choice(("", " "))
        out.append((name, lines[0] + head + joint.join(lines[1:]) if lines else text, gold))
    return out


_ASCII_MARKS = str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"})
_STRAIGHT_QUOTES = str.maketrans({"“": '"', "”": '"'})


def marks(articles: list[Article], rnd: random.Random) -> list[Article]:
    out = []
    for name, text, gold in articles:
        which = rnd.choice(((_ASCII_MARKS,), (_STRAIGHT_QUOTES,), (_ASCII_MARKS, _STRAIGHT_QUOTES)))
        for table in which:
            text = text.translate(table)
        out.append((name, text, gold))
    return out


_DATELINES = ("新华社兰州5月12日电（记者 张伟）", "人民网北京5月12日电 ", "德州新闻网讯 ", "本报讯（记者 王明 通讯员 李华）")


def dateline(articles: list[Article], rnd: random.Random) -> list[Article]:
    out = []
    for name, text, gold in articles:
        lines = text.split("\n")
        first = next((i for i, line in enumerate(lines) if len(line) > 40), 0)  # the first paragraph, past its title
        lines[first] = rnd.choice(_DATELINES) + lines[first]
        out.append((name, "\n".join(lines), gold))
    return out


#: what a lost character is written as in a scraped copy: a GBK character's two bytes as ``??``, or U+FFFD
_LOST = ("??", "\ufffd")
#: one character lost in so many
_LOST_EVERY = 400


def lost(articles: list[Article], rnd: random.Random) -> list[Article]:
    t2s = opencc.OpenCC("t2s").convert
    out = []
    for name, text, gold in articles:
        plain = t2s(text)
        names = {n for g in gold for key in ("names", "s", "o") for n in g.get(key, ())}
        kept = set()  # no character of a gold name is lost: the gold could not name what the copy lost
        if len(plain) == len(text):
            for n in names:
                # a name as the text writes it, quotes and title marks between its characters or not
                for m in re.finditer("[“”《》「」‘’]?".join(map(re.escape, n)), plain):
                    kept.update(range(m.start(), m.end()))
        chars = [i for i, c in enumerate(text) if "\u4e00" <= c <= "\u9fff" and i not in kept]
        lose = sorted(rnd.sample(chars, min(len(chars), max(1, len(text) // _LOST_EVERY))), reverse=True)
        for i in lose:
            text = text[:i] + rnd.choice(_LOST) + text[i + 1:]
        out.append((name, text, gold))
    return out


KINDS = {"names": names, "script": script, "boilerplate": boilerplate, "flattened": flattened, "marks": marks,
         "dateline": dateline, "lost": lost}


def scores(articles: list[Article], shared: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, text, gold in articles:
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
            (folder / f"{name}.jsonl").write_text("".join(json.dumps({**g, "doc": name}, ensure_ascii=False) + "\n"
                                                          for g in gold), encoding="utf-8")
        report = build_and_score(sorted(folder.glob("*.txt")), sorted(folder.glob("*.jsonl")), shared, summary=False)
    return {m.group(1): float(m.group(2)) for m in ROW.finditer(report) if m.group(1) in COLUMNS}


def line(label: str, r: dict[str, float]) -> str:
    return f"{label:>14} " + " ".join(f"{r[c]:>10.3f}" for c in COLUMNS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kind", choices=(*KINDS, "all"), default="all")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    articles = study(args.shared)
    print(f"{'':>14} " + " ".join(f"{c.rstrip('*'):>10}" for c in COLUMNS))
    print(line("unchanged", scores(articles, args.shared)))
    for kind in KINDS if args.kind == "all" else (args.kind,):
        runs = [scores(KINDS[kind](articles, random.Random(seed)), args.shared) for seed in range(1, args.seeds + 1)]
        for seed, r in enumerate(runs, 1):
            print(line(f"{kind} {seed}", r))
        print(line(f"{kind} mean", {c: sum(r[c] for r in runs) / len(runs) for c in COLUMNS}))


if __name__ == "__main__":
    main()
