"""``kg validate``: SHACL validation of a build's graph against ``ontology/shapes.ttl``
(with ``ontology/kg.ttl`` as the ontology graph, no inference), reported per node."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import SH
from rdflib.term import Literal, Node, URIRef

from ..errors import InputError
from .query import prefixed
from .store import explain, graph_format, refuse_entities
from .vocab import ONTOLOGY_DIR

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY = ONTOLOGY_DIR / "kg.ttl"
_IRI = re.compile(r"<([^<>\s]+)>")


@dataclass(frozen=True, slots=True, order=True)
class Violation:
    focus: str  # prefixed IRI of the node
    label: str  # its rdfs:label (all of them, when it has several), or ""
    path: str  # prefixed property path, or "" for a constraint on the node itself
    value: str  # the offending value when it is not the node itself, or ""
    message: str
    severity: str  # Violation, Warning or Info
    component: str  # e.g. MaxCount


@dataclass(frozen=True, slots=True)
class ValidationReport:
    source: Path
    triples: int
    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)

    def text(self) -> str:
        """A heading line, then each node with its problems, one per line."""
        nodes = defaultdict(list)
        for v in self.violations:
            nodes[(v.focus, v.label)].append(v)
        if not self.violations:
            return f"{self.source}: conforms to {SHAPES.name} ({self.triples} triples)\n"
        verdict = "conforms, with remarks" if self.conforms else "does not conform"
        lines = [f"{self.source}: {verdict} to {SHAPES.name}: {len(self.violations)} "
                 f"result{'s' if len(self.violations) != 1 else ''} on {len(nodes)} node{'s' if len(nodes) != 1 else ''} "
                 f"({self.triples} triples)"]
        for (focus, label), found in sorted(nodes.items()):
            lines.append(f"{focus}  {label}".rstrip())
            for v in found:
                what = (v.path or "(the node)") + (f" = {v.value}" if v.value else "")
                severity = "" if v.severity == "Violation" else f"{v.severity.lower()}: "
                lines.append(f"    {severity}{what}: {v.message} [{v.component}]")
        return "\n".join(lines) + "\n"


def _read(path: Path) -> Graph:
    """The triples of a graph file (a dataset's graphs merged), parsed by pyoxigraph: no remote JSON-LD
    context is fetched and no RDF/XML entity expanded (``refuse_entities``), whoever wrote the file."""
    fmt = graph_format(path)
    refuse_entities(path, fmt)
    triples = (ox.Triple(t.subject, t.predicate, t.object) if isinstance(t, ox.Quad) else t
               for t in ox.parse(path=str(path), format=fmt))
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


def validate(target: Path) -> ValidationReport:
    """Validate a build directory's ``kg.ttl`` (or a graph file) against kg's shapes."""
    path = target / "kg.ttl" if target.is_dir() else target
    if not path.is_file():
        raise InputError(f"{target}: no such build directory or graph file" if not target.exists()
                         else f"{target}: no kg.ttl here; build one with: kg build INPUT --out {target}")
    try:
        graph = _read(path)
    except InputError:
        raise
    except Exception as exc:  # the parsers raise errors of many classes
        raise InputError(f"{path}: not a readable RDF graph: {explain(exc)}") from exc
    shapes, ontology = Graph().parse(SHAPES), Graph().parse(ONTOLOGY)
    _, results, _ = shacl_validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none")
    violations = sorted(_violation(graph, results, r) for r in results.subjects(RDF.type, SH.ValidationResult))
    return ValidationReport(path, len(graph), tuple(violations))


def _violation(graph: Graph, results: Graph, result: Node) -> Violation:
    focus = results.value(result, SH.focusNode)
    value = results.value(result, SH.value)
    path = results.value(result, SH.resultPath)
    component = str(results.value(result, SH.sourceConstraintComponent) or "")
    message = " ".join(str(m) for m in results.objects(result, SH.resultMessage))
    return Violation(
        focus=_short(focus),
        label=" / ".join(sorted(map(str, graph.objects(focus, RDFS.label)))),
        path=_short(path) if isinstance(path, URIRef) else "",
        value="" if value is None or value == focus else _short(value),
        message=_plain(message),
        severity=str(results.value(result, SH.resultSeverity) or SH.Violation).rpartition("#")[2],
        component=component.rpartition("#")[2].removesuffix("ConstraintComponent"),
    )


def _plain(message: str) -> str:
    """pySHACL's message without the node and path it repeats, with short IRIs and bare numbers."""
    message = _IRI.sub(lambda m: _short(URIRef(m.group(1))), message)
    message = re.sub(r'Literal\("([^"]*)"(?:, (?:datatype|lang)=[^)]*)?\)', r"\1", message)
    return re.sub(r" on \S+->\S+$", "", message)


def _short(node: Node | None) -> str:
    if isinstance(node, URIRef):
        return prefixed(str(node))
    if isinstance(node, Literal):
        return node.n3()
    return str(node) if node is not None else ""
