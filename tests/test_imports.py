"""No import cycles among giplint's modules — not even ones hidden behind function-local imports.

A cycle that is broken at run time by importing inside a function (or under TYPE_CHECKING) still
ties two modules together: neither can be understood, typed or moved without the other. So the
graph is built from the source, every ``import`` statement wherever it stands, and must be
acyclic. (Importing modules at run time in some order would miss exactly the hidden ones.)
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path

import giplint

PACKAGE = Path(giplint.__file__).parent

# Cycles known and being removed elsewhere (none now: the engine of issue 11 took the CLI out of
# parallel.py's imports). Delete an entry when its work lands: the test fails while an entry names
# a cycle that is gone.
KNOWN_CYCLES: set[frozenset[str]] = set()


def module_graph(package: Path) -> dict[str, set[str]]:
    """Each module of `package` (dotted names) -> the package's modules it imports anywhere.

    ``from giplint.x import y`` counts as importing ``giplint.x.y`` when that is a module, else
    ``giplint.x``; relative imports are resolved. A submodule's implicit import of its parent
    package is not an edge (every package would otherwise be a cycle with its submodules)."""
    modules: dict[str, Path] = {}
    for path in package.rglob("*.py"):
        parts = [package.name, *path.relative_to(package).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                graph[name] |= {alias.name for alias in node.names if alias.name in modules}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    target = f"{base}.{alias.name}"
                    if target in modules:
                        graph[name].add(target)
                    elif base in modules:
                        graph[name].add(base)
        graph[name].discard(name)
    return graph


def cycles(graph: Mapping[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def test_giplint_has_no_import_cycles() -> None:
    graph = module_graph(PACKAGE)
    assert "giplint.contract" in graph and "giplint.span" in graph  # the graph sees the package
    found = set(cycles(graph))
    unexpected = [sorted(c) for c in found - KNOWN_CYCLES]
    assert not unexpected, f"import cycles (function-local and TYPE_CHECKING imports count): {unexpected}"
    assert not KNOWN_CYCLES - found, (
        f"these cycles are gone: delete them from KNOWN_CYCLES: {KNOWN_CYCLES - found}"
    )


def test_the_primitives_and_the_contract_sit_below_what_uses_them() -> None:
    """span.py imports nothing of giplint; contract.py never imports the config loader or a check."""
    graph = module_graph(PACKAGE)
    assert graph["giplint.span"] == set()
    assert not {m for m in graph["giplint.contract"] if m.startswith(("giplint.config", "giplint.checks"))}
    assert "giplint.model" not in graph["giplint.source"]
    assert "giplint.config" not in graph["giplint.checks"]


def test_a_cycle_behind_function_local_and_type_checking_imports_is_found(tmp_path: Path) -> None:
    """The finder is not blind to the hidden kinds: a package whose two modules import each other
    only inside a function and under TYPE_CHECKING has a cycle; a one-way package has none."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from pkg.b import g\n    return g\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\ndef g(): ...\n"
    )
    (package / "c.py").write_text("from pkg import b\n")
    assert cycles(module_graph(package)) == [frozenset({"pkg.a", "pkg.b"})]
    (package / "b.py").write_text("def g(): ...\n")
    assert cycles(module_graph(package)) == []


def test_plugins_written_against_the_old_paths_keep_working() -> None:
    """`Rule` once lived in the config loader, `CheckKind` in checks/, `Span` in the model and
    `Origin` in the source layer: third-party plugins import them from there."""
    from giplint import checks, config, contract, model, source, span

    assert config.Rule is contract.Rule and checks.CheckKind is contract.CheckKind
    assert config.CheckKind is contract.CheckKind
    assert model.Span is span.Span and source.Origin is span.Origin
