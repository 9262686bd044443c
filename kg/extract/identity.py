"""Entity identity: when two mentions, in one article or in several, are one node.

Each class has one key function; the key is hashed into the entity's IRI (``kg.rdf``), so
entities of the same key in different articles are one node of the graph. The merge policy:

- Locality: a gazetteer unit by its GB/T 2260 code (a town by its county's code and name);
  a unit named by pattern by its name and its parent (or the article's acting locality).
- Official: a name and the locality of the official's first post; a name with no locality at
  all is one person within its article only (two 王军 of two articles are not merged on a name).
- Post and Organization: a label and the locality that qualifies it; a national post (中共中央…,
  国务院…, 全国…) is one across articles; a post no locality qualifies (县委书记 said of no named
  county) is one within its article only.
- Campaign and Measure: a label and the locality that launches or issues it (each county's
  容错纠错机制 is its own), else the article.
- CadreGroup: the label alone: a category (年轻干部) is the same category in every article.

A locality that scopes a key is the key of its node where the article makes one (a gazetteer unit's
code, a unit found by pattern with its parent), else its name: the posts, organisations and officials
of two towns of one name (宋家镇 of two counties) stay apart.
"""
from __future__ import annotations

import re

# posts and organisations of the whole country: one across articles, whatever the article is about
_NATIONAL = re.compile(r"(?:中共中央|党中央|中央|国务院|全国|国家)")
NATION = "全国"


def scope(locality: str | None, article_id: str) -> str:
    """What qualifies a name: its locality, else the article it is named in."""
    return locality or f"article:{article_id}"


def official_key(name: str, locality: str | None, article_id: str) -> str:
    return f"Official|{name}|{scope(locality, article_id)}"


def post_key(label: str, locality: str | None, article_id: str) -> str:
    return f"Post|{label}|{scope(national(label) or locality, article_id)}"


def organization_key(label: str, locality: str | None, article_id: str) -> str:
    return f"Organization|{label}|{scope(national(label) or locality, article_id)}"


def initiative_key(cls: str, label: str, issuer: str | None, article_id: str) -> str:
    return f"{cls}|{label}|{scope(issuer, article_id)}"


def group_key(label: str) -> str:
    return f"CadreGroup|{label}"


def unit_key(code: str) -> str:
    """A gazetteer unit with a code (province to county)."""
    return f"Locality|{code}"


def town_key(county_code: str, name: str) -> str:
    """A gazetteer unit below a county (codes stop at county level)."""
    return f"Locality|{county_code}|{name}"


def pattern_unit_key(name: str, parent: str | None, article_id: str) -> str:
    """A unit found by name + suffix: its parent's key, else the article's."""
    return f"Locality|{name}|{scope(parent, article_id)}"


def national(label: str) -> str | None:
    """``NATION`` for a post or organisation of the whole country (中共中央总书记), else None."""
    return NATION if _NATIONAL.match(label) else None
