"""The package graph of docs/architecture.md, checked: imports run one way (core <- accounts <- directory <- jobs <-
insights, dashboard), nothing imports the configuration package or the demo tooling, domain code imports neither
views nor the API, and no module imports itself back through others. Function-local imports count like the rest."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Each app may import the apps of a lower layer; apps of one layer never import each other.
LAYERS = {"core": 0, "accounts": 1, "directory": 2, "jobs": 3, "insights": 4, "dashboard": 4}
# On top of every app: they wire the apps together (bpo_portal) or fill them with data (demo); no app imports them.
TOP = {"bpo_portal", "demo"}
PACKAGES = set(LAYERS) | TOP
# What a module is, by its place in its app: the API layer (app/api/), the HTML layer, or domain code (the rest).
HTML = {"views", "templatetags", "feeds", "urls", "account_urls", "sitemaps", "forms", "context_processors", "admin"}


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            relative = path.relative_to(ROOT).with_suffix("")
            if "migrations" in relative.parts:
                continue
            parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
            modules[".".join(parts)] = path
    return modules


MODULES = project_modules()


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every project module `path` imports, at module level or inside a function: (line, module)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from jobs.views import public` imports jobs.views.public when that is a module.
            names = [
                f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in MODULES else node.module
                for alias in node.names
            ]
        else:
            continue
        found += [(node.lineno, name) for name in names if name.split(".")[0] in PACKAGES]
    return found


GRAPH = {module: imports_of(path) for module, path in MODULES.items()}


def kind(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] == "api":
        return "api"
    if len(parts) > 1 and parts[1] in HTML:
        return "html"
    return "domain"


def layer_violations() -> list[str]:
    problems = []
    for module, imported in GRAPH.items():
        source = module.split(".")[0]
        for line, name in imported:
            target = name.split(".")[0]
            where = f"{module} (line {line}) imports {name}"
            if target == source:
                continue
            if target in TOP and source != "bpo_portal":
                problems.append(f"{where}: nothing below the top imports {target}")
            elif source in LAYERS and target in LAYERS and LAYERS[target] >= LAYERS[source]:
                problems.append(
                    f"{where}: {source} may import only {sorted(a for a in LAYERS if LAYERS[a] < LAYERS[source])}"
                )
    return problems


def layering_inside_apps() -> list[str]:
    rules = {
        ("domain", "html"): "domain code imports neither views nor the API",
        ("domain", "api"): "domain code imports neither views nor the API",
        ("api", "html"): "the API calls domain functions, not the HTML views",
        ("html", "api"): "the HTML views call domain functions, not the API",
    }
    problems = []
    for module, imported in GRAPH.items():
        if module.split(".")[0] in TOP:
            continue
        for line, name in imported:
            rule = rules.get((kind(module), kind(name)))
            if rule:
                problems.append(f"{module} (line {line}) imports {name}: {rule}")
    return problems


def cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    edges = {
        module: {name for _, name in imported if name in MODULES and name != module}
        for module, imported in GRAPH.items()
    }
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in edges[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def test_apps_import_only_the_layers_below_them():
    assert layer_violations() == []


def test_domain_code_imports_neither_views_nor_the_api():
    assert layering_inside_apps() == []


def test_no_module_imports_itself_back():
    assert cycles() == []


@pytest.mark.parametrize(
    ("source", "line", "expected"),
    [
        ("core/facets.py", "from jobs.models import JobPosting", "core may import only []"),
        ("directory/models.py", "from jobs.models import JobPosting", "directory may import only"),
        ("jobs/models.py", "from demo.seed import seed", "nothing below the top imports demo"),
        ("jobs/querysets.py", "from jobs.api.serializers import JobPostingSerializer", "imports neither views nor"),
    ],
)
def test_the_check_catches_a_forbidden_import(source, line, expected, monkeypatch, tmp_path):
    """The checks above would pass on anything if they could not see an import: each kind of breach is caught."""
    module = source.removesuffix(".py").replace("/", ".")
    planted = tmp_path / Path(source).name
    planted.write_text((ROOT / source).read_text() + f"\n\ndef planted():\n    {line}\n")
    monkeypatch.setitem(MODULES, module, planted)
    monkeypatch.setitem(GRAPH, module, imports_of(planted))
    problems = layer_violations() + layering_inside_apps()
    assert any(expected in problem for problem in problems), problems


def test_the_check_catches_a_cycle(monkeypatch):
    monkeypatch.setitem(GRAPH, "core.sql", [*GRAPH["core.sql"], (1, "core.facets")])
    monkeypatch.setitem(GRAPH, "core.facets", [*GRAPH["core.facets"], (1, "core.sql")])
    assert ["core.facets", "core.sql"] in cycles()
