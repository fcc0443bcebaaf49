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


# The folders show the layers (issue 15.8): see giplint/engine/__init__.py for the list.
_COMMANDS = {"giplint.cli", "giplint.__main__", "giplint.years.compare"}
_UPPER = ("giplint.engine", "giplint.output")


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def layer_violations(graph: Mapping[str, set[str]]) -> list[str]:
    """Imports against the layers: the report layer and lint.py import neither engine/, output/
    nor a command; engine/ imports neither output/ nor a command; output/ imports no command but
    the types of the comparison it lays out (compare_html.py renders years/compare.py's)."""
    wrong: list[str] = []
    for module, imported in sorted(graph.items()):
        if module in _COMMANDS or _inside(module, "giplint.commands"):
            continue
        commands = _COMMANDS
        if _inside(module, "giplint.output"):
            banned: tuple[str, ...] = ()
            commands = _COMMANDS - {"giplint.years.compare"}
        elif _inside(module, "giplint.engine"):
            banned = ("giplint.output",)
        else:
            banned = _UPPER
        wrong += [
            f"{module} -> {target}"
            for target in sorted(imported)
            if target in commands or _inside(target, "giplint.commands") or any(_inside(target, b) for b in banned)
        ]
    return wrong


def test_the_folders_are_layers() -> None:
    graph = module_graph(PACKAGE)
    assert {"giplint.engine.run", "giplint.output.render", "giplint.years.organ"} <= set(graph)
    assert layer_violations(graph) == []


def test_an_import_against_the_layers_is_found(tmp_path: Path) -> None:
    """The layer test is not blind: a lint.py that imports the renderer, an engine module that
    imports a command, are both named."""
    package = tmp_path / "giplint"
    for folder in ("engine", "output", "years"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "output" / "render.py").write_text("")
    (package / "years" / "compare.py").write_text("")
    (package / "lint.py").write_text("def f():\n    from giplint.output.render import x\n")
    (package / "engine" / "run.py").write_text("from giplint.years import compare\n")
    assert layer_violations(module_graph(package)) == [
        "giplint.engine.run -> giplint.years.compare",
        "giplint.lint -> giplint.output.render",
    ]


def test_the_old_flat_paths_name_the_moved_modules() -> None:
    """A plugin's ``import giplint.run`` (or ``from giplint import render``) gets the very module
    of the new home, so monkeypatching either name patches both; no file is left at the old path
    (the alias in giplint/_aliases.py answers), and the module keeps its own name and spec."""
    import importlib

    from giplint._aliases import MOVED

    assert len(MOVED) == 17
    for old, new in MOVED.items():
        assert not (PACKAGE.parent / (old.replace(".", "/") + ".py")).exists(), old
        moved = importlib.import_module(new)
        assert importlib.import_module(old) is moved, old
        assert moved.__name__ == new and moved.__spec__ is not None and moved.__spec__.name == new
    plugin: dict[str, object] = {}  # a plugin's own spelling (exec: the project itself never writes it)
    exec("from giplint import glued, render\nfrom giplint.run import Target", plugin)  # noqa: S102 (a constant)
    assert plugin["render"] is importlib.import_module("giplint.output.render")
    assert plugin["glued"] is importlib.import_module("giplint.parse.tables.glued")
    assert plugin["Target"] is importlib.import_module("giplint.engine.run").Target


def test_nothing_in_the_project_uses_the_old_flat_paths() -> None:
    """The old paths are for plugins; giplint, its tests and bench import the new homes (an old
    path would hide a layer: ``from giplint import run`` reads as if run.py sat beside lint.py)."""
    from giplint._aliases import MOVED

    old_names = {old.rpartition(".")[2] for old in MOVED}
    found = []
    for folder in (PACKAGE, PACKAGE.parent / "tests", PACKAGE.parent / "bench"):
        for path in sorted(folder.rglob("*.py")):
            if ".venv" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module == "giplint" and not node.level:
                    names = [f"giplint.{a.name}" for a in node.names if a.name in old_names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names = [node.module]
                else:
                    continue
                found += [f"{path.name}:{node.lineno} {n}" for n in names if n in MOVED]
    assert found == []


def test_importing_giplint_imports_none_of_the_moved_modules() -> None:
    """The alias costs nothing until an old name is asked for: it imports no target eagerly."""
    import subprocess
    import sys

    code = (
        "import sys, giplint; from giplint._aliases import MOVED; "
        "print(sorted(m for m in [*MOVED, *MOVED.values()] if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# A module that grows past this has taken on several jobs: split it along its seams (issue 15).
MODULE_LINES = 500


def test_no_module_of_the_package_is_over_500_lines() -> None:
    """cli.py reached 773 lines, readers/html.py 675, config.py 665 before they were split; this
    keeps the next one from growing unnoticed."""
    sizes = {
        str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert len(sizes) > 80  # the whole package was walked
    assert {name: lines for name, lines in sizes.items() if lines > MODULE_LINES} == {}
