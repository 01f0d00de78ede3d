"""The theme's Chinese interface words, compiled outside the sources.

Sphinx compiles a ``sphinx.po`` of ``locale_dirs`` into a ``sphinx.mo`` beside it, inside the
checkout: a build (or a test run) would write into the source tree. Here conf.py names a folder in
the system's temporary directory instead, keyed by the catalog's content, where the catalog is
compiled once (atomically, so parallel builds may race) for every code Read the Docs may pass for
Simplified Chinese; the folder holds no ``.po``, so Sphinx compiles nothing itself.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

#: The language codes a build may be given for Simplified Chinese (conf.py normalises them to
#: zh_CN only after Sphinx has loaded its translations, so each gets the catalog).
CODES = ("zh_CN", "zh-cn", "zh-hans", "zh-hans-cn", "zh")


def compiled_locale(source: Path, domain: str = "sphinx") -> str:
    """The folder to give ``locale_dirs``: *source*'s ``zh_CN/LC_MESSAGES/<domain>.po`` compiled."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po = source / "zh_CN" / "LC_MESSAGES" / f"{domain}.po"
    data = po.read_bytes()
    target = Path(tempfile.gettempdir()) / f"llm-study-guide-locale-{hashlib.sha256(data).hexdigest()[:16]}"
    for code in CODES:
        mo = target / code / "LC_MESSAGES" / f"{domain}.mo"
        if mo.is_file():
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as handle:
            catalog = read_po(handle, locale="zh_CN", domain=domain)
        partial = mo.with_name(f"{mo.name}.{os.getpid()}")
        with partial.open("wb") as handle:
            write_mo(handle, catalog)
        partial.replace(mo)
    return str(target)
