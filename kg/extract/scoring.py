"""Confidences: the pair models that decide relations between two mentions, and the measured
precision of each rule that finds a fact. Both are data under ``resources/models/``, made by
``training/relations.py`` from the annotated articles; ``kg:confidence`` in the graph is one of
them, and ``kg:extractor`` names the rule.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class PairModel:
    """A logistic model over named features, and the probability from which a pair is kept."""

    weights: dict[str, float]
    bias: float
    threshold: float
    bands: tuple[tuple[float, float], ...]  # (lower bound of a probability band, its measured precision)

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-z))

    def confidence(self, probability: float) -> float:
        """How often pairs of that probability were right on the annotated articles."""
        return next(conf for lo, conf in reversed(self.bands) if probability >= lo)


@cache
def model(name: str) -> PairModel:
    """The model ``resources/models/NAME.json``."""
    data = json.loads(resources.files("kg").joinpath(f"resources/models/{name}.json").read_text(encoding="utf-8"))
    return PairModel(data["weights"], data["bias"], data["threshold"], tuple(map(tuple, data["bands"])))


@cache
def _confidences() -> dict[str, dict[str, float]]:
    return json.loads(resources.files("kg").joinpath("resources/models/confidence.json").read_text(encoding="utf-8"))


def rule_confidence(relation: str, rule: str) -> float:
    """How often a fact of ``relation`` found by ``rule`` was right on the annotated articles
    (``training/relations.py``); 0.5 for a rule never measured."""
    return _confidences().get(relation, {}).get(rule, 0.5)
