"""The site's core: the Sphinx extension's plumbing that every wing shares (see extension.py)."""

#: The extension's version, as Sphinx, catalog.json and feed.xml report it.
__version__ = "1.0.0"
