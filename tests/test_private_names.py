"""The site's code uses only the public API of Django, Wagtail and the other packages.

A private name (a leading underscore) or a compiler internal of a third-party package can
change or vanish in any release, silently. This test reads every module of the apps (not
the tests, not migrations) and fails on:

- ``from package import _name`` from a package that is not ours;
- ``something._name`` where ``something`` is not ``self`` or ``cls`` (our own objects'
  private attributes are set on ``self``), apart from Django's documented ``_meta`` and
  ``_default_manager``;
- ``self._name`` / ``cls._name`` when no module of ours defines ``_name`` (so it is a
  private name inherited from a package's class);
- the ORM compiler's internals (``get_compiler``, ``apply_converters``, ``as_sql``).

Exceptions, each with why, go in ALLOWED; there are none.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Every app (a folder with an apps.py) and the composition root.
APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py")) + ["cityplan"]
# Django documents these as public API despite the underscore: a model's Options and its
# default manager (the "Managers" topic guide).
PUBLIC_UNDERSCORE = {"_meta", "_default_manager"}
COMPILER_INTERNALS = {"get_compiler", "apply_converters", "as_sql"}
# (file, name): why it is allowed.
ALLOWED = {}


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(), filename=str(path))


def is_private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def own_names(modules):
    """Every name our own code defines: functions, classes, attributes and variables."""
    names = set()
    for _path, tree in modules:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
    return names


def violations():
    modules = list(app_modules())
    ours = own_names(modules)
    found = []
    for path, tree in modules:
        where = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.split(".")[0] in APPS:
                    continue
                found += [(where, alias.name) for alias in node.names if is_private(alias.name)]
            elif isinstance(node, ast.Attribute):
                name = node.attr
                if name in COMPILER_INTERNALS:
                    found.append((where, name))
                elif not is_private(name) or name in PUBLIC_UNDERSCORE:
                    continue
                elif isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                    if name not in ours:
                        found.append((where, name))
                else:
                    found.append((where, name))
    return sorted(set(found) - set(ALLOWED))


def test_no_private_name_of_a_package_is_used():
    assert violations() == []


def test_the_check_finds_what_it_looks_for(tmp_path, monkeypatch):
    """The check itself must be able to fail."""
    app = tmp_path / "core"
    app.mkdir()
    (app / "bad.py").write_text(
        "from wagtail.models import _private\n"
        "def view(request):\n"
        "    request._wagtail_site = None\n"
        "    return query.get_compiler('default')\n"
        "class Document(AbstractDocument):\n"
        "    def save(self):\n"
        "        self._set_document_file_metadata()\n"
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    monkeypatch.setattr(__import__(__name__, fromlist=["APPS"]), "APPS", ["core"])
    assert violations() == [
        ("core/bad.py", "_private"),
        ("core/bad.py", "_set_document_file_metadata"),
        ("core/bad.py", "_wagtail_site"),
        ("core/bad.py", "get_compiler"),
    ]
