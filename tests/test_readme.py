"""README's map of the extension matches the tree: every file it names exists, every room's list is whole."""

from __future__ import annotations

import re

from conftest import EXT_DIR, REPO

PACKAGE = EXT_DIR / "llm_catalog"
README = (REPO / "README.md").read_text(encoding="utf-8")
CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
#: What a room holds besides Python: scripts, stylesheets, the LaTeX style, data tables.
SHIPPED = ("*.py", "static/*.js", "static/*.css", "latex/*.sty", "*.txt")


def rooms() -> dict[str, set[str]]:
    """Each room of the package (a folder with ``__init__.py``) and its files, as the map names them."""
    found = {}
    for folder in sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").exists()):
        files = {str(f.relative_to(folder)) for pattern in SHIPPED for f in folder.glob(pattern)}
        found[folder.name] = files - {"__init__.py"}
    return found


def readme_map() -> dict[str, set[str]]:
    table = README.split("<!-- map: begin -->", 1)[1].split("<!-- map: end -->", 1)[0]
    mapped = {}
    for row in table.splitlines():
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        room = re.fullmatch(r"`(\w+)/`", cells[0]) if cells[0] else None
        if room:
            mapped[room.group(1)] = set(re.findall(r"`([^`]+)`", cells[1]))
    return mapped


def test_the_map_lists_every_room_and_every_file_of_it() -> None:
    actual, mapped = rooms(), readme_map()
    assert len(actual) >= 3  # the tree is read
    assert mapped.keys() == actual.keys()
    for room, files in actual.items():
        assert mapped[room] == files, room


def test_every_module_the_guides_name_exists() -> None:
    """A path below the package named in README or CONTRIBUTING (``site/words.py``,
    ``_ext/llm_catalog/paper/paper.py``, ``search/static/llm-search-zh.js``) is a file of the tree."""
    names = set(rooms())
    pattern = re.compile(rf"(?<![\w/.-])(?:_ext/llm_catalog/)?((?:{'|'.join(names)})/[\w/.-]+\.(?:py|js|css|sty|txt))")
    named = {match for text in (README, CONTRIBUTING) for match in pattern.findall(text)}
    assert len(named) > 10
    assert {path for path in named if not (PACKAGE / path).is_file()} == set()
