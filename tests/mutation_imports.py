"""A pytest plugin for `make mutation` only: ``import llm_catalog`` loads mutmut's mutated copy.

mutmut 3.8.1 names a mutant after its file's path, ``_ext.llm_catalog.rules.checks.x_rule__mutmut_1``,
and a mutated function only switches to its mutant when its ``__module__`` matches that name. The
tests import the package as ``llm_catalog`` (pytest's ``pythonpath = ["_ext"]``, as conf.py puts
it on sys.path), which would give every function the module ``llm_catalog.rules.checks``: no mutant would
ever run and all would be reported as surviving. So this plugin, loaded with ``-p`` before any
test module, imports each module of the package once as ``_ext.llm_catalog.<name>`` (mutmut puts
``mutants/`` on sys.path) and registers it as ``llm_catalog.<name>`` too: one module object under
both names, so classes such as ``CatalogInvalid`` stay the same class whichever name imports them.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys


def _alias_package(real: str = "_ext.llm_catalog", alias: str = "llm_catalog") -> None:
    package = importlib.import_module(real)
    sys.modules[alias] = package
    for module in pkgutil.walk_packages(package.__path__, prefix=f"{real}."):
        name = module.name.removeprefix(f"{real}.")
        if name.rsplit(".", 1)[-1].startswith("_"):
            continue  # __main__ runs the command line when imported
        sys.modules[f"{alias}.{name}"] = importlib.import_module(module.name)


_alias_package()
