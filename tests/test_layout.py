"""The house rules that the code's shape must keep, read from the source (AST), not from a run.

- The runtime never imports the training wing (``factdesk.lab``): only the ``train`` / ``eval``
  command modules may, and only inside their command functions (so ``factdesk check`` never loads it).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "factdesk"
LAB = SRC / "lab"
COMMANDS = SRC / "commands"
#: the stage packages' command modules, until the flat CLI takes their commands into commands/
STAGE_COMMANDS = {SRC / "claims" / "commands.py", SRC / "evidence" / "commands.py", SRC / "verify" / "commands.py",
                  SRC / "analyse" / "commands.py"}


def _modules(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return []


def _is_lab(name: str) -> bool:
    return name == "factdesk.lab" or name.startswith("factdesk.lab.")


def _lab_imports(path: Path) -> list[tuple[int, str, bool]]:
    """(line, module, inside a function) of every import of factdesk.lab in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for name in _imported(node):
            if _is_lab(name):
                found.append((node.lineno, name, in_function))
                break
        inner = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(tree, False)
    return found


RUNTIME_MODULES = [p for p in _modules(SRC) if LAB not in p.parents]


def test_the_walk_sees_the_runtime_and_the_lab():
    names = {p.relative_to(SRC).as_posix() for p in RUNTIME_MODULES}
    assert {"pipeline.py", "runtime.py", "cli.py", "verify/aggregate.py", "commands/train.py"} <= names
    assert any(LAB in p.parents for p in _modules(SRC))


@pytest.mark.parametrize("path", RUNTIME_MODULES, ids=lambda p: p.relative_to(SRC).as_posix())
def test_runtime_modules_never_import_the_lab(path):
    imports = _lab_imports(path)
    if COMMANDS in path.parents or path in STAGE_COMMANDS:  # train / eval commands load the lab when they run, never at import
        imports = [(line, name, lazy) for line, name, lazy in imports if not lazy]
    assert imports == [], f"{path.relative_to(SRC)} imports the training wing: {imports}"


def test_the_check_detects_a_lab_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nfrom factdesk.lab.stance.train import train_stance\n"
                   "def f():\n    import factdesk.lab.eval\n")
    assert _lab_imports(bad) == [(2, "factdesk.lab.stance.train", False), (4, "factdesk.lab.eval", True)]
