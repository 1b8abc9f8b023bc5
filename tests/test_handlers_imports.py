"""The handlers' imports form a tree: no module of ``handlers`` imports another that
imports it back (not even under TYPE_CHECKING), and none imports ``bot``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

HANDLERS = Path(__file__).resolve().parent.parent / "handlers"


def imported_modules(tree: ast.AST, module: str) -> set[str]:
    """Every module an ``import`` or ``from ... import`` anywhere in ``tree`` names,
    relative imports resolved against ``module``; ``from pkg import name`` also counts
    as importing ``pkg.name`` (it may be a submodule)."""
    package = module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def handler_graph(root: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(edges between handlers modules, all imports of each handlers module)."""
    modules = {f"handlers.{p.stem}": p for p in root.glob("*.py") if p.stem != "__init__"}
    modules["handlers"] = root / "__init__.py"
    edges: dict[str, set[str]] = {}
    everything: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        module = name + ".__init__" if name == "handlers" else name
        names = imported_modules(tree, module)
        everything[name] = names
        edges[name] = {m for m in names if m in modules and m != name and m != "handlers"}
    return edges, everything


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path of module names, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_handlers_imports_have_no_cycle() -> None:
    edges, _ = handler_graph(HANDLERS)
    assert "handlers.merger" in edges and "handlers.context" in edges
    assert find_cycle(edges) is None


def test_handlers_never_import_bot() -> None:
    _, everything = handler_graph(HANDLERS)
    offenders = {
        name: sorted(m for m in names if m == "bot" or m.startswith("bot."))
        for name, names in everything.items()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


@pytest.mark.parametrize(
    ("sources", "cycle"),
    [
        ({"a": "from handlers import b\n", "b": "from handlers.a import X\n"}, True),
        (
            {
                "a": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                "    from handlers.b import Y\n",
                "b": "import handlers.a\n",
            },
            True,
        ),
        ({"a": "from . import b\n", "b": "from .c import Z\n", "c": "from .a import W\n"}, True),
        ({"a": "from handlers.b import X\n", "b": "import telegram\n"}, False),
    ],
)
def test_the_cycle_check_sees_cycles(tmp_path: Path, sources: dict[str, str], cycle: bool) -> None:
    for name, text in sources.items():
        (tmp_path / f"{name}.py").write_text(text, encoding="utf-8")
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")
    edges, _ = handler_graph(tmp_path)
    assert (find_cycle(edges) is not None) is cycle


def test_the_bot_check_sees_an_import_of_bot(tmp_path: Path) -> None:
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "a.py").write_text("def f() -> None:\n    from bot.storage import S\n")
    _, everything = handler_graph(tmp_path)
    assert "bot.storage" in everything["handlers.a"]
