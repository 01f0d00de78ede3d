"""Project files contributors and CI rely on: workflows, issue form, pre-commit, Read the Docs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from conftest import DATA_FILE, REPO, SCHEMA_FILE

SCHEMA = json.loads((SCHEMA_FILE).read_text(encoding="utf-8"))


def load_yaml(relative: str) -> dict:
    return yaml.safe_load((REPO / relative).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("builtin", "files"),
    [
        ("vendor.github-workflows", [".github/workflows/pr.yml", ".github/workflows/linkcheck.yml"]),
        ("vendor.github-issue-forms", [".github/ISSUE_TEMPLATE/suggest-course.yml"]),
        ("vendor.github-issue-config", [".github/ISSUE_TEMPLATE/config.yml"]),
        ("vendor.readthedocs", [".readthedocs.yaml"]),
    ],
)
def test_files_match_their_published_schemas(builtin: str, files: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", builtin, *files],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_config_is_valid() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = {hook["id"] for repo in load_yaml(".pre-commit-config.yaml")["repos"] for hook in repo["hooks"]}
    assert {"check-yaml", "check-jsonschema", "catalog-check", "ruff", "check-github-workflows"} <= hooks


def test_pull_request_workflow_runs_the_suite_and_uploads_html_and_pdf() -> None:
    workflow = load_yaml(".github/workflows/pr.yml")
    # PyYAML reads the bare key `on` as True (YAML 1.1); GitHub reads it as "on".
    triggers = workflow.get("on", workflow.get(True))
    assert "pull_request" in triggers
    steps = workflow["jobs"]["test"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "make test" in runs and "system-deps" in runs
    uploads = [
        step["with"]["path"] for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact")
    ]
    assert any("_build/html" in path for path in uploads)
    assert any("llm-study-guide.pdf" in path for path in uploads)


@pytest.mark.parametrize("name", ["pr.yml", "linkcheck.yml"])
def test_workflows_check_out_the_history_page_dates_need(name: str) -> None:
    steps = next(iter(load_yaml(f".github/workflows/{name}")["jobs"].values()))["steps"]
    checkout = next(step for step in steps if str(step.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # a shallow clone fails the strict build (too shallow)


def test_link_check_workflow_is_scheduled() -> None:
    workflow = load_yaml(".github/workflows/linkcheck.yml")
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["schedule"][0]["cron"]
    steps = workflow["jobs"]["linkcheck"]["steps"]
    runs = [step.get("run", "") for step in steps]

    def first(command: str) -> int:
        return next(n for n, run in enumerate(runs) if command in run)

    # Check, record dates, archive broken links, then ONE pull request with the report.
    assert first("make linkcheck") < first("make linkstate") < first("make archive")
    pull = next(
        n for n, step in enumerate(steps) if step.get("uses", "").startswith("peter-evans/create-pull-request@")
    )
    assert first("make archive") < pull
    options = steps[pull]["with"]
    assert options["branch"] and options["add-paths"] == "_data/catalog.yaml"
    assert options["body-path"] in runs[first("pull-request.md")]
    assert workflow["jobs"]["linkcheck"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert "catalog-links.txt" in steps[-1]["with"]["path"]


def test_issue_form_fields_match_the_course_schema() -> None:
    form = load_yaml(".github/ISSUE_TEMPLATE/suggest-course.yml")
    course = SCHEMA["definitions"]["course"]
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert set(fields) <= set(course["properties"])
    for name in course["required"]:
        if name != "id":  # maintainers choose the id
            assert fields[name]["validations"]["required"] is True, name
    catalog = yaml.safe_load((DATA_FILE).read_text(encoding="utf-8"))

    def option_ids(field: str) -> list[str]:
        return [option.split("（")[0] for option in fields[field]["attributes"]["options"]]

    assert option_ids("category") == [c["id"] for c in catalog["categories"]]
    assert option_ids("level") == course["properties"]["level"]["enum"]
    assert option_ids("language") == SCHEMA["definitions"]["language"]["enum"]
    kinds = SCHEMA["definitions"]["link"]["properties"]["kind"]["enum"]
    assert all(kind in fields["links"]["attributes"]["description"] for kind in kinds)


def test_read_the_docs_config_builds_everything_strictly() -> None:
    config = load_yaml(".readthedocs.yaml")
    assert config["version"] == 2
    assert config["build"]["os"] == "ubuntu-24.04"
    assert config["build"]["tools"]["python"] == "3.11"
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]
    assert config["sphinx"] == {"configuration": "conf.py", "builder": "html", "fail_on_warning": True}
    assert sorted(config["formats"]) == ["epub", "htmlzip", "pdf"]
    # The HTML download is the multi-page site, zipped (not Read the Docs' single page).
    (job,) = config["build"]["jobs"]["build"]["htmlzip"]
    assert job.startswith('python scripts/make-htmlzip "$READTHEDOCS_OUTPUT/html" ')
    assert "$READTHEDOCS_OUTPUT/htmlzip/" in job


def test_data_file_declares_its_schema_for_editors() -> None:
    first = (DATA_FILE).read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./catalog.schema.json"


def test_check_command_needs_no_sphinx() -> None:
    """The pre-commit hook installs only PyYAML and jsonschema: the check must not import Sphinx."""
    code = (
        "import sys, runpy; sys.modules['sphinx'] = None; sys.argv = ['check-catalog'];"
        " runpy.run_path('scripts/check-catalog', run_name='__main__')"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "OK (" in result.stdout


def test_requirements_are_pinned() -> None:
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (REPO / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "-r")):
                assert "==" in line, f"{name}: {line} is not pinned"
