"""After a ``linkcheck`` build: name the record and data-file line behind every bad link.

Sphinx reports a broken link at the page and line of the directive that rendered it, which
is not where a contributor fixes it. This report maps each bad address back to the record
id and the line of ``_data/catalog.yaml`` that holds it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..site.builders import is_link_check
from ..site.domain import get_catalog

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: Sphinx linkcheck statuses that need a person's attention.
BAD = ("broken", "timeout")
REPORT = "catalog-links"


def write_report(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_link_check(app.builder):
        return
    output = Path(app.outdir, "output.json")
    if not output.exists():  # pragma: no cover - linkcheck always writes it
        return
    catalog = get_catalog(app.env)
    where: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for record in catalog.records():
        for link in record.all_links:
            where[link.url].append((record.id, "url", link.line))
            if link.archive:
                where[link.archive].append((record.id, "archive", link.line))

    rows: list[dict[str, Any]] = []
    for line in output.read_text(encoding="utf-8").splitlines():
        result = json.loads(line)
        if result.get("status") not in BAD:
            continue
        for record_id, field, data_line in where.get(result["uri"], []):
            rows.append(
                {
                    "file": catalog.path,
                    "line": data_line,
                    "record": record_id,
                    "field": field,
                    "uri": result["uri"],
                    "status": result["status"],
                    "code": result.get("code", 0),
                    "info": result.get("info", ""),
                }
            )
    rows.sort(key=lambda row: (row["line"], row["uri"]))
    unique = {json.dumps(row, sort_keys=True): row for row in rows}.values()
    Path(app.outdir, f"{REPORT}.json").write_text(
        json.dumps(list(unique), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    text = [
        f"{row['file']}:{row['line']}: {row['record']}: {row['status']} {row['field']} {row['uri']}"
        + (f" ({row['info']})" if row["info"] else "")
        for row in unique
    ]
    Path(app.outdir, f"{REPORT}.txt").write_text("\n".join(text) + ("\n" if text else ""), encoding="utf-8")
    if text:
        logger.info("")
        logger.info("Catalog links that need attention (record id and data-file line):")
        for entry in text:
            logger.info(entry, color="red")
    else:
        logger.info("All catalog links that were checked work.")
    logger.info("Catalog link report: %s", Path(app.outdir, f"{REPORT}.txt"))
