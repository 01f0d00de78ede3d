"""`make linkcheck` names the record and data-file line of each bad link (local servers only)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REPO
from standin import Answer

#: Each record has its own address under /ok (no duplicates); anything else is missing.
OK = Answer(body="<html><body>ok</body></html>", content_type="text/html")


@pytest.fixture
def live_server(standin) -> str:
    return standin(fallback=lambda request: OK if request.path.startswith("/ok") else Answer(404)).address


@pytest.mark.sphinx("linkcheck", testroot="linkcheck", freshenv=True)
def test_bad_links_are_reported_with_record_and_line(make_app, app_params, live_server: str, dead_host: str) -> None:
    args, kwargs = app_params
    data = Path(kwargs["srcdir"], "_data")
    template = (data / "catalog.yaml.in").read_text(encoding="utf-8")
    (data / "catalog.yaml").write_text(
        template.replace("LIVE", live_server).replace("DEAD", dead_host), encoding="utf-8"
    )
    lines = (data / "catalog.yaml").read_text(encoding="utf-8").splitlines()

    def line_of(fragment: str) -> int:
        return next(n for n, text in enumerate(lines, start=1) if fragment in text)

    app = make_app(*args, **kwargs)
    app.build()
    results = {
        json.loads(line)["uri"]: json.loads(line) for line in (app.outdir / "output.json").read_text().splitlines()
    }
    assert results[f"http://{live_server}/ok"]["status"] == "working"
    assert results[f"http://{live_server}/missing"]["status"] == "broken"
    assert results[f"http://{dead_host}/list"]["status"] == "broken"

    report = json.loads((app.outdir / "catalog-links.json").read_text(encoding="utf-8"))
    found = {(row["record"], row["line"], row["status"], row["uri"]) for row in report}
    assert found == {
        ("gone-course", line_of("/missing"), "broken", f"http://{live_server}/missing"),
        ("dead-host", line_of("/list"), "broken", f"http://{dead_host}/list"),
    }
    text = (app.outdir / "catalog-links.txt").read_text(encoding="utf-8")
    assert re.search(
        rf"catalog\.yaml:{line_of('/missing')}: gone-course: broken url http://{live_server}/missing \(404", text
    )
    assert f"catalog.yaml:{line_of('/list')}: dead-host: broken url http://{dead_host}/list" in text
    assert "live-course" not in text
    # Sphinx itself fails the build on broken links, so the scheduled check goes red.
    assert app.statuscode == 1


def test_site_linkcheck_configuration_is_deliberate() -> None:
    """Timeouts, retries and rate limits are set, and every skipped host says why."""
    namespace: dict[str, object] = {"__file__": str(REPO / "conf.py")}
    exec(compile((REPO / "conf.py").read_text(encoding="utf-8"), "conf.py", "exec"), namespace)
    # Long enough for slow university servers, short enough for a weekly job of a few hundred links.
    assert 10 <= namespace["linkcheck_timeout"] <= 60
    assert 1 <= namespace["linkcheck_retries"] <= 3
    assert 0 < namespace["linkcheck_rate_limit_timeout"] <= 300
    skipped = namespace["LINKCHECK_SKIPPED"]
    assert namespace["linkcheck_ignore"] == list(skipped)
    for pattern, reason in skipped.items():
        # Each skips one host, never a link elsewhere that merely mentions it, and says why.
        host = re.match(r"https://((?:[a-z0-9-]+\\\.)+[a-z]+)[/\\]", pattern)
        assert host, f"{pattern!r} does not start with one https host"
        name = host.group(1).replace("\\.", ".")
        assert re.match(pattern, f"https://{name}/" + ("results?q=x" if "results" in pattern else "a/b"))
        assert not re.match(pattern, f"https://example.org/{name}/a")
        assert len(reason.split()) >= 5, pattern
