"""Lexicon files (kg/resources/*.txt): each entry once, so a list never hides how it grew."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

RESOURCES = Path(__file__).resolve().parents[1] / "kg" / "resources"
# files of KEY<TAB>words rows; the others are word lists (one or more per line)
TABLES = {"dates", "generic", "groups", "initiative_types", "people", "places", "subject_cues",
          "subject_sentence_cues", "title_furniture", "verbs"}
LISTS = ["common_surnames", "not_names", "orgs", "paragraph_openers", "surnames", "titles", "transliteration"]


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


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.parametrize("name", sorted(TABLES) + LISTS)
def test_a_lexicon_as_a_trie_matches_as_its_words_longest_first(name: str) -> None:
    """The recognisers match lexicons as tries for speed; they must find what the plain
    alternation of the words, longest first, finds, on the seeds and on each word itself."""
    import re

    from kg.resources import trie
    from kg.text.script import to_simplified

    text = "".join(to_simplified(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt")))
    for key, entries in _rows(name).items():
        entries = sorted(set(entries), key=lambda w: (-len(w), w))
        plain = re.compile("|".join(map(re.escape, entries)))
        fast = re.compile(trie(entries))
        sample = text + "\n" + "\n".join(entries)
        assert [m.span() for m in fast.finditer(sample)] == [m.span() for m in plain.finditer(sample)], key


def test_a_governing_verb_is_found_whole_with_or_without_its_complement() -> None:
    """verbs.txt is data: any verb it lists (one ending in 好 or 了 too) is matched whole, with its
    complement 了 or 好 after it or not, and names its class."""
    from kg.extract.initiatives import governing_verbs

    verb_re, role = governing_verbs()
    for verb in role:
        for complement in ("", "了", "好"):
            match = verb_re.fullmatch(verb + complement)
            assert match is not None and match.group("verb") == verb, verb + complement
            assert role[match.group("verb")] in {"Campaign", "Measure"}
