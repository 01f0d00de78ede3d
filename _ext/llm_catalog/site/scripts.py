"""The scripts a page gets, and the one JSON configuration Python writes for them.

A wing that has a script registers it (:func:`add`): which pages want it, its words, the names
it shares with Python, its files. On each page this module writes one configuration for every
script the page wants, then their files, in the order the wings registered them.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data import facets
from .names import CONFIG_ID, FACET_ATTRIBUTE, PROGRESS_ID_PATTERN

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True)
class Script:
    """A wing's script: its configuration key, when a page wants it, its words and its files."""

    #: Its words' key in the configuration (``words[key]``).
    key: str
    #: Does the page (its name and doctree, ``None`` for pages Sphinx makes itself) want it?
    wanted: Callable[[Sphinx, str, nodes.document | None], bool]
    words: Callable[[], dict[str, Any]]
    #: ``("js" | "css", file name, options for add_js_file/add_css_file)``, added in this order.
    files: tuple[tuple[str, str, dict[str, Any]], ...] = ()
    #: Names shared with the script (classes, attributes, ids), under ``config.names[key]``: the
    #: script reads them there and writes none by hand (tests/test_script_names.py).
    names: dict[str, str] = field(default_factory=dict)
    #: More settings under ``config[key]`` (the search's way to read the index).
    settings: Callable[[], dict[str, Any]] | None = None


_SCRIPTS: weakref.WeakKeyDictionary[Any, list[Script]] = weakref.WeakKeyDictionary()


def add(app: Sphinx, script: Script) -> None:
    """Give the pages that want it *script*, its configuration and its files."""
    _SCRIPTS.setdefault(app, []).append(script)


def script_config(words: dict[str, Any], names: dict[str, dict[str, str]], settings: dict[str, dict[str, Any]]) -> str:
    """The page's one configuration of the scripts: the core's names (facet keys and attribute,
    the progress id pattern), each script's *names*, *settings* and *words* under its key.

    Written as JSON into a ``<script type="application/json">``; ``</`` is escaped so that no
    text of the data can end the element early.
    """
    config = {
        "facetKeys": list(facets.KEYS),
        "facetAttribute": FACET_ATTRIBUTE,
        "progressIdPattern": PROGRESS_ID_PATTERN,
        "names": names,
        **settings,
        "words": words,
    }
    return json.dumps(config, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def add_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """The configuration, then the files of each script the page wants."""
    wanted = [script for script in _SCRIPTS.get(app, ()) if script.wanted(app, pagename, doctree)]
    if not wanted:
        return
    words = {script.key: script.words() for script in wanted}
    names = {script.key: script.names for script in wanted if script.names}
    settings = {script.key: script.settings() for script in wanted if script.settings is not None}
    app.add_js_file(None, body=script_config(words, names, settings), type="application/json", id=CONFIG_ID)
    for script in wanted:
        for kind, name, options in script.files:
            if kind == "css":
                app.add_css_file(name, **options)
            else:
                app.add_js_file(name, **options)


def has_node(node_class: type[nodes.Element]) -> Callable[[Sphinx, str, nodes.document | None], bool]:
    """A :attr:`Script.wanted` for the pages whose doctree holds a *node_class*."""

    def wanted(app: Sphinx, pagename: str, doctree: nodes.document | None) -> bool:
        return doctree is not None and next(iter(doctree.findall(node_class)), None) is not None

    return wanted


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_scripts)


def add_static(app: Sphinx, folder: Path) -> None:
    """Give HTML builders a wing's CSS and JavaScript, before Sphinx compares configurations.

    Sphinx stores the configuration with the environment and compares it with the next run's
    right after ``config-inited``; a path appended later (at ``builder-inited``) is stored but
    missing from the next comparison, so every rebuild reported a changed ``html_static_path``.
    """

    def add_path(app: Sphinx, config: Config) -> None:
        if str(folder) not in config.html_static_path:
            config.html_static_path.append(str(folder))

    app.connect("config-inited", add_path)
