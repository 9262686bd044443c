"""Confidences: how often a fact found by each rule was right on the annotated articles.

The table is data (``resources/models/confidence.json``), measured by ``training/calibrate.py``;
``kg:confidence`` in the graph is the table's value for the fact's relation and rule, and
``kg:extractor`` names the rule.
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def _confidences() -> dict[str, dict[str, float]]:
    return json.loads(resources.files("kg").joinpath("resources/models/confidence.json").read_text(encoding="utf-8"))


def rule_confidence(relation: str, rule: str) -> float:
    """How often a fact of ``relation`` found by ``rule`` was right on the annotated articles;
    0.5 for a rule never measured."""
    return _confidences().get(relation, {}).get(rule, 0.5)
