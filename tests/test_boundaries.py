"""The apps' boundaries (shared/DESIGN.md, "How the apps depend on each other"), read from
every import statement of the apps' modules (nested imports included, migrations and tests
left out):

- ``cityplan/`` is the composition root: no app imports it;
- ``core/`` imports no other app;
- ``documents/`` and ``feedback/`` are foundations: they import no page app;
- ``follows/`` reads the sections (like ``home/``); no page app nor foundation imports it;
- ``mydata/`` (a resident's own data) reads feedback, follows and home; no app imports it;
- the sections (``plans/``, ``news/``, ``workinggroups/``) import neither each other nor
  ``home/``;
- no module imports, directly or through others, a module that imports it.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = {
    "approvals", "cityplan", "core", "documents", "feedback", "follows", "home", "mydata",
    "news", "pagecache",
    "plans", "search", "workinggroups",
}  # fmt: skip
PAGE_APPS = {"home", "plans", "news", "workinggroups"}
SECTIONS = {"plans", "news", "workinggroups"}


def imports(root=ROOT, apps=APPS):
    """{module: {imported module of ours}} for every module of the apps."""
    found = {}
    for app in sorted(apps):
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(root).with_suffix("").parts)
            name = name.removesuffix(".__init__")
            targets = set()
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    targets |= {alias.name for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    targets.add(node.module)
                    # "from feedback import threads" imports the module feedback.threads.
                    targets |= {f"{node.module}.{alias.name}" for alias in node.names}
            found[name] = {t for t in targets if t.split(".")[0] in apps}
    modules = set(found)
    return {name: {t for t in targets if t in modules} for name, targets in found.items()}


def app_of(module):
    return module.split(".")[0]


def broken_rules(graph):
    broken = []
    for module, targets in graph.items():
        app = app_of(module)
        for target in targets:
            other = app_of(target)
            if other == app:
                continue
            if other == "cityplan" and app != "cityplan":
                broken.append(f"{module} imports the composition root ({target})")
            if app == "core":
                broken.append(f"{module}: core imports an app ({target})")
            if app in ("documents", "feedback") and other in PAGE_APPS:
                broken.append(f"{module}: a foundation imports a page app ({target})")
            if app in SECTIONS and (other in SECTIONS or other == "home"):
                broken.append(f"{module}: a section imports {other} ({target})")
            if other == "follows" and app in PAGE_APPS | {"documents", "feedback"}:
                broken.append(f"{module}: follows is read by no page app nor foundation")
            if other == "mydata" and app != "cityplan":
                broken.append(f"{module}: no app imports mydata ({target})")
    return sorted(broken)


def cycles(graph):
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_the_apps_keep_their_boundaries():
    assert broken_rules(imports()) == []


def test_no_module_imports_itself_through_others():
    assert cycles(imports()) == []


def test_the_checks_can_fail(tmp_path):
    for app in ("core", "plans", "news", "feedback"):
        (tmp_path / app).mkdir()
    (tmp_path / "core" / "a.py").write_text("from news import models\n")
    (tmp_path / "plans" / "models.py").write_text("import news.models\n")
    (tmp_path / "news" / "models.py").write_text("def f():\n    from feedback import threads\n")
    (tmp_path / "feedback" / "threads.py").write_text("from feedback.models import X\n")
    (tmp_path / "feedback" / "models.py").write_text(
        "def g():\n    from feedback.threads import Y\n"
    )
    graph = imports(tmp_path, {"core", "plans", "news", "feedback"})
    assert broken_rules(graph) == [
        "core.a: core imports an app (news.models)",
        "plans.models: a section imports news (news.models)",
    ]
    assert cycles(graph) == [["feedback.models", "feedback.threads"]]
