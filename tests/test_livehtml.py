"""`make livehtml` rebuilds quietly: a page edit re-reads that page only, with no configuration notice.

sphinx-autobuild runs `python -m sphinx build <the Makefile's options> . <outdir>` after each edit,
on the same output folder; two such runs in a row are what it does.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project

#: sphinx-autobuild serves a copy of the whole project.
pytestmark = pytest.mark.site


def autobuild_run(project: Path, out: Path) -> str:
    """One rebuild as sphinx-autobuild runs it for `make livehtml` (same options, same folder)."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "build", "-b", "html", "-n", "-W", "--keep-going", ".", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = copy_project(tmp_path_factory.mktemp("livehtml") / "project")
    out = project / "_build" / "livehtml"
    first = autobuild_run(project, out)
    assert "updating environment: [new config]" in first
    return project, out


def test_page_edit_rereads_only_that_page_without_a_configuration_notice(preview: tuple[Path, Path]) -> None:
    project, out = preview
    page = project / "materials" / "llm101n.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n编辑后的一句话。\n", encoding="utf-8")
    log = autobuild_run(project, out)
    assert "configuration has changed" not in log.lower(), log
    assert "updating environment: 0 added, 1 changed, 0 removed" in log, log
    read = re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", log)
    assert read == ["materials/llm101n"], log
    assert "编辑后的一句话。" in (out / "materials" / "llm101n.html").read_text(encoding="utf-8")


def test_rebuild_without_edits_reads_nothing_and_keeps_the_styles(preview: tuple[Path, Path]) -> None:
    project, out = preview
    log = autobuild_run(project, out)
    assert "configuration has changed" not in log.lower(), log
    assert "updating environment: 0 added, 0 changed, 0 removed" in log, log
    # The style sheets of the extensions and of conf.py are still copied and linked.
    namespace: dict[str, object] = {"__file__": str(project / "conf.py")}
    exec(compile((project / "conf.py").read_text(encoding="utf-8"), "conf.py", "exec"), namespace)
    own = [entry if isinstance(entry, str) else entry[0] for entry in namespace.get("html_css_files", [])]
    for name in ("llm-catalog.css", "sphinx-design.min.css", *own):
        assert (out / "_static" / name).is_file(), name
        assert name in (out / "index.html").read_text(encoding="utf-8"), name
