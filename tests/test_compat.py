"""Every use of another project's internals (site/compat.py) still finds what it relies on.

A failure here means a pinned version moved: reread the use named in the message, adjust it,
then the version in compat.WRITTEN_FOR.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import EXT_DIR, REPO
from llm_catalog.site import compat

PINS = {
    name.lower().replace("_", "-"): pinned
    for name, pinned in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (REPO / "requirements.txt").read_text(), re.M)
}
DISTRIBUTIONS = {"sphinx": "Sphinx", "sphinx_design": "sphinx_design", "pyyaml": "PyYAML", "jieba": "jieba"}


@pytest.mark.parametrize("package", sorted(compat.WRITTEN_FOR))
def test_each_use_was_written_for_the_pinned_and_installed_version(package: str) -> None:
    written_for = compat.WRITTEN_FOR[package]
    distribution = DISTRIBUTIONS[package]
    assert PINS[distribution.lower().replace("_", "-")] == written_for, (
        f"requirements.txt pins another {distribution}: reread site/compat.py's uses of it"
    )
    assert version(distribution) == written_for, f"{distribution} {version(distribution)} is installed"


def test_the_builder_name_is_read_from_sphinx_constructor(tmp_path: Path) -> None:
    from sphinx.testing.util import SphinxTestApp

    seen: list[str | None] = []
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "index.rst").write_text("Title\n=====\n", encoding="utf-8")

    class Probe(SphinxTestApp):
        def _init_builder(self) -> None:
            seen.append(compat.builder_name(self))
            super()._init_builder()

    Probe("dirhtml", srcdir=tmp_path, builddir=tmp_path / "_build").cleanup()
    assert seen == ["dirhtml"]


def test_graphviz_takes_the_image_folder_from_the_builder() -> None:
    import inspect

    from sphinx.ext import graphviz

    source = inspect.getsource(graphviz.render_dot)
    assert "self.builder.imgpath" in source and "self.builder.imagedir" in source


def test_single_page_references_are_fixed_by_the_builder() -> None:
    from sphinx.builders.singlehtml import SingleFileHTMLBuilder

    assert callable(SingleFileHTMLBuilder.fix_refuris)


def test_sphinx_design_still_writes_every_class_the_cards_borrow() -> None:
    """Each class is in sphinx-design's CSS, or its grid directive writes it (``sd-g-xs-3``)."""
    import sphinx_design

    package = Path(sphinx_design.__file__).parent
    css = "".join(path.read_text(encoding="utf-8") for path in package.rglob("*.css"))
    grids = (package / "grids.py").read_text(encoding="utf-8")
    written = re.compile(r"(sd-g-|sd-row-cols-)xs-[0-9]+$")
    missing = sorted(
        name
        for name in compat.DESIGN_CLASSES
        if f".{name}" not in css and not (written.match(name) and f'"{written.match(name)[1]}"' in grids)
    )
    assert missing == []


def test_the_search_script_finds_sphinx_search_internals() -> None:
    import sphinx

    searchtools = Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "searchtools.js"
    text = searchtools.read_text(encoding="utf-8")
    for internal in compat.SEARCH_INTERNALS:
        assert internal in text, internal
    script = (EXT_DIR / "llm_catalog" / "search" / "static" / "llm-search-zh.js").read_text(encoding="utf-8")
    assert "Search._index" in script
    for name, internals in compat.SEARCH_HELPER_INTERNALS.items():
        text = (searchtools.parent / name).read_text(encoding="utf-8")
        for internal in internals:
            assert internal in text, (name, internal)
    from sphinx.search.zh import SearchChinese

    assert compat.SEARCH_STEMMER in SearchChinese.js_stemmer_code


def test_the_search_index_is_written_through_the_builders_format(tmp_path: Path) -> None:
    """compat.write_search_index_with: the html builders write and read searchindex.js through
    their ``indexer_format``, Sphinx's ``js_index``; the index is then UTF-8, transformed."""
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.search import js_index

    assert StandaloneHTMLBuilder.indexer_format is js_index
    assert StandaloneHTMLBuilder.indexer_dumps_unicode

    class Builder:
        indexer_format = js_index
        indexer_dumps_unicode = True

    builder = Builder()
    compat.write_search_index_with(builder, lambda data: {**data, "added": True})
    written = builder.indexer_format.dumps({"titles": ["搜索"]})
    assert written == 'Search.setIndex({"added":true,"titles":["搜索"]})'
    assert builder.indexer_format.loads(written) == {"added": True, "titles": ["搜索"]}
    assert Builder.indexer_format is js_index  # the class, and every other builder, keep Sphinx's


def test_libyaml_event_parser_is_where_the_data_room_reads_it() -> None:
    module, _, name = compat.YAML_PARSER.rpartition(".")
    yaml_c = pytest.importorskip(module, reason="PyYAML built without libyaml")
    assert hasattr(yaml_c, name)
    source = (EXT_DIR / "llm_catalog" / "data" / "yamlsource.py").read_text(encoding="utf-8")
    assert f"from {module} import {name}" in source


def test_graphviz_still_moves_svg_links_with_relpath() -> None:
    """compat.svg_link names dirhtml's page file because relpath drops a folder's slash."""
    import inspect

    from sphinx.ext import graphviz

    assert "os.path.relpath(old_path" in inspect.getsource(graphviz.fix_svg_relative_paths)
    assert compat.svg_link("../materials/x/#llm-a") == "../materials/x/index.html#llm-a"
    assert compat.svg_link("../materials/x.html#llm-a") == "../materials/x.html#llm-a"


def test_latex_labels_are_spelled_as_the_latex_writer_spells_them() -> None:
    """compat.latex_label: a \\pageref (paper.py) must name a label exactly as Sphinx writes it."""
    from sphinx.writers.latex import LaTeXTranslator

    assert "idescape" in vars(LaTeXTranslator)
    # idescape reads nothing of the translator (Sphinx 8.2.3), so no document is needed here.
    translator = LaTeXTranslator.__new__(LaTeXTranslator)
    assert compat.latex_label(translator, "materials/nlp-courses:llm-a") == r"\detokenize{materials/nlp-courses:llm-a}"
    assert compat.latex_label(translator, "找:c") == r"\detokenize{_u627e:c}"


#: jieba's state after a build's dictionary step, in a process of its own: the total of its word
#: frequencies, and a few words' frequencies. ``{how}`` loads the dictionary.
JIEBA_STATE = """
import json, logging, sys
sys.path.insert(0, {ext!r})
import jieba
jieba.setLogLevel(logging.WARNING)
from sphinx.search.zh import JIEBA_DEFAULT_DICT
{how}
print(json.dumps([jieba.dt.total, [jieba.dt.FREQ.get(w) for w in ("模型", "训练", "语言")]]))
"""


@pytest.mark.slow
def test_the_dictionary_step_leaves_jieba_as_sphinx_own_load_does() -> None:
    """load_default_dictionary_again changes what Sphinx's jieba.load_userdict changes, and only that:
    the same total and frequencies, whether jieba was just loaded or had been loaded before."""

    def state(how: str) -> list:
        code = JIEBA_STATE.format(ext=str(EXT_DIR), how=how)
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        return json.loads(result.stdout)

    sphinx_own = state("jieba.load_userdict(JIEBA_DEFAULT_DICT)")
    ours = "from llm_catalog.site.compat import load_default_dictionary_again as again\n"
    assert state(ours + "assert again(JIEBA_DEFAULT_DICT)") == sphinx_own
    # Loaded before (another build in this process): the sum is read from the dictionary instead.
    assert state(ours + "jieba.initialize()\nassert again(JIEBA_DEFAULT_DICT)") == sphinx_own


def test_the_chinese_search_init_does_what_sphinx_init_does() -> None:
    """init_chinese_search replaces SearchChinese.init: it must still do what that init does."""
    import inspect

    from sphinx.search.zh import SearchChinese

    source = inspect.getsource(SearchChinese.init)
    for internal in compat.CHINESE_INIT:
        assert internal in source, internal
    assert "self.stemmer.stemWord" in inspect.getsource(SearchChinese.stem)
