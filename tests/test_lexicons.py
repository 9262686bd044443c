"""Lexicon files (kg/resources/*.txt): each entry once, so a list never hides how it grew."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

RESOURCES = Path(__file__).resolve().parents[1] / "kg" / "resources"
# files of KEY<TAB>words rows; the others are word lists (one or more per line)
TABLES = {"dates", "generic", "groups", "initiative_types", "people", "places", "title_furniture", "verbs"}
LISTS = ["common_surnames", "not_names", "orgs", "surnames", "titles"]


def _rows(name: str) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for line in (RESOURCES / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, words = line.split("\t", 1) if name in TABLES else ("", line)
        rows.setdefault(key, []).extend(words.split())
    return rows


@pytest.mark.parametrize("name", sorted(TABLES) + LISTS)
def test_no_entry_twice(name: str) -> None:
    for key, words in _rows(name).items():
        twice = sorted(w for w, n in Counter(words).items() if n > 1)
        assert not twice, f"{name}.txt {key or ''}: listed twice: {' '.join(twice)}"


def test_every_lexicon_is_checked() -> None:
    assert {p.stem for p in RESOURCES.glob("*.txt")} - {"boilerplate"} == TABLES | set(LISTS)
