"""kg's module import graph, read from the source with ``ast`` (imports inside functions too).

``python tests/importgraph.py`` prints it: each module and the kg modules it imports, then the
edges between sub-packages. ``tests/test_layout.py`` checks it has no cycle and keeps the layers.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

KG = Path(__file__).resolve().parents[1] / "kg"


def modules(root: Path = KG) -> dict[str, Path]:
    """Every module of the package at ``root``: dotted name -> file (a package is its ``__init__``)."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(root: Path = KG) -> dict[str, set[str]]:
    """Module -> the kg modules it imports. ``from kg.x import y`` counts as importing ``kg.x``, and
    ``kg.x.y`` too when that is a module; ``import kg.x.y`` as importing ``kg.x.y``. A module's own
    packages are left out: Python runs a package's ``__init__`` before any module in it, so that edge
    orders nothing (``from . import gazetteer`` in ``kg/extract/context.py`` is no cycle)."""
    mods = modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(_known(alias.name, mods) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[:len(package.split(".")) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                targets.add(_known(source, mods))
                targets.update(f"{source}.{alias.name}" for alias in node.names if f"{source}.{alias.name}" in mods)
        ancestors = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
        graph[name] = {t for t in targets if t and t != name and t not in ancestors}
    return graph


def _known(dotted: str, mods: dict[str, Path]) -> str:
    """The longest prefix of ``dotted`` that is a kg module, or "" (another library)."""
    parts = dotted.split(".")
    while parts and ".".join(parts) not in mods:
        parts.pop()
    return ".".join(parts)


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the graph as ``[a, b, ..., a]``, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def part(module: str) -> str:
    """The part of kg a module belongs to: its sub-package (``kg.text``), or the module itself at the top."""
    return ".".join(module.split(".")[:2])


def text(graph: dict[str, set[str]]) -> str:
    """The graph as lines: ``module -> imported, ...``, then the edges between parts of kg."""
    lines = [f"{m} -> {', '.join(sorted(graph[m])) or '-'}" for m in sorted(graph)]
    between: dict[tuple[str, str], set[str]] = {}
    for m, targets in graph.items():
        for t in targets:
            if part(m) != part(t):
                between.setdefault((part(m), part(t)), set()).add(f"{m} -> {t}")
    lines += ["", "between parts:"]
    lines += [f"{a} -> {b}  ({len(e)}: {', '.join(sorted(e))})" for (a, b), e in sorted(between.items())]
    return "\n".join(lines)


if __name__ == "__main__":
    g = imports(Path(sys.argv[1]) if sys.argv[1:] else KG)
    print(text(g))
    cycle = find_cycle(g)
    print("\ncycle: " + " -> ".join(cycle) if cycle else "\nno cycle")
