"""The house rules that the code's shape must keep, read from the source (AST), not from a run.

- The runtime never imports the training wing (``factdesk.lab``): only the ``train`` / ``eval``
  command modules may, and only inside their command functions (so ``factdesk check`` never loads it).
- A package's ``__init__.py`` only re-exports: it defines no function or class, and every name in
  its ``__all__`` can be imported from it.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "factdesk"
LAB = SRC / "lab"
COMMANDS = SRC / "commands"


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
    assert {"pipeline.py", "runtime.py", "cli.py", "verify/verifier.py", "claims/extractor.py", "commands/train.py"} <= names
    assert any(LAB in p.parents for p in _modules(SRC))


@pytest.mark.parametrize("path", RUNTIME_MODULES, ids=lambda p: p.relative_to(SRC).as_posix())
def test_runtime_modules_never_import_the_lab(path):
    imports = _lab_imports(path)
    if COMMANDS in path.parents:  # train / eval commands load the lab when they run, never at import
        imports = [(line, name, lazy) for line, name, lazy in imports if not lazy]
    assert imports == [], f"{path.relative_to(SRC)} imports the training wing: {imports}"


def test_the_check_detects_a_lab_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nfrom factdesk.lab.stance.train import train_stance\n"
                   "def f():\n    import factdesk.lab.eval\n")
    assert _lab_imports(bad) == [(2, "factdesk.lab.stance.train", False), (4, "factdesk.lab.eval", True)]


#: packages whose ``__init__`` is being reshaped elsewhere: each leaves this list when it only re-exports
OWNED_ELSEWHERE: set[str] = set()
PACKAGES = sorted(
    ".".join(("factdesk", *init.parent.relative_to(SRC).parts))
    for init in SRC.rglob("__init__.py") if "__pycache__" not in init.parts
)


def _init_path(package: str) -> Path:
    return SRC.joinpath(*package.split(".")[1:], "__init__.py")


def _definitions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [f"{node.name} (line {node.lineno})" for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]


def test_the_package_walk_sees_the_stages():
    assert {"factdesk", "factdesk.verify", "factdesk.claims", "factdesk.evidence", "factdesk.evidence.store",
            "factdesk.analyse", "factdesk.lab", "factdesk.lab.stance", "factdesk.commands"} <= set(PACKAGES)


@pytest.mark.parametrize("package", [p for p in PACKAGES if p not in OWNED_ELSEWHERE])
def test_init_only_re_exports(package):
    assert _definitions(_init_path(package)) == [], f"{package}/__init__.py defines logic; move it to a module"
    module = importlib.import_module(package)
    exported = getattr(module, "__all__", None)
    assert isinstance(exported, list), f"{package}/__init__.py has no __all__"
    missing = [name for name in exported if not hasattr(module, name)]
    assert missing == [], f"{package}.__all__ names what it does not import: {missing}"
    assert len(set(exported)) == len(exported)
    # a name that is also a submodule would hide it: `import factdesk.x.y as y` would give the name
    submodules = {p.stem for p in _init_path(package).parent.glob("*.py")} | {
        p.parent.name for p in _init_path(package).parent.glob("*/__init__.py")}
    shadowing = [name for name in exported if name in submodules and not inspect.ismodule(getattr(module, name))]
    assert shadowing == [], f"{package}.__all__ hides its submodules: {shadowing}"


def test_the_definition_check_sees_a_function(tmp_path):
    init = tmp_path / "__init__.py"
    init.write_text('"""Doc."""\nfrom os import path\n__all__ = ["path"]\n\n\ndef helper():\n    return 1\n')
    assert _definitions(init) == ["helper (line 6)"]


def test_the_architecture_page_names_only_modules_that_exist():
    """docs/architecture.md stays true: every source path it names exists, and every room of the
    package (each subpackage of factdesk) is named in it."""
    import re

    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"`(src/factdesk/[\w/.\-]+)`", page))
    assert len(paths) > 20
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert missing == [], f"docs/architecture.md names files that do not exist: {missing}"
    rooms = {p.parent.name for p in SRC.glob("*/__init__.py")}
    unnamed = sorted(r for r in rooms if f"src/factdesk/{r}/" not in page)
    assert unnamed == [], f"docs/architecture.md does not describe: {unnamed}"
    # the short names in each room's line exist in that room
    for room, line in re.findall(r"\*\*`src/factdesk/(\w+)/`\*\* — (.+?)(?=\n- \*\*|\n\n)", page, flags=re.S):
        for name in re.findall(r"`([a-z_]+\.py)`", line):
            assert list((SRC / room).rglob(name)), f"{room}/: {name} named in docs/architecture.md does not exist"
