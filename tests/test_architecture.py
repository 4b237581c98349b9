"""The layers hold: the core, the application layer and the CLI never load Qt; no module of
``editor`` imports itself back through others; the pinned PySide6 keeps None's refcount."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

EDITOR = Path(__file__).resolve().parents[1] / "editor"


def test_core_app_and_cli_do_not_load_pyside6() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import editor.core, editor.app\n"
        "for package in (editor.core, editor.app):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "import editor.cli\n"
        "editor.cli.build_parser()\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6'})\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def _module_name(path: Path) -> str:
    parts = path.relative_to(EDITOR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.Module, package: str) -> set[str]:
    """Every ``editor`` module imported anywhere in the module (functions included), except
    under ``if TYPE_CHECKING:``, which never runs."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {name for name in found if name == "editor" or name.startswith("editor.")}


def import_graph() -> dict[str, set[str]]:
    """Module -> the ``editor`` modules it imports."""
    files = {_module_name(path): path for path in EDITOR.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = {dep for dep in _imports(tree, package) if dep in files and dep != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules around it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return [*path[path.index(dep) :], dep]
            if dep not in state:
                cycle = walk(dep)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = walk(node)
            if cycle:
                return cycle
    return None


def test_no_import_cycle_inside_editor() -> None:
    graph = import_graph()
    assert len(graph) > 50  # the whole package was read
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_core_imports_neither_the_app_layer_nor_the_gui() -> None:
    graph = import_graph()
    for name, deps in graph.items():
        if name.startswith("editor.core"):
            assert not {d for d in deps if d.startswith(("editor.app", "editor.gui"))}, name
        if name.startswith("editor.app"):
            assert not {d for d in deps if d.startswith("editor.gui")}, name


def test_void_qt_setter_keeps_none_refcount() -> None:
    widgets = pytest.importorskip("PySide6.QtWidgets")
    app = widgets.QApplication.instance() or widgets.QApplication([])
    widget = widgets.QWidget()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        widget.resize(10, 10)
    after = sys.getrefcount(None)
    widget.deleteLater()
    assert app is not None
    # other threads may hold a few references for a moment; a broken binding loses 20,000
    assert after >= before - 100


def test_the_window_paints_before_loading_what_it_does_not_show_yet() -> None:
    """The first paint (the editor with the post's text) loads neither Chromium, nor the
    renderer (Python-Markdown, Pygments, nh3), nor the front matter parsers, nor the headless
    commands, the checks or the export planning: the stages after it do."""
    pytest.importorskip("PySide6.QtWidgets")
    code = (
        "import sys\n"
        "import editor.cli, editor.commands.window, editor.gui.app, editor.app.prerender\n"
        "import editor.gui.mainwindow, editor.gui.stagedstart, editor.core.postfile\n"
        "heavy = {'markdown', 'pymdownx', 'pygments', 'nh3', 'ruamel', 'yaml', 'frontmatter',"
        " 'tomlkit'}\n"
        "late = {'PySide6.QtWebEngineCore', 'PySide6.QtWebEngineWidgets', 'editor.core.checks',"
        " 'editor.core.export', 'editor.core.post', 'editor.app.workspace',"
        " 'editor.commands.check', 'editor.gui.preview'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in late))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def test_the_cli_knows_its_commands_without_importing_them() -> None:
    from editor import cli

    parser = cli.build_parser()
    names = next(
        set(action.choices)
        for action in parser._actions
        if isinstance(action, __import__("argparse")._SubParsersAction)
    )
    assert names == set(cli.COMMAND_NAMES)
