"""The tests' own layout: one folder per app or per kind of test, and one shared module.

A test module that imports another one runs that module's tests' setup at import and ties two test files
together; what tests share goes in a conftest (fixtures) or in tests/helpers.py (builders, readers and
assertions), and nowhere else.
"""

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
HELPERS = TESTS / "helpers.py"
# Besides one folder per app: the API of every app, what belongs to the project as a whole, the journeys
# across apps, the reliability checks, the browser suite (`make e2e`) and the benchmark's floors.
KINDS = {"api", "project", "journeys", "reliability", "browser", "bench"}


def python_files() -> list[Path]:
    return sorted(path for path in TESTS.rglob("*.py") if "__pycache__" not in path.parts)


def module_file(module: str) -> Path | None:
    """The file under tests/ that a dotted module name names, if it names one."""
    parts = module.split(".")
    path = ROOT.joinpath(*parts).with_suffix(".py")
    return path if parts[0] == "tests" and path.is_file() else None


def imported_files(source: str, path: Path) -> list[tuple[int, Path]]:
    """(line, file under tests/) of every module `source`, the text of `path`, imports, relative imports too."""
    package = path.relative_to(ROOT).parent.parts
    found = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            # `from tests.api import builders` imports a module by its last name.
            names = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        else:
            continue
        found += [(node.lineno, file) for file in map(module_file, names) if file is not None]
    return found


def may_be_imported(file: Path) -> bool:
    return file.name == "conftest.py" or file == HELPERS


def test_no_test_module_imports_another():
    offences = [
        f"{path.relative_to(ROOT)}:{line} imports {file.relative_to(ROOT)}"
        for path in python_files()
        for line, file in imported_files(path.read_text(), path)
        if not may_be_imported(file)
    ]

    assert offences == [], "share it through a conftest or tests/helpers.py:\n" + "\n".join(offences)


@pytest.mark.parametrize(
    "source",
    [
        "from tests.project.test_settings import read_settings",
        "import tests.project.test_settings",
        "from tests.project import test_settings",
        "from .test_settings import read_settings",
        "from . import test_settings",
        "def f():\n    from tests.project.test_settings import read_settings",
    ],
    ids=["from", "import", "from-package", "relative", "relative-package", "in-a-function"],
)
def test_the_check_sees_an_import_of_a_test_module_however_it_is_written(source):
    [(_, file)] = imported_files(source, TESTS / "project" / "test_example.py")

    assert file == TESTS / "project" / "test_settings.py"
    assert not may_be_imported(file)


def test_every_test_file_is_in_the_folder_of_an_app_or_of_a_kind_of_test():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    misplaced = [
        str(path.relative_to(ROOT))
        for path in python_files()
        if path.parent != TESTS and path.relative_to(TESTS).parts[0] not in apps | KINDS
    ]

    assert misplaced == []


def test_besides_test_modules_there_are_only_conftests_packages_and_the_helpers_module():
    """A second builders module is how three copies of `make_vendor` began."""
    others = [
        str(path.relative_to(ROOT))
        for path in python_files()
        if not path.name.startswith("test_") and path.name not in {"conftest.py", "__init__.py"} and path != HELPERS
    ]

    assert others == []
