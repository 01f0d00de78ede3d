"""Keep the configuration Sphinx stores equal to the next run's, so rebuilds stay quiet.

Sphinx pickles the configuration with the environment and compares it with the next run's
right after ``config-inited``; any difference is reported as "The configuration has changed
(...)" on every incremental build (``make livehtml`` runs one per edit). Two third-party
habits made the stored configuration differ from a fresh one on every run:

* sphinx-design appends its static folder to ``html_static_path`` at ``builder-inited``,
  after the comparison, so the stored list is longer than the next run's;
* furo registers its ``pygments_dark_style`` option when the HTML builder loads the theme,
  also after the comparison, so the stored configuration has an option the next one lacks;
* Sphinx 8.2's HTML builder gives each entry of ``html_css_files`` and ``html_js_files`` a
  default priority by writing it into the entry's attributes (``attrs.setdefault``), so the
  stored list reads ``("site.css", {"priority": 800})`` where conf.py wrote ``"site.css"``.

This extension undoes these effects without changing what is built: static folders added
while the builder starts are taken out of the configuration before the environment is
stored and handed back before the static files are copied; the CSS and JavaScript lists get
back the value they had before the builder read them (it keeps its own copy); and for
builders that use furo, the theme is loaded before the comparison instead of after it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from llm_catalog.site.compat import builder_name  # read from Sphinx's own frame (Sphinx 8.2.3)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

#: Builders that render pages with ``html_theme`` (EPUB uses ``epub_theme``).
THEMED_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def preload_theme(app: Sphinx, config: Config) -> None:
    """Load furo before the comparison, so its option is in this run's configuration too."""
    if config.html_theme == "furo" and builder_name(app) in THEMED_BUILDERS:
        app.setup_extension("furo")


#: Lists the HTML builder reads, and writes into, while it starts.
ASSET_LISTS = ("html_css_files", "html_js_files")


@dataclass
class Remembered:
    """What one run set aside between ``config-inited`` and ``write-started``."""

    #: ``html_static_path`` as conf.py and the ``config-inited`` handlers left it.
    static_path: list[str] = field(default_factory=list)
    #: Static folders added while the builder started, handed back before copying.
    added_static: list[str] = field(default_factory=list)
    #: ``html_css_files`` / ``html_js_files`` before the builder wrote priorities into them.
    assets: dict[str, Any] = field(default_factory=dict)

    def remember_configuration(self, app: Sphinx, config: Config) -> None:
        """The values as conf.py and the ``config-inited`` handlers left them: what must be stored."""
        self.static_path = list(config.html_static_path)
        self.added_static = []
        self.assets = {name: copy.deepcopy(config[name]) for name in ASSET_LISTS if name in config}

    def restore_configuration(self, app: Sphinx) -> None:
        """After every ``builder-inited`` handler: keep what the build added out of the stored configuration."""
        added = [entry for entry in app.config.html_static_path if entry not in self.static_path]
        if added:
            self.added_static = added
            app.config.html_static_path[:] = self.static_path
        for name, value in self.assets.items():
            app.config[name] = copy.deepcopy(value)

    def restore_added_static(self, app: Sphinx, builder: Builder) -> None:
        """The environment is stored by now; the builder copies the folders set aside."""
        for entry in self.added_static:
            if entry not in app.config.html_static_path:
                app.config.html_static_path.append(entry)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", preload_theme)
    # After every other config-inited handler (which may set html_static_path deliberately).
    remembered = Remembered()  # one per application, not on it
    app.connect("config-inited", remembered.remember_configuration, priority=900)
    app.connect("builder-inited", remembered.restore_configuration, priority=900)
    app.connect("write-started", remembered.restore_added_static)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
