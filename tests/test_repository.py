"""Project files contributors and CI rely on: workflows, issue form, pre-commit, Read the Docs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SCHEMA_FILE
from llm_catalog.data import labels

SCHEMA = json.loads((SCHEMA_FILE).read_text(encoding="utf-8"))


def load_yaml(relative: str) -> dict:
    return yaml.safe_load((REPO / relative).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("builtin", "files"),
    [
        ("vendor.github-workflows", [".github/workflows/pr.yml", ".github/workflows/linkcheck.yml"]),
        (
            "vendor.github-issue-forms",
            [
                ".github/ISSUE_TEMPLATE/suggest-course.yml",
                ".github/ISSUE_TEMPLATE/suggest-book.yml",
                ".github/ISSUE_TEMPLATE/suggest-resource.yml",
                ".github/ISSUE_TEMPLATE/broken-link.yml",
            ],
        ),
        ("vendor.github-issue-config", [".github/ISSUE_TEMPLATE/config.yml"]),
        ("vendor.readthedocs", [".readthedocs.yaml"]),
        ("vendor.dependabot", [".github/dependabot.yml"]),
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


WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_third_party_actions_are_pinned_by_commit(workflow: Path) -> None:
    """A tag can be moved to other code; a commit cannot. GitHub's own actions may stay on tags."""
    for line in workflow.read_text(encoding="utf-8").splitlines():
        found = re.search(r"uses:\s*([^@\s]+)@(\S+)(.*)", line)
        if not found or found.group(1).startswith("actions/"):
            continue
        action, ref, rest = found.groups()
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{workflow.name}: {action} is pinned to {ref!r}, not a commit"
        assert re.search(r"#\s*v[0-9]+(\.[0-9]+)*", rest), f"{workflow.name}: say which version {ref} is"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_a_fork_with_write_access(workflow: Path) -> None:
    """pull_request_target runs with the base repository's token and secrets: never on a fork's code."""
    data = yaml.load(workflow.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "pull_request_target" not in data["on"], workflow.name
    if "pull_request" in data["on"]:
        assert data.get("permissions") == {"contents": "read"}, workflow.name


def test_dependabot_updates_every_ecosystem_weekly_and_skips_the_broken_sphinx() -> None:
    config = load_yaml(".github/dependabot.yml")
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"pip", "npm", "github-actions"}
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly"
        assert update["groups"], "one grouped pull request per ecosystem"
    ignored = {rule["dependency-name"]: rule["versions"] for rule in updates["pip"]["ignore"]}
    assert ignored == {"sphinx": [">=9.0.0"], "hypothesis": [">=6.170.10"]}
    pinned = re.search(
        r"^sphinx==(\S+)$", (REPO / "requirements.txt").read_text(encoding="utf-8"), re.MULTILINE | re.IGNORECASE
    )
    assert pinned and int(pinned.group(1).split(".")[0]) < 9


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
    # Then the freshness of GitHub repositories, with the workflow's token, into the same pull request.
    fresh = first("make freshness")
    assert first("make archive") < fresh < first("pull-request.md") < pull
    assert steps[fresh]["env"]["GITHUB_TOKEN"] == "${{ github.token }}"
    assert "report-freshness.md" in runs[fresh] and "report-freshness.md" in runs[first("pull-request.md")]
    # The lengths of YouTube videos (with the secret, or a report line saying it is not set) and the
    # re-read sources of the facts, into the same pull request's report.
    videos, sources = first("make video-lengths"), first("make sources")
    assert fresh < videos < first("pull-request.md") and fresh < sources < first("pull-request.md")
    assert steps[videos]["env"]["YOUTUBE_API_KEY"] == "${{ secrets.YOUTUBE_API_KEY }}"
    assert 'if [ -z "$YOUTUBE_API_KEY" ]' in runs[videos] and "YOUTUBE_API_KEY secret" in runs[videos]
    for report in ("report-video-lengths.md", "report-sources.md"):
        assert report in runs[first("pull-request.md")] and report in steps[-1]["with"]["path"]
    assert "report-sources.md" in runs[sources]
    options = steps[pull]["with"]
    assert options["branch"] and options["add-paths"] == "_data/catalog.yaml"
    assert options["body-path"] in runs[first("pull-request.md")]
    assert workflow["jobs"]["linkcheck"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert "catalog-links.txt" in steps[-1]["with"]["path"]


UNSURE = "不确定（请维护者帮忙选择）"


def form_fields(name: str) -> dict[str, dict]:
    form = load_yaml(f".github/ISSUE_TEMPLATE/{name}")
    return {item["id"]: item for item in form["body"] if "id" in item}


def option_ids(field: dict) -> list[str]:
    return [option.split("（")[0] for option in field["attributes"]["options"] if option != UNSURE]


def labelled(values: dict[str, str]) -> list[str]:
    return [f"{value}（{label}）" for value, label in values.items()]


@pytest.mark.parametrize(
    ("form", "record"),
    [("suggest-course.yml", "course"), ("suggest-book.yml", "book"), ("suggest-resource.yml", "resource")],
)
def test_suggestion_forms_match_their_record_schema(form: str, record: str, data) -> None:
    """Every field of a suggestion form is a field of the record; the record's required fields are required."""
    fields = form_fields(form)
    definition = SCHEMA["definitions"][record]
    assert set(fields) <= set(definition["properties"]), set(fields) - set(definition["properties"])
    for name in definition["required"]:
        if name != "id":  # maintainers choose the id
            assert fields[name]["validations"]["required"] is True, name
    for name, field in fields.items():
        required = field.get("validations", {}).get("required", False)
        assert required == (name in definition["required"]), f"{form}: {name} required={required}"
    if "language" in fields:
        assert fields["language"]["attributes"]["options"] == labelled(labels.LANGUAGES)
    kinds = SCHEMA["definitions"]["link"]["properties"]["kind"]["enum"]
    assert all(kind in fields["links"]["attributes"]["description"] for kind in kinds)
    # Topics are offered by their Chinese titles, exactly the data's list, in its order.
    topics = [option["label"] for option in fields["topics"]["attributes"]["options"]]
    assert topics == [f"{t['title']}（{t['id']}）" for t in data["topics"]]


def test_course_form_lists_the_data_and_offers_unsure(data) -> None:
    fields = form_fields("suggest-course.yml")
    categories = fields["category"]["attributes"]["options"]
    assert categories == [f"{c['id']}（{c['title']}）" for c in data["categories"]] + [UNSURE]
    assert fields["level"]["attributes"]["options"] == labelled(labels.LEVELS)
    course = SCHEMA["definitions"]["course"]
    assert option_ids(fields["level"]) == course["properties"]["level"]["enum"]


def test_book_and_resource_forms_list_the_data(data) -> None:
    book = form_fields("suggest-book.yml")
    assert book["group"]["attributes"]["options"] == [f"{g['id']}（{g['title']}）" for g in data["book_groups"]] + [
        UNSURE
    ]
    resource = form_fields("suggest-resource.yml")
    assert resource["kind"]["attributes"]["options"] == [*labelled(labels.RESOURCE_KINDS), UNSURE]
    assert option_ids(resource["kind"]) == SCHEMA["definitions"]["resource"]["properties"]["kind"]["enum"]


def test_broken_link_form_asks_for_the_record_and_an_archived_copy() -> None:
    fields = form_fields("broken-link.yml")
    assert fields["record"]["validations"]["required"] is True
    assert "id" in fields["record"]["attributes"]["description"]
    assert "网址" in fields["record"]["attributes"]["description"]
    archive = fields["archive"]
    assert not archive.get("validations", {}).get("required", False)
    assert "archive" in archive["attributes"]["description"]


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


def test_data_file_declares_its_schema_for_editors(project) -> None:
    first = project.data_file.read_text(encoding="utf-8").splitlines()[0]
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


@pytest.mark.parametrize("form", ["suggest-course.yml", "suggest-book.yml", "suggest-resource.yml"])
def test_suggestion_forms_ask_to_search_the_site_first(form: str) -> None:
    intro = load_yaml(f".github/ISSUE_TEMPLATE/{form}")["body"][0]["attributes"]["value"]
    assert "搜索框" in intro and "_data/catalog.yaml" in intro
